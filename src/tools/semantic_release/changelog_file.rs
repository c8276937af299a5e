//! How @semantic-release/changelog 6 writes CHANGELOG.md: the new notes on top, under
//! `changelogTitle` when one is set, the rest of the file below after a blank line.

use semver::Version;

/// The changelog with `notes` added; a section for the same version at the top is replaced
/// first, so writing twice changes nothing (the plugin itself would add it twice).
pub fn insert(existing: &str, notes: &str, version: &Version, title: Option<&str>) -> String {
    let current = existing.trim();
    let mut content = match title {
        Some(title) if current.starts_with(title) => current[title.len()..].trim(),
        _ => current,
    };
    if same_version_heading(content.lines().next().unwrap_or(""), version) {
        let next = content
            .match_indices('\n')
            .map(|(at, _)| at + 1)
            .find(|&at| {
                let line = content[at..].lines().next().unwrap_or("");
                (line.starts_with("# ") || line.starts_with("## "))
                    && heading_version(line).is_some()
            });
        content = next.map_or("", |at| content[at..].trim());
    }
    let notes = notes.trim();
    let body = if content.is_empty() {
        format!("{notes}\n")
    } else {
        format!("{notes}\n\n{content}\n")
    };
    match title {
        Some(title) => format!("{title}\n\n{body}"),
        None => body,
    }
}

/// Whether a changelog heading names `version`.
fn same_version_heading(line: &str, version: &Version) -> bool {
    heading_version(line).as_ref() == Some(version)
}

/// The version an angular or conventionalcommits heading names (`# [1.2.0](…) (date)`).
fn heading_version(line: &str) -> Option<Version> {
    let text = line.trim_start_matches('#');
    if text.len() == line.len() || !text.starts_with(' ') {
        return None;
    }
    let text = text.trim_start().trim_start_matches('[');
    let end = text.find([']', ' ', '(']).unwrap_or(text.len());
    Version::parse(&text[..end]).ok()
}
