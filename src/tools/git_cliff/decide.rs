//! `git-cliff --bumped-version`: the commits that survive processing decide the version
//! with the `next_version` crate, as git-cliff's `calculate_next_version` does.

use next_version::VersionUpdater;
use semver::Version;

use super::process::{Dropped, Processed};
use super::{GitCliff, settings};
use crate::model::version::{increment, split_version};
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Warning};

/// The next version, as `git-cliff --bumped-version` prints it (without the prefix).
pub fn decide(cliff: &GitCliff, changes: &[Change], current: Option<&Version>) -> Decision {
    let processing = cliff.process(changes);
    let (kept, dropped) = (&processing.kept, &processing.dropped);
    let readings = readings(changes, kept, dropped);
    let mut warnings: Vec<Warning> = cliff
        .settings
        .unsupported
        .iter()
        .map(|what| Warning::not_reproduced(format!("git-cliff's {what} is not reproduced")))
        .collect();
    let unconventional = dropped
        .iter()
        .filter(|d| matches!(d, Some(Dropped::Unconventional(_))))
        .count();
    if unconventional > 0 {
        warnings.push(Warning::advice(format!(
            "{unconventional} commit(s) are not conventional and git-cliff skips them"
        )));
    }
    let noted: Vec<usize> = {
        let mut indices: Vec<usize> = kept.iter().map(|c| c.index).collect();
        indices.dedup();
        indices
    };
    let (next, bump, reasons) = match current {
        None if changes.is_empty() => (None, Bump::None, Vec::new()),
        None => {
            let initial = cliff
                .settings
                .bump
                .initial_tag
                .as_deref()
                .unwrap_or("0.1.0");
            let version = split_version(initial).map(|(_, v)| v);
            let reason = Reason {
                bump: Bump::Minor,
                kind: ReasonKind::AnyCommit,
                commit: None,
                summary: Some(format!(
                    "no release yet: git-cliff starts at initial_tag {initial}"
                )),
                kind_of_change: None,
                rule: None,
                paths: Vec::new(),
            };
            (version, Bump::Minor, vec![reason])
        }
        Some(current) => {
            let next = next_version(cliff, current, kept);
            let bump = Bump::between(current, &next);
            let reasons = reasons_for(changes, kept, bump);
            ((next != *current).then_some(next), bump, reasons)
        }
    };
    Decision {
        bump: if next.is_some() { bump } else { Bump::None },
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

/// `calculate_next_version_from_commits`, with git-cliff's defaults for `[bump]`.
fn next_version(cliff: &GitCliff, current: &Version, kept: &[Processed]) -> Version {
    let bump = &cliff.settings.bump;
    match bump.bump_type.as_deref() {
        Some("major") => return increment(current, Bump::Major),
        Some("minor") => return increment(current, Bump::Minor),
        Some("patch") => return increment(current, Bump::Patch),
        _ => {}
    }
    // The regexes were checked when the configuration was read.
    let Ok(updater) = updater(bump) else {
        return current.clone();
    };
    let conventional = cliff.settings.git.conventional_commits;
    let messages: Vec<String> = kept
        .iter()
        .map(|c| {
            let message = c.message.trim_end();
            if conventional {
                message.to_string()
            } else {
                message.lines().next().unwrap_or_default().to_string()
            }
        })
        .collect();
    updater.increment(current, messages)
}

/// The `next_version` updater with git-cliff's defaults (both options on unless set).
pub fn updater(bump: &settings::Bump) -> Result<VersionUpdater, regex::Error> {
    let mut updater = VersionUpdater::new()
        .with_features_always_increment_minor(bump.features_always_bump_minor.unwrap_or(true))
        .with_breaking_always_increment_major(bump.breaking_always_bump_major.unwrap_or(true));
    if let Some(pattern) = &bump.custom_major_increment_regex {
        updater = updater.with_custom_major_increment_regex(pattern)?;
    }
    if let Some(pattern) = &bump.custom_minor_increment_regex {
        updater = updater.with_custom_minor_increment_regex(pattern)?;
    }
    if let Some(pattern) = &bump.no_increment_regex {
        updater = updater.with_no_increment_regex(pattern)?;
    }
    Ok(updater)
}

/// The commits that explain the bump: breaking ones for a major, features for a minor,
/// any surviving commit for a patch.
fn reasons_for(changes: &[Change], kept: &[Processed], bump: Bump) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for commit in kept {
        let own = own_bump(commit);
        let kind = match own {
            Bump::Major => ReasonKind::Breaking,
            Bump::Minor => ReasonKind::Type,
            _ => ReasonKind::AnyCommit,
        };
        if own >= bump && bump > Bump::None {
            reasons.push(Reason::from_commit(
                own.min(bump),
                kind,
                &changes[commit.index],
            ));
        }
    }
    reasons.dedup_by(|a, b| a.commit == b.commit);
    reasons
}

/// What one surviving commit asks for on its own: breaking a major, `feat` (in any case,
/// as git-conventional compares types) a minor, anything else a patch.
fn own_bump(commit: &Processed) -> Bump {
    match &commit.conventional {
        Some(c) if c.breaking => Bump::Major,
        Some(c) if c.kind.eq_ignore_ascii_case("feat") => Bump::Minor,
        _ => Bump::Patch,
    }
}

/// The surviving commits of each commit of the range, by index (a commit can be split
/// into several; `kept` is in the range's order), so that no commit searches the others.
fn kept_by_index(kept: &[Processed], len: usize) -> Vec<&[Processed]> {
    let mut slices = Vec::with_capacity(len);
    let mut start = 0;
    for index in 0..len {
        let end = start
            + kept[start..]
                .iter()
                .take_while(|c| c.index == index)
                .count();
        slices.push(&kept[start..end]);
        start = end;
    }
    slices
}

fn readings(changes: &[Change], kept: &[Processed], dropped: &[Option<Dropped>]) -> Vec<Reading> {
    let by_index = kept_by_index(kept, changes.len());
    changes
        .iter()
        .enumerate()
        .map(|(index, change)| {
            let own = by_index[index];
            let (parsed, because) = match &dropped[index] {
                Some(Dropped::Unconventional(error)) => {
                    ("not conventional".to_string(), format!("skipped: {error}"))
                }
                Some(Dropped::Skipped) => (
                    "skipped".to_string(),
                    "a commit parser skips it".to_string(),
                ),
                Some(Dropped::Unmatched) => (
                    "unmatched".to_string(),
                    "no commit parser matches (filter_commits)".to_string(),
                ),
                None => {
                    let commit = own.first();
                    let conventional = commit.and_then(|c| c.conventional.as_ref());
                    let parsed = conventional.map_or("kept".to_string(), |c| {
                        let scope = c
                            .scope
                            .as_ref()
                            .map(|s| format!("({s})"))
                            .unwrap_or_default();
                        format!("{}{scope}{}", c.kind, if c.breaking { "!" } else { "" })
                    });
                    let group = commit
                        .and_then(|c| c.group.clone())
                        .unwrap_or_else(|| "no group".into());
                    (parsed, format!("counts; group {group}"))
                }
            };
            let bump = match dropped[index] {
                Some(_) => Bump::None,
                None => own.iter().map(own_bump).max().unwrap_or(Bump::Patch),
            };
            Reading {
                commit: change.id.clone(),
                parsed,
                bump,
                because,
            }
        })
        .collect()
}
