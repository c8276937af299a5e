//! Git's own message cleanup, so herald lints exactly the text git will store.
//!
//! Mirrors `cleanup_message()` in git's `builtin/commit.c` with `strbuf_stripspace()` and
//! `wt_status_locate_end()`: the commit-msg hook sees the message *before* git cleans it,
//! so comment lines, the `git commit -v` diff below the scissors line and stray blank lines
//! are still there and must not be judged.

use std::borrow::Cow;

/// How git cleans a message before storing it (`commit.cleanup`, `git commit --cleanup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// Cut at the scissors line, drop comment lines, then whitespace (git's `strip`, and
    /// its `default` when an editor was used).
    Strip,
    /// Trailing whitespace and blank lines only (git's `whitespace`).
    Whitespace,
    /// Cut at the scissors line, then whitespace (git's `scissors`).
    Scissors,
    /// Left exactly as written (git's `verbatim`), apart from CRLF and the final newline.
    Verbatim,
}

impl Cleanup {
    /// Reads a `commit.cleanup` value; `default` means `strip`, since hooks run when an
    /// editor was used or a message file was given.
    pub fn from_config(value: &str) -> Option<Cleanup> {
        match value {
            "strip" | "default" => Some(Cleanup::Strip),
            "whitespace" => Some(Cleanup::Whitespace),
            "scissors" => Some(Cleanup::Scissors),
            "verbatim" => Some(Cleanup::Verbatim),
            _ => None,
        }
    }
}

/// The text that starts a comment line (`core.commentChar` / `core.commentString`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPrefix(pub String);

impl Default for CommentPrefix {
    fn default() -> Self {
        CommentPrefix("#".to_string())
    }
}

/// The characters git tries, in order, when `core.commentChar = auto`
/// (`adjust_comment_line_char()` in `builtin/commit.c`).
const AUTO_CANDIDATES: &str = "#;@!$%^&|:";

/// Lines git writes into the message template, used to recognise which comment character
/// `auto` chose: the hook only sees the file, not git's choice.
const TEMPLATE_MARKERS: [&str; 3] = [
    " Please enter the commit message",
    " ------------------------ >8 ------------------------",
    " On branch ",
];

impl CommentPrefix {
    /// Resolves a configured value. `auto` is resolved against the message git wrote: the
    /// candidate that starts git's own template lines, else the first candidate that starts
    /// no line (what git would have picked for this text).
    pub fn resolve(configured: Option<&str>, message: &str) -> CommentPrefix {
        match configured {
            None | Some("") => CommentPrefix::default(),
            Some("auto") => CommentPrefix(auto_comment_char(message).to_string()),
            Some(prefix) => CommentPrefix(prefix.to_string()),
        }
    }
}

fn auto_comment_char(message: &str) -> char {
    let marked = AUTO_CANDIDATES.chars().find(|c| {
        message.lines().any(|line| {
            line.strip_prefix(*c)
                .is_some_and(|rest| TEMPLATE_MARKERS.iter().any(|m| rest.starts_with(m)))
        })
    });
    marked
        .or_else(|| {
            AUTO_CANDIDATES.chars().find(|c| {
                !message
                    .lines()
                    .any(|line| line.trim_start().starts_with(*c))
            })
        })
        .unwrap_or('#')
}

/// The scissors line body, after the comment prefix and one space (`cut_line` in git's
/// `wt-status.c`).
const SCISSORS: &str = " ------------------------ >8 ------------------------";

