//! release-please 17.11.2's known differences from herald (docs/engines.md), told when the
//! history makes them apply.

use crate::model::{Forecast, Surroundings, Target};

/// The known differences that apply to this forecast.
pub fn differences(target: &Target, forecast: &Forecast, around: &Surroundings) -> Vec<String> {
    let mut found = Vec::new();
    found.extend(release_spelt_otherwise(target, forecast, around));
    if forecast.next.is_none() {
        return found;
    }
    found.extend(commit_override(forecast));
    if Surroundings::noted_beyond(forecast, '\u{24F}') {
        found.push(
            "a listed commit has characters beyond Latin: release-please sorts them with ICU's collation, which herald approximates there, so the order within a section may differ"
                .to_string(),
        );
    }
    found
}

/// release-please finds the previous release among the GitHub releases by any spelling
/// of the manifest's version (`v1.2.3`, `1.2.3`, `pkg-v1.2.3`); herald looks for the tag
/// in the configured format only, and without it counts every commit.
fn release_spelt_otherwise(
    target: &Target,
    forecast: &Forecast,
    around: &Surroundings,
) -> Option<String> {
    target.recorded.as_ref()?;
    if forecast.current_tag.is_some() {
        return None;
    }
    let current = forecast.current.as_ref()?;
    let version = current.to_string();
    let expected = target.format.render(current);
    // The component part, without the `v` and the separator: `pkg-v` and `pkg-` are one.
    let component = |prefix: &str| {
        prefix
            .trim_end_matches('v')
            .trim_end_matches(['-', '/'])
            .to_string()
    };
    let wanted = component(expected.strip_suffix(&version)?);
    let other = around.other_tags.iter().find(|name| {
        name.strip_suffix(&version)
            .is_some_and(|rest| component(rest) == wanted)
    })?;
    Some(format!(
        "release-please finds the release {version} under the tag {other}; herald looks for {expected} only and, without it, counts every commit"
    ))
}

/// `BEGIN_COMMIT_OVERRIDE` is read from the pull request's body by release-please;
/// herald reads it from the commit message.
fn commit_override(forecast: &Forecast) -> Option<String> {
    let change = forecast
        .changes
        .iter()
        .find(|c| c.message.text.contains("BEGIN_COMMIT_OVERRIDE"))?;
    Some(format!(
        "commit {} holds BEGIN_COMMIT_OVERRIDE: release-please reads it from the pull request's body, herald from the commit message; they agree only when the two are the same",
        change.short_id()
    ))
}
