//! What herald reads of each commit (message, author, date, number of parents), kept
//! between runs under the git directory (`herald/cache-v1/commits`), so that a second
//! `preview` over a long history reads one file instead of inflating every commit again.
//!
//! Like the changed files, these are facts of the commit: no configuration shapes them,
//! so the commit id is the whole key, and messages are parsed and engines applied afresh
//! on every run. Only long walks use the file (see [`CACHED_FROM`]), and only when the
//! file is not far larger than the walk ([`CommitsCache::too_large_for`]): a short walk
//! reads git as fast as it would load the cache, and a hook should not rewrite a large
//! file for a handful of new commits. The file is a cache and nothing more, framed and checked
//! as [`cache_file`] says: deleting it is always safe; damage is never an error.
//!
//! Each entry (integers little-endian): the commit's id, its committer date (i64 seconds),
//! its number of parents (u32), then the author's name and the raw message (each a u32
//! length and the bytes).
//!
//! Walks for herald's own rules keep each message summarized (see [`Messages`]); those
//! commits are kept in a file of their own (`commit-summaries`), so that no walk reads a
//! summary where it needs the whole message.

use std::io::Write;
use std::path::Path;

use super::cache_file::{self, Entries, Reader};
use super::history::Messages;
use crate::model::{RawCommit, RawMessage};

const WHOLE: cache_file::Kind = cache_file::Kind {
    magic: b"herald commits\n",
    version: 1,
};

/// Raise the version when summaries keep something more: those written before would not
/// hold it.
const SUMMARIES: cache_file::Kind = cache_file::Kind {
    magic: b"herald commit summaries\n",
    version: 1,
};

/// Which messages a cache file holds: the walk's [`Messages`], without the function.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Held {
    #[default]
    Whole,
    Summaries,
}

impl Held {
    pub fn of(messages: Messages) -> Held {
        match messages {
            Messages::Whole => Held::Whole,
            Messages::Summarized(_) => Held::Summaries,
        }
    }

    /// The file's name in the cache directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Held::Whole => "commits",
            Held::Summaries => "commit-summaries",
        }
    }

    fn kind(self) -> &'static cache_file::Kind {
        match self {
            Held::Whole => &WHOLE,
            Held::Summaries => &SUMMARIES,
        }
    }
}

/// Walks of fewer commits than this neither read nor write the cache.
pub const CACHED_FROM: usize = 1000;

/// A walk reads a cache holding more than this many times its own number of commits
/// from git instead: loading the whole file would cost more than it saves (a 1,000-commit
/// walk since the last tag beside 100,000 cached commits: 13 ms against 3).
const LARGER_THAN_WALK: usize = 16;

/// At most this many commits are kept (about 80 MB of typical messages); past it, those
/// added longest ago are dropped.
const MOST_COMMITS: usize = 500_000;

/// Commits by id, as the file holds them.
#[derive(Debug, Default)]
pub struct CommitsCache {
    held: Held,
    entries: Entries,
}

impl CommitsCache {
    /// An empty cache for ids of `id_len` bytes.
    #[cfg(test)]
    pub fn new(held: Held, id_len: usize) -> Self {
        CommitsCache {
            held,
            entries: Entries::new(id_len),
        }
    }

    /// Whether a walk of `commits` should leave the cache in `file` alone, being far
    /// smaller than it: it is then neither read nor written.
    pub fn too_large_for(file: &Path, held: Held, id_len: usize, commits: usize) -> bool {
        cache_file::count(file, held.kind(), id_len)
            .is_some_and(|count| count > commits.saturating_mul(LARGER_THAN_WALK))
    }

    /// The cache in `file`, or an empty one when it is missing or unusable.
    pub fn load(file: &Path, held: Held, id_len: usize) -> Self {
        CommitsCache {
            held,
            entries: Entries::load(file, held.kind(), id_len, |entry| {
                read_entry(entry).map(drop)
            }),
        }
    }

    /// Which messages it holds.
    pub fn held(&self) -> Held {
        self.held
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The commit `id` names, when the cache holds it.
    pub fn get(&self, id: &[u8]) -> Option<RawCommit> {
        let entry = read_entry(&mut self.entries.find(id)?)?;
        let message = match self.entries.share(entry.message) {
            Some((buffer, span)) => RawMessage::Shared(buffer, span),
            None => RawMessage::Own(entry.message.to_vec()),
        };
        Some(RawCommit {
            id: hex(id),
            message,
            parent_count: entry.parents as usize,
            paths: Vec::new(),
            author: entry.author.to_string(),
            time: entry.time,
        })
    }

    /// Writes the file again with `added` (commits by id, read from git since the cache
    /// was loaded) after the stored entries, dropping the oldest of those past
    /// [`MOST_COMMITS`]. Failing is silent: the next run reads git again.
    pub fn save(&self, file: &Path, added: &[(&[u8], &RawCommit)]) {
        let added: Vec<_> = added.iter().filter(|(_, commit)| fits(commit)).collect();
        self.entries.save(
            file,
            self.held.kind(),
            MOST_COMMITS,
            &added,
            |out, (id, commit)| write_entry(out, id, commit),
        );
    }
}

/// Whether the commit's author and message fit the file's u32 lengths.
fn fits(commit: &RawCommit) -> bool {
    u32::try_from(commit.message.len()).is_ok() && u32::try_from(commit.author.len()).is_ok()
}

fn write_entry(out: &mut dyn Write, id: &[u8], commit: &RawCommit) -> std::io::Result<()> {
    out.write_all(id)?;
    out.write_all(&commit.time.to_le_bytes())?;
    let parents = u32::try_from(commit.parent_count).unwrap_or(u32::MAX);
    out.write_all(&parents.to_le_bytes())?;
    cache_file::write_bytes(out, commit.author.as_bytes())?;
    cache_file::write_bytes(out, &commit.message)
}

/// One entry after its id, borrowed from the file's bytes.
struct Entry<'a> {
    time: i64,
    parents: u32,
    author: &'a str,
    message: &'a [u8],
}

