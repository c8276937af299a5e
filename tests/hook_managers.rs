//! herald beside the hook managers teams already run: husky (a hand-made husky 9 layout,
//! with husky's real dispatcher), lefthook's configuration, the pre-commit framework's
//! pre-push variables, and bare repositories.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use common::{TestRepo, code, herald_bin, stderr, stdout};

/// husky 9.1.7's dispatcher (`husky/husky`, MIT): the script it copies to `.husky/_/h`.
const HUSKY_H: &str = r#"#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

if [ -f "$HOME/.huskyrc" ]; then
	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
fi
i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
[ -f "$i" ] && . "$i"

[ "${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
"#;

/// What husky 9 writes for every hook in `.husky/_`.
const HUSKY_DISPATCHER: &str = "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"";

/// A user's commit-msg script, as teams write them for commitlint: it leaves a trace.
const USER_COMMIT_MSG: &str =
    "echo \"user commit-msg ran: $1\" >> \"$(git rev-parse --git-dir)/user-hook.log\"\n";

const HERALD_COMMIT_MSG_LINE: &str =
    "herald hook commit-msg \"$1\"  # herald-hook: added by `herald install`\n";

fn write_executable(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// What `npx husky` leaves in a clone: `core.hooksPath = .husky/_` and the dispatchers.
fn run_husky(repo: &TestRepo) {
    repo.git(&["config", "core.hooksPath", ".husky/_"]);
    let dir = repo.path().join(".husky/_");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".gitignore"), "*").unwrap();
    std::fs::write(dir.join("h"), HUSKY_H).unwrap();
    for hook in ["pre-commit", "commit-msg", "pre-push"] {
        write_executable(&dir.join(hook), HUSKY_DISPATCHER);
    }
}

/// A repository set up with husky 9 and a committed `.husky/commit-msg`.
fn husky_repo() -> TestRepo {
    let repo = TestRepo::new();
    repo.write(
        "package.json",
        "{ \"scripts\": { \"prepare\": \"husky\" } }\n",
    );
    repo.write(".husky/commit-msg", USER_COMMIT_MSG);
    repo.git(&["add", "-A"]);
    repo.commit("chore: start");
    run_husky(&repo);
    repo
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// PATH with herald's folder first: the lines herald adds to managers' scripts call
/// `herald` by name.
fn path_with_herald() -> String {
    format!(
        "{}:{}",
        herald_bin().parent().unwrap().display(),
        common::machine_path()
    )
}

/// git with herald on PATH.
fn git(repo: &TestRepo, args: &[&str]) -> Output {
    repo.git_command(repo.path())
        .env("PATH", path_with_herald())
        .args(args)
        .output()
        .unwrap()
}

/// Stages a change and commits with `message`, hooks and all.
fn commit(repo: &TestRepo, message: &str) -> Output {
    let count = std::fs::read_dir(repo.path()).unwrap().count();
    repo.write("changes.txt", &format!("{message} {count}\n"));
    repo.git(&["add", "changes.txt"]);
    git(repo, &["commit", "-q", "-m", message])
}

fn user_hook_log(repo: &TestRepo) -> String {
    std::fs::read_to_string(repo.path().join(".git/user-hook.log")).unwrap_or_default()
}

#[test]
fn husky_scripts_run_herald_and_husky_keeps_its_folder() {
    let repo = husky_repo();
    let husky_dir = repo.path().join(".husky/_");
    let before = snapshot(&husky_dir);

    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "husky runs this repository's hooks: herald's call goes into the scripts it runs (.husky/<hook>)\n\
         commit-msg: added herald's call at the end of .husky/commit-msg\n\
         pre-push: created .husky/pre-push, which runs herald\n\
         commit .husky/commit-msg and .husky/pre-push so that everyone who works here runs herald too\n"
    );
    assert_eq!(snapshot(&husky_dir), before, "husky's folder is husky's");
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".husky/commit-msg")).unwrap(),
        format!("{USER_COMMIT_MSG}{HERALD_COMMIT_MSG_LINE}")
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".husky/pre-push")).unwrap(),
        "#!/usr/bin/env sh\nherald hook pre-push \"$1\" \"$2\"  # herald-hook: added by `herald install`\n"
    );

    // The user's script still runs, and herald after it.
    let output = commit(&repo, "bad message");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("header-format"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        user_hook_log(&repo),
        "user commit-msg ran: .git/COMMIT_EDITMSG\n"
    );
    let output = commit(&repo, "feat: good message");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(user_hook_log(&repo).lines().count(), 2);

    // `npm install` runs husky again, which writes its folder anew: herald still runs.
    run_husky(&repo);
    let output = commit(&repo, "still bad");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(!repo.path().join(".git/hooks/commit-msg").exists());
}

