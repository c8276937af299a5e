//! Commit-time warnings: where commitizen will read a message differently from what its
//! author meant (a capitalised type, a revert, a body line that counts as a header).

use super::Commitizen;
use super::notes::{full_message, log_message};
use crate::model::Bump;
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;

/// Where commitizen reads a message differently from what its author probably meant.
pub fn commit_warnings(rules: &Commitizen, commit: &Message) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let lines = rules.line_bumps(&commit.text);
    let header_bump = lines
        .iter()
        .filter(|l| l.line == 0)
        .map(|l| l.bump)
        .max()
        .unwrap_or(Bump::None);
    let overall = lines.first().map_or(Bump::None, |l| l.bump);
    let header_span = 0..commit.header_line().len();
    if let Some(header) = &commit.header {
        let kind = header.kind(&commit.text);
        let lower = kind.to_lowercase();
        if header_bump == Bump::None && lower != kind {
            let rewritten = commit.text.replacen(kind, &lower, 1);
            if rules.increment(&rewritten) > Bump::None {
                found.push(
                    Diagnostic::warning(
                        "engine-type-case",
                        format!(
                            "commitizen releases nothing for `{kind}`: its bump rules are case-sensitive"
                        ),
                    )
                    .at(header.kind_span.clone(), "read as no release")
                    .help(format!("write the type in lowercase: `{lower}`")),
                );
            }
        }
        if lower == "revert" && overall == Bump::None {
            found.push(
                Diagnostic::warning("engine-revert-ignored", "commitizen releases nothing for `revert:`")
                    .at(header.kind_span.clone(), "no release")
                    .help("if this undoes a released change, describe the outcome as a `fix:` so CI releases it"),
            );
        }
    } else if commit.kind == crate::model::message::Kind::Revert && overall == Bump::None {
        found.push(
            Diagnostic::warning("engine-revert-ignored", "commitizen releases nothing for a revert")
                .at(header_span.clone(), "no release")
                .help("if this undoes a released change, describe the outcome as a `fix:` so CI releases it"),
        );
    }
    let from_body = lines
        .iter()
        .find(|l| l.line > 0 && l.bump > header_bump && !l.token.starts_with("BREAKING"));
    if let Some(line) = from_body {
        let (subject, body) = log_message(&commit.text);
        let message = full_message(&subject, &body);
        let span = message
            .split('\n')
            .nth(line.line)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .and_then(|t| commit.text.find(t).map(|at| at..at + t.len()))
            .unwrap_or(header_span.clone());
        found.push(
            Diagnostic::warning(
                "engine-body-line",
                format!(
                    "commitizen reads this body line as `{}`: the release becomes {}",
                    line.token,
                    line.bump.name()
                ),
            )
            .at(span, "counted like a commit header")
            .help("reword the line if it is not meant to release (commitizen reads every line that starts with `type:`)"),
        );
    }
    if rules.major_version_zero
        && lines
            .iter()
            .any(|l| l.token.ends_with('!') || l.token.starts_with("BREAKING"))
        && overall < Bump::Major
    {
        found.push(
            Diagnostic::warning(
                "engine-breaking-minor",
                "with `major_version_zero = true` commitizen makes this breaking change a minor release",
            )
            .at(header_span.clone(), "breaking, released as a minor")
            .help("remove `major_version_zero` from the commitizen configuration when the API is ready for 1.0.0"),
        );
    }
    if let Some(footer) = commit.footers.iter().find(|f| f.token == "BREAKING-CHANGE") {
        found.push(
            Diagnostic::warning(
                "engine-breaking-unlisted",
                "commitizen bumps for `BREAKING-CHANGE:` but lists only `BREAKING CHANGE:` notes in its changelog",
            )
            .at(footer.span.clone(), "not in the changelog's BREAKING CHANGE group")
            .help("write the footer as `BREAKING CHANGE: …` (with a space)"),
        );
    }
    found
}
