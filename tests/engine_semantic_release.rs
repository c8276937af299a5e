//! The semantic-release engine on real repositories: detection from every configuration
//! form, the versions semantic-release 25.0.9 computes (the reference histories a–z, for the
//! angular and conventionalcommits presets), the notes byte for byte, and the commit-time
//! warnings.

mod common;

use std::process::Command;

use common::{TestRepo, code, herald_bin, stderr, stdout};

const ANGULAR: &str = r#"{ "branches": ["main"] }"#;
const CONVENTIONALCOMMITS: &str = r#"{
  "branches": ["main"],
  "plugins": [
    ["@semantic-release/commit-analyzer", { "preset": "conventionalcommits" }],
    ["@semantic-release/release-notes-generator", { "preset": "conventionalcommits" }]
  ]
}"#;

/// A repository configured for semantic-release, released as `v{version}` when given.
fn repo_with(config: &str, version: Option<&str>) -> TestRepo {
    let repo = TestRepo::new();
    repo.write(".releaserc.json", config);
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    if let Some(version) = version {
        repo.commit("chore: initial commit")
            .tag(&format!("v{version}"));
    }
    repo
}

/// A reference history: name, start tag, messages oldest first, and the next version under
/// the angular and the conventionalcommits preset ("" for no release).
type History = (
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    &'static str,
    &'static str,
);

