//! The decision for one package: what release-please 17.11.2's
//! `BaseStrategy.buildReleasePullRequest` and `DefaultVersioningStrategy` make of its
//! commits, with the reasons and a reading of each commit.

use semver::Version;

use super::Settings;
use super::commits::{self, NoteTitle, Parsed, parse_message};
use super::notes as layout;
use super::settings::{self, Package, Versioning};
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target, Warning};

/// One commit release-please read, and the change it came from.
pub(super) struct Read<'a> {
    pub(super) index: usize,
    pub(super) change: &'a Change,
    pub(super) commit: Parsed,
}

/// Decides the next version of a target's package from its range (newest first), mirroring
/// release-please 17.11.2's `BaseStrategy.buildReleasePullRequest`: no parsed commit, no
/// release; otherwise the version comes first and the release happens only if the notes
/// show something. The surprise: every parsed commit counts as at least a patch, yet a
/// range of `docs:` alone releases nothing (its notes are empty).
pub fn decide(
    settings: &Settings,
    target: &Target,
    changes: &[Change],
    current: Option<&Version>,
) -> Decision {
    let mut warnings = Vec::new();
    let Some(package) = settings.package(target) else {
        return no_release(changes, warnings);
    };
    // The configuration's own warnings are said once, with the first package.
    if settings
        .packages
        .first()
        .is_some_and(|first| std::ptr::eq(first, package))
    {
        warnings.extend(settings.warnings.iter().cloned());
    }
    let read: Vec<Read> = changes
        .iter()
        .enumerate()
        .flat_map(|(index, change)| {
            parse_message(&change.message.text)
                .into_iter()
                .map(move |commit| Read {
                    index,
                    change,
                    commit,
                })
        })
        .collect();
    // Each commit's index is looked at once: a range of 100,000 commits must not be
    // searched for each of its commits.
    let mut parsed = vec![false; changes.len()];
    for r in &read {
        parsed[r.index] = true;
    }
    let dropped = changes
        .iter()
        .zip(&parsed)
        .filter(|(c, parsed)| c.parent_count < 2 && !**parsed)
        .count();
    if dropped > 0 {
        let prefix = prefix(settings, target);
        warnings.push(Warning::advice(match dropped {
            1 => format!("{prefix}1 commit is not conventional for release-please and was ignored"),
            n => format!(
                "{prefix}{n} commits are not conventional for release-please and were ignored"
            ),
        }));
    }
    let mut readings: Vec<Reading> = changes.iter().map(unread).collect();
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let mut is_noted = vec![false; changes.len()];
    let pre_major = current.is_some_and(|v| v.major < 1);
    let mut explained: Vec<Vec<(u8, String, Bump, String)>> = vec![Vec::new(); changes.len()];
    for read in &read {
        let shown = layout::is_shown(&read.commit, &package.sections);
        if shown && !is_noted[read.index] {
            is_noted[read.index] = true;
            noted.push(read.index);
        }
        let (bump, because) = contribution(package, &read.commit, shown, pre_major);
        if bump > Bump::None && (shown || read.commit.breaking) {
            reasons.push(reason(bump, read));
        }
        let rank = match read.commit.origin {
            commits::Origin::Header | commits::Origin::Override => 0,
            commits::Origin::Split => 1,
            commits::Origin::Nested => 2,
            commits::Origin::Footer => 3,
        };
        // Footers such as `Refs: #12` or `Signed-off-by: …` read as commits of types with
        // no section: nothing to say about them.
        let quiet = rank == 3 && !shown && bump == Bump::None;
        if !quiet {
            explained[read.index].push((rank, short_header(&read.commit), bump, because));
        }
    }
    for (reading, mut parts) in readings.iter_mut().zip(explained) {
        if parts.is_empty() {
            continue;
        }
        parts.sort_by_key(|p| p.0);
        reading.parsed = parts
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        reading.bump = parts.iter().map(|p| p.2).max().unwrap_or(Bump::None);
        reading.because = parts
            .iter()
            .map(|p| p.3.as_str())
            .collect::<Vec<_>>()
            .join("; ");
    }
    if read.is_empty() {
        return Decision {
            bump: Bump::None,
            next: None,
            reasons,
            readings,
            noted,
            warnings,
        };
    }
    let (next, bump) = match next_version(package, &read, current, &mut reasons, &mut warnings) {
        Some(found) => found,
        None => {
            return Decision {
                bump: Bump::None,
                next: None,
                reasons,
                readings,
                noted: Vec::new(),
                warnings,
            };
        }
    };
    noted.sort_unstable();
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let released = !noted.is_empty();
    Decision {
        bump: if released { bump } else { Bump::None },
        next: released.then_some(next),
        reasons,
        readings,
        noted,
        warnings,
    }
}

