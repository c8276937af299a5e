//! `cog.toml` as cocogitto 7.0.0 reads it: every key known (an unknown key makes cog stop
//! with "failed to parse config"), `[commit_types]` merged over the eleven default types,
//! `[changelog]` and `[monorepo.packages.NAME]`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The settings herald uses, and the ones it only checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CogToml {
    pub from_latest_tag: bool,
    pub ignore_merge_commits: bool,
    pub ignore_fixup_commits: bool,
    pub disable_changelog: bool,
    pub disable_bump_commit: bool,
    pub generate_mono_repository_global_tag: bool,
    pub generate_mono_repository_package_tags: bool,
    pub monorepo_version_separator: Option<String>,
    pub branch_whitelist: Vec<String>,
    pub tag_prefix: Option<String>,
    pub pre: String,
    pub skip_ci: String,
    pub skip_untracked: bool,
    pub pre_bump_hooks: Vec<String>,
    pub post_bump_hooks: Vec<String>,
    pub pre_package_bump_hooks: Vec<String>,
    pub post_package_bump_hooks: Vec<String>,
    pub git_hooks: toml::Table,
    pub commit_types: BTreeMap<String, CommitConfig>,
    pub changelog: Changelog,
    pub bump_profiles: toml::Table,
    pub monorepo: Option<Monorepo>,
    pub scopes: Option<Vec<String>>,
}

impl Default for CogToml {
    fn default() -> CogToml {
        CogToml {
            from_latest_tag: false,
            ignore_merge_commits: false,
            ignore_fixup_commits: false,
            disable_changelog: false,
            disable_bump_commit: false,
            generate_mono_repository_global_tag: true,
            generate_mono_repository_package_tags: true,
            monorepo_version_separator: None,
            branch_whitelist: Vec::new(),
            tag_prefix: None,
            pre: "alpha.*".into(),
            skip_ci: "[skip ci]".into(),
            skip_untracked: false,
            pre_bump_hooks: Vec::new(),
            post_bump_hooks: Vec::new(),
            pre_package_bump_hooks: Vec::new(),
            post_package_bump_hooks: Vec::new(),
            git_hooks: toml::Table::new(),
            commit_types: BTreeMap::new(),
            changelog: Changelog::default(),
            bump_profiles: toml::Table::new(),
            monorepo: None,
            scopes: None,
        }
    }
}

/// One `[commit_types]` entry (cocogitto's `CommitConfig`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CommitConfig {
    pub changelog_title: Option<String>,
    pub omit_from_changelog: Option<bool>,
    pub bump_minor: Option<bool>,
    pub bump_patch: Option<bool>,
    pub order: Option<u32>,
}

impl CommitConfig {
    fn titled(title: &str, order: u32) -> CommitConfig {
        CommitConfig {
            changelog_title: Some(title.into()),
            omit_from_changelog: Some(false),
            bump_minor: Some(false),
            bump_patch: Some(false),
            order: Some(order),
        }
    }

    /// No setting that counts (`order` does not): such an entry disables the type.
    pub fn none(&self) -> bool {
        self.bump_patch.is_none()
            && self.omit_from_changelog.is_none()
            && self.bump_minor.is_none()
            && self.changelog_title.is_none()
    }

    fn merge(self, other: CommitConfig) -> CommitConfig {
        if other.none() {
            return other;
        }
        CommitConfig {
            changelog_title: other.changelog_title.or(self.changelog_title),
            omit_from_changelog: other.omit_from_changelog.or(self.omit_from_changelog),
            bump_minor: other.bump_minor.or(self.bump_minor),
            bump_patch: other.bump_patch.or(self.bump_patch),
            order: other.order.or(self.order),
        }
    }
}

/// `[changelog]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Changelog {
    pub template: Option<String>,
    pub package_template: Option<String>,
    pub remote: Option<String>,
    pub path: String,
    pub owner: Option<String>,
    pub repository: Option<String>,
    pub authors: Vec<Author>,
}

impl Default for Changelog {
    fn default() -> Changelog {
        Changelog {
            template: None,
            package_template: None,
            remote: None,
            path: "CHANGELOG.md".into(),
            owner: None,
            repository: None,
            authors: Vec::new(),
        }
    }
}

/// `[[changelog.authors]]`: a git author name and the forge user it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub signature: String,
    pub username: String,
}

/// `[monorepo]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Monorepo {
    pub resolver: Option<String>,
    pub packages: BTreeMap<String, Package>,
}

/// `[monorepo.packages.NAME]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Package {
    pub path: String,
    pub include: Vec<String>,
    pub ignore: Vec<String>,
    pub changelog_path: Option<String>,
    pub public_api: bool,
    pub bump_order: Option<usize>,
    pub pre_bump_hooks: Option<Vec<String>>,
    pub post_bump_hooks: Option<Vec<String>>,
    pub bump_profiles: toml::Table,
}

impl Default for Package {
    fn default() -> Package {
        Package {
            path: String::new(),
            include: Vec::new(),
            ignore: Vec::new(),
            changelog_path: None,
            public_api: true,
            bump_order: None,
            pre_bump_hooks: None,
            post_bump_hooks: None,
            bump_profiles: toml::Table::new(),
        }
    }
}

