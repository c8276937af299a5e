//! git-cliff 2.14.2 (`--bumped-version`, and `--unreleased --bump` for the notes).
//!
//! The range's commits go through git-cliff's processing (see [`process`]); the ones that
//! survive decide the version with the `next_version` crate, as git-cliff's
//! `calculate_next_version` does: any surviving commit is at least a patch, `feat` (any
//! case: `Feat:` counts) a minor and breaking a major, and on 0.x too unless `[bump]`
//! turns `features_always_bump_minor`/`breaking_always_bump_major` off. The surprise:
//! with no tag at all the answer is `initial_tag` (0.1.0) whatever the commits are.

mod decide;
mod differences;
pub mod notes;
mod process;
mod reach;
mod settings;
#[cfg(test)]
mod tests;
mod warnings;

use std::path::Path;
use std::sync::{Arc, Mutex};

use semver::Version;

pub use process::{Dropped, Processed, commit_context};
pub use settings::Settings;

use super::detect::Marker;
use super::{NotesError, Tool};
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{
    Change, ConfigError, Decision, Forecast, Surroundings, Tag, TagFormat, Target, WalkOrder,
};

/// The configuration files git-cliff reads, in the order it looks for them.
pub const MARKERS: &[Marker] = &[
    Marker::File("cliff.toml"),
    Marker::File(".cliff.toml"),
    Marker::File(".config/cliff.toml"),
    Marker::TomlTable("pyproject.toml", &["tool", "git-cliff"]),
    Marker::TomlTable("Cargo.toml", &["package", "metadata", "git-cliff"]),
    Marker::TomlTable("Cargo.toml", &["workspace", "metadata", "git-cliff"]),
];

/// git-cliff, with the repository's configuration.
#[derive(Debug)]
pub struct GitCliff {
    pub settings: Settings,
    last: LastProcessed,
}

/// What processing made of a range: the commits that survive it, and for every commit
/// of the range why it was dropped, if it was.
#[derive(Debug)]
pub struct Processing {
    pub kept: Vec<Processed>,
    pub dropped: Vec<Option<Dropped>>,
}

/// The last range processed, by a hash of its commit ids: deciding and then the notes of
/// the same release process the same range, and that is a fifth of a long preview.
#[derive(Debug, Default)]
struct LastProcessed(Mutex<Option<(u128, Arc<Processing>)>>);

impl GitCliff {
    /// git-cliff with `settings`, nothing processed yet.
    pub fn new(settings: Settings) -> GitCliff {
        GitCliff {
            settings,
            last: LastProcessed::default(),
        }
    }

    /// Reads the configuration file, or git-cliff's defaults without one.
    pub fn load(files: &dyn Files, file: Option<&str>) -> Result<GitCliff, ConfigError> {
        let Some(path) = file else {
            return Ok(GitCliff::new(Settings::defaults()));
        };
        let text = files.read(path)?.ok_or_else(|| {
            ConfigError::whole(Path::new(path), "cannot read it: it is not there")
        })?;
        let settings = Settings::from_file_text(path, &text)?;
        Ok(GitCliff::new(settings))
    }

    /// The repository, or the paths `[git] include_paths` names; tags with any prefix.
    fn repository_target(&self, repository: &str) -> Vec<Target> {
        let git = &self.settings.git;
        let skip = match (&git.skip_tags, &git.ignore_tags) {
            (Some(a), Some(b)) => {
                regex::Regex::new(&format!("(?:{})|(?:{})", a.as_str(), b.as_str())).ok()
            }
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        vec![Target {
            name: repository.to_string(),
            format: TagFormat::loose(git.tag_pattern.clone(), skip),
            paths: (!git.include_paths.is_empty()).then(|| git.include_paths.clone()),
            recorded: None,
            pre_releases: true,
            untagged: None,
        }]
    }

    /// `[git] topo_order_commits` (on by default): libgit2's topological order, else by
    /// commit date.
    fn commit_order(&self) -> WalkOrder {
        if self.settings.git.topo_order_commits {
            WalkOrder::Topological
        } else {
            WalkOrder::Time
        }
    }

    /// The range processed: the commits that survive, and why each other was dropped.
    /// It is remembered for [`GitCliff::process_last`] of the same range (a commit's id
    /// names everything processing reads of it).
    pub fn process(&self, changes: &[Change]) -> Arc<Processing> {
        let key = range_key(changes);
        let mut last = self.last.0.lock().unwrap_or_else(|e| e.into_inner());
        match last.as_ref() {
            Some((held, processing)) if *held == key => Arc::clone(processing),
            _ => {
                let processing = Arc::new(self.process_afresh(changes));
                *last = Some((key, Arc::clone(&processing)));
                processing
            }
        }
    }

    /// [`GitCliff::process`] for the last time: the remembered processing is given up,
    /// so that it is freed once used (the notes render after it, and need the memory).
    pub fn process_last(&self, changes: &[Change]) -> Arc<Processing> {
        let key = range_key(changes);
        let mut last = self.last.0.lock().unwrap_or_else(|e| e.into_inner());
        match last.take() {
            Some((held, processing)) if held == key => processing,
            _ => Arc::new(self.process_afresh(changes)),
        }
    }

    fn process_afresh(&self, changes: &[Change]) -> Processing {
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        for (index, change) in changes.iter().enumerate() {
            match process::process(&self.settings.git, index, change) {
                Ok(commits) => {
                    kept.extend(commits);
                    dropped.push(None);
                }
                Err(why) => dropped.push(Some(why)),
            }
        }
        Processing { kept, dropped }
    }
}

/// A range's commit ids, in order, hashed.
fn range_key(changes: &[Change]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for change in changes {
        hasher.update(change.id.as_bytes());
        hasher.update(b"\n");
    }
    hasher.digest128()
}

impl Tool for GitCliff {
    fn name(&self) -> &'static str {
        "git-cliff"
    }

    fn targets(&self, repository: &str) -> Vec<Target> {
        self.repository_target(repository)
    }

    fn decide(
        &self,
        _target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        _tags: &[Tag],
        _remote: Option<&str>,
    ) -> Decision {
        decide::decide(self, changes, current)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        notes::render(self, release)
    }

    fn commit_warnings(&self, message: &Message, _current: Option<&Version>) -> Vec<Diagnostic> {
        warnings::commit_warnings(self, message)
    }

    fn walk_order(&self) -> WalkOrder {
        self.commit_order()
    }

    fn differences(
        &self,
        _target: &Target,
        forecast: &Forecast,
        around: &Surroundings,
    ) -> Vec<String> {
        differences::differences(self, forecast, around)
    }

    fn needs_paths(&self) -> bool {
        !self.settings.git.include_paths.is_empty()
    }

    /// git-cliff 2.14.2's `process_repository` (src/lib.rs): when the walk from HEAD met
    /// no tag, the first release's previous one is `tags.last()`, the newest tag matching
    /// `tag_pattern` by its commit's date (`Repository::tags`), and `--bumped-version`
    /// bumps it over every commit of HEAD.
    fn bumps_from_newest_tag(&self) -> bool {
        true
    }
}