const HISTORIES: &[History] = &[
    ("a", Some("1.4.2"), &["perf: x"], "1.4.3", "1.4.3"),
    ("b", Some("1.4.2"), &["refactor: x"], "", ""),
    ("c", Some("1.4.2"), &["docs: x"], "", ""),
    ("d", Some("0.4.2"), &["feat!: x"], "", "1.0.0"),
    ("e", Some("0.4.2"), &["fix!: x"], "", "1.0.0"),
    ("f", Some("0.4.2"), &["feat: x"], "0.5.0", "0.5.0"),
    (
        "g",
        Some("1.4.2"),
        &["feat: x\n\nBREAKING-CHANGE: y"],
        "1.5.0",
        "2.0.0",
    ),
    (
        "h1",
        Some("1.4.2"),
        &[
            "revert: feat: old thing\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        ],
        "1.4.3",
        "1.4.3",
    ),
    (
        "h2",
        Some("1.4.2"),
        &[
            "Revert \"feat: old thing\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        ],
        "1.4.3",
        "1.4.3",
    ),
    ("h3", Some("1.4.2"), &["revert: x"], "", ""),
    ("i", None, &["feat: first", "fix: second"], "1.0.0", "1.0.0"),
    ("i2", None, &["fix: only a fix"], "1.0.0", "1.0.0"),
    ("i3", None, &["feat!: breaking first"], "", "1.0.0"),
    (
        "j",
        Some("1.4.2"),
        &["chore: a", "docs: b", "style: c", "test: d"],
        "",
        "",
    ),
    ("l1", Some("1.4.2"), &["Feat: capitalised type"], "", ""),
    (
        "l2",
        Some("1.4.2"),
        &["feat(api)!: x\n\nBREAKING CHANGE: y"],
        "2.0.0",
        "2.0.0",
    ),
    (
        "l3",
        Some("1.4.2"),
        &["fix: x\n\nbreaking change: y"],
        "2.0.0",
        "2.0.0",
    ),
    (
        "n",
        Some("1.4.2"),
        &["fix: x\n\nfeat: something"],
        "1.4.3",
        "1.4.3",
    ),
    (
        "nb",
        Some("1.4.2"),
        &["fix: x\n\nBEGIN_NESTED_COMMIT\nfeat(api): nested\nEND_NESTED_COMMIT"],
        "1.4.3",
        "1.4.3",
    ),
    ("q", Some("1.4.2"), &["chore(deps): bump x"], "", ""),
    (
        "ra",
        Some("1.4.2"),
        &["fix: x", "chore: release 3.0.0\n\nRelease-As: 3.0.0"],
        "1.4.3",
        "1.4.3",
    ),
    ("s", Some("1.4.2"), &["feat!: x"], "", "2.0.0"),
    ("t", Some("1.4.2"), &["update readme"], "", ""),
    ("u", Some("1.4.2"), &["docs!: x"], "", "2.0.0"),
    ("v", Some("0.0.3"), &["feat!: x"], "", "1.0.0"),
    ("x", Some("1.4.2"), &["feature: x"], "", ""),
    ("z", Some("1.4.2"), &[], "", ""),
    (
        "jshint",
        Some("1.4.2"),
        &["FEAT: upper case"],
        "1.5.0",
        "1.5.0",
    ),
];

fn check_histories(config: &str, preset: &str) {
    for (name, tag, messages, angular, conventional) in HISTORIES {
        let expected = if config == ANGULAR {
            angular
        } else {
            conventional
        };
        let repo = repo_with(config, *tag);
        for message in *messages {
            repo.commit(message);
        }
        assert_eq!(
            repo.next_version(&[]),
            *expected,
            "history {name} with {preset}"
        );
    }
}

#[test]
fn versions_of_the_reference_histories_under_angular() {
    check_histories(ANGULAR, "angular");
}

#[test]
fn versions_of_the_reference_histories_under_conventionalcommits() {
    check_histories(CONVENTIONALCOMMITS, "conventionalcommits");
}

#[test]
fn reverts_inside_the_range_cancel_out() {
    for config in [ANGULAR, CONVENTIONALCOMMITS] {
        // k: git's own revert of an in-range feature.
        let repo = repo_with(config, Some("1.4.2"));
        repo.commit("feat: thing");
        repo.git(&["revert", "--no-edit", "HEAD"]);
        assert_eq!(repo.next_version(&[]), "");
        // k2: a conventional revert naming the full id.
        let repo = repo_with(config, Some("1.4.2"));
        repo.commit("feat: thing");
        let sha = repo.head();
        repo.commit(&format!(
            "revert: feat: thing\n\nThis reverts commit {sha}."
        ));
        assert_eq!(repo.next_version(&[]), "");
        // A revert naming a commit outside the range is a patch.
        let repo = repo_with(config, Some("1.4.2"));
        repo.commit("fix: y").commit(
            "Revert \"feat: gone\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        );
        assert_eq!(repo.next_version(&[]), "1.4.3");
    }
}

/// semantic-release reads the range in `git log`'s default order: a revert dated before
/// the commit it reverts (clock skew, a rebased branch) can come after it, and then no
/// longer meets it, and both count (as semantic-release 25.0.9 answers this history).
#[test]
fn a_revert_dated_before_what_it_reverts_does_not_cancel_it() {
    let repo = repo_with(ANGULAR, Some("1.0.0"));
    repo.commit("feat: schema");
    let reverted = repo.head();
    repo.commit("fix: button");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.commit("fix: side");
    repo.git(&["checkout", "-q", "main"]);
    let mut revert = repo.git_command(repo.path());
    revert
        .env("GIT_AUTHOR_DATE", "1700000000 +0000")
        .env("GIT_COMMITTER_DATE", "1700000000 +0000")
        .args(["commit", "-q", "--allow-empty", "-m"])
        .arg(format!(
            "revert: feat: schema\n\nThis reverts commit {reverted}."
        ));
    assert!(revert.output().unwrap().status.success());
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "side"]);
    assert_eq!(repo.next_version(&[]), "1.1.0");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert!(notes.contains("### Features\n\n* schema ("), "{notes}");
    assert!(notes.contains("### Reverts\n\n* feat: schema ("), "{notes}");
}

#[test]
fn merged_commits_count_and_the_merge_does_not() {
    let repo = repo_with(ANGULAR, Some("1.4.2"));
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit("feat: from topic");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "topic"]);
    assert_eq!(repo.next_version(&[]), "1.5.0");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert!(notes.contains("### Features\n\n* from topic ("), "{notes}");
    assert!(!notes.contains("Merge"), "{notes}");
}

#[test]
fn pre_release_tags_are_not_a_last_release() {
    // o: only v1.4.2-rc.1: semantic-release analyses the whole history as a first release.
    let repo = repo_with(ANGULAR, None);
    repo.commit("chore: initial commit").tag("v1.4.2-rc.1");
    repo.commit("fix: x");
    assert_eq!(repo.next_version(&[]), "1.0.0");
    // y: the highest stable tag is the last release.
    let repo = repo_with(ANGULAR, Some("1.4.2"));
    repo.commit("feat(api): x").commit("fix(api): y");
    repo.annotated_tag("v1.5.0");
    repo.commit("fix: z");
    assert_eq!(repo.next_version(&[]), "1.5.1");
}