#[test]
fn husky_install_twice_changes_nothing_and_uninstall_takes_out_exactly_its_lines() {
    let repo = husky_repo();
    repo.herald(&["install"]);
    let output = repo.herald(&["install"]);
    assert_eq!(
        stdout(&output),
        "husky runs this repository's hooks: herald's call goes into the scripts it runs (.husky/<hook>)\n\
         commit-msg: .husky/commit-msg already runs herald\n\
         pre-push: .husky/pre-push already runs herald\n"
    );

    let output = repo.herald(&["uninstall"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "commit-msg: took herald's line out of .husky/commit-msg\n\
         pre-push: removed .husky/pre-push, which herald had created\n\
         commit the change to .husky/commit-msg and .husky/pre-push so that the rest of the team stops running herald too\n"
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".husky/commit-msg")).unwrap(),
        USER_COMMIT_MSG
    );
    assert!(!repo.path().join(".husky/pre-push").exists());
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_script_without_a_final_newline_and_a_hand_written_call() {
    let repo = husky_repo();
    repo.write(".husky/commit-msg", "npx --no -- commitlint --edit \"$1\"");
    repo.write(
        ".husky/pre-push",
        "npm test\nnpx herald hook pre-push \"$1\" \"$2\"\n",
    );
    let output = repo.herald(&["install"]);
    assert!(
        stdout(&output).contains("pre-push: .husky/pre-push already runs herald"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".husky/commit-msg")).unwrap(),
        format!("npx --no -- commitlint --edit \"$1\"\n{HERALD_COMMIT_MSG_LINE}")
    );
    let output = repo.herald(&["uninstall"]);
    assert!(
        stdout(&output).contains(
            "pre-push: .husky/pre-push runs herald from a line herald did not add; left alone"
        ),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".husky/pre-push")).unwrap(),
        "npm test\nnpx herald hook pre-push \"$1\" \"$2\"\n"
    );
}

#[test]
fn husky_pre_push_gets_gits_ref_lines() {
    let remote = TestRepo::bare();
    let repo = husky_repo();
    repo.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    repo.git(&["push", "-q", "--no-verify", "origin", "main"]);
    repo.herald(&["install", "-q"]);
    repo.git(&["add", "-A"]);
    repo.commit("chore: run herald from husky");
    run_husky(&repo); // the next `npm install`

    repo.commit("not conventional");
    let output = git(&repo, &["push", "-q", "origin", "main"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("push refused: 1 of 2 pushed commits breaks the commit rules"),
        "{}",
        stderr(&output)
    );
    repo.git(&[
        "commit",
        "-q",
        "--amend",
        "--no-verify",
        "-m",
        "fix: conventional",
    ]);
    let output = git(&repo, &["push", "-q", "origin", "main"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn hooks_an_earlier_herald_wrote_into_husky_are_reported_and_moved() {
    let repo = husky_repo();
    // What herald used to do: its hook in husky's folder, husky's dispatcher renamed.
    let dir = repo.path().join(".husky/_");
    for (name, script) in [
        ("commit-msg", include_str!("../hooks/commit-msg")),
        ("pre-push", include_str!("../hooks/pre-push")),
    ] {
        std::fs::rename(dir.join(name), dir.join(format!("{name}.pre-herald"))).unwrap();
        write_executable(&dir.join(name), script);
    }
    let output = commit(&repo, "feat: the user's script does not run");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(user_hook_log(&repo), "", "the bug being fixed");

    let output = repo.herald(&["doctor"]);
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let husky = repo.path().join(".husky");
    let expected = format!(
        "✗ hooks: {h}/_/commit-msg is herald's hook inside husky's folder, written by an earlier herald: \
         {h}/commit-msg does not run, and husky's next install removes herald's hook\n    \
         help: run `herald install`: it moves herald's call into {h}/commit-msg\n",
        h = husky.display()
    );
    assert!(out.contains(&expected), "{out}");

    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!(
            "commit-msg: took out the hook an earlier herald wrote into husky's folder \
             (removed; restored the hook that was there before, {}/commit-msg)",
            dir.display()
        )),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("commit-msg")).unwrap(),
        HUSKY_DISPATCHER
    );
    assert!(!dir.join("commit-msg.pre-herald").exists());

    let output = commit(&repo, "bad again");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(
        user_hook_log(&repo).lines().count(),
        1,
        "the user's script runs again"
    );

    let output = repo.herald(&["doctor"]);
    let out = stdout(&output);
    assert!(
        out.contains(&format!(
            "✓ hooks: commit-msg runs herald from {}/commit-msg (husky)\n",
            husky.display()
        )),
        "{out}"
    );
}

#[test]
fn doctor_reports_husky_scripts_without_herald() {
    let repo = husky_repo();
    let output = repo.herald(&["doctor"]);
    let out = stdout(&output);
    let script = repo.path().join(".husky/pre-push");
    let expected = format!(
        "✗ hooks: {s} does not run herald\n    \
         help: run `herald install`: it adds herald's call to {s}, for you to commit\n",
        s = script.display()
    );
    assert!(out.contains(&expected), "{out}");
}

#[test]
fn a_clone_that_has_not_run_husky_yet() {
    let repo = TestRepo::new();
    repo.write(
        "package.json",
        "{ \"devDependencies\": { \"husky\": \"^9.1.7\" } }\n",
    );
    repo.write(".husky/commit-msg", USER_COMMIT_MSG);
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with(
            "husky is not set up in this clone yet (core.hooksPath is not set): \
             `npm install` (husky's `prepare` script) or `npx husky` sets it up\n"
        ),
        "{}",
        stdout(&output)
    );
    assert!(!repo.path().join(".git/hooks/commit-msg").exists());
    let output = repo.herald(&["doctor"]);
    assert!(
        stdout(&output).contains("✗ hooks: husky is not set up in this clone"),
        "{}",
        stdout(&output)
    );

    // Once husky is set up, the scripts run with herald in them.
    run_husky(&repo);
    let output = commit(&repo, "bad");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(user_hook_log(&repo).lines().count(), 1);
}

