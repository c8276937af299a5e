//! A commit's files, for the rules in `tools/`: previewing an old revision (`--to`) or a
//! release base reads the configuration and manifests as they were there, not today's.

use std::path::Path;

use git2::{ObjectType, Tree};

use super::{Repo, RepoError};
use crate::config::sources::MAX_FILE_BYTES;
use crate::model::ConfigError;
use crate::model::files::Files;

/// How many symbolic links in a row are followed inside the tree.
const MAX_LINKS: usize = 8;

/// The files of one commit.
pub struct TreeFiles<'r> {
    repo: &'r git2::Repository,
    tree: Tree<'r>,
    /// The commit, for messages (`cog.toml at 1a2b3c4`).
    short: String,
}

impl Repo {
    /// The files of the commit `rev` names.
    pub fn files_at(&self, rev: &str) -> Result<TreeFiles<'_>, RepoError> {
        let commit = self.commit_of(rev)?;
        let short = commit.id().to_string()[..7].to_string();
        Ok(TreeFiles {
            repo: &self.inner,
            tree: commit.tree()?,
            short,
        })
    }
}

impl TreeFiles<'_> {
    fn error(&self, path: &str, message: impl std::fmt::Display) -> ConfigError {
        ConfigError::whole(
            Path::new(path),
            format!("{message} (in commit {})", self.short),
        )
    }

    /// The blob at `path`, following symbolic links that stay inside the tree.
    fn blob(&self, path: &str) -> Result<Option<Vec<u8>>, ConfigError> {
        let mut current = path.to_string();
        for _ in 0..=MAX_LINKS {
            let entry = match self.tree.get_path(Path::new(&current)) {
                Ok(entry) => entry,
                Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
                Err(e) => return Err(self.error(path, format!("cannot read it: {}", e.message()))),
            };
            if entry.kind() == Some(ObjectType::Tree) {
                return Err(self.error(path, "it is a directory, not a file"));
            }
            let repo = self.tree_owner();
            let object = entry
                .to_object(repo)
                .map_err(|e| self.error(path, format!("cannot read it: {}", e.message())))?;
            let Some(blob) = object.as_blob() else {
                return Err(self.error(path, "it is not a file"));
            };
            if blob.size() as u64 > MAX_FILE_BYTES {
                return Err(self.error(
                    path,
                    format!(
                        "it is larger than {} MiB, which no configuration file is; herald does not read it",
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                ));
            }
            if entry.filemode() != 0o120000 {
                return Ok(Some(blob.content().to_vec()));
            }
            let target = String::from_utf8_lossy(blob.content()).into_owned();
            current = resolve(&current, &target).ok_or_else(|| {
                self.error(
                    path,
                    format!("it is a symbolic link to {target}, outside the repository"),
                )
            })?;
        }
        Err(self.error(path, "it is a chain of symbolic links too long to follow"))
    }

    fn tree_owner(&self) -> &git2::Repository {
        self.repo
    }
}

impl Files for TreeFiles<'_> {
    fn read(&self, path: &str) -> Result<Option<String>, ConfigError> {
        match self.blob(path)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| self.error(path, "it is not UTF-8 text; save it as UTF-8")),
        }
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let subtree = if dir.is_empty() {
            Some(self.tree.clone())
        } else {
            self.tree
                .get_path(Path::new(dir))
                .ok()
                .and_then(|entry| entry.to_object(self.tree_owner()).ok())
                .and_then(|object| object.into_tree().ok())
        };
        let Some(tree) = subtree else {
            return Vec::new();
        };
        let mut names: Vec<String> = tree
            .iter()
            .filter(|entry| entry.kind() == Some(ObjectType::Blob))
            .filter_map(|entry| entry.name().ok().map(str::to_string))
            .collect();
        names.sort();
        names
    }
}

/// A link's target from the link's own folder, as a path from the root; `None` when it
/// leaves the tree.
fn resolve(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn links_resolve_inside_the_tree_only() {
        assert_eq!(
            resolve("cog.toml", "config/cog.toml").as_deref(),
            Some("config/cog.toml")
        );
        assert_eq!(resolve("a/b.toml", "../c.toml").as_deref(), Some("c.toml"));
        assert_eq!(resolve("b.toml", "../c.toml"), None);
        assert_eq!(resolve("b.toml", "/etc/passwd"), None);
    }
}
