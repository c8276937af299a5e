//! Commit-time warnings: where git-cliff will read a message differently from what its
//! author meant (a commit parser that skips it, a type it bumps as a patch).

use super::GitCliff;
use super::process::{self, Dropped};
use crate::model::Change;
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;

/// Warnings for a message git-cliff will read differently from what its author meant.
pub fn commit_warnings(cliff: &GitCliff, commit: &Message) -> Vec<Diagnostic> {
    let change = Change {
        id: String::new(),
        message: commit.clone(),
        paths: Vec::new(),
        parent_count: 1,
        author: String::new(),
        time: 0,
    };
    let header = 0..commit.header_line().len();
    let mut found = Vec::new();
    match process::process(&cliff.settings.git, 0, &change) {
        Err(Dropped::Skipped) if commit.is_breaking() => found.push(
            Diagnostic::warning("engine-breaking-skipped", "git-cliff's commit parsers skip this breaking change")
                .at(header, "matches a `skip = true` parser in cliff.toml")
                .help("set `protect_breaking_commits = true` under [git], or use another type or scope"),
        ),
        Err(Dropped::Skipped) => found.push(
            Diagnostic::warning("engine-skipped", "git-cliff's commit parsers skip this commit: it does not count towards the release")
                .at(header, "matches a `skip = true` parser in cliff.toml")
                .help("use another type or scope if this change should be released"),
        ),
        Ok(kept) => {
            let kind = kept.first().and_then(|c| c.conventional.as_ref()).map(|c| c.kind.clone());
            if let Some(kind) = kind {
                if kind.to_ascii_lowercase().starts_with("feat") && !kind.eq_ignore_ascii_case("feat") {
                    found.push(
                        Diagnostic::warning("engine-type-unseen", format!("git-cliff bumps `{kind}` as a patch, not as a feature"))
                            .at(0..kind.len(), "not `feat`")
                            .help("write `feat` for a new feature"),
                    );
                }
            }
        }
        Err(_) => {}
    }
    found
}
