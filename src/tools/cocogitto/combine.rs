//! A monorepo's global version, made once every package's release is forecast.

use crate::model::parallel;
use semver::Version;

use super::decide::{increment_version, parsed_any};
use super::notes::{Entry, From, PackageLine, entry, render_monorepo};
use super::{Cocogitto, Scope};
use crate::model::notes::civil_date;
use crate::model::{Bump, Change, Forecast, Options, Reason, ReasonKind};

/// A monorepo's global release, from the package releases (cocogitto's
/// `create_monorepo_version_auto`): no package release means no release at all; otherwise
/// the global version takes the largest increment of the public packages, or of the global
/// commits if larger (with neither, the same version again, or cog's error when no global
/// commit parses), and the notes list the package tags.
pub fn combine(rules: &Cocogitto, forecasts: &mut [Forecast], options: &Options) {
    if rules.packages.is_empty() || !rules.global_tag {
        return;
    }
    let Some(global) = forecasts
        .iter()
        .position(|f| !rules.packages.iter().any(|p| p.name == f.name))
    else {
        return;
    };
    let zero = Version::new(0, 0, 0);
    let mut lines = Vec::new();
    let mut reasons = Vec::new();
    let mut increment: Option<Bump> = None;
    for package in &rules.packages {
        let Some(forecast) = forecasts.iter().find(|f| f.name == package.name) else {
            return;
        };
        let (Some(next), Some(tag)) = (&forecast.next, &forecast.next_tag) else {
            continue;
        };
        let current = forecast.current.as_ref().unwrap_or(&zero);
        let grown = Bump::between(current, next);
        if package.public_api {
            increment = increment.max(Some(grown));
            reasons.push(Reason {
                bump: grown,
                kind: ReasonKind::Package,
                commit: None,
                summary: Some(format!("{} bumped to {tag}", package.name)),
                kind_of_change: None,
                rule: Some(package.name.clone()),
                paths: Vec::new(),
            });
        }
        let from = match &forecast.current_tag {
            Some(tag) => From::Tag(tag.name.clone()),
            None => From::Commit(first_commit(&forecasts[global]).unwrap_or_else(|| {
                forecast
                    .changes
                    .last()
                    .map(|c| c.id.clone())
                    .unwrap_or_default()
            })),
        };
        lines.push(PackageLine {
            name: package.name.clone(),
            path: package.path.clone(),
            tag: tag.clone(),
            from,
        });
    }
    if lines.is_empty() {
        let forecast = &mut forecasts[global];
        forecast.next = None;
        forecast.next_tag = None;
        forecast.notes = String::new();
        forecast.no_release = Some(
            "no package has a release, so cocogitto releases nothing (global commits alone do not release)"
                .into(),
        );
        return;
    }
    // cocogitto's `auto_global_bump` (src/conventional/bump.rs): with no public package
    // increment the global version is the global commits' own (`get_monorepo_global_version_
    // from_commit_history`), which fails with `NoCommitFound` when none of them parses; then
    // `cog bump --auto` stops (exit 1) before releasing anything, packages included.
    if increment.is_none() && !parsed_any(&forecasts[global].decision) {
        let since = forecasts[global]
            .current_tag
            .as_ref()
            .map_or_else(|| "the first commit".to_string(), |t| t.name.clone());
        let why = format!(
            "`cog bump --auto` stops with an error (exit 1), releasing nothing: no public package has a release, and no global commit since {since} is a conventional commit of a known type"
        );
        for forecast in forecasts.iter_mut() {
            forecast.next = None;
            forecast.next_tag = None;
            forecast.notes = String::new();
            forecast.no_release = Some(why.clone());
        }
        return;
    }
    let forecast = &mut forecasts[global];
    let current = forecast.current.clone().unwrap_or(Version::new(0, 0, 0));
    let from_packages = increment.map(|bump| increment_version(&current, bump));
    // When the global commits parse but bump nothing (and no public package has a release),
    // their increment is `NoBump` and cog releases the global version again at the same
    // version: `cog bump --auto --dry-run` prints it, and `cog bump` writes its changelog
    // section (then fails creating the tag when it already exists).
    let next = match (from_packages, forecast.decision.next.clone()) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => a.or(b).unwrap_or_else(|| current.clone()),
    };
    if next == current {
        reasons.push(Reason {
            bump: Bump::None,
            kind: ReasonKind::Package,
            commit: None,
            summary: Some(
                "no public package has a release and no global commit bumps: cocogitto releases the global version again, unchanged"
                    .into(),
            ),
            kind_of_change: None,
            rule: None,
            paths: Vec::new(),
        });
    }
    let tag = forecast.format.render(&next);
    forecast.decision.bump = Bump::between(&current, &next);
    forecast.decision.reasons.extend(reasons);
    forecast
        .decision
        .reasons
        .sort_by_key(|r| std::cmp::Reverse(r.bump));
    forecast.no_release = None;
    if options.notes {
        let global_commits: Vec<&Change> = forecast
            .changes
            .iter()
            .filter(|c| rules.belongs(Scope::Global, c))
            .collect();
        let mut indices = forecast.decision.noted.clone();
        indices.sort_unstable();
        let entries: Vec<Entry> = parallel::map(&indices, |&i| entry(rules, &forecast.changes[i]))
            .into_iter()
            .flatten()
            .collect();
        let date = global_commits
            .first()
            .map_or_else(|| civil_date(0), |c| civil_date(c.time));
        let from = global_commits.last().map_or_else(
            || From::Commit(String::new()),
            |c| From::Commit(c.id.clone()),
        );
        forecast.notes = render_monorepo(&tag, &date, &rules.layout, &lines, &entries, &from);
    }
    forecast.next = Some(next);
    forecast.next_tag = Some(tag);
}

/// The repository's first commit, when the range reaches it.
fn first_commit(forecast: &Forecast) -> Option<String> {
    forecast
        .changes
        .last()
        .filter(|c| c.parent_count == 0)
        .map(|c| c.id.clone())
}
