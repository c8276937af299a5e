//! The progress bar on standard error: drawn for a long walk when a person watches (stderr
//! a terminal), never when the output is piped, read as JSON, or checked by a hook.

mod common;

use common::pty::Pty;
use common::{TestRepo, code, stderr, stdout};

/// More commits than the bar waits for (2,000), made in one `git fast-import`.
const LONG: usize = 2_600;

fn long_history() -> TestRepo {
    let repo = TestRepo::new();
    repo.commit("chore: initial commit").tag("v1.0.0");
    let mut stream = String::new();
    for i in 0..LONG {
        let message = if i % 2 == 0 {
            "fix: a fix"
        } else {
            "feat: a feature"
        };
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter Ada Lovelace <ada@example.com> {} +0000\n\
             data {}\n{message}\nM 644 inline file.txt\ndata {}\n{i}\n\n",
            1_767_300_000 + i,
            message.len(),
            i.to_string().len(),
        ));
        if i == 0 {
            stream = stream.replacen("\nM 644", "\nfrom refs/heads/main^0\nM 644", 1);
        }
    }
    repo.fast_import(&stream, &[]);
    repo
}

/// What a progress bar leaves in a stream: a carriage return, an escape sequence, the
/// spinner's or the bar's words.
fn has_progress(text: &str) -> bool {
    text.contains('\r')
        || text.contains('\u{1b}')
        || text.contains("reading history")
        || text.contains("changed files")
}

/// herald told its terminal can move the cursor (without `TERM`, or with `dumb`, nothing
/// would be drawn anyway).
fn with_term(repo: &TestRepo, args: &[&str]) -> std::process::Command {
    let mut command = repo.herald_command(args);
    command.env("TERM", "xterm");
    command
}

#[test]
fn piped_output_has_no_progress() {
    let repo = long_history();
    for args in [
        &["preview"][..],
        &["preview", "--format", "json"],
        &["preview", "--next-version"],
        &["changelog"],
        &["check", "--range", "v1.0.0..HEAD"],
    ] {
        let output = with_term(&repo, args).output().unwrap();
        assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        assert!(
            !has_progress(&stderr(&output)),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!has_progress(&stdout(&output)), "{args:?}");
    }
    assert!(stdout(&repo.herald(&["preview", "--next-version"])).starts_with("1.1.0"));
}

#[test]
fn a_terminal_sees_the_walk() {
    let repo = long_history();
    let pty = Pty::spawn(with_term(&repo, &["preview"]));
    let (status, screen) = pty.finish();
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("reading history"), "{screen}");
    assert!(screen.contains("1.0.0 → 1.1.0"), "{screen}");
}

#[test]
fn json_and_quiet_draw_nothing_even_on_a_terminal() {
    let repo = long_history();
    for args in [
        &["preview", "--format", "json"][..],
        &["preview", "-q"],
        &["check", "--range", "v1.0.0..HEAD", "--format", "json"],
    ] {
        let pty = Pty::spawn(with_term(&repo, args));
        let (status, screen) = pty.finish();
        assert_eq!(status, 0, "{args:?}: {screen}");
        assert!(!screen.contains("reading history"), "{args:?}: {screen}");
    }
}

#[test]
fn a_short_walk_draws_nothing_on_a_terminal() {
    let repo = TestRepo::new();
    repo.commit("feat: one feature");
    let pty = Pty::spawn(with_term(&repo, &["preview"]));
    let (status, screen) = pty.finish();
    assert_eq!(status, 0, "{screen}");
    assert!(!screen.contains("reading history"), "{screen}");
}
