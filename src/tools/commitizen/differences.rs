//! commitizen 4.19.3's known differences from herald (docs/engines.md), told when the
//! history and CHANGELOG.md make them apply.

use regex::Regex;

use super::Commitizen;
use crate::model::{Forecast, Surroundings};

/// The known differences that apply to this forecast.
pub fn differences(cz: &Commitizen, forecast: &Forecast, around: &Surroundings) -> Vec<String> {
    let mut found: Vec<String> = cz
        .unsupported
        .iter()
        .map(|what| format!("commitizen's {what} is not reproduced"))
        .collect();
    if forecast.next.is_none() {
        return found;
    }
    let older = older_tags_in_range(forecast, around);
    let heading = cz
        .changelog
        .text
        .as_deref()
        .and_then(|text| latest_heading(text, &cz.layout.heading_version));
    let released_before = forecast.current_tag.is_some() || !older.is_empty();
    match (&cz.changelog.text, &heading) {
        (None, _) if released_before => found.push(format!(
            "no {}: `cz bump --changelog` writes the whole history there, a section per tag; herald shows the new release's section",
            cz.changelog.path
        )),
        (Some(_), None) if released_before => found.push(format!(
            "{} has no version heading in the tag format: `cz bump --changelog` writes the whole history into it, a section per tag; herald shows the new release's section",
            cz.changelog.path
        )),
        (Some(_), Some(heading)) => found.extend(heading_elsewhere(cz, forecast, heading)),
        _ => {}
    }
    if let (Some(current), None, false) =
        (&forecast.current, &forecast.current_tag, older.is_empty())
    {
        found.push(format!(
            "no tag {} for the configured version: cz counts every commit and splits its notes at the older tags it meets ({}); herald lists the whole range in one section",
            forecast.format.render(current),
            older.join(", ")
        ));
    }
    if forecast.changes.is_empty() {
        found.push(format!(
            "no commit since {}: `cz changelog` stops (\"No commits found\") while `cz bump` releases {}; herald shows the heading alone",
            forecast
                .current_tag
                .as_ref()
                .map_or_else(|| "the last release".to_string(), |t| t.name.clone()),
            forecast.next_text().unwrap_or_default()
        ));
    }
    found
}

/// The tags on the range's commits, newest first.
fn older_tags_in_range<'a>(forecast: &Forecast, around: &'a Surroundings) -> Vec<&'a str> {
    forecast
        .changes
        .iter()
        .flat_map(|c| around.on(&c.id))
        .map(|t| t.name.as_str())
        .collect()
}

/// The version CHANGELOG.md's first version heading names, lowercased (commitizen's
/// `get_metadata_from_file`).
fn latest_heading(text: &str, heading_version: &Regex) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim().to_lowercase();
        let hashes = line.chars().take_while(|c| *c == '#').count();
        let title = line[hashes..].strip_prefix(' ').filter(|_| hashes > 0)?;
        let caps = heading_version.captures(title)?;
        let found = caps.name("version").or_else(|| caps.get(0))?;
        Some(found.as_str().to_string())
    })
}

/// `cz changelog --incremental` starts at the tag most like the latest heading's version;
/// herald at the current version's tag: they differ when the heading names another
/// version, or the same one spelt otherwise than cz and the tag write it.
fn heading_elsewhere(cz: &Commitizen, forecast: &Forecast, heading: &str) -> Option<String> {
    let current = forecast.current.as_ref()?;
    let heading = heading.trim_start_matches('v');
    let spellings = [
        forecast.format.spell(current),
        cz.scheme.spelling().render(current),
        forecast
            .current_tag
            .as_ref()
            .map_or_else(String::new, |t| t.name.clone()),
    ];
    let same = spellings
        .iter()
        .any(|s| s.to_lowercase().trim_start_matches('v') == heading);
    (!same).then(|| {
        format!(
            "{}'s latest version heading names {heading}: `cz changelog --incremental` starts the notes at the tag most like it; herald starts them at {}",
            cz.changelog.path,
            forecast
                .current_tag
                .as_ref()
                .map_or_else(|| forecast.format.render(current), |t| t.name.clone())
        )
    })
}
