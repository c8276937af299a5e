//! Every command names the same last release under every engine: `preview`, `doctor`, the
//! commit-msg hook's banner and `release` all follow the engine's own tags (or record),
//! never herald's tag template when another tool decides.

mod common;

use common::{TestRepo, code, stderr, stdout};

/// A repository whose release tool is configured by `files`, released as `tag` (the
/// engine's spelling of 1.4.2), then two commits; each test adds a decoy tag in a format
/// the engine does not read.
fn released(files: &[(&str, &str)], tag: &str) -> TestRepo {
    let repo = TestRepo::new();
    for (path, content) in files {
        repo.write(path, content);
    }
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag(tag);
    repo.commit("fix: after the release");
    repo.commit("docs: more");
    repo
}

fn assert_everyone_agrees(repo: &TestRepo, engine: &str, tag: &str) {
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(json["engine"], engine, "{json}");
    assert_eq!(component["current_tag"], tag, "{json}");
    assert_eq!(component["current_version"], "1.4.2", "{json}");

    let doctor = repo.herald(&["doctor"]);
    let out = stdout(&doctor);
    assert!(
        out.contains(&format!("last release: {tag} by {engine}")),
        "{out}"
    );

    repo.write("msg", "feat!: drop the old API\n\nBREAKING CHANGE: gone\n");
    let hook = repo.herald(&["hook", "commit-msg", "msg"]);
    assert_eq!(code(&hook), 0, "{}", stderr(&hook));
    assert!(stderr(&hook).contains("(from 1.4.2)"), "{}", stderr(&hook));
    std::fs::remove_file(repo.path().join("msg")).unwrap();

    let release = repo.herald(&["release", "--dry-run", "--yes", "--bump", "patch"]);
    assert_eq!(code(&release), 0, "{}", stderr(&release));
    assert!(stdout(&release).contains("1.4.2 →"), "{}", stdout(&release));
}

#[test]
fn herald() {
    let repo = released(&[], "v1.4.2");
    repo.tag("1.9.0");
    assert_everyone_agrees(&repo, "herald", "v1.4.2");
}

#[test]
fn semantic_release() {
    let repo = released(
        &[(
            ".releaserc.json",
            r#"{ "tagFormat": "release-${version}" }"#,
        )],
        "release-1.4.2",
    );
    repo.tag("v9.0.0");
    assert_everyone_agrees(&repo, "semantic-release", "release-1.4.2");
}

#[test]
fn release_please() {
    let repo = released(
        &[
            (
                "release-please-config.json",
                r#"{ "release-type": "simple", "packages": { ".": {} } }"#,
            ),
            (".release-please-manifest.json", r#"{ ".": "1.4.2" }"#),
        ],
        "v1.4.2",
    );
    repo.tag("v9.0.0");
    assert_everyone_agrees(&repo, "release-please", "v1.4.2");
}

#[test]
fn commitizen() {
    let repo = released(
        &[(
            ".cz.toml",
            "[tool.commitizen]\nversion_provider = \"scm\"\ntag_format = \"app-$version\"\n",
        )],
        "app-1.4.2",
    );
    repo.tag("v9.0.0");
    assert_everyone_agrees(&repo, "commitizen", "app-1.4.2");
}

#[test]
fn cocogitto() {
    let repo = released(&[("cog.toml", "")], "1.4.2");
    repo.tag("v9.0.0");
    assert_everyone_agrees(&repo, "cocogitto", "1.4.2");
}

#[test]
fn git_cliff() {
    let repo = released(
        &[("cliff.toml", "[git]\ntag_pattern = \"^rel-\"\n")],
        "rel-1.4.2",
    );
    repo.tag("v9.0.0");
    assert_everyone_agrees(&repo, "git-cliff", "rel-1.4.2");
}

/// A release cut on a release branch that was never merged back: preview and doctor on
/// main say so, with the command that fixes it.
#[test]
fn a_release_branch_not_merged_back_is_named() {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v1.4.2");
    repo.commit("feat!: drop v1");
    repo.git(&["checkout", "-q", "-b", "release/v2.0.0"]);
    repo.commit_file("CHANGELOG.md", "chore(release): v2.0.0")
        .tag("v2.0.0");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("fix: on main");
    let json = repo.preview_json(&[]);
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("v2.0.0 is a higher release than v1.4.2")
            && warnings.contains("git merge v2.0.0"),
        "{warnings}"
    );
    let doctor = stdout(&repo.herald(&["doctor"]));
    assert!(
        doctor.contains("✗ last release: v2.0.0 is released, but `main` does not hold it")
            && doctor.contains("help: merge it back: `git merge v2.0.0`"),
        "{doctor}"
    );
    repo.git(&["merge", "-q", "--no-edit", "v2.0.0"]);
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_tag"], "v2.0.0");
    assert_eq!(json["components"][0]["next_version"], "2.0.1");
    assert!(!json["warnings"].to_string().contains("higher release"));
}
