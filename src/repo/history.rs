//! Walking history: the commits of a range, newest first, with what herald reads of each
//! (and, when asked, the files each changed). Every walk goes through [`Repo::collect`].

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use git2::{Oid, Repository, Revwalk, Sort};

use super::changed_paths::{self, TreePair};
use super::commit_graph::CommitGraph;
use super::commits_cache::{CACHED_FROM, CommitsCache, Held};
use super::paths_cache::PathsCache;
use super::progress::{REPORT_EVERY, WalkProgress};
use super::threads;
use super::walk::{Walk, Walked};
use super::{OidKey, Repo, RepoError};
use crate::model::{RawCommit, RawMessage, WalkOrder};

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
    /// How each commit's message is kept.
    pub messages: Messages,
}

/// How a walk keeps each commit's message.
#[derive(Debug, Clone, Copy, Default)]
pub enum Messages {
    /// As git stores it.
    #[default]
    Whole,
    /// Cut by this function as each is read, for an engine that reads less than the
    /// whole message (herald's own rules: the header and the footers), so that a long
    /// history of long messages is held by what the engine reads.
    Summarized(fn(Vec<u8>) -> Vec<u8>),
}

impl Messages {
    fn keep(self, raw: Vec<u8>) -> Vec<u8> {
        match self {
            Messages::Whole => raw,
            Messages::Summarized(summarize) => summarize(raw),
        }
    }
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
        Ok(self.collect(walk, &[], false, Messages::Whole)?.commits)
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
        Ok(self.collect(walk, &[], false, Messages::Whole)?.commits)
    }

    /// The commits reachable from `walk.to` but not from any of `since`, in the engine's
    /// order (newest first), with the files each changed against its first parent when
    /// asked for (for a merge, what the merge brought in).
    pub fn history(&self, walk: &WalkRequest<'_>, since: &[String]) -> Result<History, RepoError> {
        let to = self.oid(walk.to)?;
        let hidden = since
            .iter()
            .map(|id| self.oid(id))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(graph) = self.commit_graph() {
            let mut graph_walk = Walk::new(&self.inner, graph);
            graph_walk.push(to);
            for &id in &hidden {
                graph_walk.hide(id);
            }
            // A walk the graph cannot finish (a damaged file) is done again by libgit2.
            if let Ok(walked) = graph_walk.run(walk.order) {
                return self.collect_walked(walked, &hidden, walk);
            }
        }
        let mut revwalk = self.revwalk(walk.order)?;
        revwalk.push(to)?;
        for &id in &hidden {
            revwalk.hide(id)?;
        }
        self.collect(revwalk, &hidden, walk.with_paths, walk.messages)
    }

    /// The commit-graph, when git would read it (read once per `Repo`).
    pub(super) fn commit_graph(&self) -> Option<&CommitGraph> {
        self.commit_graph
            .get_or_init(|| self.read_commit_graph())
            .as_ref()
    }

    /// The commit-graph file: not in a shallow clone or one with grafts (whose parents
    /// the graph does not know), nor with `core.commitGraph` off.
    fn read_commit_graph(&self) -> Option<CommitGraph> {
        if self.inner.is_shallow() || self.inner.commondir().join("info/grafts").exists() {
            return None;
        }
        let enabled = self
            .inner
            .config()
            .and_then(|c| c.get_bool("core.commitGraph"))
            .unwrap_or(true);
        if !enabled {
            return None;
        }
        CommitGraph::open(&threads::objects_dir(&self.inner), self.id_len())
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
        seen.insert(OidKey(start.id()));
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
                if seen.insert(OidKey(parent.id())) {
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
        self.collect(oids.into_iter().map(Ok), &[], with_paths, Messages::Whole)
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
        messages: Messages,
    ) -> Result<History, RepoError> {
        let shallow = self.shallow_commits();
        let mut history = History::default();
        let mut trees = Vec::new();
        for id in walk {
            let commit = self.inner.find_commit(id?)?;
            if !history.reaches_hidden {
                history.reaches_hidden = commit.parent_ids().any(|p| hidden.contains(&p));
            }
            if shallow.contains(&OidKey(commit.id())) && history.shallow_edge.is_none() {
                history.shallow_edge = Some(commit.id().to_string());
            }
            if with_paths {
                trees.push(CommitTrees {
                    id: commit.id(),
                    parent: commit.parent_id(0).ok(),
                    tree: commit.tree_id(),
                });
            }
            history.commits.push(commit_info(&commit, messages));
            if history.commits.len() % REPORT_EVERY == 0 {
                self.report(WalkProgress::Reading(history.commits.len()));
            }
        }
        if with_paths {
            self.fill_paths(&mut history.commits, &trees)?;
        }
        self.report(WalkProgress::Done);
        Ok(history)
    }

    /// Reads the commits a graph walk showed (on every core when there are many), and
    /// their changed files when asked for.
    fn collect_walked(
        &self,
        walked: Vec<Walked>,
        hidden: &[Oid],
        request: &WalkRequest<'_>,
    ) -> Result<History, RepoError> {
        let reaches_hidden = walked
            .iter()
            .any(|w| w.parents.iter().any(|p| hidden.contains(p)));
        let ids: Vec<Oid> = walked.iter().map(|w| w.id).collect();
        let mut commits = self.read_commits(&ids, request.messages)?;
        if request.with_paths {
            let trees: Vec<CommitTrees> = walked
                .iter()
                .map(|w| CommitTrees {
                    id: w.id,
                    parent: w.parents.first().copied(),
                    tree: w.tree,
                })
                .collect();
            self.fill_paths(&mut commits, &trees)?;
        }
        self.report(WalkProgress::Done);
        Ok(History {
            commits,
            shallow_edge: None,
            reaches_hidden,
        })
    }

    /// The commits `ids` names, in that order: for a long walk, those the commits cache
    /// holds from it, the others from git (and then kept in the cache when they are many).
    fn read_commits(&self, ids: &[Oid], messages: Messages) -> Result<Vec<RawCommit>, RepoError> {
        if ids.len() < CACHED_FROM {
            return self.read_from_git(ids, messages);
        }
        let held = Held::of(messages);
        let file = self.commits_cache_file(held);
        let mut slot = self.commits_cache.borrow_mut();
        if slot.as_ref().is_some_and(|cache| cache.held() != held) {
            *slot = None;
        }
        if slot.is_none() && CommitsCache::too_large_for(&file, held, self.id_len(), ids.len()) {
            return self.read_from_git(ids, messages);
        }
        let cache = slot.get_or_insert_with(|| CommitsCache::load(&file, held, self.id_len()));
        if cache.is_empty() {
            // Nothing to look up: no list of misses beside the commits.
            let read = self.read_from_git(ids, messages)?;
            keep(&mut slot, &file, ids, &read);
            return Ok(read);
        }
        let cached: Vec<Option<RawCommit>> =
            ids.iter().map(|id| cache.get(id.as_bytes())).collect();
        let missing: Vec<Oid> = ids
            .iter()
            .zip(&cached)
            .filter(|(_, commit)| commit.is_none())
            .map(|(id, _)| *id)
            .collect();
        if missing.is_empty() {
            return Ok(cached.into_iter().flatten().collect());
        }
        let read = self.read_from_git(&missing, messages)?;
        if read.len() >= CACHED_FROM {
            keep(&mut slot, &file, &missing, &read);
        }
        let mut read = read.into_iter();
        Ok(cached
            .into_iter()
            .filter_map(|commit| commit.or_else(|| read.next()))
            .collect())
    }

    /// The commits `ids` names, in that order, from git: split among threads, each with
    /// its own handle on the repository, when there are enough to be worth it. libgit2's
    /// object cache is turned off: each commit is read once, and a full cache costs memory
    /// and time to free.
    fn read_from_git(&self, ids: &[Oid], messages: Messages) -> Result<Vec<RawCommit>, RepoError> {
        git2::opts::enable_caching(false);
        let read = AtomicUsize::new(0);
        let report = |done| self.report(WalkProgress::Reading(done));
        threads::in_runs(
            &self.inner,
            ids,
            |run, reporting| {
                let report = reporting.then_some(&report as &dyn Fn(usize));
                read_batch(&self.inner, messages, run, &read, report)
            },
            |handle, run| read_batch(handle, messages, run, &read, None),
        )
    }

    /// Fills in the files each commit changed against its first parent: from the cache
    /// when it knows them, else by comparing trees (and then kept in the cache).
    fn fill_paths(
        &self,
        commits: &mut [RawCommit],
        trees: &[CommitTrees],
    ) -> Result<(), RepoError> {
        let file = self.paths_cache_file();
        let cache = PathsCache::load(&file, self.id_len());
        // Each commit's tree by id: the parent is usually walked too, so its tree is known
        // without reading it again.
        let tree_of: std::collections::HashMap<OidKey, Oid> =
            trees.iter().map(|t| (OidKey(t.id), t.tree)).collect();
        // The commits whose changed files the cache does not know, by index.
        let mut unknown = Vec::new();
        for (index, (info, trees)) in commits.iter_mut().zip(trees).enumerate() {
            match cache.get(trees.id.as_bytes()) {
                Some(paths) => info.paths = paths,
                None => unknown.push((index, trees.id)),
            }
        }
        if unknown.is_empty() {
            return Ok(());
        }
        // Each pair of trees to compare: a parent missing from a shallow clone counts as
        // no parent.
        let pairs: Vec<TreePair> = unknown
            .iter()
            .map(|&(index, _)| {
                let CommitTrees { parent, tree, .. } = trees[index];
                let parent_tree = parent.and_then(|p| {
                    tree_of
                        .get(&OidKey(p))
                        .copied()
                        .or_else(|| self.inner.find_commit(p).ok().map(|c| c.tree_id()))
                });
                TreePair {
                    old: parent_tree,
                    new: tree,
                }
            })
            .collect();
        let total = pairs.len();
        let report = |done| self.report(WalkProgress::Comparing { done, total });
        let changed = changed_paths::on_every_core(&self.inner, &pairs, &report)?;
        let added: Vec<(&[u8], &[String])> = unknown
            .iter()
            .zip(&changed)
            .map(|((_, id), paths)| (id.as_bytes(), paths.as_slice()))
            .collect();
        cache.save(&file, &added);
        for ((index, _), paths) in unknown.into_iter().zip(changed) {
            commits[index].paths = paths;
        }
        Ok(())
    }

    /// The commits at the edge of a shallow clone (`git rev-parse --is-shallow-repository`).
    fn shallow_commits(&self) -> std::collections::HashSet<OidKey> {
        if !self.inner.is_shallow() {
            return Default::default();
        }
        std::fs::read_to_string(self.inner.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| self.oid(line.trim()).ok().map(OidKey))
            .collect()
    }
}

