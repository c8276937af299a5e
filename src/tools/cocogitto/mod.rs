//! cocogitto 7.0.0 (`cog bump --auto`): commits are parsed with `conventional_commit_parser`
//! (types compared in lowercase, so `Feat:` is `feat`); a commit that does not parse, or has
//! a type or scope `cog.toml` does not allow, is skipped. Breaking → major (never on 0.x),
//! else a `bump_minor` type (`feat`) → minor, else a `bump_patch` type (`fix`) → patch.
//! `perf`, `refactor` and reverts release nothing unless `[commit_types]` says so.

mod combine;
mod decide;
mod differences;
pub mod notes;
pub mod parse;
mod settings;
mod warnings;

use std::path::Path;

use conventional_commit_parser::commit::ConventionalCommit;
use globset::GlobSet;
use semver::Version;

use super::detect::Marker;
use super::{NotesError, Tool};
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{
    Change, ConfigError, Decision, Forecast, Options, Surroundings, Tag, TagFormat, Target,
    WalkOrder,
};
use notes::Layout;
pub use settings::{TypeRule, from_text};

pub const MARKERS: &[Marker] = &[Marker::File("cog.toml")];

/// What `--component` calls a cocogitto monorepo's global version.
pub const GLOBAL: &str = "global";

/// cocogitto's rules for one repository, compiled from `cog.toml`.
#[derive(Debug, Clone)]
pub struct Cocogitto {
    /// `tag_prefix` (empty when unset).
    pub prefix: String,
    pub types: Vec<TypeRule>,
    pub scopes: Option<Vec<String>>,
    pub ignore_merge_commits: bool,
    pub ignore_fixup_commits: bool,
    /// The repository's (or the monorepo's global) changelog layout.
    pub layout: Layout,
    /// The packages' changelog layout (`package_template`).
    pub package_layout: Layout,
    /// `[monorepo.packages]`, by `bump_order` then name.
    pub packages: Vec<PackageRule>,
    /// `monorepo_version_separator` (`-`).
    pub separator: String,
    /// `generate_mono_repository_global_tag`.
    pub global_tag: bool,
    /// What herald cannot reproduce of this configuration, said with each forecast.
    pub notices: Vec<String>,
}

/// One monorepo package.
#[derive(Debug, Clone)]
pub struct PackageRule {
    pub name: String,
    pub path: String,
    /// `path/**` and `include`.
    pub globs: Vec<String>,
    include: GlobSet,
    ignore: GlobSet,
    pub public_api: bool,
    pub bump_order: Option<usize>,
}

impl PackageRule {
    /// cocogitto's `PackagePathFilter`: under the path or an `include` glob, and under no
    /// `ignore` glob.
    fn owns(&self, path: &str) -> bool {
        self.include.is_match(path) && !self.ignore.is_match(path)
    }
}

/// How one commit reads to cocogitto.
#[derive(Debug, Clone)]
pub enum Read<'a> {
    /// A conventional commit of a known type (and allowed scope).
    Parsed(ConventionalCommit, &'a TypeRule),
    /// Skipped, and why.
    Skipped(String),
}

/// What a target is to cocogitto.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    /// A repository without packages.
    Single,
    /// A monorepo package.
    Package(&'a PackageRule),
    /// The monorepo's global version.
    Global,
}

impl Cocogitto {
    /// Reads `cog.toml` (or the defaults when there is none).
    pub fn load(files: &dyn Files, file: Option<&str>) -> Result<Cocogitto, ConfigError> {
        settings::load(files, file)
    }

    /// The repository, or each package and the global version of a monorepo.
    fn package_targets(&self, repository: &str) -> Vec<Target> {
        let mut targets: Vec<Target> = self
            .packages
            .iter()
            .map(|package| Target {
                name: package.name.clone(),
                format: TagFormat::new(
                    &format!(
                        "{}{}{}{{version}}",
                        package.name, self.separator, self.prefix
                    ),
                    None,
                ),
                paths: Some(package.globs.clone()),
                recorded: None,
                pre_releases: false,
                untagged: None,
            })
            .collect();
        if self.packages.is_empty() || self.global_tag {
            // A monorepo's own version is `global` whatever the clone's folder is called.
            let name = if self.packages.is_empty() {
                repository.to_string()
            } else {
                GLOBAL.to_string()
            };
            targets.push(Target {
                name,
                format: TagFormat::new(&format!("{}{{version}}", self.prefix), None),
                paths: None,
                recorded: None,
                pre_releases: false,
                untagged: None,
            });
        }
        targets
    }

