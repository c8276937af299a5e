//! git-cliff's configuration: `cliff.toml` (or `.cliff.toml`, `.config/cliff.toml`,
//! `[tool.git-cliff]` in pyproject.toml, `[package|workspace.metadata.git-cliff]` in
//! Cargo.toml), layered over git-cliff 2.14.2's own default configuration as git-cliff
//! does (`Config::load`: the embedded `cliff.toml` first, the project's file over it).

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::model::ConfigError;
use crate::model::error::toml_offset;

/// git-cliff 2.14.2's embedded default configuration (`git-cliff --init` writes the same).
const DEFAULTS: &str = include_str!("defaults.toml");

/// What herald reads of a git-cliff configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub git: Git,
    pub bump: Bump,
    pub changelog: Changelog,
    /// `[remote.<forge>] owner/repo` for templates that link to the forge.
    pub remote: serde_json::Value,
    /// Options herald does not reproduce, named for a warning.
    pub unsupported: Vec<String>,
    /// Where the settings come from, for messages: `cliff.toml`, or git-cliff's defaults.
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct Git {
    pub conventional_commits: bool,
    pub require_conventional: bool,
    pub filter_unconventional: bool,
    pub split_commits: bool,
    pub commit_preprocessors: Vec<TextProcessor>,
    pub commit_parsers: Vec<CommitParser>,
    pub protect_breaking_commits: bool,
    pub filter_commits: bool,
    pub link_parsers: Vec<LinkParser>,
    pub tag_pattern: Option<Regex>,
    pub skip_tags: Option<Regex>,
    pub ignore_tags: Option<Regex>,
    /// `oldest` or `newest`.
    pub sort_commits: String,
    pub topo_order_commits: bool,
    pub include_paths: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TextProcessor {
    pub pattern: Regex,
    pub replace: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CommitParser {
    pub sha: Option<String>,
    pub message: Option<Regex>,
    pub body: Option<Regex>,
    pub footer: Option<Regex>,
    pub group: Option<String>,
    pub default_scope: Option<String>,
    pub scope: Option<String>,
    pub skip: Option<bool>,
    pub keep_going: Option<bool>,
    pub field: Option<String>,
    pub pattern: Option<Regex>,
}

#[derive(Debug, Clone)]
pub struct LinkParser {
    pub pattern: Regex,
    pub href: String,
    pub text: Option<String>,
}

/// `[bump]`.
#[derive(Debug, Clone, Default)]
pub struct Bump {
    pub features_always_bump_minor: Option<bool>,
    pub breaking_always_bump_major: Option<bool>,
    pub initial_tag: Option<String>,
    pub custom_major_increment_regex: Option<String>,
    pub custom_minor_increment_regex: Option<String>,
    pub no_increment_regex: Option<String>,
    pub bump_type: Option<String>,
}

/// `[changelog]`.
#[derive(Debug, Clone)]
pub struct Changelog {
    pub body: String,
    pub trim: bool,
    pub postprocessors: Vec<TextProcessor>,
}

// The file's shape, as git-cliff deserialises it (unknown keys are ignored).

#[derive(Deserialize, Default)]
struct RawConfig {
    #[serde(default)]
    changelog: RawChangelog,
    #[serde(default)]
    git: RawGit,
    #[serde(default)]
    bump: RawBump,
    #[serde(default)]
    remote: Option<toml::Table>,
}

#[derive(Deserialize, Default)]
struct RawChangelog {
    #[serde(default)]
    body: String,
    #[serde(default)]
    trim: bool,
    #[serde(default)]
    postprocessors: Vec<RawProcessor>,
}

#[derive(Deserialize, Default)]
struct RawGit {
    #[serde(default)]
    conventional_commits: bool,
    #[serde(default)]
    require_conventional: bool,
    #[serde(default)]
    filter_unconventional: bool,
    #[serde(default)]
    split_commits: bool,
    #[serde(default)]
    commit_preprocessors: Vec<RawProcessor>,
    #[serde(default)]
    commit_parsers: Vec<RawParser>,
    #[serde(default)]
    protect_breaking_commits: bool,
    #[serde(default)]
    filter_commits: bool,
    #[serde(default)]
    link_parsers: Vec<RawLinkParser>,
    tag_pattern: Option<String>,
    skip_tags: Option<String>,
    ignore_tags: Option<String>,
    #[serde(default)]
    sort_commits: String,
    #[serde(default)]
    topo_order_commits: bool,
    #[serde(default)]
    include_paths: Vec<String>,
    #[serde(default)]
    exclude_paths: Vec<String>,
    processing_order: Option<toml::Value>,
    #[serde(default)]
    use_branch_tags: bool,
}

/// Where git-cliff's settings sit in a file that holds other things too.
#[derive(Deserialize)]
struct InPyproject {
    tool: InTool,
}

#[derive(Deserialize)]
struct InTool {
    #[serde(rename = "git-cliff")]
    cliff: RawConfig,
}

#[derive(Deserialize)]
struct InCargoPackage {
    package: InMetadata,
}

#[derive(Deserialize)]
struct InCargoWorkspace {
    workspace: InMetadata,
}

#[derive(Deserialize)]
struct InMetadata {
    metadata: InTool,
}

/// A problem with a value: where it is under git-cliff's settings (`git`,
/// `commit_parsers`, `0`, `message`) and what is wrong.
#[derive(Debug)]
struct Problem {
    key: Vec<String>,
    message: String,
}

impl Problem {
    fn at(key: &[&str], message: String) -> Problem {
        Problem {
            key: key.iter().map(|k| k.to_string()).collect(),
            message,
        }
    }
}

#[derive(Deserialize)]
struct RawProcessor {
    pattern: String,
    replace: Option<String>,
    replace_command: Option<String>,
}

#[derive(Deserialize)]
struct RawParser {
    sha: Option<String>,
    message: Option<String>,
    body: Option<String>,
    footer: Option<String>,
    group: Option<String>,
    default_scope: Option<String>,
    scope: Option<String>,
    skip: Option<bool>,
    #[serde(rename = "continue")]
    keep_going: Option<bool>,
    field: Option<String>,
    pattern: Option<String>,
}

#[derive(Deserialize)]
struct RawLinkParser {
    pattern: String,
    href: String,
    text: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawBump {
    features_always_bump_minor: Option<bool>,
    breaking_always_bump_major: Option<bool>,
    initial_tag: Option<String>,
    custom_major_increment_regex: Option<String>,
    custom_minor_increment_regex: Option<String>,
    no_increment_regex: Option<String>,
    bump_type: Option<String>,
}

impl Settings {
    /// git-cliff's defaults alone (no configuration file).
    pub fn defaults() -> Settings {
        Settings::from_table(DEFAULTS.parse().expect("the embedded defaults parse"))
            .expect("the embedded defaults are valid")
    }

    /// Reads a configuration file; `name` is the file's name, which decides where in it
    /// git-cliff's settings are (a manifest holds them under a metadata table). Errors
    /// point at the value in the file, with the section named as the file names it.
    pub fn from_file_text(path: &str, text: &str) -> Result<Settings, ConfigError> {
        let shown = Path::new(path);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e.span().map_or(0, |s| s.start);
            ConfigError::at(shown, text, at, e.message().trim())
        })?;
        let name = path.rsplit('/').next().unwrap_or(path);
        let prefixes: &[&[&str]] = match name {
            "pyproject.toml" => &[&["tool", "git-cliff"]],
            "Cargo.toml" => &[
                &["package", "metadata", "git-cliff"],
                &["workspace", "metadata", "git-cliff"],
            ],
            _ => &[&[]],
        };
        let (prefix, own) = prefixes
            .iter()
            .find_map(|prefix| Some((*prefix, lookup(&table, prefix)?)))
            .ok_or_else(|| ConfigError::whole(shown, "no git-cliff settings in this file"))?;
        if let Some(error) = typed_error(text, prefix) {
            let at = error.span().map_or(0, |s| s.start);
            return Err(ConfigError::at(shown, text, at, error.message().trim()));
        }
        let mut merged: toml::Table = DEFAULTS.parse().expect("the embedded defaults parse");
        merge(&mut merged, own);
        let mut settings = Settings::from_table(merged).map_err(|problem| {
            let mut key: Vec<String> = prefix.iter().map(|k| k.to_string()).collect();
            key.extend(problem.key.iter().cloned());
            let at = toml_offset(text, &key).unwrap_or(0);
            let place = shown_key(prefix, &problem.key);
            ConfigError::at(shown, text, at, format!("{place}: {}", problem.message))
        })?;
        settings.file = path.to_string();
        Ok(settings)
    }

    fn from_table(table: toml::Table) -> Result<Settings, Problem> {
        let raw: RawConfig = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| Problem::at(&[], e.message().trim().to_string()))?;
        let mut unsupported = Vec::new();
        let g = raw.git;
        if g.processing_order.is_some() {
            unsupported.push("[git] processing_order (the default order is used)".to_string());
        }
        if !g.exclude_paths.is_empty() {
            unsupported.push("[git] exclude_paths".to_string());
        }
        if g.use_branch_tags {
            unsupported.push("[git] use_branch_tags".to_string());
        }
        let processors =
            |list: Vec<RawProcessor>, key: [&str; 2], unsupported: &mut Vec<String>| {
                list.into_iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        if p.replace_command.is_some() && p.replace.is_none() {
                            unsupported.push(format!(
                                "[{}] {} with replace_command (not run)",
                                key[0], key[1]
                            ));
                            return None;
                        }
                        let index = i.to_string();
                        let at = [key[0], key[1], &index, "pattern"];
                        Some(regex(&p.pattern, &at).map(|pattern| TextProcessor {
                            pattern,
                            replace: p.replace,
                        }))
                    })
                    .collect::<Result<Vec<_>, Problem>>()
            };
        let commit_preprocessors = processors(
            g.commit_preprocessors,
            ["git", "commit_preprocessors"],
            &mut unsupported,
        )?;
        let postprocessors = processors(
            raw.changelog.postprocessors,
            ["changelog", "postprocessors"],
            &mut unsupported,
        )?;
        let commit_parsers = g
            .commit_parsers
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let index = i.to_string();
                let key = |field| ["git", "commit_parsers", &index, field];
                Ok(CommitParser {
                    sha: p.sha,
                    message: optional_regex(p.message, &key("message"))?,
                    body: optional_regex(p.body, &key("body"))?,
                    footer: optional_regex(p.footer, &key("footer"))?,
                    group: p.group,
                    default_scope: p.default_scope,
                    scope: p.scope,
                    skip: p.skip,
                    keep_going: p.keep_going,
                    field: p.field,
                    pattern: optional_regex(p.pattern, &key("pattern"))?,
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        let link_parsers = g
            .link_parsers
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let index = i.to_string();
                Ok(LinkParser {
                    pattern: regex(&p.pattern, &["git", "link_parsers", &index, "pattern"])?,
                    href: p.href,
                    text: p.text,
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        let b = raw.bump;
        for (key, pattern) in [
            (
                "custom_major_increment_regex",
                &b.custom_major_increment_regex,
            ),
            (
                "custom_minor_increment_regex",
                &b.custom_minor_increment_regex,
            ),
            ("no_increment_regex", &b.no_increment_regex),
        ] {
            if let Some(pattern) = pattern {
                regex(pattern, &["bump", key])?;
            }
        }
        if let Some(kind) = &b.bump_type {
            if !["major", "minor", "patch"].contains(&kind.as_str()) {
                return Err(Problem::at(
                    &["bump", "bump_type"],
                    format!("`{kind}` is not major, minor or patch"),
                ));
            }
        }
        Ok(Settings {
            git: Git {
                conventional_commits: g.conventional_commits,
                require_conventional: g.require_conventional,
                filter_unconventional: g.filter_unconventional,
                split_commits: g.split_commits,
                commit_preprocessors,
                commit_parsers,
                protect_breaking_commits: g.protect_breaking_commits,
                filter_commits: g.filter_commits,
                link_parsers,
                tag_pattern: optional_regex(g.tag_pattern, &["git", "tag_pattern"])?,
                skip_tags: optional_regex(g.skip_tags, &["git", "skip_tags"])?,
                ignore_tags: optional_regex(g.ignore_tags, &["git", "ignore_tags"])?,
                sort_commits: g.sort_commits,
                topo_order_commits: g.topo_order_commits,
                include_paths: g.include_paths,
            },
            bump: Bump {
                features_always_bump_minor: b.features_always_bump_minor,
                breaking_always_bump_major: b.breaking_always_bump_major,
                initial_tag: b.initial_tag,
                custom_major_increment_regex: b.custom_major_increment_regex,
                custom_minor_increment_regex: b.custom_minor_increment_regex,
                no_increment_regex: b.no_increment_regex,
                bump_type: b.bump_type,
            },
            changelog: Changelog {
                body: raw.changelog.body,
                trim: raw.changelog.trim,
                postprocessors,
            },
            remote: raw
                .remote
                .map(|t| serde_json::to_value(t).unwrap_or_default())
                .unwrap_or(serde_json::Value::Null),
            unsupported,
            file: "git-cliff's default configuration".to_string(),
        })
    }
}

fn regex(pattern: &str, key: &[&str]) -> Result<Regex, Problem> {
    Regex::new(pattern).map_err(|e| {
        let detail = e.to_string();
        let last = detail.lines().last().unwrap_or("").trim().to_string();
        Problem::at(key, format!("`{pattern}` is not a valid regex: {last}"))
    })
}

fn optional_regex(pattern: Option<String>, key: &[&str]) -> Result<Option<Regex>, Problem> {
    pattern.map(|p| regex(&p, key)).transpose()
}

/// The typed reading of the file's own text, for a wrong type's position (reading the
/// merged settings loses it).
fn typed_error(text: &str, prefix: &[&str]) -> Option<toml::de::Error> {
    let own: Result<RawConfig, toml::de::Error> = match prefix {
        ["tool", "git-cliff"] => toml::from_str::<InPyproject>(text).map(|f| f.tool.cliff),
        ["package", ..] => toml::from_str::<InCargoPackage>(text).map(|f| f.package.metadata.cliff),
        ["workspace", ..] => {
            toml::from_str::<InCargoWorkspace>(text).map(|f| f.workspace.metadata.cliff)
        }
        _ => toml::from_str::<RawConfig>(text),
    };
    own.err()
}

/// A key as the file writes it: `[tool.git-cliff.git] commit_parsers[0].message`.
fn shown_key(prefix: &[&str], key: &[String]) -> String {
    let mut table: Vec<&str> = prefix.to_vec();
    let mut rest = key.iter();
    if let Some(first) = rest.next() {
        table.push(first);
    }
    let mut shown = format!("[{}]", table.join("."));
    for (i, part) in rest.enumerate() {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            shown.push_str(&format!("[{part}]"));
        } else {
            shown.push(if i == 0 { ' ' } else { '.' });
            shown.push_str(part);
        }
    }
    shown
}

/// The table at `keys` (the whole table for no keys).
fn lookup(table: &toml::Table, keys: &[&str]) -> Option<toml::Table> {
    let Some((first, rest)) = keys.split_first() else {
        return Some(table.clone());
    };
    let mut value = table.get(*first)?;
    for key in rest {
        value = value.get(key)?;
    }
    value.as_table().cloned()
}

/// Layers `over` onto `base` as the `config` crate does: tables merge key by key, any
/// other value (arrays included) replaces.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_git_cliffs() {
        let settings = Settings::defaults();
        assert!(settings.git.conventional_commits && settings.git.filter_unconventional);
        assert_eq!(settings.git.commit_parsers.len(), 15);
        assert_eq!(settings.git.sort_commits, "oldest");
        assert!(settings.changelog.trim);
        assert!(settings.unsupported.is_empty());
    }

    #[test]
    fn the_project_file_layers_over_the_defaults() {
        let settings =
            Settings::from_file_text("cliff.toml", "[bump]\nfeatures_always_bump_minor = false\n")
                .unwrap();
        assert_eq!(settings.bump.features_always_bump_minor, Some(false));
        assert_eq!(
            settings.git.commit_parsers.len(),
            15,
            "untouched tables keep the defaults"
        );
        let settings = Settings::from_file_text(
            "cliff.toml",
            "[git]\ncommit_parsers = [{ message = \"^feat\", group = \"New\" }]\n",
        )
        .unwrap();
        assert_eq!(settings.git.commit_parsers.len(), 1, "arrays replace");
        assert!(settings.git.filter_unconventional);
    }

    #[test]
    fn manifests_hold_the_settings_under_metadata() {
        let cargo = "[package]\nname = \"x\"\n\n[package.metadata.git-cliff.bump]\ninitial_tag = \"1.0.0\"\n";
        assert_eq!(
            Settings::from_file_text("Cargo.toml", cargo)
                .unwrap()
                .bump
                .initial_tag
                .as_deref(),
            Some("1.0.0")
        );
        let pyproject = "[tool.git-cliff.git]\nsort_commits = \"newest\"\n";
        assert_eq!(
            Settings::from_file_text("pyproject.toml", pyproject)
                .unwrap()
                .git
                .sort_commits,
            "newest"
        );
    }

    #[test]
    fn bad_files_say_where() {
        let error = Settings::from_file_text("cliff.toml", "[git\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("cliff.toml:1:"), "{error}");
        let error = Settings::from_file_text("cliff.toml", "[git]\ntag_pattern = \"v[\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cliff.toml:2:15: [git] tag_pattern: `v[` is not a valid regex"),
            "{error}"
        );
        let pyproject = "[project]\nname = \"x\"\n\n[tool.git-cliff.git]\ncommit_parsers = [\n  { message = \"^ok\" },\n  { message = \"^feat(\", group = \"x\" },\n]\n";
        let error = Settings::from_file_text("pyproject.toml", pyproject)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "pyproject.toml:7:15: [tool.git-cliff.git] commit_parsers[1].message: `^feat(` is not a valid regex"
            ),
            "{error}"
        );
        let error = Settings::from_file_text("cliff.toml", "[git]\nsplit_commits = \"yes\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cliff.toml:2:17: invalid type: string \"yes\", expected a boolean"),
            "{error}"
        );
    }
}
