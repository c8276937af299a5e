//! git's commit-graph (`objects/info/commit-graph`, or the split chain in
//! `objects/info/commit-graphs/`): every commit's parents, tree and date in one table, so a
//! walk over a long history inflates no commit. libgit2 1.9 refuses the files git writes
//! today (it does not know the `GDA2` chunk of generation data), so herald reads them.
//!
//! The format (git's Documentation/gitformat-commit-graph.txt): a header `CGPH`, version 1,
//! the hash version, the number of chunks and of base graphs; a table of chunk ids and
//! offsets; `OIDF` (256 cumulative counts by first byte), `OIDL` (sorted ids), `CDAT` (per
//! commit: tree id, two parent positions, 30 bits of generation and 34 of commit time) and,
//! for octopus merges, `EDGE`. Positions count across the layers of a chain, base first.
//! A file that does not read as this is ignored: the walk then reads the commits.

use std::ops::Deref;
use std::path::Path;

/// "No parent" in a parent slot of `CDAT`.
const NO_PARENT: u32 = 0x7000_0000;
/// Set on a position that continues into, or ends, the `EDGE` list.
const EDGE_BIT: u32 = 0x8000_0000;

/// The layers of a commit-graph, base first.
#[derive(Debug)]
pub struct CommitGraph {
    layers: Vec<Layer>,
    hash_len: usize,
}

/// A graph file's bytes: mapped, as git reads them (a walk since the last tag touches a
/// few pages of a file of tens of megabytes), or given.
enum GraphBytes {
    Mapped(memmap2::Mmap),
    #[cfg(test)]
    Given(Vec<u8>),
}

impl GraphBytes {
    fn map(path: &Path) -> Option<GraphBytes> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: git never writes into a commit-graph file in place: it writes a new
        // one beside it and renames it over, and a mapping keeps the old file's pages.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Some(GraphBytes::Mapped(map))
    }
}

impl Deref for GraphBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            GraphBytes::Mapped(map) => map,
            #[cfg(test)]
            GraphBytes::Given(bytes) => bytes,
        }
    }
}

impl std::fmt::Debug for GraphBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.len())
    }
}

/// One graph file.
#[derive(Debug)]
struct Layer {
    data: GraphBytes,
    /// Commits in the layers below this one: its first position.
    base: u32,
    count: u32,
    fanout: usize,
    lookup: usize,
    commit_data: usize,
    /// Start and end of `EDGE`, when there is one.
    edges: Option<(usize, usize)>,
}

/// What the graph records of one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphCommit {
    pub tree: Vec<u8>,
    /// Positions of the parents, in order.
    pub parents: Vec<u32>,
    /// The committer date, seconds since the Unix epoch.
    pub time: i64,
}

impl CommitGraph {
    /// The graph of the object directory `objects`, if there is one that reads cleanly:
    /// the split chain when git keeps one, else the single file.
    pub fn open(objects: &Path, hash_len: usize) -> Option<CommitGraph> {
        let info = objects.join("info");
        let chain = info.join("commit-graphs");
        let files: Vec<GraphBytes> = match std::fs::read_to_string(chain.join("commit-graph-chain"))
        {
            Ok(list) => list
                .lines()
                .map(|hash| GraphBytes::map(&chain.join(format!("graph-{}.graph", hash.trim()))))
                .collect::<Option<_>>()?,
            Err(_) => vec![GraphBytes::map(&info.join("commit-graph"))?],
        };
        CommitGraph::from_files(files, hash_len)
    }

    /// The graph made of these files, base first.
    fn from_files(files: Vec<GraphBytes>, hash_len: usize) -> Option<CommitGraph> {
        let mut layers = Vec::with_capacity(files.len());
        let mut base = 0_u32;
        for (depth, data) in files.into_iter().enumerate() {
            let layer = Layer::parse(data, hash_len, base, depth)?;
            base = base.checked_add(layer.count)?;
            layers.push(layer);
        }
        (!layers.is_empty()).then_some(CommitGraph { layers, hash_len })
    }

    /// A graph that holds nothing: every commit is read from its object.
    #[cfg(test)]
    pub fn empty(hash_len: usize) -> CommitGraph {
        CommitGraph {
            layers: Vec::new(),
            hash_len,
        }
    }

