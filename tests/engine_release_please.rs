//! The release-please engine on real repositories: detection, the versions and notes
//! release-please 17.11.2 gives on the reference histories, packages, and commit-time
//! warnings.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestRepo, code, stderr, stdout};

const SIMPLE: &str = r#"{ "packages": { ".": { "release-type": "simple" } } }"#;
const PRE_MAJOR: &str = r#"{
  "bump-minor-pre-major": true,
  "bump-patch-for-minor-pre-major": true,
  "packages": { ".": { "release-type": "simple" } }
}"#;

/// A repository released at `tag` (none: never released), with release-please's files as
/// the differential check writes them: `config`, and a manifest recording the tag's version.
fn released(tag: Option<&str>, config: &str) -> TestRepo {
    let repo = TestRepo::new();
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    repo.write("release-please-config.json", config);
    let manifest = match tag {
        Some(tag) => format!("{{ \".\": \"{}\" }}\n", tag.trim_start_matches('v')),
        None => "{}\n".to_string(),
    };
    repo.write(".release-please-manifest.json", &manifest);
    repo.git(&["add", "."]);
    repo.commit("chore: initial commit");
    if let Some(tag) = tag {
        repo.tag(tag);
    }
    repo
}

/// A reference history: its name, the tag it starts from, its commits, and the versions the
/// real release-please gave with the default options and with both pre-major options
/// (`""`: no release).
type History = (
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    &'static str,
    &'static str,
);

const HISTORIES: &[History] = &[
    ("a", Some("v1.4.2"), &["perf: x"], "1.4.3", "1.4.3"),
    ("b", Some("v1.4.2"), &["refactor: x"], "", ""),
    ("c", Some("v1.4.2"), &["docs: x"], "", ""),
    ("d", Some("v0.4.2"), &["feat!: x"], "1.0.0", "0.5.0"),
    ("e", Some("v0.4.2"), &["fix!: x"], "1.0.0", "0.5.0"),
    ("f", Some("v0.4.2"), &["feat: x"], "0.5.0", "0.4.3"),
    (
        "g",
        Some("v1.4.2"),
        &["feat: x\n\nBREAKING-CHANGE: y"],
        "2.0.0",
        "2.0.0",
    ),
    (
        "h1",
        Some("v1.4.2"),
        &[
            "revert: feat: old thing\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        ],
        "1.4.3",
        "1.4.3",
    ),
    (
        "h2",
        Some("v1.4.2"),
        &[
            "Revert \"feat: old thing\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        ],
        "",
        "",
    ),
    ("h3", Some("v1.4.2"), &["revert: x"], "1.4.3", "1.4.3"),
    ("i", None, &["feat: first", "fix: second"], "1.0.0", "1.0.0"),
    ("i2", None, &["fix: only a fix"], "1.0.0", "1.0.0"),
    ("i3", None, &["feat!: breaking first"], "1.0.0", "1.0.0"),
    (
        "j",
        Some("v1.4.2"),
        &["chore: a", "docs: b", "style: c", "test: d"],
        "",
        "",
    ),
    (
        "l1",
        Some("v1.4.2"),
        &["Feat: capitalised type"],
        "1.4.3",
        "1.4.3",
    ),
    (
        "l2",
        Some("v1.4.2"),
        &["feat(api)!: x\n\nBREAKING CHANGE: y"],
        "2.0.0",
        "2.0.0",
    ),
    (
        "l3",
        Some("v1.4.2"),
        &["fix: x\n\nbreaking change: y"],
        "1.4.3",
        "1.4.3",
    ),
    (
        "n",
        Some("v1.4.2"),
        &["fix: x\n\nfeat: something"],
        "1.5.0",
        "1.5.0",
    ),
    (
        "nb",
        Some("v1.4.2"),
        &["fix: x\n\nBEGIN_NESTED_COMMIT\nfeat(api): nested\nEND_NESTED_COMMIT"],
        "1.5.0",
        "1.5.0",
    ),
    (
        "o",
        Some("v1.4.2-rc.1"),
        &["fix: x"],
        "1.4.3-rc.1",
        "1.4.3-rc.1",
    ),
    ("q", Some("v1.4.2"), &["chore(deps): bump x"], "", ""),
    (
        "ra",
        Some("v1.4.2"),
        &["fix: x", "chore: release 3.0.0\n\nRelease-As: 3.0.0"],
        "3.0.0",
        "3.0.0",
    ),
    ("s", Some("v1.4.2"), &["feat!: x"], "2.0.0", "2.0.0"),
    ("t", Some("v1.4.2"), &["update readme"], "", ""),
    ("u", Some("v1.4.2"), &["docs!: x"], "2.0.0", "2.0.0"),
    ("v", Some("v0.0.3"), &["feat!: x"], "1.0.0", "0.1.0"),
    ("x", Some("v1.4.2"), &["feature: x"], "1.5.0", "1.5.0"),
    ("z", Some("v1.4.2"), &[], "", ""),
];

#[test]
fn versions_match_release_please_on_the_reference_histories() {
    for (name, tag, commits, rp, rp_pre) in HISTORIES {
        for (config, want) in [(SIMPLE, rp), (PRE_MAJOR, rp_pre)] {
            let repo = released(*tag, config);
            for message in *commits {
                repo.commit(message);
            }
            assert_eq!(repo.next_version(&[]), *want, "history {name}, {config}");
        }
    }
}

#[test]
fn a_revert_inside_the_range_cancels_nothing() {
    // k and k2: release-please never pairs a revert with what it reverts.
    for revert in [
        "Revert \"feat: thing\"\n\nThis reverts commit {sha}.",
        "revert: feat: thing\n\nThis reverts commit {sha}.",
    ] {
        let repo = released(Some("v1.4.2"), SIMPLE);
        repo.commit("feat: thing");
        let sha = repo.head();
        repo.commit(&revert.replace("{sha}", &sha));
        assert_eq!(repo.next_version(&[]), "1.5.0", "{revert}");
    }
}

#[test]
fn merged_branches_count_and_later_tags_start_the_range() {
    // m: a --no-ff merge of a topic branch.
    let repo = released(Some("v1.4.2"), SIMPLE);
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit("feat: from topic");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "topic"]);
    assert_eq!(repo.next_version(&[]), "1.5.0");
    // y: the manifest names the release the range starts from.
    let repo = released(Some("v1.4.2"), SIMPLE);
    repo.commit("feat(api): x").commit("fix(api): y");
    repo.annotated_tag("v1.5.0");
    repo.write(".release-please-manifest.json", "{ \".\": \"1.5.0\" }\n");
    repo.commit("fix: z");
    assert_eq!(repo.next_version(&[]), "1.5.1");
}

