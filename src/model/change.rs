//! What every release tool's rules work on and produce: the commits of a range as the
//! engines see them, what is versioned, and the decision with its reasons.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use semver::Version;
use serde::Serialize;

use super::message::{Message, Text};
use super::version::{Bump, TagFormat};
use super::warning::Warning;

/// A commit as git stores it, with what herald reads of it: the raw message bytes, the
/// parents, the author, the date and (when asked for) the files it changed.
#[derive(Debug, Clone, Default)]
pub struct RawCommit {
    pub id: String,
    /// The raw message bytes, as git stores them.
    pub message: RawMessage,
    pub parent_count: usize,
    /// Files changed against the first parent, when asked for.
    pub paths: Vec<String>,
    /// The author's name, as recorded.
    pub author: String,
    /// The committer date, seconds since the Unix epoch.
    pub time: i64,
}

/// A commit's raw message: its own bytes, as read from git, or a span of a buffer that
/// many share (the commits cache's), which its text can then share too.
#[derive(Debug, Clone)]
pub enum RawMessage {
    Own(Vec<u8>),
    Shared(Arc<Vec<u8>>, Range<usize>),
}

impl RawMessage {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            RawMessage::Own(bytes) => bytes,
            RawMessage::Shared(buffer, span) => &buffer[span.clone()],
        }
    }

    /// `text` (the message as stored: cleaned, without its final newline) as a span of the
    /// shared buffer, when these bytes are shared and begin with exactly that text.
    pub fn share(&self, text: &str) -> Option<Text> {
        match self {
            RawMessage::Shared(buffer, span) if text.len() <= span.len() => {
                Text::shared(buffer, span.start..span.start + text.len(), text)
            }
            _ => None,
        }
    }
}

impl Default for RawMessage {
    fn default() -> Self {
        RawMessage::Own(Vec::new())
    }
}

impl From<Vec<u8>> for RawMessage {
    fn from(bytes: Vec<u8>) -> Self {
        RawMessage::Own(bytes)
    }
}

impl std::ops::Deref for RawMessage {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// The order a release tool lists a range's commits in, which decides the order of
/// entries in its notes when branches were merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WalkOrder {
    /// Children before parents, newer first among the rest (herald's own).
    #[default]
    TopologicalByTime,
    /// Children before parents, a merge's later parents' lines first: `git log --topo-order`
    /// and libgit2's topological order (git-cliff; commitizen's changelog).
    Topological,
    /// libgit2's sort by commit date, newest first, over the whole range (git-cliff).
    Time,
    /// libgit2's order when no sorting is asked for: a list kept by commit date, a commit's
    /// parents added to it when the commit is shown, so a commit dated before its parent
    /// still comes before that parent (cocogitto's `Repository::revwalk`). It is also
    /// `git log`'s default order (semantic-release's `git log from..to`), which `Time`,
    /// libgit2's sort by date, is not: a commit dated after its child comes after it here.
    Unsorted,
}

/// What an engine versions: the whole repository, or one of its components or packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    /// How its release tags are named.
    pub format: TagFormat,
    /// Globs choosing the commits that belong to it; `None` takes every commit.
    pub paths: Option<Vec<String>>,
    /// The current version as a file records it, for engines that keep one there
    /// (release-please's manifest, commitizen's configuration) instead of reading tags.
    pub recorded: Option<Version>,
    /// Whether a pre-release tag can be the last release (git-cliff and cocogitto take
    /// the latest tag whatever it is; most tools skip pre-releases).
    pub pre_releases: bool,
    /// The version a manifest of the target records, the starting point while none of
    /// its tags exists (a component that has always shipped in step with the rest).
    pub untagged: Option<Version>,
}

/// One commit of the range, as every engine sees it.
#[derive(Debug, Clone)]
pub struct Change {
    pub id: String,
    /// The message as herald parsed it; engines with other parsers read `message.text`.
    pub message: Message,
    /// Files changed against the first parent (empty for merges, or when not needed).
    pub paths: Vec<String>,
    pub parent_count: usize,
    /// The author's name.
    pub author: String,
    /// The committer date, seconds since the Unix epoch.
    pub time: i64,
}

impl Change {
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(7)]
    }
}

/// What an engine decides for one range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The part of the version that changes (after any 0.x rule).
    pub bump: Bump,
    /// `None` when no release is due.
    pub next: Option<Version>,
    pub reasons: Vec<Reason>,
    /// One per commit, in the range's order: what the engine read and what it made of it.
    pub readings: Vec<Reading>,
    /// Commits whose changes appear in the release notes, by index into the range.
    pub noted: Vec<usize>,
    /// Said beside the answer; see [`Warning`] for the two kinds.
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

/// Why the bump is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub bump: Bump,
    pub kind: ReasonKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind_of_change: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// A breaking change.
    Breaking,
    /// The commit's type maps to a bump.
    Type,
    /// A revert whose target is outside the range.
    Revert,
    /// A path rule matched.
    PathRule,
    /// A forced version (`Release-As`, `release-as`).
    ReleaseAs,
    /// Any commit at all releases something (git-cliff).
    AnyCommit,
    /// A package of the monorepo releases, and the global version follows it (cocogitto).
    Package,
}

impl Reason {
    /// A reason that comes from one commit.
    pub fn from_commit(bump: Bump, kind: ReasonKind, change: &Change) -> Reason {
        Reason {
            bump,
            kind,
            commit: Some(change.id.clone()),
            summary: Some(change.message.header_line().to_string()),
            kind_of_change: change.message.kind_lowercase().map(Cow::into_owned),
            rule: None,
            paths: Vec::new(),
        }
    }
}

/// What the engine read in one commit and what it contributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub commit: String,
    /// The engine's reading of the header, e.g. `feat(api)!` or `not conventional`.
    pub parsed: String,
    pub bump: Bump,
    /// Why it contributes that bump (or nothing).
    pub because: String,
}
