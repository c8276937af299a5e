//! `herald.toml`: the typed model, its defaults, and loading with file:line:column errors.
//!
//! The file is parsed once into these structs (`deny_unknown_fields` everywhere), so the
//! rest of the program never looks at strings from the file again.

pub mod ci_templates;
pub mod load;
pub mod sources;
pub mod template;

pub use load::{load, load_str};

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Bump, EngineName};

/// The whole configuration. Every key is optional; `Config::default()` is what herald
/// runs with when there is no file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The engine that computes releases; detected from the repository when absent.
    pub engine: Option<EngineName>,
    pub commit: CommitRules,
    pub version: VersionConfig,
    /// Named sets of path globs.
    pub components: BTreeMap<String, Vec<String>>,
    pub bump: BumpConfig,
    pub release: ReleaseConfig,
    pub changelog: ChangelogConfig,
    /// Pull-request labels by cause: `breaking` or a commit type.
    pub labels: BTreeMap<String, String>,
    pub hooks: HooksConfig,
}

/// `[commit]`: what a commit message must look like.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CommitRules {
    /// Allowed types, compared exactly (lowercase by convention).
    pub types: Vec<String>,
    /// Allowed scopes; empty allows any.
    pub scopes: Vec<String>,
    pub require_scope: bool,
    pub header_max_length: usize,
    /// 0 turns the check off.
    pub body_max_line_length: usize,
    /// 0 turns the check off.
    pub footer_max_line_length: usize,
    pub description_case: DescriptionCase,
    /// Whether the description may end with a period.
    pub allow_full_stop: bool,
    pub allow_merge: bool,
    pub allow_revert: bool,
    pub allow_fixup: bool,
}

/// How the first word of the description must be written.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DescriptionCase {
    /// Not capitalised like a sentence (`add x`, not `Add x`); acronyms such as `API` pass.
    Lower,
    /// Starts with a capital letter.
    Sentence,
    /// No rule.
    Any,
}

/// The types Conventional Commits users expect (the Angular convention's list).
pub const DEFAULT_TYPES: [&str; 11] = [
    "feat", "fix", "perf", "refactor", "docs", "style", "test", "build", "ci", "chore", "revert",
];

impl Default for CommitRules {
    fn default() -> Self {
        CommitRules {
            types: DEFAULT_TYPES.iter().map(|t| t.to_string()).collect(),
            scopes: Vec::new(),
            require_scope: false,
            header_max_length: 100,
            body_max_line_length: 0,
            footer_max_line_length: 0,
            description_case: DescriptionCase::Lower,
            allow_full_stop: false,
            allow_merge: true,
            allow_revert: true,
            allow_fixup: true,
        }
    }
}

/// `[version]`: how versions are written in tags and where they start.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct VersionConfig {
    /// Tag template; `{version}` is required, `{component}` in independent mode.
    pub tag: String,
    /// The first version, when no release tag exists yet.
    pub initial: semver::Version,
    /// What a breaking change does while the major version is 0.
    pub breaking_on_zero: ZeroBump,
    /// What a minor change (`feat`) does while the major version is 0.
    pub feat_on_zero: ZeroMinor,
}

/// The bump a minor change gets on a 0.x version.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ZeroMinor {
    Minor,
    Patch,
}

/// The bump a change gets on a 0.x version.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ZeroBump {
    Major,
    Minor,
}

impl Default for VersionConfig {
    fn default() -> Self {
        VersionConfig {
            tag: "v{version}".to_string(),
            initial: semver::Version::new(0, 1, 0),
            breaking_on_zero: ZeroBump::Minor,
            feat_on_zero: ZeroMinor::Minor,
        }
    }
}

/// `[bump]`: what each commit type and each path rule asks for.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BumpConfig {
    /// The bump of commit types not listed in `types`.
    pub default: Bump,
    /// The bump of each commit type.
    pub types: BTreeMap<String, Bump>,
    pub rules: Vec<PathRule>,
}

impl Default for BumpConfig {
    fn default() -> Self {
        let types = [
            ("feat", Bump::Minor),
            ("fix", Bump::Patch),
            ("perf", Bump::Patch),
            ("revert", Bump::Patch),
        ];
        BumpConfig {
            default: Bump::None,
            types: types.iter().map(|(t, b)| (t.to_string(), *b)).collect(),
            rules: Vec::new(),
        }
    }
}

/// A named rule that sets a minimum bump when a range touches given paths or components.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PathRule {
    /// Shown as the reason.
    pub name: String,
    /// Matches when any of these components is touched.
    #[serde(default)]
    pub components: Vec<String>,
    /// Matches when all of these components are touched.
    #[serde(default)]
    pub all_components: Vec<String>,
    /// Matches when any changed path matches one of these globs.
    #[serde(default)]
    pub paths: Vec<String>,
    pub bump: Bump,
}

/// One version for the repository, or one per component.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ReleaseMode {
    #[default]
    Unified,
    Independent,
}

