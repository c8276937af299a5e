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
    let (text, _) = message::decode(raw);
    let mut commit = message::parse(&message::clean(
        &text,
        Cleanup::Whitespace,
        &CommentPrefix::default(),
    ));
    if parent_count > 1 && matches!(commit.kind, Kind::NotConventional(_)) {
        commit.kind = Kind::Merge;
    }
    commit
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
