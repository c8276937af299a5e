//! A branch against its base: the merge base, how far each has moved, and which base a
//! branch is compared with when none is named (for `preview --against`).

use super::{Repo, RepoError};

impl Repo {
    /// The best common ancestor of two commits; `None` when their histories never meet.
    pub fn merge_base(&self, one: &str, other: &str) -> Result<Option<String>, RepoError> {
        match self.inner.merge_base(self.oid(one)?, self.oid(other)?) {
            Ok(id) => Ok(Some(id.to_string())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// How many commits `local` has that `upstream` has not, and the other way round.
    pub fn ahead_behind(&self, local: &str, upstream: &str) -> Result<(usize, usize), RepoError> {
        Ok(self
            .inner
            .graph_ahead_behind(self.oid(local)?, self.oid(upstream)?)?)
    }

    /// The branch HEAD's branch follows (`origin/main`), when it is set and is not the
    /// same branch on a remote (a feature branch's own copy there is no base to compare
    /// with).
    pub fn upstream_base(&self) -> Option<String> {
        let branch = self.head_branch()?;
        let local = self
            .inner
            .find_branch(&branch, git2::BranchType::Local)
            .ok()?;
        let upstream = local.upstream().ok()?;
        let name = upstream.name().ok()??.to_string();
        let same = name.split_once('/').is_some_and(|(_, rest)| rest == branch);
        (!same).then_some(name)
    }

    /// What `origin/HEAD` points at (`origin/main`), when the clone recorded it.
    pub fn origin_head(&self) -> Option<String> {
        let head = self.inner.find_reference("refs/remotes/origin/HEAD").ok()?;
        let target = head.symbolic_target().ok()??;
        target.strip_prefix("refs/remotes/").map(str::to_string)
    }

    /// The files that differ between the trees of two commits: what squashing the commits
    /// between them into one changes.
    pub fn paths_between(&self, from: &str, to: &str) -> Result<Vec<String>, RepoError> {
        let old = self.inner.find_commit(self.oid(from)?)?.tree()?;
        let new = self.inner.find_commit(self.oid(to)?)?.tree()?;
        let diff = self.inner.diff_tree_to_tree(Some(&old), Some(&new), None)?;
        let mut paths: Vec<String> = diff
            .deltas()
            .flat_map(|delta| [delta.old_file().path_bytes(), delta.new_file().path_bytes()])
            .flatten()
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .collect();
        paths.sort();
        paths.dedup();
        Ok(paths)
    }
}
