//! How far a long history walk has got. The repository only reports; whether anything is
//! drawn, and how, is the command's choice (a hook or JSON output never draws).

/// A step of a walk, reported every [`REPORT_EVERY`] commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkProgress {
    /// Commits read so far; the total is known only when the walk ends.
    Reading(usize),
    /// Commits whose changed files have been compared with their parent's, of `total`.
    Comparing { done: usize, total: usize },
    /// The walk is over: whatever was drawn can go.
    Done,
}

/// What a command gives [`Repo::with_progress`](super::Repo::with_progress).
pub type ProgressFn = Box<dyn Fn(WalkProgress) + Send + Sync>;

/// Often enough for a display to move, rarely enough to cost nothing.
pub const REPORT_EVERY: usize = 512;
