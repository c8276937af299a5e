//! Which commits release-please 17.11.2 gives each package of a manifest.

use super::Settings;
use super::settings::{self, Package};
use crate::model::{Change, Target};

impl Settings {
    /// The commits of the branch walk (see [`super::walk::BranchWalk`]) that release-please
    /// 17.11.2 gives the target's package (`Manifest.buildPullRequests` with `CommitSplit`,
    /// `commitsAfterSha` and `CommitExclude`): all of them for `.`; for another package,
    /// those changing a file under it whose deepest package is this one — and those
    /// changing no file at all (empty commits, merges), which go to every package but the
    /// root; then the list is cut at the package's release commit `release`, *when that
    /// commit is among the package's own* (`commitsAfterSha`: a release tag on a commit
    /// that changes nothing in the package cuts nothing, and every collected commit
    /// counts); then `exclude-paths`.
    pub fn select(
        &self,
        target: &Target,
        changes: Vec<Change>,
        release: Option<&str>,
    ) -> Vec<Change> {
        let Some(package) = self.package(target) else {
            return changes;
        };
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
        let mut own_commits: Vec<Change> = changes
            .into_iter()
            .filter(|change| {
                let files = files_of(change);
                package.path == "."
                    || files.is_empty()
                    || files.iter().any(|file| {
                        file.contains('/')
                            && nested
                                .iter()
                                .find(|p| file.starts_with(&format!("{p}/")))
                                .is_some_and(|p| *p == own)
                    })
            })
            .collect();
        if let Some(at) = own_commits
            .iter()
            .position(|c| Some(c.id.as_str()) == release)
        {
            own_commits.truncate(at);
        }
        own_commits.retain(|change| !excluded(package, files_of(change)));
        own_commits
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