#[test]
fn husky_before_version_9_runs_the_scripts_directly() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    repo.git(&["config", "core.hooksPath", ".husky"]);
    write_executable(
        &repo.path().join(".husky/commit-msg"),
        &format!("#!/usr/bin/env sh\n{USER_COMMIT_MSG}"),
    );
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(!repo.path().join(".husky/commit-msg.pre-herald").exists());
    let pre_push = repo.path().join(".husky/pre-push");
    assert_eq!(
        std::fs::metadata(&pre_push).unwrap().permissions().mode() & 0o777,
        0o755,
        "git runs it directly"
    );
    let output = commit(&repo, "bad");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(user_hook_log(&repo).lines().count(), 1);
    let output = commit(&repo, "fix: good");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

const LEFTHOOK_SNIPPET: &str = "commit-msg:
  commands:
    herald:
      run: herald hook commit-msg {1}
pre-push:
  commands:
    herald:
      run: herald hook pre-push {1} {2}
      use_stdin: true
";

/// What `lefthook install` writes for a hook (the part herald looks at).
const LEFTHOOK_HOOK: &str = "#!/bin/sh\ncall_lefthook()\n{\n  lefthook \"$@\"\n}\n\ncall_lefthook run \"commit-msg\" \"$@\"\n";

#[test]
fn lefthook_gets_the_snippet_and_nothing_is_written() {
    let repo = TestRepo::new();
    repo.write(
        "lefthook.yml",
        "pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n",
    );
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "lefthook runs this repository's hooks (lefthook.yml), so herald writes none of its own.\n\
             Add this to lefthook.yml, merged with what is there, then run `lefthook install`:\n\n\
             {LEFTHOOK_SNIPPET}\n\
             lefthook needs herald on PATH. `herald install --force` writes herald's own hooks instead, \
             setting lefthook's aside.\n"
        )
    );
    assert!(!repo.path().join(".git/hooks/commit-msg").exists());
    assert!(!repo.path().join(".git/hooks/pre-push").exists());

    let output = repo.herald(&["doctor"]);
    assert!(
        stdout(&output).contains(
            "✗ hooks: lefthook.yml does not run herald on commit-msg\n    \
             help: add it (`herald install` prints what to add), then run `lefthook install`\n"
        ),
        "{}",
        stdout(&output)
    );

    // With the snippet in place, install has nothing to do but say so.
    let config = std::fs::read_to_string(repo.path().join("lefthook.yml")).unwrap();
    repo.write("lefthook.yml", &format!("{config}{LEFTHOOK_SNIPPET}"));
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "lefthook runs this repository's hooks, and lefthook.yml runs herald already\n\
         run `lefthook install` to put lefthook's hooks in place\n"
    );
    for hook in ["commit-msg", "pre-push"] {
        write_executable(
            &repo.path().join(".git/hooks").join(hook),
            &LEFTHOOK_HOOK.replace("commit-msg", hook),
        );
    }
    let output = repo.herald(&["doctor"]);
    let out = stdout(&output);
    assert!(
        out.contains("✓ hooks: commit-msg runs herald through lefthook (lefthook.yml)\n"),
        "{out}"
    );
    assert!(
        out.contains("✓ hooks: pre-push runs herald through lefthook (lefthook.yml)\n"),
        "{out}"
    );
}

