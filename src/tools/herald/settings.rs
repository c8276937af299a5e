//! herald's settings are herald.toml's (read and checked by `config`); here they are
//! compiled once: the components' globs and each path rule's.

use std::collections::BTreeMap;

use globset::GlobSet;
use semver::Version;

use super::Herald;
use crate::config::{Config, PathRule, ReleaseMode};
use crate::model::components::{Components, GlobError, glob_set};
use crate::model::files::Files;
use crate::model::version_file::{Kind, spots};

/// A path rule with its globs compiled.
#[derive(Debug, Clone)]
pub(super) struct CompiledRule {
    pub(super) rule: PathRule,
    pub(super) paths: Option<GlobSet>,
}

impl Herald {
    /// Compiles the configuration's components and path rules.
    pub fn new(config: &Config) -> Result<Herald, GlobError> {
        let components = Components::compile(&config.components)?;
        let path_rules = config
            .bump
            .rules
            .iter()
            .map(|rule| {
                let paths = if rule.paths.is_empty() {
                    None
                } else {
                    Some(
                        glob_set(&rule.paths)
                            .map_err(|e| GlobError(format!("rule `{}`: {e}", rule.name)))?,
                    )
                };
                Ok(CompiledRule {
                    rule: rule.clone(),
                    paths,
                })
            })
            .collect::<Result<_, GlobError>>()?;
        Ok(Herald {
            config: config.clone(),
            components,
            path_rules,
            manifests: BTreeMap::new(),
        })
    }

    /// herald's rules for checking messages alone (the hooks, `check`): nothing of
    /// `[components]` or the path rules is compiled, which a repository with thousands of
    /// components would pay on every commit. Forecasts need [`Herald::load`].
    pub fn for_messages(config: &Config) -> Herald {
        Herald {
            config: config.clone(),
            components: Components::default(),
            path_rules: Vec::new(),
            manifests: BTreeMap::new(),
        }
    }

    /// [`Herald::new`], with each component's manifest version read from `files`: in
    /// independent mode, a component with no tag of its own yet starts from it.
    pub fn load(config: &Config, files: &dyn Files) -> Result<Herald, GlobError> {
        let mut herald = Herald::new(config)?;
        if config.release.mode == ReleaseMode::Independent {
            for (name, globs) in &config.components {
                if let Some(version) = globs.iter().find_map(|g| manifest_version(files, g)) {
                    herald.manifests.insert(name.clone(), version);
                }
            }
        }
        Ok(herald)
    }
}

/// The version the manifest at a component glob's folder records (`apps/api/**` →
/// `apps/api/package.json`, `Cargo.toml` or `pyproject.toml`).
fn manifest_version(files: &dyn Files, glob: &str) -> Option<Version> {
    let literal = glob
        .find(['*', '?', '[', '{'])
        .map_or(glob, |at| &glob[..at]);
    let folder = literal.rsplit_once('/').map_or("", |(dir, _)| dir);
    ["package.json", "Cargo.toml", "pyproject.toml"]
        .iter()
        .find_map(|name| {
            let path = crate::model::files::join(folder, name);
            let text = files.read(&path).ok()??;
            let kind = Kind::of(&path, None)?;
            let spot = spots(&kind, &text).ok()?.into_iter().next()?;
            Version::parse(&spot.value).ok()
        })
}
