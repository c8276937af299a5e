//! One module per subcommand. Each reads its inputs, calls the pure core and prints.

pub mod check;
pub mod hook;
pub mod install;
pub mod uninstall;

use std::path::PathBuf;

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::lint;
use crate::message::{self, Cleanup, CommentPrefix, Commit, Kind};
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
        if let Some(path) = &self.config_path {
            return Ok(config::load(path)?);
        }
        let found = repo
            .and_then(Repo::work_tree)
            .map(|root| root.join("herald.toml"))
            .filter(|path| path.is_file());
        match found {
            Some(path) => Ok(config::load(&path)?),
            None => Ok(Config::default()),
        }
    }
}

/// A message after cleanup and parsing, with what the rules found.
pub struct Checked {
    pub commit: Commit,
    pub diagnostics: Vec<Diagnostic>,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Cleans, parses and lints raw message bytes.
pub fn examine(raw: &[u8], cleanup: Cleanup, comment: &CommentPrefix, config: &Config) -> Checked {
    let (text, lossy) = message::decode(raw);
    let commit = message::parse(&message::clean(&text, cleanup, comment));
    let mut diagnostics = lint::check(&commit, &config.commit);
    if lossy {
        diagnostics.push(
            Diagnostic::warning("message-encoding", "the message is not valid UTF-8")
                .help("invalid bytes were read as U+FFFD; save the message as UTF-8"),
        );
    }
    Checked {
        commit,
        diagnostics,
        lossy,
    }
}

/// A stored commit: already cleaned by git, so only whitespace is normalised; a merge
/// commit is a merge whatever its message says.
pub fn examine_stored(raw: &[u8], parent_count: usize, config: &Config) -> Checked {
    let mut checked = examine(raw, Cleanup::Whitespace, &CommentPrefix::default(), config);
    if parent_count > 1 && matches!(checked.commit.kind, Kind::NotConventional(_)) {
        checked.commit.kind = Kind::Merge;
        checked.diagnostics = lint::check(&checked.commit, &config.commit);
    }
    checked
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
