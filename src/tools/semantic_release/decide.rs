//! The release type: each commit's by its rule, the highest of them applied to the last
//! release.

use semver::{Prerelease, Version};

use super::explain::{explain, paired};
use super::filter::{RevertFacts, filter_reverted};
use super::notes::{Listed, Listing, listed};
use super::parser;
use super::remote::Remote;
use super::rules::{self, ReleaseType, Verdict};
use super::{SemanticRelease, bump_of, git_subject};
use crate::model::parallel;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Warning};

/// semantic-release 25.0.9 with commit-analyzer 13.0.1: each commit's release type
/// (its `releaseRules`, else the default rules), the highest of them applied to
/// `current` with `semver.inc`, or 1.0.0 for a first release. Surprise: there is no 0.x
/// rule, and a range with no releasing commit has no first release either.
pub fn decide(
    sr: &SemanticRelease,
    changes: &[Change],
    current: Option<&Version>,
    remote: Option<&str>,
) -> Decision {
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
    let keys = &options.revert_correspondence;
    let custom = plugin.release_rules.as_deref();
    let remote = Remote::parse(sr.repository_url(remote).as_deref());
    let listing = (sr.settings.notes.as_ref()).map(|notes| Listing::new(notes, &remote, options));
    let reads: Vec<Read> = parallel::map(changes, |change| {
        let parsed = parser::parse(&change.message.text, options);
        let verdict = parsed.as_ref().map(|commit| {
            rules::commit_release(custom, commit, &git_subject(&change.message.text))
        });
        Read {
            noted: (listing.as_ref()).and_then(|listing| listing.read(change, parsed.as_ref())),
            reading: explain(change, parsed.as_ref(), verdict.as_ref(), plugin.preset),
            parsed: parsed.zip(verdict).map(|(commit, verdict)| Kept {
                facts: RevertFacts::of(&commit, keys),
                kind_of_change: commit.text("type").map(str::to_string),
                verdict,
            }),
        }
    });
    let (kept, pairs) = filter_reverted(changes, |index| {
        reads[index].parsed.as_ref().map(|kept| &kept.facts)
    });
    let mut counted = vec![false; changes.len()];
    let mut highest: Option<usize> = None;
    for &index in &kept {
        let Some(Kept {
            verdict: (Some(verdict), _),
            ..
        }) = &reads[index].parsed
        else {
            continue;
        };
        counted[index] = true;
        if let ReleaseType::Type(level) = verdict.release {
            if rules::raises(highest, verdict.release) {
                highest = Some(level);
            }
        }
    }
    let noted = match listing {
        Some(_) => listed(changes, |index| reads[index].noted.as_ref()),
        None => Vec::new(),
    };
    let mut reasons = Vec::new();
    let mut readings = Vec::with_capacity(changes.len());
    for (index, (change, read)) in changes.iter().zip(reads).enumerate() {
        let kept = read.parsed.filter(|_| counted[index]);
        reasons.extend(kept.and_then(|kept| reason(change, kept)));
        readings.push(read.reading);
    }
    for pair in pairs {
        paired(&mut readings, pair, changes);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let next = highest.map(|level| next_version(current, level));
    let bump = highest.map_or(Bump::None, bump_of);
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

/// What deciding keeps of one commit; its parse is dropped as soon as this is made.
struct Read {
    reading: Reading,
    /// `None` for a message semantic-release skips (an empty one).
    parsed: Option<Kept>,
    /// How the notes see it; `None` when they skip it, or without the notes plugin.
    noted: Option<Listed>,
}

struct Kept {
    facts: RevertFacts,
    verdict: (Option<Verdict>, bool),
    kind_of_change: Option<String>,
}

/// Why a commit the revert filter kept raises the release, when it does.
fn reason(change: &Change, kept: Kept) -> Option<Reason> {
    let verdict = kept.verdict.0?;
    let ReleaseType::Type(level) = verdict.release else {
        return None;
    };
    Some(Reason {
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
        kind_of_change: kept.kind_of_change,
        rule: None,
        paths: Vec::new(),
    })
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
