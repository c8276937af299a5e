//! Which rules decide a release: herald's own, or those of the release tool CI runs.

use serde::Deserialize;

/// The engines herald mirrors, as written in `engine = "…"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EngineName {
    Herald,
    SemanticRelease,
    ReleasePlease,
    Commitizen,
    Cocogitto,
    GitCliff,
}

impl EngineName {
    pub fn as_str(self) -> &'static str {
        match self {
            EngineName::Herald => "herald",
            EngineName::SemanticRelease => "semantic-release",
            EngineName::ReleasePlease => "release-please",
            EngineName::Commitizen => "commitizen",
            EngineName::Cocogitto => "cocogitto",
            EngineName::GitCliff => "git-cliff",
        }
    }
}
