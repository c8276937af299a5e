//! Release notes: one renderer per layout, and the file update they share.

use semver::Version;

use crate::model::Change;
use crate::model::forge::Forge;

/// Everything a layout needs to write one release's notes.
#[derive(Debug, Clone, Copy)]
pub struct Release<'a> {
    pub version: &'a Version,
    /// The tag the release will carry.
    pub tag: &'a str,
    /// The previous release's tag, for the compare link.
    pub previous_tag: Option<&'a str>,
    /// The commit the previous release's tag points at.
    pub previous_id: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// The same moment, in seconds since the Unix epoch.
    pub timestamp: i64,
    pub forge: Option<&'a Forge>,
    /// The `origin` remote's URL as configured, for layouts that build their links from
    /// it (semantic-release's) rather than from `forge`.
    pub remote: Option<&'a str>,
    /// The range, newest first.
    pub changes: &'a [Change],
    /// Which of them the engine puts in the notes.
    pub noted: &'a [usize],
}

impl Release<'_> {
    /// The noted commits, oldest first.
    pub fn noted_oldest_first(&self) -> impl Iterator<Item = &Change> {
        let mut indices = self.noted.to_vec();
        indices.sort_unstable_by(|a, b| b.cmp(a));
        indices.into_iter().map(|i| &self.changes[i])
    }
}

/// `YYYY-MM-DD` (UTC) for seconds since the Unix epoch.
pub fn civil_date(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// An issue a commit refers to, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRef {
    /// The footer's keyword in lowercase (`closes`, `fixes`, `refs`).
    pub action: String,
    pub number: String,
}

/// Issue references in a commit's footers (`Closes #12`, `Refs: #3, #4`).
pub fn footer_issues(change: &Change) -> Vec<IssueRef> {
    const KEYWORDS: [&str; 14] = [
        "close",
        "closes",
        "closed",
        "fix",
        "fixes",
        "fixed",
        "resolve",
        "resolves",
        "resolved",
        "ref",
        "refs",
        "references",
        "issue",
        "issues",
    ];
    let mut found = Vec::new();
    for footer in &change.message.footers {
        let action = footer.token.to_ascii_lowercase();
        if !KEYWORDS.contains(&action.as_str()) {
            continue;
        }
        let value = match footer.separator {
            crate::model::message::Separator::Hash => format!("#{}", footer.value),
            crate::model::message::Separator::Colon => footer.value.clone(),
        };
        for number in hash_numbers(&value) {
            found.push(IssueRef {
                action: action.clone(),
                number,
            });
        }
    }
    found
}

/// The `N` of every `#N` in `text`.
pub fn hash_numbers(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let digits: String = rest[at + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() {
            numbers.push(digits.clone());
        }
        rest = &rest[at + 1 + digits.len()..];
    }
    numbers
}

/// `#N` in text turned into links to the forge's issues.
pub fn link_issues(text: &str, forge: Option<&Forge>) -> String {
    let Some(forge) = forge else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let digits: String = rest[at + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let preceded_by_word = rest[..at]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '[');
        out.push_str(&rest[..at]);
        if digits.is_empty() || preceded_by_word {
            out.push('#');
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&format!("[#{digits}]({})", forge.issue(&digits)));
        rest = &rest[at + 1 + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// Puts a release's section into a changelog file's text: replacing the section for the
/// same version if there is one (so running twice changes nothing), else above the first
/// release heading, under the title and any introduction.
pub fn insert_section(existing: &str, section: &str, version: &Version) -> String {
    let section = section.trim_end_matches('\n');
    if existing.trim().is_empty() {
        return format!("# Changelog\n\n{section}\n");
    }
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let is_release_heading = |line: &str| {
        let line = line.trim_end();
        (line.starts_with("## ") || line.starts_with("# ")) && heading_version(line).is_some()
    };
    let own = lines
        .iter()
        .position(|l| heading_version(l.trim_end()).as_ref() == Some(version));
    let (start, end) = match own {
        Some(start) => {
            let level = lines[start].chars().take_while(|c| *c == '#').count();
            let end = lines[start + 1..]
                .iter()
                .position(|l| {
                    let hashes = l.chars().take_while(|c| *c == '#').count();
                    hashes > 0 && hashes <= level && l[hashes..].starts_with(' ')
                })
                .map_or(lines.len(), |i| start + 1 + i);
            (start, end)
        }
        None => {
            let first = lines
                .iter()
                .position(|l| is_release_heading(l))
                .unwrap_or(lines.len());
            (first, first)
        }
    };
    let mut out: String = lines[..start].concat();
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
    out.push_str(section);
    out.push('\n');
    let rest: String = lines[end..].concat();
    if !rest.trim().is_empty() {
        out.push('\n');
        out.push_str(rest.trim_start_matches('\n'));
    }
    out
}

/// The version a heading such as `## [1.2.0](…) (date)` or `# 1.2.0 (date)` names.
fn heading_version(line: &str) -> Option<Version> {
    let text = line.trim_start_matches('#');
    if text.len() == line.len() || !text.starts_with(' ') {
        return None;
    }
    let text = text
        .trim_start()
        .trim_start_matches('[')
        .trim_start_matches('v');
    let end = text.find([']', ' ', '(']).unwrap_or(text.len());
    Version::parse(&text[..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(1_767_225_600), "2026-01-01");
        assert_eq!(civil_date(1_709_164_800), "2024-02-29");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
    }

    #[test]
    fn links_issue_numbers() {
        let forge = Forge::from_remote_url("git@github.com:o/r.git").unwrap();
        assert_eq!(
            link_issues("fix crash (#34) see #5, not a#6 or #x", Some(&forge)),
            "fix crash ([#34](https://github.com/o/r/issues/34)) see [#5](https://github.com/o/r/issues/5), not a#6 or #x"
        );
        assert_eq!(link_issues("fix #34", None), "fix #34");
    }

    #[test]
    fn inserts_once_under_the_title() {
        let v = Version::new(1, 1, 0);
        let section = "## 1.1.0 (2026-01-02)\n\n### Features\n\n* x\n";
        let fresh = insert_section("", section, &v);
        assert_eq!(
            fresh,
            "# Changelog\n\n## 1.1.0 (2026-01-02)\n\n### Features\n\n* x\n"
        );
        let existing =
            "# Changelog\n\nAll notable changes.\n\n## [1.0.0](link) (2026-01-01)\n\n* old\n";
        let once = insert_section(existing, section, &v);
        assert_eq!(
            once,
            "# Changelog\n\nAll notable changes.\n\n## 1.1.0 (2026-01-02)\n\n### Features\n\n* x\n\n## [1.0.0](link) (2026-01-01)\n\n* old\n"
        );
        assert_eq!(insert_section(&once, section, &v), once);
        let updated = insert_section(&once, "## 1.1.0 (2026-01-03)\n\n* y\n", &v);
        assert_eq!(
            updated,
            "# Changelog\n\nAll notable changes.\n\n## 1.1.0 (2026-01-03)\n\n* y\n\n## [1.0.0](link) (2026-01-01)\n\n* old\n"
        );
        assert_eq!(
            insert_section("# Changelog\n", section, &v),
            format!("# Changelog\n\n{section}")
        );
    }
}
