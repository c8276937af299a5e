//! Paths from the configuration that name a file of the work tree (`[release] changelog`,
//! `version_files`): relative, `/`-separated, and staying inside the work tree. Whether a
//! directory on the way is a symbolic link is for whoever looks at the disk to check.

/// Why `path` cannot name a file inside the work tree; `None` when it can.
pub fn problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("is empty");
    }
    if path.starts_with('/') || path.starts_with('\\') || has_drive(path) {
        return Some("is absolute; give a path relative to the work tree's root");
    }
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    if parts.contains(&"..") {
        return Some("leaves the work tree (`..`)");
    }
    if parts.iter().any(|part| part.eq_ignore_ascii_case(".git")) {
        return Some("is inside `.git`, which is git's, not the work tree's");
    }
    if parts
        .last()
        .is_some_and(|last| last.is_empty() || *last == ".")
    {
        return Some("names a directory, not a file");
    }
    None
}

/// `C:…`, an absolute path on Windows.
fn has_drive(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn paths_inside_the_work_tree_pass() {
        for path in [
            "CHANGELOG.md",
            "docs/CHANGELOG.md",
            "./CHANGELOG.md",
            "packages/*/package.json",
            "a..b/c",
        ] {
            assert_eq!(problem(path), None, "{path}");
        }
    }

    #[test]
    fn paths_leaving_it_are_named() {
        assert_eq!(
            problem("../CHANGELOG.md"),
            Some("leaves the work tree (`..`)")
        );
        assert_eq!(problem("docs/../../x"), Some("leaves the work tree (`..`)"));
        assert_eq!(
            problem("/etc/passwd"),
            Some("is absolute; give a path relative to the work tree's root")
        );
        assert!(problem("C:/x").is_some());
        assert!(problem(".git/hooks/pre-commit").is_some());
        assert!(problem("docs/").is_some());
        assert!(problem("").is_some());
    }
}