#[test]
fn tag_format_is_read() {
    let repo = repo_with(r#"{ "tagFormat": "release-${version}" }"#, None);
    repo.commit("chore: start")
        .tag("release-2.3.4")
        .tag("v9.0.0");
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["current_version"], "2.3.4");
    assert_eq!(component["next_tag"], "release-2.4.0");
    assert!(component["changelog"].as_str().unwrap().starts_with(
        "# [2.4.0](https://github.com/owner/repo/compare/release-2.3.4...release-2.4.0)"
    ));
    let repo = repo_with(r#"{ "tagFormat": "v" }"#, None);
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("tagFormat"), "{}", stderr(&output));
}

#[test]
fn release_rules_come_before_the_defaults() {
    let config = r#"{
      "plugins": [
        ["@semantic-release/commit-analyzer", {
          "releaseRules": [
            { "type": "docs", "scope": "README", "release": "patch" },
            { "type": "refactor", "release": "patch" },
            { "scope": "no-release", "release": false },
            { "subject": "*[force minor]*", "release": "minor" }
          ]
        }],
        "@semantic-release/release-notes-generator"
      ]
    }"#;
    let cases: &[(&str, &str)] = &[
        ("docs(README): x", "1.4.3"),
        ("docs(api): x", ""),
        ("refactor: x", "1.4.3"),
        ("feat(no-release): x", ""),
        ("fix(no-release): x\n\nBREAKING CHANGE: y", ""),
        ("chore: tidy [force minor] now", "1.5.0"),
        ("feat: still minor", "1.5.0"),
        ("fix: x\n\nBREAKING CHANGE: y", "2.0.0"),
    ];
    for (message, expected) in cases {
        let repo = repo_with(config, Some("1.4.2"));
        repo.commit(message);
        assert_eq!(repo.next_version(&[]), *expected, "{message}");
    }
}

#[test]
fn parser_options_and_presets_per_plugin() {
    // noteKeywords from parserOpts, given at the top level: every plugin gets them.
    let repo = repo_with(
        r#"{ "parserOpts": { "noteKeywords": ["BREAKING CHANGE", "BREAKING-CHANGE"] } }"#,
        Some("1.4.2"),
    );
    repo.commit("feat: x\n\nBREAKING-CHANGE: y");
    assert_eq!(repo.next_version(&[]), "2.0.0");
    // The version follows the analyzer's preset, the notes the generator's.
    let repo = repo_with(
        r#"{ "plugins": [
            ["@semantic-release/commit-analyzer", { "preset": "conventionalcommits" }],
            "@semantic-release/release-notes-generator" ] }"#,
        Some("1.4.2"),
    );
    repo.commit("feat(api)!: drop v1");
    assert_eq!(repo.next_version(&[]), "2.0.0");
    // The angular notes do not list a header they cannot read: only the heading remains
    // (checked with semantic-release 25.0.9).
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert_eq!(
        notes,
        "# [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-01-01)\n"
    );
    // Without the analyzer there is no release type at all.
    let repo = repo_with(
        r#"{ "plugins": ["@semantic-release/release-notes-generator"] }"#,
        Some("1.4.2"),
    );
    repo.commit("feat: x");
    assert_eq!(repo.next_version(&[]), "");
}

#[test]
fn detected_from_every_configuration_form() {
    let forms: &[(&str, &str, &str)] = &[
        (".releaserc", "{ \"branches\": [\"main\"] }", ".releaserc"),
        (
            ".releaserc",
            "branches:\n  - main\npreset: conventionalcommits\n",
            ".releaserc",
        ),
        (".releaserc.json", ANGULAR, ".releaserc.json"),
        (
            ".releaserc.yaml",
            "preset: conventionalcommits\n",
            ".releaserc.yaml",
        ),
        (
            ".releaserc.yml",
            "preset: conventionalcommits\n",
            ".releaserc.yml",
        ),
        (
            "package.json",
            r#"{ "name": "x", "release": { "preset": "conventionalcommits" } }"#,
            "package.json \"release\"",
        ),
        (".config/releaserc.json", "{}", ".config/releaserc.json"),
    ];
    for (file, content, source) in forms {
        let repo = TestRepo::new();
        repo.write(file, content);
        repo.commit("chore: start").tag("v1.4.2");
        repo.commit("feat!: x");
        let json = repo.preview_json(&[]);
        assert_eq!(json["engine"], "semantic-release", "{file}");
        assert_eq!(json["engine_source"], *source, "{file}");
        let expected = if content.contains("conventionalcommits") {
            "2.0.0"
        } else {
            ""
        };
        assert_eq!(repo.next_version(&[]), expected, "{file}: {content}");
    }
}

