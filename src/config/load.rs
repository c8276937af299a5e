//! Reading `herald.toml`: parse errors and invalid values point at file:line:column.

use std::path::Path;

use super::{Config, ReleaseMode, VersionConfig};
use crate::model::ConfigError;
use crate::model::components::check_glob;
use crate::model::error::toml_offset;
use crate::model::suggest::closest;

/// Reads and validates a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = super::sources::read_bounded(path, path)?;
    load_str(&text, path)
}

/// Parses configuration text; `path` names it in errors.
pub fn load_str(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        ConfigError::at(path, text, offset, explain(error.message()))
    })?;
    validate(&config).map_err(|(key_path, message)| {
        let offset = toml_offset(text, &key_path)
            .or_else(|| toml_offset(text, &key_path[..1]))
            .unwrap_or(0);
        ConfigError::at(path, text, offset, message)
    })?;
    Ok(config)
}

/// Checks what serde cannot: values that parse but make no sense.
fn validate(config: &Config) -> Result<(), (Vec<String>, String)> {
    let at = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    if config.commit.types.is_empty() {
        return Err((
            at(&["commit", "types"]),
            "`types` is empty: no commit could pass; list the allowed types".into(),
        ));
    }
    if config.commit.header_max_length == 0 {
        return Err((
            at(&["commit", "header_max_length"]),
            "`header_max_length` must be at least 1".into(),
        ));
    }
    for pattern in &config.hooks.protected_branches {
        if let Err(error) = globset::Glob::new(pattern) {
            return Err((
                at(&["hooks", "protected_branches"]),
                format!(
                    "`{pattern}` is not a valid branch pattern: {}",
                    error.kind()
                ),
            ));
        }
    }
    if !config.version.tag.contains("{version}") {
        return Err((
            at(&["version", "tag"]),
            format!(
                "`tag = \"{}\"` has no `{{version}}` placeholder",
                config.version.tag
            ),
        ));
    }
    if config.release.mode == ReleaseMode::Independent
        && !config.version.tag.contains("{component}")
    {
        let explicit = config.version.tag != VersionConfig::default().tag;
        return Err((
            at(if explicit {
                &["version", "tag"]
            } else {
                &["release", "mode"]
            }),
            format!(
                "`tag = \"{}\"` has no `{{component}}`: in independent mode each component needs its own tags, e.g. \"{{component}}@{{version}}\"",
                config.version.tag
            ),
        ));
    }
    if config.release.mode == ReleaseMode::Independent && config.components.is_empty() {
        return Err((
            at(&["release", "mode"]),
            "independent mode needs components: list them under [components]".into(),
        ));
    }
    validate_release(config)?;
    for (name, patterns) in &config.components {
        for pattern in patterns {
            check_glob(pattern).map_err(|e| {
                (
                    at(&["components", name]),
                    format!("component `{name}`: {e}"),
                )
            })?;
        }
    }
    for (index, rule) in config.bump.rules.iter().enumerate() {
        let here = |key: &str| {
            vec![
                "bump".to_string(),
                "rules".to_string(),
                index.to_string(),
                key.to_string(),
            ]
        };
        if rule.components.is_empty() && rule.all_components.is_empty() && rule.paths.is_empty() {
            return Err((
                here("name"),
                format!(
                    "rule `{}` matches nothing: give it `components`, `all_components` or `paths`",
                    rule.name
                ),
            ));
        }
        for (key, list) in [
            ("components", &rule.components),
            ("all_components", &rule.all_components),
        ] {
            if let Some(unknown) = list.iter().find(|c| !config.components.contains_key(*c)) {
                let known = config
                    .components
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err((
                    here(key),
                    format!(
                        "rule `{}` names `{unknown}`, which is not under [components] (known: {known})",
                        rule.name
                    ),
                ));
            }
        }
        for pattern in &rule.paths {
            check_glob(pattern)
                .map_err(|e| (here("paths"), format!("rule `{}`: {e}", rule.name)))?;
        }
    }
    Ok(())
}

