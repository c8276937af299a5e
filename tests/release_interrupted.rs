//! `herald release` cut short: killed at any step (as a crash or a power cut would), then
//! finished or undone by the next run; SIGINT and SIGTERM undoing it at once; two
//! releases at once; git's lock files left behind. Nothing here waits on a clock: a run is
//! stopped at a named step by the debug build's injections, and the tests wait for files
//! the run creates.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

use common::{TestRepo, code, stderr, stdout};

const PACKAGE: &str = "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\"\n}\n";

/// Released as 1.2.0 with a package.json, then a feature: the next release is 1.3.0.
fn node() -> TestRepo {
    let repo = TestRepo::new();
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"package.json\"]\n",
    );
    repo.write("package.json", PACKAGE);
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    repo.commit("feat(api): add search");
    repo
}

/// Adds hooks that pass, so that the steps around them exist.
fn with_passing_hooks(repo: &TestRepo) {
    hook(repo, "pre-commit", "exit 0");
    hook(repo, "commit-msg", "exit 0");
}

fn hook(repo: &TestRepo, name: &str, body: &str) -> PathBuf {
    let path = repo.path().join(".git/hooks").join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn journal(repo: &TestRepo) -> PathBuf {
    repo.path().join(".git/herald/release/journal.json")
}

/// `herald release --yes` killed with SIGKILL right after `point`.
fn killed_after(repo: &TestRepo, point: &str) {
    let output = repo
        .herald_command(&["release", "--yes"])
        .env("HERALD_TEST_STOP_AFTER", point)
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        output.status.signal(),
        Some(libc::SIGKILL),
        "{point}: {}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(journal(repo).exists(), "{point}: the journal is left");
}

/// git's lock files anywhere under the git directory (herald's own lock aside).
fn lock_files(repo: &TestRepo) -> Vec<String> {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with(".git/herald") {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "lock") {
                found.push(path.display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    walk(&repo.path().join(".git"), &mut found);
    found
}

/// The release 1.3.0 is there, whole: branch, files, commit and tag agree.
fn released(repo: &TestRepo) {
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0"
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join("package.json")).unwrap(),
        PACKAGE.replace("1.2.0", "1.3.0")
    );
    assert_eq!(repo.head_message(), "chore(release): v1.3.0");
    assert_eq!(repo.git(&["rev-parse", "v1.3.0^{commit}"]), repo.head());
    assert_eq!(
        repo.git(&["rev-parse", "HEAD~1"]),
        repo.git(&["rev-parse", "main"])
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    assert_eq!(repo.git(&["fsck", "--no-progress"]), "");
}

const POINTS: [&str; 8] = [
    "begin",
    "create-branch",
    "switch",
    "write package.json",
    "write CHANGELOG.md",
    "stage",
    "objects",
    "commit",
];

#[test]
fn a_release_killed_at_any_step_is_undone_by_abort() {
    for point in POINTS.iter().chain(&["tag"]) {
        let repo = node();
        let before = repo.state();
        killed_after(&repo, point);
        let output = repo.herald(&["release", "--abort"]);
        assert_eq!(code(&output), 0, "{point}: {}", stderr(&output));
        assert_eq!(
            stderr(&output),
            "herald: the interrupted release 1.3.0 on release/v1.3.0 was undone: the repository is as it was before it\n",
            "{point}"
        );
        assert_eq!(repo.state(), before, "after a kill at {point}");
        assert!(!journal(&repo).exists());
        assert_eq!(lock_files(&repo), Vec::<String>::new());
        assert_eq!(repo.git(&["fsck", "--no-progress"]), "");
        let again = repo.herald(&["release", "--abort"]);
        assert_eq!(
            stderr(&again),
            "herald: no interrupted release: nothing to undo\n"
        );
    }
}

#[test]
fn a_release_killed_around_its_hooks_is_undone() {
    for point in ["stage", "pre-commit", "commit-msg", "objects"] {
        let repo = node();
        with_passing_hooks(&repo);
        let before = repo.state();
        let editmsg = repo.path().join(".git/COMMIT_EDITMSG");
        let _ = std::fs::remove_file(&editmsg);
        killed_after(&repo, point);
        let output = repo.herald(&["release", "--abort"]);
        assert_eq!(code(&output), 0, "{point}: {}", stderr(&output));
        assert_eq!(repo.state(), before, "after a kill at {point}");
        assert!(!editmsg.exists(), "{point}: COMMIT_EDITMSG is taken back");
    }
}

#[test]
fn the_next_release_undoes_an_interrupted_one_and_goes_on() {
    let repo = node();
    killed_after(&repo, "write CHANGELOG.md");
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(
            "herald: the interrupted release 1.3.0 on release/v1.3.0 was undone: the repository is as it was before it\n"
        ),
        "{}",
        stderr(&output)
    );
    released(&repo);
}

#[test]
fn a_dry_run_says_an_interrupted_release_is_pending() {
    let repo = node();
    killed_after(&repo, "commit");
    let before = repo.state();
    let output = repo.herald(&["release", "--dry-run"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(
            "an interrupted release 1.3.0 on release/v1.3.0 is not finished; `herald release --abort` undoes it"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.state(), before);
    let doctor = stdout(&repo.herald(&["doctor"]));
    assert!(
        doctor.contains("✗ release: the release 1.3.0 on release/v1.3.0 was interrupted"),
        "{doctor}"
    );
}

#[test]
fn a_release_killed_once_complete_is_kept() {
    let repo = node();
    let remote = TestRepo::bare();
    repo.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    repo.git(&["push", "-q", "origin", "main", "v1.2.0"]);
    let output = repo
        .herald_command(&["release", "--yes", "--push"])
        .env("HERALD_TEST_STOP_AFTER", "push")
        .output()
        .unwrap();
    assert_eq!(code(&output), -1, "killed: {}", stderr(&output));
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "herald: the interrupted release 1.3.0 on release/v1.3.0 had completed: it is kept\n  its push may not have happened; publish it with: git push --atomic origin release/v1.3.0 v1.3.0\n"
    );
    released(&repo);
    assert!(!journal(&repo).exists());
}

#[test]
fn locks_the_interrupted_release_left_are_removed_and_others_are_not() {
    let repo = node();
    let before = repo.state();
    killed_after(&repo, "switch");
    // As a kill in the middle of git's own updates would leave them.
    let git = repo.path().join(".git");
    let branch_lock = git.join("refs/heads/release/v1.3.0.lock");
    std::fs::write(&branch_lock, "").unwrap();
    std::fs::write(git.join("index.lock"), "DIRC").unwrap();
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(lock_files(&repo), Vec::<String>::new());
    assert_eq!(repo.state(), before);

    // An index lock older than the release is another git command's: left alone, and
    // the undo waits for it.
    let repo = node();
    let before = repo.state();
    let index_lock = repo.path().join(".git/index.lock");
    std::fs::write(&index_lock, "DIRC").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&index_lock)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(
        code(&output),
        2,
        "a held index stops the release before it starts"
    );
    assert!(
        stderr(&output).contains("index.lock exists"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_file(&index_lock).unwrap();
    killed_after(&repo, "commit");
    std::fs::write(&index_lock, "DIRC").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&index_lock)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 3);
    assert!(
        stderr(&output).contains("index.lock exists: another git command is using the index"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("run `herald release --abort` again"));
    assert!(
        index_lock.exists(),
        "another command's lock is never removed"
    );
    assert!(journal(&repo).exists(), "kept for another try");
    std::fs::remove_file(&index_lock).unwrap();
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(repo.state(), before);
}

/// `herald release --yes` paused right after `point` until the pause file goes away.
fn paused_at(repo: &TestRepo, point: &str, dir: &Path) -> (Child, PathBuf) {
    let pause = repo.scratch(&format!("pause-{}", point.replace(' ', "-")));
    let child = repo
        .herald_command_in(dir, &["release", "--yes"])
        .env("HERALD_TEST_PAUSE_AFTER", point)
        .env("HERALD_TEST_PAUSE_FILE", &pause)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&pause);
    (child, pause)
}

/// Waits until `path` exists (the run under test creates it when it gets there).
fn wait_for(path: &Path) {
    for _ in 0..60_000 {
        if path.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    panic!("{} never appeared", path.display());
}

fn signal(child: &Child, signal: i32) {
    // SAFETY: a signal to a child this test started.
    unsafe {
        libc::kill(child.id() as libc::pid_t, signal);
    }
}

#[test]
fn sigint_and_sigterm_undo_the_release() {
    for (sig, name, exit) in [
        (libc::SIGINT, "SIGINT", 130),
        (libc::SIGTERM, "SIGTERM", 143),
    ] {
        for point in ["switch", "write package.json", "commit"] {
            let repo = node();
            let before = repo.state();
            let (child, _pause) = paused_at(&repo, point, repo.path());
            signal(&child, sig);
            let output = child.wait_with_output().unwrap();
            assert_eq!(
                code(&output),
                exit,
                "{name} at {point}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).ends_with(&format!(
                    "herald: the release was interrupted by {name} at `{point}`: every change was undone: the repository is as it was\n"
                )),
                "{}",
                stderr(&output)
            );
            assert_eq!(repo.state(), before, "{name} at {point}");
            assert!(!journal(&repo).exists());
        }
    }
}

