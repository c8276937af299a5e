//! The release type: each commit's by its rule, the highest of them applied to the last
//! release.

use semver::{Prerelease, Version};

use super::explain::explain;
use super::filter::filter_reverted;
use super::notes::listed;
use super::parser::{self, Parsed};
use super::remote::Remote;
use super::rules::{self, ReleaseType, Verdict};
use super::{SemanticRelease, bump_of, git_subject};
use crate::model::parallel;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Warning};

/// semantic-release 25.0.9 with commit-analyzer 13.0.1: each commit's release type
/// (its `releaseRules`, else the default rules), the highest of them applied to
/// `current` with `semver.inc`, or 1.0.0 for a first release. Surprise: there is no 0.x
/// rule, and a range with no releasing commit has no first release either.
pub fn decide(sr: &SemanticRelease, changes: &[Change], current: Option<&Version>) -> Decision {
    let mut warnings = sr.warnings.clone();
    let (Some(plugin), Some(options)) = (&sr.settings.analyzer, &sr.analyzer_parser) else {
        warnings.push(Warning::advice(
            "@semantic-release/commit-analyzer is not among the plugins: semantic-release finds no release type and releases nothing",
        ));
        return Decision {
            bump: Bump::None,
            next: None,
            reasons: Vec::new(),
            readings: changes
                .iter()
                .map(|c| Reading {
                    commit: c.id.clone(),
                    parsed: "-".into(),
                    bump: Bump::None,
                    because: "no commit-analyzer among the plugins".into(),
                })
                .collect(),
            noted: Vec::new(),
            warnings,
        };
    };
    let parsed: Vec<Option<Parsed>> =
        parallel::map(changes, |c| parser::parse(&c.message.text, options));
    let (kept, pairs) = filter_reverted(changes, &parsed);
    let custom = plugin.release_rules.as_deref();
    let mut verdicts: Vec<Option<(Option<Verdict>, bool)>> = vec![None; changes.len()];
    let mut highest: Option<usize> = None;
    for &index in &kept {
        let Some(commit) = &parsed[index] else {
            continue;
        };
        let subject = git_subject(&changes[index].message.text);
        let verdict = rules::commit_release(custom, commit, &subject);
        if let Some(Verdict {
            release: release @ ReleaseType::Type(level),
            ..
        }) = &verdict.0
        {
            if rules::raises(highest, *release) {
                highest = Some(*level);
            }
        }
        verdicts[index] = Some(verdict);
    }
    // Each commit's revert pair, by index, so that no commit searches all the pairs.
    let mut pair_of: Vec<Option<(usize, usize)>> = vec![None; changes.len()];
    for &(revert, reverted) in &pairs {
        pair_of[revert] = Some((revert, reverted));
        pair_of[reverted] = Some((revert, reverted));
    }
    let mut reasons = Vec::new();
    let mut readings = Vec::with_capacity(changes.len());
    for (index, change) in changes.iter().enumerate() {
        let reading = explain(
            change,
            parsed[index].as_ref(),
            verdicts[index].as_ref(),
            pair_of[index],
            changes,
            index,
            plugin.preset,
        );
        if let Some((Some(verdict), _)) = &verdicts[index] {
            if let ReleaseType::Type(level) = verdict.release {
                reasons.push(Reason {
                    bump: bump_of(level),
                    kind: if verdict.rule.breaking {
                        ReasonKind::Breaking
                    } else if verdict.rule.revert {
                        ReasonKind::Revert
                    } else {
                        ReasonKind::Type
                    },
                    commit: Some(change.id.clone()),
                    summary: Some(change.message.header_line().to_string()),
                    kind_of_change: parsed[index]
                        .as_ref()
                        .and_then(|p| p.text("type"))
                        .map(str::to_string),
                    rule: None,
                    paths: Vec::new(),
                });
            }
        }
        readings.push(reading);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let next = highest.map(|level| next_version(current, level));
    let bump = highest.map_or(Bump::None, bump_of);
    // The notes parse every message again their own way: not beside this parse of them.
    drop((parsed, verdicts));
    let noted = match &sr.settings.notes {
        Some(notes) => {
            let remote = Remote::parse(sr.repository_url(None).as_deref());
            listed(notes, changes, &remote)
        }
        None => Vec::new(),
    };
    warnings.dedup();
    Decision {
        bump,
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

/// `semver.inc(current, type)`, or 1.0.0 for a first release.
fn next_version(current: Option<&Version>, level: usize) -> Version {
    let Some(current) = current else {
        return Version::new(1, 0, 0);
    };
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    let mut next = match rules::RELEASE_TYPES[level] {
        "major" | "premajor" => Version::new(major + 1, 0, 0),
        "minor" | "preminor" => Version::new(major, minor + 1, 0),
        _ => Version::new(major, minor, patch + 1),
    };
    if rules::RELEASE_TYPES[level].starts_with("pre") {
        next.pre = Prerelease::new("0").expect("a valid pre-release");
    }
    next
}
