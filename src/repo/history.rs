//! Walking history: the commits of a range, newest first, with what herald reads of each
//! (and, when asked, the files each changed). Every walk goes through [`Repo::collect`].

use git2::{Oid, Revwalk, Sort};

use super::changed_paths::ChangedPaths;
use super::progress::{REPORT_EVERY, WalkProgress};
use super::{Repo, RepoError};
use crate::model::{RawCommit, WalkOrder};

/// The commits between a release and a revision.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Newest first.
    pub commits: Vec<RawCommit>,
    /// The walk reached the edge of a shallow clone: older history is missing.
    pub shallow_edge: Option<String>,
    /// Some walked commit has one of the hidden commits as a parent: they are ancestors.
    pub reaches_hidden: bool,
}

/// What a walk for a release is asked for.
#[derive(Debug, Clone, Copy)]
pub struct WalkRequest<'a> {
    /// The commit the walk starts from (the previewed one).
    pub to: &'a str,
    /// The order the engine lists commits in.
    pub order: WalkOrder,
    /// Whether each commit's changed files are wanted.
    pub with_paths: bool,
}

impl Repo {
    /// The commits of a revision range (`A..B`, `A...B` or a single revision meaning
    /// everything reachable from it), newest first.
    pub fn commits(&self, spec: &str) -> Result<Vec<RawCommit>, RepoError> {
        let bad = |error: git2::Error| RepoError::BadRevision {
            spec: spec.to_string(),
            message: error.message().to_string(),
        };
        let mut walk = self.revwalk(WalkOrder::Topological)?;
        if spec.contains("..") {
            walk.push_range(spec).map_err(bad)?;
        } else {
            let object = self.inner.revparse_single(spec).map_err(bad)?;
            walk.push(object.peel_to_commit().map_err(bad)?.id())?;
        }
        Ok(self.collect(walk, &[], false)?.commits)
    }

    /// Whether `id` names a commit this repository has.
    pub fn has_commit(&self, id: &str) -> bool {
        self.oid(id)
            .and_then(|oid| Ok(self.inner.find_commit(oid)?))
            .is_ok()
    }

    /// Whether any remote-tracking ref exists for `remote`.
    pub fn has_remote_refs(&self, remote: &str) -> bool {
        self.inner
            .references_glob(&format!("refs/remotes/{remote}/*"))
            .is_ok_and(|mut refs| refs.next().is_some())
    }

    /// Commits reachable from `tip` but not from `hide` (commit ids) nor from the refs
    /// matching `hide_globs` (e.g. `refs/remotes/origin/*`), newest first.
    pub fn commits_between(
        &self,
        tip: &str,
        hide: &[&str],
        hide_globs: &[String],
    ) -> Result<Vec<RawCommit>, RepoError> {
        let mut walk = self.revwalk(WalkOrder::Topological)?;
        walk.push(self.oid(tip)?)?;
        for id in hide {
            walk.hide(self.oid(id)?)?;
        }
        for glob in hide_globs {
            walk.hide_glob(glob)?;
        }
        Ok(self.collect(walk, &[], false)?.commits)
    }

    /// The commits reachable from `walk.to` but not from any of `since`, in the engine's
    /// order (newest first), with the files each changed against its first parent when
    /// asked for (for a merge, what the merge brought in).
    pub fn history(&self, walk: &WalkRequest<'_>, since: &[String]) -> Result<History, RepoError> {
        let mut revwalk = self.revwalk(walk.order)?;
        revwalk.push(self.oid(walk.to)?)?;
        let mut hidden = Vec::with_capacity(since.len());
        for id in since {
            let oid = self.oid(id)?;
            revwalk.hide(oid)?;
            hidden.push(oid);
        }
        self.collect(revwalk, &hidden, walk.with_paths)
    }

    /// The ids of at most `limit` commits reachable from `to`, in `git log`'s default
    /// order, newest first: git's `revision.c` keeps a queue by committer date (newest
    /// first; equal dates in the order they were queued, `commit_list_insert_by_date`)
    /// and queues a commit's parents, first parent first, when it shows the commit.
    /// libgit2's time sort breaks ties its own way, so the queue is kept here.
    pub fn log_order(&self, to: &str, limit: usize) -> Result<Vec<String>, RepoError> {
        let mut queue = std::collections::BinaryHeap::new();
        let mut seen = std::collections::HashSet::new();
        let mut queued = 0_u64;
        let start = self.inner.find_commit(self.oid(to)?)?;
        seen.insert(start.id());
        queue.push((
            start.time().seconds(),
            std::cmp::Reverse(queued),
            start.id(),
        ));
        let mut ids = Vec::new();
        while ids.len() < limit {
            let Some((_, _, id)) = queue.pop() else { break };
            ids.push(id.to_string());
            let commit = self.inner.find_commit(id)?;
            for parent in commit.parent_ids() {
                // A parent missing from a shallow clone ends that line.
                let Ok(parent) = self.inner.find_commit(parent) else {
                    continue;
                };
                if seen.insert(parent.id()) {
                    queued += 1;
                    queue.push((
                        parent.time().seconds(),
                        std::cmp::Reverse(queued),
                        parent.id(),
                    ));
                }
            }
        }
        Ok(ids)
    }

