//! What herald reads of each commit (message, author, date, number of parents), kept
//! between runs under the git directory (`herald/cache-v1/commits`), so that a second
//! `preview` over a long history reads one file instead of inflating every commit again.
//!
//! Like the changed files, these are facts of the commit: no configuration shapes them,
//! so the commit id is the whole key, and messages are parsed and engines applied afresh
//! on every run. Only long walks use the file (see [`CACHED_FROM`]): a short one reads
//! git as fast as it would read the cache, and a hook should not rewrite a large file
//! for a handful of new commits. The file is a cache and nothing more, framed and checked
//! as [`cache_file`] says: deleting it is always safe; damage is never an error.
//!
//! Each entry (integers little-endian): the commit's id, its committer date (i64 seconds),
//! its number of parents (u32), then the author's name and the raw message (each a u32
//! length and the bytes).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::cache_file::{self, Reader};
use crate::model::RawCommit;

const KIND: cache_file::Kind = cache_file::Kind {
    magic: b"herald commits\n",
    version: 1,
};

/// Walks of fewer commits than this neither read nor write the cache.
pub const CACHED_FROM: usize = 1000;

/// At most this many commits are kept (about 80 MB of typical messages); past it, those
/// added longest ago are dropped.
const MOST_COMMITS: usize = 500_000;

/// Commits by id, as the file holds them.
#[derive(Debug, Default)]
pub struct CommitsCache {
    id_len: usize,
    /// The entries of the file, one after another.
    stored: Vec<u8>,
    stored_count: usize,
    /// Where each stored entry starts, by the first eight bytes of its id (a lookup
    /// compares the whole id, so two ids sharing them cost a miss, never a wrong answer).
    index: HashMap<u64, usize>,
}

impl CommitsCache {
    /// An empty cache for ids of `id_len` bytes.
    pub fn new(id_len: usize) -> Self {
        CommitsCache {
            id_len,
            ..CommitsCache::default()
        }
    }

    /// The cache in `file`, or an empty one when it is missing or unusable.
    pub fn load(file: &Path, id_len: usize) -> Self {
        let mut cache = CommitsCache::new(id_len);
        if let Some(stored) = std::fs::read(file)
            .ok()
            .and_then(|bytes| read_file(bytes, id_len))
        {
            (cache.stored, cache.stored_count, cache.index) = stored;
        }
        cache
    }

    pub fn is_empty(&self) -> bool {
        self.stored_count == 0
    }

    /// The commit `id` names, when the cache holds it.
    pub fn get(&self, id: &[u8]) -> Option<RawCommit> {
        let start = *self.index.get(&key(id)?)?;
        let mut reader = Reader::new(&self.stored[start..]);
        let entry = read_entry(&mut reader, self.id_len)?;
        (entry.id == id).then(|| entry.to_commit())
    }

    /// Writes the file again with `added` (commits by id, read from git since the cache
    /// was loaded) after the stored entries, dropping the oldest of those past
    /// [`MOST_COMMITS`]. Failing is silent: the next run reads git again.
    pub fn save(&self, file: &Path, added: &[(&[u8], &RawCommit)]) {
        let added: Vec<_> = added
            .iter()
            .filter(|(id, commit)| id.len() == self.id_len && fits(commit))
            .collect();
        if added.is_empty() {
            return;
        }
        let (kept, count) = self.newest_stored(MOST_COMMITS.saturating_sub(added.len()));
        let _ = cache_file::write(file, &KIND, self.id_len, count + added.len(), |out| {
            out.write_all(kept)?;
            for (id, commit) in added {
                write_entry(out, id, commit)?;
            }
            Ok(())
        });
    }

