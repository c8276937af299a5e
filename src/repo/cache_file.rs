//! What herald's cache files under the git directory share: a header naming what the file
//! holds, its format version and the object format it was written for; a checksum at the
//! end; and writing through a temporary file, so that a reader never sees half a file.
//!
//! Layout (integers little-endian): the magic line, the format version (u32), the length
//! of an object id in bytes (u8), the number of entries (u32), the entries, and last the
//! xxh3 checksum (u64) of everything before it. A file that is cut short, fails its
//! checksum, or was written by another version or for another object format is not read.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// What kind of cache a file is and which version of its entries' layout.
pub struct Kind {
    pub magic: &'static [u8],
    pub version: u32,
}

/// The entries of a cache file and how many there are, when the file is whole and is of
/// `kind` for ids of `id_len` bytes.
pub fn entries<'a>(bytes: &'a [u8], kind: &Kind, id_len: usize) -> Option<(usize, &'a [u8])> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body).to_le_bytes() != checksum {
        return None;
    }
    let mut reader = Reader::new(body);
    let count = header(&mut reader, kind, id_len)?;
    // Each entry holds at least an id: a larger count is a lie.
    if count > reader.rest().len() / id_len.max(1) {
        return None;
    }
    Some((count, reader.rest()))
}

/// How many entries `file` says it holds, read from its header alone (the rest of the
/// file is not checked): `None` when it is missing or not of `kind` for ids of `id_len`.
pub fn count(file: &Path, kind: &Kind, id_len: usize) -> Option<usize> {
    use std::io::Read;
    let mut bytes = vec![0; kind.magic.len() + 4 + 1 + 4];
    std::fs::File::open(file)
        .and_then(|mut opened| opened.read_exact(&mut bytes))
        .ok()?;
    header(&mut Reader::new(&bytes), kind, id_len)
}

/// The number of entries the header at the front of `reader` gives, when it is one of
/// `kind` for ids of `id_len` bytes.
fn header(reader: &mut Reader<'_>, kind: &Kind, id_len: usize) -> Option<usize> {
    if reader.take(kind.magic.len())? != kind.magic || reader.u32()? != kind.version {
        return None;
    }
    if usize::from(reader.take(1)?[0]) != id_len {
        return None;
    }
    Some(reader.u32()? as usize)
}

/// Writes a cache file of `count` entries, whose bytes `entries` writes, through a
/// temporary file renamed into place. The caller ignores a failure: the next run
/// computes again.
pub fn write(
    file: &Path,
    kind: &Kind,
    id_len: usize,
    count: usize,
    entries: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let count = u32::try_from(count).map_err(std::io::Error::other)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temporary: PathBuf = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id()
    ));
    let result = std::fs::File::create(&temporary)
        .and_then(|out| {
            let mut out = Checksummed {
                out: std::io::BufWriter::new(out),
                checksum: Xxh3::new(),
            };
            out.write_all(kind.magic)?;
            out.write_all(&kind.version.to_le_bytes())?;
            out.write_all(&[id_len as u8])?;
            out.write_all(&count.to_le_bytes())?;
            entries(&mut out)?;
            let checksum = out.checksum.digest().to_le_bytes();
            out.out.write_all(&checksum)?;
            out.out.flush()
        })
        .and_then(|()| std::fs::rename(&temporary, file));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Hashes what it writes, for the checksum at the end of the file.
struct Checksummed<W> {
    out: W,
    checksum: Xxh3,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.checksum.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// What [`write`] writes, in memory: a whole file.
#[cfg(test)]
pub fn to_bytes(kind: &Kind, id_len: usize, count: usize, entries: &[u8]) -> Vec<u8> {
    let mut bytes = kind.magic.to_vec();
    bytes.extend_from_slice(&kind.version.to_le_bytes());
    bytes.push(id_len as u8);
    bytes.extend_from_slice(&(count as u32).to_le_bytes());
    bytes.extend_from_slice(entries);
    let checksum = xxh3_64(&bytes);
    bytes.extend_from_slice(&checksum.to_le_bytes());
    bytes
}

/// The entries of a cache file, each found by its id without decoding the others. Every
/// entry starts with its id; what follows is the cache's own.
#[derive(Debug, Default)]
pub struct Entries {
    id_len: usize,
    /// The entries as the file holds them, one after another; shared with what is read
    /// from them (see [`Entries::share`]).
    bytes: Arc<Vec<u8>>,
    /// Where each entry starts, in the file's order (oldest first).
    starts: Vec<usize>,
    /// Where each entry starts, by the first eight bytes of its id (a lookup compares the
    /// whole id, so two ids sharing them cost a miss, never a wrong answer).
    index: HashMap<u64, usize>,
}

impl Entries {
    pub fn new(id_len: usize) -> Self {
        Entries {
            id_len,
            ..Entries::default()
        }
    }

