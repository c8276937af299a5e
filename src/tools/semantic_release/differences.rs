//! semantic-release 25's known differences from herald (docs/engines.md), told when the
//! history makes them apply.

use semver::Version;

use super::SemanticRelease;
use crate::model::{Forecast, Surroundings};

/// The known differences that apply to this forecast.
pub fn differences(
    sr: &SemanticRelease,
    forecast: &Forecast,
    around: &Surroundings,
) -> Vec<String> {
    let mut found = Vec::new();
    found.extend(tags_read_loosely(sr, forecast, around));
    let Some(next) = &forecast.next else {
        return found;
    };
    if !next.pre.is_empty() {
        found.push(format!(
            "{}: a pre-release type from releaseRules, as semver.inc makes it; semantic-release checks it against the branch's range, which herald does not",
            forecast.next_text().unwrap_or_default()
        ));
    }
    if sr.settings.notes.is_some() && sr.repository_url(around.origin.as_deref()).is_none() {
        found.push(
            "no repositoryUrl and no origin remote: semantic-release stops; herald shows the notes without links"
                .to_string(),
        );
    }
    if Surroundings::noted_beyond(forecast, '\u{24F}') {
        found.push(
            "a listed commit has characters beyond Latin: semantic-release sorts them with Node's ICU collation, herald by code point there, so the order may differ"
                .to_string(),
        );
    }
    found
}

/// semantic-release reads `tagFormat` as a prefix and tolerates a `v` before the version
/// (`${version}` reads `v1.2.3`); herald reads only tags exactly in the format. Said when
/// such a tag is above the release herald found.
fn tags_read_loosely(
    sr: &SemanticRelease,
    forecast: &Forecast,
    around: &Surroundings,
) -> Option<String> {
    let (prefix, _) = sr.settings.tag_format.split_once("${version}")?;
    let read: Vec<&str> = around
        .other_tags
        .iter()
        .filter(|name| {
            let Some(rest) = name.strip_prefix(prefix) else {
                return false;
            };
            let rest = rest.strip_prefix('v').unwrap_or(rest);
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
                .unwrap_or(rest.len());
            Version::parse(&rest[..end])
                .is_ok_and(|v| v.pre.is_empty() && forecast.current.as_ref().is_none_or(|c| v > *c))
        })
        .map(String::as_str)
        .collect();
    (!read.is_empty()).then(|| {
        format!(
            "semantic-release also reads {} as release tags (tagFormat `{}` as a prefix, a `v` tolerated); herald reads only tags exactly in that format",
            read.join(", "),
            sr.settings.tag_format
        )
    })
}
