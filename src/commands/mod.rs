//! One module per subcommand. Each reads its inputs, calls the pure core and prints.

pub mod changelog;
pub mod check;
pub mod doctor;
pub mod hook;
pub mod init;
pub mod install;
pub mod preview;
pub mod release;
pub mod uninstall;

use std::path::{Path, PathBuf};

use crate::config::sources::WorkTree;
use crate::config::{self, Config};
use crate::error::Result;
use crate::model::files::{Files, MemoryFiles};
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
        match repo.and_then(Repo::work_tree) {
            Some(root) => self.config_from(&WorkTree::new(root), Some(root)),
            None => self.config_from(&MemoryFiles::default(), None),
        }
    }

    /// `--config`, else `herald.toml` among `files` (the work tree's, or a previewed
    /// commit's), else the defaults; `root` names the file in errors.
    pub fn config_from(&self, files: &dyn Files, root: Option<&Path>) -> Result<(Config, String)> {
        if let Some(path) = &self.config_path {
            return Ok((config::load(path)?, path.display().to_string()));
        }
        // A herald.toml that is there but is no readable file (a directory, a dangling
        // link) is an error, never a silent fall-back to the defaults.
        match files.read("herald.toml")? {
            Some(text) => {
                let shown =
                    root.map_or_else(|| PathBuf::from("herald.toml"), |r| r.join("herald.toml"));
                Ok((config::load_str(&text, &shown)?, "herald.toml".to_string()))
            }
            None => Ok((Config::default(), "defaults".to_string())),
        }
    }
}
