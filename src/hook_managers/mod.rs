//! The hook managers teams already run, and how herald fits each instead of writing into
//! a folder the manager owns.
//!
//! - husky keeps the hooks people write in committed scripts (`.husky/<hook>`) and points
//!   `core.hooksPath` at small dispatchers it regenerates on every `npm install`
//!   (`.husky/_/<hook>`, husky 9) or at the scripts themselves (`.husky`, husky 5 to 8).
//!   herald adds one line to the committed scripts, so the whole team runs it.
//! - lefthook writes every hook in its configuration into the hooks folder and rewrites
//!   them on `lefthook install`; herald belongs in that configuration.

pub mod husky;
pub mod lefthook;

use std::path::{Path, PathBuf};

/// A hook manager in charge of a repository's hooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manager {
    Husky(husky::Husky),
    Lefthook(lefthook::Lefthook),
}

/// What herald knows of a repository when it looks for a hook manager.
pub struct Setting<'a> {
    /// The work tree's root.
    pub work_tree: &'a Path,
    /// The folder git runs hooks from.
    pub hooks_dir: &'a Path,
    /// Whether `core.hooksPath` chose that folder.
    pub hooks_path_set: bool,
}

/// The manager in charge of the hooks, if any: husky when `core.hooksPath` points into
/// husky's folder, else lefthook when its configuration or its hooks are there, else husky
/// when the work tree has husky's folder but this clone has not run husky yet.
pub fn detect(setting: &Setting) -> Option<Manager> {
    if setting.hooks_path_set {
        if let Some(husky) = husky::from_hooks_dir(setting.hooks_dir) {
            return Some(Manager::Husky(husky));
        }
    }
    lefthook::detect(setting.work_tree, setting.hooks_dir)
        .map(Manager::Lefthook)
        .or_else(|| husky::from_work_tree(setting.work_tree).map(Manager::Husky))
}

/// A file's text, or `None` when it cannot be read (absent, a folder, not UTF-8).
fn read_text(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// `path` relative to `base` when it is inside it, for messages people act on.
pub fn shown(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}
