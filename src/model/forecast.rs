//! A forecast: what one component's next release will be, with the decision, the commits
//! and the notes that led to it. Made by [`crate::app::forecast`]; some tools adjust the
//! forecasts of all components together (a cocogitto monorepo's global version).

use semver::Version;
use serde::Serialize;

use super::change::{Change, Decision};
use super::forge::Forge;
use super::version::{Bump, Tag, TagFormat};

/// Options that apply to every component.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Render the release notes.
    pub notes: bool,
    pub pre: Option<String>,
    /// `YYYY-MM-DD` of the release.
    pub date: String,
    /// The release's moment, in seconds since the Unix epoch.
    pub timestamp: i64,
    pub forge: Option<Forge>,
    /// The `origin` remote's URL.
    pub remote: Option<String>,
}

/// The forecast for one component.
#[derive(Debug, Clone)]
pub struct Forecast {
    pub name: String,
    /// How the component's tags are named and its versions written.
    pub format: TagFormat,
    pub current: Option<Version>,
    /// The current version's tag.
    pub current_tag: Option<Tag>,
    pub next: Option<Version>,
    pub next_tag: Option<String>,
    pub decision: Decision,
    pub changes: Vec<Change>,
    pub labels: Vec<String>,
    /// The release notes; empty when no release is due.
    pub notes: String,
    /// Why there is no release, when there is none.
    pub no_release: Option<String>,
}

impl Forecast {
    /// The next version as the engine's tool writes it (`2.0.0rc0` under PEP 440).
    pub fn next_text(&self) -> Option<String> {
        self.next.as_ref().map(|v| self.format.spell(v))
    }

    /// The current version as the engine's tool writes it.
    pub fn current_text(&self) -> Option<String> {
        self.current.as_ref().map(|v| self.format.spell(v))
    }

    pub fn bump(&self) -> Bump {
        if self.next.is_some() {
            self.decision.bump
        } else {
            Bump::None
        }
    }
}

/// Counts of what the range holds, for the summary line: `3 feat, 4 fix, 1 breaking`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Tally {
    pub by_type: Vec<(String, usize)>,
    /// Commits the engine read as breaking (not every `!` is, for every tool).
    pub breaking: usize,
    /// Merge commits: the commits they bring in count instead.
    pub merges: usize,
    /// Commits that are not conventional.
    pub other: usize,
}
