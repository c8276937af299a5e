//! commitizen's changelog (4.19.3, `cz_conventional_commits`, the markdown template
//! `keep_a_changelog` renders with `trim_blocks`): `## <tag> (<date>)`, then one
//! `### <type>` group per change type in `change_type_order` (`BREAKING CHANGE`, `Feat`,
//! `Fix`, `Refactor`, `Perf`), entries newest first as `- **scope**: message`. Entries come
//! from the header and from every body paragraph that itself reads as a commit header
//! (a `BREAKING CHANGE: …` footer, or a `feat: …` paragraph).

use regex::Regex;

use crate::model::notes::Release;

/// How commitizen turns commits into changelog entries.
#[derive(Debug, Clone)]
pub struct Layout {
    /// `changelog_pattern`: commits whose message does not start with a match are left out.
    pub pattern: Regex,
    /// `commit_parser` for the header (`re.MULTILINE`).
    pub header: Regex,
    /// `commit_parser` for each body paragraph (`re.MULTILINE | re.DOTALL`).
    pub paragraph: Regex,
    /// `change_type_map`: parsed type → group title (`feat` → `Feat`).
    pub type_map: Vec<(String, String)>,
    /// `change_type_order`.
    pub order: Vec<String>,
    /// Finds a version in a heading of the existing changelog (the tag format's regex).
    pub heading_version: Regex,
}

/// One changelog entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    scope: Option<String>,
    message: Option<String>,
}

impl Layout {
    /// The entries one commit gives, each with its group (`None` for a match without a
    /// type, such as `docs!: …`, which is listed under no heading).
    fn entries(&self, subject: &str, body: &str) -> Vec<(Option<String>, Entry)> {
        let message = full_message(subject, body);
        if !self.pattern.is_match(&message) {
            return Vec::new();
        }
        let mut found = Vec::new();
        let header = self.header.captures(&message);
        let paragraphs = body.split("\n\n").map(|p| self.paragraph.captures(p));
        for caps in std::iter::once(header).chain(paragraphs).flatten() {
            let group = |name: &str| caps.name(name).map(|m| m.as_str().to_string());
            let kind = group("change_type").map(|kind| {
                self.type_map
                    .iter()
                    .find(|(from, _)| *from == kind)
                    .map_or(kind, |(_, to)| to.clone())
            });
            found.push((
                kind,
                Entry {
                    scope: group("scope"),
                    message: group("message"),
                },
            ));
        }
        found
    }

    /// Whether a commit gives at least one entry.
    pub fn lists(&self, text: &str) -> bool {
        let (subject, body) = log_message(text);
        !self.entries(&subject, &body).is_empty()
    }
}

