//! release-please 17.11.2's release notes (`DefaultChangelogNotes`: the templates of
//! `conventional-changelog-conventionalcommits` 6.1.0 rendered by
//! `conventional-changelog-writer` 6.0.1), and how its `Changelog` updater puts them into
//! CHANGELOG.md.
//!
//! Layout: `## [version](compare) (date)` (`## version (date)` with no previous tag), two
//! blank lines, `### ⚠ BREAKING CHANGES` (newest first), then one section per type in the
//! configured order, entries sorted by scope + subject with ICU collation, two blank lines
//! between sections, `, refs [#N](…)` for footer references, `<`/`>` escaped outside
//! backticks, and no trailing newline. Hidden types (docs, chore, …) are left out unless
//! breaking; a commit of a type with no section at all too.

use std::cmp::Ordering;

use super::commits::{NoteTitle, Parsed};
use crate::tools::node::collate::locale_compare;
use crate::tools::node::jsregex::{is_js_space, js_trim};

/// One entry of `changelog-sections`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: String,
    /// The heading; `None` puts the entries under no heading.
    pub title: Option<String>,
    pub hidden: bool,
    /// Only commits with this scope.
    pub scope: Option<String>,
}

impl Section {
    fn new(kind: &str, title: &str, hidden: bool) -> Section {
        Section {
            kind: kind.into(),
            title: Some(title.into()),
            hidden,
            scope: None,
        }
    }
}

/// The preset's sections when `changelog-sections` is not set.
pub fn default_sections() -> Vec<Section> {
    vec![
        Section::new("feat", "Features", false),
        Section::new("feature", "Features", false),
        Section::new("fix", "Bug Fixes", false),
        Section::new("perf", "Performance Improvements", false),
        Section::new("revert", "Reverts", false),
        Section::new("docs", "Documentation", true),
        Section::new("style", "Styles", true),
        Section::new("chore", "Miscellaneous Chores", true),
        Section::new("refactor", "Code Refactoring", true),
        Section::new("test", "Tests", true),
        Section::new("build", "Build System", true),
        Section::new("ci", "Continuous Integration", true),
    ]
}

/// Where links point: `{host}/{owner}/{repository}/…`.
#[derive(Debug, Clone, Copy)]
pub struct Repository<'a> {
    pub host: &'a str,
    pub owner: &'a str,
    pub name: &'a str,
}

/// What the notes need besides the commits.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub version: &'a str,
    pub current_tag: &'a str,
    pub previous_tag: Option<&'a str>,
    pub date: &'a str,
    /// `None`: no links at all (release-please always knows its repository; herald links
    /// only when `origin` is on a forge).
    pub repository: Option<Repository<'a>>,
}

/// A commit after the preset's `transform`, ready for the template.
#[derive(Debug, Clone)]
struct Entry {
    group: String,
    scope: String,
    subject: String,
    header: String,
    sha: String,
    notes: Vec<String>,
    references: Vec<String>,
}

/// Whether the preset keeps a commit in the notes: it is breaking (or has a `!` the
/// template turns into a note), carries a `Release-As` footer, or its type has a section
/// that is not hidden.
pub fn is_shown(commit: &Parsed, sections: &[Section]) -> bool {
    let notes = commit
        .notes
        .iter()
        .any(|n| n.title == NoteTitle::BreakingChange)
        || bang_note(commit).is_some();
    let release_as = commit
        .notes
        .iter()
        .any(|n| n.title == NoteTitle::ReleaseAs && release_as_matches(&n.text));
    notes || release_as || find_section(sections, commit).is_some_and(|s| !s.hidden)
}