    fn scope_of(&self, target: &Target) -> Scope<'_> {
        if self.packages.is_empty() {
            return Scope::Single;
        }
        match (
            &target.paths,
            self.packages.iter().find(|p| p.name == target.name),
        ) {
            (Some(_), Some(package)) => Scope::Package(package),
            _ => Scope::Global,
        }
    }

    /// Whether cocogitto counts a commit for this target at all.
    fn belongs(&self, scope: Scope, change: &Change) -> bool {
        match scope {
            Scope::Single => true,
            Scope::Package(package) => change.paths.iter().any(|p| package.owns(p)),
            // The first commit always counts for the global version; others when they touch a
            // file outside every package.
            Scope::Global => {
                change.parent_count == 0
                    || change.paths.iter().any(|p| {
                        self.packages
                            .iter()
                            .all(|package| !Path::new(p).starts_with(&package.path))
                    })
            }
        }
    }

    /// cocogitto's `Commit::from_git_commit`: the message parsed, the type known, the scope
    /// allowed.
    pub fn read(&self, text: &str) -> Read<'_> {
        let parsed = match parse::parse(text.trim()) {
            Ok(parsed) => parsed,
            Err(error) => {
                let first = error.to_string();
                let first = first.lines().next().unwrap_or("").trim().to_string();
                return Read::Skipped(if first.is_empty() {
                    "not a conventional commit".into()
                } else {
                    format!("not a conventional commit ({first})")
                });
            }
        };
        if let (Some(scopes), Some(scope)) = (&self.scopes, &parsed.scope) {
            if !scopes.contains(scope) {
                return Read::Skipped(format!("scope `{scope}` is not in cog.toml's `scopes`"));
            }
        }
        let kind = parsed.commit_type.as_ref().to_string();
        match self.types.iter().find(|t| t.name == kind) {
            Some(rule) => Read::Parsed(parsed, rule),
            None => Read::Skipped(format!("type `{kind}` is not one of cocogitto's types")),
        }
    }

    fn tag_format(&self, scope: Scope) -> TagFormat {
        match scope {
            Scope::Package(package) => TagFormat::new(
                &format!(
                    "{}{}{}{{version}}",
                    package.name, self.separator, self.prefix
                ),
                None,
            ),
            _ => TagFormat::new(&format!("{}{{version}}", self.prefix), None),
        }
    }
}

impl Tool for Cocogitto {
    fn name(&self) -> &'static str {
        "cocogitto"
    }

    fn targets(&self, repository: &str) -> Vec<Target> {
        self.package_targets(repository)
    }

    fn decide(
        &self,
        target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        tags: &[Tag],
        _remote: Option<&str>,
    ) -> Decision {
        decide::decide(self, target, changes, current, tags)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        Ok(notes::render_release(self, release))
    }

    fn commit_warnings(&self, message: &Message, current: Option<&Version>) -> Vec<Diagnostic> {
        warnings::commit_warnings(self, message, current)
    }

    fn warnings_read_the_version(&self) -> bool {
        true
    }

    fn insert_notes(&self, existing: &str, notes: &str, _version: &Version) -> String {
        notes::insert(existing, notes)
    }

    /// cocogitto lists a release's commits as its `Repository::revwalk` (src/git/rev/
    /// revwalk.rs) yields them: libgit2's walk with no sorting set, by commit date as
    /// commits are reached, not in topological order; the groups of the notes keep it.
    fn walk_order(&self) -> WalkOrder {
        WalkOrder::Unsorted
    }

    fn needs_paths(&self) -> bool {
        !self.packages.is_empty()
    }

    fn differences(
        &self,
        target: &Target,
        forecast: &Forecast,
        around: &Surroundings,
    ) -> Vec<String> {
        differences::differences(self, target, forecast, around)
    }

    /// Without a tag, cog's range ends where a walk by date does (`get_first_commit`).
    fn reads_commit_dates(&self) -> bool {
        true
    }

    fn combines_targets(&self) -> bool {
        !self.packages.is_empty()
    }

    /// A package's next version is raised to its latest pre-release wherever that tag is:
    /// `BumpOptions::get_new_version` (cocogitto 7.0.0, src/command/bump/mod.rs) looks it up
    /// with `get_latest_tag(include_pre_release)`, over every tag of the repository
    /// (`tag_lookup` reads the whole tag cache), not only those of the package's commits.
    fn decides_with_every_tag(&self, target: &Target) -> bool {
        matches!(self.scope_of(target), Scope::Package(_))
    }

    fn combine(&self, forecasts: &mut [Forecast], options: &Options) {
        combine::combine(self, forecasts, options);
    }
}

#[cfg(test)]
mod tests;