#[test]
fn lefthook_without_use_stdin_is_reported() {
    let repo = TestRepo::new();
    repo.write(
        ".lefthook.yml",
        &LEFTHOOK_SNIPPET.replace("      use_stdin: true\n", ""),
    );
    for hook in ["commit-msg", "pre-push"] {
        write_executable(
            &repo.path().join(".git/hooks").join(hook),
            &LEFTHOOK_HOOK.replace("commit-msg", hook),
        );
    }
    let output = repo.herald(&["doctor"]);
    assert!(
        stdout(&output).contains(
            "✗ hooks: .lefthook.yml runs herald on pre-push without `use_stdin: true`, so herald sees no pushed commits\n"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn lefthook_found_by_its_hooks_or_a_toml_configuration() {
    let repo = TestRepo::new();
    write_executable(&repo.path().join(".git/hooks/commit-msg"), LEFTHOOK_HOOK);
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Add this to lefthook.yml"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".git/hooks/commit-msg")).unwrap(),
        LEFTHOOK_HOOK
    );

    let repo = TestRepo::new();
    repo.write(
        ".config/lefthook.toml",
        "[commit-msg.commands.herald]\nrun = \"herald hook commit-msg {1}\"\n",
    );
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "Add this to .config/lefthook.toml, merged with what is there, then run `lefthook install`:\n\n\
             [pre-push.commands.herald]\nrun = \"herald hook pre-push {1} {2}\"\nuse_stdin = true\n\n"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn force_writes_herald_hooks_over_lefthooks() {
    let repo = TestRepo::new();
    repo.write("lefthook.yml", LEFTHOOK_SNIPPET);
    write_executable(&repo.path().join(".git/hooks/commit-msg"), LEFTHOOK_HOOK);
    let output = repo.herald(&["install", "--force"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("kept, not run, as commit-msg.herald-backup"),
        "{}",
        stdout(&output)
    );
    // herald's hooks are there now, so a plain install keeps them up to date.
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("commit-msg: already installed"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_bare_repository_is_refused_unless_forced() {
    let repo = TestRepo::bare();
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "herald: {}/ is a bare repository: git runs the commit-msg and pre-push hooks in clones \
             with a work tree, so run `herald install` in a clone (`herald install --force` installs \
             them here anyway)\n",
            repo.path().display()
        )
    );
    assert!(!repo.path().join("hooks/commit-msg").exists());
    let output = repo.herald(&["install", "--force"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(repo.path().join("hooks/commit-msg").exists());
}

/// `herald hook pre-push --from-env` with the variables pre-commit 4 sets.
fn pre_commit_push(repo: &TestRepo, vars: &[(&str, String)]) -> Output {
    let mut command = repo.herald_command(&["hook", "pre-push", "--from-env"]);
    for (key, value) in vars {
        command.env(key, value);
    }
    command.stdin(std::process::Stdio::null()).output().unwrap()
}

#[test]
fn pre_push_reads_the_pre_commit_frameworks_variables() {
    let remote = TestRepo::bare();
    let repo = TestRepo::new();
    repo.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    repo.commit("chore: start");
    let base = repo.head();
    repo.git(&["push", "-q", "--no-verify", "origin", "main"]);
    repo.commit("feat: fine").commit("not fine");
    let branch = |extra: &[(&'static str, String)]| {
        let mut vars = vec![
            ("PRE_COMMIT_REMOTE_NAME", "origin".to_string()),
            ("PRE_COMMIT_REMOTE_URL", remote.path().display().to_string()),
            ("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main".to_string()),
            ("PRE_COMMIT_REMOTE_BRANCH", "refs/heads/main".to_string()),
        ];
        vars.extend_from_slice(extra);
        vars
    };

    // An update: from the remote's commit to the pushed one.
    let update = branch(&[
        ("PRE_COMMIT_FROM_REF", base.clone()),
        ("PRE_COMMIT_TO_REF", repo.head()),
    ]);
    let output = pre_commit_push(&repo, &update);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("push refused: 1 of 2 pushed commits breaks the commit rules"),
        "{}",
        stderr(&output)
    );

    // A history new to the remote: only the branch is named.
    let fresh = TestRepo::new();
    fresh.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    fresh.commit("feat: first").commit("fix: second");
    let output = pre_commit_push(&fresh, &branch(&[]));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("this push: 1 feat, 1 fix"),
        "{}",
        stderr(&output)
    );

    // Outside pre-commit, `--from-env` says what it misses.
    let output = pre_commit_push(&repo, &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("PRE_COMMIT_REMOTE_NAME is not set"),
        "{}",
        stderr(&output)
    );
    // Without it, git's two arguments are required.
    let output = repo.herald(&["hook", "pre-push"]);
    assert_eq!(code(&output), 2);
}
