//! Engines: the rules a CI release tool applies to a range of commits. Each engine is pure:
//! the commits (newest first) and the last release in, the bump, the next version and the
//! reasons out.

pub mod cocogitto;
pub mod commitizen;
pub mod git_cliff;
pub mod herald;
pub mod jsregex;
pub mod release_please;
pub mod semantic_release;

use semver::Version;

use crate::config::Config;
use crate::config::detect::{Detected, EngineName};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{Bump, Change, Decision, Forecast, Options, Tag, Target, WalkOrder};

/// The engine a repository's CI uses, with its configuration.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one engine per run: its size does not matter
pub enum Engine {
    Herald(herald::Rules),
    ReleasePlease(release_please::Settings),
    SemanticRelease(semantic_release::SemanticRelease),
    Commitizen(commitizen::Rules),
    Cocogitto(cocogitto::Rules),
    GitCliff(git_cliff::GitCliff),
}

impl Engine {
    /// The engine a repository's configuration asks for (see [`crate::config::detect`]).
    pub fn load(detected: &Detected, config: &Config) -> Result<Engine, String> {
        match detected.name {
            EngineName::Herald => Ok(Engine::Herald(herald::Rules::new(config)?)),
            EngineName::SemanticRelease => Ok(Engine::SemanticRelease(
                semantic_release::SemanticRelease::load(detected.file.as_deref())?,
            )),
            EngineName::ReleasePlease => Ok(Engine::ReleasePlease(release_please::config::load(
                detected.file.as_deref().and_then(|f| f.parent()),
            )?)),
            EngineName::Commitizen => Ok(Engine::Commitizen(commitizen::load(
                detected.file.as_deref(),
            )?)),
            EngineName::Cocogitto => Ok(Engine::Cocogitto(cocogitto::load(
                detected.file.as_deref(),
            )?)),
            EngineName::GitCliff => Ok(Engine::GitCliff(git_cliff::GitCliff::load(
                detected.file.as_deref(),
            )?)),
        }
    }

    /// Warnings for a commit message that this engine will read differently from what
    /// its author meant (a breaking marker it does not see, a type it ignores).
    pub fn commit_warnings(&self, commit: &Message) -> Vec<Diagnostic> {
        match self {
            Engine::Herald(_) => Vec::new(),
            Engine::SemanticRelease(engine) => engine.commit_warnings(commit),
            Engine::ReleasePlease(settings) => release_please::warnings_for(settings, commit),
            Engine::Commitizen(rules) => commitizen::commit_warnings(rules, commit),
            Engine::Cocogitto(rules) => cocogitto::commit_warnings(rules, commit),
            Engine::GitCliff(cliff) => cliff.commit_warnings(commit),
        }
    }

    /// A warning about the branch being previewed, when the tool does not release from it
    /// as it releases from its main branch.
    pub fn branch_warning(&self, branch: Option<&str>) -> Option<String> {
        match self {
            Engine::SemanticRelease(engine) => engine.branch_warning(branch),
            _ => None,
        }
    }

    /// Puts a release's notes into the changelog file's text, the way the engine's tool
    /// writes its CHANGELOG.md.
    pub fn insert_notes(&self, existing: &str, notes: &str, version: &Version) -> String {
        match self {
            Engine::Herald(_) | Engine::GitCliff(_) => {
                crate::model::notes::insert_section(existing, notes, version)
            }
            Engine::SemanticRelease(engine) => engine.insert_notes(existing, notes, version),
            Engine::ReleasePlease(_) => release_please::insert_notes(existing, notes, version),
            Engine::Commitizen(rules) => {
                crate::changelog::commitizen::insert(existing, notes, &rules.layout)
            }
            Engine::Cocogitto(_) => crate::changelog::cocogitto::insert(existing, notes),
        }
    }