#[test]
fn a_signal_while_a_hook_runs_stops_the_hook_and_undoes_the_release() {
    let repo = node();
    let started = repo.scratch("hook-started");
    hook(
        &repo,
        "pre-commit",
        &format!("touch '{}'\nwhile :; do sleep 1; done", started.display()),
    );
    let before = repo.state();
    let child = repo
        .herald_command(&["release", "--yes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&started);
    signal(&child, libc::SIGTERM);
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 143, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("interrupted by SIGTERM at `commit`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.state(), before);
}

#[test]
fn a_second_release_waits_its_turn_and_never_undoes_the_first() {
    let repo = node();
    let worktree = repo.scratch("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "--detach",
        worktree.to_str().unwrap(),
    ]);
    let (first, pause) = paused_at(&repo, "create-branch", repo.path());
    let state = repo.state();
    for dir in [repo.path(), worktree.as_path()] {
        let second = repo.herald_in(dir, &["release", "--yes"]);
        assert_eq!(code(&second), 1, "{}", stderr(&second));
        assert_eq!(
            stderr(&second),
            format!(
                "herald: another herald release (pid {}) is running in this repository; wait for it to end, then try again\n",
                first.id()
            )
        );
        assert_eq!(repo.state(), state, "the second run changed nothing");
    }
    std::fs::remove_file(&pause).unwrap();
    let first = first.wait_with_output().unwrap();
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert!(stdout(&first).contains("✓ release 1.3.0 on release/v1.3.0"));
    released(&repo);
    let late = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&late), 2);
    assert!(
        stderr(&late).contains("v1.3.0 is already released and this base does not hold it"),
        "{}",
        stderr(&late)
    );
    released(&repo);
}