fn no_release(changes: &[Change], warnings: Vec<Warning>) -> Decision {
    Decision {
        bump: Bump::None,
        next: None,
        reasons: Vec::new(),
        readings: changes.iter().map(unread).collect(),
        noted: Vec::new(),
        warnings,
    }
}

/// `packages/a: ` when the configuration has several packages.
fn prefix(settings: &Settings, target: &Target) -> String {
    if settings.packages.len() > 1 {
        format!("{}: ", target.name)
    } else {
        String::new()
    }
}

fn unread(change: &Change) -> Reading {
    let because = if change.parent_count > 1 {
        "a merge: release-please cannot parse its message; the commits it brings in count"
    } else {
        "release-please cannot parse it: dropped"
    };
    Reading {
        commit: change.id.clone(),
        parsed: "not conventional".into(),
        bump: Bump::None,
        because: because.into(),
    }
}

/// `type(scope)!` as release-please read it.
fn short_header(commit: &Parsed) -> String {
    let scope = commit
        .scope
        .as_ref()
        .map(|s| format!("({s})"))
        .unwrap_or_default();
    let bang = if commit.breaking { "!" } else { "" };
    format!("{}{scope}{bang}", commit.kind)
}

/// What one commit does to the version (before the 0.x options) and why.
fn contribution(
    package: &Package,
    commit: &Parsed,
    shown: bool,
    pre_major: bool,
) -> (Bump, String) {
    let origin = match commit.origin {
        commits::Origin::Split => " (a paragraph release-please reads as its own commit)",
        commits::Origin::Footer => " (a footer release-please reads as a commit)",
        commits::Origin::Nested => " (a nested commit)",
        commits::Origin::Header | commits::Origin::Override => "",
    };
    let kind = &commit.kind;
    if let Some(version) = commit.note(NoteTitle::ReleaseAs) {
        return (
            Bump::None,
            format!("Release-As: {version} sets the version{origin}"),
        );
    }
    if commit.breaking {
        let zero = if pre_major && package.bump_minor_pre_major {
            " (minor on 0.x: bump-minor-pre-major)"
        } else {
            ""
        };
        return (
            Bump::Major,
            format!("breaking change → major{zero}{origin}"),
        );
    }
    if kind == "feat" || kind == "feature" {
        let zero = if pre_major && package.bump_patch_for_minor_pre_major {
            " (patch on 0.x: bump-patch-for-minor-pre-major)"
        } else {
            ""
        };
        return (Bump::Minor, format!("`{kind}` → minor{zero}{origin}"));
    }
    let lower = kind.to_lowercase();
    if shown {
        let note = if lower == "feat" || lower == "feature" {
            " (only lowercase `feat` is a minor, though the notes list it under Features)"
        } else {
            ""
        };
        return (Bump::Patch, format!("`{kind}` → patch{note}{origin}"));
    }
    let why = if package.sections.iter().any(|s| s.kind == lower) {
        "is hidden in the notes"
    } else {
        "has no section in the notes"
    };
    (
        Bump::None,
        format!("`{kind}` {why}: no release by itself{origin}"),
    )
}

fn reason(bump: Bump, read: &Read) -> Reason {
    let kind = if read.commit.breaking {
        ReasonKind::Breaking
    } else {
        ReasonKind::Type
    };
    Reason {
        bump,
        kind,
        commit: Some(read.change.id.clone()),
        summary: Some(read.commit.header.clone()),
        kind_of_change: Some(read.commit.kind.clone()),
        rule: None,
        paths: Vec::new(),
    }
}