/// `[changelog]`: which commit types get a section, in order.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ChangelogConfig {
    pub sections: Vec<ChangelogSection>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangelogSection {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
}

impl Default for ChangelogConfig {
    fn default() -> Self {
        let sections = [
            ("feat", "Features"),
            ("fix", "Bug fixes"),
            ("perf", "Performance"),
            ("revert", "Reverts"),
        ];
        ChangelogConfig {
            sections: sections
                .iter()
                .map(|(kind, title)| ChangelogSection {
                    kind: kind.to_string(),
                    title: title.to_string(),
                })
                .collect(),
        }
    }
}

/// The labels herald suggests for a pull request, when `[labels]` does not say otherwise.
pub const DEFAULT_LABELS: [(&str, &str); 5] = [
    ("breaking", "breaking-change"),
    ("feat", "feature"),
    ("fix", "bugfix"),
    ("perf", "performance"),
    ("docs", "documentation"),
];

impl Config {
    /// The label for a cause (`breaking` or a commit type), if any.
    pub fn label(&self, cause: &str) -> Option<&str> {
        if self.labels.is_empty() {
            return DEFAULT_LABELS
                .iter()
                .find(|(c, _)| *c == cause)
                .map(|(_, l)| *l);
        }
        self.labels.get(cause).map(String::as_str)
    }

    /// Every label herald may set, so that a pull request's labels that no longer apply
    /// can be taken off while the team's own stay.
    pub fn managed_labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = if self.labels.is_empty() {
            DEFAULT_LABELS.iter().map(|(_, label)| *label).collect()
        } else {
            self.labels.values().map(String::as_str).collect()
        };
        labels.sort_unstable();
        labels.dedup();
        labels
    }
}

/// `[release]`: how releases are cut.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ReleaseConfig {
    pub mode: ReleaseMode,
    /// The name shown for the whole repository in unified mode (default: the work tree's
    /// directory name).
    pub name: Option<String>,
    /// Where release branches start.
    pub base: String,
    /// Release branch name template.
    pub branch: String,
    /// Hotfix branch name template.
    pub hotfix_branch: String,
    /// Where hotfix branches start; `None` means the latest release tag.
    pub hotfix_base: Option<String>,
    /// Files that carry the version, kept in step by `herald release`.
    pub version_files: Vec<VersionFile>,
    /// The changelog `herald release` writes the new section into; empty for none.
    pub changelog: String,
    /// The release commit's message; `{version}` and `{tag}` are filled in.
    pub commit_message: String,
    /// The annotated tag's message; `{version}` and `{tag}` are filled in.
    pub tag_message: String,
    /// How pull requests are merged, which decides what a branch adds to the release.
    pub merge: MergeStrategy,
}

/// How the team merges pull requests: with a merge commit or a rebase every commit of the
/// branch counts; a squash merge makes one commit of the pull request's title (and body).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MergeStrategy {
    #[default]
    Merge,
    Rebase,
    Squash,
}

impl Default for ReleaseConfig {
    fn default() -> Self {
        ReleaseConfig {
            mode: ReleaseMode::Unified,
            name: None,
            base: "main".to_string(),
            branch: "release/v{version}".to_string(),
            hotfix_branch: "hotfix/v{version}".to_string(),
            hotfix_base: None,
            version_files: Vec::new(),
            changelog: "CHANGELOG.md".to_string(),
            commit_message: "chore(release): v{version}".to_string(),
            tag_message: "release {tag}".to_string(),
            merge: MergeStrategy::Merge,
        }
    }
}

/// A file that carries the version: a path or glob whose kind is known from its name
/// (`package.json`, `Cargo.toml`, `pyproject.toml`, `VERSION`), or any file with a regex
/// whose `version` group holds the version.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum VersionFile {
    Path(String),
    Pattern(PatternFile),
}

/// `{ path = "src/version.ts", pattern = 'VERSION = "(?<version>[^"]+)"' }`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PatternFile {
    pub path: String,
    pub pattern: String,
}

impl VersionFile {
    /// The path or glob.
    pub fn path(&self) -> &str {
        match self {
            VersionFile::Path(path) => path,
            VersionFile::Pattern(file) => &file.path,
        }
    }

    /// The regex, when one is given.
    pub fn pattern(&self) -> Option<&str> {
        match self {
            VersionFile::Path(_) => None,
            VersionFile::Pattern(file) => Some(&file.pattern),
        }
    }
}

/// `[hooks]`: what the git hooks enforce beyond the message rules.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct HooksConfig {
    /// Branches (globs) the pre-push hook refuses to update or delete directly.
    pub protected_branches: Vec<String>,
    /// What the pre-push hook does with `fixup!`/`squash!`/`amend!` commits.
    pub fixup_on_push: FixupOnPush,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FixupOnPush {
    Allow,
    #[default]
    Warn,
    Refuse,
}
