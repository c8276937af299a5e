//! Reading `herald.toml`: parse errors and invalid values point at file:line:column.

use std::path::{Path, PathBuf};

use super::Config;

/// A configuration problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads and validates a configuration file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read the configuration: {error}"),
    })?;
    load_str(&text, path)
}

/// Parses configuration text; `path` names it in errors.
pub fn load_str(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        located(path, text, offset, explain(error.message()))
    })?;
    validate(&config).map_err(|(key_path, message)| {
        let offset = key_offset(text, key_path);
        located(path, text, offset, message)
    })?;
    Ok(config)
}

/// Checks what serde cannot: values that parse but make no sense.
fn validate(config: &Config) -> Result<(), (&'static [&'static str], String)> {
    if config.commit.types.is_empty() {
        return Err((
            &["commit", "types"],
            "`types` is empty: no commit could pass; list the allowed types".into(),
        ));
    }
    if config.commit.header_max_length == 0 {
        return Err((
            &["commit", "header_max_length"],
            "`header_max_length` must be at least 1".into(),
        ));
    }
    for pattern in &config.hooks.protected_branches {
        if let Err(error) = globset::Glob::new(pattern) {
            return Err((
                &["hooks", "protected_branches"],
                format!(
                    "`{pattern}` is not a valid branch pattern: {}",
                    error.kind()
                ),
            ));
        }
    }
    if !config.version.tag.contains("{version}") {
        return Err((
            &["version", "tag"],
            format!(
                "`tag = \"{}\"` has no `{{version}}` placeholder",
                config.version.tag
            ),
        ));
    }
    Ok(())
}

/// The error text serde and toml give, with a suggestion for a misspelt key.
fn explain(message: &str) -> String {
    let message = message.trim();
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((key, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let suggestion = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(key, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match suggestion {
        Some((_, candidate)) => format!("unknown key `{key}`; did you mean `{candidate}`?"),
        None => format!(
            "unknown key `{key}`; expected one of: {}",
            candidates.join(", ")
        ),
    }
}

/// Where the value at `key_path` is written, for errors found after parsing.
fn key_offset(text: &str, key_path: &[&str]) -> usize {
    let Ok(document) = text.parse::<toml_edit::Document<String>>() else {
        return 0;
    };
    let mut item = document.as_item();
    for key in key_path {
        match item.get(key) {
            Some(next) => item = next,
            None => return 0,
        }
    }
    item.span().map_or(0, |span| span.start)
}

fn located(path: &Path, text: &str, offset: usize, message: String) -> ConfigError {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
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
    fn syntax_error_is_located() {
        let error = parse("[commit\ntypes = []").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