    /// The commits `ids` names, in that order, read as [`Repo::history`] reads them.
    pub fn history_of(&self, ids: &[String], with_paths: bool) -> Result<History, RepoError> {
        let oids = ids
            .iter()
            .map(|id| self.oid(id))
            .collect::<Result<Vec<_>, _>>()?;
        self.collect(oids.into_iter().map(Ok), &[], with_paths)
    }

    fn revwalk(&self, order: WalkOrder) -> Result<Revwalk<'_>, RepoError> {
        let mut walk = self.inner.revwalk()?;
        walk.set_sorting(match order {
            WalkOrder::TopologicalByTime => Sort::TOPOLOGICAL | Sort::TIME,
            WalkOrder::Topological => Sort::TOPOLOGICAL,
            WalkOrder::Time => Sort::TIME,
            WalkOrder::Unsorted => Sort::NONE,
        })?;
        Ok(walk)
    }

    /// Reads every commit a walk yields; `hidden` are the commits it was told to hide,
    /// for [`History::reaches_hidden`].
    fn collect(
        &self,
        walk: impl IntoIterator<Item = Result<Oid, git2::Error>>,
        hidden: &[Oid],
        with_paths: bool,
    ) -> Result<History, RepoError> {
        let shallow = self.shallow_commits();
        let mut history = History::default();
        // (first parent, tree) of each commit, and each commit's tree by id: the parent is
        // usually walked too, so its tree is known without reading it again.
        let mut trees = Vec::new();
        let mut tree_of = std::collections::HashMap::new();
        // The commits whose changed files the cache does not know, by index.
        let mut unknown = Vec::new();
        let mut cache = with_paths.then(|| self.paths_cache());
        for id in walk {
            let commit = self.inner.find_commit(id?)?;
            if !history.reaches_hidden {
                history.reaches_hidden = commit.parent_ids().any(|p| hidden.contains(&p));
            }
            if shallow.contains(&commit.id()) && history.shallow_edge.is_none() {
                history.shallow_edge = Some(commit.id().to_string());
            }
            let mut info = commit_info(&commit);
            if let Some(cache) = &mut cache {
                match cache.get(commit.id().as_bytes()) {
                    Some(paths) => info.paths = paths,
                    None => unknown.push((history.commits.len(), commit.id())),
                }
                trees.push((commit.parent_id(0).ok(), commit.tree_id()));
                tree_of.insert(commit.id(), commit.tree_id());
            }
            history.commits.push(info);
            if history.commits.len() % REPORT_EVERY == 0 {
                self.report(WalkProgress::Reading(history.commits.len()));
            }
        }
        if !unknown.is_empty() {
            let mut changed = ChangedPaths::new(&self.inner);
            let total = unknown.len();
            for (done, (index, id)) in unknown.into_iter().enumerate() {
                if done % REPORT_EVERY == 0 {
                    self.report(WalkProgress::Comparing { done, total });
                }
                let (parent, tree) = trees[index];
                // A parent missing from a shallow clone counts as no parent.
                let parent_tree = parent.and_then(|p| {
                    tree_of
                        .get(&p)
                        .copied()
                        .or_else(|| self.inner.find_commit(p).ok().map(|c| c.tree_id()))
                });
                let info = &mut history.commits[index];
                info.paths = changed.between(parent_tree, tree)?;
                if let Some(cache) = &mut cache {
                    cache.insert(id.as_bytes(), info.paths.clone());
                }
            }
        }
        self.report(WalkProgress::Done);
        Ok(history)
    }

    /// The commits at the edge of a shallow clone (`git rev-parse --is-shallow-repository`).
    fn shallow_commits(&self) -> std::collections::HashSet<Oid> {
        if !self.inner.is_shallow() {
            return Default::default();
        }
        std::fs::read_to_string(self.inner.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| self.oid(line.trim()).ok())
            .collect()
    }
}

/// herald's view of a commit (without its changed files).
fn commit_info(commit: &git2::Commit<'_>) -> RawCommit {
    RawCommit {
        id: commit.id().to_string(),
        message: commit.message_raw_bytes().to_vec(),
        parent_count: commit.parent_count(),
        paths: Vec::new(),
        author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
        time: commit.time().seconds(),
    }
}