/// A commit type's settings after merging `[commit_types]` over the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRule {
    /// The type in lowercase, as cocogitto compares types (`Feat` is `feat`).
    pub name: String,
    /// The changelog heading (`None` for a custom type without `changelog_title`).
    pub title: Option<String>,
    pub omit: bool,
    pub bump_minor: bool,
    pub bump_patch: bool,
    /// Groups are sorted on it; unset is 0.
    pub order: u32,
}

/// cocogitto's `load_commit_types`: the default types, each merged with its
/// `[commit_types]` entry, plus the custom types; an entry with no setting removes its type.
pub fn commit_types(custom: &BTreeMap<String, CommitConfig>) -> Vec<TypeRule> {
    let defaults = [
        (
            "feat",
            CommitConfig::titled("Features", 1).with(|c| c.bump_minor = Some(true)),
        ),
        (
            "fix",
            CommitConfig::titled("Bug Fixes", 2).with(|c| c.bump_patch = Some(true)),
        ),
        ("perf", CommitConfig::titled("Performance Improvements", 3)),
        ("revert", CommitConfig::titled("Revert", 4)),
        ("docs", CommitConfig::titled("Documentation", 5)),
        ("test", CommitConfig::titled("Tests", 6)),
        ("build", CommitConfig::titled("Build system", 7)),
        ("ci", CommitConfig::titled("Continuous Integration", 8)),
        ("refactor", CommitConfig::titled("Refactoring", 9)),
        ("chore", CommitConfig::titled("Miscellaneous Chores", 10)),
        ("style", CommitConfig::titled("Style", 11)),
    ];
    let mut custom: BTreeMap<String, CommitConfig> = custom
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    let mut merged: Vec<(String, CommitConfig)> = defaults
        .into_iter()
        .map(|(name, config)| match custom.remove(name) {
            Some(own) => (name.to_string(), config.merge(own)),
            None => (name.to_string(), config),
        })
        .collect();
    merged.extend(custom);
    merged
        .into_iter()
        .filter(|(_, config)| !config.none())
        .map(|(name, config)| TypeRule {
            name,
            title: config.changelog_title.clone(),
            omit: config.omit_from_changelog.unwrap_or(false),
            bump_minor: config.bump_minor.unwrap_or(false),
            bump_patch: config.bump_patch.unwrap_or(false),
            order: config.order.unwrap_or(0),
        })
        .collect()
}

trait With: Sized {
    fn with(self, f: impl FnOnce(&mut Self)) -> Self;
}

impl With for CommitConfig {
    fn with(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

/// Parses `cog.toml`; an empty file is the defaults. Errors are `cog.toml:line:column: …`.
pub fn parse(shown: &str, text: &str) -> Result<CogToml, String> {
    if text.is_empty() {
        return Ok(CogToml::default());
    }
    toml::from_str::<CogToml>(text).map_err(|error| {
        let (line, column) = error
            .span()
            .map(|span| crate::model::error::line_column(text, span.start))
            .unwrap_or((1, 1));
        format!(
            "{shown}:{line}:{column}: {} (cocogitto stops with \"failed to parse config\")",
            error.message().trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule<'a>(rules: &'a [TypeRule], name: &str) -> Option<&'a TypeRule> {
        rules.iter().find(|r| r.name == name)
    }

    #[test]
    fn default_types_and_overrides() {
        let defaults = commit_types(&BTreeMap::new());
        assert_eq!(defaults.len(), 11);
        assert!(rule(&defaults, "feat").unwrap().bump_minor);
        assert!(!rule(&defaults, "perf").unwrap().bump_patch);
        let config: CogToml = parse(
            "cog.toml",
            "[commit_types]\nperf = { bump_patch = true }\nfeat = {}\nHotfix = { changelog_title = \"Hotfixes\", bump_patch = true }\nwip = { order = 3 }\n",
        )
        .unwrap();
        let rules = commit_types(&config.commit_types);
        let perf = rule(&rules, "perf").unwrap();
        assert!(perf.bump_patch);
        assert_eq!(perf.title.as_deref(), Some("Performance Improvements"));
        assert_eq!(perf.order, 3);
        assert!(
            rule(&rules, "feat").is_none(),
            "an empty entry removes the type"
        );
        assert!(rule(&rules, "wip").is_none(), "order alone is no setting");
        let hotfix = rule(&rules, "hotfix").unwrap();
        assert_eq!((hotfix.order, hotfix.bump_patch), (0, true));
    }

    #[test]
    fn errors_are_located() {
        let error = parse("cog.toml", "tag_prefix = \"v\"\nbogus = 1\n").unwrap_err();
        assert!(
            error.starts_with("cog.toml:2:1: unknown field `bogus`"),
            "{error}"
        );
        let error = parse("cog.toml", "tag_prefix = \"v\n").unwrap_err();
        assert!(error.starts_with("cog.toml:1:"), "{error}");
        let error = parse("cog.toml", "[packages.a]\npath = \"a\"\n").unwrap_err();
        assert!(error.contains("unknown field `packages`"), "{error}");
        let config = parse("cog.toml", "[monorepo.packages.a]\npath = \"a\"\n").unwrap();
        let package = &config.monorepo.unwrap().packages["a"];
        assert!(package.public_api);
        assert!(parse("cog.toml", "").is_ok());
    }
}
