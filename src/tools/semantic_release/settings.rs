//! semantic-release 25's configuration, as cosmiconfig finds it (`package.json` `"release"`,
//! `.releaserc` in YAML or JSON, `.releaserc.json`, `.releaserc.yaml`, `.releaserc.yml`, and
//! the JavaScript forms, which herald cannot evaluate), read into what the two plugins that
//! decide a release use: commit-analyzer's and release-notes-generator's options.
//!
//! Options given at the top level reach every plugin; a plugin's own options
//! (`["@semantic-release/commit-analyzer", { … }]`) override them for that plugin alone, so
//! the version and the notes can follow different presets.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use serde_json::{Map, Value};

use super::conventionalcommits::{self, TypeEntry};
use super::preset::Preset;
use super::rules::Rule;
use crate::model::ConfigError;
use crate::model::files::Files;

pub const COMMIT_ANALYZER: &str = "@semantic-release/commit-analyzer";
pub const NOTES_GENERATOR: &str = "@semantic-release/release-notes-generator";
pub const CHANGELOG: &str = "@semantic-release/changelog";

/// Plugins that neither decide the release type nor write its notes.
const QUIET_PLUGINS: [&str; 6] = [
    "@semantic-release/npm",
    "@semantic-release/github",
    "@semantic-release/gitlab",
    "@semantic-release/git",
    "@semantic-release/changelog",
    "@semantic-release/apm",
];

/// semantic-release's settings, as far as the release and its notes depend on them.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `tagFormat`, e.g. `v${version}`.
    pub tag_format: String,
    pub branches: Vec<Branch>,
    /// `repositoryUrl`, else `package.json`'s `repository`; `None`: the `origin` remote.
    pub repository_url: Option<String>,
    /// commit-analyzer's options; `None` when it is not among the plugins.
    pub analyzer: Option<PluginOptions>,
    /// release-notes-generator's options; `None` when it is not among the plugins.
    pub notes: Option<PluginOptions>,
    /// @semantic-release/changelog's `changelogTitle`, when that plugin is used.
    pub changelog_title: Option<String>,
    /// What the configuration holds that herald cannot reproduce, said with every preview.
    pub warnings: Vec<String>,
}

/// A `branches` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// A name or a micromatch glob.
    pub name: String,
    /// `prerelease: true` (the branch's name) or the pre-release label.
    pub prerelease: Option<String>,
    /// A maintenance branch (`range`, or a name such as `1.x` or `1.2.x`).
    pub maintenance: bool,
}

/// One plugin's options (the top-level options overridden by the plugin's own).
#[derive(Debug, Clone)]
pub struct PluginOptions {
    pub preset: Preset,
    /// `parserOpts`, applied over the preset's parser options.
    pub parser_opts: Value,
    /// `releaseRules` (commit-analyzer).
    pub release_rules: Option<Vec<Rule>>,
    /// The conventionalcommits preset's `presetConfig`.
    pub cc: conventionalcommits::Config,
    /// `presetConfig.issuePrefixes` as given (the conventionalcommits parser reads it).
    pub issue_prefixes: Option<Vec<String>>,
    /// `presetConfig.ignoreCommits`: messages the notes leave out.
    pub ignore_commits: Option<Regex>,
    pub link_compare: Option<bool>,
    pub link_references: Option<bool>,
    /// `host`, `commit`, `issue`: overrides of the notes' link parts.
    pub host: Option<String>,
    pub commit: Option<String>,
    pub issue: Option<String>,
}

impl Default for Settings {
    /// semantic-release's defaults: the angular preset for both plugins.
    fn default() -> Settings {
        Settings::from_value(&Value::Object(Map::new()), None)
    }
}