/// The notes for `commits` (newest first, each with its commit's full hash).
pub fn render(commits: &[(&str, &Parsed)], sections: &[Section], context: &Context) -> String {
    let entries: Vec<Entry> = commits
        .iter()
        .filter(|(_, c)| is_shown(c, sections))
        .map(|(sha, c)| transform(sha, c, sections, context))
        .collect();
    let mut out = header(context);
    out.push('\n');
    let notes: Vec<String> = entries
        .iter()
        .flat_map(|e| {
            e.notes.iter().map(move |text| {
                let scope = if e.scope.is_empty() {
                    String::new()
                } else {
                    format!("**{}:** ", e.scope)
                };
                format!("* {scope}{text}\n")
            })
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("\n### ⚠ BREAKING CHANGES\n\n");
        out.extend(notes);
    }
    for (title, mut group) in groups(entries, sections) {
        group.sort_by(|a, b| {
            locale_compare(
                &format!("{}{}", a.scope, a.subject),
                &format!("{}{}", b.scope, b.subject),
            )
        });
        out.push('\n');
        if !title.is_empty() {
            out.push_str(&format!("### {title}\n\n"));
        }
        for entry in &group {
            out.push_str(&bullet(entry, context));
            out.push('\n');
        }
        out.push('\n');
    }
    js_trim(&out).to_string()
}

fn header(context: &Context) -> String {
    let title = match (context.previous_tag, context.repository) {
        (Some(previous), Some(repo)) => format!(
            "[{}]({}/{}/{}/compare/{previous}...{})",
            context.version, repo.host, repo.owner, repo.name, context.current_tag
        ),
        _ => context.version.to_string(),
    };
    format!("## {title} ({})\n", context.date)
}

/// `* **scope:** subject ([abc1234](…/commit/<sha>)), refs [#12](…/issues/12)`
fn bullet(entry: &Entry, context: &Context) -> String {
    let mut line = String::from("*");
    if !entry.scope.is_empty() {
        line.push_str(&format!(" **{}:**", entry.scope));
    }
    line.push(' ');
    line.push_str(if entry.subject.is_empty() {
        &entry.header
    } else {
        &entry.subject
    });
    let short: String = entry.sha.chars().take(7).collect();
    if !entry.sha.is_empty() {
        match context.repository {
            Some(repo) => line.push_str(&format!(
                " ([{short}]({}/{}/{}/commit/{}))",
                repo.host, repo.owner, repo.name, entry.sha
            )),
            None => line.push_str(&format!(" {short}")),
        }
    }
    if !entry.references.is_empty() {
        line.push_str(", refs");
        for issue in &entry.references {
            match context.repository {
                Some(repo) => line.push_str(&format!(
                    " [#{issue}]({}/{}/{}/issues/{issue})",
                    repo.host, repo.owner, repo.name
                )),
                None => line.push_str(&format!(" #{issue}")),
            }
        }
    }
    line
}

/// The preset's `findTypeEntry`: the first section for the lowercased type whose scope,
/// if it has one, is the commit's.
fn find_section<'s>(sections: &'s [Section], commit: &Parsed) -> Option<&'s Section> {
    let kind = commit.kind.to_lowercase();
    sections.iter().find(|s| {
        s.kind == kind
            && s.scope
                .as_ref()
                .is_none_or(|scope| Some(scope) == commit.scope.as_ref())
    })
}

/// The preset's `addBangNotes`: a header with `!` and no note gets its description as one.
fn bang_note(commit: &Parsed) -> Option<String> {
    if commit
        .notes
        .iter()
        .any(|n| n.title == NoteTitle::BreakingChange)
    {
        return None;
    }
    breaking_header_description(&commit.header)
}

/// `/^(\w*)(?:\((.*)\))?!: (.*)$/` on a header: the description.
fn breaking_header_description(header: &str) -> Option<String> {
    if header.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return None;
    }
    let word = header
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(header.len());
    let rest = &header[word..];
    if let Some(description) = rest.strip_prefix("!: ") {
        return Some(description.to_string());
    }
    // `\((.*)\)` is greedy: the last `)!: ` wins, but any will do for a match.
    let inner = rest.strip_prefix('(')?;
    let at = inner.rfind(")!: ")?;
    Some(inner[at + 4..].to_string())
}

/// `/release-as:\s*\w*@?([0-9]+\.[0-9]+\.[0-9a-z]+(-[0-9a-z.]+)?)\s*/i` on `Release-As: text`.
fn release_as_matches(text: &str) -> bool {
    let text: Vec<char> = text.trim_start_matches(is_js_space).chars().collect();
    let word = text
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    (0..=word).any(|k| {
        version_at(&text[k..]) || (text.get(k) == Some(&'@') && version_at(&text[k + 1..]))
    })
}

