//! Finishing or undoing a release that herald did not see to its end (killed, crashed, a
//! power cut), from the journal it left. The policy is the simplest safe one: a release
//! whose local steps were all done (branch, files, commit and tag) is kept, and the push,
//! if it was asked for and may not have happened, is left to the person; anything less is
//! undone entirely, as a failed step would have been.
//!
//! The caller holds the release lock, so the journal's writer is gone. git's lock files
//! that it may have left (`refs/heads/<branch>.lock`, `index.lock`, `HEAD.lock`,
//! `packed-refs.lock`) are removed first, but only when they are its own: a ref's lock
//! holding nothing or a value the release wrote, or one of the others modified between the
//! release's start and shortly after its last journal entry. A lock taken later belongs to
//! another git command and is left alone (the undo then says what it could not do).

use std::path::Path;
use std::time::UNIX_EPOCH;

use super::journal::{Change, Journal, Store};
use super::signals;
use super::undo::{Left, undo};
use crate::repo::Repo;
use crate::repo::lock::is_alive;

/// How long after its last journal entry a step of the interrupted release may have taken
/// a lock, in nanoseconds.
const LOCK_GRACE: u64 = 10_000_000_000;

/// What became of an interrupted release.
#[derive(Debug)]
pub enum Recovered {
    /// Undone, except what someone else has changed since (`theirs`, left as it is) and
    /// what failed (`failed`; the journal is then kept, for another try).
    Undone {
        what: String,
        theirs: Vec<String>,
        failed: Vec<String>,
    },
    /// Complete, so kept; `publish` is the push that may not have happened.
    Kept {
        what: String,
        publish: Option<String>,
    },
}

/// A journal that cannot be acted on.
#[derive(Debug)]
pub struct Stuck(pub String);

/// Whether an interrupted release left its journal (for `--dry-run`, which changes nothing).
pub fn pending(repo: &Repo) -> Option<String> {
    let store = Store::of(repo);
    match store.load() {
        Ok(Some(journal)) => Some(journal.what),
        Ok(None) => None,
        Err(_) => Some(format!("a release ({})", store.journal_path().display())),
    }
}

/// Undoes (or keeps) the release that left its journal, if any. A signal meanwhile does
/// not cut the undo short; [`super::signals::pending`] tells the caller about it after.
pub fn recover(repo: &Repo) -> Result<Option<Recovered>, Stuck> {
    let store = Store::of(repo);
    let path = store.journal_path();
    let mut journal = match store.load() {
        Ok(Some(journal)) => journal,
        Ok(None) => return Ok(None),
        Err(e) => {
            return Err(Stuck(format!(
                "an interrupted release left {}, which cannot be read ({e}); look at it, put the repository right, and delete it",
                path.display()
            )));
        }
    };
    let _signals = signals::Guard::install();
    if let Some(pid) = running_hook(&journal) {
        return Err(Stuck(format!(
            "the {} was interrupted while a hook it ran (pid {pid}) was running, and that hook still runs; wait for it to end (or stop it), then run herald release again",
            journal.what
        )));
    }
    let target = Repo::open(&journal.work_tree).map_err(|e| {
        Stuck(format!(
            "the {} was interrupted in {}, which cannot be opened ({e}); put it back, or delete {} to forget it",
            journal.what,
            journal.work_tree.display(),
            path.display()
        ))
    })?;
    remove_stale_locks(&target, &journal);
    if journal.complete {
        let _ = store.remove();
        return Ok(Some(Recovered::Kept {
            what: journal.what,
            publish: journal.pushing.then_some(journal.publish),
        }));
    }
    // Noted first, so that the locks this undo takes are known for its own if it too is
    // cut short.
    let _ = store.save(&mut journal);
    let left = undo(&target, &mut journal, &store);
    let (failed, theirs): (Vec<Left>, Vec<Left>) =
        left.into_iter().partition(|l| matches!(l, Left::Failed(_)));
    if failed.is_empty() {
        let _ = store.remove();
    }
    let texts = |list: Vec<Left>| list.iter().map(|l| l.text().to_string()).collect();
    Ok(Some(Recovered::Undone {
        what: journal.what,
        theirs: texts(theirs),
        failed: texts(failed),
    }))
}

/// A hook the interrupted release started that is still running.
fn running_hook(journal: &Journal) -> Option<u32> {
    journal
        .changes
        .iter()
        .find_map(|entry| match &entry.change {
            Change::Hook {
                name,
                pid: Some(pid),
            } if !entry.done && still_running(*pid, name) => Some(*pid),
            _ => None,
        })
}

/// Whether process `pid` is alive and, where the system tells (Linux's `/proc`), still
/// runs the hook `name` (after a reboot the pid may be another program's).
fn still_running(pid: u32, name: &str) -> bool {
    if !is_alive(pid) || is_zombie(pid) {
        return false;
    }
    match std::fs::read(format!("/proc/{pid}/cmdline")) {
        Ok(cmdline) => String::from_utf8_lossy(&cmdline).contains(name),
        Err(_) => !Path::new("/proc/self").exists(),
    }
}

/// Whether `pid` has ended but was not yet reaped (its parent, herald, is gone), as
/// Linux's `/proc` tells.
fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z'))
    })
}

/// Removes the git lock files the interrupted release left (see the module's comment).
fn remove_stale_locks(repo: &Repo, journal: &Journal) {
    for entry in &journal.changes {
        if let Change::Ref { name, old, new } = &entry.change {
            let lock = repo.ref_lock_path(name);
            let Ok(text) = std::fs::read_to_string(&lock) else {
                continue;
            };
            let text = text.trim();
            if text.is_empty() || text == new || Some(text) == old.as_deref() {
                let _ = std::fs::remove_file(&lock);
            }
        }
    }
    let latest = journal
        .changes
        .iter()
        .map(|entry| entry.at)
        .chain([journal.touched])
        .max()
        .unwrap_or(journal.started);
    let window = journal.started.saturating_sub(1_000_000_000)..=latest.saturating_add(LOCK_GRACE);
    for lock in repo.shared_lock_paths() {
        if modified(&lock).is_some_and(|at| window.contains(&at)) {
            let _ = std::fs::remove_file(&lock);
        }
    }
}

/// When `path` was last modified, in nanoseconds since the Unix epoch.
fn modified(path: &Path) -> Option<u64> {
    let time = std::fs::symlink_metadata(path).ok()?.modified().ok()?;
    let nanos = time.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    u64::try_from(nanos).ok()
}
