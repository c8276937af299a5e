//! The files a release tool's configuration lives in, as the rules read them: by path from
//! the repository's root, from wherever they come (the work tree, the tree of the revision
//! being previewed, or memory in tests). Reading them is [`crate::config::sources`]' job.

use std::collections::BTreeMap;

use super::error::ConfigError;

/// Read access to a repository's files.
pub trait Files {
    /// The text of the file at `path` (`/`-separated, from the root); `Ok(None)` when there
    /// is no such file. A file that is there but cannot be read (a directory, a dangling
    /// link, not UTF-8, too large) is an error naming it.
    fn read(&self, path: &str) -> Result<Option<String>, ConfigError>;

    /// The names of the files directly inside the directory `dir` (`""` for the root), in
    /// byte order; empty when there is no such directory.
    fn list(&self, dir: &str) -> Vec<String>;
}

/// Files held in memory: for tests, and for a configuration given as text.
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles(pub BTreeMap<String, String>);

impl MemoryFiles {
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> MemoryFiles {
        MemoryFiles(
            files
                .into_iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        )
    }
}

impl Files for MemoryFiles {
    fn read(&self, path: &str) -> Result<Option<String>, ConfigError> {
        Ok(self.0.get(path).cloned())
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{}/", dir.trim_end_matches('/'))
        };
        self.0
            .keys()
            .filter_map(|path| path.strip_prefix(&prefix))
            .filter(|name| !name.contains('/'))
            .map(str::to_string)
            .collect()
    }
}

/// A path's parent directory (`""` for a file at the root), `/`-separated.
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `dir` and `name` joined with `/` (just `name` at the root).
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else {
        format!("{}/{name}", dir.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_list_one_directory() {
        let files = MemoryFiles::new([
            ("a.toml", ""),
            (".github/workflows/ci.yml", ""),
            (".github/workflows/deep/x.yml", ""),
        ]);
        assert_eq!(files.list(""), ["a.toml"]);
        assert_eq!(files.list(".github/workflows"), ["ci.yml"]);
        assert_eq!(files.read("a.toml").unwrap().as_deref(), Some(""));
        assert_eq!(files.read("b.toml").unwrap(), None);
        assert_eq!(
            join(parent(".config/releaserc"), "package.json"),
            ".config/package.json"
        );
    }
}
