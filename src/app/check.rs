//! Checking a message: git's cleanup, parsing, herald's `[commit]` rules and how the
//! engine CI uses will read it. The commit-msg hook, the pre-push hook and `herald check`
//! all go through here.

use crate::config::Config;
use crate::lint;
use crate::model::diagnostic::Diagnostic;
use crate::model::message::{self, Cleanup, CommentPrefix, Kind, Message};
use crate::repo::Repo;
use crate::tools::Tool;

/// A message after cleanup and parsing, with what the rules found.
pub struct Checked {
    pub message: Message,
    pub diagnostics: Vec<Diagnostic>,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What a message is checked against: herald's `[commit]` rules, and how the engine CI
/// uses will read it.
pub struct Checker<'a> {
    pub config: &'a Config,
    pub tool: &'a dyn Tool,
    /// The repository's current version, for a tool whose reading depends on it.
    pub current: Option<semver::Version>,
}

impl<'a> Checker<'a> {
    /// A checker for `repo` (when there is one): the current version is looked up only
    /// when the tool's warnings need it, so the hooks stay instant otherwise.
    pub fn new(config: &'a Config, tool: &'a dyn Tool, repo: Option<&Repo>) -> Checker<'a> {
        let current = match repo {
            Some(repo) if tool.warnings_read_the_version() => {
                super::last_release::of_repository(repo, tool)
                    .ok()
                    .flatten()
                    .and_then(|(_, last)| last.current)
            }
            _ => None,
        };
        Checker {
            config,
            tool,
            current,
        }
    }

    /// Cleans, parses and lints raw message bytes (a message about to be committed).
    pub fn examine(&self, raw: &[u8], cleanup: Cleanup, comment: &CommentPrefix) -> Checked {
        let (text, lossy) = message::decode(raw);
        let commit = message::parse(&message::clean(&text, cleanup, comment));
        self.finish(commit, lossy)
    }

    /// Lints a stored commit.
    pub fn examine_stored(&self, raw: &[u8], parent_count: usize) -> Checked {
        let (_, lossy) = message::decode(raw);
        self.finish(stored_commit(raw, parent_count), lossy)
    }

    /// Lints a pull request's title (and body) as the commit a squash merge makes of it:
    /// the title is the header, so it must be conventional itself; a merge, a fixup or an
    /// empty title would leave a commit no release tool reads.
    pub fn examine_title(&self, title: &str, body: Option<&str>) -> Checked {
        let text = match body.map(str::trim).filter(|b| !b.is_empty()) {
            Some(body) => format!("{}\n\n{body}", title.trim_end()),
            None => title.trim_end().to_string(),
        };
        let commit = message::parse(&message::clean(
            &text,
            Cleanup::Whitespace,
            &CommentPrefix::default(),
        ));
        let mut checked = self.finish(commit, false);
        if let Some(problem) = title_problem(title, &checked.message) {
            checked.diagnostics.insert(0, problem);
        }
        checked
    }

    fn finish(&self, message: Message, lossy: bool) -> Checked {
        let mut diagnostics = lint::check(&message, &self.config.commit);
        diagnostics.extend(self.tool.commit_warnings(&message, self.current.as_ref()));
        if lossy {
            diagnostics.push(encoding_warning());
        }
        Checked {
            message,
            diagnostics,
            lossy,
        }
    }
}

/// A stored commit: already cleaned by git, so only whitespace is normalised; a commit
/// with two parents is a merge unless its message is conventional.
pub fn stored_commit(raw: &[u8], parent_count: usize) -> Message {
    stored_commit_owned(raw.to_vec(), parent_count)
}

/// [`stored_commit`], keeping the raw bytes themselves as the text when cleaning leaves
/// them as they are (as for nearly every commit: git cleaned the message already), so a
/// long history read from git holds each message once, in the buffer it was read into.
pub fn stored_commit_owned(raw: Vec<u8>, parent_count: usize) -> Message {
    let text = String::from_utf8(raw)
        .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned());
    let cleaned = message::clean(&text, Cleanup::Whitespace, &CommentPrefix::default());
    // Parsing drops the trailing newlines, which cleaning may add or take away.
    let unchanged = cleaned.trim_end_matches('\n') == text.trim_end_matches('\n');
    let kept = if unchanged { text } else { cleaned };
    let mut commit = message::parse_owned(kept);
    if parent_count > 1 && matches!(commit.kind, Kind::NotConventional(_)) {
        commit.kind = Kind::Merge;
    }
    commit
}

/// Stored messages no longer than this are read whole: cutting them would save little
/// memory and cost a second parse.
const SUMMARIZED_FROM: usize = 256;

/// A stored message as herald's own rules and notes read it: a long one without its body
/// (see [`Message::summary`]), clean, so that [`stored_commit`] reads it as it reads the
/// whole message; others as they are.
pub fn stored_summary(raw: Vec<u8>) -> Vec<u8> {
    if raw.len() <= SUMMARIZED_FROM {
        return raw;
    }
    let message = stored_commit_owned(raw, 1);
    match message.summary() {
        Some(summary) => summary.into_bytes(),
        None => message.text.as_bytes().to_vec(),
    }
}