    /// The engine's name, as written in `engine = "…"`.
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Herald(_) => "herald",
            Engine::SemanticRelease(_) => "semantic-release",
            Engine::ReleasePlease(_) => "release-please",
            Engine::Commitizen(_) => "commitizen",
            Engine::Cocogitto(_) => "cocogitto",
            Engine::GitCliff(_) => "git-cliff",
        }
    }

    /// The order the engine's tool lists commits in.
    pub fn walk_order(&self) -> WalkOrder {
        match self {
            Engine::GitCliff(cliff) => cliff.walk_order(),
            // commitizen's changelog lists `git log --topo-order` (commands/changelog.py).
            Engine::Commitizen(_) => WalkOrder::Topological,
            _ => WalkOrder::TopologicalByTime,
        }
    }

    /// Whether the engine needs the files each commit changed.
    pub fn needs_paths(&self) -> bool {
        match self {
            Engine::Herald(rules) => rules.needs_paths(),
            Engine::SemanticRelease(_) => false,
            Engine::ReleasePlease(settings) => settings.needs_paths(),
            Engine::Commitizen(_) => false,
            Engine::Cocogitto(rules) => !rules.packages.is_empty(),
            Engine::GitCliff(cliff) => cliff.needs_paths(),
        }
    }

    /// What the engine versions; `repository` names the whole repository.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        match self {
            Engine::Herald(rules) => rules.targets(repository),
            Engine::SemanticRelease(engine) => engine.targets(repository),
            Engine::ReleasePlease(settings) => settings.targets(repository),
            Engine::Commitizen(rules) => rules.targets(repository),
            Engine::Cocogitto(rules) => rules.targets(repository),
            Engine::GitCliff(cliff) => cliff.targets(repository),
        }
    }

    /// The version a target's range starts from when a file records it (`target.recorded`),
    /// given whether a tag carries that version: `None` when the tool reads the record as
    /// "nothing released yet" (release-please: a manifest at 0.0.0 with no tag, or no entry).
    pub fn starting_version(
        &self,
        target: &Target,
        recorded: &Version,
        tagged: bool,
    ) -> Option<Version> {
        match self {
            Engine::Herald(_)
            | Engine::SemanticRelease(_)
            | Engine::Commitizen(_)
            | Engine::Cocogitto(_)
            | Engine::GitCliff(_) => Some(recorded.clone()),
            Engine::ReleasePlease(settings) => settings.starting_version(target, recorded, tagged),
        }
    }

    /// The commits of a range (newest first) that belong to a target, for engines whose
    /// tool assigns commits to packages by rules globs cannot say (`target.paths` has
    /// already been applied).
    pub fn select(&self, target: &Target, changes: Vec<Change>) -> Vec<Change> {
        match self {
            Engine::Herald(_)
            | Engine::SemanticRelease(_)
            | Engine::Commitizen(_)
            | Engine::Cocogitto(_)
            | Engine::GitCliff(_) => changes,
            Engine::ReleasePlease(settings) => settings.select(target, changes),
        }
    }

    /// The bump, next version and reasons for a target's range (newest first) after
    /// `current`; `tags` are the target's version tags on commits of the range (pre-releases
    /// since the last release, mostly).
    pub fn decide(
        &self,
        target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        tags: &[Tag],
    ) -> Decision {
        match self {
            Engine::Herald(rules) => {
                let pre_releases: Vec<Version> = tags
                    .iter()
                    .filter(|t| !t.version.pre.is_empty())
                    .map(|t| t.version.clone())
                    .collect();
                herald::decide(rules, changes, current, &pre_releases)
            }
            Engine::SemanticRelease(engine) => engine.decide(changes, current),
            Engine::ReleasePlease(settings) => {
                release_please::decide(settings, target, changes, current)
            }
            Engine::Commitizen(rules) => commitizen::decide(rules, changes, current),
            Engine::Cocogitto(rules) => cocogitto::decide(rules, target, changes, current, tags),
            Engine::GitCliff(cliff) => cliff.decide(changes, current),
        }
    }

    /// The pre-release `--pre LABEL` makes of a decided release, when the engine's tool
    /// numbers pre-releases its own way; `None` for herald's rule (`2.0.0-rc.1`, then
    /// `rc.2`, counting existing tags).
    pub fn pre_release(
        &self,
        decision: &Decision,
        current: Option<&Version>,
        label: &str,
    ) -> Option<Version> {
        match self {
            Engine::Herald(_)
            | Engine::SemanticRelease(_)
            | Engine::ReleasePlease(_)
            | Engine::Cocogitto(_)
            | Engine::GitCliff(_) => None,
            Engine::Commitizen(rules) => {
                let increment = decision
                    .readings
                    .iter()
                    .map(|r| r.bump)
                    .max()
                    .unwrap_or(Bump::None);
                rules.pre_release(current, increment, label)
            }
        }
    }

    /// The release notes in the engine's layout; an error says why they cannot be
    /// rendered (a release tool's template herald cannot render).
    pub fn notes(&self, release: &Release) -> Result<String, String> {
        match self {
            Engine::Herald(rules) => Ok(crate::changelog::herald::render(
                release,
                &rules.config().changelog.sections,
            )),
            Engine::ReleasePlease(settings) => Ok(release_please::notes(settings, release)),
            Engine::Commitizen(rules) => {
                Ok(crate::changelog::commitizen::render(release, &rules.layout))
            }
            Engine::Cocogitto(rules) => Ok(cocogitto::notes(rules, release)),
            Engine::GitCliff(cliff) => crate::changelog::git_cliff::render(cliff, release),
            Engine::SemanticRelease(engine) => Ok(engine.notes(release)),
        }
    }

    /// Whether one target's forecast depends on the others' (a cocogitto monorepo's global
    /// version follows its packages): then every target is forecast before any is shown.
    pub fn combines_targets(&self) -> bool {
        match self {
            Engine::Cocogitto(rules) => !rules.packages.is_empty(),
            _ => false,
        }
    }

    /// Adjusts the forecasts of all targets once each is made (see [`Engine::combines_targets`]).
    pub fn combine(&self, forecasts: &mut [Forecast], options: &Options) {
        if let Engine::Cocogitto(rules) = self {
            cocogitto::combine(rules, forecasts, options);
        }
    }
}
