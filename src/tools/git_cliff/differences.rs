//! git-cliff 2.14.2's known differences from herald (docs/engines.md), told when the
//! history makes them apply.

use super::GitCliff;
use crate::model::{Forecast, Surroundings};

/// The known differences that apply to this forecast.
pub fn differences(cliff: &GitCliff, forecast: &Forecast, around: &Surroundings) -> Vec<String> {
    let mut found = Vec::new();
    found.extend(pattern_refuses(cliff, forecast, around));
    found.extend(nearest_tag(forecast, around));
    found.extend(later_name_on_the_release(forecast, around));
    found.extend(unreleased_range(forecast, around));
    found.extend(empty_first_notes(forecast));
    found.extend(online_metadata(cliff, forecast));
    found
}

/// `git-cliff --bump` (lib.rs, `run_with_changelog_modifier`) stops with "Next version
/// (…) does not match the tag pattern" when the version it would print, with the last
/// tag's prefix (or `initial_tag` as written), is not matched by `[git] tag_pattern`.
fn pattern_refuses(cliff: &GitCliff, forecast: &Forecast, around: &Surroundings) -> Option<String> {
    let pattern = cliff.settings.git.tag_pattern.as_ref()?;
    let version = forecast.next.as_ref()?;
    // The tag it follows: the last release's, else the newest tag it bumped from.
    let previous = forecast.current_tag.as_ref().or_else(|| around.newest());
    let next = match (&forecast.current, previous) {
        (Some(_), Some(previous)) => forecast.format.render_after(version, Some(&previous.name)),
        _ => cliff
            .settings
            .bump
            .initial_tag
            .clone()
            .unwrap_or_else(|| "0.1.0".to_string()),
    };
    (!pattern.is_match(&next)).then(|| {
        format!(
            "git-cliff will stop (exit 1): the next version {next} does not match tag_pattern `{}`; herald shows the version it computed",
            pattern.as_str()
        )
    })
}

/// git-cliff bumps from the tag nearest in history; herald from the highest version. They
/// differ when the range holds a tag: an older version tagged after the highest one.
fn nearest_tag(forecast: &Forecast, around: &Surroundings) -> Option<String> {
    let last = forecast.current_tag.as_ref()?;
    let nearest = forecast
        .changes
        .iter()
        .find_map(|change| around.on(&change.id).max_by(|a, b| a.name.cmp(&b.name)))?;
    Some(format!(
        "git-cliff bumps from {}, the tag nearest in history; herald bumps from {}, the highest version reachable",
        nearest.name, last.name
    ))
}

/// Of several tags on the last release's commit, git-cliff keeps the one whose name sorts
/// last (`v1.0.0-rc.1` beside `v1.0.0`) and bumps from it; herald from the highest version.
fn later_name_on_the_release(forecast: &Forecast, around: &Surroundings) -> Option<String> {
    let last = forecast.current_tag.as_ref()?;
    let kept = around
        .on(&last.target)
        .filter(|t| t.name > last.name && t.version != last.version)
        .max_by(|a, b| a.name.cmp(&b.name))?;
    Some(format!(
        "{} and {} tag the same commit: git-cliff keeps {}, whose name sorts last, and bumps from it; herald bumps from {}, the higher version",
        last.name, kept.name, kept.name, last.name
    ))
}

/// `git-cliff --unreleased` starts the notes at the newest tag of the whole repository by
/// its commit's date (`Repository::tags`), reachable or not; herald's notes start at the
/// last release. With no tag reachable at all, git-cliff's notes leave out the commits
/// that newest tag's history shares with this one.
fn unreleased_range(forecast: &Forecast, around: &Surroundings) -> Option<String> {
    forecast.next.as_ref()?;
    let newest = around.newest()?;
    match &forecast.current_tag {
        Some(last) if last.target == newest.target => None,
        Some(last) => Some(format!(
            "git-cliff's notes start at {}, the tag on the most recently dated commit, not at {}: they will list other commits (and older tags in between as sections of their own); herald's notes list the commits since {}",
            newest.name, last.name, last.name
        )),
        None => Some(format!(
            "no release tag is reachable: git-cliff's notes start at {}, the newest tag, and leave out the commits its history shares with this one; herald's notes list every commit",
            newest.name
        )),
    }
}

/// With no tag and no commit left after processing, git-cliff names `initial_tag` and
/// prints no notes; herald prints the heading.
fn empty_first_notes(forecast: &Forecast) -> Option<String> {
    let next = forecast.next_text()?;
    (forecast.current.is_none() && forecast.decision.noted.is_empty()).then(|| {
        format!(
            "no commit survives git-cliff's processing: git-cliff releases {next} with empty notes; herald shows the heading alone"
        )
    })
}

/// The forges' online metadata (a commit's `remote`, the contributors) is what git-cliff
/// fetches with a token; herald renders the template offline, where it is empty.
fn online_metadata(cliff: &GitCliff, forecast: &Forecast) -> Option<String> {
    forecast.next.as_ref()?;
    let body = &cliff.settings.changelog.body;
    let used = [
        "remote.username",
        "remote.pr_",
        "remote.is_first_time",
        "contributors",
        "statistics",
    ]
    .into_iter()
    .filter(|name| body.contains(name))
    .collect::<Vec<_>>();
    (!used.is_empty()).then(|| {
        format!(
            "the changelog template reads {}, which herald does not compute (git-cliff offline leaves the forge's data empty too): herald renders them empty",
            used.iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}
