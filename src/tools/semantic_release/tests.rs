//! The engine's decisions on commit lists, and its pure helpers (no git).

use semver::Version;
use serde_json::json;

use super::filter::RevertFacts;
use super::remote::Remote;
use super::*;
use crate::model::Change;
use crate::model::ReasonKind;

fn change(index: usize, text: &str) -> Change {
    Change {
        id: format!("{index:0>40}"),
        message: crate::model::message::parse(text),
        paths: Vec::new(),
        parent_count: 1,
        author: "Ada".into(),
        time: 0,
    }
}

/// The range for messages given oldest first (the engine takes newest first).
fn range(messages: &[&str]) -> Vec<Change> {
    let mut changes: Vec<Change> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| change(i + 1, m))
        .collect();
    changes.reverse();
    changes
}

fn target() -> Target {
    Target {
        name: "repo".into(),
        format: TagFormat::new("v{version}", None),
        paths: None,
        recorded: None,
        pre_releases: false,
        untagged: None,
    }
}

fn engine(config: serde_json::Value) -> SemanticRelease {
    SemanticRelease::new(Settings::from_value(&config, None))
}

fn next(engine: &SemanticRelease, current: Option<&str>, messages: &[&str]) -> Option<String> {
    let current = current.map(|v| Version::parse(v).unwrap());
    engine
        .decide(&target(), &range(messages), current.as_ref(), &[], None)
        .next
        .map(|v| v.to_string())
}

#[test]
fn no_zero_major_rule_and_a_first_release_needs_a_release() {
    let angular = engine(json!({}));
    assert_eq!(
        next(&angular, Some("0.4.2"), &["fix: x\n\nBREAKING CHANGE: y"]).as_deref(),
        Some("1.0.0")
    );
    assert_eq!(
        next(&angular, Some("0.4.2"), &["feat: x"]).as_deref(),
        Some("0.5.0")
    );
    assert_eq!(next(&angular, None, &["fix: x"]).as_deref(), Some("1.0.0"));
    assert_eq!(next(&angular, None, &["feat!: x", "docs: y"]), None);
    assert_eq!(next(&angular, Some("1.4.2"), &[]), None);
}

#[test]
fn pre_release_types_from_rules() {
    let rules = engine(json!({"releaseRules": [{"type": "exp", "release": "preminor"}]}));
    assert_eq!(
        next(&rules, Some("1.4.2"), &["exp: try"]).as_deref(),
        Some("1.5.0-0")
    );
    assert_eq!(
        next(&rules, Some("1.4.2"), &["exp: try", "feat: x"]).as_deref(),
        Some("1.5.0")
    );
    let rules = engine(json!({"releaseRules": [{"type": "exp", "release": "prerelease"}]}));
    assert_eq!(
        next(&rules, Some("1.4.2"), &["exp: try"]).as_deref(),
        Some("1.4.3-0")
    );
}

#[test]
fn reverted_pairs_drop_out_only_with_the_full_id() {
    let angular = engine(json!({}));
    let full = format!("{:0>40}", 1);
    let changes = range(&[
        "feat: thing",
        &format!("Revert \"feat: thing\"\n\nThis reverts commit {full}."),
    ]);
    let decision = angular.decide(&target(), &changes, Some(&Version::new(1, 4, 2)), &[], None);
    assert_eq!(decision.next, None);
    assert!(decision.readings[0].because.contains("both drop out"));
    assert!(decision.noted.is_empty());
    let short = &full[..7];
    let changes = range(&[
        "feat: thing",
        &format!("revert: feat: thing\n\nThis reverts commit {short}."),
    ]);
    let decision = angular.decide(&target(), &changes, Some(&Version::new(1, 4, 2)), &[], None);
    assert_eq!(decision.next, Some(Version::new(1, 5, 0)));
    assert_eq!(decision.noted, vec![0, 1]);
}

#[test]
fn a_revert_of_a_commit_outside_holds_the_rest_in_order() {
    let messages = [
        "feat: thing".to_string(),
        "feat: a".to_string(),
        format!("Revert \"feat: thing\"\n\nThis reverts commit {:0>40}.", 1),
        format!("Revert \"feat: gone\"\n\nThis reverts commit {:0>40}.", 99),
        "fix: b".to_string(),
    ];
    let texts: Vec<&str> = messages.iter().map(String::as_str).collect();
    let changes = range(&texts);
    let options = super::parser::ParserOptions::default();
    let facts: Vec<_> = changes
        .iter()
        .map(|c| {
            let parsed = super::parser::parse(&c.message.text, &options)?;
            Some(RevertFacts::of(&parsed, &options.revert_correspondence))
        })
        .collect();
    let (kept, pairs) = super::filter::filter_reverted(&changes, |index| facts[index].as_ref());
    assert_eq!(kept, vec![0, 1, 3]);
    assert_eq!(pairs, vec![(2, 4)]);
}

