//! `cog bump --auto`: the strongest increment among the commits cocogitto parses and
//! counts, never a major on 0.x, and never below a pre-release tagged in the range.

use conventional_commit_parser::commit::ConventionalCommit;
use semver::Version;

use super::settings::TypeRule;
use super::{Cocogitto, Read, Scope};
use crate::model::parallel;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Tag, Target, Warning};

/// Decides a target's release (cocogitto 7.0.0's `get_new_version`). The range is the
/// commits since the last stable tag (all of them without one, from 0.0.0, leaving out a
/// first commit that carries a tag unless it is the only one); a range whose commits all fail to parse is an error for
/// cog (exit 1), which herald reports as no release. The next version is never below a
/// pre-release tagged in the range: `v1.4.2-rc.1` + any commit gives `1.4.2`. The
/// surprise: `feat!` on 0.x is only a minor, `fix!` a patch, and `perf:` releases nothing.
pub fn decide(
    rules: &Cocogitto,
    target: &Target,
    changes: &[Change],
    current: Option<&Version>,
    tags: &[Tag],
) -> Decision {
    let scope = rules.scope_of(target);
    let section = section_end(rules, scope, changes, tags);
    let zero = Version::new(0, 0, 0);
    let base = current.unwrap_or(&zero);
    let mut readings = Vec::with_capacity(changes.len());
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let (mut counted, mut parsed, mut skipped) = (0, 0, 0);
    let (mut breaking, mut minor, mut patch) = (false, false, false);
    // Each message is read once, on every core: the crate's parser is most of the time.
    let reads = parallel::map(changes, |change| {
        rules
            .belongs(scope, change)
            .then(|| Verdict::of(rules.read(&change.message.text)))
    });
    for ((index, change), read) in changes.iter().enumerate().zip(reads) {
        let reading = |parsed: &str, bump: Bump, because: String| Reading {
            commit: change.id.clone(),
            parsed: parsed.to_string(),
            bump,
            because,
        };
        let Some(read) = read else {
            readings.push(reading("-", Bump::None, outside(scope)));
            continue;
        };
        // cog walks `<first commit>..HEAD` and keeps the first commit only when no tag
        // names it, or when it is HEAD itself (its range of one commit keeps it).
        let tagged_root = current.is_none()
            && change.parent_count == 0
            && changes.len() > 1
            && tags.iter().any(|t| t.target == change.id);
        if tagged_root {
            readings.push(reading(
                "-",
                Bump::None,
                "the first commit carries a tag: cocogitto starts after it".into(),
            ));
            continue;
        }
        if listed(rules, change, &read) && index < section {
            noted.push(index);
        }
        if rules.ignore_merge_commits && change.parent_count > 1 {
            readings.push(reading(
                "merge",
                Bump::None,
                "a merge: ignore_merge_commits".into(),
            ));
            continue;
        }
        counted += 1;
        let (shown, is_breaking, rule) = match read {
            Verdict::Parsed {
                shown,
                breaking,
                rule,
            } => (shown, breaking, rule),
            Verdict::Skipped(why) => {
                skipped += 1;
                readings.push(reading("skipped", Bump::None, format!("{why}: skipped")));
                continue;
            }
        };
        parsed += 1;
        let (bump, kind, because) = if is_breaking && base.major != 0 {
            breaking = true;
            (
                Bump::Major,
                ReasonKind::Breaking,
                "breaking change → major".to_string(),
            )
        } else if rule.bump_minor {
            minor = true;
            let zero_note = if is_breaking {
                " (breaking, but cocogitto never bumps the major of a 0.x version)"
            } else {
                ""
            };
            (
                Bump::Minor,
                ReasonKind::Type,
                format!("`{}` → minor{zero_note}", rule.name),
            )
        } else if rule.bump_patch {
            patch = true;
            let zero_note = if is_breaking {
                " (breaking, but cocogitto never bumps the major of a 0.x version)"
            } else {
                ""
            };
            (
                Bump::Patch,
                ReasonKind::Type,
                format!("`{}` → patch{zero_note}", rule.name),
            )
        } else if is_breaking {
            (
                Bump::None,
                ReasonKind::Type,
                format!(
                    "breaking, but on 0.x cocogitto bumps only for its type, and `{}` does not bump",
                    rule.name
                ),
            )
        } else {
            (
                Bump::None,
                ReasonKind::Type,
                format!("`{}` does not bump", rule.name),
            )
        };
        if bump > Bump::None {
            reasons.push(Reason {
                bump,
                kind,
                commit: Some(change.id.clone()),
                summary: Some(change.message.header_line().to_string()),
                kind_of_change: Some(rule.name.clone()),
                rule: None,
                paths: Vec::new(),
            });
        }
        readings.push(reading(&shown, bump, because));
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let mut warnings: Vec<Warning> = rules.notices.iter().map(Warning::not_reproduced).collect();
    if skipped > 0 {
        warnings.push(Warning::advice(match skipped {
            1 => "1 commit is skipped by cocogitto (not conventional, or a type or scope cog.toml does not allow)".to_string(),
            n => format!("{n} commits are skipped by cocogitto (not conventional, or a type or scope cog.toml does not allow)"),
        }));
    }
    let increment = if breaking {
        Bump::Major
    } else if minor {
        Bump::Minor
    } else if patch {
        Bump::Patch
    } else {
        Bump::None
    };
    let failed = counted > 0 && parsed == 0;
    if failed && !matches!(scope, Scope::Package(_)) {
        warnings.push(Warning::advice(
            "no commit of the range is a conventional commit of a known type: `cog bump --auto` stops with an error (exit 1)",
        ));
    }
    let next = if failed || (counted == 0 && changes.iter().all(|c| !rules.belongs(scope, c))) {
        None
    } else {
        let mut next = increment_version(base, increment);
        let format = rules.tag_format(scope);
        let floor = tags
            .iter()
            .filter(|t| {
                !t.version.pre.is_empty() && &t.version > base && format.parse(&t.name).is_some()
            })
            .map(|t| &t.version)
            .max();
        if let Some(pre) = floor {
            if &next < pre {
                next = Version::new(pre.major, pre.minor, pre.patch);
            }
        }
        (next != *base).then_some(next)
    };
    let bump = match &next {
        None => increment,
        // cocogitto's `Tag::get_increment_from`: the part that grew.
        Some(next) => Bump::between(base, next),
    };
    Decision {
        bump,
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

fn outside(scope: Scope) -> String {
    match scope {
        Scope::Package(package) => format!("touches nothing of package `{}`", package.name),
        _ => "touches only package files: not a global change".into(),
    }
}

/// `feat(api)!` as cocogitto read it.
/// What deciding needs of a commit cocogitto reads: the whole parse of 100,000 commits
/// (every body and footer) is not kept at once.
enum Verdict<'a> {
    Parsed {
        /// How the reading shows it, e.g. `feat(api)!`.
        shown: String,
        breaking: bool,
        rule: &'a TypeRule,
    },
    Skipped(String),
}

impl<'a> Verdict<'a> {
    fn of(read: Read<'a>) -> Self {
        match read {
            Read::Parsed(commit, rule) => Verdict::Parsed {
                shown: shown(&commit),
                breaking: commit.is_breaking_change,
                rule,
            },
            Read::Skipped(why) => Verdict::Skipped(why),
        }
    }
}

fn shown(commit: &ConventionalCommit) -> String {
    let scope = commit
        .scope
        .as_ref()
        .map(|s| format!("({s})"))
        .unwrap_or_default();
    let bang = if commit.is_breaking_change { "!" } else { "" };
    format!("{}{scope}{bang}", commit.commit_type.as_ref())
}

/// cocogitto's version arithmetic: the pre-release and build parts are dropped.
pub(super) fn increment_version(current: &Version, bump: Bump) -> Version {
    match bump {
        Bump::Major => Version::new(current.major + 1, 0, 0),
        Bump::Minor => Version::new(current.major, current.minor + 1, 0),
        Bump::Patch => Version::new(current.major, current.minor, current.patch + 1),
        Bump::None => Version::new(current.major, current.minor, current.patch),
    }
}

/// Whether a commit appears in cocogitto's changelog: it parses, its type is not omitted
/// (unless breaking), and it is not a `Merge…` or `fixup!` message the settings leave out.
fn listed(rules: &Cocogitto, change: &Change, read: &Verdict<'_>) -> bool {
    let text = change.message.text.as_str();
    if rules.ignore_merge_commits && text.starts_with("Merge") {
        return false;
    }
    if rules.ignore_fixup_commits
        && ["fixup!", "squash!", "amend!"]
            .iter()
            .any(|p| text.starts_with(p))
    {
        return false;
    }
    match read {
        Verdict::Parsed { breaking, rule, .. } => !rule.omit || *breaking,
        Verdict::Skipped(_) => false,
    }
}

/// Whether cocogitto parsed any commit of the range as a conventional commit of a known
/// type: without one, `version_increment_from_commit_history` fails with `NoCommitFound`
/// (with one that bumps nothing, the increment is `NoBump`). The readings above mark the
/// others `-` (not counted), `merge` (ignored) or `skipped`.
pub(super) fn parsed_any(decision: &Decision) -> bool {
    decision
        .readings
        .iter()
        .any(|r| !matches!(r.parsed.as_str(), "-" | "merge" | "skipped"))
}

/// Where the new version's section of cog's CHANGELOG.md ends: at the first commit of the
/// range after the newest that carries one of the target's own tags (a pre-release, or an
/// older version merged in). `Release::try_from` (src/conventional/changelog/release.rs)
/// cuts the walk into releases at every commit whose `OidOf` is a tag of the package (or
/// of no package for the global version), as `resolve_oid_of_package` resolves it, after a
/// package's commits are kept by path; the commits below go to sections of their own.
fn section_end(rules: &Cocogitto, scope: Scope, changes: &[Change], tags: &[Tag]) -> usize {
    let format = rules.tag_format(scope);
    changes
        .iter()
        .enumerate()
        .filter(|(_, change)| rules.belongs(scope, change))
        .skip(1)
        .find(|(_, change)| {
            tags.iter()
                .any(|t| t.target == change.id && format.parse(&t.name).is_some())
        })
        .map_or(changes.len(), |(index, _)| index)
}