/// What makes a title unusable as a squashed commit's header, beyond the commit rules.
fn title_problem(title: &str, message: &Message) -> Option<Diagnostic> {
    let header = message.header_line();
    if title.contains('\n') {
        return Some(
            Diagnostic::error("title-format", "a pull-request title is one line")
                .at(0..header.len(), "the title goes on past this line")
                .help("put the rest in the pull request's description"),
        );
    }
    let what = match message.kind {
        Kind::Empty => "the title is empty",
        Kind::Merge => "a merge message is no title for the commit a squash merge makes",
        Kind::Autosquash(_) => "a fixup title is no title for the commit a squash merge makes",
        _ => return None,
    };
    let suggestion = match header.split_once(' ') {
        Some((_, rest)) if !rest.is_empty() => format!("e.g. `feat: {rest}`"),
        _ => "e.g. `feat(api): add the v2 endpoints`".to_string(),
    };
    Some(
        Diagnostic::error("title-format", what)
            .at(0..header.len(), "the squashed commit's header")
            .help(format!(
                "write the title as a conventional header, `type(scope): description`, {suggestion}"
            )),
    )
}

fn encoding_warning() -> Diagnostic {
    Diagnostic::warning("message-encoding", "the message is not valid UTF-8")
        .help("invalid bytes were read as U+FFFD; save the message as UTF-8")
}

/// The cleanup mode and comment prefix git will use for a message in this repository.
pub fn cleanup_settings(repo: Option<&Repo>, text: &str) -> (Cleanup, CommentPrefix) {
    let get = |key: &str| repo.and_then(|r| r.config_string(key));
    let cleanup = get("commit.cleanup")
        .and_then(|v| Cleanup::from_config(&v))
        .unwrap_or(Cleanup::Strip);
    let configured = get("core.commentString").or_else(|| get("core.commentChar"));
    (cleanup, CommentPrefix::resolve(configured.as_deref(), text))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What reading a stored commit gave before it kept the raw bytes: a decoded copy,
    /// cleaned, parsed.
    fn copied(raw: &[u8], parent_count: usize) -> Message {
        let (text, _) = message::decode(raw);
        let cleaned = message::clean(&text, Cleanup::Whitespace, &CommentPrefix::default());
        let mut commit = message::parse(&cleaned);
        if parent_count > 1 && matches!(commit.kind, Kind::NotConventional(_)) {
            commit.kind = Kind::Merge;
        }
        commit
    }

    #[test]
    fn a_clean_message_keeps_the_bytes_it_was_read_into() {
        for raw in ["feat: a\n\nbody\n", "fix: b", "feat: c\n\n\n"] {
            let bytes = raw.as_bytes().to_vec();
            let at = bytes.as_ptr();
            let commit = stored_commit_owned(bytes, 1);
            assert_eq!(commit.text.as_ptr(), at, "{raw:?}");
            assert_eq!(commit, copied(raw.as_bytes(), 1));
        }
    }

    #[test]
    fn a_long_message_is_summarized_and_a_short_one_kept() {
        let long = format!("feat: a\n\n{}\n\nRefs: #1\n", "body ".repeat(100));
        assert_eq!(stored_summary(long.into_bytes()), b"feat: a\n\nRefs: #1");
        let short = b"feat: a\n\nbody\n\nRefs: #1\n".to_vec();
        assert_eq!(stored_summary(short.clone()), short);
    }

    proptest! {
        #[test]
        fn a_summary_is_read_as_the_whole_stored_message(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "feat: a", "Merge x", "Revert \"x\"", "\n", "\n\n", " ", "\t", "\r\n",
                    "# c", "body", "Refs: #1", "BREAKING CHANGE: x", "This reverts commit ",
                    "abcdef1", "é", "\u{a0}", "\u{2028}",
                ]),
                0..40,
            ),
            long_body in any::<bool>(),
            invalid in any::<bool>(),
            parents in 1usize..3,
        ) {
            let mut raw = pieces.concat().into_bytes();
            if long_body {
                let at = raw.len() / 2;
                raw.splice(at..at, format!("\n\n{}\n\n", "word ".repeat(60)).into_bytes());
            }
            if invalid {
                raw.push(0xff);
            }
            let summary = stored_summary(raw.clone());
            let read = stored_commit(&summary, parents);
            prop_assert_eq!(
                message::what_rules_read(&read),
                message::what_rules_read(&stored_commit(&raw, parents))
            );
            if summary != raw {
                // Clean already: reading it keeps it as it is.
                prop_assert_eq!(read.text.as_bytes(), &summary[..]);
            }
        }

        #[test]
        fn reading_the_raw_bytes_in_place_changes_nothing(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "feat: a", "Merge x", "\n", "\n\n", " ", "\t", "\r\n", "\r", "# c", "body",
                    "Refs: #1", "BREAKING CHANGE: x", "é", "\u{a0}", "\u{2028}",
                ]),
                0..12,
            ),
            invalid in any::<bool>(),
            parents in 1usize..3,
        ) {
            let mut raw = pieces.concat().into_bytes();
            if invalid {
                raw.push(0xff);
            }
            prop_assert_eq!(stored_commit_owned(raw.clone(), parents), copied(&raw, parents));
        }
    }
}