#[test]
fn reasons_and_readings() {
    let angular = engine(json!({}));
    let changes = range(&[
        "feat(api): x",
        "feat!: y",
        "chore: z\n\nBREAKING CHANGE: w",
        "Merge branch 'x'",
    ]);
    let decision = angular.decide(&target(), &changes, Some(&Version::new(1, 4, 2)), &[], None);
    assert_eq!(decision.bump, Bump::Major);
    assert_eq!(decision.reasons[0].kind, ReasonKind::Breaking);
    assert_eq!(decision.reasons[0].kind_of_change.as_deref(), Some("chore"));
    assert_eq!(decision.reasons[1].kind_of_change.as_deref(), Some("feat"));
    let parsed: Vec<&str> = decision
        .readings
        .iter()
        .map(|r| r.parsed.as_str())
        .collect();
    assert_eq!(
        parsed,
        ["no type", "chore +BREAKING", "no type", "feat(api)"]
    );
    assert!(decision.readings[2].because.contains("does not read `!`"));
    // The notes list the chore (it has a note) and the feature, not `feat!:`.
    assert_eq!(decision.noted, vec![1, 3]);
}

#[test]
fn release_false_resets_a_higher_match() {
    // commit-analyzer keeps the last matching rule when it says `false`.
    let rules = engine(json!({"releaseRules": [
        {"type": "fix", "release": "patch"},
        {"scope": "quiet", "release": false}
    ]}));
    assert_eq!(next(&rules, Some("1.4.2"), &["fix(quiet): x"]), None);
    assert_eq!(
        next(&rules, Some("1.4.2"), &["fix(loud): x"]).as_deref(),
        Some("1.4.3")
    );
}

#[test]
fn repository_urls_as_the_notes_generator_splits_them() {
    let cases = [
        (
            "https://github.com/owner/repo.git",
            "https://github.com",
            "owner",
            "repo",
        ),
        (
            "git@github.com:owner/repo.git",
            "https://github.com",
            "owner",
            "repo",
        ),
        (
            "ssh://git@github.com:22/owner/repo.git",
            "https://github.com",
            "owner",
            "repo",
        ),
        (
            "https://token@gitlab.com/group/sub/repo.GIT",
            "https://gitlab.com",
            "group",
            "sub/repo",
        ),
        (
            "http://git.example.com:8080/team/app",
            "http://git.example.com:8080",
            "team",
            "app",
        ),
        (
            "git+https://github.com/owner/repo.git",
            "https://github.com",
            "owner",
            "repo",
        ),
    ];
    for (url, host, owner, repository) in cases {
        let remote = Remote::parse(Some(url));
        assert_eq!(remote.host.as_deref(), Some(host), "{url}");
        assert_eq!(remote.owner.as_deref(), Some(owner), "{url}");
        assert_eq!(remote.repository.as_deref(), Some(repository), "{url}");
    }
    assert_eq!(Remote::parse(Some("/srv/git/repo.git")), Remote::default());
    assert_eq!(Remote::parse(None), Remote::default());
    let bitbucket = Remote::parse(Some("https://bitbucket.org/team/repo.git"));
    assert_eq!(bitbucket.host_config().commit, "commits");
    assert_eq!(bitbucket.host_config().issue, "issue");
}

#[test]
fn changelog_file_like_the_changelog_plugin() {
    let v = Version::new(1, 1, 0);
    let notes = "# [1.1.0](link) (2026-01-02)\n\n\n### Features\n\n* x\n";
    assert_eq!(changelog_file::insert("", notes, &v, None), notes);
    let old = "## [1.0.1](link) (2026-01-01)\n\n\n### Bug Fixes\n\n* y\n";
    let once = changelog_file::insert(old, notes, &v, None);
    assert_eq!(once, format!("{notes}\n{old}"));
    assert_eq!(changelog_file::insert(&once, notes, &v, None), once);
    let titled = changelog_file::insert(old, notes, &v, Some("# Changelog"));
    assert_eq!(titled, format!("# Changelog\n\n{notes}\n{old}"));
    assert_eq!(
        changelog_file::insert(&titled, notes, &v, Some("# Changelog")),
        titled
    );
}