/// Adds `read` (the commits `ids` names) to the cache file; the cache is read again, with
/// them, on the next long walk.
fn keep(slot: &mut Option<CommitsCache>, file: &std::path::Path, ids: &[Oid], read: &[RawCommit]) {
    if let Some(cache) = slot.take() {
        let added: Vec<(&[u8], &RawCommit)> =
            ids.iter().map(|id| id.as_bytes()).zip(read).collect();
        cache.save(file, &added);
    }
}

/// Reads `ids` through `repo`, keeping their `messages` so, counting in `read` how many
/// all threads have read; the thread given `report` tells it how far they have got.
fn read_batch(
    repo: &Repository,
    messages: Messages,
    ids: &[Oid],
    read: &AtomicUsize,
    report: Option<&dyn Fn(usize)>,
) -> Result<Vec<RawCommit>, RepoError> {
    let mut commits = Vec::with_capacity(ids.len());
    for &id in ids {
        commits.push(commit_info(&repo.find_commit(id)?, messages));
        let done = read.fetch_add(1, AtomicOrdering::Relaxed) + 1;
        if let Some(report) = report {
            if commits.len() % REPORT_EVERY == 0 {
                report(done);
            }
        }
    }
    Ok(commits)
}

/// A commit's tree and its first parent, for comparing the two.
struct CommitTrees {
    id: Oid,
    parent: Option<Oid>,
    tree: Oid,
}

/// herald's view of a commit (without its changed files), its message kept as `messages`
/// says.
fn commit_info(commit: &git2::Commit<'_>, messages: Messages) -> RawCommit {
    RawCommit {
        id: commit.id().to_string(),
        message: RawMessage::Own(messages.keep(commit.message_raw_bytes().to_vec())),
        parent_count: commit.parent_count(),
        paths: Vec::new(),
        author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
        time: commit.time().seconds(),
    }
}
