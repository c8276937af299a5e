//! Commit-time warnings: where cocogitto will read a message differently from what its
//! author meant (a type it skips, a type that releases nothing, a breaking change on 0.x).

use semver::Version;

use super::{Cocogitto, Read};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;

/// Where cocogitto reads a message differently from what its author probably meant.
/// `current` is the repository's version: the 0.x warning holds only below 1.0.0 (with
/// no release yet, cocogitto starts from 0.0.0).
pub fn commit_warnings(
    rules: &Cocogitto,
    commit: &Message,
    current: Option<&Version>,
) -> Vec<Diagnostic> {
    let on_zero = current.is_none_or(|v| v.major == 0);
    let mut found = Vec::new();
    let header_span = 0..commit.header_line().len();
    let kind_span = commit
        .header
        .as_ref()
        .map_or(header_span.clone(), |h| h.kind_span.clone());
    match rules.read(&commit.text) {
        Read::Skipped(why) => {
            if commit.header.is_some() {
                found.push(
                    Diagnostic::warning("engine-commit-skipped", format!("cocogitto skips this commit: {why}"))
                        .at(kind_span, "skipped by cog bump")
                        .help(format!(
                            "use one of cocogitto's types ({}) or add this one under [commit_types] in cog.toml",
                            rules.types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                );
            }
        }
        Read::Parsed(parsed, rule) => {
            let silent = !parsed.is_breaking_change && !rule.bump_minor && !rule.bump_patch;
            if silent && matches!(rule.name.as_str(), "perf" | "refactor" | "revert") {
                found.push(
                    Diagnostic::warning(
                        "engine-no-release",
                        format!("cocogitto releases nothing for `{}`", rule.name),
                    )
                    .at(kind_span.clone(), "no release")
                    .help(format!(
                        "if users should get this change, write it as `fix:`, or set `{} = {{ bump_patch = true }}` under [commit_types] in cog.toml",
                        rule.name
                    )),
                );
            }
            if parsed.is_breaking_change && on_zero {
                let note = if rule.bump_minor {
                    "while the version is 0.x, cocogitto makes this breaking change only a minor release".to_string()
                } else if rule.bump_patch {
                    "while the version is 0.x, cocogitto makes this breaking change only a patch release".to_string()
                } else {
                    format!(
                        "while the version is 0.x, cocogitto releases nothing for a breaking `{}`",
                        rule.name
                    )
                };
                found.push(
                    Diagnostic::warning("engine-breaking-zero", note)
                        .at(header_span.clone(), "breaking")
                        .help("cocogitto bumps the major only from 1.0.0 on; release 1.0.0 by hand (`cog bump --major`) when the API is ready"),
                );
            }
        }
    }
    found
}
