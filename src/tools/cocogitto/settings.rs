//! `cog.toml` as cocogitto 7.0.0 reads it: every key known (an unknown key makes cog stop
//! with "failed to parse config"), `[commit_types]` merged over the eleven default types,
//! `[changelog]` and `[monorepo.packages.NAME]`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::notes::{Layout, Remote, Template};
use super::{Cocogitto, PackageRule};
use crate::model::ConfigError;
use crate::model::components::glob_set;
use crate::model::files::Files;

/// The settings herald uses, and the ones it only checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
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
    pub bump_profiles: BTreeMap<String, BumpProfile>,
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
            bump_profiles: BTreeMap::new(),
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
#[serde(default)]
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
pub struct Author {
    pub signature: String,
    pub username: String,
}

/// `[monorepo]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Monorepo {
    pub resolver: Option<String>,
    pub packages: BTreeMap<String, Package>,
}

/// `[bump_profiles.NAME]` (at the top or in a package): cocogitto 7.0.0's `BumpProfile`
/// (src/settings/mod.rs), `deny_unknown_fields` like the rest, so a key such as `hooks`
/// (shown in its own 6.5 → 7.0 migration guide) stops cog.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BumpProfile {
    pub pre_bump_hooks: Vec<String>,
    pub post_bump_hooks: Vec<String>,
}

/// `[monorepo.packages.NAME]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Package {
    pub path: String,
    pub include: Vec<String>,
    pub ignore: Vec<String>,
    pub changelog_path: Option<String>,
    pub public_api: bool,
    pub bump_order: Option<usize>,
    pub pre_bump_hooks: Option<Vec<String>>,
    pub post_bump_hooks: Option<Vec<String>>,
    pub bump_profiles: BTreeMap<String, BumpProfile>,
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
            bump_profiles: BTreeMap::new(),
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

/// Parses `cog.toml`; an empty file is the defaults. Errors are located in the file.
/// Keys cocogitto 7 does not know come back by name: cocogitto 7 stops on them, but the
/// older versions many CIs still run accepted them, so they are a warning, not an error.
pub fn parse(shown: &str, text: &str) -> Result<(CogToml, Vec<String>), ConfigError> {
    if text.is_empty() {
        return Ok((CogToml::default(), Vec::new()));
    }
    let located = |error: toml::de::Error| {
        let offset = error.span().map_or(0, |span| span.start);
        ConfigError::at(
            Path::new(shown),
            text,
            offset,
            format!(
                "{} (cocogitto stops with \"failed to parse config\")",
                error.message().trim()
            ),
        )
    };
    let document = toml::Deserializer::parse(text).map_err(located)?;
    let mut unknown = Vec::new();
    let config = serde_ignored::deserialize(document, |key| unknown.push(key.to_string()))
        .map_err(located)?;
    Ok((config, unknown))
}

/// Reads `cog.toml` (or the defaults when there is none).
pub fn load(files: &dyn Files, file: Option<&str>) -> Result<Cocogitto, ConfigError> {
    let (shown, text) = match file {
        Some(path) => {
            let text = files.read(path)?.ok_or_else(|| {
                ConfigError::whole(
                    Path::new(path),
                    "cannot read cocogitto's configuration: it is not there",
                )
            })?;
            (path, text)
        }
        None => ("cog.toml", String::new()),
    };
    from_text(shown, &text)
}