fn read_entry<'a>(reader: &mut Reader<'a>) -> Option<Entry<'a>> {
    Some(Entry {
        time: reader.i64()?,
        parents: reader.u32()?,
        author: std::str::from_utf8(reader.bytes()?).ok()?,
        message: reader.bytes()?,
    })
}

/// An id as git spells it, lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn commit(n: u8, message: &str) -> (Vec<u8>, RawCommit) {
        let id = vec![n; 20];
        let commit = RawCommit {
            id: hex(&id),
            message: message.as_bytes().to_vec().into(),
            parent_count: usize::from(n % 3),
            paths: Vec::new(),
            author: format!("Zoë {n}"),
            time: 1_700_000_000 - i64::from(n),
        };
        (id, commit)
    }

    fn saved(dir: &Path, commits: &[(Vec<u8>, RawCommit)], onto: &CommitsCache) -> CommitsCache {
        let file = dir.join("commits");
        let added: Vec<(&[u8], &RawCommit)> =
            commits.iter().map(|(id, c)| (id.as_slice(), c)).collect();
        onto.save(&file, &added);
        CommitsCache::load(&file, Held::Whole, 20)
    }

    fn same(a: &RawCommit, b: &RawCommit) -> bool {
        (
            &a.id,
            a.message.as_bytes(),
            a.parent_count,
            &a.author,
            a.time,
        ) == (
            &b.id,
            b.message.as_bytes(),
            b.parent_count,
            &b.author,
            b.time,
        )
    }

    #[test]
    fn what_is_written_reads_back_with_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let first = [commit(1, "feat: a\n"), commit(2, "fix(界面): b\n\nbody\n")];
        let cache = saved(dir.path(), &first, &CommitsCache::new(Held::Whole, 20));
        let second = [commit(3, "")];
        let cache = saved(dir.path(), &second, &cache);
        for (id, expected) in first.iter().chain(&second) {
            assert!(same(&cache.get(id).unwrap(), expected));
        }
        assert!(cache.get(&[4; 20]).is_none());
    }

    #[test]
    fn a_message_read_back_is_a_span_of_the_cache_not_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let (id, written) = commit(1, "feat: a\n\nbody\n");
        let cache = saved(
            dir.path(),
            &[(id.clone(), written)],
            &CommitsCache::new(Held::Whole, 20),
        );
        let read = cache.get(&id).unwrap();
        assert_eq!(read.message.as_bytes(), b"feat: a\n\nbody\n");
        assert!(matches!(read.message, RawMessage::Shared(..)));
        let text = read.message.share("feat: a\n\nbody").unwrap();
        assert_eq!(text, "feat: a\n\nbody");
        // A stored text that cleaning changed is not what the cache holds: no span of it.
        assert!(read.message.share("feat: a\nbody").is_none());
        assert!(
            RawMessage::Own(b"feat: a".to_vec())
                .share("feat: a")
                .is_none()
        );
        // Never past the message's own bytes, whatever the buffer holds after them.
        let RawMessage::Shared(buffer, span) = &read.message else {
            unreachable!()
        };
        let shorter = RawMessage::Shared(Arc::clone(buffer), span.start..span.start + 4);
        assert!(shorter.share("feat: a").is_none());
    }

    #[test]
    fn a_walk_far_smaller_than_the_cache_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("commits");
        assert!(
            !CommitsCache::too_large_for(&file, Held::Whole, 20, 1),
            "no file"
        );
        let commits: Vec<_> = (1..=40).map(|n| commit(n, "feat: a")).collect();
        saved(dir.path(), &commits, &CommitsCache::new(Held::Whole, 20));
        assert!(CommitsCache::too_large_for(&file, Held::Whole, 20, 2));
        assert!(!CommitsCache::too_large_for(&file, Held::Whole, 20, 3));
        assert!(
            !CommitsCache::too_large_for(&file, Held::Whole, 32, 1),
            "another object format"
        );
    }

    #[test]
    fn an_id_sharing_the_first_bytes_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = saved(
            dir.path(),
            &[commit(1, "feat: a")],
            &CommitsCache::new(Held::Whole, 20),
        );
        let mut other = vec![1; 20];
        other[19] = 9;
        assert!(cache.get(&other).is_none());
    }

    #[test]
    fn another_object_format_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        saved(
            dir.path(),
            &[commit(1, "feat: a")],
            &CommitsCache::new(Held::Whole, 20),
        );
        assert!(CommitsCache::load(&dir.path().join("commits"), Held::Whole, 32).is_empty());
    }

    #[test]
    fn the_newest_are_kept_when_full() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("commits");
        let old = [commit(1, "older"), commit(2, "old")];
        let cache = saved(dir.path(), &old, &CommitsCache::new(Held::Whole, 20));
        let (id, new) = commit(3, "new");
        cache
            .entries
            .save(&file, &WHOLE, 2, &[(&id, &new)], |out, (id, new)| {
                write_entry(out, id, new)
            });
        let cache = CommitsCache::load(&file, Held::Whole, 20);
        assert!(cache.get(&[1; 20]).is_none());
        assert!(same(&cache.get(&[2; 20]).unwrap(), &old[1].1));
        assert!(same(&cache.get(&[3; 20]).unwrap(), &new));
    }
}
