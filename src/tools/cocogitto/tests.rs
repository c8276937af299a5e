//! The cocogitto rules as plain function calls; expected answers are those of the real
//! `cog` 7.0.0 (reference histories, and experiments noted next to each case).

use semver::Version;

use super::*;
use crate::app::check::stored_commit;

fn rules(text: &str) -> Cocogitto {
    from_text("cog.toml", text).unwrap()
}

fn change(n: usize, message: &str) -> Change {
    Change {
        id: format!("{n:07x}{}", "0".repeat(33)),
        message: stored_commit(message.as_bytes(), 1),
        paths: Vec::new(),
        parent_count: 1,
        author: "Herald Test".into(),
        time: 1_704_067_260,
    }
}

/// The range from oldest-first messages.
fn range(messages: &[&str]) -> Vec<Change> {
    messages
        .iter()
        .enumerate()
        .map(|(n, m)| change(n + 1, m))
        .rev()
        .collect()
}

fn v(text: &str) -> Version {
    Version::parse(text).unwrap()
}

fn single() -> Target {
    Target {
        name: "repo".into(),
        format: TagFormat::new("v{version}", None),
        paths: None,
        recorded: None,
        pre_releases: false,
        untagged: None,
    }
}

fn next(rules: &Cocogitto, current: Option<&str>, messages: &[&str]) -> String {
    let current = current.map(v);
    decide::decide(rules, &single(), &range(messages), current.as_ref(), &[])
        .next
        .map_or("none".into(), |n| n.to_string())
}

#[test]
fn only_feat_and_fix_release_by_default() {
    let cog = rules("tag_prefix = \"v\"\n");
    let cases = [
        ("perf: x", "none"),                              // a
        ("refactor: x", "none"),                          // b
        ("docs: x", "none"),                              // c
        ("feat: x\n\nBREAKING-CHANGE: y", "2.0.0"),       // g
        ("revert: feat: old thing", "none"),              // h1
        ("Revert \"feat: old thing\"", "none"),           // h2 (exit 1)
        ("Feat: capitalised type", "1.5.0"),              // l1
        ("feat(api)!: x\n\nBREAKING CHANGE: y", "2.0.0"), // l2
        ("fix: x\n\nbreaking change: y", "1.4.3"),        // l3
        ("fix: x\n\nfeat: something", "1.4.3"),           // n
        ("chore(deps): bump x", "none"),                  // q
        ("feat!: x", "2.0.0"),                            // s
        ("update readme", "none"),                        // t (exit 1)
        ("docs!: x", "2.0.0"),                            // u
        ("feature: x", "none"),                           // x (exit 1)
    ];
    for (message, expected) in cases {
        assert_eq!(next(&cog, Some("1.4.2"), &[message]), expected, "{message}");
    }
    assert_eq!(
        next(
            &cog,
            Some("1.4.2"),
            &["feat: thing", "Revert \"feat: thing\""]
        ),
        "1.5.0"
    ); // k
}

#[test]
fn zero_major_never_bumps_the_major() {
    let cog = rules("");
    assert_eq!(next(&cog, Some("0.4.2"), &["feat!: x"]), "0.5.0"); // d
    assert_eq!(next(&cog, Some("0.4.2"), &["fix!: x"]), "0.4.3"); // e
    assert_eq!(next(&cog, Some("0.4.2"), &["feat: x"]), "0.5.0"); // f
    assert_eq!(next(&cog, Some("0.0.3"), &["feat!: x"]), "0.1.0"); // v
    assert_eq!(next(&cog, Some("0.4.2"), &["docs!: x"]), "none"); // measured
    // No tag: 0.0.0 over every commit.
    assert_eq!(next(&cog, None, &["feat: first", "fix: second"]), "0.1.0"); // i
    assert_eq!(next(&cog, None, &["fix: only a fix"]), "0.0.1"); // i2
    assert_eq!(next(&cog, None, &["feat!: breaking first"]), "0.1.0"); // i3
}

#[test]
fn unparsed_ranges_are_cogs_error() {
    let cog = rules("");
    let decision = decide::decide(
        &cog,
        &single(),
        &range(&["update readme"]),
        Some(&v("1.4.2")),
        &[],
    );
    assert_eq!(decision.next, None);
    assert!(
        decision.warnings.iter().any(|w| w.text.contains("exit 1")),
        "{:?}",
        decision.warnings
    );
    assert_eq!(decision.readings[0].parsed, "skipped");
    let decision = decide::decide(
        &cog,
        &single(),
        &range(&["docs: x"]),
        Some(&v("1.4.2")),
        &[],
    );
    assert!(decision.warnings.is_empty());
    assert_eq!(decision.readings[0].because, "`docs` does not bump");
}

