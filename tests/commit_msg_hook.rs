//! The commit-msg hook through real `git commit`s.

mod common;

use common::{TestRepo, code, stderr, stdout};

fn installed() -> TestRepo {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    repo
}

#[test]
fn good_commit_goes_through_quietly() {
    let repo = installed();
    let output = repo.try_commit(&["-q", "-m", "feat(api): add endpoint"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(repo.head_message(), "feat(api): add endpoint");
}

#[test]
fn bad_commit_is_refused_and_its_message_saved() {
    let repo = installed();
    let before = repo.head();
    let output = repo.try_commit(&["-q", "-m", "update stuff\n\nwith a body I typed"]);
    assert_eq!(code(&output), 1);
    assert_eq!(repo.head(), before, "no commit was made");
    let err = stderr(&output);
    let saved = repo.path().join(".git/herald/COMMIT_EDITMSG");
    let expected = format!(
        "error[header-format]: the header has no type
 --> .git/COMMIT_EDITMSG:1:1
  |
1 | update stuff
  | ^^^^^^ expected `type: ` before the description
  |
  = help: start with a type, e.g. `fix: update stuff` or `feat: update stuff`

commit refused: your message is saved in {s}
  edit it and commit again:  git commit -e -F {s}
  commit it as it is, once:  git commit --no-verify -F {s}
",
        s = saved.display()
    );
    assert_eq!(err, expected);
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        "update stuff\n\nwith a body I typed\n"
    );

    // The printed command brings the message back; an editor fixes the header.
    let editor = repo.script(
        "fix-header",
        r#"sed -i '1s/^update stuff$/fix: update stuff/' "$1""#,
    );
    let mut reopen = repo.git_command(repo.path());
    reopen
        .env("GIT_EDITOR", &editor)
        .args(["commit", "-q", "-e", "-F", saved.to_str().unwrap()]);
    let output = reopen.output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        repo.head_message(),
        "fix: update stuff\n\nwith a body I typed"
    );
}