    /// How many commits the graph holds.
    pub fn len(&self) -> u32 {
        self.layers.last().map_or(0, |l| l.base + l.count)
    }

    /// The position of commit `id`, when the graph holds it.
    pub fn position(&self, id: &[u8]) -> Option<u32> {
        if id.len() != self.hash_len {
            return None;
        }
        self.layers
            .iter()
            .rev()
            .find_map(|layer| layer.position(id, self.hash_len))
    }

    /// The id of the commit at `position`.
    pub fn id(&self, position: u32) -> Option<&[u8]> {
        let (layer, local) = self.layer_of(position)?;
        let start = layer.lookup + local * self.hash_len;
        layer.data.get(start..start + self.hash_len)
    }

    /// The parents, tree and date of the commit at `position`; `None` when the graph
    /// contradicts itself there (a parent position beyond the graph).
    pub fn commit(&self, position: u32) -> Option<GraphCommit> {
        let (layer, local) = self.layer_of(position)?;
        let h = self.hash_len;
        let start = layer.commit_data + local * (h + 16);
        let record = layer.data.get(start..start + h + 16)?;
        let word = |at: usize| u32::from_be_bytes(record[h + at..h + at + 4].try_into().unwrap());
        let (first, second) = (word(0), word(4));
        let mut parents = Vec::with_capacity(2);
        if first != NO_PARENT {
            parents.push(first);
        }
        if second & EDGE_BIT != 0 {
            let (edges, end) = layer.edges?;
            let mut at = edges + (second & !EDGE_BIT) as usize * 4;
            loop {
                let value =
                    u32::from_be_bytes(layer.data.get(at..(at + 4).min(end))?.try_into().ok()?);
                parents.push(value & !EDGE_BIT);
                if value & EDGE_BIT != 0 {
                    break;
                }
                at += 4;
            }
        } else if second != NO_PARENT {
            parents.push(second);
        }
        let total = self.len();
        if parents.iter().any(|&p| p >= total) {
            return None;
        }
        let time = (i64::from(word(8) & 0x3) << 32) | i64::from(word(12));
        Some(GraphCommit {
            tree: record[..h].to_vec(),
            parents,
            time,
        })
    }

    /// The topological level git recorded for the commit at `position` (0: not known).
    /// A commit's ancestors all have lower levels.
    pub fn generation(&self, position: u32) -> Option<u32> {
        let (layer, local) = self.layer_of(position)?;
        let start = layer.commit_data + local * (self.hash_len + 16) + self.hash_len + 8;
        let word = layer.data.get(start..start + 4)?;
        Some(u32::from_be_bytes(word.try_into().ok()?) >> 2)
    }

    fn layer_of(&self, position: u32) -> Option<(&Layer, usize)> {
        let layer = self
            .layers
            .iter()
            .find(|l| position >= l.base && position - l.base < l.count)?;
        Some((layer, (position - layer.base) as usize))
    }
}

impl Layer {
    /// Reads one graph file's header and chunk table, checking that every chunk it needs
    /// is there and has the size its commit count calls for.
    fn parse(data: GraphBytes, hash_len: usize, base: u32, depth: usize) -> Option<Layer> {
        let hash_version = match hash_len {
            20 => 1,
            32 => 2,
            _ => return None,
        };
        let header = data.get(..8)?;
        if &header[..4] != b"CGPH" || header[4] != 1 || header[5] != hash_version {
            return None;
        }
        if usize::from(header[7]) != depth {
            return None;
        }
        let chunks = usize::from(header[6]);
        let table = data.get(8..8 + (chunks + 1) * 12)?;
        let entry = |i: usize| {
            let id: [u8; 4] = table[i * 12..i * 12 + 4].try_into().unwrap();
            let offset = u64::from_be_bytes(table[i * 12 + 4..i * 12 + 12].try_into().unwrap());
            (id, usize::try_from(offset).unwrap_or(usize::MAX))
        };
        let trailer = data.len().checked_sub(hash_len)?;
        let mut found = std::collections::HashMap::new();
        for i in 0..chunks {
            let ((id, start), (_, end)) = (entry(i), entry(i + 1));
            if start > end || end > trailer {
                return None;
            }
            found.insert(id, (start, end));
        }
        let chunk = |id: &[u8; 4]| found.get(id).copied();
        let (fanout, fanout_end) = chunk(b"OIDF")?;
        if fanout_end - fanout != 256 * 4 {
            return None;
        }
        let count = u32::from_be_bytes(data[fanout_end - 4..fanout_end].try_into().ok()?);
        let n = count as usize;
        let (lookup, lookup_end) = chunk(b"OIDL")?;
        let (commit_data, data_end) = chunk(b"CDAT")?;
        if lookup_end - lookup != n * hash_len || data_end - commit_data != n * (hash_len + 16) {
            return None;
        }
        let mut previous = 0;
        for i in 0..256 {
            let value =
                u32::from_be_bytes(data[fanout + i * 4..fanout + i * 4 + 4].try_into().ok()?);
            if value < previous || value > count {
                return None;
            }
            previous = value;
        }
        Some(Layer {
            edges: chunk(b"EDGE"),
            data,
            base,
            count,
            fanout,
            lookup,
            commit_data,
        })
    }