/// Renders the section commitizen adds for a release: `## v2.0.0 (2026-11-25)`, the
/// groups, and a final newline (what `cz changelog --dry-run --incremental` prints,
/// without `print`'s own newline).
pub fn render(release: &Release, layout: &Layout) -> String {
    let mut groups: Vec<(Option<String>, Vec<Entry>)> = Vec::new();
    let mut noted = release.noted.to_vec();
    noted.sort_unstable();
    for index in noted {
        let (subject, body) = log_message(&release.changes[index].message.text);
        for (kind, entry) in layout.entries(&subject, &body) {
            match groups.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, entries)) => entries.push(entry),
                None => groups.push((kind, vec![entry])),
            }
        }
    }
    // `change_type_order` first, then the other types sorted; entries keep their order.
    let mut ordered: Vec<(Option<String>, Vec<Entry>)> = Vec::new();
    for kind in &layout.order {
        if let Some(at) = groups.iter().position(|(k, _)| k.as_deref() == Some(kind)) {
            ordered.push(groups.remove(at));
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    ordered.extend(groups);
    let mut out = format!("## {} ({})\n", release.tag, release.date);
    for (kind, entries) in ordered {
        out.push('\n');
        if let Some(kind) = kind.filter(|k| !k.is_empty()) {
            out.push_str(&format!("### {kind}\n"));
        }
        out.push('\n');
        for entry in entries {
            match (&entry.scope, &entry.message) {
                (Some(scope), message) if !scope.is_empty() => out.push_str(&format!(
                    "- **{scope}**: {}\n",
                    message.as_deref().unwrap_or("None")
                )),
                (_, Some(message)) if !message.is_empty() => {
                    out.push_str(&format!("- {message}\n"));
                }
                _ => {}
            }
        }
    }
    out
}

/// Puts a release's section into CHANGELOG.md as `cz bump --changelog` does (incremental):
/// an `Unreleased` section is replaced; the section goes above the first heading that
/// names a version in the tag format, followed by a blank line; without such a heading it
/// is appended, after a blank line. A missing or empty file gets the section alone (cz
/// itself writes the whole history there). When the first version heading is already this
/// release's, its section is replaced, so writing twice changes nothing.
pub fn insert(existing: &str, section: &str, layout: &Layout) -> String {
    if existing.trim().is_empty() {
        return section.to_string();
    }
    let mut lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let mut meta = metadata(&lines, &layout.heading_version);
    let own = section
        .lines()
        .next()
        .and_then(|line| heading_version(&line.to_lowercase(), &layout.heading_version));
    let latest = meta
        .latest_version
        .and_then(|at| heading_version(&lines[at].trim().to_lowercase(), &layout.heading_version));
    if let (Some(at), Some(own), Some(latest)) = (meta.latest_version, own, latest) {
        if own == latest {
            let end = lines[at + 1..]
                .iter()
                .position(|l| {
                    heading_version(&l.trim().to_lowercase(), &layout.heading_version).is_some()
                })
                .map_or(lines.len(), |i| at + 1 + i);
            lines.drain(at..end);
            meta = metadata(&lines, &layout.heading_version);
        }
    }
    let mut out = String::new();
    let mut skip = false;
    for (index, line) in lines.iter().enumerate() {
        if Some(index) == meta.unreleased_start {
            skip = true;
        } else if Some(index) == meta.unreleased_end {
            skip = false;
            if meta
                .latest_version
                .is_none_or(|latest| latest > meta.unreleased_end.unwrap_or(0))
            {
                continue;
            }
        }
        if skip {
            continue;
        }
        if Some(index) == meta.latest_version {
            out.push_str(section);
            out.push('\n');
        }
        out.push_str(line);
    }
    if meta.latest_version.is_some() {
        return out;
    }
    if out
        .split_inclusive('\n')
        .next_back()
        .is_some_and(|l| !l.trim().is_empty())
    {
        out.push('\n');
    }
    out.push_str(section);
    out
}

/// Where the existing changelog's unreleased block and latest release are (commitizen's
/// `get_metadata_from_file`).
#[derive(Debug, Default, PartialEq, Eq)]
struct Metadata {
    unreleased_start: Option<usize>,
    unreleased_end: Option<usize>,
    latest_version: Option<usize>,
}

fn metadata(lines: &[&str], heading_version: &Regex) -> Metadata {
    let mut meta = Metadata::default();
    let mut unreleased_level: Option<usize> = None;
    let mut last = 0;
    for (index, line) in lines.iter().enumerate() {
        last = index;
        let line = line.trim().to_lowercase();
        let level = title_level(&line);
        if line.contains("unreleased") && level.is_some() {
            meta.unreleased_start = Some(index);
            unreleased_level = level;
            continue;
        } else if unreleased_level.is_some() && level == unreleased_level {
            meta.unreleased_end = Some(index);
        }
        if let Some(title) = title(&line) {
            if heading_version.is_match(title) {
                meta.latest_version = Some(index);
                break;
            }
        }
    }
    if meta.unreleased_start.is_some() && meta.unreleased_end.is_none() {
        meta.unreleased_end = Some(last);
    }
    meta
}

/// The version a heading names in the tag format, if any.
fn heading_version(line: &str, regex: &Regex) -> Option<String> {
    let caps = regex.captures(title(line)?)?;
    Some(
        caps.name("version")
            .unwrap_or(caps.get(0)?)
            .as_str()
            .to_string(),
    )
}

/// `^(#+) (.*)$`: the title of a markdown heading.
fn title(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if hashes == 0 {
        return None;
    }
    line[hashes..].strip_prefix(' ')
}

fn title_level(line: &str) -> Option<usize> {
    title(line).map(|_| line.chars().take_while(|c| *c == '#').count())
}

/// The message as commitizen reads it from `git log --format=%s…%b`: the subject is the
/// first paragraph with its lines joined by spaces; the body is the rest, stripped.
pub fn log_message(text: &str) -> (String, String) {
    let mut lines = text.split('\n').peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    let mut subject: Vec<&str> = Vec::new();
    for line in lines.by_ref() {
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        subject.push(line);
    }
    let rest: Vec<&str> = lines.collect();
    let body = python_splitlines(&rest.join("\n")).join("\n");
    (
        subject.join(" ").trim().to_string(),
        body.trim().to_string(),
    )
}

/// `f"{title}\n\n{body}".strip()`: what commitizen matches its patterns against.
pub fn full_message(subject: &str, body: &str) -> String {
    format!("{subject}\n\n{body}").trim().to_string()
}

/// Python's `str.splitlines()`.
fn python_splitlines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let breaks = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !breaks {
            continue;
        }
        lines.push(&text[start..at]);
        let mut end = at + c.len_utf8();
        if c == '\r' {
            if let Some((_, '\n')) = chars.peek() {
                chars.next();
                end += 1;
            }
        }
        start = end;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_message_is_subject_and_body() {
        assert_eq!(
            log_message("fix: x\nmore\n\n\nbody one\n\nfeat: y\n"),
            ("fix: x more".into(), "body one\n\nfeat: y".into())
        );
        assert_eq!(log_message("fix: x"), ("fix: x".into(), String::new()));
        assert_eq!(python_splitlines("a\r\nb\rc\n"), ["a", "b", "c"]);
    }

    #[test]
    fn titles_and_levels() {
        assert_eq!(title("## v1.0.0 (x)"), Some("v1.0.0 (x)"));
        assert_eq!(title("##v1"), None);
        assert_eq!(title_level("### feat"), Some(3));
    }
}