/// Cleans a raw message as git would before storing it. The result has no trailing
/// newline (git adds one when it stores the message); an empty result means git will
/// abort the commit for an empty message.
pub fn clean(raw: &str, cleanup: Cleanup, comment: &CommentPrefix) -> String {
    let text: Cow<str> = if raw.contains('\r') {
        Cow::Owned(normalise_line_ends(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let text = match cleanup {
        Cleanup::Strip | Cleanup::Scissors => cut_at_scissors(&text, comment),
        Cleanup::Whitespace | Cleanup::Verbatim => &text,
    };
    if cleanup == Cleanup::Verbatim {
        return text.trim_end_matches('\n').to_string();
    }
    let strip_comments = cleanup == Cleanup::Strip;
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in text.split('\n') {
        if strip_comments && line.starts_with(comment.0.as_str()) {
            continue;
        }
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

/// `\r\n` → `\n`, also when an editor doubled the carriage return (`\r\r\n`): every `\r`
/// that ends a line goes, so that cleaning a cleaned message changes nothing.
fn normalise_line_ends(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut lines = raw.split('\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() {
            out.push_str(line.trim_end_matches('\r'));
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Everything before the scissors line, which must start a line. git compares the line
/// exactly; blanks an editor left after it are ignored here, because the cleanup removes
/// them and a second cleanup would then cut where the first did not.
fn cut_at_scissors<'a>(text: &'a str, comment: &CommentPrefix) -> &'a str {
    let marker = format!("{}{}", comment.0, SCISSORS);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end_matches(['\n', ' ', '\t', '\r']) == marker {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

/// Decodes message bytes. Git stores bytes, not text: invalid UTF-8 is replaced (U+FFFD)
/// and reported, never a panic.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => (text.to_string(), false),
        Cow::Owned(text) => (text, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(raw: &str) -> String {
        clean(raw, Cleanup::Strip, &CommentPrefix::default())
    }

    #[test]
    fn drops_comment_lines_and_surrounding_blank_lines() {
        let raw = "\n\nfeat: x\n\n# Please enter the commit message\n#\n\nbody  \n\n\n\nmore\n\n";
        assert_eq!(strip(raw), "feat: x\n\nbody\n\nmore");
    }

    #[test]
    fn comment_must_start_the_line() {
        assert_eq!(
            strip("fix: x\n\n  # kept\nsee #12"),
            "fix: x\n\n  # kept\nsee #12"
        );
    }

    #[test]
    fn cuts_at_scissors_line() {
        let raw = "feat: x\n\nbody\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n+feat: not me\n";
        assert_eq!(strip(raw), "feat: x\n\nbody");
    }

    #[test]
    fn scissors_uses_the_comment_prefix() {
        let semicolon = CommentPrefix(";".into());
        let raw = "feat: x\n; ------------------------ >8 ------------------------\ndiff\n# kept";
        assert_eq!(clean(raw, Cleanup::Strip, &semicolon), "feat: x");
        let raw = "feat: x\n# kept\n; comment";
        assert_eq!(clean(raw, Cleanup::Strip, &semicolon), "feat: x\n# kept");
    }

    #[test]
    fn normalises_crlf() {
        assert_eq!(strip("feat: x\r\n\r\nbody\r\n"), "feat: x\n\nbody");
    }

    #[test]
    fn doubled_carriage_returns_end_the_line() {
        for cleanup in [Cleanup::Verbatim, Cleanup::Strip] {
            let once = clean("fix: x\r\r\n\r\nbody", cleanup, &CommentPrefix::default());
            assert_eq!(once, "fix: x\n\nbody");
            assert_eq!(clean(&once, cleanup, &CommentPrefix::default()), once);
        }
    }

    #[test]
    fn scissors_line_with_trailing_blanks_still_cuts() {
        let raw = "feat: x\n# ------------------------ >8 ------------------------ \t\ndiff";
        let once = clean(raw, Cleanup::Scissors, &CommentPrefix::default());
        assert_eq!(once, "feat: x");
        assert_eq!(
            clean(&once, Cleanup::Scissors, &CommentPrefix::default()),
            once
        );
    }

    #[test]
    fn whitespace_mode_keeps_comments() {
        let raw = "feat: x\n\n# not a comment here  \n\n";
        assert_eq!(
            clean(raw, Cleanup::Whitespace, &CommentPrefix::default()),
            "feat: x\n\n# not a comment here"
        );
    }

    #[test]
    fn scissors_mode_keeps_comments_but_cuts() {
        let raw = "feat: x\n# kept\n# ------------------------ >8 ------------------------\ndiff";
        assert_eq!(
            clean(raw, Cleanup::Scissors, &CommentPrefix::default()),
            "feat: x\n# kept"
        );
    }

    #[test]
    fn verbatim_keeps_everything_but_the_final_newlines() {
        let raw = "feat: x  \n\n\n# c\n\n";
        assert_eq!(
            clean(raw, Cleanup::Verbatim, &CommentPrefix::default()),
            "feat: x  \n\n\n# c"
        );
    }

    #[test]
    fn only_comments_is_empty() {
        assert_eq!(strip("# a\n#\n\n"), "");
        assert_eq!(strip(""), "");
    }

    #[test]
    fn auto_comment_char_follows_git_template() {
        let raw = "fix: x\n\n#1 is fixed\n; Please enter the commit message for your changes.";
        assert_eq!(CommentPrefix::resolve(Some("auto"), raw).0, ";");
        assert_eq!(CommentPrefix::resolve(Some("auto"), "fix: x").0, "#");
        assert_eq!(CommentPrefix::resolve(Some("auto"), "fix: x\n# y").0, ";");
        assert_eq!(CommentPrefix::resolve(Some("//"), "").0, "//");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let (text, lossy) = decode(b"feat: caf\xe9");
        assert_eq!(text, "feat: caf\u{fffd}");
        assert!(lossy);
        assert_eq!(decode(b"feat: ok"), ("feat: ok".to_string(), false));
    }
}
