//! What `preview --explain` says semantic-release made of each commit.

use super::parser::Parsed;
use super::preset::Preset;
use super::rules::{self, ReleaseType, Verdict};
use super::{bang_header, bump_of};
use crate::model::{Bump, Change, Reading};

/// What `--explain` says about one commit on its own; [`paired`] then says what the revert
/// filter did with it.
pub fn explain(
    change: &Change,
    parsed: Option<&Parsed>,
    verdict: Option<&(Option<Verdict>, bool)>,
    preset: Preset,
) -> Reading {
    let reading = |parsed: String, bump: Bump, because: String| Reading {
        commit: change.id.clone(),
        parsed,
        bump,
        because,
    };
    let Some(commit) = parsed else {
        return reading(
            "empty".into(),
            Bump::None,
            "an empty message is skipped".into(),
        );
    };
    let kind = commit.text("type");
    let mut shown = match kind {
        Some(kind) => {
            let scope = commit
                .text("scope")
                .map(|s| format!("({s})"))
                .unwrap_or_default();
            format!("{kind}{scope}")
        }
        None if change.parent_count > 1 => "merge".to_string(),
        None if commit.revert.is_some() => "revert".to_string(),
        None => "no type".to_string(),
    };
    if !commit.notes.is_empty() {
        shown.push_str(" +BREAKING");
    }
    match verdict {
        Some((Some(verdict), custom)) => {
            let rule = if *custom {
                format!("releaseRules {}", verdict.rule.describe())
            } else if verdict.rule.breaking {
                "a BREAKING CHANGE note".to_string()
            } else if verdict.rule.revert {
                "a revert".to_string()
            } else {
                format!("rule {}", verdict.rule.describe())
            };
            match verdict.release {
                ReleaseType::Type(level) => reading(
                    shown,
                    bump_of(level),
                    format!("{rule} → {}", rules::RELEASE_TYPES[level]),
                ),
                ReleaseType::Suppress => reading(shown, Bump::None, format!("{rule} → no release")),
            }
        }
        _ => {
            let header = change.message.header_line();
            let because = match kind {
                Some(kind) => format!("no rule releases `{kind}`"),
                None if change.parent_count > 1 => {
                    "a merge: the commits it brings in count instead".to_string()
                }
                None if preset == Preset::Angular && bang_header(header) => {
                    "the angular preset does not read `!`: no type, no release".to_string()
                }
                None => format!(
                    "not a `type(scope): subject` header for the {} preset: no release",
                    preset.name()
                ),
            };
            reading(shown, Bump::None, because)
        }
    }
}

/// The readings of a revert and the commit it reverts, which the revert filter dropped.
pub fn paired(readings: &mut [Reading], (revert, reverted): (usize, usize), changes: &[Change]) {
    for (index, other, says) in [
        (revert, reverted, "reverts"),
        (reverted, revert, "reverted by"),
    ] {
        readings[index].bump = Bump::None;
        readings[index].because = format!(
            "{says} {} in this range: both drop out",
            changes[other].short_id()
        );
    }
}
