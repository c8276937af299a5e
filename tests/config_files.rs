//! Configuration files as people and accidents leave them: broken, of the wrong kind,
//! enormous or hostile. Each is a clear error naming the file (or, in the hooks, a warning
//! that lets the commit through), never a silent fall-back, a hang or an exhausted machine.

mod common;

use common::{TestRepo, code, stderr, stdout};

fn repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v1.0.0");
    repo.commit("feat: new");
    repo
}

#[test]
fn a_configuration_without_end_is_refused() {
    let repo = repo();
    let output = repo.herald(&["--config", "/dev/zero", "check", "feat: x"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("/dev/zero:1:1: it is larger than 4 MiB"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_herald_toml_that_is_no_file_is_an_error() {
    let repo = repo();
    std::fs::create_dir(repo.path().join("herald.toml")).unwrap();
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("herald.toml:1:1: it is a directory"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir(repo.path().join("herald.toml")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.toml", repo.path().join("herald.toml")).unwrap();
        let output = repo.herald(&["preview"]);
        assert_eq!(code(&output), 2);
        assert!(
            stderr(&output).contains("herald.toml:1:1: it is a symbolic link to nothing"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn a_broken_file_that_names_a_release_tool_is_an_error() {
    let repo = repo();
    repo.write(
        "package.json",
        "{\n  \"name\": \"app\",\n  \"release\": { \"branches\": [main] }\n}\n",
    );
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).contains("package.json:3:29: invalid JSON, and it may hold a release tool's configuration under \"release\""),
        "{}",
        stderr(&output)
    );
    std::fs::remove_file(repo.path().join("package.json")).unwrap();
    repo.write(
        "pyproject.toml",
        "[project]\nname = \"app\"\n\n[tool.commitizen]\nversion = 1.0.0\n",
    );
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("pyproject.toml:5:")
            && stderr(&output).contains("holds [tool.commitizen]"),
        "{}",
        stderr(&output)
    );
    // An unrelated broken file is not herald's business.
    repo.write("pyproject.toml", "[project\n");
    assert_eq!(code(&repo.herald(&["preview"])), 0);
}

#[test]
fn values_of_the_wrong_kind_are_named_with_what_was_assumed() {
    let repo = repo();
    repo.write(
        ".releaserc.json",
        r#"{ "tagFormat": 5, "branches": true, "preset": ["angular"] }"#,
    );
    let json = repo.preview_json(&[]);
    let warnings = json["warnings"].to_string();
    for expected in [
        "`tagFormat` is a number, where semantic-release takes a string: assumed v${version}",
        "`branches` is a boolean",
        "`preset` is an array",
    ] {
        assert!(warnings.contains(expected), "{expected}: {warnings}");
    }
    assert_eq!(json["components"][0]["next_version"], "1.1.0");
}

#[test]
fn doctor_reports_a_broken_tool_file_and_goes_on() {
    let repo = repo();
    repo.write(".releaserc.json", "{ \"tagFormat\": }");
    let output = repo.herald(&["doctor"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("✗ release tool: .releaserc.json:1:"), "{out}");
    assert!(out.contains("last release: v1.0.0 by herald"), "{out}");
}

#[test]
fn the_hooks_let_commits_through_a_broken_tool_file() {
    let repo = repo();
    repo.write(".releaserc.json", "{ \"tagFormat\": }");
    repo.write("msg", "feat!: drop v1\n\nBREAKING CHANGE: gone\n");
    let output = repo.herald(&["hook", "commit-msg", "msg"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("warning: .releaserc.json:1:"), "{err}");
    assert!(err.contains("⚠ BREAKING CHANGE"), "{err}");
    assert!(
        !err.contains("next release"),
        "no forecast by the wrong rules: {err}"
    );
    let output = repo.herald(&["hook", "commit-msg", "msg"]);
    assert_eq!(code(&output), 0);
}

/// A few hundred bytes of nested YAML aliases expand to billions of values; every command,
/// the commit hook included, stops at once with the file named.
#[test]
fn a_yaml_alias_bomb_is_refused_at_once() {
    let repo = repo();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let previous = format!("*a{}", i - 1);
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [previous.as_str(); 9].join(", ")
        ));
    }
    repo.write(".releaserc.yml", &bomb);
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(".releaserc.yml:")
            && stderr(&output).contains("expands to more than"),
        "{}",
        stderr(&output)
    );
    repo.write("msg", "fix: x\n");
    let output = repo.herald(&["hook", "commit-msg", "msg"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("expands to more than"),
        "{}",
        stderr(&output)
    );
}
