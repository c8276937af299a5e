//! herald's own rules: the common Conventional Commits mapping (breaking → major, `feat`
//! → minor, `fix`/`perf`/reverts → patch, other types → `[bump] default`), path rules that
//! set a minimum bump, configurable 0.x behaviour, and reverts inside the range cancelling
//! what they revert.

use globset::GlobSet;
use semver::Version;

use crate::config::{Config, PathRule, ReleaseMode, ZeroBump, ZeroMinor};
use crate::model::components::{Components, glob_set};
use crate::model::message::Kind;
use crate::model::version::TagFormat;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};

/// herald's rules, compiled from the configuration.
#[derive(Debug, Clone)]
pub struct Rules {
    config: Config,
    components: Components,
    path_rules: Vec<CompiledRule>,
}

#[derive(Debug, Clone)]
struct CompiledRule {
    rule: PathRule,
    paths: Option<GlobSet>,
}

impl Rules {
    /// Compiles the configuration's components and path rules.
    pub fn new(config: &Config) -> Result<Rules, String> {
        let components = Components::compile(&config.components)?;
        let path_rules = config
            .bump
            .rules
            .iter()
            .map(|rule| {
                let paths = if rule.paths.is_empty() {
                    None
                } else {
                    Some(glob_set(&rule.paths).map_err(|e| format!("rule `{}`: {e}", rule.name))?)
                };
                Ok(CompiledRule {
                    rule: rule.clone(),
                    paths,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Rules {
            config: config.clone(),
            components,
            path_rules,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn components(&self) -> &Components {
        &self.components
    }

    /// Whether deciding needs the files each commit changed.
    pub fn needs_paths(&self) -> bool {
        !self.path_rules.is_empty()
    }

    /// The repository in unified mode; each component in independent mode.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        let version = &self.config.version;
        match self.config.release.mode {
            ReleaseMode::Unified => vec![Target {
                name: self
                    .config
                    .release
                    .name
                    .clone()
                    .unwrap_or_else(|| repository.to_string()),
                format: TagFormat::new(&version.tag, None),
                paths: None,
                recorded: None,
                pre_releases: false,
            }],
            ReleaseMode::Independent => self
                .config
                .components
                .iter()
                .map(|(name, globs)| Target {
                    name: name.clone(),
                    format: TagFormat::new(&version.tag, Some(name)),
                    paths: Some(globs.clone()),
                    recorded: None,
                    pre_releases: false,
                })
                .collect(),
        }
    }

    /// The bump a commit type gets.
    fn type_bump(&self, kind: &str) -> Bump {
        self.config
            .bump
            .types
            .get(kind)
            .copied()
            .unwrap_or(self.config.bump.default)
    }
}

/// Decides the bump and next version for a range (newest first) after `current`.
///
/// `pre_releases` are the pre-release versions tagged in the range: with no stable
/// release yet, the first one finalises the highest of them (`v1.4.2-rc.1` leads to
/// 1.4.2, not back to `initial`).
pub fn decide(
    rules: &Rules,
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
    let live = changes
        .iter()
        .enumerate()
        .filter(|(i, _)| cancelled[*i].is_none())
        .map(|(_, c)| c);
    reasons.extend(path_rule_reasons(rules, live));
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
        warnings.push(match unconventional {
            1 => "1 commit is not conventional and was ignored".to_string(),
            n => format!("{n} commits are not conventional and were ignored"),
        });
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
fn conventional_bump(rules: &Rules, change: &Change) -> (Bump, ReasonKind, String) {
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
                .scope
                .as_ref()
                .map(|s| format!("({s})"))
                .unwrap_or_default();
            let bang = if change.message.is_breaking() {
                "!"
            } else {
                ""
            };
            format!("{}{scope}{bang}", header.kind)
        }
        None => "revert".to_string(),
    }
}

/// For each commit, the explanation when a revert in the same range cancels it (both the
/// revert and the reverted commit drop out).
fn cancelled_pairs(changes: &[Change]) -> Vec<Option<String>> {
    let mut cancelled = vec![None; changes.len()];
    for (index, change) in changes.iter().enumerate() {
        let Some(target) = &change.message.reverted else {
            continue;
        };
        let is_revert = change.message.kind == Kind::Revert
            || change.message.kind_lowercase().as_deref() == Some("revert");
        if !is_revert {
            continue;
        }
        let found = changes.iter().enumerate().position(|(j, other)| {
            j > index && cancelled[j].is_none() && other.id.starts_with(target.as_str())
        });
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

/// Path rules that match the range, each as a reason.
fn path_rule_reasons<'a>(rules: &Rules, changes: impl Iterator<Item = &'a Change>) -> Vec<Reason> {
    let paths: Vec<&str> = changes
        .flat_map(|c| c.paths.iter().map(String::as_str))
        .collect();
    if rules.path_rules.is_empty() || paths.is_empty() {
        return Vec::new();
    }
    let touched = rules.components.touched_by(paths.iter().copied());
    let mut reasons = Vec::new();
    for compiled in &rules.path_rules {
        let rule = &compiled.rule;
        let any_ok = rule.components.is_empty()
            || rule.components.iter().any(|c| touched.contains(c.as_str()));
        let all_ok = rule
            .all_components
            .iter()
            .all(|c| touched.contains(c.as_str()));
        let matching: Vec<&str> = match &compiled.paths {
            Some(set) => paths.iter().copied().filter(|p| set.is_match(p)).collect(),
            None => paths
                .iter()
                .copied()
                .filter(|p| {
                    rule.components
                        .iter()
                        .chain(&rule.all_components)
                        .any(|c| rules.components.matches(c, p))
                })
                .collect(),
        };
        if any_ok && all_ok && !matching.is_empty() {
            let mut shown: Vec<String> = Vec::new();
            for path in matching {
                if !shown.iter().any(|s| s == path) {
                    shown.push(path.to_string());
                }
            }
            shown.sort();
            reasons.push(Reason {
                bump: rule.bump,
                kind: ReasonKind::PathRule,
                commit: None,
                summary: None,
                kind_of_change: None,
                rule: Some(rule.name.clone()),
                paths: shown,
            });
        }
    }
    reasons
}

/// herald's 0.x rule: while the major is 0, a breaking change bumps the minor and a
/// feature the minor, unless `[version]` says otherwise. With no release yet the first
/// version is `initial` whatever the bump, so nothing changes.
fn on_zero(rules: &Rules, current: Option<&Version>, bump: Bump) -> Bump {
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

/// The version after `bump` (stable: any pre-release part is dropped).
pub fn increment(current: &Version, bump: Bump) -> Version {
    let mut next = match bump {
        Bump::Major => Version::new(current.major + 1, 0, 0),
        Bump::Minor => Version::new(current.major, current.minor + 1, 0),
        Bump::Patch => Version::new(current.major, current.minor, current.patch + 1),
        Bump::None => current.clone(),
    };
    next.build = semver::BuildMetadata::EMPTY;
    next
}
