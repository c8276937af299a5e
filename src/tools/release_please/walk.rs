//! How far back release-please 17.11.2 reads the branch: one walk for every package.

use std::collections::HashSet;

/// release-please's commit walk (`Manifest.buildPullRequests`): the branch's history in
/// `git log`'s order, newest first, at most `depth` commits (`commitSearchDepth`, 500),
/// read until the release commit of every package has been met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchWalk {
    pub depth: usize,
    pub last_release_sha: Option<String>,
    pub bootstrap_sha: Option<String>,
}

/// `DEFAULT_COMMIT_SEARCH_DEPTH` (build/src/manifest.js).
pub const COMMIT_SEARCH_DEPTH: usize = 500;

impl BranchWalk {
    /// How many of the walked commits `ids` release-please collects, given each package's
    /// release commit (`None`: the package has no release found, and the walk must go on
    /// to `bootstrap-sha` or the end). The loop of `buildPullRequests`: a release commit
    /// counts when met; the walk stops *before* `last-release-sha`, before `bootstrap-sha`
    /// while a release is missing, and before the commit that completes the set of release
    /// commits — release commits met earlier are collected like any other.
    pub fn length(&self, ids: &[String], releases: &[Option<String>]) -> usize {
        let needs_bootstrap = releases.iter().any(Option::is_none);
        let expected: HashSet<&str> = releases.iter().flatten().map(String::as_str).collect();
        let mut found = 0;
        for (at, id) in ids.iter().enumerate() {
            if expected.contains(id.as_str()) {
                found += 1;
            }
            let stop = if self.last_release_sha.as_deref() == Some(id.as_str()) {
                true
            } else if needs_bootstrap {
                self.bootstrap_sha.as_deref() == Some(id.as_str())
            } else {
                found >= expected.len()
            };
            if stop {
                return at;
            }
        }
        ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn walk() -> BranchWalk {
        BranchWalk {
            depth: COMMIT_SEARCH_DEPTH,
            last_release_sha: None,
            bootstrap_sha: None,
        }
    }

    #[test]
    fn stops_before_the_release_commit_that_completes_the_set() {
        let walked = ids(&["e", "d", "c", "b", "a"]);
        let releases = [Some("d".to_string()), Some("b".to_string())];
        assert_eq!(walk().length(&walked, &releases), 3);
    }

    #[test]
    fn a_release_commit_the_walk_never_meets_reads_everything() {
        let walked = ids(&["c", "b", "a"]);
        assert_eq!(walk().length(&walked, &[Some("x".to_string())]), 3);
    }

    #[test]
    fn bootstrap_sha_stops_only_while_a_release_is_missing() {
        let walked = ids(&["c", "b", "a"]);
        let with = BranchWalk {
            bootstrap_sha: Some("b".into()),
            ..walk()
        };
        assert_eq!(with.length(&walked, &[None]), 1);
        assert_eq!(with.length(&walked, &[Some("a".into())]), 2);
    }

    #[test]
    fn last_release_sha_always_stops() {
        let walked = ids(&["c", "b", "a"]);
        let with = BranchWalk {
            last_release_sha: Some("c".into()),
            ..walk()
        };
        assert_eq!(with.length(&walked, &[Some("a".into())]), 0);
    }
}
