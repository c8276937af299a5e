//! herald's own rules: the common Conventional Commits mapping (breaking → major, `feat`
//! → minor, `fix`/`perf`/reverts → patch, other types → `[bump] default`), path rules that
//! set a minimum bump, configurable 0.x behaviour, and reverts inside the range cancelling
//! what they revert.

use semver::Version;

mod decide;
mod notes;
mod settings;

use crate::config::{Config, ReleaseMode};
use crate::model::components::Components;
use crate::model::notes::Release;
use crate::model::{Bump, Change, Decision, Tag, TagFormat, Target};
use crate::tools::{NotesError, Tool};
use settings::CompiledRule;

/// herald's rules, compiled from herald.toml.
#[derive(Debug, Clone)]
pub struct Herald {
    config: Config,
    components: Components,
    path_rules: Vec<CompiledRule>,
    /// Each component's version as its manifest records it (independent mode).
    manifests: std::collections::BTreeMap<String, Version>,
}

impl Herald {
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn components(&self) -> &Components {
        &self.components
    }

    /// The repository in unified mode; each component in independent mode.
    fn unified_or_components(&self, repository: &str) -> Vec<Target> {
        let version = &self.config.version;
        match self.config.release.mode {
            ReleaseMode::Unified => vec![Target {
                name: self
                    .config
                    .release
                    .name
                    .clone()
                    .unwrap_or_else(|| repository.to_string()),
                format: TagFormat::new(&version.tag, None),
                paths: None,
                recorded: None,
                pre_releases: false,
                untagged: None,
            }],
            ReleaseMode::Independent => self
                .config
                .components
                .iter()
                .map(|(name, globs)| Target {
                    name: name.clone(),
                    format: TagFormat::new(&version.tag, Some(name)),
                    paths: Some(globs.clone()),
                    recorded: None,
                    pre_releases: false,
                    untagged: self.manifests.get(name).cloned(),
                })
                .collect(),
        }
    }

    /// The bump a commit type gets.
    fn type_bump(&self, kind: &str) -> Bump {
        self.config
            .bump
            .types
            .get(kind)
            .copied()
            .unwrap_or(self.config.bump.default)
    }
}

impl Tool for Herald {
    fn name(&self) -> &'static str {
        "herald"
    }

    fn targets(&self, repository: &str) -> Vec<Target> {
        self.unified_or_components(repository)
    }

    /// `tags` give the pre-releases tagged in the range: with no stable release yet, the
    /// first release finalises the highest of them.
    fn decide(
        &self,
        _target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        tags: &[Tag],
        _remote: Option<&str>,
    ) -> Decision {
        let pre_releases: Vec<Version> = tags
            .iter()
            .filter(|t| !t.version.pre.is_empty())
            .map(|t| t.version.clone())
            .collect();
        decide::decide(self, changes, current, &pre_releases)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        Ok(notes::render(release, &self.config.changelog.sections))
    }

    fn needs_paths(&self) -> bool {
        !self.path_rules.is_empty()
    }

    /// Deciding reads the header, the footers and the reverted commit; the notes show the
    /// description, breaking changes' text and footers' issue references.
    fn reads_summaries(&self) -> bool {
        true
    }
}