/// The next version and the part that changes: `release-as`, the newest `Release-As`
/// footer, the versioning strategy from the current version, or the initial version.
fn next_version(
    package: &Package,
    read: &[Read],
    current: Option<&Version>,
    reasons: &mut Vec<Reason>,
    warnings: &mut Vec<Warning>,
) -> Option<(Version, Bump)> {
    let strategy = strategy_bump(package, read, current);
    let forced = |version: Version| {
        let bump = match current {
            Some(c) => Bump::between(c, &version).max(Bump::Patch),
            None => strategy,
        };
        (version, bump)
    };
    if let Some(version) = &package.release_as {
        reasons.insert(
            0,
            Reason {
                bump: forced(version.clone()).1,
                kind: ReasonKind::ReleaseAs,
                commit: None,
                summary: None,
                kind_of_change: None,
                rule: Some(format!(
                    "release-as {version} in release-please-config.json"
                )),
                paths: Vec::new(),
            },
        );
        return Some(forced(version.clone()));
    }
    if let Some(found) = read
        .iter()
        .find(|r| r.commit.note(NoteTitle::ReleaseAs).is_some())
    {
        let text = found.commit.note(NoteTitle::ReleaseAs).unwrap_or_default();
        return match settings::parse_version(text) {
            Ok(version) => {
                let (version, bump) = forced(version);
                reasons.insert(
                    0,
                    Reason {
                        bump,
                        kind: ReasonKind::ReleaseAs,
                        commit: Some(found.change.id.clone()),
                        summary: Some(found.commit.header.clone()),
                        kind_of_change: Some(found.commit.kind.clone()),
                        rule: Some(format!("Release-As: {text}")),
                        paths: Vec::new(),
                    },
                );
                Some((version, bump))
            }
            Err(problem) => {
                warnings.push(Warning::not_reproduced(format!(
                    "commit {}: Release-As: {problem}; release-please stops on it",
                    &found.change.id[..found.change.id.len().min(7)]
                )));
                None
            }
        };
    }
    match (current, &package.versioning) {
        (Some(current), Versioning::Prerelease { keep, kind }) => Some((
            prerelease_apply(current, strategy, kind.as_deref(), *keep),
            strategy,
        )),
        (Some(current), _) => Some((apply(current, strategy), strategy)),
        (None, _) => Some((package.initial_version.clone(), strategy)),
    }
}

/// `PrereleaseVersioningStrategy`'s updaters (versioning-strategies/prerelease.ts): from a
/// pre-release, a bump that stays within its version counts the pre-release up
/// (`1.2.0-beta01` → `1.2.0-beta02`); a larger one moves the version and keeps the
/// pre-release part; from a stable version, the usual bump with `kind` appended. Without
/// `keep` (`prerelease: true`), the answer drops its pre-release part.
pub(super) fn prerelease_apply(
    current: &Version,
    bump: Bump,
    kind: Option<&str>,
    keep: bool,
) -> Version {
    let pre = current.pre.as_str();
    let counted = |next: &mut Version| {
        next.pre = semver::Prerelease::new(&count_up(pre)).unwrap_or(next.pre.clone());
    };
    let mut next = current.clone();
    let fresh = |next: &mut Version| {
        next.pre = kind
            .and_then(|k| semver::Prerelease::new(k).ok())
            .unwrap_or(semver::Prerelease::EMPTY);
    };
    match bump {
        Bump::Major if pre.is_empty() => {
            (next.major, next.minor, next.patch) = (current.major + 1, 0, 0);
            fresh(&mut next);
        }
        Bump::Major if current.minor == 0 && current.patch == 0 => counted(&mut next),
        Bump::Major => (next.major, next.minor, next.patch) = (current.major + 1, 0, 0),
        Bump::Minor if pre.is_empty() => {
            (next.minor, next.patch) = (current.minor + 1, 0);
            fresh(&mut next);
        }
        Bump::Minor if current.patch == 0 => counted(&mut next),
        Bump::Minor => (next.minor, next.patch) = (current.minor + 1, 0),
        Bump::Patch | Bump::None if pre.is_empty() => {
            next.patch += 1;
            fresh(&mut next);
        }
        Bump::Patch | Bump::None => counted(&mut next),
    }
    if !keep {
        next = Version::new(next.major, next.minor, next.patch);
    }
    next
}