#[test]
fn branch_warnings() {
    let defaults = engine(json!({}));
    assert_eq!(defaults.branch_warning(Some("main")), None);
    assert_eq!(defaults.branch_warning(None), None);
    assert!(
        defaults
            .branch_warning(Some("topic"))
            .unwrap()
            .text
            .contains("master, main")
    );
    assert!(
        defaults
            .branch_warning(Some("2.x"))
            .unwrap()
            .text
            .contains("maintenance")
    );
    let globbed = engine(json!({"branches": ["release/*", {"name": "rc", "prerelease": "rc"}]}));
    assert_eq!(globbed.branch_warning(Some("release/2026")), None);
    assert!(
        globbed
            .branch_warning(Some("rc"))
            .unwrap()
            .text
            .contains("--pre rc")
    );
}

mod listing {
    //! The commits the notes list, as decided beside the release type (sharing the
    //! analyzer's parse where that lists alike), against the notes' own pipeline.

    use proptest::prelude::*;
    use serde_json::json;

    use super::super::notes::{layout, lists, note_commits, render};
    use super::super::remote::Remote;
    use super::*;

    const HEADERS: &[&str] = &[
        "feat: add",
        "fix(api): mend",
        "perf: faster",
        "docs: words",
        "chore(deps)!: bump",
        "Revert \"feat: add\"",
        "revert: feat: add",
        "FEAT: shout",
        "just words",
    ];

    /// Lines that are references under some hosts and not others, notes, markers, and
    /// the conventionalcommits preset's `Release-As:`.
    const LINES: &[&str] = &[
        "",
        "some body words",
        "BREAKING CHANGE: gone",
        "breaking-change: also gone",
        "Closes #12",
        "fixes gh-3",
        "resolving #4",
        "closing gh-9",
        "see owner/repo#5",
        "gh-7 on its own",
        "Release-As: 2.0.0",
        "release-as:",
        "2.0.0",
        "2.0.0 gh-4",
        "2.0.0 closes #4",
        "2.0.0 fixes gh-4",
        "2.0.0 see https://x.com fixing #4",
        "see https://x.com fixing #4",
        "RELEAſE-AS: 3.0.0",
        "This reverts commit 0000000000000000000000000000000000000001.",
        "---",
        "-hash-",
    ];

    fn configs() -> Vec<serde_json::Value> {
        let hosts = [
            None,
            Some("https://github.com/o/r"),
            Some("https://gitlab.com/o/r"),
            Some("https://bitbucket.org/o/r"),
        ];
        let presets = [
            json!({}),
            json!({"preset": "conventionalcommits"}),
            json!({"preset": "conventionalcommits", "parserOpts": {"issuePrefixes": ["gh-"]}}),
            json!({"plugins": [
                ["@semantic-release/commit-analyzer", {"preset": "conventionalcommits"}],
                "@semantic-release/release-notes-generator"
            ]}),
            json!({"plugins": [
                "@semantic-release/commit-analyzer",
                ["@semantic-release/release-notes-generator", {"parserOpts": {"noteKeywords": ["NOTE"]}}]
            ]}),
        ];
        let mut configs = Vec::new();
        for host in hosts {
            for preset in &presets {
                let mut config = preset.clone();
                if let Some(url) = host {
                    config["repositoryUrl"] = json!(url);
                }
                configs.push(config);
            }
        }
        configs
    }

    /// The notes rendered from the commits deciding listed are the notes rendered from the
    /// whole range, whatever the origin remote beside the configured `repositoryUrl`.
    #[test]
    fn notes_from_the_listed_commits_are_the_notes_of_the_whole_range() {
        let origins = [
            None,
            Some("https://github.com/o/r"),
            Some("https://gitlab.com/o/r"),
        ];
        on_random_ranges(|changes, engine, config| {
            for origin in origins {
                let noted = engine.decide(&target(), changes, None, &[], origin).noted;
                let release = release(changes, &noted, origin);
                prop_assert_eq!(
                    render(engine, &release),
                    notes_of_the_whole_range(engine, &release),
                    "{} with origin {:?}",
                    config,
                    origin
                );
            }
            Ok(())
        });
    }

