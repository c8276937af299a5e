//! Handles on the repository for threads that read objects beside the main one (a
//! `git2::Repository` cannot be shared between threads).
//!
//! libgit2 shares an opened pack between every handle on it, found by the pack's file
//! name, and reads it behind locks: two threads reading trees from one pack waited on
//! those locks about 146,000 times in a walk of 100,000 commits and took longer than one
//! thread alone. A handle whose object directory is named another way (`objects/.`)
//! gets packs of its own, and the threads no longer wait on each other.

use std::path::PathBuf;

use git2::{ObjectFormat, Odb, Repository};

use crate::model::parallel;

/// Below this many items one thread does all the work.
const PARALLEL_FROM: usize = 4096;

/// The work over `items`, split into one run of them per core (one run when they are
/// few), the results in the items' order. The first run is done on this thread by
/// `here`, told to report progress; each other by `elsewhere` on a thread of its own,
/// with a handle of its own. A thread that cannot open the repository or fails leaves
/// its run to `here` (not reporting), which then says what went wrong.
pub(super) fn in_runs<T: Sync, U: Send, E>(
    repo: &Repository,
    items: &[T],
    here: impl Fn(&[T], bool) -> Result<Vec<U>, E>,
    elsewhere: impl Fn(&Repository, &[T]) -> Result<Vec<U>, E> + Sync,
) -> Result<Vec<U>, E> {
    let threads = parallel::threads_for(items.len(), PARALLEL_FROM);
    if threads == 1 {
        return here(items, true);
    }
    let runs: Vec<&[T]> = items.chunks(items.len().div_ceil(threads)).collect();
    let handles = ThreadHandles::of(repo);
    let (handles, elsewhere) = (&handles, &elsewhere);
    std::thread::scope(|scope| {
        let others: Vec<_> = runs[1..]
            .iter()
            .map(|&run| scope.spawn(move || elsewhere(&handles.open()?, run).ok()))
            .collect();
        let mut done = here(runs[0], true)?;
        for (worker, &run) in others.into_iter().zip(&runs[1..]) {
            match worker.join().ok().flatten() {
                Some(results) => done.extend(results),
                None => done.extend(here(run, false)?),
            }
        }
        Ok(done)
    })
}

/// What a thread needs to open its own handle, taken from the main one.
struct ThreadHandles {
    git_dir: PathBuf,
    objects: PathBuf,
    format: ObjectFormat,
}

impl ThreadHandles {
    fn of(repo: &Repository) -> Self {
        ThreadHandles {
            git_dir: repo.path().to_path_buf(),
            objects: objects_dir(repo),
            format: repo.object_format(),
        }
    }

    /// A handle with packs of its own, or `None` when the repository cannot be opened
    /// again (the caller then reads through the main handle, which says what is wrong).
    fn open(&self) -> Option<Repository> {
        let repo = Repository::open(&self.git_dir).ok()?;
        let odb = Odb::new_ext(self.format).ok()?;
        // `add_disk_alternate` also reads the directory's own alternates.
        odb.add_disk_alternate(self.objects.join(".").to_str()?)
            .ok()?;
        repo.set_odb(&odb).ok()?;
        Some(repo)
    }
}

/// The object directory git reads: `GIT_OBJECT_DIRECTORY`, else `objects` in the common
/// git directory.
pub(super) fn objects_dir(repo: &Repository) -> PathBuf {
    std::env::var_os("GIT_OBJECT_DIRECTORY")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.commondir().join("objects"))
}