#[test]
fn breaking_commit_shows_banner_and_next_major() {
    let repo = installed();
    repo.tag("v1.4.2");
    let output = repo.try_commit(&[
        "-q",
        "-m",
        "feat(api)!: drop v1\n\nBREAKING CHANGE: v1 endpoints are gone",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "⚠ BREAKING CHANGE feat(api)!: drop v1\n  v1 endpoints are gone\n  the next release becomes 2.0.0 (from 1.4.2)\n"
    );
}

#[test]
fn breaking_on_zero_follows_config() {
    let repo = installed();
    repo.tag("v0.4.2");
    let output = repo.try_commit(&["-q", "-m", "fix!: change the default"]);
    assert!(
        stderr(&output).ends_with("the next release becomes 0.5.0 (from 0.4.2)\n"),
        "{}",
        stderr(&output)
    );
    repo.write("herald.toml", "[version]\nbreaking_on_zero = \"major\"\n");
    let output = repo.try_commit(&["-q", "-m", "fix!: change it again"]);
    assert!(
        stderr(&output).ends_with("the next release becomes 1.0.0 (from 0.4.2)\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn breaking_without_a_release_names_the_first_version() {
    let repo = installed();
    let output = repo.try_commit(&["-q", "-m", "feat!: first shape"]);
    assert!(
        stderr(&output).ends_with("no release yet: the first release will be 0.1.0\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn comments_and_scissors_are_ignored() {
    let repo = installed();
    // `git commit -v` puts the diff under a scissors line; the editor writes above it.
    let editor = repo.script(
        "editor",
        r#"{ printf 'feat: from the editor\n\n# a comment line that update stuff would fail\n'; cat "$1"; } > "$1.new" && mv "$1.new" "$1""#,
    );
    let mut commit = repo.git_command(repo.path());
    repo.write("changes.txt", "diff line: Update stuff.\n");
    repo.git(&["add", "changes.txt"]);
    commit
        .env("GIT_EDITOR", &editor)
        .args(["commit", "-q", "-v"]);
    let output = commit.output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(repo.head_message(), "feat: from the editor");
}

#[test]
fn custom_comment_char() {
    let repo = installed();
    repo.git(&["config", "core.commentChar", ";"]);
    let editor = repo.script(
        "editor",
        r#"{ printf 'fix: semicolons\n\n#12 stays in the body\n'; cat "$1"; } > "$1.new" && mv "$1.new" "$1""#,
    );
    let mut commit = repo.git_command(repo.path());
    repo.write("changes.txt", "x\n");
    repo.git(&["add", "changes.txt"]);
    commit.env("GIT_EDITOR", &editor).args(["commit", "-q"]);
    let output = commit.output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        repo.head_message(),
        "fix: semicolons\n\n#12 stays in the body"
    );

    // A `;` line is a comment now, so it cannot rescue a bad header.
    let output = repo.herald_stdin(&["check"], "; feat: hidden\nbad header\n");
    assert_eq!(code(&output), 1, "{}", stdout(&output));
}

#[test]
fn auto_comment_char() {
    let repo = installed();
    repo.git(&["config", "core.commentChar", "auto"]);
    repo.write("herald.toml", "[commit]\nbody_max_line_length = 20\n");
    // The message uses `#` at the start of a line, so git picks `;` for its comments: the
    // `#` line is body text, and too long for the configured limit.
    let output = repo.try_commit(&[
        "-q",
        "-e",
        "-m",
        "fix: auto comment char\n\n#1 is body text, not a comment",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("error[body-max-line-length]"),
        "{}",
        stderr(&output)
    );
    // Without it, git comments with `#`, and its long template lines are not judged.
    let output = repo.try_commit(&["-q", "-e", "-m", "fix: auto comment char"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn empty_message_is_left_to_git() {
    let repo = installed();
    let output = repo.try_commit(&["-q", "-m", ""]);
    assert_ne!(code(&output), 0);
    assert!(
        stderr(&output).contains("empty commit message"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("herald"), "{}", stderr(&output));
}

#[test]
fn merge_commit_passes() {
    let repo = installed();
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit_file("topic.txt", "feat: on topic");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit_file("main.txt", "fix: on main");
    let output = repo.git_output(&["merge", "--no-ff", "-q", "--no-edit", "topic"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(repo.head_message().starts_with("Merge branch 'topic'"));
}

#[test]
fn invalid_config_is_exit_2_with_location() {
    let repo = installed();
    repo.write(
        "herald.toml",
        "[commit]\ntypes = [\"feat\"]\nheader_max_lenght = 72\n",
    );
    let output = repo.try_commit(&["-q", "-m", "feat: x"]);
    assert_eq!(
        code(&output),
        1,
        "git reports the hook's failure as its own"
    );
    let message = std::fs::read_to_string(repo.path().join(".git/COMMIT_EDITMSG")).unwrap();
    let output = repo.herald(&["hook", "commit-msg", ".git/COMMIT_EDITMSG"]);
    assert_eq!(code(&output), 2);
    let path = repo.path().join("herald.toml");
    assert_eq!(
        stderr(&output),
        format!(
            "herald: {}:3:1: unknown key `header_max_lenght`; did you mean `header_max_length`?\n",
            path.display()
        )
    );
    assert_eq!(message, "feat: x\n");
}

#[test]
fn non_utf8_message_is_warned_not_panicked() {
    let repo = installed();
    std::fs::write(repo.path().join("msg"), b"fix: caf\xe9 cr\xe8me\n").unwrap();
    let output = repo.herald(&["hook", "commit-msg", "msg"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("warning[message-encoding]"),
        "{}",
        stderr(&output)
    );
}

/// A refused message is kept until the commit that corrects it succeeds; an unrelated
/// saved message stays.
#[test]
fn a_saved_message_goes_once_its_correction_is_committed() {
    let repo = installed();
    let saved = repo.path().join(".git/herald/COMMIT_EDITMSG");
    let refused = repo.try_commit(&["-q", "-m", "Add the login page"]);
    assert_eq!(code(&refused), 1);
    assert!(saved.exists());
    let other = repo.try_commit(&["-q", "-m", "wip"]);
    assert_eq!(code(&other), 1);
    let other_file = repo.path().join(".git/herald/COMMIT_EDITMSG.1");
    assert!(other_file.exists());
    let ok = repo.try_commit(&["-q", "-m", "feat: add the login page"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert!(!saved.exists(), "the corrected message's copy is gone");
    assert!(other_file.exists(), "an unrelated saved message stays");
}
