//! One module per subcommand. Each reads its inputs, calls the pure core and prints.

pub mod changelog;
pub mod check;
pub mod doctor;
pub mod gather;
pub mod hook;
pub mod init;
pub mod install;
pub mod preview;
pub mod release;
pub mod uninstall;

use std::path::PathBuf;

use crate::config::{self, Config};
use crate::engine::Engine;
use crate::error::Result;
use crate::lint;
use crate::model::diagnostic::Diagnostic;
use crate::model::message::{self, Cleanup, CommentPrefix, Kind, Message};
use crate::repo::Repo;
use crate::ui::Colors;

/// What every command gets from the global flags.
pub struct Context {
    pub config_path: Option<PathBuf>,
    pub colors: Colors,
    pub quiet: bool,
    pub verbose: u8,
}

/// How a command ended when it did not fail: exit code 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The check found violations, or a hook refuses.
    Refused,
}

impl Context {
    /// `--config`, else `herald.toml` at the work tree's root, else the defaults.
    pub fn config(&self, repo: Option<&Repo>) -> Result<Config> {
        Ok(self.config_with_source(repo)?.0)
    }

    /// The configuration and where it came from (`herald.toml`, the `--config` path, or
    /// `defaults`).
    pub fn config_with_source(&self, repo: Option<&Repo>) -> Result<(Config, String)> {
        if let Some(path) = &self.config_path {
            return Ok((config::load(path)?, path.display().to_string()));
        }
        let found = repo
            .and_then(Repo::work_tree)
            .map(|root| root.join("herald.toml"))
            .filter(|path| path.is_file());
        match found {
            Some(path) => Ok((config::load(&path)?, "herald.toml".to_string())),
            None => Ok((Config::default(), "defaults".to_string())),
        }
    }
}

/// A message after cleanup and parsing, with what the rules found.
pub struct Checked {
    pub commit: Message,
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
    pub engine: &'a Engine,
}

impl Checker<'_> {
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

    fn finish(&self, commit: Message, lossy: bool) -> Checked {
        let mut diagnostics = lint::check(&commit, &self.config.commit);
        diagnostics.extend(self.engine.commit_warnings(&commit));
        if lossy {
            diagnostics.push(encoding_warning());
        }
        Checked {
            commit,
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
