//! herald's settings are herald.toml's (read and checked by `config`); here they are
//! compiled once: the components' globs and each path rule's.

use globset::GlobSet;

use super::Herald;
use crate::config::{Config, PathRule};
use crate::model::components::{Components, GlobError, glob_set};

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
        })
    }
}
