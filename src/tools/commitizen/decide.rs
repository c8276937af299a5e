//! `cz bump`'s increment: the strongest `bump_map` rule any line of any message matches,
//! applied to the current version by the version scheme.

use semver::Version;

use super::scheme;
use super::{Commitizen, LineBump};
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Tag, Warning};

/// Decides the release for a range (newest first) after `current` (commitizen 4.19.3's
/// `cz bump`). The highest increment of any line of any message wins; from a pre-release
/// every range releases, finalised (`1.4.2rc1` + fix → `1.4.2`). The surprise: a
/// `fix:` commit whose body has a `feat: …` line is a minor release, and `Feat:` or
/// `revert:` release nothing.
///
/// `tags` are the version tags on commits of the range. One of them carrying the current
/// version, spelt otherwise than the scheme writes it (`v1.1.0-rc.1` for `1.1.0rc1`), is
/// where `cz changelog` starts though `cz bump` does not (see [`changelog_start`]): the
/// notes list only the commits above it.
pub fn decide(
    rules: &Commitizen,
    changes: &[Change],
    current: Option<&Version>,
    tags: &[Tag],
) -> Decision {
    let zero = Version::new(0, 0, 0);
    let current = current.unwrap_or(&zero);
    let mut readings = Vec::with_capacity(changes.len());
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let mut demoted = false;
    let listed = changelog_start(changes, Some(current), tags);
    for (index, change) in changes.iter().enumerate() {
        if index < listed && rules.layout.lists(&change.message.text) {
            noted.push(index);
        }
        let lines = rules.line_bumps(&change.message.text);
        let reading = match lines.first() {
            None => Reading {
                commit: change.id.clone(),
                parsed: "no match".into(),
                bump: Bump::None,
                because: "no line matches bump_pattern: releases nothing".into(),
            },
            Some(line) => {
                if line.bump > Bump::None {
                    let breaking = line.token.ends_with('!') || line.token.starts_with("BREAKING");
                    if breaking && rules.major_version_zero && line.bump < Bump::Major {
                        demoted = true;
                    }
                    reasons.push(Reason {
                        bump: line.bump,
                        kind: if breaking {
                            ReasonKind::Breaking
                        } else {
                            ReasonKind::Type
                        },
                        commit: Some(change.id.clone()),
                        summary: Some(change.message.header_line().to_string()),
                        kind_of_change: token_type(&line.token),
                        rule: None,
                        paths: Vec::new(),
                    });
                }
                Reading {
                    commit: change.id.clone(),
                    parsed: line.token.clone(),
                    bump: line.bump,
                    because: explain(rules, line),
                }
            }
        };
        readings.push(reading);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let increment = readings.iter().map(|r| r.bump).max().unwrap_or(Bump::None);
    let from_pre = scheme::is_prerelease(current);
    let mut warnings = Vec::new();
    if demoted {
        warnings.push(Warning::advice(
            "major_version_zero = true: commitizen makes breaking changes a minor release, whatever the major version",
        ));
    }
    let next = if changes.is_empty() && !from_pre {
        None
    } else {
        let next = scheme::bump(rules.scheme, current, increment, None, 0);
        let spelling = rules.scheme.spelling();
        (increment > Bump::None || spelling.render(&next) != spelling.render(current))
            .then_some(next)
    };
    let bump = match (&next, increment) {
        (Some(_), Bump::None) => Bump::Patch,
        (_, increment) => increment,
    };
    if from_pre && increment == Bump::None && next.is_some() {
        warnings.push(Warning::advice(format!(
            "{} is a pre-release: commitizen releases it as it stands even without an eligible commit",
            rules.scheme.spelling().render(current)
        )));
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

/// How many of the range's commits (newest first) `cz changelog --incremental` lists.
/// It starts at the tag whose name is most like the changelog's last version
/// (`Changelog._find_incremental_rev`, commitizen/commands/changelog.py: difflib's
/// `SequenceMatcher` ratio ≥ 0.89 over every tag `TagRules.version_regexes` recognises),
/// i.e. the current version's tag in whatever spelling it was made; `cz bump` finds that
/// tag only under its exact name (`find_tag_for`) and otherwise counts every commit. So a
/// tag in the range carrying the current version ends the notes there. (The range is in
/// `git log --topo-order`, where a tagged commit's ancestors all come after it.)
fn changelog_start(changes: &[Change], current: Option<&Version>, tags: &[Tag]) -> usize {
    let Some(current) = current else {
        return changes.len();
    };
    tags.iter()
        .filter(|t| &t.version == current)
        .filter_map(|t| changes.iter().position(|c| c.id == t.target))
        .min()
        .unwrap_or(changes.len())
}

/// The type in a captured token (`feat` in `feat(api)!`).
fn token_type(token: &str) -> Option<String> {
    let end = token.find(['(', '!', ':']).unwrap_or(token.len());
    Some(token[..end].to_string()).filter(|t| !t.is_empty())
}

fn explain(rules: &Commitizen, line: &LineBump) -> String {
    let place = if line.line == 0 {
        String::new()
    } else {
        format!("message line {}: ", line.line + 1)
    };
    match &line.rule {
        None => format!(
            "{place}`{}` matches no bump_map rule: releases nothing",
            line.token
        ),
        Some(rule) => {
            let map = if rules.major_version_zero {
                " (major_version_zero map)"
            } else {
                ""
            };
            let bump = match line.bump {
                Bump::None => "nothing".to_string(),
                bump => bump.name().to_uppercase(),
            };
            format!("{place}`{}` matches `{rule}` → {bump}{map}", line.token)
        }
    }
}
