//! commitizen 4.19.3 (`cz bump`): `bump_pattern` is searched in every line of every
//! message, body lines included; the first `bump_map` rule matching what it captured
//! decides the line's increment (`^.+!$` and `^BREAKING[\-\ ]CHANGE` → MAJOR, `^feat` →
//! MINOR, `^fix`, `^refactor`, `^perf` → PATCH; case-sensitive prefixes), and the highest
//! increment wins. The current version comes from the configuration (or a version
//! provider), not from tags.

mod decide;
mod differences;
pub mod notes;
mod scheme;
mod settings;
mod tree;
mod warnings;

use regex::Regex;
use semver::Version;

pub use scheme::{PreKind, Scheme};
pub use settings::from_text;

use super::detect::Marker;
use super::{NotesError, Tool};
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{
    Bump, Change, ConfigError, Decision, Forecast, Surroundings, Tag, TagFormat, Target, WalkOrder,
};
use notes::{Layout, full_message, log_message};

/// commitizen's own files, in the order commitizen reads them, then `pyproject.toml`.
pub const MARKERS: &[Marker] = &[
    Marker::File(".cz.toml"),
    Marker::File("cz.toml"),
    Marker::File(".cz.json"),
    Marker::File("cz.json"),
    Marker::File(".cz.yaml"),
    Marker::File("cz.yaml"),
    Marker::TomlTable("pyproject.toml", &["tool", "commitizen"]),
];

/// commitizen's rules for one repository, compiled from its configuration.
#[derive(Debug, Clone)]
pub struct Commitizen {
    pub scheme: Scheme,
    /// herald's template for `tag_format` (`v{version}`).
    pub tag_template: String,
    /// Where the current version comes from.
    pub version: VersionSource,
    pub major_version_zero: bool,
    pub bump_pattern: Regex,
    pub bump_map: Vec<MapRule>,
    pub bump_map_zero: Vec<MapRule>,
    pub prerelease_offset: u64,
    pub layout: Layout,
    /// The changelog file cz updates, for the differences that depend on it.
    pub changelog: ChangelogFile,
    /// Options herald does not reproduce, named for a warning.
    pub unsupported: Vec<String>,
}

/// `changelog_file` (CHANGELOG.md), as the previewed revision holds it.
#[derive(Debug, Clone, Default)]
pub struct ChangelogFile {
    pub path: String,
    /// `None` when there is no such file.
    pub text: Option<String>,
}

/// Where commitizen reads the current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSource {
    /// A file records it (`version` in the configuration, or a provider's file).
    Recorded(Version),
    /// `version_provider = "scm"`: the highest version tag (0.0.0 without one).
    Tags,
}

/// One `bump_map` rule: a regex matched at the start of what `bump_pattern` captured.
#[derive(Debug, Clone)]
pub struct MapRule {
    /// The rule as written (`^feat`).
    pub pattern: String,
    pub regex: Regex,
    pub bump: Bump,
}

/// What one line of a message contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineBump {
    /// 0 for the subject, then the message's lines as commitizen splits them.
    pub line: usize,
    /// What `bump_pattern` captured (`feat(api)!`).
    pub token: String,
    /// The `bump_map` rule that matched, if any.
    pub rule: Option<String>,
    pub bump: Bump,
}

impl Commitizen {
    /// Reads commitizen's configuration from `file` (or its defaults when there is none).
    pub fn load(files: &dyn Files, file: Option<&str>) -> Result<Commitizen, ConfigError> {
        settings::load(files, file)
    }

    /// The tag format, with versions written the scheme's way; tags spelt otherwise are
    /// read too (`TagRules.version_regexes`): the changelog and the `scm` provider take
    /// them, while `cz bump` looks up the current version's tag by its exact name
    /// (`TagRules.find_tag_for`: `v1.1.0rc1`, never `v1.1.0-rc.1`).
    pub fn tag_format(&self) -> TagFormat {
        TagFormat::new(&self.tag_template, None)
            .spelled(self.scheme.spelling())
            .lenient()
    }