impl Settings {
    /// Reads the configuration file semantic-release would use (`path`, from the
    /// repository's root); `Err` names the file, line and column of what cannot be read.
    pub fn load(files: &dyn Files, path: &str) -> Result<Settings, ConfigError> {
        let repository = package_repository(files);
        let name = path.rsplit('/').next().unwrap_or(path);
        if is_javascript(name) {
            let mut settings = Settings::from_value(&Value::Object(Map::new()), repository);
            settings.warnings.insert(
                0,
                format!(
                    "{name} is JavaScript, which herald cannot evaluate: assumed semantic-release's defaults (branches main, master, next, …; tagFormat v${{version}}; the angular preset; the default release rules)"
                ),
            );
            return Ok(settings);
        }
        let shown = Path::new(path);
        let text = files
            .read(path)?
            .ok_or_else(|| ConfigError::whole(shown, "cannot read the file: it is not there"))?;
        let value = if name == "package.json" {
            let json = parse_json(&text, shown)?;
            json.get("release").cloned().unwrap_or(Value::Null)
        } else if name.ends_with(".json") {
            parse_json(&text, shown)?
        } else {
            parse_yaml(&text, shown)?
        };
        let value = match value {
            Value::Null => Value::Object(Map::new()),
            Value::Object(_) => value,
            _ => {
                return Err(ConfigError::whole(
                    shown,
                    "the semantic-release configuration must be an object",
                ));
            }
        };
        let settings = Settings::from_value(&value, repository);
        if !settings.tag_format.contains("${version}") {
            return Err(ConfigError::whole(
                shown,
                "`tagFormat` must contain the variable `${version}` (semantic-release: ETAGNOVERSION)",
            ));
        }
        Ok(settings)
    }

    /// The settings a configuration object gives; `repository` is `package.json`'s
    /// `repository`, which `repositoryUrl` defaults to.
    pub fn from_value(value: &Value, repository: Option<String>) -> Settings {
        let empty = Map::new();
        let object = value.as_object().unwrap_or(&empty);
        let mut warnings = Vec::new();
        if let Some(extends) = object.get("extends") {
            let shown = match extends {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            warnings.push(format!(
                "`extends: {shown}`: herald cannot load shareable configurations; only the options written here are used"
            ));
        }
        warnings.extend(wrong_types(object));
        let tag_format = object
            .get("tagFormat")
            .and_then(Value::as_str)
            .unwrap_or("v${version}")
            .to_string();
        let branches = match object.get("branches") {
            None | Some(Value::Null) => default_branches(),
            Some(Value::Array(items)) => items.iter().filter_map(branch).collect(),
            Some(one) => branch(one).into_iter().collect(),
        };
        let repository_url = object
            .get("repositoryUrl")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or(repository);
        let plugins: Vec<(String, Map<String, Value>)> = match object.get("plugins") {
            None | Some(Value::Null) => [
                COMMIT_ANALYZER,
                NOTES_GENERATOR,
                "@semantic-release/npm",
                "@semantic-release/github",
            ]
            .iter()
            .map(|name| (name.to_string(), Map::new()))
            .collect(),
            Some(Value::Array(items)) => items.iter().filter_map(plugin).collect(),
            Some(one) => plugin(one).into_iter().collect(),
        };
        let globals: Map<String, Value> = object.clone();
        let mut analyzer = None;
        let mut notes = None;
        let mut changelog_title = None;
        for (name, own) in &plugins {
            let mut merged = globals.clone();
            merged.extend(own.clone());
            match package_name(name) {
                COMMIT_ANALYZER if analyzer.is_none() => {
                    analyzer = Some(plugin_options(&merged, "commit-analyzer", &mut warnings));
                }
                NOTES_GENERATOR if notes.is_none() => {
                    notes = Some(plugin_options(&merged, "release-notes-generator", &mut warnings));
                }
                CHANGELOG => {
                    changelog_title = merged
                        .get("changelogTitle")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                }
                "@semantic-release/exec" => {
                    for key in ["analyzeCommitsCmd", "generateNotesCmd"] {
                        if merged.get(key).is_some() {
                            warnings.push(format!(
                                "@semantic-release/exec runs `{key}`, which herald cannot reproduce"
                            ));
                        }
                    }
                }
                known if QUIET_PLUGINS.contains(&known) => {}
                COMMIT_ANALYZER | NOTES_GENERATOR => {}
                _ => warnings.push(format!(
                    "plugin `{name}` is not reproduced: if it decides the release type or writes notes, CI may differ"
                )),
            }
        }
        Settings {
            tag_format,
            branches,
            repository_url,
            analyzer,
            notes,
            changelog_title,
            warnings,
        }
    }

    /// The options cycjimmy/semantic-release-action passes over the configuration file's:
    /// `tag_format` and `branches` win; `extends` and a `semantic_version` other than 25
    /// are not reproduced, and said so.
    pub fn apply_action_inputs(&mut self, inputs: &BTreeMap<String, String>, place: &str) {
        if let Some(format) = inputs.get("tag_format").filter(|f| !f.is_empty()) {
            self.tag_format = format.clone();
        }
        let listed: Vec<Value> = inputs
            .get("branches")
            .or(inputs.get("branch"))
            .map(|text| {
                serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.clone()))
            })
            .map(|value| match value {
                Value::Array(items) => items,
                one => vec![one],
            })
            .unwrap_or_default();
        if !listed.is_empty() {
            self.branches = listed.iter().filter_map(branch).collect();
        }
        if let Some(extends) = inputs.get("extends").filter(|e| !e.is_empty()) {
            self.warnings.push(format!(
                "{place}: `extends: {extends}`: herald cannot load shareable configurations; only the options written in the configuration are used"
            ));
        }
        if let Some(version) = inputs.get("semantic_version").filter(|v| !v.is_empty()) {
            if !version
                .trim_start_matches(['^', '~', 'v'])
                .starts_with("25")
            {
                self.warnings.push(format!(
                    "{place}: semantic_version {version}: herald reproduces semantic-release 25"
                ));
            }
        }
    }

    /// The `branches` entry a branch falls under, if any.
    pub fn branch(&self, name: &str) -> Option<&Branch> {
        self.branches
            .iter()
            .find(|b| b.name == name || super::glob::is_match(name, &b.name))
    }
}

