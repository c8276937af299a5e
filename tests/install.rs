//! `herald install` / `herald uninstall` in the repositories people have.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{TestRepo, code, stderr, stdout};

const OLD_HOOK: &str =
    "#!/bin/sh\necho \"old hook ran: $1\" >> \"$(git rev-parse --git-common-dir)/old-hook.log\"\n";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn write_hook(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn is_herald_hook(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|s| s.contains("# herald-hook: "))
}

#[test]
fn installs_both_hooks_executable_and_is_idempotent() {
    let repo = TestRepo::new();
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let hooks = repo.path().join(".git/hooks");
    assert_eq!(
        stdout(&output),
        format!(
            "commit-msg: installed {h}/commit-msg\npre-push: installed {h}/pre-push\n",
            h = hooks.display()
        )
    );
    for name in ["commit-msg", "pre-push"] {
        let path = hooks.join(name);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            std::fs::read_to_string(format!("hooks/{name}")).unwrap()
        );
        assert_eq!(mode(&path), 0o755);
    }
    let listing = |dir: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing(&hooks);
    let output = repo.herald(&["install"]);
    assert_eq!(
        stdout(&output),
        format!(
            "commit-msg: already installed in {h}/commit-msg\npre-push: already installed in {h}/pre-push\n",
            h = hooks.display()
        )
    );
    assert_eq!(listing(&hooks), before);
}

#[test]
fn existing_hook_is_chained_and_restored() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let hook = repo.path().join(".git/hooks/commit-msg");
    write_hook(&hook, OLD_HOOK);
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o750)).unwrap();

    let output = repo.herald(&["install"]);
    assert!(
        stdout(&output).contains("the hook that was there runs first, as commit-msg.pre-herald"),
        "{}",
        stdout(&output)
    );
    assert!(is_herald_hook(&hook));

    // Both run: the old hook first, then herald, which still refuses a bad message.
    let output = repo.try_commit(&["-q", "-m", "feat: chained"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let log = repo.path().join(".git/old-hook.log");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "old hook ran: .git/COMMIT_EDITMSG\n"
    );
    let output = repo.try_commit(&["-q", "-m", "bad message"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("header-format"));

    // A failing old hook stops the commit before herald runs.
    write_hook(
        &repo.path().join(".git/hooks/commit-msg.pre-herald"),
        "#!/bin/sh\necho 'old hook says no' >&2\nexit 3\n",
    );
    let output = repo.try_commit(&["-q", "-m", "feat: fine by herald"]);
    assert_eq!(code(&output), 1);
    assert_eq!(stderr(&output), "old hook says no\n");

    write_hook(
        &repo.path().join(".git/hooks/commit-msg.pre-herald"),
        OLD_HOOK,
    );
    std::fs::set_permissions(
        repo.path().join(".git/hooks/commit-msg.pre-herald"),
        std::fs::Permissions::from_mode(0o750),
    )
    .unwrap();
    let output = repo.herald(&["uninstall"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), OLD_HOOK);
    assert_eq!(mode(&hook), 0o750);
    assert!(
        !repo
            .path()
            .join(".git/hooks/commit-msg.pre-herald")
            .exists()
    );
    assert!(!repo.path().join(".git/hooks/pre-push").exists());
}

#[test]
fn force_replaces_but_keeps_the_old_hook() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let hook = repo.path().join(".git/hooks/commit-msg");
    write_hook(&hook, OLD_HOOK);
    let output = repo.herald(&["install", "--force"]);
    assert!(
        stdout(&output).contains("kept, not run, as commit-msg.herald-backup"),
        "{}",
        stdout(&output)
    );
    let output = repo.try_commit(&["-q", "-m", "feat: forced"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        !repo.path().join(".git/old-hook.log").exists(),
        "the old hook no longer runs"
    );
    repo.herald(&["uninstall"]);
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), OLD_HOOK);
}

#[test]
fn uninstall_leaves_foreign_hooks_alone() {
    let repo = TestRepo::new();
    let hook = repo.path().join(".git/hooks/pre-push");
    write_hook(&hook, OLD_HOOK);
    let output = repo.herald(&["uninstall"]);
    assert_eq!(
        stdout(&output),
        format!(
            "commit-msg: not installed\npre-push: {} is not herald's; left alone\n",
            hook.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), OLD_HOOK);
}

#[test]
fn installs_into_relative_core_hooks_path() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    // A team's own hooks folder; husky's and lefthook's are in tests/hook_managers.rs.
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    write_hook(&repo.path().join(".githooks/commit-msg"), OLD_HOOK);
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(is_herald_hook(&repo.path().join(".githooks/commit-msg")));
    assert!(!repo.path().join(".git/hooks/commit-msg").exists());
    let output = repo.try_commit(&["-q", "-m", "nope"]);
    assert_eq!(code(&output), 1);
    assert!(
        repo.path().join(".git/old-hook.log").exists(),
        "the team's hook ran first"
    );
    // From a subdirectory the relative path still means the work tree's root.
    std::fs::create_dir_all(repo.path().join("sub/dir")).unwrap();
    let output = repo.herald_in(&repo.path().join("sub/dir"), &["install"]);
    assert!(
        stdout(&output).contains("already installed"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn installs_from_a_linked_worktree_into_the_shared_hooks() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let worktree = repo.scratch("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "side",
        worktree.to_str().unwrap(),
    ]);
    let output = repo.herald_in(&worktree, &["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(is_herald_hook(&repo.path().join(".git/hooks/commit-msg")));

    std::fs::write(worktree.join("w.txt"), "w\n").unwrap();
    repo.git_in(&worktree, &["add", "w.txt"]);
    let output = repo
        .git_command(&worktree)
        .args(["commit", "-q", "-m", "bad one"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("header-format"));
    let saved = repo.path().join(".git/worktrees/wt/herald/COMMIT_EDITMSG");
    assert_eq!(std::fs::read_to_string(saved).unwrap(), "bad one\n");
    let output = repo
        .git_command(&worktree)
        .args(["commit", "-q", "-m", "feat: good one"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn installs_into_a_submodule() {
    let parent = TestRepo::new();
    parent.commit("chore: parent");
    let child = TestRepo::new();
    child.commit("chore: child");
    parent.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        child.path().to_str().unwrap(),
        "sub",
    ]);
    let sub = parent.path().join("sub");
    assert!(sub.join(".git").is_file(), ".git is a file in a submodule");
    let output = parent.herald_in(&sub, &["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(is_herald_hook(
        &parent.path().join(".git/modules/sub/hooks/commit-msg")
    ));
    assert!(!parent.path().join(".git/hooks/commit-msg").exists());

    std::fs::write(sub.join("s.txt"), "s\n").unwrap();
    parent.git_in(&sub, &["add", "s.txt"]);
    let output = parent
        .git_command(&sub)
        .args(["commit", "-q", "-m", "still bad"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("header-format"));
}

#[test]
fn not_a_repository_is_exit_2() {
    let repo = TestRepo::new();
    let outside = repo.scratch("plain");
    std::fs::create_dir_all(&outside).unwrap();
    let output = repo.herald_in(&outside, &["install"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("herald: not a git repository"),
        "{}",
        stderr(&output)
    );
}
