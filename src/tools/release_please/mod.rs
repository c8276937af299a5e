//! release-please 17.11.2 (manifest releaser): what `release-please release-pr` would
//! propose for each package of `release-please-config.json`.
//!
//! - **Commits**: every piece of every message release-please can parse ([`commits`]);
//!   a package at `.` takes every commit, a nested package the commits touching files under
//!   it (and not under a package nested deeper), `exclude-paths` drop commits whose files
//!   all lie under them.
//! - **Version** (`DefaultVersioningStrategy`): `release-as` in the configuration, else the
//!   newest `Release-As:` footer, else from the manifest's version: breaking → major (minor
//!   on 0.x with `bump-minor-pre-major`), else `feat`/`feature` → minor (patch on 0.x with
//!   `bump-patch-for-minor-pre-major`), else patch; a pre-release suffix is kept. Nothing
//!   released yet: `initial-version`, default 1.0.0.
//! - **Release or not**: only when the notes show something besides their heading, so a
//!   range of hidden types (`chore`, `docs`, …) releases nothing — unless one is breaking.
//!
//! The surprise: `Feat:` is a patch (the strategy compares `feat` exactly) though the notes
//! list it under Features, and a body paragraph starting with `feat: ` is a commit of its own.

pub mod commits;
mod decide;
mod differences;
pub mod grammar;
pub mod notes;
pub mod settings;
mod split;
mod walk;
mod warnings;

use semver::Version;

use super::detect::{APP_FILE, CiUse, Marker};
use super::{NotesError, Tool};
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{Change, ConfigError, Decision, Forecast, Surroundings, Tag, Target};
use commits::{Parsed, parse_message};
use notes::{self as layout, Context, Repository};
use settings::Package;

pub use settings::Settings;
pub use walk::{BranchWalk, COMMIT_SEARCH_DEPTH};

/// The files the manifest releaser reads.
pub const MARKERS: &[Marker] = &[
    Marker::File(settings::CONFIG_FILE),
    Marker::File(settings::MANIFEST_FILE),
];

/// release-please's configuration and manifest.
#[derive(Debug, Clone)]
pub struct ReleasePlease {
    pub settings: Settings,
}

impl ReleasePlease {
    /// Reads release-please's configuration as CI runs it: the manifest releaser's
    /// `release-please-config.json` and `.release-please-manifest.json` (or the files
    /// the action's `config-file` and `manifest-file` name), or, when the action is given
    /// `release-type` or the GitHub App is used without `manifest: true`, those inputs.
    pub fn load(files: &dyn Files, ci: Option<&CiUse>) -> Result<ReleasePlease, ConfigError> {
        let input = |key: &str| ci.and_then(|c| c.inputs.get(key)).map(String::as_str);
        let settings = match ci {
            Some(ci) if input("release-type").is_some() => {
                settings::from_inputs(files, &ci.inputs, &ci.place)?
            }
            Some(ci) if ci.file == APP_FILE && input("manifest") != Some("true") => {
                settings::from_inputs(files, &ci.inputs, &ci.place)?
            }
            _ => settings::load(
                files,
                input("config-file")
                    .or(input("manifestConfig"))
                    .unwrap_or(settings::CONFIG_FILE),
                input("manifest-file")
                    .or(input("manifestFile"))
                    .unwrap_or(settings::MANIFEST_FILE),
            )?,
        };
        Ok(ReleasePlease { settings })
    }
}

impl Settings {
    /// The package a target stands for.
    fn package(&self, target: &Target) -> Option<&Package> {
        self.packages
            .iter()
            .find(|p| p.name.as_deref() == Some(target.name.as_str()))
            .or_else(|| self.packages.iter().find(|p| p.name.is_none()))
    }

    /// Whether deciding needs the files each commit changed.
    fn needs_paths(&self) -> bool {
        self.packages
            .iter()
            .any(|p| p.path != "." || !p.exclude_paths.is_empty())
    }

    /// One target per package; the root package is named after the repository unless it
    /// has a component. A package the manifest does not list is recorded at 0.0.0 (see
    /// [`Settings::starting_version`]).
    fn targets(&self, repository: &str) -> Vec<Target> {
        self.packages
            .iter()
            .map(|p| Target {
                name: p.name.clone().unwrap_or_else(|| repository.to_string()),
                format: p.format.clone(),
                paths: None,
                recorded: self
                    .manifest
                    .then(|| p.version.clone().unwrap_or_else(|| Version::new(0, 0, 0))),
                // The manifest (or the latest tag) names the version, pre-release or not.
                pre_releases: true,
                untagged: None,
            })
            .collect()
    }