/// The kinds of value semantic-release's options take, and what herald assumes when one
/// has another kind (semantic-release would stop, or misread it).
const OPTION_KINDS: [(&str, &[&str], &str); 8] = [
    ("tagFormat", &["string"], "v${version}"),
    (
        "branches",
        &["string", "object", "array"],
        "the default branches",
    ),
    ("repositoryUrl", &["string"], "the `origin` remote"),
    ("plugins", &["string", "array"], "the default plugins"),
    ("preset", &["string"], "angular"),
    ("presetConfig", &["object"], "the preset's defaults"),
    ("parserOpts", &["object"], "the preset's parser options"),
    ("writerOpts", &["object"], "the preset's layout"),
];

/// Options whose value has a kind semantic-release does not take, each as a warning that
/// says what herald assumed instead.
fn wrong_types(object: &Map<String, Value>) -> Vec<String> {
    let kind = |value: &Value| match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    OPTION_KINDS
        .iter()
        .filter_map(|(key, kinds, assumed)| {
            let value = object.get(*key)?;
            let found = kind(value);
            (found != "null" && !kinds.contains(&found)).then(|| {
                let article = |kind: &str| {
                    if kind.starts_with(['a', 'o']) {
                        "an"
                    } else {
                        "a"
                    }
                };
                let wanted: Vec<String> = kinds
                    .iter()
                    .map(|k| format!("{} {k}", article(k)))
                    .collect();
                format!(
                    "`{key}` is {} {found}, where semantic-release takes {}: assumed {assumed}",
                    article(found),
                    wanted.join(" or ")
                )
            })
        })
        .collect()
}

