//! herald's decision: each commit's bump by its type (breaking → major, `[bump.types]`,
//! else `[bump] default`), path rules that set a minimum, reverts inside the range
//! cancelling what they revert, then the 0.x rule.

use semver::Version;

use super::Herald;
use crate::config::{ZeroBump, ZeroMinor};
use crate::model::message::Kind;
use crate::model::version::increment;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Warning};

/// Decides the bump and next version for a range (newest first) after `current`.
///
/// `pre_releases` are the pre-release versions tagged in the range: with no stable
/// release yet, the first one finalises the highest of them (`v1.4.2-rc.1` leads to
/// 1.4.2, not back to `initial`).
pub fn decide(
    rules: &Herald,
    changes: &[Change],
    current: Option<&Version>,
    pre_releases: &[Version],
) -> Decision {
    let cancelled = cancelled_pairs(changes);
    let mut readings = Vec::with_capacity(changes.len());
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let mut unconventional = 0;
    for (index, change) in changes.iter().enumerate() {
        let (parsed, bump, because) = match (&cancelled[index], &change.message.kind) {
            (Some(other), _) => (reading_of(change), Bump::None, other.clone()),
            (None, Kind::NotConventional(error)) => {
                unconventional += 1;
                (
                    "not conventional".to_string(),
                    Bump::None,
                    format!("ignored: {}", error.message),
                )
            }
            (None, Kind::Merge) => (
                "merge".into(),
                Bump::None,
                "a merge: the commits it brings in count instead".into(),
            ),
            (None, Kind::Autosquash(kind)) => (
                kind.prefix().into(),
                Bump::None,
                "meant to be squashed: does not count".into(),
            ),
            (None, Kind::Empty) => ("empty".into(), Bump::None, "empty message".into()),
            (None, Kind::Revert) => {
                noted.push(index);
                let bump = rules.type_bump("revert");
                reasons.push(Reason::from_commit(bump, ReasonKind::Revert, change));
                (
                    "revert".into(),
                    bump,
                    format!("reverts a commit outside the range → {}", bump.name()),
                )
            }
            (None, Kind::Conventional) => {
                noted.push(index);
                let (bump, kind, because) = conventional_bump(rules, change);
                if bump > Bump::None {
                    reasons.push(Reason::from_commit(bump, kind, change));
                }
                (reading_of(change), bump, because)
            }
        };
        readings.push(Reading {
            commit: change.id.clone(),
            parsed,
            bump,
            because,
        });
    }
    // A merge's files are those of the commits it brings in, which count on their own
    // when they are in the range; when they are not (a release branch merged back, its
    // release commit behind the tag), they must not count through the merge either.
    let live = changes
        .iter()
        .enumerate()
        .filter(|(i, change)| cancelled[*i].is_none() && change.parent_count < 2);
    for (reason, by) in path_rule_reasons(rules, changes, live) {
        // The commits that touched the rule's paths contribute its bump.
        for index in by {
            let reading = &mut readings[index];
            reading.bump = reading.bump.max(reason.bump);
            reading.because.push_str(&format!(
                "; touches {} → rule \"{}\" ({})",
                changes[index]
                    .paths
                    .iter()
                    .find(|p| reason.paths.contains(p))
                    .map_or("its files", String::as_str),
                reason.rule.as_deref().unwrap_or(""),
                reason.bump.name()
            ));
        }
        reasons.push(reason);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let raw = reasons.iter().map(|r| r.bump).max().unwrap_or(Bump::None);
    let bump = on_zero(rules, current, raw);
    let next = match (bump, current) {
        (Bump::None, _) => None,
        (_, None) => {
            let finalised = pre_releases
                .iter()
                .max()
                .map(|v| Version::new(v.major, v.minor, v.patch));
            Some(
                finalised
                    .into_iter()
                    .chain([rules.config.version.initial.clone()])
                    .max()
                    .expect("one version"),
            )
        }
        (bump, Some(current)) => Some(increment(current, bump)),
    };
    let mut warnings = Vec::new();
    if unconventional > 0 {
        warnings.push(Warning::advice(match unconventional {
            1 => "1 commit is not conventional and was ignored".to_string(),
            n => format!("{n} commits are not conventional and were ignored"),
        }));
    }
    Decision {
        bump,
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

/// The bump of a conventional commit, its kind and the explanation.
fn conventional_bump(rules: &Herald, change: &Change) -> (Bump, ReasonKind, String) {
    let commit = &change.message;
    let kind = commit.kind_lowercase().unwrap_or_default();
    if commit.is_breaking() {
        let marker = if commit.header.as_ref().is_some_and(|h| h.bang) {
            "`!`"
        } else {
            "BREAKING CHANGE footer"
        };
        return (
            Bump::Major,
            ReasonKind::Breaking,
            format!("breaking change ({marker}) → major"),
        );
    }
    let bump = rules.type_bump(&kind);
    let because = match bump {
        Bump::None => format!("`{kind}` does not bump"),
        bump => format!("`{kind}` → {}", bump.name()),
    };
    let reason = if kind == "revert" {
        ReasonKind::Revert
    } else {
        ReasonKind::Type
    };
    (bump, reason, because)
}

/// `type(scope)!` as read from the header.
fn reading_of(change: &Change) -> String {
    match &change.message.header {
        Some(header) => {
            let scope = header
                .scope(&change.message.text)
                .map(|s| format!("({s})"))
                .unwrap_or_default();
            let bang = if change.message.is_breaking() {
                "!"
            } else {
                ""
            };
            format!("{}{scope}{bang}", header.kind(&change.message.text))
        }
        None => "revert".to_string(),
    }
}

/// For each commit, the explanation when a revert in the same range cancels it (both the
/// revert and the reverted commit drop out).
fn cancelled_pairs(changes: &[Change]) -> Vec<Option<String>> {
    let mut cancelled = vec![None; changes.len()];
    let mut by_id: Option<IdIndex> = None;
    for (index, change) in changes.iter().enumerate() {
        let Some(target) = &change.message.reverted else {
            continue;
        };
        let is_revert = change.message.kind == Kind::Revert
            || change.message.kind_lowercase().as_deref() == Some("revert");
        if !is_revert {
            continue;
        }
        let found = by_id
            .get_or_insert_with(|| IdIndex::new(changes))
            .with_prefix(target)
            .filter(|&j| j > index && cancelled[j].is_none())
            .min();
        if let Some(j) = found {
            cancelled[index] = Some(format!(
                "reverts {} in this range: both drop out",
                changes[j].short_id()
            ));
            cancelled[j] = Some(format!("reverted by {} in this range", change.short_id()));
        }
    }
    cancelled
}

/// The range's commit ids in order, so that the commits a revert names (by a prefix of
/// their id) are found without reading the whole range for each revert.
struct IdIndex<'a> {
    sorted: Vec<(&'a str, usize)>,
}

impl<'a> IdIndex<'a> {
    fn new(changes: &'a [Change]) -> Self {
        let mut sorted: Vec<(&str, usize)> = changes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        sorted.sort_unstable();
        IdIndex { sorted }
    }

    /// The indices of the commits whose id starts with `prefix`.
    fn with_prefix<'s>(&'s self, prefix: &'s str) -> impl Iterator<Item = usize> + 's {
        let first = self.sorted.partition_point(|(id, _)| *id < prefix);
        self.sorted[first..]
            .iter()
            .take_while(move |(id, _)| id.starts_with(prefix))
            .map(|&(_, i)| i)
    }
}

/// Path rules that match the range, each as a reason naming the newest commit that
/// touched its paths, with every such commit's index.
fn path_rule_reasons<'a>(
    rules: &Herald,
    changes: &[Change],
    live: impl Iterator<Item = (usize, &'a Change)>,
) -> Vec<(Reason, Vec<usize>)> {
    let paths: Vec<(usize, &str)> = live
        .flat_map(|(i, c)| c.paths.iter().map(move |p| (i, p.as_str())))
        .collect();
    if rules.path_rules.is_empty() || paths.is_empty() {
        return Vec::new();
    }
    let touched = rules.components.touched_by(paths.iter().map(|(_, p)| *p));
    let mut reasons = Vec::new();
    for compiled in &rules.path_rules {
        let rule = &compiled.rule;
        let any_ok = rule.components.is_empty()
            || rule.components.iter().any(|c| touched.contains(c.as_str()));
        let all_ok = rule
            .all_components
            .iter()
            .all(|c| touched.contains(c.as_str()));
        if !(any_ok && all_ok) {
            continue;
        }
        let matching: Vec<(usize, &str)> = match &compiled.paths {
            Some(set) => paths
                .iter()
                .copied()
                .filter(|(_, p)| set.is_match(p))
                .collect(),
            None => paths
                .iter()
                .copied()
                .filter(|(_, p)| {
                    rule.components
                        .iter()
                        .chain(&rule.all_components)
                        .any(|c| rules.components.matches(c, p))
                })
                .collect(),
        };
        let Some(&(newest, _)) = matching.iter().min_by_key(|(i, _)| *i) else {
            continue;
        };
        let shown: std::collections::BTreeSet<&str> = matching.iter().map(|(_, p)| *p).collect();
        let by: std::collections::BTreeSet<usize> = matching.iter().map(|(i, _)| *i).collect();
        let change = &changes[newest];
        reasons.push((
            Reason {
                bump: rule.bump,
                kind: ReasonKind::PathRule,
                commit: Some(change.id.clone()),
                summary: Some(change.message.header_line().to_string()),
                kind_of_change: None,
                rule: Some(rule.name.clone()),
                paths: shown.into_iter().map(str::to_string).collect(),
            },
            by.into_iter().collect(),
        ));
    }
    reasons
}

/// herald's 0.x rule: while the major is 0, a breaking change bumps the minor and a
/// feature the minor, unless `[version]` says otherwise. With no release yet the first
/// version is `initial` whatever the bump, so nothing changes.
fn on_zero(rules: &Herald, current: Option<&Version>, bump: Bump) -> Bump {
    if current.is_none_or(|v| v.major != 0) {
        return bump;
    }
    let version = &rules.config.version;
    match bump {
        Bump::Major if version.breaking_on_zero == ZeroBump::Minor => Bump::Minor,
        Bump::Minor if version.feat_on_zero == ZeroMinor::Patch => Bump::Patch,
        other => other,
    }
}