#[test]
fn commit_types_scopes_and_merges() {
    let custom = rules(
        "[commit_types]\nperf = { bump_patch = true }\nhotfix = { changelog_title = \"Hotfixes\", bump_patch = true }\nfeat = {}\n",
    );
    assert_eq!(next(&custom, Some("1.4.2"), &["perf: x"]), "1.4.3");
    assert_eq!(next(&custom, Some("1.4.2"), &["hotfix: x"]), "1.4.3");
    assert_eq!(
        next(&custom, Some("1.4.2"), &["feat: x"]),
        "none",
        "feat = {{}} removes feat"
    );
    let scoped = rules("scopes = [\"api\"]\n");
    assert_eq!(next(&scoped, Some("1.4.2"), &["feat(zzz): y"]), "none"); // measured: exit 1
    assert_eq!(next(&scoped, Some("1.4.2"), &["feat(api): y"]), "1.5.0");
    let mut merge = change(9, "feat: merged as a conventional message");
    merge.parent_count = 2;
    let merges = rules("ignore_merge_commits = true\n");
    let decision = decide::decide(&merges, &single(), &[merge.clone()], Some(&v("1.4.2")), &[]);
    assert_eq!(decision.next, None);
    let decision = decide::decide(&rules(""), &single(), &[merge], Some(&v("1.4.2")), &[]);
    assert_eq!(decision.next, Some(v("1.5.0")));
}

fn tag(name: &str, change: &Change) -> Tag {
    Tag {
        name: name.into(),
        version: v(name.trim_start_matches('v')),
        target: change.id.clone(),
    }
}

#[test]
fn never_below_a_pre_release_in_the_range() {
    let cog = rules("tag_prefix = \"v\"\n");
    // Measured: v1.4.2, feat!, v2.0.0-rc.1, fix → v2.0.0; with docs instead of fix → v2.0.0.
    let changes = range(&["feat!: big", "fix: y"]);
    let tags = [tag("v2.0.0-rc.1", &changes[1])];
    let decision = decide::decide(&cog, &single(), &changes, Some(&v("1.4.2")), &tags);
    assert_eq!(decision.next, Some(v("2.0.0")));
    let changes = range(&["feat!: big", "docs: y"]);
    let tags = [tag("v2.0.0-rc.1", &changes[1])];
    assert_eq!(
        decide::decide(&cog, &single(), &changes, Some(&v("1.4.2")), &tags).next,
        Some(v("2.0.0"))
    );
    // o: only v1.4.2-rc.1 on the first commit; the first commit is left out of the range.
    let mut changes = range(&["chore: initial commit", "fix: x"]);
    changes[1].parent_count = 0;
    let tags = [tag("v1.4.2-rc.1", &changes[1])];
    let decision = decide::decide(&cog, &single(), &changes, None, &tags);
    assert_eq!(decision.next, Some(v("1.4.2")));
    assert_eq!(decision.noted, [0], "the tagged first commit is not listed");
    // Measured: the tagged first commit is kept when it is HEAD (cog's range of one commit).
    let mut changes = range(&["chore: initial commit"]);
    changes[0].parent_count = 0;
    let tags = [tag("v1.4.2-rc.1", &changes[0])];
    let decision = decide::decide(&cog, &single(), &changes, None, &tags);
    assert_eq!(decision.next, Some(v("1.4.2")));
    assert_eq!(
        decision.noted,
        [0],
        "the first commit, being HEAD, is listed"
    );
    // Nothing parses: cog stops (exit 1) even with a pre-release in the range.
    let changes = range(&["update readme"]);
    let tags = [tag("v1.4.2-rc.1", &changes[0])];
    assert_eq!(
        decide::decide(&cog, &single(), &changes, None, &tags).next,
        None
    );
}

fn notes_of(rules: &Cocogitto, messages: &[&str], tag: &str) -> String {
    let changes = range(messages);
    let decision = decide::decide(rules, &single(), &changes, Some(&v("1.4.2")), &[]);
    let version = v("2.0.0");
    notes::render_release(
        rules,
        &Release {
            version: &version,
            tag,
            previous_tag: Some("v1.4.2"),
            previous_id: None,
            date: "2026-11-25",
            timestamp: 0,
            forge: None,
            remote: None,
            changes: &changes,
            noted: &decision.noted,
        },
    )
}