    /// With no `repositoryUrl`, the notes take their links and reference settings from the
    /// `origin` remote, and so does deciding's list: GitHub's `fixing #4` keeps this
    /// revert's `Release-As:` whole, and the conventionalcommits preset lists it.
    #[test]
    fn deciding_lists_with_the_origin_the_notes_read() {
        let engine = engine(json!({"preset": "conventionalcommits"}));
        let message = "Revert \"feat: add\"\nrelease-as:\n2.0.0 see https://x.com fixing #4";
        let changes = range(&[message]);
        let github = Some("https://github.com/o/r");
        assert!(
            engine
                .decide(&target(), &changes, None, &[], None)
                .noted
                .is_empty()
        );
        let noted = engine.decide(&target(), &changes, None, &[], github).noted;
        assert_eq!(noted, vec![0]);
        let notes = render(&engine, &release(&changes, &noted, github));
        assert!(
            notes.contains("* Revert \"feat: add\" release-as: 2.0.0"),
            "{notes}"
        );
    }

    fn release<'a>(
        changes: &'a [Change],
        noted: &'a [usize],
        origin: Option<&'a str>,
    ) -> Release<'a> {
        static VERSION: Version = Version::new(1, 1, 0);
        Release {
            version: &VERSION,
            tag: "v1.1.0",
            previous_tag: Some("v1.0.0"),
            previous_id: None,
            date: "2026-01-01",
            timestamp: 0,
            forge: None,
            remote: origin,
            changes,
            noted,
        }
    }

    /// The notes as the plugin renders them from its own reading of the whole range.
    fn notes_of_the_whole_range(engine: &SemanticRelease, release: &Release) -> String {
        let plugin = engine.settings.notes.as_ref().unwrap();
        let remote = Remote::parse(engine.repository_url(release.remote).as_deref());
        let commits: Vec<_> = note_commits(plugin, release.changes, &remote)
            .into_iter()
            .map(|(_, commit)| commit)
            .collect();
        layout(plugin, release, &remote, &commits)
    }

    /// The notes plugin's own reading: its parse of every commit, its filter, its preset.
    fn listed_by_the_notes(engine: &SemanticRelease, changes: &[Change]) -> Vec<usize> {
        let plugin = engine.settings.notes.as_ref().unwrap();
        let remote = Remote::parse(engine.settings.repository_url.as_deref());
        note_commits(plugin, changes, &remote)
            .into_iter()
            .filter(|(_, commit)| lists(plugin, commit))
            .map(|(index, _)| index)
            .collect()
    }

    fn message() -> impl Strategy<Value = String> {
        (
            prop::sample::select(HEADERS),
            prop::collection::vec(prop::sample::select(LINES), 0..7),
        )
            .prop_map(|(header, lines)| {
                let mut text = header.to_string();
                for line in lines {
                    text.push('\n');
                    text.push_str(line);
                }
                text
            })
    }

    /// `Release-As:` forces a hidden type into the conventionalcommits notes, searched in
    /// the body and the footer apart. The notes read `fixing` as a reference verb (the
    /// analyzer does not), so for them `#4` is a reference outside the URL's sentence: the
    /// line goes to the footer, away from the words before it, which the analyzer's parse
    /// keeps together in the body.
    #[test]
    fn a_release_as_split_by_a_reference_only_the_notes_see() {
        let engine = engine(json!({"preset": "conventionalcommits"}));
        let changes = range(&[
            "chore: x\nrelease-as:\n2.0.0 see https://x.com fixing #4",
            "chore: y\nrelease-as: 2.0.0",
        ]);
        let decided = engine.decide(&target(), &changes, None, &[], None).noted;
        assert_eq!(decided, vec![0]);
        assert_eq!(decided, listed_by_the_notes(&engine, &changes));
    }

    #[test]
    fn the_commits_listed_beside_the_release_type_are_the_notes_own() {
        on_random_ranges(|changes, engine, config| {
            let decided = engine.decide(&target(), changes, None, &[], None).noted;
            prop_assert_eq!(decided, listed_by_the_notes(engine, changes), "{}", config);
            Ok(())
        });
    }

    /// Runs `check` over 64 random ranges of up to 8 commits, with each configuration.
    fn on_random_ranges(
        check: impl Fn(&[Change], &SemanticRelease, &serde_json::Value) -> Result<(), TestCaseError>,
    ) {
        let engines: Vec<_> = configs()
            .into_iter()
            .map(|c| (engine(c.clone()), c))
            .collect();
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
        let messages = prop::collection::vec(message(), 1..8);
        let outcome = runner.run(&messages, |messages| {
            let messages: Vec<&str> = messages.iter().map(String::as_str).collect();
            let changes = range(&messages);
            for (engine, config) in &engines {
                check(&changes, engine, config)?;
            }
            Ok(())
        });
        outcome.unwrap();
    }
}