    /// The whole repository, at the recorded version when a file holds it.
    fn repository_target(&self, repository: &str) -> Vec<Target> {
        vec![Target {
            name: repository.to_string(),
            format: self.tag_format(),
            paths: None,
            recorded: match &self.version {
                VersionSource::Recorded(version) => Some(version.clone()),
                VersionSource::Tags => None,
            },
            // `version_provider = "scm"` takes the highest version tag, pre-releases included.
            pre_releases: self.version == VersionSource::Tags,
            untagged: None,
        }]
    }

    fn map(&self) -> &[MapRule] {
        if self.major_version_zero {
            &self.bump_map_zero
        } else {
            &self.bump_map
        }
    }

    /// commitizen's `VersionIncrement.from_message`: every line of `subject\n\nbody`,
    /// stripped, searched with `bump_pattern`; each capture mapped by the first matching
    /// `bump_map` rule. Returns the lines that matched the pattern, strongest first.
    pub fn line_bumps(&self, text: &str) -> Vec<LineBump> {
        let (subject, body) = log_message(text);
        let message = full_message(&subject, &body);
        let mut found = Vec::new();
        for (line, content) in message.split('\n').enumerate() {
            let Some(token) = self
                .bump_pattern
                .captures(content)
                .and_then(|caps| caps.get(1))
            else {
                continue;
            };
            let token = token.as_str();
            let rule = self.map().iter().find(|rule| rule.regex.is_match(token));
            found.push(LineBump {
                line,
                token: token.to_string(),
                rule: rule.map(|r| r.pattern.clone()),
                bump: rule.map_or(Bump::None, |r| r.bump),
            });
        }
        found.sort_by_key(|l| std::cmp::Reverse(l.bump));
        found
    }

    /// The increment one message gives.
    pub fn increment(&self, text: &str) -> Bump {
        self.line_bumps(text)
            .first()
            .map_or(Bump::None, |line| line.bump)
    }

    /// `cz bump --prerelease LABEL`: the pre-release commitizen makes from `current` for
    /// the increment the range gave; `None` for labels commitizen does not offer.
    fn prerelease_for(
        &self,
        current: Option<&Version>,
        increment: Bump,
        label: &str,
    ) -> Option<Version> {
        let kind = PreKind::from_label(label)?;
        let zero = Version::new(0, 0, 0);
        let current = current.unwrap_or(&zero);
        Some(scheme::bump(
            self.scheme,
            current,
            increment,
            Some(kind),
            self.prerelease_offset,
        ))
    }
}

#[cfg(test)]
mod tests;

impl Tool for Commitizen {
    fn name(&self) -> &'static str {
        "commitizen"
    }

    fn targets(&self, repository: &str) -> Vec<Target> {
        self.repository_target(repository)
    }

    fn decide(
        &self,
        _target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        tags: &[Tag],
        _remote: Option<&str>,
    ) -> Decision {
        decide::decide(self, changes, current, tags)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        Ok(notes::render(release, &self.layout))
    }

    fn commit_warnings(&self, message: &Message, _current: Option<&Version>) -> Vec<Diagnostic> {
        warnings::commit_warnings(self, message)
    }

    fn insert_notes(&self, existing: &str, notes: &str, _version: &Version) -> String {
        notes::insert(existing, notes, &self.layout)
    }

    fn differences(
        &self,
        _target: &Target,
        forecast: &Forecast,
        around: &Surroundings,
    ) -> Vec<String> {
        differences::differences(self, forecast, around)
    }

    /// commitizen's changelog lists `git log --topo-order` (commands/changelog.py).
    fn walk_order(&self) -> WalkOrder {
        WalkOrder::Topological
    }

    /// The increment is the strongest any commit's line gave.
    fn pre_release(
        &self,
        decision: &Decision,
        current: Option<&Version>,
        label: &str,
    ) -> Option<Version> {
        let increment = decision
            .readings
            .iter()
            .map(|r| r.bump)
            .max()
            .unwrap_or(Bump::None);
        self.prerelease_for(current, increment, label)
    }
}