/// The options one plugin sees, from the merged configuration.
fn plugin_options(
    merged: &Map<String, Value>,
    plugin: &str,
    warnings: &mut Vec<String>,
) -> PluginOptions {
    let preset = match merged.get("preset").and_then(Value::as_str) {
        None => Preset::Angular,
        Some(name) => Preset::named(name).unwrap_or_else(|| {
            warnings.push(format!(
                "{plugin}: the preset `{name}` is not reproduced: assumed angular"
            ));
            Preset::Angular
        }),
    };
    if merged.get("preset").is_none() {
        if let Some(config) = merged.get("config").and_then(Value::as_str) {
            warnings.push(format!(
                "{plugin}: the preset package `{config}` is not reproduced: assumed angular"
            ));
        }
    }
    let release_rules = match merged.get("releaseRules") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) if plugin == "commit-analyzer" => {
            let mut rules = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match Rule::from_json(item) {
                    Ok(rule) => rules.push(rule),
                    Err(problem) => warnings.push(format!(
                        "{plugin}: releaseRules[{i}]: {problem} (semantic-release stops with this error)"
                    )),
                }
            }
            Some(rules)
        }
        Some(Value::String(module)) if plugin == "commit-analyzer" => {
            warnings.push(format!(
                "{plugin}: releaseRules are loaded from `{module}`, which herald cannot evaluate: the default rules are assumed"
            ));
            None
        }
        Some(_) if plugin == "commit-analyzer" => {
            warnings.push(format!(
                "{plugin}: \"releaseRules\" must be an array of rules (semantic-release stops with this error)"
            ));
            None
        }
        Some(_) => None,
    };
    if plugin == "release-notes-generator" && merged.get("writerOpts").is_some() {
        warnings.push(format!(
            "{plugin}: writerOpts are not reproduced: the notes use the preset's own layout"
        ));
    }
    let preset_config = merged.get("presetConfig").and_then(Value::as_object);
    let mut cc = conventionalcommits::Config::default();
    let mut issue_prefixes = None;
    let mut ignore_commits = None;
    if let Some(config) = preset_config {
        if let Some(types) = config.get("types").and_then(Value::as_array) {
            cc.types = types.iter().filter_map(type_entry).collect();
        }
        if let Some(prefixes) = config.get("issuePrefixes").and_then(Value::as_array) {
            let prefixes: Vec<String> = prefixes
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            cc.issue_prefixes = prefixes.clone();
            issue_prefixes = Some(prefixes);
        }
        for (key, slot) in [
            ("issueUrlFormat", &mut cc.issue_url_format),
            ("commitUrlFormat", &mut cc.commit_url_format),
            ("compareUrlFormat", &mut cc.compare_url_format),
            ("userUrlFormat", &mut cc.user_url_format),
        ] {
            if let Some(format) = config.get(key).and_then(Value::as_str) {
                *slot = format.to_string();
            }
        }
        cc.scope = match config.get("scope") {
            Some(Value::String(one)) => Some(vec![one.clone()]),
            Some(Value::Array(many)) => Some(
                many.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            ),
            _ => None,
        };
        cc.scope_only = config
            .get("scopeOnly")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if let Some(pattern) = config.get("ignoreCommits").and_then(Value::as_str) {
            match crate::tools::node::jsregex::compile(pattern, false) {
                Ok(regex) => ignore_commits = Some(regex),
                Err(problem) => {
                    warnings.push(format!("{plugin}: presetConfig.ignoreCommits: {problem}"))
                }
            }
        }
    }
    let text = |key: &str| merged.get(key).and_then(Value::as_str).map(str::to_string);
    PluginOptions {
        preset,
        parser_opts: merged.get("parserOpts").cloned().unwrap_or(Value::Null),
        release_rules,
        cc,
        issue_prefixes,
        ignore_commits,
        link_compare: merged.get("linkCompare").and_then(Value::as_bool),
        link_references: merged.get("linkReferences").and_then(Value::as_bool),
        host: text("host"),
        commit: text("commit"),
        issue: text("issue"),
    }
}