/// The `[release]` keys: templates that can name a branch, version files that can be found
/// and read.
fn validate_release(config: &Config) -> Result<(), (Vec<String>, String)> {
    let release = &config.release;
    let at = |key: &str| vec!["release".to_string(), key.to_string()];
    for (key, template) in [
        ("branch", &release.branch),
        ("hotfix_branch", &release.hotfix_branch),
    ] {
        if !template.contains("{version}") {
            return Err((
                at(key),
                format!("`{key} = \"{template}\"` has no `{{version}}` placeholder"),
            ));
        }
    }
    if release.commit_message.trim().is_empty() {
        return Err((at("commit_message"), "`commit_message` is empty".into()));
    }
    // The release writes these files: they must stay inside the work tree.
    if !release.changelog.is_empty() {
        if let Some(problem) = crate::model::work_path::problem(&release.changelog) {
            return Err((
                at("changelog"),
                format!("`changelog = \"{}\"` {problem}", release.changelog),
            ));
        }
    }
    for (index, file) in release.version_files.iter().enumerate() {
        let here = |key: Option<&str>| {
            let mut path = vec!["release".into(), "version_files".into(), index.to_string()];
            path.extend(key.map(str::to_string));
            path
        };
        let path_key = file.pattern().map(|_| "path");
        check_glob(file.path()).map_err(|e| (here(path_key), format!("version file {e}")))?;
        if let Some(problem) = crate::model::work_path::problem(file.path()) {
            return Err((
                here(path_key),
                format!("version file `{}` {problem}", file.path()),
            ));
        }
        if let Some(pattern) = file.pattern() {
            if let Err(problem) = crate::model::version_file::check_pattern(pattern) {
                return Err((here(Some("pattern")), problem.to_string()));
            }
        } else if crate::model::version_file::Kind::of(file.path(), None).is_none() {
            return Err((
                here(None),
                format!(
                    "herald does not know how `{}` holds its version; give it a pattern: {{ path = \"{}\", pattern = 'version = \"(?<version>[^\"]+)\"' }}",
                    file.path(),
                    file.path()
                ),
            ));
        }
    }
    Ok(())
}

/// The error text serde and toml give, with a suggestion for a misspelt key.
fn explain(message: &str) -> String {
    let message = message.trim();
    if message.contains("untagged enum VersionFile") {
        return "a version file is a path such as \"package.json\", or { path = \"…\", pattern = \"…(?<version>…)…\" }".into();
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((key, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match closest(key, candidates.iter().copied()) {
        Some(candidate) => format!("unknown key `{key}`; did you mean `{candidate}`?"),
        None => format!(
            "unknown key `{key}`; expected one of: {}",
            candidates.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DescriptionCase;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        load_str(text, Path::new("herald.toml"))
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn reads_commit_rules() {
        let config = parse(
            "[commit]\nscopes = [\"api\"]\nrequire_scope = true\ndescription_case = \"any\"\n",
        )
        .unwrap();
        assert_eq!(config.commit.scopes, ["api"]);
        assert!(config.commit.require_scope);
        assert_eq!(config.commit.description_case, DescriptionCase::Any);
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let error = parse("[commit]\nrequire_scope = true\nscopes_ = []\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "herald.toml:3:1: unknown key `scopes_`; did you mean `scopes`?"
        );
    }

    #[test]
    fn wrong_type_is_located() {
        let error = parse("[commit]\nheader_max_length = \"long\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 21));
        assert!(error.message.contains("invalid type"), "{}", error.message);
    }

    #[test]
    fn bad_value_is_located() {
        let error = parse("[version]\ntag = \"release\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 7));
        assert!(error.message.contains("{version}"));
        let error = parse("[hooks]\n[commit]\n  header_max_length = 0\n").unwrap_err();
        assert_eq!((error.line, error.column), (3, 23));
    }

    #[test]
    fn rule_errors_point_into_the_rule() {
        let text = "[components]\napi = [\"apps/api/**\"]\n\n[[bump.rules]]\nname = \"ok\"\ncomponents = [\"api\"]\nbump = \"major\"\n\n[[bump.rules]]\nname = \"typo\"\nall_components = [\"api\", \"web\"]\nbump = \"minor\"\n";
        let error = parse(text).unwrap_err();
        assert_eq!((error.line, error.column), (11, 18));
        assert_eq!(
            error.message,
            "rule `typo` names `web`, which is not under [components] (known: api)"
        );
        let error = parse("[[bump.rules]]\nname = \"empty\"\nbump = \"major\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
        let error =
            parse("[release]\nmode = \"independent\"\n[components]\na = [\"a/**\"]\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 8), "{error}");
    }

    #[test]
    fn written_paths_stay_in_the_work_tree() {
        let error = parse("[release]\nchangelog = \"../CHANGELOG.md\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 13));
        assert!(error.message.contains("leaves the work tree"), "{error}");
        let error = parse("[release]\nversion_files = [\"/etc/VERSION\"]\n").unwrap_err();
        assert!(error.message.contains("is absolute"), "{error}");
    }

    #[test]
    fn merge_strategy_is_one_of_three() {
        use crate::config::MergeStrategy;
        let config = parse("[release]\nmerge = \"squash\"\n").unwrap();
        assert_eq!(config.release.merge, MergeStrategy::Squash);
        assert_eq!(parse("").unwrap().release.merge, MergeStrategy::Merge);
        let error = parse("[release]\nmerge = \"octopus\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 9), "{error}");
        assert!(error.message.contains("`squash`"), "{}", error.message);
    }

    #[test]
    fn syntax_error_is_located() {
        let error = parse("[commit\ntypes = []").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