    fn position(&self, id: &[u8], hash_len: usize) -> Option<u32> {
        let bound = |byte: usize| {
            let at = self.fanout + byte * 4;
            u32::from_be_bytes(self.data[at..at + 4].try_into().unwrap()) as usize
        };
        let first = usize::from(id[0]);
        let (mut low, mut high) = (if first == 0 { 0 } else { bound(first - 1) }, bound(first));
        while low < high {
            let middle = low + (high - low) / 2;
            let start = self.lookup + middle * hash_len;
            match self.data[start..start + hash_len].cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(self.base + middle as u32),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A real graph file of a small history with a merge, written by git (once).
    fn written_by_git() -> Vec<u8> {
        static WRITTEN: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        WRITTEN.get_or_init(write_with_git).clone()
    }

    fn write_with_git() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let status = crate::repo::isolated_git(dir.path())
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "git {args:?}");
        };
        git(&["init", "-q", "-b", "main"]);
        git(&["commit", "-q", "--allow-empty", "-m", "one"]);
        git(&["checkout", "-q", "-b", "side"]);
        git(&["commit", "-q", "--allow-empty", "-m", "two"]);
        git(&["checkout", "-q", "main"]);
        git(&["commit", "-q", "--allow-empty", "-m", "three"]);
        git(&["merge", "-q", "--no-ff", "-m", "merge", "side"]);
        git(&["commit-graph", "write", "--reachable"]);
        std::fs::read(dir.path().join(".git/objects/info/commit-graph")).unwrap()
    }

    /// Reads every commit a graph holds, as a walk would.
    fn read_all(graph: &CommitGraph) {
        for position in 0..graph.len() + 2 {
            let _ = graph.id(position);
            let _ = graph.commit(position);
            let _ = graph.generation(position);
            if let Some(id) = graph.id(position) {
                let _ = graph.position(id);
            }
        }
    }

    #[test]
    fn reads_what_git_writes() {
        let graph = CommitGraph::from_files(vec![GraphBytes::Given(written_by_git())], 20).unwrap();
        assert_eq!(graph.len(), 4);
        let merges: Vec<GraphCommit> = (0..4)
            .filter_map(|p| graph.commit(p))
            .filter(|c| c.parents.len() == 2)
            .collect();
        assert_eq!(merges.len(), 1);
        for position in 0..4 {
            let id = graph.id(position).unwrap().to_vec();
            assert_eq!(graph.position(&id), Some(position));
        }
        assert!(CommitGraph::from_files(vec![GraphBytes::Given(written_by_git())], 32).is_none());
    }

    proptest! {
        /// A damaged or foreign file is refused or read without a panic, whatever its bytes.
        #[test]
        fn damaged_files_never_panic(
            flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let original = written_by_git();
            let mut damaged = original.clone();
            for (at, byte) in flips {
                let at = at.index(damaged.len());
                damaged[at] = byte;
            }
            if let Some(graph) = CommitGraph::from_files(vec![GraphBytes::Given(damaged.clone())], 20) {
                read_all(&graph);
            }
            damaged.truncate(cut.index(original.len()));
            if let Some(graph) = CommitGraph::from_files(vec![GraphBytes::Given(damaged)], 20) {
                read_all(&graph);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let mut file = b"CGPH\x01\x01".to_vec();
            file.extend(bytes);
            if let Some(graph) = CommitGraph::from_files(vec![GraphBytes::Given(file)], 20) {
                read_all(&graph);
            }
        }
    }
}