fn type_entry(value: &Value) -> Option<TypeEntry> {
    let object = value.as_object()?;
    Some(TypeEntry {
        kind: object.get("type")?.as_str()?.to_string(),
        section: object
            .get("section")
            .and_then(Value::as_str)
            .map(str::to_string),
        hidden: object
            .get("hidden")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        scope: object
            .get("scope")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// A `plugins` entry: a name, or `[name, options]`.
fn plugin(value: &Value) -> Option<(String, Map<String, Value>)> {
    match value {
        Value::String(name) => Some((name.clone(), Map::new())),
        Value::Array(pair) => {
            let name = pair.first()?.as_str()?.to_string();
            let options = pair
                .get(1)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            Some((name, options))
        }
        _ => None,
    }
}

/// The package a plugin name or path refers to (`…/node_modules/@semantic-release/git`).
fn package_name(name: &str) -> &str {
    for known in [
        COMMIT_ANALYZER,
        NOTES_GENERATOR,
        CHANGELOG,
        "@semantic-release/exec",
    ]
    .into_iter()
    .chain(QUIET_PLUGINS)
    {
        if name == known || name.trim_end_matches('/').ends_with(&format!("/{known}")) {
            return known;
        }
    }
    name
}

fn branch(value: &Value) -> Option<Branch> {
    let (name, prerelease, range) = match value {
        Value::String(name) => (name.clone(), None, false),
        Value::Object(object) => {
            let name = object.get("name")?.as_str()?.to_string();
            let prerelease = match object.get("prerelease") {
                Some(Value::Bool(true)) => Some(name.clone()),
                Some(Value::String(label)) => Some(label.replace("${name}", &name)),
                _ => None,
            };
            let range = object
                .get("range")
                .is_some_and(|r| !r.is_null() && r != &Value::Bool(false));
            (name, prerelease, range)
        }
        _ => return None,
    };
    let maintenance = prerelease.is_none() && (range || is_maintenance_name(&name));
    Some(Branch {
        name,
        prerelease,
        maintenance,
    })
}

/// `1.x`, `1.2.x`: semantic-release's maintenance branch names.
fn is_maintenance_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".x") else {
        return false;
    };
    let parts: Vec<&str> = stem.split('.').collect();
    !parts.is_empty()
        && parts.len() <= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn default_branches() -> Vec<Branch> {
    [
        Value::String("+([0-9])?(.{+([0-9]),x}).x".into()),
        Value::String("master".into()),
        Value::String("main".into()),
        Value::String("next".into()),
        Value::String("next-major".into()),
        serde_json::json!({"name": "beta", "prerelease": true}),
        serde_json::json!({"name": "alpha", "prerelease": true}),
    ]
    .iter()
    .filter_map(branch)
    .map(|mut b| {
        if b.name.starts_with("+([0-9])") {
            b.maintenance = true;
        }
        b
    })
    .collect()
}

/// `package.json`'s `repository` (a string, or `{ "url": … }`).
fn package_repository(files: &dyn Files) -> Option<String> {
    let text = files.read("package.json").ok()??;
    let json: Value = serde_json::from_str(&text).ok()?;
    match json.get("repository")? {
        Value::String(url) => Some(url.clone()),
        Value::Object(object) => object.get("url")?.as_str().map(str::to_string),
        _ => None,
    }
}

fn is_javascript(name: &str) -> bool {
    ["js", "cjs", "mjs", "ts", "cts", "mts"]
        .iter()
        .any(|ext| name.ends_with(&format!(".{ext}")))
}

fn parse_json(text: &str, path: &Path) -> Result<Value, ConfigError> {
    serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        ConfigError {
            path: path.to_path_buf(),
            line: error.line(),
            column: error.column(),
            message: format!("invalid JSON: {message}"),
        }
    })
}

fn parse_yaml(text: &str, path: &Path) -> Result<Value, ConfigError> {
    let document = crate::model::yaml::load(text).map_err(|error| ConfigError {
        path: path.to_path_buf(),
        line: error.line,
        column: error.column,
        message: error.message,
    })?;
    Ok(yaml_to_json(&document))
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(text.clone()), Value::Number),
        Yaml::Integer(n) => Value::Number((*n).into()),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(n) => n.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => String::new(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let settings = Settings::default();
        assert_eq!(settings.tag_format, "v${version}");
        assert_eq!(settings.analyzer.as_ref().unwrap().preset, Preset::Angular);
        assert!(settings.warnings.is_empty());
        assert!(settings.branch("main").is_some());
        assert!(settings.branch("1.x").is_some_and(|b| b.maintenance));
        assert!(
            settings
                .branch("beta")
                .is_some_and(|b| b.prerelease.is_some())
        );
        assert!(settings.branch("feature/x").is_none());
    }

    #[test]
    fn plugin_options_override_the_top_level() {
        let value = serde_json::json!({
            "preset": "conventionalcommits",
            "plugins": [
                ["@semantic-release/commit-analyzer", {"preset": "angular", "releaseRules": [{"type": "docs", "release": "patch"}]}],
                "@semantic-release/release-notes-generator",
                "semantic-release-slack-bot"
            ]
        });
        let settings = Settings::from_value(&value, None);
        let analyzer = settings.analyzer.unwrap();
        assert_eq!(analyzer.preset, Preset::Angular);
        assert_eq!(analyzer.release_rules.unwrap().len(), 1);
        assert_eq!(settings.notes.unwrap().preset, Preset::ConventionalCommits);
        assert_eq!(settings.warnings.len(), 1, "{:?}", settings.warnings);
    }

    #[test]
    fn without_the_analyzer_nothing_is_released() {
        let value = serde_json::json!({"plugins": ["@semantic-release/release-notes-generator"]});
        let settings = Settings::from_value(&value, None);
        assert!(settings.analyzer.is_none());
        let decision = super::super::decide::decide(
            &super::super::SemanticRelease::new(settings),
            &[],
            None,
            None,
        );
        assert!(decision.warnings[0].text.contains("releases nothing"));
        assert!(!decision.warnings[0].is_not_reproduced());
    }
}