    /// The newest `room` stored entries at most, and how many they are.
    fn newest_stored(&self, room: usize) -> (&[u8], usize) {
        let mut reader = Reader::new(&self.stored);
        let mut count = self.stored_count;
        while count > room && read_entry(&mut reader, self.id_len).is_some() {
            count -= 1;
        }
        (reader.rest(), count)
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

/// One entry, borrowed from the file's bytes.
struct Entry<'a> {
    id: &'a [u8],
    time: i64,
    parents: u32,
    author: &'a str,
    message: &'a [u8],
}

impl Entry<'_> {
    fn to_commit(&self) -> RawCommit {
        RawCommit {
            id: hex(self.id),
            message: self.message.to_vec(),
            parent_count: self.parents as usize,
            paths: Vec::new(),
            author: self.author.to_string(),
            time: self.time,
        }
    }
}

fn read_entry<'a>(reader: &mut Reader<'a>, id_len: usize) -> Option<Entry<'a>> {
    Some(Entry {
        id: reader.take(id_len)?,
        time: reader.i64()?,
        parents: reader.u32()?,
        author: std::str::from_utf8(reader.bytes()?).ok()?,
        message: reader.bytes()?,
    })
}

/// The stored entries, how many they are and where each starts, when the whole file
/// reads back.
fn read_file(bytes: Vec<u8>, id_len: usize) -> Option<(Vec<u8>, usize, HashMap<u64, usize>)> {
    let (count, entries) = cache_file::entries(&bytes, &KIND, id_len)?;
    let skip = bytes.len() - 8 - entries.len();
    let mut index = HashMap::with_capacity(count);
    let mut reader = Reader::new(entries);
    for _ in 0..count {
        let start = entries.len() - reader.rest().len();
        let entry = read_entry(&mut reader, id_len)?;
        index.insert(key(entry.id)?, start);
    }
    if !reader.rest().is_empty() {
        return None;
    }
    let mut bytes = bytes;
    bytes.truncate(bytes.len() - 8);
    bytes.drain(..skip);
    Some((bytes, count, index))
}

fn key(id: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(id.get(..8)?.try_into().ok()?))
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
    use super::*;

    fn commit(n: u8, message: &str) -> (Vec<u8>, RawCommit) {
        let id = vec![n; 20];
        let commit = RawCommit {
            id: hex(&id),
            message: message.as_bytes().to_vec(),
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
        CommitsCache::load(&file, 20)
    }

    fn same(a: &RawCommit, b: &RawCommit) -> bool {
        (&a.id, &a.message, a.parent_count, &a.author, a.time)
            == (&b.id, &b.message, b.parent_count, &b.author, b.time)
    }

    #[test]
    fn what_is_written_reads_back_with_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let first = [commit(1, "feat: a\n"), commit(2, "fix(界面): b\n\nbody\n")];
        let cache = saved(dir.path(), &first, &CommitsCache::new(20));
        let second = [commit(3, "")];
        let cache = saved(dir.path(), &second, &cache);
        for (id, expected) in first.iter().chain(&second) {
            assert!(same(&cache.get(id).unwrap(), expected));
        }
        assert!(cache.get(&[4; 20]).is_none());
    }

    #[test]
    fn an_id_sharing_the_first_bytes_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = saved(dir.path(), &[commit(1, "feat: a")], &CommitsCache::new(20));
        let mut other = vec![1; 20];
        other[19] = 9;
        assert!(cache.get(&other).is_none());
    }

    #[test]
    fn another_object_format_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        saved(dir.path(), &[commit(1, "feat: a")], &CommitsCache::new(20));
        assert!(CommitsCache::load(&dir.path().join("commits"), 32).is_empty());
    }

    #[test]
    fn the_newest_are_kept_when_full() {
        let dir = tempfile::tempdir().unwrap();
        let old = [commit(1, "old"), commit(2, "older")];
        let cache = saved(dir.path(), &old, &CommitsCache::new(20));
        let (kept, count) = cache.newest_stored(1);
        assert_eq!(count, 1);
        let mut reader = Reader::new(kept);
        assert_eq!(read_entry(&mut reader, 20).unwrap().message, b"older");
        assert!(reader.rest().is_empty());
    }
}
