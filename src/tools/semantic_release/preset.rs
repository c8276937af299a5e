//! The conventional-changelog presets semantic-release's plugins load: their parser options
//! (how a message is read) and, for the notes, which layout renders them.
//!
//! - `angular` (conventional-changelog-angular 8.3.1, the default): the header pattern has
//!   no `!`, so `feat!: x` is not a conventional header at all; the only note keyword is
//!   `BREAKING CHANGE` (so `BREAKING-CHANGE:` is plain text), matched case-insensitively.
//! - `conventionalcommits` (conventional-changelog-conventionalcommits 9.3.1): `!` is read
//!   and makes a note of the subject; `BREAKING-CHANGE` is a note keyword too.

use serde_json::Value;

use super::parser::{ParserOptions, Words, pattern};
use crate::tools::node::jsregex;

/// Which preset a plugin uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Angular,
    ConventionalCommits,
}

impl Preset {
    /// The preset named in `preset: "…"` (case-insensitive, as the plugins lowercase it).
    pub fn named(name: &str) -> Option<Preset> {
        match name.to_ascii_lowercase().as_str() {
            "angular" => Some(Preset::Angular),
            "conventionalcommits" => Some(Preset::ConventionalCommits),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Preset::Angular => "angular",
            Preset::ConventionalCommits => "conventionalcommits",
        }
    }

    /// The preset's parser options over the parser's defaults; `issue_prefixes` is the
    /// conventionalcommits preset's `presetConfig.issuePrefixes`. `base` holds what the
    /// caller sets under the preset (the notes generator's host settings).
    pub fn parser_options(
        self,
        base: ParserOptions,
        issue_prefixes: Option<Vec<String>>,
    ) -> ParserOptions {
        let mut options = base;
        let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        options.header_correspondence = words(&["type", "scope", "subject"]);
        options.revert_correspondence = words(&["header", "hash"]);
        match self {
            Preset::Angular => {
                options.header_pattern = Some(pattern(r"^(\w*)(?:\((.*)\))?: (.*)$", false));
                options.set_note_keywords(Some(words(&["BREAKING CHANGE"])));
                options.revert_pattern = Some(pattern(
                    r#"^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w{7,40})\b"#,
                    true,
                ));
            }
            Preset::ConventionalCommits => {
                options.header_pattern = Some(pattern(r"^(\w*)(?:\((.*)\))?!?: (.*)$", false));
                options.breaking_header_pattern =
                    Some(pattern(r"^(\w*)(?:\((.*)\))?!: (.*)$", false));
                options.set_note_keywords(Some(words(&["BREAKING CHANGE", "BREAKING-CHANGE"])));
                options.revert_pattern = Some(pattern(
                    r#"^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\."#,
                    true,
                ));
                let prefixes = issue_prefixes.unwrap_or_else(|| words(&["#"]));
                options.issue_prefixes = Some(Words::new(prefixes));
            }
        }
        options
    }
}

/// Applies a configuration's `parserOpts` (JSON) over `options`. Returns what could not be
/// applied (a pattern herald cannot evaluate, a value of the wrong kind).
pub fn apply_parser_opts(options: &mut ParserOptions, opts: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(object) = opts.as_object() else {
        if !opts.is_null() {
            problems.push("`parserOpts` is not an object: ignored".to_string());
        }
        return problems;
    };
    for (key, value) in object {
        let outcome = apply_one(options, key, value);
        if let Err(problem) = outcome {
            problems.push(format!("`parserOpts.{key}`: {problem}"));
        }
    }
    problems
}

fn apply_one(options: &mut ParserOptions, key: &str, value: &Value) -> Result<(), String> {
    let regex = |value: &Value| -> Result<Option<regex::Regex>, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(source) => jsregex::compile(source, false)
                .map(Some)
                .map_err(|e| e.to_string()),
            _ => Err("expected a pattern as a string".to_string()),
        }
    };
    let list = |value: &Value| -> Result<Option<Vec<String>>, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(one) => Ok(Some(vec![one.clone()])),
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| "expected a list of strings".to_string())
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            _ => Err("expected a list of strings".to_string()),
        }
    };
    match key {
        "headerPattern" => options.header_pattern = regex(value)?,
        "breakingHeaderPattern" => options.breaking_header_pattern = regex(value)?,
        "revertPattern" => options.revert_pattern = regex(value)?,
        "mergePattern" => options.merge_pattern = regex(value)?,
        "fieldPattern" => options.field_pattern = regex(value)?,
        "headerCorrespondence" => options.header_correspondence = list(value)?.unwrap_or_default(),
        "revertCorrespondence" => options.revert_correspondence = list(value)?.unwrap_or_default(),
        "mergeCorrespondence" => options.merge_correspondence = list(value)?.unwrap_or_default(),
        "noteKeywords" => options.set_note_keywords(list(value)?),
        "issuePrefixes" => options.issue_prefixes = list(value)?.map(Words::new),
        "referenceActions" => options.reference_actions = list(value)?.map(Words::new),
        "issuePrefixesCaseSensitive" => {
            options.issue_prefixes_case_sensitive = value.as_bool().unwrap_or(false)
        }
        "commentChar" => options.comment_char = value.as_str().map(str::to_string),
        "notesPattern" => return Err("a function, which herald cannot evaluate: ignored".into()),
        _ => return Err("not an option of conventional-commits-parser: ignored".into()),
    }
    Ok(())
}
