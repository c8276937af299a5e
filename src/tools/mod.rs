//! The release tools herald reproduces, one folder each: herald's own rules, semantic-release,
//! release-please, commitizen, cocogitto and git-cliff. Every folder holds the same parts:
//! `settings` (the tool's files → typed settings), `decide` (the bump and the next version),
//! `notes` (the release notes in the tool's layout) and `warnings` (messages the tool will
//! read differently from what their author meant), and implements [`Tool`] in its `mod.rs`.
//!
//! Everything here is pure: the commits and the last release in, decisions and notes out.
//! Files are read through [`Files`], never from the file system.

pub mod cocogitto;
pub mod commitizen;
pub mod detect;
pub mod git_cliff;
pub mod herald;
pub mod node;
pub mod release_please;
pub mod semantic_release;

use semver::Version;

use crate::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::{self, Release};
use crate::model::{
    Change, ConfigError, Decision, EngineName, Forecast, Options, Surroundings, Tag, Target,
    WalkOrder, Warning,
};
pub use detect::{Detected, detect};

/// What herald asks of a release tool's rules. A tool answers for its targets (the
/// repository, or each package of a monorepo) one at a time: the commits of a target's
/// range, newest first, and its current version in; the decision and the notes out.
pub trait Tool: std::fmt::Debug {
    /// The engine's name, as written in `engine = "…"`.
    fn name(&self) -> &'static str;

    /// What the tool versions; `repository` names the whole repository.
    fn targets(&self, repository: &str) -> Vec<Target>;

    /// The bump, next version and reasons for a target's range (newest first) after
    /// `current`; `tags` are the target's version tags on commits of the range
    /// (pre-releases since the last release, mostly); `remote` is the `origin` remote's
    /// URL as configured, which the notes' links may come from (and with them, for
    /// semantic-release, which commits the notes list).
    fn decide(
        &self,
        target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        tags: &[Tag],
        remote: Option<&str>,
    ) -> Decision;

    /// The release notes in the tool's layout; an error says why they cannot be rendered
    /// (a template herald cannot render).
    fn notes(&self, release: &Release) -> Result<String, NotesError>;

    /// Warnings for a commit message that this tool will read differently from what its
    /// author meant (a breaking marker it does not see, a type it ignores); `current` is
    /// the repository's current version when [`Tool::warnings_read_the_version`].
    fn commit_warnings(&self, _message: &Message, _current: Option<&Version>) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Where the tool will answer otherwise than herald for this forecast: the known
    /// differences (docs/engines.md) that apply to this history, each a sentence saying
    /// what the tool does and what herald assumed. Nothing when none applies, so that a
    /// preview without such a warning is meant to match the tool exactly.
    fn differences(
        &self,
        _target: &Target,
        _forecast: &Forecast,
        _around: &Surroundings,
    ) -> Vec<String> {
        Vec::new()
    }

    /// Whether [`Tool::differences`] needs [`Surroundings::last_by_date`] for a range
    /// with no release tag (cocogitto walks such a history by date).
    fn reads_commit_dates(&self) -> bool {
        false
    }

    /// Whether [`Tool::commit_warnings`] depends on the current version (cocogitto reads
    /// a breaking change differently on 0.x), so the hooks look it up only then.
    fn warnings_read_the_version(&self) -> bool {
        false
    }

    /// A warning about the branch being previewed, when the tool does not release from it
    /// as it releases from its main branch.
    fn branch_warning(&self, _branch: Option<&str>) -> Option<Warning> {
        None
    }

    /// Puts a release's notes into the changelog file's text, the way the tool writes its
    /// CHANGELOG.md.
    fn insert_notes(&self, existing: &str, notes: &str, version: &Version) -> String {
        notes::insert_section(existing, notes, version)
    }

    /// The order the tool lists commits in.
    fn walk_order(&self) -> WalkOrder {
        WalkOrder::TopologicalByTime
    }

    /// Whether deciding needs the files each commit changed.
    fn needs_paths(&self) -> bool {
        false
    }

    /// Whether deciding and the notes read only what [`Message::summary`] keeps of each
    /// message (no body), so that a long history is read summarized.
    fn reads_summaries(&self) -> bool {
        false
    }