#[test]
fn javascript_configuration_is_named_and_defaults_assumed() {
    for file in [
        ".releaserc.js",
        ".releaserc.cjs",
        "release.config.js",
        "release.config.mjs",
    ] {
        let repo = TestRepo::new();
        repo.write(
            file,
            "module.exports = { preset: 'conventionalcommits' };\n",
        );
        repo.commit("chore: start").tag("v1.4.2");
        repo.commit("feat: x");
        let json = repo.preview_json(&[]);
        assert_eq!(json["engine"], "semantic-release");
        assert_eq!(json["engine_source"], file);
        assert_eq!(json["components"][0]["next_version"], "1.5.0");
        let warnings = json["warnings"].to_string();
        assert!(
            warnings.contains(&format!("{file} is JavaScript")) && warnings.contains("angular"),
            "{warnings}"
        );
        let human = repo.herald(&["preview"]);
        assert!(
            stderr(&human).contains("cannot evaluate"),
            "{}",
            stderr(&human)
        );
    }
}

#[test]
fn engine_named_in_herald_toml_without_a_file_uses_the_defaults() {
    let repo = TestRepo::new();
    repo.write("herald.toml", "engine = \"semantic-release\"\n");
    repo.commit("chore: start").tag("v0.4.2");
    repo.commit("feat!: x")
        .commit("fix: y\n\nBREAKING CHANGE: z");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "semantic-release");
    assert_eq!(json["engine_source"], "herald.toml");
    assert_eq!(json["components"][0]["next_version"], "1.0.0");
}

#[test]
fn unreadable_configuration_is_an_error_with_its_place() {
    let cases: &[(&str, &str, &str)] = &[
        (
            ".releaserc.json",
            "{\n  \"branches\": [\"main\",]\n}\n",
            ".releaserc.json:2:",
        ),
        (
            ".releaserc.yaml",
            "branches:\n  - main\n preset: [x\n",
            ".releaserc.yaml:",
        ),
        (".releaserc", "branches: [main\n", ".releaserc:"),
        (".releaserc.json", "[1, 2]", ".releaserc.json:1:1"),
    ];
    for (file, content, place) in cases {
        let repo = TestRepo::new();
        repo.write(file, content);
        repo.commit("feat: x");
        let output = repo.herald(&["preview"]);
        assert_eq!(code(&output), 2, "{file}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(place),
            "{file}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn branches_other_than_release_branches_are_flagged() {
    let repo = repo_with(ANGULAR, Some("1.4.2"));
    repo.git(&["checkout", "-q", "-b", "feature/x"]);
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["next_version"], "1.5.0");
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("only from its release branches (main)")
            && warnings.contains("feature/x"),
        "{warnings}"
    );
    repo.git(&["checkout", "-q", "main"]);
    assert_eq!(repo.preview_json(&[])["warnings"], serde_json::json!([]));
    let repo = repo_with("{}", Some("1.4.2"));
    repo.git(&["checkout", "-q", "-b", "beta"]);
    repo.commit("feat: x");
    let warnings = repo.preview_json(&[])["warnings"].to_string();
    assert!(warnings.contains("pre-release branch"), "{warnings}");
}

#[test]
fn first_release_notes_have_no_compare_link() {
    let repo = repo_with(ANGULAR, None);
    repo.commit("feat: first").commit("fix: second");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert!(
        notes.starts_with("# 1.0.0 (2026-01-01)\n\n\n### Bug Fixes\n\n* second (["),
        "{notes}"
    );
    let repo = repo_with(CONVENTIONALCOMMITS, None);
    repo.commit("feat: first").commit("fix: second");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert!(
        notes.starts_with("## 1.0.0 (2026-01-01)\n\n### Features\n\n* first (["),
        "{notes}"
    );
}

