//! @semantic-release/commit-analyzer 13.0.1: which release each parsed commit calls for.
//!
//! Rules are tried per commit: the configured `releaseRules` first, and only when none of
//! them matches, the default rules. Within a list every matching rule is considered in
//! order and the highest release wins, except that a `release: false` rule matched later
//! resets it. The surprise in the defaults: types are compared exactly, so `Feat:` releases
//! nothing while `FEAT:` and `FIX:` release (the defaults keep JSHint's upper-case types).

use serde_json::Value;

use super::glob;
use super::parser::Parsed;

/// semantic-release's release types, highest first.
pub const RELEASE_TYPES: [&str; 7] = [
    "major",
    "premajor",
    "minor",
    "preminor",
    "patch",
    "prepatch",
    "prerelease",
];

/// What a rule asks for: a release type (index into [`RELEASE_TYPES`]) or no release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseType {
    Type(usize),
    /// `release: false` (or `null`).
    Suppress,
}

impl ReleaseType {
    pub fn name(self) -> &'static str {
        match self {
            ReleaseType::Type(i) => RELEASE_TYPES[i],
            ReleaseType::Suppress => "no release",
        }
    }

    /// `compareReleaseTypes(current, self)`: whether `self` replaces `current`.
    fn beats(self, current: Option<ReleaseType>) -> bool {
        match current {
            None | Some(ReleaseType::Suppress) => true,
            Some(ReleaseType::Type(current)) => match self {
                ReleaseType::Suppress => true,
                ReleaseType::Type(new) => new < current,
            },
        }
    }
}

/// One rule: `{ type, scope, subject, …, breaking, revert, release }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub breaking: bool,
    pub revert: bool,
    /// Field matchers: strings are globs, other values compared as they are.
    pub fields: Vec<(String, Value)>,
    pub release: ReleaseType,
}

impl Rule {
    fn new(fields: &[(&str, &str)], release: &str) -> Rule {
        Rule {
            breaking: false,
            revert: false,
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                .collect(),
            release: ReleaseType::Type(release_index(release).expect("a release type")),
        }
    }

    /// Reads one configured rule; the error says what is wrong with it.
    pub fn from_json(value: &Value) -> Result<Rule, String> {
        let Some(object) = value.as_object() else {
            return Err("rules must be an object with a \"release\" property".into());
        };
        let release = match object.get("release") {
            None => return Err("rules must be an object with a \"release\" property".into()),
            Some(Value::Null) | Some(Value::Bool(false)) => ReleaseType::Suppress,
            Some(Value::String(name)) => match release_index(name) {
                Some(index) => ReleaseType::Type(index),
                None => return Err(invalid_release(&Value::String(name.clone()))),
            },
            Some(other) => return Err(invalid_release(other)),
        };
        let truthy = |key: &str| object.get(key).is_some_and(is_truthy);
        Ok(Rule {
            breaking: truthy("breaking"),
            revert: truthy("revert"),
            fields: object
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "breaking" | "revert" | "release"))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
            release,
        })
    }

    /// Whether the rule matches the commit (`analyzeCommit`'s filter).
    pub fn matches(&self, commit: &Parsed, git_subject: &str) -> bool {
        if self.breaking && commit.notes.is_empty() {
            return false;
        }
        if self.revert && commit.revert.is_none() {
            return false;
        }
        self.fields.iter().all(|(key, expected)| {
            let actual = commit_field(commit, key, git_subject);
            match (expected, actual) {
                (Value::String(pattern), Some(Some(text))) => glob::is_match(text, pattern),
                (Value::Null, None | Some(None)) => true,
                _ => false,
            }
        })
    }

    /// How the rule reads, for explanations: `{type: feat}`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.breaking {
            parts.push("breaking".into());
        }
        if self.revert {
            parts.push("revert".into());
        }
        for (key, value) in &self.fields {
            let shown = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            parts.push(format!("{key}: {shown}"));
        }
        format!("{{{}}}", parts.join(", "))
    }
}