    /// release-please starts from the manifest's version, except when the manifest has no
    /// entry for the package, or records 0.0.0 and no tag carries it: then nothing has
    /// been released and the next version is the initial one.
    fn starting_version(
        &self,
        target: &Target,
        recorded: &Version,
        tagged: bool,
    ) -> Option<Version> {
        let listed = self.package(target).is_some_and(|p| p.version.is_some());
        let unreleased = *recorded == Version::new(0, 0, 0) && !tagged;
        (listed && !unreleased).then(|| recorded.clone())
    }
}

/// The release notes, in release-please's layout, for the package whose tag the release
/// carries.
fn render_notes(settings: &Settings, release: &Release) -> String {
    let package = settings
        .packages
        .iter()
        .find(|p| p.format.render(release.version) == release.tag)
        .or_else(|| settings.packages.first());
    let sections = package.map_or_else(layout::default_sections, |p| p.sections.clone());
    let host = package.map_or("https://github.com", |p| p.changelog_host.as_str());
    let parsed: Vec<(&str, Parsed)> = release
        .noted
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .flat_map(|i| {
            let change = &release.changes[i];
            parse_message(&change.message.text)
                .into_iter()
                .map(move |p| (change.id.as_str(), p))
        })
        .collect();
    let commits: Vec<(&str, &Parsed)> = parsed.iter().map(|(sha, p)| (*sha, p)).collect();
    let repository = release.forge.and_then(|forge| {
        let (owner, name) = forge.path.rsplit_once('/')?;
        Some(Repository { host, owner, name })
    });
    let version = release.version.to_string();
    layout::render(
        &commits,
        &sections,
        &Context {
            version: &version,
            current_tag: release.tag,
            previous_tag: release.previous_tag,
            date: release.date,
            repository,
        },
    )
}

/// CHANGELOG.md with the notes, as release-please's `Changelog` updater writes it; a
/// section already there for the same version is replaced first, so that running twice
/// changes nothing (release-please regenerates its pull request from the base branch).
fn insert_notes(existing: &str, notes: &str, version: &Version) -> String {
    let mut text = existing.to_string();
    if let Some(at) = layout::version_heading(&text) {
        let line_end = text[at + 1..].find('\n').map_or(text.len(), |e| at + 1 + e);
        if heading_version(&text[at + 1..line_end]).as_ref() == Some(version) {
            let end =
                layout::version_heading(&text[line_end..]).map_or(text.len(), |e| line_end + e);
            text.replace_range(at..end, "");
        }
    }
    layout::insert(&text, notes)
}

/// The version a heading such as `## [1.2.0](…) (date)` or `### 1.2.1 (date)` names.
fn heading_version(line: &str) -> Option<Version> {
    let text = line.trim_start_matches('#').trim_start();
    let text = text.strip_prefix('[').unwrap_or(text);
    let text = text.strip_prefix('v').unwrap_or(text);
    let end = text.find([']', ' ', '(']).unwrap_or(text.len());
    Version::parse(&text[..end]).ok()
}

impl Tool for ReleasePlease {
    fn name(&self) -> &'static str {
        "release-please"
    }

    fn targets(&self, repository: &str) -> Vec<Target> {
        self.settings.targets(repository)
    }

    fn decide(
        &self,
        target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        _tags: &[Tag],
        _remote: Option<&str>,
    ) -> Decision {
        decide::decide(&self.settings, target, changes, current)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        Ok(render_notes(&self.settings, release))
    }

    /// What release-please will not see as its author meant, for a message about to be
    /// committed.
    fn commit_warnings(&self, message: &Message, _current: Option<&Version>) -> Vec<Diagnostic> {
        let sections = self
            .settings
            .packages
            .first()
            .map_or_else(layout::default_sections, |p| p.sections.clone());
        warnings::commit_warnings(message, &sections)
    }

    fn insert_notes(&self, existing: &str, notes: &str, version: &Version) -> String {
        insert_notes(existing, notes, version)
    }

    fn differences(
        &self,
        target: &Target,
        forecast: &Forecast,
        around: &Surroundings,
    ) -> Vec<String> {
        differences::differences(target, forecast, around)
    }

    fn needs_paths(&self) -> bool {
        self.settings.needs_paths()
    }

    fn starting_version(
        &self,
        target: &Target,
        recorded: &Version,
        tagged: bool,
    ) -> Option<Version> {
        self.settings.starting_version(target, recorded, tagged)
    }

    fn select(&self, target: &Target, changes: Vec<Change>, release: Option<&str>) -> Vec<Change> {
        self.settings.select(target, changes, release)
    }

    fn branch_walk(&self) -> Option<BranchWalk> {
        Some(BranchWalk {
            depth: COMMIT_SEARCH_DEPTH,
            last_release_sha: self.settings.last_release_sha.clone(),
            bootstrap_sha: self.settings.bootstrap_sha.clone(),
        })
    }
}

#[cfg(test)]
mod tests;
