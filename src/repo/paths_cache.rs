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

use std::io::Write;
use std::path::Path;

use super::cache_file::{self, Entries, Reader};

const KIND: cache_file::Kind = cache_file::Kind {
    magic: b"herald changed paths\n",
    version: 1,
};
/// At most this many commits are kept (about 20 MB for a monorepo's typical commits);
/// past it, those added longest ago are dropped.
const MOST_COMMITS: usize = 500_000;

/// Changed files by commit id (raw bytes of the id), as the file holds them.
#[derive(Debug, Default)]
pub struct PathsCache {
    entries: Entries,
}

impl PathsCache {
    /// The cache in `file`, or an empty one when it is missing or unusable.
    pub fn load(file: &Path, id_len: usize) -> Self {
        PathsCache {
            entries: Entries::load(file, &KIND, id_len, |entry| read_paths(entry).map(drop)),
        }
    }

    /// The files `id` changed, when known.
    pub fn get(&self, id: &[u8]) -> Option<Vec<String>> {
        read_paths(&mut self.entries.find(id)?)
    }

    /// Writes the file again with `added` (commits by id and the files each changed,
    /// compared since the cache was loaded) after the stored entries. Failing is silent:
    /// the next run compares again.
    pub fn save(&self, file: &Path, added: &[(&[u8], &[String])]) {
        self.entries
            .save(file, &KIND, MOST_COMMITS, added, |out, (id, paths)| {
                write_entry(out, id, paths)
            });
    }
}

fn write_entry(out: &mut dyn Write, id: &[u8], paths: &[String]) -> std::io::Result<()> {
    out.write_all(id)?;
    let files = u32::try_from(paths.len()).map_err(std::io::Error::other)?;
    out.write_all(&files.to_le_bytes())?;
    for path in paths {
        cache_file::write_bytes(out, path.as_bytes())?;
    }
    Ok(())
}

/// One entry's files, after its id.
fn read_paths(reader: &mut Reader<'_>) -> Option<Vec<String>> {
    let files = reader.u32()? as usize;
    if files > reader.rest().len() / 4 {
        return None;
    }
    let mut paths = Vec::with_capacity(files);
    for _ in 0..files {
        paths.push(String::from_utf8(reader.bytes()?.to_vec()).ok()?);
    }
    Some(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(Vec<u8>, Vec<String>)> {
        vec![
            (
                vec![1; 20],
                vec!["apps/api/a.ts".into(), "README.md".into()],
            ),
            (vec![2; 20], Vec::new()),
            (vec![3; 20], vec!["docs/é.md".into()]),
        ]
    }

    /// The whole file for `entries`, as `save` writes it.
    fn file(entries: &[(Vec<u8>, Vec<String>)], id_len: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        for (id, paths) in entries {
            write_entry(&mut bytes, id, paths).unwrap();
        }
        cache_file::to_bytes(&KIND, id_len, entries.len(), &bytes)
    }

    fn loaded(bytes: &[u8], id_len: usize) -> Option<Vec<Option<Vec<String>>>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("changed-paths");
        std::fs::write(&path, bytes).unwrap();
        let cache = PathsCache::load(&path, id_len);
        (!cache.entries.is_empty()).then(|| sample().iter().map(|(id, _)| cache.get(id)).collect())
    }

    #[test]
    fn what_is_written_reads_back() {
        let expected: Vec<_> = sample().into_iter().map(|(_, paths)| Some(paths)).collect();
        assert_eq!(loaded(&file(&sample(), 20), 20), Some(expected));
    }

    #[test]
    fn another_object_format_is_ignored() {
        assert_eq!(loaded(&file(&sample(), 20), 32), None);
    }

    #[test]
    fn any_damage_is_ignored() {
        let bytes = file(&sample(), 20);
        for cut in 0..bytes.len() {
            assert_eq!(loaded(&bytes[..cut], 20), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            assert_eq!(loaded(&damaged, 20), None, "flipped at {at}");
        }
        assert_eq!(loaded(&[0xff; 100], 20), None);
    }

    #[test]
    fn another_version_is_ignored() {
        let mut bytes = file(&sample(), 20);
        bytes[KIND.magic.len()] = 2;
        let body = bytes.len() - 8;
        let checksum = xxhash_rust::xxh3::xxh3_64(&bytes[..body]);
        bytes[body..].copy_from_slice(&checksum.to_le_bytes());
        assert_eq!(loaded(&bytes, 20), None);
    }

    #[test]
    fn the_newest_are_kept_when_full() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("changed-paths");
        std::fs::write(&path, file(&sample(), 20)).unwrap();
        let cache = PathsCache::load(&path, 20);
        let added = vec!["new.md".to_string()];
        cache
            .entries
            .save(&path, &KIND, 3, &[([4; 20], &added)], |out, (id, paths)| {
                write_entry(out, id, paths)
            });
        let cache = PathsCache::load(&path, 20);
        assert_eq!(cache.get(&[1; 20]), None);
        assert_eq!(cache.get(&[3; 20]), Some(vec!["docs/é.md".to_string()]));
        assert_eq!(cache.get(&[4; 20]), Some(added));
    }
}
