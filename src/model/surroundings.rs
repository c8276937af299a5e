//! What the history around a forecast holds beyond its range: every tag of the target's
//! format with its commit's date, and the previewed commit. Release tools read it to tell
//! when one of their known differences from herald applies to this history.

use super::change::Change;
use super::version::Tag;

/// A release tag with its commit's committer date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedTag {
    pub tag: Tag,
    /// Seconds since the Unix epoch.
    pub time: i64,
}

/// The history around one target's forecast.
#[derive(Debug, Clone, Default)]
pub struct Surroundings {
    /// The previewed commit.
    pub to: String,
    /// The `origin` remote's URL.
    pub origin: Option<String>,
    /// Every tag of the target's format, reachable or not, with its commit's date.
    pub tags: Vec<DatedTag>,
    /// The names of the other tags (not versions in the target's format).
    pub other_tags: Vec<String>,
    /// The previewed commit itself when it carries the last release (so the range is
    /// empty) and belongs to the target: tools that read a tagged HEAD as a range of its
    /// own (cocogitto) decide over it.
    pub tagged_head: Option<Change>,
    /// The last commit of a walk of the previewed commit's history in commit-date order
    /// (libgit2's `Sort::TIME`): the root, unless a commit is dated before its parent.
    /// Looked up only for a range with no release tag, when the tool asks (see
    /// `Tool::reads_commit_dates`).
    pub last_by_date: Option<String>,
}

impl Surroundings {
    /// The tag on the most recently dated commit; among tags of the same date, the one
    /// whose name sorts last (git-cliff's latest tag).
    pub fn newest(&self) -> Option<&Tag> {
        self.tags
            .iter()
            .max_by(|a, b| (a.time, &a.tag.name).cmp(&(b.time, &b.tag.name)))
            .map(|d| &d.tag)
    }

    /// Whether some commit the notes list, of two or more, has a header with a character
    /// beyond `last` (where a tool's collation stops being reproduced exactly).
    pub fn noted_beyond(forecast: &super::Forecast, last: char) -> bool {
        let noted = &forecast.decision.noted;
        noted.len() > 1
            && noted.iter().any(|&i| {
                forecast
                    .changes
                    .get(i)
                    .is_some_and(|c| c.message.header_line().chars().any(|ch| ch > last))
            })
    }

    /// The tags on commit `id`.
    pub fn on(&self, id: &str) -> impl Iterator<Item = &Tag> {
        self.tags
            .iter()
            .map(|d| &d.tag)
            .filter(move |t| t.target == id)
    }
}