/// A field of the commit object commit-analyzer matches: the parsed fields, and where the
/// header did not parse, what git says (`subject` is git's subject line).
fn commit_field<'a>(
    commit: &'a Parsed,
    key: &str,
    git_subject: &'a str,
) -> Option<Option<&'a str>> {
    match commit.field(key) {
        Some(value) => Some(value),
        None if key == "subject" => Some(Some(git_subject)),
        None => None,
    }
}

fn release_index(name: &str) -> Option<usize> {
    RELEASE_TYPES.iter().position(|t| *t == name)
}

fn invalid_release(value: &Value) -> String {
    format!(
        "{value} is not a valid release type. Valid values are: {}",
        serde_json::to_string(&RELEASE_TYPES).unwrap_or_default()
    )
}

fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// commit-analyzer's `DEFAULT_RELEASE_RULES`.
pub fn default_rules() -> Vec<Rule> {
    let mut breaking = Rule::new(&[], "major");
    breaking.breaking = true;
    let mut revert = Rule::new(&[], "patch");
    revert.revert = true;
    vec![
        breaking,
        revert,
        Rule::new(&[("type", "feat")], "minor"),
        Rule::new(&[("type", "fix")], "patch"),
        Rule::new(&[("type", "perf")], "patch"),
        Rule::new(&[("emoji", ":racehorse:")], "patch"),
        Rule::new(&[("emoji", ":bug:")], "patch"),
        Rule::new(&[("emoji", ":penguin:")], "patch"),
        Rule::new(&[("emoji", ":apple:")], "patch"),
        Rule::new(&[("emoji", ":checkered_flag:")], "patch"),
        Rule::new(&[("tag", "BUGFIX")], "patch"),
        Rule::new(&[("tag", "FEATURE")], "minor"),
        Rule::new(&[("tag", "SECURITY")], "patch"),
        Rule::new(&[("tag", "Breaking")], "major"),
        Rule::new(&[("tag", "Fix")], "patch"),
        Rule::new(&[("tag", "Update")], "minor"),
        Rule::new(&[("tag", "New")], "minor"),
        Rule::new(&[("component", "perf")], "patch"),
        Rule::new(&[("component", "deps")], "patch"),
        Rule::new(&[("type", "FEAT")], "minor"),
        Rule::new(&[("type", "FIX")], "patch"),
    ]
}

/// The outcome of one rule list on one commit: the release and the rule that set it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub release: ReleaseType,
    pub rule: Rule,
}

/// `analyzeCommit`: the highest release among the matching rules, `None` when none matches.
pub fn analyze(rules: &[Rule], commit: &Parsed, git_subject: &str) -> Option<Verdict> {
    let mut verdict: Option<Verdict> = None;
    for rule in rules.iter().filter(|r| r.matches(commit, git_subject)) {
        if rule.release.beats(verdict.as_ref().map(|v| v.release)) {
            verdict = Some(Verdict {
                release: rule.release,
                rule: rule.clone(),
            });
            if rule.release == ReleaseType::Type(0) {
                break;
            }
        }
    }
    verdict
}

/// A commit's release: the custom rules, else the defaults (`analyzeCommits`' loop body).
pub fn commit_release(
    custom: Option<&[Rule]>,
    commit: &Parsed,
    git_subject: &str,
) -> (Option<Verdict>, bool) {
    if let Some(custom) = custom {
        if let Some(verdict) = analyze(custom, commit, git_subject) {
            return (Some(verdict), true);
        }
    }
    static DEFAULTS: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    let defaults = DEFAULTS.get_or_init(default_rules);
    (analyze(defaults, commit, git_subject), false)
}