#[test]
fn repository_url_decides_the_links() {
    let repo = repo_with(
        r#"{ "repositoryUrl": "git@gitlab.com:group/sub/project.git" }"#,
        Some("1.4.2"),
    );
    repo.commit("fix: x\n\nCloses #3");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    let head = repo.head();
    assert_eq!(
        notes,
        format!(
            "## [1.4.3](https://gitlab.com/group/sub/project/compare/v1.4.2...v1.4.3) (2026-01-01)\n\n\n### Bug Fixes\n\n* x ([{}](https://gitlab.com/group/sub/project/commit/{head})), closes [#3](https://gitlab.com/group/sub/project/issues/3)\n",
            &head[..7]
        )
    );
}

/// With no `repositoryUrl`, semantic-release's notes read references with the `origin`
/// remote's host settings: for GitHub, `fixing` is a reference verb, so `fixing #4` no
/// longer splits the `Release-As:` that makes the conventionalcommits preset list a
/// revert it would hide.
#[test]
fn the_origin_remote_decides_which_commits_the_notes_list() {
    let repo = repo_with(CONVENTIONALCOMMITS, Some("1.4.2"));
    let fix = repo.commit("fix: x").head();
    let revert = repo
        .commit("Revert \"feat: add\"\nrelease-as:\n2.0.0 see https://x.com fixing #4")
        .head();
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    let base = "https://github.com/owner/repo";
    assert_eq!(
        notes,
        format!(
            "## [1.4.3]({base}/compare/v1.4.2...v1.4.3) (2026-01-01)\n\n\
             * Revert \"feat: add\" release-as: 2.0.0 see https://x.com fixing [#4]({base}/issues/4) ([{}]({base}/commit/{revert}))\n\n\
             ### Bug Fixes\n\n\
             * x ([{}]({base}/commit/{fix}))\n",
            &revert[..7],
            &fix[..7]
        )
    );
}

/// The conventionalcommits preset links each issue in a subject, adjacent ones and those
/// after a stray `#` too (measured with semantic-release 25.0.9).
#[test]
fn conventionalcommits_links_every_issue_of_a_subject() {
    let repo = repo_with(CONVENTIONALCOMMITS, Some("1.0.0"));
    let id = repo
        .commit("fix: a #1 #2x gh-3 ##4 #, (#56)#7 see #")
        .head();
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    let issue = |n: &str| format!("[#{n}](https://github.com/owner/repo/issues/{n})");
    let line = format!(
        "* a {} {} gh-3 #{} #, ({}){} see # ([{}](https://github.com/owner/repo/commit/{id}))\n",
        issue("1"),
        issue("2x"),
        issue("4"),
        issue("56"),
        issue("7"),
        &id[..7]
    );
    assert!(notes.ends_with(&line), "{notes}");
}

/// History p, the changelog-layout history.
fn history_p(config: &str) -> TestRepo {
    let repo = repo_with(config, Some("1.4.2"));
    for message in [
        "feat(api): add endpoint\n\nCloses #12",
        "fix: crash on empty input (#34)",
        "perf(core): faster parse",
        "docs: readme",
        "refactor(cli)!: drop flag",
        "chore: deps\n\nBREAKING CHANGE: node 20 required",
        "feat(ui): a second feature",
        "fix(api): handle <null> & stuff",
    ] {
        repo.commit(message);
    }
    repo
}

#[test]
fn angular_layout_of_history_p() {
    let repo = history_p(ANGULAR);
    assert_eq!(repo.next_version(&[]), "2.0.0");
    // What semantic-release 25.0.9 wrote for this history (a fixture, not a snapshot: a
    // drift from the real tool must fail, never be accepted).
    assert_eq!(
        stdout(&repo.herald(&["preview", "--format", "markdown"])),
        include_str!("data/golden/semantic-release-angular-history-p.md")
    );
}

#[test]
fn conventionalcommits_layout_of_history_p() {
    let repo = history_p(CONVENTIONALCOMMITS);
    assert_eq!(repo.next_version(&[]), "2.0.0");
    assert_eq!(
        stdout(&repo.herald(&["preview", "--format", "markdown"])),
        include_str!("data/golden/semantic-release-conventionalcommits-history-p.md")
    );
}

