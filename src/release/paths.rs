//! Where a release may write: files of the work tree reached without going through a
//! symbolic link, so that a committed link (`docs -> /elsewhere`) never sends the release
//! outside the repository, and the release commit never replaces a link with a directory.

use std::path::Path;

/// The first part of `relative` (a `/`-separated path under `root`) that is a symbolic
/// link, or that is not a directory where one is needed; `None` when writing it stays on
/// real directories of the work tree (parts that do not exist yet are created).
pub fn link_on_the_way(root: &Path, relative: &str) -> Option<String> {
    let parts: Vec<&str> = relative.split('/').filter(|p| !p.is_empty()).collect();
    let mut at = root.to_path_buf();
    for (n, part) in parts.iter().enumerate() {
        at.push(part);
        let shown = || parts[..=n].join("/");
        match std::fs::symlink_metadata(&at) {
            Err(_) => return None,
            Ok(meta) if meta.file_type().is_symlink() => return Some(shown()),
            Ok(meta) if n + 1 < parts.len() && !meta.is_dir() => return Some(shown()),
            Ok(_) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_anywhere_on_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/sub")).unwrap();
        std::os::unix::fs::symlink("/tmp", root.join("docs")).unwrap();
        std::os::unix::fs::symlink("x", root.join("real/file.md")).unwrap();
        assert_eq!(
            link_on_the_way(root, "docs/CHANGELOG.md"),
            Some("docs".into())
        );
        assert_eq!(
            link_on_the_way(root, "real/file.md"),
            Some("real/file.md".into())
        );
        assert_eq!(link_on_the_way(root, "real/sub/new/CHANGELOG.md"), None);
        assert_eq!(link_on_the_way(root, "CHANGELOG.md"), None);
    }
}