/// The notes of history p, as release-please 17.11.2 wrote them (out/rp/p.md), on a
/// repository built with the same identity, dates and files, so the hashes agree.
const P_NOTES: &str = "## [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)


### ⚠ BREAKING CHANGES

* node 20 required
* **cli:** drop flag

### Features

* **api:** add endpoint ([55874ca](https://github.com/owner/repo/commit/55874caee9054e4d09c9cfbbd269c2c47531b0e7)), refs [#12](https://github.com/owner/repo/issues/12)
* **ui:** a second feature ([f9ee123](https://github.com/owner/repo/commit/f9ee123fd50500b9280c1e3057c6c33ca66787b4))


### Bug Fixes

* **api:** handle &lt;null&gt; & stuff ([1a177ed](https://github.com/owner/repo/commit/1a177edb2ed81b09b0da31dc63e93670b783335b))
* crash on empty input ([#34](https://github.com/owner/repo/issues/34)) ([cd8c546](https://github.com/owner/repo/commit/cd8c546d9c12e8c4ff3f5d8df2581402dd381dcb))


### Performance Improvements

* **core:** faster parse ([f469bbe](https://github.com/owner/repo/commit/f469bbeae9f1d81075718510183a64d0236cf2d1))


### Miscellaneous Chores

* deps ([7dbdfa7](https://github.com/owner/repo/commit/7dbdfa72193c841ee5e823ebbee775c948f3aef0))


### Code Refactoring

* **cli:** drop flag ([054dd96](https://github.com/owner/repo/commit/054dd9687327b594f776b6855760d83697f1367f))";

const P_COMMITS: &[&str] = &[
    "feat(api): add endpoint\n\nCloses #12",
    "fix: crash on empty input (#34)",
    "perf(core): faster parse",
    "docs: readme",
    "refactor(cli)!: drop flag",
    "chore: deps\n\nBREAKING CHANGE: node 20 required",
    "feat(ui): a second feature",
    "fix(api): handle <null> & stuff",
];

/// Builds history p exactly as the reference histories were built: identity
/// `Herald Test <herald@example.com>`, commit k at 2024-01-01T00:00Z + k minutes, each
/// commit adding `change N` to a fresh `cN.txt`.
fn history_p(dir: &Path) {
    let git = |args: &[&str], when: Option<i64>| {
        let mut command = Command::new("git");
        command
            .current_dir(dir)
            .env_clear()
            .env("PATH", common::machine_path())
            .env("HOME", dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Herald Test")
            .env("GIT_AUTHOR_EMAIL", "herald@example.com")
            .env("GIT_COMMITTER_NAME", "Herald Test")
            .env("GIT_COMMITTER_EMAIL", "herald@example.com")
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args);
        if let Some(minutes) = when {
            let date = format!("@{} +0000", 1_704_067_200 + minutes * 60);
            command
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date);
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    };
    git(&["init", "-q", "-b", "main"], None);
    git(
        &[
            "remote",
            "add",
            "origin",
            "https://github.com/owner/repo.git",
        ],
        None,
    );
    std::fs::write(dir.join("init.txt"), "init\n").unwrap();
    git(&["add", "init.txt"], None);
    git(
        &[
            "commit",
            "-q",
            "--cleanup=verbatim",
            "-m",
            "chore: initial commit",
        ],
        Some(1),
    );
    git(&["tag", "v1.4.2"], None);
    for (k, message) in P_COMMITS.iter().enumerate() {
        let file = format!("c{}.txt", k + 1);
        std::fs::write(dir.join(&file), format!("change {}\n", k + 1)).unwrap();
        git(&["add", "--", &file], None);
        git(
            &[
                "commit",
                "-q",
                "--cleanup=verbatim",
                "--allow-empty",
                "-m",
                message,
            ],
            Some(k as i64 + 2),
        );
    }
}

fn herald_at(dir: &Path, date: &str, args: &[&str]) -> std::process::Output {
    Command::new(common::herald_bin())
        .env_clear()
        .env("PATH", common::machine_path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", date)
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn notes_of_history_p_are_byte_for_byte_release_pleases() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("p");
    std::fs::create_dir(&repo).unwrap();
    history_p(&repo);
    std::fs::write(repo.join("release-please-config.json"), SIMPLE).unwrap();
    std::fs::write(
        repo.join(".release-please-manifest.json"),
        "{\".\": \"1.4.2\"}",
    )
    .unwrap();
    // 2026-11-25, the day the reference notes were written.
    let output = herald_at(&repo, "1795564800", &["preview", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["engine"], "release-please");
    assert_eq!(json["engine_source"], "release-please-config.json");
    let component = &json["components"][0];
    assert_eq!(component["next_version"], "2.0.0");
    assert_eq!(component["next_tag"], "v2.0.0");
    assert_eq!(component["changelog"].as_str().unwrap(), P_NOTES);
    // The CHANGELOG.md release-please writes into a repository that has none.
    let output = herald_at(
        &repo,
        "1795564800",
        &["changelog", "--output", "CHANGELOG.md"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = std::fs::read_to_string(repo.join("CHANGELOG.md")).unwrap();
    assert_eq!(written, format!("# Changelog\n\n{P_NOTES}\n"));
}

#[test]
fn notes_layout_on_history_p() {
    let repo = released(Some("v1.4.2"), SIMPLE);
    for message in P_COMMITS {
        repo.commit(message);
    }
    let output = repo.herald(&["preview", "--format", "markdown"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // What release-please 17.11.2 wrote for this history (a fixture, not a snapshot: a
    // drift from the real tool must fail, never be accepted).
    assert_eq!(
        stdout(&output),
        include_str!("data/golden/release-please-simple-history-p.md")
    );
}

#[test]
fn first_release_has_no_compare_link() {
    let repo = released(None, SIMPLE);
    repo.commit("feat: first").commit("fix: second");
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["next_version"], "1.0.0");
    let notes = component["changelog"].as_str().unwrap();
    assert!(
        notes.starts_with("## 1.0.0 (2026-01-01)\n\n\n### Features\n\n* first ("),
        "{notes}"
    );
    // A manifest at 0.0.0 is release-please's way of saying the same.
    repo.write(".release-please-manifest.json", "{ \".\": \"0.0.0\" }");
    assert_eq!(repo.next_version(&[]), "1.0.0");
    // initial-version sets the first version.
    repo.write(
        "release-please-config.json",
        r#"{ "initial-version": "0.1.0", "packages": { ".": { "release-type": "simple" } } }"#,
    );
    assert_eq!(repo.next_version(&[]), "0.1.0");
}

#[test]
fn a_recorded_version_without_its_tag_counts_every_commit_and_still_links() {
    let repo = released(None, SIMPLE);
    repo.write(".release-please-manifest.json", "{ \".\": \"2.3.0\" }");
    repo.commit("fix: a");
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["next_version"], "2.3.1");
    assert!(
        component["changelog"]
            .as_str()
            .unwrap()
            .starts_with("## [2.3.1](https://github.com/owner/repo/compare/v2.3.0...v2.3.1)")
    );
}

#[test]
fn existing_changelog_gets_the_notes_above_the_last_release_once() {
    let repo = released(Some("v1.4.2"), SIMPLE);
    repo.write(
        "CHANGELOG.md",
        "# Changelog\n\nAll notable changes.\n\n## [1.4.2](https://github.com/owner/repo/compare/v1.4.1...v1.4.2) (2025-01-01)\n\n\n### Bug Fixes\n\n* old\n",
    );
    repo.commit("fix: new");
    let output = repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let once = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    let sha = repo.head();
    assert_eq!(
        once,
        format!(
            "# Changelog\n\nAll notable changes.\n\n## [1.4.3](https://github.com/owner/repo/compare/v1.4.2...v1.4.3) (2026-01-01)\n\n\n### Bug Fixes\n\n* new ([{}](https://github.com/owner/repo/commit/{sha}))\n\n## [1.4.2](https://github.com/owner/repo/compare/v1.4.1...v1.4.2) (2025-01-01)\n\n\n### Bug Fixes\n\n* old\n",
            &sha[..7]
        )
    );
    let output = repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let twice = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert_eq!(twice, once);
}

#[test]
fn sections_release_as_and_tag_options_come_from_the_config() {
    let repo = released(Some("v1.4.2"), SIMPLE);
    repo.commit("docs: readme").commit("chore: tidy");
    assert_eq!(repo.next_version(&[]), "");
    repo.write(
        "release-please-config.json",
        r#"{
  "changelog-sections": [
    { "type": "feat", "section": "New" },
    { "type": "docs", "section": "Docs" },
    { "type": "chore", "section": "Chores", "hidden": true }
  ],
  "packages": { ".": { "release-type": "simple" } }
}"#,
    );
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["next_version"], "1.4.3");
    let notes = component["changelog"].as_str().unwrap();
    assert!(notes.contains("\n### Docs\n\n* readme ("), "{notes}");
    assert!(!notes.contains("tidy"), "{notes}");
    // release-as forces the version; tag options shape the tag.
    repo.write(
        "release-please-config.json",
        r#"{ "packages": { ".": { "release-type": "simple", "release-as": "3.0.0",
             "component": "app", "tag-separator": "/", "include-v-in-tag": false } } }"#,
    );
    repo.tag("app/1.4.2");
    repo.commit("fix: x");
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["name"], "app");
    assert_eq!(component["current_tag"], "app/1.4.2");
    assert_eq!(component["next_version"], "3.0.0");
    assert_eq!(component["next_tag"], "app/3.0.0");
    assert_eq!(component["reasons"][0]["kind"], "release-as");
}

#[test]
fn packages_take_the_commits_under_them() {
    let repo = TestRepo::new();
    repo.write(
        "release-please-config.json",
        r#"{
  "packages": {
    ".": { "release-type": "simple" },
    "packages/web": { "release-type": "node" },
    "packages/web/plugin": { "release-type": "simple", "component": "plugin" },
    "packages/docs": { "release-type": "simple", "component": "docs", "exclude-paths": ["packages/docs/drafts"] }
  }
}"#,
    );
    repo.write(
        ".release-please-manifest.json",
        r#"{ ".": "1.0.0", "packages/web": "0.3.0", "packages/web/plugin": "2.0.0", "packages/docs": "1.1.0" }"#,
    );
    repo.write("packages/web/package.json", r#"{ "name": "@acme/web" }"#);
    repo.git(&["add", "."]);
    repo.commit("chore: start");
    repo.tag("v1.0.0")
        .tag("web-v0.3.0")
        .tag("plugin-v2.0.0")
        .tag("docs-v1.1.0");
    repo.commit_file("packages/web/plugin/index.js", "feat: plugin option");
    repo.commit_file("packages/web/src/app.js", "fix: web crash");
    repo.commit_file("packages/docs/drafts/idea.md", "feat: draft idea");
    repo.commit_file("README.md", "docs: top-level readme");
    let json = repo.preview_json(&[]);
    let versions: Vec<(String, String)> = json["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["next_version"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let root = repo
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        versions,
        [
            // The root takes every commit, nested packages' included.
            (root, "1.1.0".to_string()),
            // A package loses the files of a package nested in it.
            ("web".to_string(), "0.3.1".to_string()),
            ("plugin".to_string(), "2.1.0".to_string()),
            // Every file of the draft commit is excluded.
            ("docs".to_string(), String::new()),
        ]
    );
    let output = repo.herald(&["preview", "--next-version", "--component", "plugin"]);
    assert_eq!(stdout(&output).trim(), "2.1.0");
    let json = repo.preview_json(&["--component", "web"]);
    assert_eq!(json["components"][0]["next_tag"], "web-v0.3.1");
}

#[test]
fn the_range_ends_where_release_pleases_walk_meets_the_release_commit() {
    // release-please reads the branch in `git log`'s order (newest commit date first) and
    // stops at the release commit: a branch forked before the release, merged after it,
    // has its commits dated before the release commit, so they are never read.
    let repo = released(Some("v1.0.0"), SIMPLE);
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit_file("index.txt", "feat!: index");
    repo.git(&["checkout", "-q", "main"]);
    repo.write(".release-please-manifest.json", "{ \".\": \"1.1.0\" }\n");
    repo.git(&["add", "."]);
    repo.commit("fix: before the release");
    repo.tag("v1.1.0");
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "topic"]);
    let output = repo.herald(&["preview", "--next-version"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "");
    // A commit after the release is read, whatever the merge brought.
    repo.commit("fix: after the release");
    assert_eq!(repo.next_version(&[]), "1.1.1");
}

#[test]
fn a_release_tag_on_a_commit_outside_the_package_cuts_nothing() {
    // `commitsAfterSha` looks for the release commit among the package's own commits: `c`'s
    // tag sits on a commit that changes only `packages/b`, so `c` keeps every commit the
    // walk collected, the fix older than its tag included.
    let repo = TestRepo::new();
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    repo.write(
        "release-please-config.json",
        r#"{ "release-type": "simple", "packages": {
  "packages/b": { "component": "b" }, "libs/c": { "component": "c" } } }"#,
    );
    repo.write(
        ".release-please-manifest.json",
        r#"{ "packages/b": "0.5.4", "libs/c": "1.0.0" }"#,
    );
    repo.git(&["add", "."]);
    repo.commit("chore: start");
    repo.tag("b-v0.5.4");
    repo.commit_file("libs/c/f1.txt", "fix: logging");
    repo.commit_file("packages/b/f2.txt", "feat(ui-kit): retry");
    repo.tag("c-v1.0.0");
    let output = repo.herald(&["preview", "--next-version", "--component", "c"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "1.0.1");
    assert_eq!(
        stdout(&repo.herald(&["preview", "--next-version", "--component", "b"])).trim(),
        "0.6.0"
    );
}

#[test]
fn detection_and_configuration_errors() {
    // The manifest alone is enough to tell.
    let repo = TestRepo::new();
    repo.write(".release-please-manifest.json", "{ \".\": \"1.0.0\" }");
    repo.commit("chore: start").tag("v1.0.0").commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "release-please");
    assert_eq!(json["engine_source"], ".release-please-manifest.json");
    assert_eq!(json["components"][0]["next_version"], "1.1.0");
    // engine = "release-please" with neither file: every commit, first release.
    let repo = TestRepo::new();
    repo.write("herald.toml", "engine = \"release-please\"\n");
    repo.commit("chore: start").tag("v1.0.0").commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "release-please");
    assert_eq!(json["engine_source"], "herald.toml");
    assert_eq!(json["components"][0]["next_version"], "1.0.0");
    // Invalid JSON names the file, line and column; exit 2.
    let repo = released(
        Some("v1.0.0"),
        "{\n  \"packages\": {\n    \".\": { \"release-type\": \"simple\", }\n  }\n}\n",
    );
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("release-please-config.json:3:38: key must be a string"),
        "{message}"
    );
    let repo = released(
        Some("v1.0.0"),
        r#"{ "bump-minor-pre-major": "yes", "packages": { ".": {} } }"#,
    );
    let message = stderr(&repo.herald(&["preview"]));
    assert!(
        message.contains(
            "release-please-config.json:1:31: invalid type: string \"yes\", expected a boolean"
        ),
        "{message}"
    );
    let repo = released(Some("v1.0.0"), SIMPLE);
    repo.write(".release-please-manifest.json", "{ \".\": \"one\" }");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(".release-please-manifest.json:1:14: `one` is not a version"),
        "{}",
        stderr(&output)
    );
    // Unknown keys are ignored by release-please: a warning, with a suggestion.
    let repo = released(
        Some("v1.0.0"),
        r#"{ "bump-minor-pre-majr": true, "packages": { ".": { "release-type": "simple" } } }"#,
    );
    repo.commit("fix: x");
    let json = repo.preview_json(&[]);
    assert_eq!(
        json["warnings"][0],
        "release-please-config.json: unknown key `bump-minor-pre-majr`, which release-please ignores; did you mean `bump-minor-pre-major`?"
    );
}

#[test]
fn explain_says_what_release_please_read() {
    let repo = released(Some("v1.4.2"), SIMPLE);
    repo.commit("Feat: capitalised");
    repo.commit("fix: x\n\nfeat: hidden in the body");
    repo.commit("docs: readme");
    repo.commit("update readme");
    let json = repo.preview_json(&["--explain"]);
    let explain: Vec<(String, String, String)> = json["components"][0]["explain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["parsed"].as_str().unwrap().to_string(),
                e["bump"].as_str().unwrap().to_string(),
                e["because"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!(explain);
    assert_eq!(
        json["warnings"][0],
        "1 commit is not conventional for release-please and was ignored"
    );
}

#[test]
fn commit_warnings_say_what_release_please_will_not_see() {
    let repo = released(Some("v1.4.2"), SIMPLE);
    let rules = |message: &str| -> Vec<String> {
        let output = repo.herald(&["check", "--format", "json", message]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["messages"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .filter(|r| r.starts_with("engine-"))
            .collect()
    };
    assert_eq!(rules("Feat: add x"), ["engine-type-case"]);
    assert_eq!(
        rules("fix: x\n\nbreaking change: y"),
        ["engine-breaking-unseen"]
    );
    assert_eq!(
        rules("feat!: x\n\nBREAKING CHANGE:"),
        ["engine-breaking-unseen"]
    );
    assert_eq!(
        rules(
            "Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567."
        ),
        ["engine-commit-dropped"]
    );
    assert_eq!(rules("fix: x\n\ncall(y\n\nmore"), ["engine-commit-dropped"]);
    assert_eq!(
        rules("fix: x\n\nfeat: something else"),
        ["engine-extra-commit"]
    );
    assert_eq!(
        rules("fix: x\n\nRelease-As: 2.0.0\nmore"),
        ["engine-release-as-unseen"]
    );
    assert_eq!(
        rules("feat: x\n\nBREAKING CHANGE: first\n  continued"),
        ["engine-breaking-note"]
    );
    for fine in [
        "feat: x",
        "feat(api)!: x",
        "fix: x\n\nSome body.\n\nRefs: #12\nReviewed-by: Z",
        "fix: x\n\nBREAKING CHANGE: y",
        "revert: feat: x\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        "chore: release 3.0.0\n\nRelease-As: 3.0.0",
        "fix: x\n\nBEGIN_NESTED_COMMIT\nfeat(api): nested\nEND_NESTED_COMMIT",
    ] {
        assert!(rules(fine).is_empty(), "{fine}: {:?}", rules(fine));
    }
}

/// `"versioning": "prerelease"` (versioning-strategies/prerelease.ts): accepted, and
/// numbered as release-please numbers it.
#[test]
fn the_prerelease_versioning_strategy() {
    let config = r#"{ "versioning": "prerelease", "prerelease": true, "prerelease-type": "beta", "packages": { ".": { "release-type": "python" } } }"#;
    let repo = released(Some("v1.2.0-beta01"), config);
    repo.commit("fix: a bug");
    let json = repo.preview_json(&[]);
    assert_eq!(
        json["components"][0]["next_version"], "1.2.0-beta02",
        "{json}"
    );
    assert_eq!(json["components"][0]["next_tag"], "v1.2.0-beta02");
    let repo = released(Some("v1.2.0"), config);
    repo.commit("feat: a feature");
    assert_eq!(repo.next_version(&[]), "1.3.0-beta");
    let stable = config.replace(r#""prerelease": true"#, r#""prerelease": false"#);
    let repo = released(Some("v1.2.0-beta01"), &stable);
    repo.commit("fix: a bug");
    assert_eq!(repo.next_version(&[]), "1.2.0");
    // A strategy herald does not reproduce is a warning with what was assumed.
    let repo = released(
        Some("v1.2.0"),
        r#"{ "versioning": "service-pack", "packages": { ".": {} } }"#,
    );
    repo.commit("fix: a bug");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["next_version"], "1.2.1");
    assert!(
        json["warnings"]
            .to_string()
            .contains("`service-pack` versioning is not reproduced: assumed `default`"),
        "{json}"
    );
}

#[test]
fn the_release_tagged_in_another_spelling_is_a_warning() {
    let repo = released(None, SIMPLE);
    repo.write(".release-please-manifest.json", "{ \".\": \"2.3.0\" }");
    repo.commit("chore: release 2.3.0");
    repo.tag("2.3.0");
    repo.commit("fix: a");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("release-please finds the release 2.3.0 under the tag 2.3.0; herald looks for v2.3.0 only"),
        "{warnings}"
    );
    let neighbour = released(Some("v2.3.0"), SIMPLE);
    neighbour.commit("fix: a");
    assert_eq!(neighbour.preview_warnings(), "");
}

#[test]
fn a_commit_override_in_a_message_is_a_warning() {
    let repo = released(Some("v1.0.0"), SIMPLE);
    repo.commit(
        "fix: squashed (#12)\n\nBEGIN_COMMIT_OVERRIDE\nfeat: the real change\nEND_COMMIT_OVERRIDE",
    );
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains(
            "holds BEGIN_COMMIT_OVERRIDE: release-please reads it from the pull request's body"
        ),
        "{warnings}"
    );
    let neighbour = released(Some("v1.0.0"), SIMPLE);
    neighbour.commit("fix: squashed (#12)");
    assert_eq!(neighbour.preview_warnings(), "");
}

#[test]
fn entries_beyond_latin_are_a_warning_on_their_order() {
    let repo = released(Some("v1.0.0"), SIMPLE);
    repo.commit("fix: 修正する");
    repo.commit("fix: other");
    let warnings = repo.preview_warnings();
    assert!(warnings.contains("characters beyond Latin"), "{warnings}");
    let neighbour = released(Some("v1.0.0"), SIMPLE);
    neighbour.commit("fix: café");
    neighbour.commit("fix: other");
    assert_eq!(neighbour.preview_warnings(), "");
}

/// release-please reads `1.2.0-beta.01` (its `prerelease` versioning keeps the padding);
/// SemVer forbids it. herald answers without the zeros and says so, instead of refusing
/// a manifest the tool accepts; `--strict` refuses.
#[test]
fn a_zero_padded_pre_release_is_read_without_the_zeros_and_warned_about() {
    let repo = released(
        Some("v1.2.0-beta.01"),
        r#"{"packages": {".": {"release-type": "simple", "versioning": "prerelease", "prerelease": true}}}"#,
    );
    repo.commit("fix: f");
    let output = repo.herald(&["preview", "--next-version"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "1.2.0-beta.2\n");
    let output = repo.herald(&["preview"]);
    assert!(
        stderr(&output)
            .contains("`.` is at `1.2.0-beta.01`, a pre-release number with leading zeros"),
        "{}",
        stderr(&output)
    );
    let json = repo.preview_json(&[]);
    assert_eq!(
        json["not_reproduced"].as_array().unwrap().len(),
        1,
        "{json}"
    );
    assert_eq!(code(&repo.herald(&["preview", "--strict"])), 1);

    let plain = released(
        Some("v1.2.0-beta.1"),
        r#"{"packages": {".": {"release-type": "simple", "versioning": "prerelease", "prerelease": true}}}"#,
    );
    plain.commit("fix: f");
    let output = plain.herald(&["preview", "--next-version"]);
    assert_eq!(stdout(&output), "1.2.0-beta.2\n");
    assert!(
        !stderr(&output).contains("leading zeros"),
        "{}",
        stderr(&output)
    );
}