/// Reads `cog.toml` from its text; `shown` names it in errors.
pub fn from_text(shown: &str, text: &str) -> Result<Cocogitto, ConfigError> {
    let (config, unknown) = parse(shown, text)?;
    let whole = |message: String| ConfigError::whole(Path::new(shown), message);
    let changelog = &config.changelog;
    let remote = match (&changelog.remote, &changelog.owner, &changelog.repository) {
        (Some(remote), Some(owner), Some(repository)) => Some(Remote {
            platform: format!("https://{remote}"),
            repository_url: format!("https://{remote}/{owner}/{repository}"),
        }),
        (None, None, None) => None,
        _ => {
            return Err(whole(
                "[changelog] needs all of `remote`, `owner` and `repository`, or none (cocogitto stops otherwise)".into(),
            ));
        }
    };
    let mut notices: Vec<String> = unknown
        .iter()
        .map(|key| {
            format!(
                "{shown}: `{key}` is not a key cocogitto 7 knows (it stops on it; earlier versions ignored it): ignored"
            )
        })
        .collect();
    let mut template = |name: Option<&str>, key: &str| -> Result<Template, ConfigError> {
        match name {
            None | Some("default") => Ok(Template::Default),
            Some("remote") if remote.is_some() => Ok(Template::Remote),
            Some("remote") => Err(whole(format!(
                "[changelog] {key} = \"remote\" needs `remote`, `owner` and `repository` (cocogitto cannot render it without them)"
            ))),
            Some(other) => {
                notices.push(format!(
                    "cog.toml's changelog {key} `{other}` is not reproduced: herald shows the notes in cocogitto's default layout"
                ));
                Ok(Template::Default)
            }
        }
    };
    let authors: Vec<(String, String)> = changelog
        .authors
        .iter()
        .map(|a| (a.signature.clone(), a.username.clone()))
        .collect();
    let layout = Layout {
        template: template(changelog.template.as_deref(), "template")?,
        remote: remote.clone(),
        authors: authors.clone(),
    };
    let package_layout = Layout {
        template: template(changelog.package_template.as_deref(), "package_template")?,
        remote,
        authors,
    };
    let mut packages = Vec::new();
    if let Some(monorepo) = &config.monorepo {
        for (name, package) in &monorepo.packages {
            let mut globs = vec![format!("{}/**", package.path.trim_end_matches('/'))];
            globs.extend(package.include.iter().cloned());
            let compile = |globs: &[String]| {
                glob_set(globs).map_err(|e| whole(format!("[monorepo.packages.{name}]: {e}")))
            };
            packages.push(PackageRule {
                name: name.clone(),
                path: package.path.clone(),
                include: compile(&globs)?,
                ignore: compile(&package.ignore)?,
                globs,
                public_api: package.public_api,
                bump_order: package.bump_order,
            });
        }
        if monorepo.resolver.is_some() {
            notices.push(
                "cog.toml's [monorepo] resolver only orders the package bumps; herald orders them by bump_order, then name"
                    .to_string(),
            );
        }
    }
    packages.sort_by(|a, b| (a.bump_order, &a.name).cmp(&(b.bump_order, &b.name)));
    if !config.generate_mono_repository_package_tags && !packages.is_empty() {
        notices.push(
            "generate_mono_repository_package_tags = false is not reproduced: herald forecasts package tags"
                .to_string(),
        );
    }
    Ok(Cocogitto {
        prefix: config.tag_prefix.clone().unwrap_or_default(),
        types: commit_types(&config.commit_types),
        scopes: config.scopes.clone(),
        ignore_merge_commits: config.ignore_merge_commits,
        ignore_fixup_commits: config.ignore_fixup_commits,
        layout,
        package_layout,
        packages,
        separator: config
            .monorepo_version_separator
            .clone()
            .unwrap_or_else(|| "-".into()),
        global_tag: config.generate_mono_repository_global_tag,
        notices,
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
        let (config, _) = parse(
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
    fn errors_are_located_and_unknown_keys_named() {
        let (_, unknown) = parse("cog.toml", "tag_prefix = \"v\"\nbogus = 1\n").unwrap();
        assert_eq!(unknown, ["bogus"]);
        let (_, unknown) = parse(
            "cog.toml",
            "[bump_profiles.default]\nhooks = [\"cargo test\"]\npre_bump_hooks = []\n",
        )
        .unwrap();
        assert_eq!(unknown, ["bump_profiles.default.hooks"]);
        let error = parse("cog.toml", "tag_prefix = \"v\n").unwrap_err();
        assert!(error.to_string().starts_with("cog.toml:1:"), "{error}");
        let error = parse("cog.toml", "tag_prefix = 1\n").unwrap_err();
        assert!(
            error.to_string().starts_with("cog.toml:1:14: invalid type"),
            "{error}"
        );
        let (_, unknown) = parse("cog.toml", "[packages.a]\npath = \"a\"\n").unwrap();
        assert_eq!(unknown, ["packages"]);
        let (config, unknown) = parse("cog.toml", "[monorepo.packages.a]\npath = \"a\"\n").unwrap();
        assert!(unknown.is_empty());
        let package = &config.monorepo.unwrap().packages["a"];
        assert!(package.public_api);
        assert!(parse("cog.toml", "").is_ok());
    }
}