#[test]
fn entries_by_scope_then_unscoped_newest_first() {
    // Measured with cog 7.0.0: scoped entries by scope name, each scope newest first, then
    // the unscoped ones newest first.
    let cog = rules("tag_prefix = \"v\"\n");
    let text = notes_of(
        &cog,
        &[
            "feat: a",
            "feat: b",
            "feat(z): c",
            "feat(a): d",
            "feat(z): e",
            "fix: f",
            "feat(b): g",
        ],
        "v1.5.0",
    );
    assert_eq!(
        text,
        "## v1.5.0 - 2024-01-01\n#### Features\n- (**a**) d - (0000004) - Herald Test\n- (**b**) g - (0000007) - Herald Test\n- (**z**) e - (0000005) - Herald Test\n- (**z**) c - (0000003) - Herald Test\n- b - (0000002) - Herald Test\n- a - (0000001) - Herald Test\n#### Bug Fixes\n- f - (0000006) - Herald Test\n"
    );
}

#[test]
fn authors_coauthors_and_custom_groups() {
    let cog = rules(
        "[commit_types]\nhotfix = { changelog_title = \"Hotfixes\", bump_patch = true }\ndeps = { changelog_title = \"Dependencies\", order = 20 }\n[changelog]\nauthors = [ { signature = \"Herald Test\", username = \"htest\" }, { signature = \"Jane Doe\", username = \"jdoe\" } ]\n",
    );
    let text = notes_of(
        &cog,
        &[
            "feat: a\n\nCo-authored-by: Jane Doe <jane@x.org>\nCo-authored-by: Bob <bob@x.org>",
            "hotfix: urgent",
            "deps: bump",
        ],
        "v1.5.0",
    );
    assert_eq!(
        text,
        "## v1.5.0 - 2024-01-01\n#### Hotfixes\n- urgent - (0000002) - *htest*\n#### Features\n- a - (0000001) - *htest*, *jdoe*, *Bob*\n#### Dependencies\n- bump - (0000003) - *htest*\n"
    );
}

#[test]
fn omitted_types_still_show_breaking_changes() {
    let cog = rules("[commit_types]\nchore = { omit_from_changelog = true }\n");
    let text = notes_of(&cog, &["chore: quiet", "chore!: loud", "fix: x"], "v2.0.0");
    assert!(!text.contains("quiet"), "{text}");
    assert!(text.contains("BREAKING</span>loud"), "{text}");
}

#[test]
fn configuration_errors() {
    assert!(
        from_text("cog.toml", "[changelog]\nremote = \"github.com\"\n")
            .unwrap_err()
            .to_string()
            .contains("`remote`, `owner` and `repository`")
    );
    assert!(
        from_text("cog.toml", "[changelog]\ntemplate = \"remote\"\n")
            .unwrap_err()
            .to_string()
            .contains("template = \"remote\" needs")
    );
    let custom = from_text("cog.toml", "[changelog]\ntemplate = \"my.tera\"\n").unwrap();
    assert!(custom.notices[0].contains("my.tera"));
    let error = from_text(
        "cog.toml",
        "[monorepo.packages.a]\npath = \"a\"\ninclude = [\"[\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("[monorepo.packages.a]"), "{error}");
}

#[test]
fn monorepo_targets_and_tags() {
    let cog = rules(
        "tag_prefix = \"v\"\n[monorepo.packages.b]\npath = \"pkg-b\"\nbump_order = 1\n[monorepo.packages.a]\npath = \"pkg-a\"\n",
    );
    let targets = cog.targets("repo");
    let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["a", "b", "global"],
        "bump_order None sorts first, as Option does"
    );
    assert_eq!(targets[0].format.render(&v("0.1.0")), "a-v0.1.0");
    assert_eq!(
        targets[0].paths.as_deref(),
        Some(&["pkg-a/**".to_string()][..])
    );
    assert_eq!(targets[2].format.render(&v("1.5.0")), "v1.5.0");
    let no_global =
        rules("generate_mono_repository_global_tag = false\n[monorepo.packages.a]\npath = \"a\"\n");
    assert_eq!(no_global.targets("repo").len(), 1);
}

fn warned(rules: &Cocogitto, message: &str) -> Vec<&'static str> {
    warnings::commit_warnings(rules, &stored_commit(message.as_bytes(), 1), None)
        .iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn commit_time_warnings() {
    let cog = rules("");
    assert_eq!(warned(&cog, "perf: faster"), ["engine-no-release"]);
    assert_eq!(warned(&cog, "refactor: tidy"), ["engine-no-release"]);
    assert!(warned(&cog, "docs: readme").is_empty());
    assert_eq!(warned(&cog, "feature: x"), ["engine-commit-skipped"]);
    assert_eq!(warned(&cog, "feat!: x"), ["engine-breaking-zero"]);
    assert!(warned(&cog, "feat: x").is_empty());
    assert!(
        warned(&cog, "Feat: x").is_empty(),
        "cocogitto reads Feat as feat"
    );
    let perf = rules("[commit_types]\nperf = { bump_patch = true }\n");
    assert!(warned(&perf, "perf: faster").is_empty());
}
