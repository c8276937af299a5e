//! The files each commit changed, for path rules and components.
//!
//! A walk over 100,000 commits compares as many pairs of trees, so two things keep it
//! fast: subtrees with the same id are skipped without being read, and each tree is read
//! once instead of twice. A tree is read first as part of a parent commit (the old side of
//! a newer commit's comparison) and then, further down the walk, as part of the commit
//! that made it (the new side); it is kept in between.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use git2::{Oid, Repository, Tree, TreeEntry};

use super::OidKey;
use super::progress::REPORT_EVERY;
use super::threads;

/// At most this many trees are kept waiting (a snapshot of a large monorepo has tens of
/// thousands); past it, trees are read twice.
const PENDING_LIMIT: usize = 100_000;

/// A commit's tree and its first parent's (none for a root commit), to compare.
#[derive(Debug, Clone, Copy)]
pub(super) struct TreePair {
    pub old: Option<Oid>,
    pub new: Oid,
}

/// The files each pair changed, in the order given (a walk's, newest first). Many pairs
/// are split into one run of consecutive pairs per core, each compared by its own thread
/// with its own handle on the repository: consecutive commits are mostly parent and
/// child, so each thread still reads most trees once. `report` is told, every
/// [`REPORT_EVERY`] pairs, how many all threads have compared.
pub(super) fn on_every_core(
    repo: &Repository,
    pairs: &[TreePair],
    report: &dyn Fn(usize),
) -> Result<Vec<Vec<String>>, git2::Error> {
    let done = AtomicUsize::new(0);
    threads::in_runs(
        repo,
        pairs,
        |run, reporting| compare_run(repo, run, &done, reporting.then_some(report)),
        |handle, run| compare_run(handle, run, &done, None),
    )
}

/// Compares `pairs` in order through `repo`, counting in `done` how many all threads
/// have compared; the thread given `report` tells it how far they have got.
fn compare_run(
    repo: &Repository,
    pairs: &[TreePair],
    done: &AtomicUsize,
    report: Option<&dyn Fn(usize)>,
) -> Result<Vec<Vec<String>>, git2::Error> {
    let mut changed = ChangedPaths::new(repo);
    let mut all = Vec::with_capacity(pairs.len());
    for (n, pair) in pairs.iter().enumerate() {
        if let Some(report) = report {
            if n % REPORT_EVERY == 0 {
                report(done.load(AtomicOrdering::Relaxed));
            }
        }
        all.push(changed.between(pair.old, pair.new)?);
        done.fetch_add(1, AtomicOrdering::Relaxed);
    }
    Ok(all)
}

/// Compares the trees of the commits of a walk, newest first.
struct ChangedPaths<'r> {
    repo: &'r Repository,
    /// Trees read as part of a parent, waiting for the older commit that made them.
    pending: HashMap<OidKey, Tree<'r>>,
}

#[derive(Clone, Copy)]
enum Side {
    Parent,
    Commit,
}

impl<'r> ChangedPaths<'r> {
    /// Turns libgit2's object cache off for the process: on a long walk it grows to its
    /// 256 MiB limit, clears, and grows again, which cost more time and a gigabyte more
    /// memory than keeping the trees here (measured on 100,000 commits).
    fn new(repo: &'r Repository) -> Self {
        git2::opts::enable_caching(false);
        ChangedPaths {
            repo,
            pending: HashMap::new(),
        }
    }

    /// The files that differ between the trees `old` (none for a root commit) and `new`,
    /// by path from the repository root.
    fn between(&mut self, old: Option<Oid>, new: Oid) -> Result<Vec<String>, git2::Error> {
        let mut paths = Vec::new();
        self.compare(old, Some(new), &mut String::new(), &mut paths)?;
        Ok(paths)
    }

    fn tree(&mut self, id: Oid, side: Side) -> Result<Tree<'r>, git2::Error> {
        match side {
            Side::Commit => match self.pending.remove(&OidKey(id)) {
                Some(tree) => Ok(tree),
                None => self.repo.find_tree(id),
            },
            Side::Parent => {
                if let Some(tree) = self.pending.get(&OidKey(id)) {
                    return Ok(tree.clone());
                }
                let tree = self.repo.find_tree(id)?;
                if self.pending.len() < PENDING_LIMIT {
                    self.pending.insert(OidKey(id), tree.clone());
                }
                Ok(tree)
            }
        }
    }

    /// Walks both trees' entries in git's order, like a merge of two sorted lists.
    fn compare(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        prefix: &mut String,
        out: &mut Vec<String>,
    ) -> Result<(), git2::Error> {
        let old_tree = old.map(|id| self.tree(id, Side::Parent)).transpose()?;
        let new_tree = new.map(|id| self.tree(id, Side::Commit)).transpose()?;
        let (mut i, mut j) = (0, 0);
        loop {
            let a = old_tree.as_ref().and_then(|t| t.get(i));
            let b = new_tree.as_ref().and_then(|t| t.get(j));
            let order = match (&a, &b) {
                (None, None) => break,
                (Some(a), Some(b)) => git_order(a, b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
            };
            let (before, after) = match order {
                Ordering::Less => (a, None),
                Ordering::Greater => (None, b),
                Ordering::Equal => (a, b),
            };
            i += usize::from(before.is_some());
            j += usize::from(after.is_some());
            if let (Some(a), Some(b)) = (&before, &after) {
                if a.id() == b.id() {
                    continue;
                }
            }
            let length = prefix.len();
            let name = after
                .as_ref()
                .or(before.as_ref())
                .expect("one side")
                .name_bytes();
            prefix.push_str(&String::from_utf8_lossy(name));
            let tree_id =
                |e: &Option<TreeEntry<'_>>| e.as_ref().filter(|e| is_tree(e)).map(|e| e.id());
            let (old_sub, new_sub) = (tree_id(&before), tree_id(&after));
            if old_sub.is_some() || new_sub.is_some() {
                // A file replaced by a directory (or the reverse) changed too.
                if before.iter().chain(after.iter()).any(|e| !is_tree(e)) {
                    out.push(prefix.clone());
                }
                prefix.push('/');
                self.compare(old_sub, new_sub, prefix, out)?;
            } else {
                out.push(prefix.clone());
            }
            prefix.truncate(length);
        }
        Ok(())
    }
}

fn is_tree(entry: &TreeEntry<'_>) -> bool {
    entry.filemode() == 0o040000
}

/// git's tree order (`base_name_compare`): bytes, with a directory's name compared as if
/// it ended in `/`.
fn git_order(a: &TreeEntry<'_>, b: &TreeEntry<'_>) -> Ordering {
    let (x, y) = (a.name_bytes(), b.name_bytes());
    let common = x.len().min(y.len());
    let next = |name: &[u8], entry: &TreeEntry<'_>| match name.get(common) {
        Some(byte) => *byte,
        None if is_tree(entry) => b'/',
        None => 0,
    };
    x[..common]
        .cmp(&y[..common])
        .then_with(|| next(x, a).cmp(&next(y, b)))
}