/// Whether `release` is higher than `current` for the whole range (suppressions never are).
pub fn raises(current: Option<usize>, release: ReleaseType) -> bool {
    match release {
        ReleaseType::Suppress => false,
        ReleaseType::Type(new) => current.is_none_or(|current| new < current),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::semantic_release::parser::{ParserOptions, parse};
    use crate::tools::semantic_release::preset::Preset;

    fn release_of(message: &str, preset: Preset, custom: Option<&[Rule]>) -> Option<&'static str> {
        let options = preset.parser_options(ParserOptions::default(), None);
        let parsed = parse(message, &options).unwrap();
        let subject = message.lines().next().unwrap();
        commit_release(custom, &parsed, subject)
            .0
            .map(|v| v.release.name())
            .filter(|name| *name != "no release")
    }

    #[test]
    fn default_rules_under_angular() {
        let cases = [
            ("feat: x", Some("minor")),
            ("fix: x", Some("patch")),
            ("perf: x", Some("patch")),
            ("refactor: x", None),
            ("docs: x", None),
            ("feat!: x", None),
            ("fix!: x", None),
            ("Feat: x", None),
            ("FEAT: x", Some("minor")),
            ("FIX: x", Some("patch")),
            ("feature: x", None),
            ("feat: x\n\nBREAKING-CHANGE: y", Some("minor")),
            ("fix: x\n\nbreaking change: y", Some("major")),
            ("feat(api)!: x\n\nBREAKING CHANGE: y", Some("major")),
            ("docs: x\n\nBREAKING CHANGE: y", Some("major")),
            ("revert: x", None),
            (
                "revert: feat: x\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
                Some("patch"),
            ),
            (
                "Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
                Some("patch"),
            ),
            ("fix: x\n\nfeat: something", Some("patch")),
            ("update readme", None),
        ];
        for (message, expected) in cases {
            assert_eq!(
                release_of(message, Preset::Angular, None),
                expected,
                "{message}"
            );
        }
    }

    #[test]
    fn conventionalcommits_reads_bang_and_hyphen() {
        assert_eq!(
            release_of("feat!: x", Preset::ConventionalCommits, None),
            Some("major")
        );
        assert_eq!(
            release_of("docs!: x", Preset::ConventionalCommits, None),
            Some("major")
        );
        assert_eq!(
            release_of(
                "feat: x\n\nBREAKING-CHANGE: y",
                Preset::ConventionalCommits,
                None
            ),
            Some("major")
        );
        assert_eq!(
            release_of("Feat: x", Preset::ConventionalCommits, None),
            None
        );
    }

    #[test]
    fn custom_rules_come_first() {
        let rules: Vec<Rule> = serde_json::from_str::<Vec<Value>>(
            r#"[{"type": "docs", "scope": "README", "release": "patch"},
                {"type": "refactor", "release": "patch"},
                {"scope": "no-release", "release": false},
                {"type": "feat", "scope": "ui-*", "release": "patch"}]"#,
        )
        .unwrap()
        .iter()
        .map(|v| Rule::from_json(v).unwrap())
        .collect();
        let custom = Some(rules.as_slice());
        assert_eq!(
            release_of("docs(README): x", Preset::Angular, custom),
            Some("patch")
        );
        assert_eq!(release_of("docs(api): x", Preset::Angular, custom), None);
        assert_eq!(
            release_of("refactor: x", Preset::Angular, custom),
            Some("patch")
        );
        assert_eq!(
            release_of("feat(no-release): x", Preset::Angular, custom),
            None
        );
        // A custom rule that matches replaces the defaults entirely.
        assert_eq!(
            release_of("feat(ui-kit): x", Preset::Angular, custom),
            Some("patch")
        );
        assert_eq!(
            release_of("feat(api): x", Preset::Angular, custom),
            Some("minor")
        );
        assert!(Rule::from_json(&serde_json::json!({"type": "x"})).is_err());
        assert!(Rule::from_json(&serde_json::json!({"type": "x", "release": "big"})).is_err());
    }
}