/// `[0-9]+\.[0-9]+\.[0-9a-z]` (case-insensitive) at the start.
fn version_at(text: &[char]) -> bool {
    let digits = |from: usize| {
        text[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let major = digits(0);
    if major == 0 || text.get(major) != Some(&'.') {
        return false;
    }
    let minor = digits(major + 1);
    if minor == 0 || text.get(major + 1 + minor) != Some(&'.') {
        return false;
    }
    text.get(major + minor + 2)
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The preset's `transform`, with release-please's own mapping before it.
fn transform(sha: &str, commit: &Parsed, sections: &[Section], context: &Context) -> Entry {
    let mut notes: Vec<String> = commit
        .notes
        .iter()
        .filter(|n| n.title == NoteTitle::BreakingChange)
        .map(|n| match context.repository {
            Some(repo) => link_first_issue(&n.text, repo),
            None => n.text.clone(),
        })
        .collect();
    if notes.is_empty() {
        notes.extend(bang_note(commit));
    }
    let group = match find_section(sections, commit) {
        Some(section) => section.title.clone().unwrap_or_default(),
        None => commit.kind.clone(),
    };
    let scope = match commit.scope.as_deref() {
        Some("*") | None => String::new(),
        Some(scope) => scope.to_string(),
    };
    let mut subject = html_escape(&commit.subject);
    let mut issues = Vec::new();
    if let Some(repo) = context.repository {
        subject = link_issues(&subject, repo, &mut issues);
        subject = link_users(&subject, repo);
    }
    let references = commit
        .references
        .iter()
        .filter(|r| !issues.contains(&r.issue))
        .map(|r| r.issue.clone())
        .collect();
    Entry {
        group,
        scope,
        subject,
        header: commit.header.clone(),
        sha: sha.to_string(),
        notes,
        references,
    }
}

/// release-please's `replaceIssueLink`: the first `(#N)` in a note becomes a link.
fn link_first_issue(text: &str, repo: Repository) -> String {
    let mut from = 0;
    while let Some(at) = text[from..].find("(#") {
        let start = from + at;
        let digits: String = text[start + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && text[start + 2 + digits.len()..].starts_with(')') {
            return format!(
                "{}([#{digits}]({}/{}/{}/issues/{digits})){}",
                &text[..start],
                repo.host,
                repo.owner,
                repo.name,
                &text[start + 3 + digits.len()..]
            );
        }
        from = start + 2;
    }
    text.to_string()
}

/// release-please's `htmlEscape`: `<` and `>` become entities, except inside `` `code` ``
/// and ``` ``code`` ``` spans.
fn html_escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = double_code_span(&chars, i).or_else(|| code_span(&chars, i)) {
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        match chars[i] {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// ``` ``[^`].*[^`]`` ``` at `i`: its end (`.*` is greedy and stays on the line).
fn double_code_span(chars: &[char], i: usize) -> Option<usize> {
    let is_line_end = |c: &char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    if chars.get(i) != Some(&'`') || chars.get(i + 1) != Some(&'`') {
        return None;
    }
    if chars.get(i + 2).is_none_or(|c| *c == '`') {
        return None;
    }
    let line_end = chars
        .iter()
        .skip(i + 3)
        .position(is_line_end)
        .map_or(chars.len(), |p| i + 3 + p);
    let last = line_end.min(chars.len().checked_sub(3)?);
    (i + 3..=last)
        .rev()
        .find(|&k| chars[k] != '`' && chars[k + 1] == '`' && chars[k + 2] == '`')
        .map(|k| k + 3)
}

/// `` `[^`]*` `` at `i`: its end.
fn code_span(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i) != Some(&'`') {
        return None;
    }
    let close = chars[i + 1..].iter().position(|c| *c == '`')?;
    Some(i + 2 + close)
}

/// The preset's issue links: every `#N` in the subject.
fn link_issues(subject: &str, repo: Repository, issues: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(subject.len());
    let mut rest = subject;
    while let Some(at) = rest.find('#') {
        let digits: String = rest[at + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        out.push_str(&rest[..at]);
        if digits.is_empty() {
            out.push('#');
        } else {
            issues.push(digits.clone());
            out.push_str(&format!(
                "[#{digits}]({}/{}/{}/issues/{digits})",
                repo.host, repo.owner, repo.name
            ));
        }
        rest = &rest[at + 1 + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// The preset's user links: `@name` (lowercase letters, digits, single dashes, up to 39)
/// after a non-word character becomes `[@name](host/name)`.
fn link_users(subject: &str, repo: Repository) -> String {
    let chars: Vec<char> = subject.chars().collect();
    let allowed = |c: Option<&char>| {
        c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '/')
    };
    let mut out = String::with_capacity(subject.len());
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_');
        if chars[i] == '@' && boundary && allowed(chars.get(i + 1)) && chars[i + 1] != '/' {
            let mut end = i + 2;
            for _ in 0..38 {
                if chars.get(end) == Some(&'-') && allowed(chars.get(end + 1)) {
                    end += 2;
                } else if allowed(chars.get(end)) {
                    end += 1;
                } else {
                    break;
                }
            }
            let user: String = chars[i + 1..end].iter().collect();
            if user.contains('/') {
                out.push('@');
                out.push_str(&user);
            } else {
                out.push_str(&format!("[@{user}]({}/{user})", repo.host));
            }
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The writer's grouping: by section title, in order of first appearance (JavaScript puts
/// integer-like keys first), then sorted by the title's place in the configured sections.
fn groups(entries: Vec<Entry>, sections: &[Section]) -> Vec<(String, Vec<Entry>)> {
    let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
    for entry in entries {
        match groups.iter_mut().find(|(title, _)| *title == entry.group) {
            Some((_, list)) => list.push(entry),
            None => groups.push((entry.group.clone(), vec![entry])),
        }
    }
    groups.sort_by(|(a, _), (b, _)| match (array_index(a), array_index(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    let order: Vec<&str> = sections
        .iter()
        .filter_map(|s| s.title.as_deref())
        .filter(|t| !t.is_empty())
        .collect();
    let rank = |title: &str| -> i64 {
        if title.is_empty() {
            return -1;
        }
        order
            .iter()
            .position(|t| *t == title)
            .map_or(-1, |p| p as i64)
    };
    groups.sort_by_key(|(title, _)| rank(title));
    groups
}

/// A key JavaScript orders as an array index (`"0"`, `"12"`, not `"012"`).
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) {
        return None;
    }
    key.parse::<u32>().ok().filter(|n| *n != u32::MAX)
}

/// release-please's `Changelog` updater: a new file is `# Changelog` and the notes; an
/// existing one gets them before its first version heading (`\n##` or `\n###`, then an
/// optional `v`, then a digit or `[`); a file with no such heading gets the title and the
/// notes on top, its own `# ` headings demoted to `## `.
pub fn insert(existing: &str, notes: &str) -> String {
    match version_heading(existing) {
        Some(at) => {
            let joined = format!("{}\n{notes}\n{}", &existing[..at], &existing[at..]);
            format!("{}\n", js_trim(&joined))
        }
        None if existing.is_empty() => format!("# Changelog\n\n{notes}\n"),
        None => format!(
            "# Changelog\n\n{notes}\n\n{}\n",
            js_trim(&demote_titles(existing))
        ),
    }
}

/// The byte offset of the first match of `\n###? v?[0-9[]`.
pub fn version_heading(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| {
        if !text[i..].starts_with("\n##") {
            return false;
        }
        let mut j = i + 3;
        if bytes.get(j) == Some(&b'#') {
            j += 1;
        }
        if bytes.get(j) != Some(&b' ') {
            return false;
        }
        j += 1;
        if bytes.get(j) == Some(&b'v') {
            j += 1;
        }
        bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'[')
    })
}

/// `content.replace(/^#(\s)/gm, '##$1')`.
fn demote_titles(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_start && c == '#' && chars.peek().copied().is_some_and(is_js_space) {
            out.push_str("##");
        } else {
            out.push(c);
        }
        line_start = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::release_please::commits::parse_message;

    #[derive(serde::Deserialize)]
    struct Case {
        commits: Vec<RawCommit>,
        sections: Option<Vec<RawSection>>,
        previous_tag: Option<String>,
        notes: String,
    }

    #[derive(serde::Deserialize)]
    struct RawCommit {
        sha: String,
        message: String,
    }

    #[derive(serde::Deserialize)]
    struct RawSection {
        #[serde(rename = "type")]
        kind: String,
        section: Option<String>,
        #[serde(default)]
        hidden: bool,
        scope: Option<String>,
    }

    fn check_notes_cases(text: &str) {
        let cases: Vec<Case> = serde_json::from_str(text).unwrap();
        let repo = Repository {
            host: "https://github.com",
            owner: "owner",
            name: "repo",
        };
        let mut failures = Vec::new();
        for case in &cases {
            let sections = match &case.sections {
                Some(list) => list
                    .iter()
                    .map(|s| Section {
                        kind: s.kind.clone(),
                        title: s.section.clone(),
                        hidden: s.hidden,
                        scope: s.scope.clone(),
                    })
                    .collect(),
                None => default_sections(),
            };
            let parsed: Vec<(String, Parsed)> = case
                .commits
                .iter()
                .flat_map(|c| {
                    parse_message(&c.message)
                        .into_iter()
                        .map(|p| (c.sha.clone(), p))
                })
                .collect();
            let commits: Vec<(&str, &Parsed)> =
                parsed.iter().map(|(s, p)| (s.as_str(), p)).collect();
            let context = Context {
                version: "2.0.0",
                current_tag: "v2.0.0",
                previous_tag: case.previous_tag.as_deref(),
                date: "DATE",
                repository: Some(repo),
            };
            let got = render(&commits, &sections, &context);
            if got != case.notes {
                failures.push(format!(
                    "{:?}\n--- want\n{}\n--- got\n{}",
                    case.commits.iter().map(|c| &c.message).collect::<Vec<_>>(),
                    case.notes,
                    got
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} differ:\n{}",
            failures.len(),
            cases.len(),
            failures[..failures.len().min(3)].join("\n=====\n")
        );
    }

    #[test]
    fn renders_like_release_please() {
        check_notes_cases(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/release-please/notes.json"
        )));
    }

    /// `HERALD_RP_NOTES=file.json cargo test … -- --ignored` checks a larger generated set.
    #[test]
    #[ignore]
    fn renders_like_release_please_from_env() {
        let path = std::env::var("HERALD_RP_NOTES").expect("HERALD_RP_NOTES");
        check_notes_cases(&std::fs::read_to_string(path).unwrap());
    }
}
