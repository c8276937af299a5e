//! Where release tools' files are read from: the work tree, as [`Files`] for the rules in
//! `tools/`. Reading is bounded and confined: a file larger than any configuration is
//! refused, and no path leaves the work tree, through `..` or through a symbolic link.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::model::ConfigError;
use crate::model::files::Files;

/// The largest configuration file herald reads: far above any real one, far below what
/// could exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The files of a work tree.
#[derive(Debug, Clone)]
pub struct WorkTree {
    root: PathBuf,
}

impl WorkTree {
    pub fn new(root: &Path) -> WorkTree {
        WorkTree {
            root: root.to_path_buf(),
        }
    }

    /// Where `path` is on disk, when it stays inside the work tree.
    fn locate(&self, path: &str) -> Result<PathBuf, ConfigError> {
        let relative = Path::new(path);
        let escapes = relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        if escapes {
            return Err(ConfigError::whole(
                relative,
                "the path leaves the repository; give it from the repository's root, without `..`",
            ));
        }
        Ok(self.root.join(relative))
    }
}

impl Files for WorkTree {
    fn read(&self, path: &str) -> Result<Option<String>, ConfigError> {
        let full = self.locate(path)?;
        let shown = Path::new(path);
        let metadata = match std::fs::symlink_metadata(&full) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(ConfigError::whole(shown, format!("cannot read it: {e}"))),
        };
        if metadata.file_type().is_symlink() {
            check_link(&self.root, &full, shown)?;
        }
        read_bounded(&full, shown).map(Some)
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let Ok(full) = self.locate(dir) else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(full) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }
}

/// A symbolic link must lead to a file inside the work tree.
fn check_link(root: &Path, full: &Path, shown: &Path) -> Result<(), ConfigError> {
    let target = std::fs::canonicalize(full).map_err(|_| {
        ConfigError::whole(
            shown,
            "it is a symbolic link to nothing; remove it or point it at the file",
        )
    })?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(ConfigError::whole(
            shown,
            format!(
                "it is a symbolic link to {}, outside the repository; herald reads configuration from the repository only",
                target.display()
            ),
        ));
    }
    Ok(())
}

/// Reads a configuration file as UTF-8, refusing directories, devices and anything
/// larger than [`MAX_FILE_BYTES`].
pub fn read_bounded(full: &Path, shown: &Path) -> Result<String, ConfigError> {
    let metadata = std::fs::metadata(full)
        .map_err(|e| ConfigError::whole(shown, format!("cannot read it: {e}")))?;
    if metadata.is_dir() {
        return Err(ConfigError::whole(
            shown,
            "it is a directory, not a file; remove it or replace it with the file",
        ));
    }
    let file = std::fs::File::open(full)
        .map_err(|e| ConfigError::whole(shown, format!("cannot read it: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ConfigError::whole(shown, format!("cannot read it: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ConfigError::whole(
            shown,
            format!(
                "it is larger than {} MiB, which no configuration file is; herald does not read it",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| ConfigError::whole(shown, "it is not UTF-8 text; save it as UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_and_refuses_what_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("cog.toml"), "tag_prefix = \"v\"\n").unwrap();
        std::fs::create_dir(root.join("cliff.toml")).unwrap();
        let files = WorkTree::new(root);
        assert_eq!(
            files.read("cog.toml").unwrap().as_deref(),
            Some("tag_prefix = \"v\"\n")
        );
        assert_eq!(files.read("missing.toml").unwrap(), None);
        let error = files.read("cliff.toml").unwrap_err();
        assert!(error.message.contains("directory"), "{error}");
        let error = files.read("../etc/passwd").unwrap_err();
        assert!(error.message.contains("leaves the repository"), "{error}");
        assert_eq!(files.list(""), ["cog.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_stay_inside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("cog.toml")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join(".cz.toml")).unwrap();
        std::fs::write(root.join("real.toml"), "a = 1").unwrap();
        std::os::unix::fs::symlink(root.join("real.toml"), root.join("cliff.toml")).unwrap();
        let files = WorkTree::new(root);
        assert!(
            files
                .read("cog.toml")
                .unwrap_err()
                .message
                .contains("outside")
        );
        assert!(
            files
                .read(".cz.toml")
                .unwrap_err()
                .message
                .contains("to nothing")
        );
        assert_eq!(files.read("cliff.toml").unwrap().as_deref(), Some("a = 1"));
    }
}