/// `bumpPrerelease`: the last run of digits counts up, keeping its width (`beta01` →
/// `beta02`, `rc.9` → `rc.10`); without one, `.1` is appended.
fn count_up(pre: &str) -> String {
    let end = pre
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i + 1);
    let Some(end) = end else {
        return format!("{pre}.1");
    };
    let start = pre[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or(end, |(i, _)| i);
    let digits = &pre[start..end];
    let next = digits.parse::<u128>().map_or(0, |n| n + 1);
    format!(
        "{}{next:0width$}{}",
        &pre[..start],
        &pre[end..],
        width = digits.len()
    )
}

/// The versioning strategy's answer, with the 0.x options applied.
pub(super) fn strategy_bump(package: &Package, read: &[Read], current: Option<&Version>) -> Bump {
    match package.versioning {
        Versioning::AlwaysBumpPatch => return Bump::Patch,
        Versioning::AlwaysBumpMinor => return Bump::Minor,
        Versioning::AlwaysBumpMajor => return Bump::Major,
        Versioning::Default | Versioning::Prerelease { .. } => {}
    }
    let pre_major = current.is_some_and(|v| v.major < 1);
    let breaking = read.iter().any(|r| r.commit.breaking);
    let feature = read
        .iter()
        .any(|r| !r.commit.breaking && (r.commit.kind == "feat" || r.commit.kind == "feature"));
    if breaking {
        if pre_major && package.bump_minor_pre_major {
            Bump::Minor
        } else {
            Bump::Major
        }
    } else if feature {
        if pre_major && package.bump_patch_for_minor_pre_major {
            Bump::Patch
        } else {
            Bump::Minor
        }
    } else {
        Bump::Patch
    }
}

/// release-please's version updaters: the pre-release and build parts are kept.
pub(super) fn apply(current: &Version, bump: Bump) -> Version {
    let mut next = current.clone();
    match bump {
        Bump::Major => {
            next.major += 1;
            next.minor = 0;
            next.patch = 0;
        }
        Bump::Minor => {
            next.minor += 1;
            next.patch = 0;
        }
        Bump::Patch => next.patch += 1,
        Bump::None => {}
    }
    next
}

#[cfg(test)]
mod prerelease_tests {
    use super::*;

    fn next(current: &str, bump: Bump, kind: Option<&str>, keep: bool) -> String {
        prerelease_apply(&Version::parse(current).unwrap(), bump, kind, keep).to_string()
    }

    /// The cases of release-please's prerelease strategy (test/versioning-strategies).
    #[test]
    fn counts_up_within_a_pre_release_and_keeps_the_padding() {
        assert_eq!(
            next("1.2.3-beta01", Bump::Patch, Some("beta"), true),
            "1.2.3-beta02"
        );
        assert_eq!(
            next("1.2.3-beta01-01", Bump::Patch, None, true),
            "1.2.3-beta01-02"
        );
        assert_eq!(
            next("1.2.3-beta09", Bump::Patch, None, true),
            "1.2.3-beta10"
        );
        assert_eq!(next("1.2.3-beta", Bump::Patch, None, true), "1.2.3-beta.1");
        assert_eq!(
            next("1.2.0-beta01", Bump::Minor, None, true),
            "1.2.0-beta02"
        );
        assert_eq!(
            next("1.2.1-beta01", Bump::Minor, None, true),
            "1.3.0-beta01"
        );
        assert_eq!(
            next("2.0.0-alpha09", Bump::Major, None, true),
            "2.0.0-alpha10"
        );
        assert_eq!(
            next("2.1.0-alpha09", Bump::Major, None, true),
            "3.0.0-alpha09"
        );
    }

    #[test]
    fn a_stable_version_gets_the_pre_release_type() {
        assert_eq!(next("1.2.3", Bump::Patch, Some("beta"), true), "1.2.4-beta");
        assert_eq!(next("1.2.3", Bump::Minor, Some("rc"), true), "1.3.0-rc");
        assert_eq!(next("1.2.3", Bump::Major, None, true), "2.0.0");
    }

    #[test]
    fn without_prerelease_true_the_answer_is_stable() {
        assert_eq!(
            next("1.2.3-beta01", Bump::Patch, Some("beta"), false),
            "1.2.3"
        );
        assert_eq!(next("1.2.3", Bump::Minor, Some("beta"), false), "1.3.0");
    }
}
