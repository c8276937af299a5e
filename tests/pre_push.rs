//! The pre-push hook through real `git push`es to a real bare remote.

mod common;

use common::{TestRepo, code, stderr};

/// A clone-like pair: `local` with `origin` pointing at a bare `remote`, `main` pushed at
/// v1.4.2, hooks installed.
fn pair(object_format: Option<&str>) -> (TestRepo, TestRepo) {
    let (remote, local) = match object_format {
        Some(_) => (TestRepo::bare_sha256(), TestRepo::sha256()),
        None => (TestRepo::bare(), TestRepo::new()),
    };
    local.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    local.commit("chore: start").tag("v1.4.2");
    local.git(&["push", "-q", "--no-verify", "origin", "main", "v1.4.2"]);
    let output = local.herald(&["install", "-q"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    (remote, local)
}

fn push(local: &TestRepo, args: &[&str]) -> std::process::Output {
    let mut full = vec!["push", "-q"];
    full.extend_from_slice(args);
    local.git_output(&full)
}

fn remote_head(remote: &TestRepo, branch: &str) -> Option<String> {
    let output = remote.git_output(&[
        "rev-parse",
        "--verify",
        "-q",
        &format!("refs/heads/{branch}"),
    ]);
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[test]
fn good_commits_go_through_with_a_forecast() {
    let (remote, local) = pair(None);
    local
        .commit("feat(api): add endpoint")
        .commit("fix: crash")
        .commit("feat!: drop v1");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "herald: this push: 2 feat, 1 fix, 1 BREAKING → next release 2.0.0 (from 1.4.2)\n"
    );
    assert_eq!(remote_head(&remote, "main"), Some(local.head()));
}

#[test]
fn one_bad_commit_among_many_is_named_and_refused() {
    let (remote, local) = pair(None);
    for n in 0..20 {
        local.commit(&format!("fix: number {n}"));
    }
    local.commit("wip");
    let bad = local.git(&["rev-parse", "--short=7", "HEAD"]);
    for n in 20..30 {
        local.commit(&format!("fix: number {n}"));
    }
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(
        err.starts_with(&format!(
            "{bad} wip\nerror[header-format]: the header has no type\n --> {bad}:1:1\n"
        )),
        "{err}"
    );
    assert!(
        err.contains("push refused: 1 of 31 pushed commits breaks the commit rules"),
        "{err}"
    );
    assert!(err.contains(&format!("git rebase -i {bad}~1")), "{err}");
    assert!(err.contains("git push --no-verify"), "{err}");
    assert_eq!(
        remote_head(&remote, "main"),
        Some(local.git(&["rev-parse", "v1.4.2"]))
    );
}

#[test]
fn new_branch_checks_what_the_remote_lacks() {
    let (remote, local) = pair(None);
    local.commit("bad old commit");
    local.git(&["push", "-q", "--no-verify", "origin", "main"]);
    local.git(&["fetch", "-q", "origin"]);
    local.git(&["checkout", "-q", "-b", "topic"]);
    local.commit("feat: on topic");
    let output = push(&local, &["-u", "origin", "topic"]);
    assert_eq!(
        code(&output),
        0,
        "the bad commit is already on the remote: {}",
        stderr(&output)
    );
    assert_eq!(remote_head(&remote, "topic"), Some(local.head()));
    local.commit("not good");
    local.git(&["checkout", "-q", "-b", "topic2"]);
    let output = push(&local, &["origin", "topic2"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("not good"));
}

#[test]
fn several_refs_in_one_push() {
    let (remote, local) = pair(None);
    local.git(&["checkout", "-q", "-b", "one"]);
    local.commit("feat: one");
    local.git(&["checkout", "-q", "-b", "two", "main"]);
    local.commit_file("two.txt", "bad two");
    let output = push(&local, &["origin", "one", "two"]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(
        err.contains("bad two") && !err.contains("feat: one\n"),
        "{err}"
    );
    assert_eq!(
        remote_head(&remote, "one"),
        None,
        "the whole push is refused"
    );
    local.git(&["commit", "-q", "--amend", "--no-verify", "-m", "fix: two"]);
    let output = push(&local, &["origin", "one", "two"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(remote_head(&remote, "one").is_some() && remote_head(&remote, "two").is_some());
}

#[test]
fn branch_deletion_checks_nothing() {
    let (remote, local) = pair(None);
    local.git(&["checkout", "-q", "-b", "gone"]);
    local.commit("bad on gone");
    local.git(&["push", "-q", "--no-verify", "origin", "gone"]);
    let output = push(&local, &["origin", "--delete", "gone"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(remote_head(&remote, "gone"), None);
}

#[test]
fn force_push_over_commits_never_fetched() {
    let (remote, local) = pair(None);
    // Someone else pushes a commit this clone never sees.
    let other = TestRepo::new();
    let other_dir = other.scratch("other");
    other.git_in(
        &other.scratch(""),
        &[
            "clone",
            "-q",
            remote.path().to_str().unwrap(),
            other_dir.to_str().unwrap(),
        ],
    );
    std::fs::write(other_dir.join("o.txt"), "o\n").unwrap();
    other.git_in(&other_dir, &["add", "o.txt"]);
    other.git_in(&other_dir, &["commit", "-q", "-m", "feat: from elsewhere"]);
    other.git_in(&other_dir, &["push", "-q", "--no-verify", "origin", "main"]);
    local.commit("fix: rewritten history");
    let output = push(&local, &["--force", "origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("this push: 1 fix"),
        "{}",
        stderr(&output)
    );
    assert_eq!(remote_head(&remote, "main"), Some(local.head()));
    local.git(&[
        "commit",
        "-q",
        "--amend",
        "--no-verify",
        "-m",
        "rewritten badly",
    ]);
    let output = push(&local, &["--force", "origin", "main"]);
    assert_eq!(code(&output), 1);
}

#[test]
fn tags_are_not_linted() {
    let (remote, local) = pair(None);
    local.git(&["checkout", "-q", "-b", "side"]);
    local.commit("not a conventional message");
    local.tag("v1.4.3");
    let output = push(&local, &["origin", "v1.4.3"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        remote
            .git_output(&["rev-parse", "--verify", "-q", "refs/tags/v1.4.3"])
            .status
            .success()
    );
}

#[test]
fn protected_branches_are_refused() {
    let (remote, local) = pair(None);
    local.write(
        "herald.toml",
        "[hooks]\nprotected_branches = [\"main\", \"production\"]\n",
    );
    local.commit("feat: straight to main");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(
        err.starts_with("push refused: you cannot push directly to `main`: it is protected\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "push a branch and open a pull request, or cut a release with `herald release`"
        ),
        "{err}"
    );
    local.git(&["push", "-q", "--no-verify", "origin", "main:production"]);
    let output = push(&local, &["origin", "--delete", "production"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("you cannot delete `production`"));
    local.git(&["checkout", "-q", "-b", "feature/x"]);
    let output = push(&local, &["origin", "feature/x"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(remote_head(&remote, "production").is_some());
}

#[test]
fn fixup_commits_warn_or_refuse() {
    let (_remote, local) = pair(None);
    local.commit("feat: thing").commit("fixup! feat: thing");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning[fixup-on-push]"),
        "{}",
        stderr(&output)
    );
    local.write("herald.toml", "[hooks]\nfixup_on_push = \"refuse\"\n");
    local.commit("fixup! feat: thing");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("error[fixup-on-push]"));
}

#[test]
fn sha256_repository() {
    let (remote, local) = pair(Some("sha256"));
    assert_eq!(local.head().len(), 64);
    local.commit("feat: sha256 works");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "herald: this push: 1 feat → next release 1.5.0 (from 1.4.2)\n"
    );
    local.git(&["checkout", "-q", "-b", "new"]);
    local.commit("bad sha256");
    let output = push(&local, &["origin", "new"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("bad sha256"));
    assert_eq!(remote_head(&remote, "new"), None);
}

#[test]
fn existing_pre_push_hook_still_gets_the_refs() {
    let remote = TestRepo::bare();
    let local = TestRepo::new();
    local.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    local.commit("chore: start");
    let hook = local.path().join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        "#!/bin/sh\ncat > \"$(git rev-parse --git-dir)/seen-refs\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    local.herald(&["install", "-q"]);
    local.commit("feat: x");
    let output = push(&local, &["origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let seen = std::fs::read_to_string(local.path().join(".git/seen-refs")).unwrap();
    assert_eq!(
        seen,
        format!(
            "refs/heads/main {} refs/heads/main {}\n",
            local.head(),
            "0".repeat(40)
        )
    );
}
