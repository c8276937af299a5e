//! The release journal: what a release is about to change and how to take it back,
//! written to disk (and flushed) before each change, so that a release cut short by a
//! signal, a crash or a power cut can be undone by the next herald, which reads it.
//!
//! It lives in `herald/release/` under the common git directory (linked worktrees share
//! it): `journal.json`, readable by people, and beside it copies of what the release
//! replaces (the index, HEAD's reflog, each file before it was rewritten).

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::repo::Repo;
use crate::repo::files::{read_optional, remove_durably, write_atomic, write_whole};

/// The journal's format; a herald that finds another one refuses to guess.
const FORMAT: u32 = 1;

/// One release's journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journal {
    pub format: u32,
    /// The herald process that wrote it.
    pub pid: u32,
    /// When the release began and when the journal was last written, in nanoseconds
    /// since the Unix epoch.
    pub started: u64,
    pub touched: u64,
    /// The work tree the release was made in.
    pub work_tree: PathBuf,
    /// For people: `release 1.3.0 on release/v1.3.0`.
    pub what: String,
    /// The command that publishes the release.
    pub publish: String,
    /// Every change, in the order made; each is recorded before it is made.
    pub changes: Vec<Entry>,
    /// Every local step is done: the release is complete, whatever happens to the push.
    pub complete: bool,
    /// The push to the remote has begun.
    pub pushing: bool,
}

/// A change, and whether it is known to be done.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// When it was recorded (nanoseconds since the Unix epoch).
    pub at: u64,
    pub done: bool,
    #[serde(flatten)]
    pub change: Change,
}

/// A change to the repository and what taking it back needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// The ref `name` goes from `old` (`None`: absent) to `new`.
    Ref {
        name: String,
        old: Option<String>,
        new: String,
    },
    /// HEAD goes from `head` (as the HEAD file says it) to `branch`, the work tree and
    /// the index from commit `from` to commit `to`; `index` and `head_log` name the kept
    /// copies (`None`: there was no such file).
    Switch {
        head: String,
        branch: String,
        from: Option<String>,
        to: String,
        index: Option<String>,
        head_log: Option<String>,
    },
    /// The file `path` is rewritten; `before` names the kept copy (`None`: there was no
    /// such file), `mode` its permissions, `made_dirs` the directories created for it.
    File {
        path: PathBuf,
        before: Option<String>,
        mode: Option<u32>,
        made_dirs: Vec<PathBuf>,
    },
    /// Loose objects are written (all of them absent before).
    Objects { ids: Vec<String> },
    /// The index is written with the release's files added.
    Index,
    /// A hook runs (`pid` once it started).
    Hook { name: String, pid: Option<u32> },
}

/// Nanoseconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

impl Journal {
    pub fn new(work_tree: &Path, what: String, publish: String) -> Journal {
        let started = now();
        Journal {
            format: FORMAT,
            pid: std::process::id(),
            started,
            touched: started,
            work_tree: work_tree.to_path_buf(),
            what,
            publish,
            changes: Vec::new(),
            complete: false,
            pushing: false,
        }
    }
}

/// Where a repository's journal is kept.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn of(repo: &Repo) -> Store {
        Store {
            dir: repo.herald_dir().join("release"),
        }
    }

    pub fn journal_path(&self) -> PathBuf {
        self.dir.join("journal.json")
    }

    /// The journal left by a release that did not end, if any.
    pub fn load(&self) -> io::Result<Option<Journal>> {
        let Some(bytes) = read_optional(&self.journal_path())? else {
            return Ok(None);
        };
        let journal: Journal = serde_json::from_slice(&bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        if journal.format != FORMAT {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("format {} is not one this herald reads", journal.format),
            ));
        }
        Ok(Some(journal))
    }

    /// Starts afresh: whatever a previous run left without a journal is rubbish.
    pub fn clear(&self) -> io::Result<()> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => std::fs::create_dir_all(&self.dir),
        }
    }

    /// Writes the journal and flushes it to disk; `touched` becomes now.
    pub fn save(&self, journal: &mut Journal) -> io::Result<()> {
        journal.touched = now();
        let text = serde_json::to_vec_pretty(journal).map_err(io::Error::other)?;
        write_atomic(&self.journal_path(), &text, Some(0o644))
    }

    /// Keeps a copy of `bytes` under `name` (flushed to disk), for an undo. Its name in
    /// the directory is flushed with the journal entry that names it (same directory).
    pub fn keep(&self, name: &str, bytes: &[u8]) -> io::Result<String> {
        write_whole(&self.dir.join(name), bytes, Some(0o600))?;
        Ok(name.to_string())
    }

    /// A kept copy.
    pub fn kept(&self, name: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.dir.join(name))
    }

    /// Forgets the release: the journal first, so that a cut-short removal never leaves a
    /// journal naming copies that are gone.
    pub fn remove(&self) -> io::Result<()> {
        remove_durably(&self.journal_path())?;
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_as_written() {
        let mut journal = Journal::new(
            Path::new("/src/app"),
            "release 1.3.0".into(),
            "git push".into(),
        );
        journal.changes.push(Entry {
            at: 1,
            done: true,
            change: Change::Ref {
                name: "refs/heads/release/v1.3.0".into(),
                old: None,
                new: "abc".into(),
            },
        });
        let text = serde_json::to_string(&journal).unwrap();
        assert!(
            text.contains(r#""change":"ref","name":"refs/heads/release/v1.3.0""#),
            "{text}"
        );
        let back: Journal = serde_json::from_str(&text).unwrap();
        assert_eq!(back.changes[0].change, journal.changes[0].change);
        assert!(back.changes[0].done);
    }
}