    /// The version a target's range starts from when a file records it
    /// (`target.recorded`), given whether a tag carries that version: `None` when the tool
    /// reads the record as "nothing released yet" (release-please: a manifest at 0.0.0
    /// with no tag, or no entry).
    fn starting_version(
        &self,
        _target: &Target,
        recorded: &Version,
        _tagged: bool,
    ) -> Option<Version> {
        Some(recorded.clone())
    }

    /// The commits of a range (newest first) that belong to a target, for tools that
    /// assign commits to packages by rules globs cannot say (`target.paths` has already
    /// been applied); `release` is the target's release commit, for tools that cut the
    /// range there themselves (see [`Tool::branch_walk`]).
    fn select(
        &self,
        _target: &Target,
        changes: Vec<Change>,
        _release: Option<&str>,
    ) -> Vec<Change> {
        changes
    }

    /// Whether [`Tool::decide`] is given every tag of the target's format rather than
    /// those on the range's commits (cocogitto looks a package's pre-releases up among all
    /// its tags).
    fn decides_with_every_tag(&self, _target: &Target) -> bool {
        false
    }

    /// Whether, when no release tag is reachable, the tool bumps from the newest release
    /// tag of the whole repository (by its commit's date) over every commit, as git-cliff
    /// does; otherwise nothing has been released.
    fn bumps_from_newest_tag(&self) -> bool {
        false
    }

    /// For a tool that does not read each target's `last release..to` but walks the
    /// branch once for all of them until it has met every release commit
    /// (release-please), how it walks; `None` for the others.
    fn branch_walk(&self) -> Option<release_please::BranchWalk> {
        None
    }

    /// The pre-release `--pre LABEL` makes of a decided release, when the tool numbers
    /// pre-releases its own way; `None` for herald's rule (`2.0.0-rc.1`, then `rc.2`,
    /// counting existing tags).
    fn pre_release(
        &self,
        _decision: &Decision,
        _current: Option<&Version>,
        _label: &str,
    ) -> Option<Version> {
        None
    }

    /// Whether one target's forecast depends on the others' (a cocogitto monorepo's global
    /// version follows its packages): then every target is forecast before any is shown.
    fn combines_targets(&self) -> bool {
        false
    }

    /// Adjusts the forecasts of all targets once each is made (see
    /// [`Tool::combines_targets`]).
    fn combine(&self, _forecasts: &mut [Forecast], _options: &Options) {}
}

/// [`load`] for reading commit messages only (the hooks and `check`): herald's own rules
/// skip compiling what only forecasts use.
pub fn load_for_messages(
    detected: &Detected,
    config: &Config,
    files: &dyn Files,
) -> Result<Box<dyn Tool>, ConfigError> {
    match detected.name {
        EngineName::Herald => Ok(Box::new(herald::Herald::for_messages(config))),
        _ => load(detected, config, files),
    }
}

/// Why a tool's notes cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotesError(pub String);

/// The tool a repository's configuration asks for (see [`detect`]), with its settings read
/// from `files`: the one place that knows every tool.
pub fn load(
    detected: &Detected,
    config: &Config,
    files: &dyn Files,
) -> Result<Box<dyn Tool>, ConfigError> {
    let file = detected.file.as_deref();
    Ok(match detected.name {
        EngineName::Herald => Box::new(
            herald::Herald::load(config, files)
                .map_err(|e| ConfigError::whole(std::path::Path::new("herald.toml"), e.0))?,
        ),
        EngineName::SemanticRelease => Box::new(semantic_release::SemanticRelease::load(
            files,
            file,
            detected.ci.as_ref(),
        )?),
        EngineName::ReleasePlease => Box::new(release_please::ReleasePlease::load(
            files,
            detected.ci.as_ref(),
        )?),
        EngineName::Commitizen => Box::new(commitizen::Commitizen::load(files, file)?),
        EngineName::Cocogitto => Box::new(cocogitto::Cocogitto::load(files, file)?),
        EngineName::GitCliff => Box::new(git_cliff::GitCliff::load(files, file)?),
    })
}
