//! `herald doctor`: each finding, and the exit code when something needs fixing.

mod common;

use common::{TestRepo, code, herald_bin, stderr, stdout};

/// `herald doctor` with herald's folder on PATH, or not.
fn doctor(repo: &TestRepo, herald_on_path: bool) -> std::process::Output {
    let mut command = repo.herald_command(&["doctor"]);
    let path = if herald_on_path {
        format!(
            "{}:{}",
            herald_bin().parent().unwrap().display(),
            common::machine_path()
        )
    } else {
        common::machine_path()
    };
    command.env("PATH", path).output().unwrap()
}

#[test]
fn a_set_up_repository_is_healthy() {
    let repo = TestRepo::new();
    repo.write("herald.toml", "[release]\nversion_files = [\"VERSION\"]\n");
    repo.write("VERSION", "1.2.0\n");
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    let install = repo.herald(&["install"]);
    assert_eq!(code(&install), 0, "{}", stderr(&install));
    let output = doctor(&repo, true);
    let hooks = repo.path().join(".git/hooks");
    assert_eq!(
        stdout(&output),
        format!(
            "✓ configuration: herald.toml is valid\n\
             ✓ hooks: commit-msg is installed in {h}/commit-msg\n\
             ✓ hooks: pre-push is installed in {h}/pre-push\n\
             ✓ PATH: herald is {bin}\n\
             ✓ last release: v1.2.0 by herald (from herald.toml)\n\
             ✓ version files: 1 file at 1.2.0, in step with v1.2.0\n\
             ✓ release commit: its message passes the commit rules\n",
            h = hooks.display(),
            bin = herald_bin().display()
        )
    );
    assert_eq!(code(&output), 0);
}

#[test]
fn problems_come_with_their_fix() {
    let repo = TestRepo::new();
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"VERSION\"]\ncommit_message = \"Release {version}\"\n",
    );
    repo.write("VERSION", "1.1.0\n");
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    // A team's own hooks folder (husky's and lefthook's have tests of their own).
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    std::fs::create_dir_all(repo.path().join(".githooks")).unwrap();
    std::fs::write(
        repo.path().join(".githooks/commit-msg"),
        "#!/bin/sh\nnpx commitlint\n",
    )
    .unwrap();
    let output = doctor(&repo, false);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let hooks = repo.path().join(".githooks");
    for expected in [
        format!("✗ hooks: {}/commit-msg is not herald's", hooks.display()),
        "    help: run `herald install`: it chains the hook that is there".to_string(),
        format!("✗ hooks: pre-push is not installed in {}", hooks.display()),
        "✗ PATH: herald is not on PATH".to_string(),
        "✗ version files: VERSION says 1.1.0, but the last release is v1.2.0".to_string(),
        "✗ release commit: ".to_string(),
        "help: change `commit_message` under [release]".to_string(),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn an_invalid_configuration_is_reported_not_fatal() {
    let repo = TestRepo::new();
    repo.write("herald.toml", "[release]\nbranch = \"release\"\n");
    let output = doctor(&repo, true);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    assert!(
        out.contains("herald.toml:2:10: `branch = \"release\"` has no `{version}` placeholder"),
        "{out}"
    );
    assert!(
        out.contains("✗ hooks: commit-msg is not installed"),
        "{out}"
    );
}

#[test]
fn outside_a_repository_is_bad_input() {
    let repo = TestRepo::new();
    let output = repo.herald_in(&repo.scratch(""), &["doctor"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
}
