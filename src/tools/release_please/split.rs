//! Which commits release-please 17.11.2 gives each package of a manifest.

use super::Settings;
use super::settings::{self, Package};
use crate::model::{Change, Target};

impl Settings {
    /// The commits of a range that release-please 17.11.2 gives the target's package
    /// (`Manifest.buildPullRequests` with `CommitSplit` and `CommitExclude`): all of them
    /// for `.`; for another package, those changing a file under it whose deepest package
    /// is this one — and those changing no file at all (empty commits, merges), which go
    /// to every package but the root; then `exclude-paths`, `last-release-sha` and
    /// `bootstrap-sha` cut the list.
    pub fn select(&self, target: &Target, changes: Vec<Change>) -> Vec<Change> {
        let Some(package) = self.package(target) else {
            return changes;
        };
        let mut changes = changes;
        for sha in [&self.last_release_sha, &self.bootstrap_sha]
            .into_iter()
            .flatten()
        {
            if let Some(at) = changes.iter().position(|c| &c.id == sha) {
                changes.truncate(at);
            }
        }
        let own = settings::normalize_path(&package.path);
        let nested: Vec<String> = {
            let mut paths: Vec<String> = self
                .packages
                .iter()
                .map(|p| settings::normalize_path(&p.path))
                .filter(|p| p != ".")
                .collect();
            paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
            paths
        };
        changes
            .into_iter()
            .filter(|change| {
                let files = files_of(change);
                let belongs = package.path == "."
                    || files.is_empty()
                    || files.iter().any(|file| {
                        file.contains('/')
                            && nested
                                .iter()
                                .find(|p| file.starts_with(&format!("{p}/")))
                                .is_some_and(|p| *p == own)
                    });
                belongs && !excluded(package, files)
            })
            .collect()
    }
}

/// The files release-please sees for a commit: `git log --name-only` lists none for a merge.
fn files_of(change: &Change) -> &[String] {
    if change.parent_count > 1 {
        &[]
    } else {
        &change.paths
    }
}

/// `exclude-paths`: a commit is left out when every file it changes in the package lies
/// under an excluded path (a commit that changes no file too).
fn excluded(package: &Package, files: &[String]) -> bool {
    if package.exclude_paths.is_empty() {
        return false;
    }
    let under = |file: &str, path: &str| path == "." || file.starts_with(&format!("{path}/"));
    files
        .iter()
        .filter(|f| under(f, &package.path))
        .all(|f| package.exclude_paths.iter().any(|p| under(f, p)))
}
