//! The files each commit changed, kept between runs under the git directory
//! (`herald/cache-v1/changed-paths`), so that a second `preview` over the same history
//! does not compare every pair of trees again.
//!
//! A commit's changed files (against its first parent) are a fact of the commit: no
//! configuration changes them, so the commit id is the whole key, and components, path
//! rules and engines are applied to them afresh on every run. The file is a cache and
//! nothing more: deleting it is always safe; one that cannot be read, is cut short, fails
//! its checksum, was written by another format version or for another object format
//! (SHA-1 or SHA-256 ids) is ignored; one that cannot be written is not an error.
//!
//! Each entry (integers little-endian, around them the frame of [`cache_file`]): the
//! commit's id, the number of files (u32) and each file's path (u32 length, UTF-8 bytes).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::cache_file::{self, Reader};

const KIND: cache_file::Kind = cache_file::Kind {
    magic: b"herald changed paths\n",
    version: 1,
};
/// At most this many commits are kept (about 20 MB for a monorepo's typical commits);
/// past it, the commits of the latest walk are kept first.
const MOST_COMMITS: usize = 500_000;

/// Changed files by commit id (raw bytes of the id).
#[derive(Debug, Default)]
pub struct PathsCache {
    id_len: usize,
    entries: HashMap<Vec<u8>, Vec<String>>,
    /// Ids looked up or added by this run, in that order: kept first when trimming.
    used: Vec<Vec<u8>>,
    /// Entries were added since the file was read.
    changed: bool,
}

impl PathsCache {
    /// An empty cache for ids of `id_len` bytes.
    pub fn new(id_len: usize) -> Self {
        PathsCache {
            id_len,
            ..PathsCache::default()
        }
    }

    /// The cache in `file`, or an empty one when it is missing or unusable.
    pub fn load(file: &Path, id_len: usize) -> Self {
        let mut cache = std::fs::read(file)
            .ok()
            .and_then(|bytes| decode(&bytes, id_len))
            .map(|entries| PathsCache {
                id_len,
                entries,
                ..PathsCache::default()
            })
            .unwrap_or_else(|| PathsCache::new(id_len));
        cache.used.reserve(cache.entries.len());
        cache
    }

    /// The files `id` changed, when known.
    pub fn get(&mut self, id: &[u8]) -> Option<Vec<String>> {
        let paths = self.entries.get(id)?.clone();
        self.used.push(id.to_vec());
        Some(paths)
    }

    pub fn insert(&mut self, id: &[u8], paths: Vec<String>) {
        if id.len() != self.id_len {
            return;
        }
        self.used.push(id.to_vec());
        self.entries.insert(id.to_vec(), paths);
        self.changed = true;
    }

    /// Writes the cache to `file` when this run added to it (through a temporary file
    /// renamed into place, so that a reader never sees half a file). Failing is silent:
    /// the next run computes again.
    pub fn save(&mut self, file: &Path) {
        if !self.changed {
            return;
        }
        self.trim();
        let count = self.entries.len();
        let _ = cache_file::write(file, &KIND, self.id_len, count, |out| {
            encode(&self.entries, out)
        });
        self.changed = false;
    }

    /// Keeps at most [`MOST_COMMITS`]: those this run used, then the others.
    fn trim(&mut self) {
        if self.entries.len() <= MOST_COMMITS {
            return;
        }
        let mut kept = HashMap::with_capacity(MOST_COMMITS);
        let used = std::mem::take(&mut self.used);
        for id in used {
            if kept.len() == MOST_COMMITS {
                break;
            }
            if let Some(paths) = self.entries.remove(&id) {
                kept.insert(id, paths);
            }
        }
        let room = MOST_COMMITS - kept.len();
        kept.extend(self.entries.drain().take(room));
        self.entries = kept;
    }
}

/// Writes the entries (see [`cache_file`] for what goes around them).
fn encode(entries: &HashMap<Vec<u8>, Vec<String>>, out: &mut dyn Write) -> std::io::Result<()> {
    for (id, paths) in entries {
        out.write_all(id)?;
        let files = u32::try_from(paths.len()).map_err(std::io::Error::other)?;
        out.write_all(&files.to_le_bytes())?;
        for path in paths {
            cache_file::write_bytes(out, path.as_bytes())?;
        }
    }
    Ok(())
}

/// The entries of a file written by [`encode`] for ids of `id_len` bytes; `None` for
/// anything else.
fn decode(bytes: &[u8], id_len: usize) -> Option<HashMap<Vec<u8>, Vec<String>>> {
    let (count, body) = cache_file::entries(bytes, &KIND, id_len)?;
    let mut reader = Reader::new(body);
    let mut entries = HashMap::with_capacity(count);
    for _ in 0..count {
        let id = reader.take(id_len)?.to_vec();
        let files = reader.u32()? as usize;
        if files > reader.rest().len() / 4 {
            return None;
        }
        let mut paths = Vec::with_capacity(files);
        for _ in 0..files {
            paths.push(String::from_utf8(reader.bytes()?.to_vec()).ok()?);
        }
        entries.insert(id, paths);
    }
    reader.rest().is_empty().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole file for `entries`, as `save` writes it.
    fn file(entries: &HashMap<Vec<u8>, Vec<String>>, id_len: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        encode(entries, &mut bytes).expect("writing to memory");
        cache_file::to_bytes(&KIND, id_len, entries.len(), &bytes)
    }

    fn sample() -> HashMap<Vec<u8>, Vec<String>> {
        let mut entries = HashMap::new();
        entries.insert(
            vec![1; 20],
            vec!["apps/api/a.ts".into(), "README.md".into()],
        );
        entries.insert(vec![2; 20], Vec::new());
        entries.insert(vec![3; 20], vec!["docs/é.md".into()]);
        entries
    }

    #[test]
    fn what_is_written_reads_back() {
        let bytes = file(&sample(), 20);
        assert_eq!(decode(&bytes, 20), Some(sample()));
    }

    #[test]
    fn another_object_format_is_ignored() {
        let bytes = file(&sample(), 20);
        assert_eq!(decode(&bytes, 32), None);
    }

    #[test]
    fn any_damage_is_ignored() {
        let bytes = file(&sample(), 20);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], 20), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            assert_eq!(decode(&damaged, 20), None, "flipped at {at}");
        }
        assert_eq!(decode(b"", 20), None);
        assert_eq!(decode(&[0xff; 100], 20), None);
    }

    #[test]
    fn another_version_is_ignored() {
        let mut bytes = file(&sample(), 20);
        bytes[KIND.magic.len()] = 2;
        let body = bytes.len() - 8;
        let checksum = xxhash_rust::xxh3::xxh3_64(&bytes[..body]);
        bytes[body..].copy_from_slice(&checksum.to_le_bytes());
        assert_eq!(decode(&bytes, 20), None);
    }

    #[test]
    fn trimming_keeps_what_this_run_used() {
        let mut cache = PathsCache::new(4);
        for i in 0..(MOST_COMMITS as u32 + 10) {
            cache.entries.insert(i.to_le_bytes().to_vec(), Vec::new());
        }
        cache.insert(&7u32.to_le_bytes(), vec!["kept".into()]);
        cache.trim();
        assert_eq!(cache.entries.len(), MOST_COMMITS);
        assert_eq!(cache.get(&7u32.to_le_bytes()), Some(vec!["kept".into()]));
    }
}