/// Builds a history as the reference builder does (same identity, dates and files), so
/// the commit ids, and therefore the notes, are the reference outputs'.
fn mkhist(records: &[&str]) -> TestRepo {
    let repo = TestRepo::new();
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    let mut clock = 0;
    let mut index = 0;
    let git = |args: &[&str], clock: u64| {
        let date = format!("@{} +0000", 1_704_067_200 + clock * 60);
        let output = repo
            .git_command(repo.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "Herald Test")
            .env("GIT_AUTHOR_EMAIL", "herald@example.com")
            .env("GIT_COMMITTER_NAME", "Herald Test")
            .env("GIT_COMMITTER_EMAIL", "herald@example.com")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    for record in records {
        if let Some(tag) = record.strip_prefix("tag ") {
            if clock == 0 {
                clock += 1;
                repo.write("init.txt", "init\n");
                git(&["add", "init.txt"], clock);
                git(
                    &[
                        "commit",
                        "-q",
                        "--cleanup=verbatim",
                        "-m",
                        "chore: initial commit",
                    ],
                    clock,
                );
            }
            git(&["tag", tag], clock);
        } else {
            clock += 1;
            index += 1;
            let file = format!("c{index}.txt");
            repo.write(&file, &format!("change {index}\n"));
            git(&["add", "--", &file], clock);
            git(
                &[
                    "commit",
                    "-q",
                    "--cleanup=verbatim",
                    "--allow-empty",
                    "-m",
                    record,
                ],
                clock,
            );
        }
    }
    repo
}

/// `herald preview --format markdown` on the day the reference outputs were made (2026-11-25).
fn notes_on_reference_day(repo: &TestRepo) -> String {
    let mut command = Command::new(herald_bin());
    command.env_clear().env("PATH", common::machine_path());
    for (key, value) in repo.env() {
        command.env(key, value);
    }
    let output = command
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .arg("-C")
        .arg(repo.path())
        .args(["preview", "--format", "markdown"])
        .output()
        .unwrap();
    stdout(&output)
}

const P: &[&str] = &[
    "tag v1.4.2",
    "feat(api): add endpoint\n\nCloses #12",
    "fix: crash on empty input (#34)",
    "perf(core): faster parse",
    "docs: readme",
    "refactor(cli)!: drop flag",
    "chore: deps\n\nBREAKING CHANGE: node 20 required",
    "feat(ui): a second feature",
    "fix(api): handle <null> & stuff",
];

#[test]
fn history_p_byte_for_byte_with_the_reference_ids() {
    let repo = mkhist(P);
    repo.write(".releaserc.json", ANGULAR);
    // What semantic-release 25.0.9 wrote (angular preset).
    let expected = "# [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)


### Bug Fixes

* **api:** handle <null> & stuff ([1a177ed](https://github.com/owner/repo/commit/1a177edb2ed81b09b0da31dc63e93670b783335b))
* crash on empty input ([#34](https://github.com/owner/repo/issues/34)) ([cd8c546](https://github.com/owner/repo/commit/cd8c546d9c12e8c4ff3f5d8df2581402dd381dcb))


### chore

* deps ([7dbdfa7](https://github.com/owner/repo/commit/7dbdfa72193c841ee5e823ebbee775c948f3aef0))


### Features

* **api:** add endpoint ([55874ca](https://github.com/owner/repo/commit/55874caee9054e4d09c9cfbbd269c2c47531b0e7)), closes [#12](https://github.com/owner/repo/issues/12)
* **ui:** a second feature ([f9ee123](https://github.com/owner/repo/commit/f9ee123fd50500b9280c1e3057c6c33ca66787b4))


### Performance Improvements

* **core:** faster parse ([f469bbe](https://github.com/owner/repo/commit/f469bbeae9f1d81075718510183a64d0236cf2d1))


### BREAKING CHANGES

* node 20 required
";
    assert_eq!(notes_on_reference_day(&repo), expected);
    repo.write(".releaserc.json", CONVENTIONALCOMMITS);
    // What semantic-release 25.0.9 wrote (conventionalcommits preset).
    let expected = "## [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)

### ⚠ BREAKING CHANGES

* node 20 required
* **cli:** drop flag

### Features

* **api:** add endpoint ([55874ca](https://github.com/owner/repo/commit/55874caee9054e4d09c9cfbbd269c2c47531b0e7)), closes [#12](https://github.com/owner/repo/issues/12)
* **ui:** a second feature ([f9ee123](https://github.com/owner/repo/commit/f9ee123fd50500b9280c1e3057c6c33ca66787b4))

### Bug Fixes

* **api:** handle <null> & stuff ([1a177ed](https://github.com/owner/repo/commit/1a177edb2ed81b09b0da31dc63e93670b783335b))
* crash on empty input ([#34](https://github.com/owner/repo/issues/34)) ([cd8c546](https://github.com/owner/repo/commit/cd8c546d9c12e8c4ff3f5d8df2581402dd381dcb))

### Performance Improvements

* **core:** faster parse ([f469bbe](https://github.com/owner/repo/commit/f469bbeae9f1d81075718510183a64d0236cf2d1))

### Miscellaneous Chores

* deps ([7dbdfa7](https://github.com/owner/repo/commit/7dbdfa72193c841ee5e823ebbee775c948f3aef0))

### Code Refactoring

* **cli:** drop flag ([054dd96](https://github.com/owner/repo/commit/054dd9687327b594f776b6855760d83697f1367f))
";
    assert_eq!(notes_on_reference_day(&repo), expected);
}

#[test]
fn revert_notes_byte_for_byte_with_the_reference_ids() {
    let sha = "0123456789abcdef0123456789abcdef01234567";
    let conventional = format!("revert: feat: old thing\n\nThis reverts commit {sha}.");
    let repo = mkhist(&["tag v1.4.2", &conventional]);
    repo.write(".releaserc.json", ANGULAR);
    // What semantic-release 25.0.9 wrote for h1.
    assert_eq!(
        notes_on_reference_day(&repo),
        "## [1.4.3](https://github.com/owner/repo/compare/v1.4.2...v1.4.3) (2026-11-25)\n\n\n### Reverts\n\n* feat: old thing ([c58ac26](https://github.com/owner/repo/commit/c58ac260a4cf56ee9039eea8f2a1f66af294aad6))\n"
    );
    let git_style = format!("Revert \"feat: old thing\"\n\nThis reverts commit {sha}.");
    let repo = mkhist(&["tag v1.4.2", &git_style]);
    repo.write(".releaserc.json", ANGULAR);
    // What semantic-release 25.0.9 wrote for h2.
    assert_eq!(
        notes_on_reference_day(&repo),
        "## [1.4.3](https://github.com/owner/repo/compare/v1.4.2...v1.4.3) (2026-11-25)\n\n\n### Reverts\n\n* Revert \"feat: old thing\" ([338442c](https://github.com/owner/repo/commit/338442c0b25efe99ca54fd8c8dfd63133da0bd29))\n"
    );
}

#[test]
fn changelog_file_is_written_as_the_changelog_plugin_does() {
    let repo = repo_with(
        r##"{ "plugins": ["@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator",
             ["@semantic-release/changelog", { "changelogTitle": "# Changelog" }]] }"##,
        Some("1.4.2"),
    );
    repo.write(
        "CHANGELOG.md",
        "# Changelog\n\n## [1.4.2](https://github.com/owner/repo/compare/v1.4.1...v1.4.2) (2025-12-01)\n\n\n### Bug Fixes\n\n* old\n",
    );
    repo.commit("feat: new");
    let once = repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&once), 0, "{}", stderr(&once));
    let written = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    let id = repo.head();
    assert_eq!(
        written,
        format!(
            "# Changelog\n\n# [1.5.0](https://github.com/owner/repo/compare/v1.4.2...v1.5.0) (2026-01-01)\n\n\n### Features\n\n* new ([{}](https://github.com/owner/repo/commit/{id}))\n\n## [1.4.2](https://github.com/owner/repo/compare/v1.4.1...v1.4.2) (2025-12-01)\n\n\n### Bug Fixes\n\n* old\n",
            &id[..7]
        )
    );
    repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(
        std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap(),
        written
    );
}

#[test]
fn commit_warnings_say_what_semantic_release_will_not_see() {
    let repo = repo_with(ANGULAR, None);
    let cases: &[(&str, &str)] = &[
        ("feat(api)!: drop v1", "engine-breaking-unseen"),
        ("feat: x\n\nBREAKING-CHANGE: y", "engine-breaking-unseen"),
        ("fix: x\n\nbreaking change: y", "engine-breaking-unintended"),
        (
            "feat(api)!: x\n\nBREAKING CHANGE: y",
            "engine-header-unparsed",
        ),
        ("Feat: x", "engine-type-case"),
        ("revert: x", "engine-revert-unseen"),
    ];
    for (message, rule) in cases {
        let output = repo.herald(&["check", "--format", "json", message]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let rules: Vec<String> = json["messages"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        assert!(rules.iter().any(|r| r == rule), "{message}: {rules:?}");
    }
    for fine in [
        "feat: x",
        "fix(api): y\n\nBREAKING CHANGE: z",
        "docs: x\n\nBREAKING CHANGE: y",
    ] {
        let output = repo.herald(&["check", "--format", "json", fine]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["warnings"], 0, "{fine}: {json}");
    }
    let human = repo.herald(&["check", "feat!: x"]);
    let text = stdout(&human);
    assert!(text.contains("warning[engine-breaking-unseen]"), "{text}");
    assert!(text.contains("BREAKING CHANGE: …` footer"), "{text}");
    // Under the conventionalcommits preset `!` and `BREAKING-CHANGE` are read.
    let repo = repo_with(CONVENTIONALCOMMITS, None);
    for fine in ["feat!: x", "feat: x\n\nBREAKING-CHANGE: y"] {
        let output = repo.herald(&["check", "--format", "json", fine]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["warnings"], 0, "{fine}: {json}");
    }
}

#[test]
fn explain_says_what_the_preset_read() {
    let repo = repo_with(ANGULAR, Some("1.4.2"));
    repo.commit("feat!: x").commit("fix: y");
    let json = repo.preview_json(&["--explain"]);
    let explain = json["components"][0]["explain"].to_string();
    assert!(explain.contains("does not read `!`"), "{explain}");
    assert!(explain.contains("rule {type: fix} → patch"), "{explain}");
}

#[test]
fn without_a_repository_url_the_notes_have_no_links() {
    let repo = TestRepo::new();
    repo.write(".releaserc.json", ANGULAR);
    repo.commit("chore: start").tag("v1.0.0");
    repo.commit("feat: y (#3)");
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    let id = &repo.head()[..7];
    assert_eq!(
        notes,
        format!("# 1.1.0 (2026-01-01)\n\n\n### Features\n\n* y (#3) {id}, closes #3\n")
    );
}

#[test]
fn a_tag_semantic_release_reads_loosely_is_a_warning() {
    let repo = repo_with(
        r#"{ "branches": ["main"], "tagFormat": "${version}" }"#,
        Some("1.0.0"),
    );
    repo.git(&["tag", "-d", "v1.0.0"]);
    repo.tag("1.0.0");
    repo.commit("fix: a");
    repo.tag("v1.0.1");
    repo.commit("fix: b");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("semantic-release also reads v1.0.1 as release tags"),
        "{warnings}"
    );
    let neighbour = repo_with(ANGULAR, Some("1.0.0"));
    neighbour.commit("fix: a");
    assert_eq!(neighbour.preview_warnings(), "");
}

#[test]
fn no_repository_url_and_no_origin_is_a_warning() {
    let repo = repo_with(ANGULAR, Some("1.0.0"));
    repo.git(&["remote", "remove", "origin"]);
    repo.commit("fix: a");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("no repositoryUrl and no origin remote: semantic-release stops"),
        "{warnings}"
    );
    let strict = repo.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 1);
    let neighbour = repo_with(ANGULAR, Some("1.0.0"));
    neighbour.commit("fix: a");
    assert_eq!(neighbour.preview_warnings(), "");
    let strict = neighbour.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 0);
}

#[test]
fn a_pre_release_type_from_release_rules_is_a_warning() {
    let repo = repo_with(
        r#"{ "branches": ["main"], "releaseRules": [{ "type": "feat", "release": "preminor" }] }"#,
        Some("1.0.0"),
    );
    repo.commit("feat: a");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("1.1.0-0: a pre-release type from releaseRules"),
        "{warnings}"
    );
    let neighbour = repo_with(ANGULAR, Some("1.0.0"));
    neighbour.commit("feat: a");
    assert_eq!(neighbour.preview_warnings(), "");
}
