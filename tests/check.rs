//! `herald check`: messages from every source, ranges, JSON, exit codes.

mod common;

use common::{TestRepo, code, stderr, stdout};

#[test]
fn message_argument_file_and_stdin() {
    let repo = TestRepo::new();
    assert_eq!(code(&repo.herald(&["check", "feat: x"])), 0);
    assert_eq!(code(&repo.herald(&["check", "nope"])), 1);
    repo.write("msg.txt", "fix: from a file\n\n# comment\n");
    assert_eq!(code(&repo.herald(&["check", "--file", "msg.txt"])), 0);
    assert_eq!(code(&repo.herald_stdin(&["check"], "fix: from stdin\n")), 0);
    assert_eq!(code(&repo.herald_stdin(&["check"], "from stdin\n")), 1);
    let output = repo.herald(&["check", "--file", "missing.txt"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("herald: cannot read missing.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn works_outside_a_repository() {
    let repo = TestRepo::new();
    let outside = repo.scratch("plain");
    std::fs::create_dir_all(&outside).unwrap();
    assert_eq!(code(&repo.herald_in(&outside, &["check", "feat: x"])), 0);
    assert_eq!(
        code(&repo.herald_in(&outside, &["check", "--range", "HEAD"])),
        2
    );
}

#[test]
fn human_diagnostic() {
    let repo = TestRepo::new();
    let output = repo.herald(&["check", "Feature(API): Add the thing."]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn range_names_each_bad_commit() {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v1.0.0");
    repo.commit("feat: one")
        .commit("update stuff")
        .commit("fix: three.")
        .commit("fix: four");
    let output = repo.herald(&["check", "--range", "v1.0.0..HEAD"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let short = |rev: &str| repo.git(&["rev-parse", "--short=7", rev]);
    assert!(
        text.starts_with(&format!("{} fix: three.\n", short("HEAD~1"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("{} update stuff\n", short("HEAD~2"))),
        "{text}"
    );
    assert!(
        text.ends_with("checked 4 commits: 2 with errors, 0 with warnings only\n"),
        "{text}"
    );
    let output = repo.herald(&["check", "--range", "HEAD~1..HEAD"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "checked 1 commit: 0 with errors, 0 with warnings only\n"
    );
}

#[test]
fn range_treats_merges_as_merges() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit_file("t.txt", "feat: topic");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit_file("m.txt", "fix: main");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Integrate the topic work",
        "topic",
    ]);
    let output = repo.herald(&["check", "--range", "HEAD~1..HEAD"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    repo.write("herald.toml", "[commit]\nallow_merge = false\n");
    let output = repo.herald(&["check", "--range", "HEAD~1..HEAD"]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).contains("merge-commit"));
}

#[test]
fn bad_range_is_exit_2() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let output = repo.herald(&["check", "--range", "nosuch..HEAD"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("herald: `nosuch..HEAD` is not a revision or range"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_report() {
    let repo = TestRepo::new();
    let output = repo.herald(&[
        "check",
        "--format",
        "json",
        "feat(api)!: Drop v1\n\nbreaking change: v1 is gone",
    ]);
    assert_eq!(code(&output), 1);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    insta::assert_json_snapshot!(value);
}

#[test]
fn usage_errors_are_exit_2() {
    let repo = TestRepo::new();
    let output = repo.herald(&["check", "--format", "xml", "feat: x"]);
    assert_eq!(code(&output), 2);
    let output = repo.herald(&["check", "feat: x", "--range", "HEAD"]);
    assert_eq!(code(&output), 2);
}

/// Headers written in other scripts, or with characters that cannot be seen for what they
/// are, get a diagnostic that names the problem, drawn under whole characters.
#[test]
fn diagnostics_in_any_script() {
    let repo = TestRepo::new();
    let mut shown = String::new();
    for message in [
        "fé: x",
        "修复(界面): 按钮",
        "fix：x",
        "feat\u{200b}: x",
        "Ünïcödé",
        "feat: 🚀 rocket.",
        "feat(api): שלום.\n\nRefs: #1\nBREAKING CHANGE: 界面",
    ] {
        let output = repo.herald(&["check", message]);
        assert_eq!(code(&output), 1, "{message}");
        shown.push_str(&stdout(&output));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn json_spans_cover_whole_characters() {
    let repo = TestRepo::new();
    let output = repo.herald(&["check", "--format", "json", "fé: x"]);
    assert_eq!(code(&output), 1);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostic = &value["messages"][0]["diagnostics"][0];
    assert_eq!(diagnostic["span"], serde_json::json!([0, 3]));
    assert_eq!(
        (&diagnostic["line"], &diagnostic["column"]),
        (&1.into(), &1.into())
    );
    let output = repo.herald(&[
        "check",
        "--format",
        "json",
        "feat: x\n\nbödy\nBREAKING CHANGE: é",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostic = &value["messages"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "footer-leading-blank");
    assert_eq!(
        (&diagnostic["line"], &diagnostic["column"]),
        (&4.into(), &1.into())
    );
}