#[test]
fn releases_started_together_leave_one_whole_release() {
    for _ in 0..4 {
        let repo = node();
        let start = |_: usize| -> Command { repo.herald_command(&["release", "--yes"]) };
        let children: Vec<Child> = (0..2)
            .map(|n| {
                start(n)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let won: Vec<&Output> = outputs.iter().filter(|o| code(o) == 0).collect();
        assert_eq!(
            won.len(),
            1,
            "{:?}",
            outputs.iter().map(stderr).collect::<Vec<_>>()
        );
        let lost = outputs.iter().find(|o| code(o) != 0).unwrap();
        let err = stderr(lost);
        assert!(
            err.contains("another herald release")
                || err.contains("already exists")
                || err.contains("the work tree has changes"),
            "{err}"
        );
        released(&repo);
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_release_killed_during_a_hook_waits_for_the_hook_to_end() {
    let repo = node();
    let started = repo.scratch("hook-started");
    let hold = repo.scratch("hold");
    std::fs::write(&hold, "").unwrap();
    hook(
        &repo,
        "pre-commit",
        &format!(
            "touch '{}'\nwhile [ -e '{}' ]; do sleep 0.01; done",
            started.display(),
            hold.display()
        ),
    );
    let before = repo.state();
    let child = repo
        .herald_command(&["release", "--yes"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&started);
    // Killed once the journal names the hook's process.
    let hook_recorded = || {
        let text = std::fs::read_to_string(journal(&repo)).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|journal| {
            journal["changes"]
                .as_array()
                .is_some_and(|changes| changes.iter().any(|c| c["pid"].is_u64()))
        })
    };
    for _ in 0..30_000 {
        if hook_recorded() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    signal(&child, libc::SIGKILL);
    child.wait_with_output().unwrap();
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("was interrupted while a hook it ran (pid ") && err.contains("still runs"),
        "{err}"
    );
    let pid: i32 = err
        .split("(pid ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap()
        .parse()
        .unwrap();
    std::fs::remove_file(&hold).unwrap();
    // The hook sees the file gone and ends (a zombie until reaped counts as ended).
    let ended = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
            stat.rsplit_once(") ")
                .is_some_and(|(_, s)| s.starts_with('Z'))
        })
    };
    for _ in 0..30_000 {
        if ended() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(repo.state(), before);
}

#[test]
fn an_undo_leaves_alone_a_ref_someone_else_moved() {
    let repo = node();
    let pause = repo.scratch("pause");
    let child = repo
        .herald_command(&["release", "--yes"])
        .env("HERALD_TEST_PAUSE_AFTER", "create-branch")
        .env("HERALD_TEST_PAUSE_FILE", &pause)
        .env("HERALD_FAIL_AFTER", "create-branch")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&pause);
    // Meanwhile someone points the new branch elsewhere.
    let theirs = repo.git(&["rev-parse", "v1.2.0^{commit}"]);
    repo.git(&["update-ref", "refs/heads/release/v1.3.0", &theirs]);
    std::fs::remove_file(&pause).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "these changes could not be undone:\n  refs/heads/release/v1.3.0 has been moved to {} since; it is left as it is",
            &theirs[..12]
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.git(&["rev-parse", "release/v1.3.0"]), theirs);
    assert!(
        !journal(&repo).exists(),
        "what is theirs is not tried again"
    );

    // The same after a kill: the next run undoes the rest and says what it left.
    let repo = node();
    killed_after(&repo, "switch");
    let theirs = repo.git(&["rev-parse", "v1.2.0^{commit}"]);
    repo.git(&["update-ref", "refs/heads/release/v1.3.0", &theirs]);
    let output = repo.herald(&["release", "--abort"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "herald: the interrupted release 1.3.0 on release/v1.3.0 was undone, except what has changed since:\n  refs/heads/release/v1.3.0 has been moved to {} since; it is left as it is\n",
            &theirs[..12]
        )
    );
    assert_eq!(repo.git(&["rev-parse", "release/v1.3.0"]), theirs);
    assert_eq!(repo.git(&["symbolic-ref", "--short", "HEAD"]), "main");
    assert!(!journal(&repo).exists());
}