    /// The entries of `file`, none when it is missing or not whole; `skip` reads past
    /// one entry after its id and fails on anything it cannot read.
    pub fn load(
        file: &Path,
        kind: &Kind,
        id_len: usize,
        skip: impl Fn(&mut Reader<'_>) -> Option<()>,
    ) -> Self {
        std::fs::read(file)
            .ok()
            .and_then(|bytes| Entries::read(bytes, kind, id_len, skip))
            .unwrap_or_else(|| Entries::new(id_len))
    }

    fn read(
        mut bytes: Vec<u8>,
        kind: &Kind,
        id_len: usize,
        skip: impl Fn(&mut Reader<'_>) -> Option<()>,
    ) -> Option<Self> {
        let (count, entries) = entries(&bytes, kind, id_len)?;
        let header = bytes.len() - 8 - entries.len();
        let mut starts = Vec::with_capacity(count);
        let mut index = HashMap::with_capacity(count);
        let mut reader = Reader::new(entries);
        for _ in 0..count {
            let start = entries.len() - reader.rest().len();
            let id = reader.take(id_len)?;
            skip(&mut reader)?;
            starts.push(start);
            index.insert(key(id)?, start);
        }
        if !reader.rest().is_empty() {
            return None;
        }
        bytes.truncate(bytes.len() - 8);
        bytes.drain(..header);
        Some(Entries {
            id_len,
            bytes: Arc::new(bytes),
            starts,
            index,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The entry of `id`, read from just after its id.
    pub fn find(&self, id: &[u8]) -> Option<Reader<'_>> {
        let start = *self.index.get(&key(id)?)?;
        let mut reader = Reader::new(&self.bytes[start..]);
        (reader.take(self.id_len)? == id).then_some(reader)
    }

    /// The buffer behind `part` (a slice of an entry found here) and where `part` lies in
    /// it, so that what is read from the cache can be kept without a copy.
    pub fn share(&self, part: &[u8]) -> Option<(Arc<Vec<u8>>, Range<usize>)> {
        let start = (part.as_ptr() as usize).checked_sub(self.bytes.as_ptr() as usize)?;
        let span = start..start + part.len();
        let inside = self.bytes.get(span.clone())?;
        std::ptr::eq(inside, part).then(|| (Arc::clone(&self.bytes), span))
    }

    /// Writes `file` again when anything was `added`: the newest entries it held, so that
    /// with the added ones (each written by `write_entry`, its id first) it holds at most
    /// `most`. Failing is silent: the next run computes again.
    pub fn save<T>(
        &self,
        file: &Path,
        kind: &Kind,
        most: usize,
        added: &[T],
        write_entry: impl Fn(&mut dyn Write, &T) -> std::io::Result<()>,
    ) {
        if added.is_empty() {
            return;
        }
        let kept = self.starts.len().min(most.saturating_sub(added.len()));
        let from = self
            .starts
            .get(self.starts.len() - kept)
            .map_or(self.bytes.len(), |&start| start);
        let _ = write(file, kind, self.id_len, kept + added.len(), |out| {
            out.write_all(&self.bytes[from..])?;
            added.iter().try_for_each(|entry| write_entry(out, entry))
        });
    }
}

fn key(id: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(id.get(..8)?.try_into().ok()?))
}

/// Reads a byte slice from the front, never past its end.
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(taken)
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A length-prefixed (u32) run of bytes.
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let length = self.u32()? as usize;
        self.take(length)
    }
}

/// Writes `bytes` with its length (u32) before it, as [`Reader::bytes`] reads it back.
pub fn write_bytes(out: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
    let length = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    out.write_all(&length.to_le_bytes())?;
    out.write_all(bytes)
}
