//! The configured version files, as text: matched at a commit and read from it (for a
//! release) or from the work tree (for `herald doctor`).

use std::path::Path;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::version_file::Kind;
use crate::release::VersionText;
use crate::repo::Repo;

/// The configured version files, read at a commit (`rev`) or from the work tree.
pub struct VersionTexts {
    pub texts: Vec<VersionText>,
    /// Files that are configured but missing or unreadable.
    pub problems: Vec<String>,
}

/// Reads every configured version file: globs are matched against the files of `rev`
/// (HEAD for the work tree), contents come from `rev` or, without one, the work tree.
pub fn version_texts(
    repo: &Repo,
    config: &Config,
    rev: Option<&str>,
    root: &Path,
) -> Result<VersionTexts> {
    let mut found = VersionTexts {
        texts: Vec::new(),
        problems: Vec::new(),
    };
    if config.release.version_files.is_empty() {
        return Ok(found);
    }
    let listing_rev = match rev {
        Some(rev) => Some(rev.to_string()),
        None => repo.resolve("HEAD")?,
    };
    let tracked = match &listing_rev {
        Some(rev) => repo.tree_files(rev)?,
        None => Vec::new(),
    };
    for file in &config.release.version_files {
        let set = crate::model::components::glob_set(&[file.path().to_string()])
            .map_err(|e| Error::Input(e.to_string()))?;
        let mut paths: Vec<&String> = tracked
            .iter()
            .filter(|p| set.is_match(p.as_str()))
            .collect();
        paths.sort();
        if paths.is_empty() {
            found
                .problems
                .push(format!("{}: no such file", file.path()));
        }
        for path in paths {
            let Some(kind) = Kind::of(path, file.pattern()) else {
                found.problems.push(format!(
                    "{path}: herald cannot tell how it holds its version"
                ));
                continue;
            };
            let bytes = match rev {
                Some(rev) => repo.file_at(rev, path)?,
                None => std::fs::read(root.join(path)).ok(),
            };
            match bytes.map(String::from_utf8) {
                Some(Ok(text)) => found.texts.push(VersionText {
                    path: path.clone(),
                    kind,
                    text,
                }),
                Some(Err(_)) => found.problems.push(format!("{path}: not UTF-8 text")),
                None => found.problems.push(format!("{path}: cannot be read")),
            }
        }
    }
    Ok(found)
}
