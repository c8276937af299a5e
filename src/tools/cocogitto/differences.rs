//! cocogitto 7.0.0's known differences from herald (docs/engines.md), told when the
//! history makes them apply.

use std::collections::BTreeMap;

use super::notes::Template;
use super::{Cocogitto, Scope};
use crate::model::{Forecast, Surroundings, TagFormat, Target};

/// The known differences that apply to this forecast.
pub fn differences(
    rules: &Cocogitto,
    target: &Target,
    forecast: &Forecast,
    around: &Surroundings,
) -> Vec<String> {
    let scope = rules.scope_of(target);
    let mut found = Vec::new();
    found.extend(head_tagged(rules, target, forecast, around));
    found.extend(pre_releases_in_range(forecast, around));
    found.extend(bare_tags(rules, scope, forecast, around));
    found.extend(first_commit_by_date(forecast, around));
    found.extend(groups_in_one_order(rules, forecast));
    found.extend(first_compare_link(rules, scope, forecast, around));
    found
}

/// `cog bump` reads the commits from the latest tag to HEAD inclusive of a tagged HEAD:
/// when HEAD carries the last release, cog reads that commit as the range (a `feat:`
/// tagged v1.4.2 gives 1.5.0); herald sees no commit since the release.
fn head_tagged(
    rules: &Cocogitto,
    target: &Target,
    forecast: &Forecast,
    around: &Surroundings,
) -> Option<String> {
    let last = forecast.current_tag.as_ref()?;
    let head = around.tagged_head.as_ref()?;
    let decision = super::decide::decide(
        rules,
        target,
        std::slice::from_ref(head),
        forecast.current.as_ref(),
        &[],
    );
    let next = decision.next?;
    Some(format!(
        "HEAD carries {}: cog bump reads that tagged commit ({}) as the range and releases {}; herald sees no commit since {} and no release",
        last.name,
        head.message.header_line(),
        forecast.format.render(&next),
        last.name
    ))
}

/// cog writes a CHANGELOG.md section per pre-release tagged inside the range; herald's
/// notes are the new version's section only (its compare link from the range's start).
fn pre_releases_in_range(forecast: &Forecast, around: &Surroundings) -> Option<String> {
    forecast.next.as_ref()?;
    let inside: Vec<&str> = forecast
        .changes
        .iter()
        .flat_map(|c| around.on(&c.id))
        .filter(|t| !t.version.pre.is_empty())
        .map(|t| t.name.as_str())
        .collect();
    (!inside.is_empty()).then(|| {
        format!(
            "pre-release tags inside the range ({}): cog's CHANGELOG.md also gets a section per pre-release; herald's notes are the new version's section only",
            inside.join(", ")
        )
    })
}

/// With a `tag_prefix`, cog still reads tags without it (`1.4.2`) as versions, takes the
/// latest, then fails looking for the prefixed tag; herald ignores them.
fn bare_tags(
    rules: &Cocogitto,
    scope: Scope,
    forecast: &Forecast,
    around: &Surroundings,
) -> Option<String> {
    if rules.prefix.is_empty() || matches!(scope, Scope::Package(_)) {
        return None;
    }
    let bare = TagFormat::new("{version}", None);
    let above: Vec<&str> = around
        .other_tags
        .iter()
        .filter(|name| {
            bare.parse(name)
                .is_some_and(|v| forecast.current.as_ref().is_none_or(|c| v > *c))
        })
        .map(String::as_str)
        .collect();
    (!above.is_empty()).then(|| {
        format!(
            "tags without the prefix `{}` ({}): cog reads them as versions too and then fails looking for `{}`-prefixed ones; herald ignores them",
            rules.prefix,
            above.join(", "),
            rules.prefix
        )
    })
}

/// Without a tag, cog's range starts at the last commit of a walk by commit date
/// (`get_first_commit`), which is not the root when a commit is dated before its parent.
fn first_commit_by_date(forecast: &Forecast, around: &Surroundings) -> Option<String> {
    let last = around.last_by_date.as_deref()?;
    let first = forecast.changes.iter().find(|c| c.id == last)?;
    (first.parent_count > 0).then(|| {
        format!(
            "no release tag yet and a commit is dated before its parent: cog's range starts at {}, the last commit of its walk by date; herald's at the first commit",
            first.short_id()
        )
    })
}

/// Groups with the same `order` come out in an unspecified order in cog; herald sorts
/// them by title.
fn groups_in_one_order(rules: &Cocogitto, forecast: &Forecast) -> Option<String> {
    forecast.next.as_ref()?;
    let mut by_order: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for &index in &forecast.decision.noted {
        let Some(kind) = forecast.changes.get(index)?.message.kind_lowercase() else {
            continue;
        };
        let Some(rule) = rules.types.iter().find(|t| t.name == kind) else {
            continue;
        };
        let Some(title) = rule.title.as_deref() else {
            continue;
        };
        let titles = by_order.entry(rule.order).or_default();
        if !titles.contains(&title) {
            titles.push(title);
        }
    }
    let mut shared = by_order.into_values().find(|titles| titles.len() > 1)?;
    shared.sort_unstable();
    Some(format!(
        "the groups {} share one `order`: cog lists them in no fixed order; herald sorts them by title",
        shared.join(", ")
    ))
}

/// The remote template's compare link: when the range's first commit carries a
/// pre-release tag (no stable tag yet), cog starts after it; for a monorepo package's
/// first release, cog links from the repository's first commit.
fn first_compare_link(
    rules: &Cocogitto,
    scope: Scope,
    forecast: &Forecast,
    around: &Surroundings,
) -> Option<String> {
    forecast.next.as_ref()?;
    if forecast.current_tag.is_some() {
        return None;
    }
    let template = match scope {
        Scope::Package(_) => rules.package_layout.template,
        _ => rules.layout.template,
    };
    if template != Template::Remote {
        return None;
    }
    let first = forecast.changes.last()?;
    match scope {
        Scope::Package(_) if first.parent_count > 0 => Some(format!(
            "first release of the package: cog's compare link starts at the repository's first commit; herald's at the package's, {}",
            first.short_id()
        )),
        Scope::Package(_) => None,
        _ => {
            let pre = around.on(&first.id).find(|t| !t.version.pre.is_empty())?;
            Some(format!(
                "the first commit carries {}: cog's compare link starts after it; herald's at it",
                pre.name
            ))
        }
    }
}
