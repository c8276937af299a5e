//! A refused commit message is never lost: each refusal says which file holds its own
//! message, even when refusals happen at once (two terminals in one work tree, two
//! worktrees), and a later refusal keeps the earlier message.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{TestRepo, code, stderr};

/// The file a refusal says the message is saved in.
fn saved_in(output: &Output) -> PathBuf {
    let err = stderr(output);
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("commit refused: your message is saved in "))
        .unwrap_or_else(|| panic!("no saved message in: {err}"));
    PathBuf::from(line.trim_matches('\''))
}

fn refuse(repo: &TestRepo, name: &str, message: &str) -> PathBuf {
    let file = repo.scratch(name);
    std::fs::write(&file, message).unwrap();
    let output = repo.herald(&["hook", "commit-msg", file.to_str().unwrap()]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    saved_in(&output)
}

#[test]
fn a_later_refusal_keeps_the_earlier_message() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let first = refuse(&repo, "m1", "first bad message\n");
    let second = refuse(&repo, "m2", "second bad message\n");
    let herald = repo.path().join(".git/herald");
    assert_eq!(first, herald.join("COMMIT_EDITMSG"));
    assert_eq!(second, herald.join("COMMIT_EDITMSG.1"));
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "first bad message\n"
    );
    assert_eq!(
        std::fs::read_to_string(&second).unwrap(),
        "second bad message\n"
    );
    // The same message refused again is found where it already is.
    assert_eq!(refuse(&repo, "m3", "first bad message\n"), first);
}

#[test]
fn refusals_at_once_each_keep_their_own_message() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let children: Vec<_> = (0..8)
        .map(|n| {
            let file = repo.scratch(&format!("message-{n}"));
            std::fs::write(&file, format!("bad message number {n}\n")).unwrap();
            repo.herald_command(&["hook", "commit-msg", file.to_str().unwrap()])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut saved = Vec::new();
    for (n, child) in children.into_iter().enumerate() {
        let output = child.wait_with_output().unwrap();
        assert_eq!(code(&output), 1, "{}", stderr(&output));
        let path = saved_in(&output);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("bad message number {n}\n"),
            "{}",
            path.display()
        );
        saved.push(path);
    }
    saved.sort();
    saved.dedup();
    assert_eq!(saved.len(), 8, "{saved:?}");
}

#[test]
fn each_worktree_keeps_its_own_messages() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let worktree = repo.scratch("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "side",
        worktree.to_str().unwrap(),
    ]);
    let mut saved = Vec::new();
    for (dir, message) in [
        (repo.path(), "bad in main"),
        (worktree.as_path(), "bad in wt"),
    ] {
        std::fs::write(dir.join("x.txt"), message).unwrap();
        repo.git_in(dir, &["add", "x.txt"]);
        let output = repo
            .git_command(dir)
            .args(["commit", "-q", "-m", message])
            .output()
            .unwrap();
        assert_eq!(code(&output), 1, "{}", stderr(&output));
        saved.push((saved_in(&output), message));
    }
    assert_ne!(saved[0].0, saved[1].0);
    for (path, message) in saved {
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            format!("{message}\n")
        );
    }
}
