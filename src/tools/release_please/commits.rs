//! A commit message → the conventional commits release-please 17.11.2 reads in it
//! (`parseConventionalCommits` in `build/src/commit.js`).
//!
//! One message can hold several commits, and release-please finds them in three places:
//! - `BEGIN_NESTED_COMMIT … END_NESTED_COMMIT` blocks, each a commit of its own;
//! - a blank line followed by `feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert`,
//!   an optional `(scope)` and `: `: the message is cut there (so a body paragraph that
//!   starts like a header becomes a commit — the case that surprises people);
//! - footers whose text parses as a header (`fix(api): y` in the footer block).
//!
//! Each piece is parsed with the `@conventional-commits/parser` grammar; a piece that does
//! not parse (git's `Revert "…"`, prose) is dropped without a word. Reverts are never
//! filtered: the filter release-please runs sees one message at a time.

use super::grammar::{self, Kind, Node};
use crate::tools::node::jsregex::{is_js_space, js_trim};

/// A note release-please attaches to a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTitle {
    BreakingChange,
    ReleaseAs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: NoteTitle,
    pub text: String,
}

/// An issue a footer refers to (`Closes #12`, `Refs: #3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub action: String,
    pub issue: String,
}

/// Where in the message a commit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The message's own header (or the first piece of it).
    Header,
    /// A piece cut at a blank line followed by a header.
    Split,
    /// A `BEGIN_NESTED_COMMIT` block.
    Nested,
    /// A footer whose text parses as a header.
    Footer,
    /// A `BEGIN_COMMIT_OVERRIDE` block replaced the message.
    Override,
}

/// One conventional commit as release-please sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The type, as written (`Feat` stays `Feat`).
    pub kind: String,
    pub scope: Option<String>,
    /// The description (release-please's `bareMessage`).
    pub subject: String,
    /// `type(scope)!: subject`, rebuilt from the parts.
    pub header: String,
    pub notes: Vec<Note>,
    pub references: Vec<Reference>,
    /// A `BREAKING CHANGE` note exists.
    pub breaking: bool,
    pub origin: Origin,
    /// The body's text, without `BREAKING CHANGE:` markers.
    pub body: String,
}

impl Parsed {
    pub fn note(&self, title: NoteTitle) -> Option<&str> {
        self.notes
            .iter()
            .find(|n| n.title == title)
            .map(|n| n.text.as_str())
    }
}

const SPLIT_TYPES: [&str; 11] = [
    "feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert",
];

/// The commits release-please reads in one message, in its order: the pieces of the message
/// (each piece's footer commits before its header commit), then the nested commits.
pub fn parse_message(message: &str) -> Vec<Parsed> {
    let (text, overridden) = match commit_override(message) {
        Some(text) => (text, true),
        None => (message.to_string(), false),
    };
    let mut out = Vec::new();
    for (index, piece) in split_messages(&text).iter().enumerate() {
        let origin = match (overridden, &piece.1) {
            (true, _) => Origin::Override,
            (false, Piece::Nested) => Origin::Nested,
            (false, Piece::Main) if index == 0 => Origin::Header,
            (false, Piece::Main) => Origin::Split,
        };
        if let Ok(tree) = grammar::parse(&piece.0) {
            for mut commit in to_commits(&tree) {
                post_process(&mut commit);
                commit.breaking = commit.note(NoteTitle::BreakingChange).is_some();
                if commit.origin != Origin::Footer {
                    commit.origin = origin;
                }
                out.push(commit);
            }
        }
    }
    out
}

/// Whether a piece comes from the message itself or from a nested block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Main,
    Nested,
}

/// `BEGIN_COMMIT_OVERRIDE … END_COMMIT_OVERRIDE` replaces the message when the commit is
/// associated with a pull request. release-please reads the block from the pull request's
/// body; herald has only the commit, and reads it there when the subject names a pull
/// request the way release-please's local client recognises one (`… (#12)` for a squash
/// merge, `Merge pull request #12 from …`).
fn commit_override(message: &str) -> Option<String> {
    let subject = message.split('\n').next().unwrap_or("");
    let subject = js_trim(subject);
    if !names_pull_request(subject) {
        return None;
    }
    let after = message.split("BEGIN_COMMIT_OVERRIDE").nth(1).unwrap_or("");
    let inner = after.split("END_COMMIT_OVERRIDE").next().unwrap_or("");
    let inner = js_trim(inner);
    (!inner.is_empty()).then(|| inner.to_string())
}

fn names_pull_request(subject: &str) -> bool {
    let squash = subject
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once("(#"))
        .is_some_and(|(before, digits)| {
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && before.chars().last().is_some_and(is_js_space)
        });
    let merge = subject
        .strip_prefix("Merge pull request #")
        .is_some_and(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && rest[digits..].starts_with(" from ")
        });
    squash || merge
}

/// release-please's `splitMessages`: nested blocks out, then the rest cut at every blank line
/// followed by a header of one of the eleven types. Empty pieces are dropped.
fn split_messages(message: &str) -> Vec<(String, Piece)> {
    let mut parts = message.split("BEGIN_NESTED_COMMIT");
    let mut main = parts.next().unwrap_or("").to_string();
    let mut nested = Vec::new();
    for part in parts {
        let mut pieces = part.split("END_NESTED_COMMIT");
        nested.push(pieces.next().unwrap_or("").to_string());
        let rest: Vec<&str> = pieces.collect();
        main.push_str(&rest.join("END_NESTED_COMMIT"));
    }
    let mut out: Vec<(String, Piece)> = split_at_headers(&main)
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| (p, Piece::Main))
        .collect();
    out.extend(nested.into_iter().map(|p| (p, Piece::Nested)));
    out
}

/// `text.split(/\r?\n\r?\n(?=(?:feat|fix|…)(?:\(.*?\))?: )/)`.
fn split_at_headers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut q = 0;
    while q < chars.len() {
        match blank_line_at(&chars, q) {
            Some(end) if header_follows(&chars[end..]) => {
                pieces.push(chars[start..q].iter().collect());
                start = end;
                q = end;
            }
            _ => q += 1,
        }
    }
    pieces.push(chars[start..].iter().collect());
    pieces
}

/// The end of `\r?\n\r?\n` at `at`, when it matches there.
fn blank_line_at(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at;
    for _ in 0..2 {
        if chars.get(i) == Some(&'\r') {
            i += 1;
        }
        if chars.get(i) != Some(&'\n') {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// `(?:feat|fix|…)(?:\(.*?\))?: ` at the start of `chars`.
fn header_follows(chars: &[char]) -> bool {
    let starts = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    SPLIT_TYPES.iter().any(|kind| {
        let n = kind.chars().count();
        if !starts(0, kind) {
            return false;
        }
        if starts(n, ": ") {
            return true;
        }
        if chars.get(n) != Some(&'(') {
            return false;
        }
        // A lazy `.*?` up to a `)` followed by `: `, without crossing a line terminator.
        let mut i = n + 1;
        while let Some(&c) = chars.get(i) {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                return false;
            }
            if c == ')' && starts(i + 1, ": ") {
                return true;
            }
            i += 1;
        }
        false
    })
}

/// release-please's `toConventionalChangelogFormat`: the header commit and the commits its
/// footers hold (footer commits first).
fn to_commits(tree: &Node) -> Vec<Parsed> {
    let mut commits = Vec::new();
    let summary = tree.children.iter().find(|n| n.kind == Kind::Summary);
    let body = tree.children.iter().find(|n| n.kind == Kind::Body);
    let mut header = Parsed {
        kind: String::new(),
        scope: None,
        subject: String::new(),
        header: String::new(),
        notes: Vec::new(),
        references: Vec::new(),
        breaking: false,
        origin: Origin::Header,
        body: String::new(),
    };
    if let Some(summary) = summary {
        for node in summary.preorder() {
            match node.kind {
                Kind::Type => {
                    header.kind = node.value.clone();
                    header.header.push_str(&node.value);
                }
                Kind::Scope => {
                    header.scope = Some(node.value.clone());
                    header.header.push_str(&format!("({})", node.value));
                }
                Kind::BreakingChange => header.header.push('!'),
                Kind::Text => {
                    header.subject = node.value.clone();
                    header.header.push_str(&format!(": {}", node.value));
                }
                _ => {}
            }
        }
    }
    let body_text: String = body
        .map(|b| {
            b.preorder()
                .into_iter()
                .filter(|n| matches!(n.kind, Kind::Text | Kind::Newline))
                .map(|n| n.value.as_str())
                .collect()
        })
        .unwrap_or_default();
    // release-please also runs a `BREAKING-CHANGE:` regex here, on `String(body)`: the
    // string of an object, so it never matches. The one in `postProcessCommits` does run.
    let breaking = breaking_text(tree, &header.subject);
    if !breaking.is_empty() {
        header.notes.push(Note {
            title: NoteTitle::BreakingChange,
            text: breaking,
        });
    }
    for footer in tree.children.iter().filter(|n| n.kind == Kind::Footer) {
        if let Some(reference) = footer_reference(footer) {
            header.references.push(reference);
        }
    }
    for footer in tree.children.iter().filter(|n| n.kind == Kind::Footer) {
        let Some(token) = footer.children.first() else {
            continue;
        };
        let Some(kind) = token.children.iter().find(|n| n.kind == Kind::Type) else {
            continue;
        };
        let mut footer_text = String::new();
        for node in footer.preorder() {
            match node.kind {
                Kind::Type | Kind::BreakingChange | Kind::Text | Kind::Newline => {
                    footer_text.push_str(&node.value)
                }
                Kind::Scope => footer_text.push_str(&format!("({})", node.value)),
                Kind::Separator if !node.value.contains('#') => {
                    footer_text.push_str(&format!("{} ", node.value))
                }
                _ => {}
            }
        }
        if kind.value.to_lowercase() == "release-as" {
            let text = footer
                .preorder()
                .into_iter()
                .rfind(|n| n.kind == Kind::Text)
                .map(|n| n.value.clone())
                .unwrap_or_default();
            header.notes.push(Note {
                title: NoteTitle::ReleaseAs,
                text,
            });
        }
        if let Ok(tree) = grammar::parse(&footer_text) {
            for mut commit in to_commits(&tree) {
                commit.origin = Origin::Footer;
                commits.push(commit);
            }
        }
    }
    header.body = body_text;
    commits.push(header);
    commits
}

/// The text of the `BREAKING CHANGE` note, walking the tree as release-please does: the
/// subject for a `!`; in the body, everything after the first `BREAKING CHANGE:` line start;
/// in a footer, the footer's last line of text. Later finds replace earlier ones. A second
/// marker in the body is not seen (release-please's visitor pops a shared ancestor list).
fn breaking_text(tree: &Node, subject: &str) -> String {
    let mut text = String::new();
    for child in &tree.children {
        match child.kind {
            Kind::Summary
                if child
                    .children
                    .iter()
                    .any(|n| n.kind == Kind::BreakingChange) =>
            {
                text = subject.to_string();
            }
            Kind::Body => {
                let mut hit = false;
                let mut collected = String::new();
                for node in &child.children {
                    match node.kind {
                        Kind::BreakingChange => hit = true,
                        Kind::Text | Kind::Newline if hit => collected.push_str(&node.value),
                        _ => {}
                    }
                }
                if hit {
                    text = collected;
                }
            }
            Kind::Footer => {
                let marker = child
                    .children
                    .first()
                    .into_iter()
                    .flat_map(|token| &token.children)
                    .any(|n| n.kind == Kind::BreakingChange && n.value.contains("BREAKING"));
                if marker {
                    if let Some(last) = child
                        .preorder()
                        .into_iter()
                        .rfind(|n| matches!(n.kind, Kind::Text | Kind::Newline))
                    {
                        text = last.value.clone();
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// The issue a footer refers to: `Closes #12`, or `Refs: #12`; only plain numbers count.
fn footer_reference(footer: &Node) -> Option<Reference> {
    let mut action = String::new();
    let mut issue = String::new();
    let mut by_hash = false;
    for node in footer.preorder() {
        match node.kind {
            Kind::Type => action = node.value.clone(),
            Kind::Separator if node.value.contains('#') => by_hash = true,
            Kind::Text => match node.value.strip_prefix('#') {
                Some(rest) => {
                    by_hash = true;
                    issue = rest.to_string();
                }
                None => issue = node.value.clone(),
            },
            _ => {}
        }
    }
    (by_hash && !issue.is_empty() && issue.chars().all(|c| c.is_ascii_digit()))
        .then_some(Reference { action, issue })
}

/// release-please's `postProcessCommits`: each note keeps its first paragraph, lines joined
/// with spaces (a `#### ` or list line starts an indented block); then a `BREAKING-CHANGE:`
/// anywhere in the body text adds to (or makes) the breaking note.
fn post_process(commit: &mut Parsed) {
    for note in &mut commit.notes {
        let mut text = String::new();
        let mut extended = false;
        for (i, chunk) in split_lines(&note.text).into_iter().enumerate() {
            if i > 0 && has_extended_context(chunk) && !extended {
                text = format!("{}\n", js_trim(&text));
                extended = true;
            }
            if chunk.is_empty() {
                break;
            } else if extended {
                text.push_str(&format!("    {chunk}\n"));
            } else {
                text.push_str(&format!("{chunk} "));
            }
        }
        note.text = js_trim(&text).to_string();
    }
    if let Some(found) = body_breaking_change(&commit.body) {
        match commit
            .notes
            .iter_mut()
            .find(|n| n.title == NoteTitle::BreakingChange)
        {
            Some(note) => {
                note.text.push('\n');
                note.text.push_str(js_trim(&found));
            }
            None => commit.notes.push(Note {
                title: NoteTitle::BreakingChange,
                text: js_trim(&found).to_string(),
            }),
        }
    }
}

/// `body.match(/BREAKING-CHANGE:\s*(.*)/)[1]`, when not empty.
fn body_breaking_change(body: &str) -> Option<String> {
    let at = body.find("BREAKING-CHANGE:")?;
    let rest = body[at + "BREAKING-CHANGE:".len()..].trim_start_matches(is_js_space);
    let line: String = rest
        .chars()
        .take_while(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
        .collect();
    (!line.is_empty()).then_some(line)
}

/// `text.split(/\r?\n/)`.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len() - 1;
    for line in &mut lines[..last] {
        *line = line.strip_suffix('\r').unwrap_or(line);
    }
    lines
}

fn has_extended_context(line: &str) -> bool {
    line.starts_with("#### ") || line.starts_with("* ") || line.starts_with("- ")
}

/// Byte offsets where release-please cuts a message into pieces (after a blank line, before
/// a header), outside nested blocks.
pub fn split_points(message: &str) -> Vec<usize> {
    if message.contains("BEGIN_NESTED_COMMIT") {
        return Vec::new();
    }
    let offsets: Vec<usize> = message.char_indices().map(|(i, _)| i).collect();
    let chars: Vec<char> = message.chars().collect();
    let mut points = Vec::new();
    let mut q = 0;
    while q < chars.len() {
        match blank_line_at(&chars, q) {
            Some(end) if header_follows(&chars[end..]) => {
                points.push(offsets.get(end).copied().unwrap_or(message.len()));
                q = end;
            }
            _ => q += 1,
        }
    }
    points
}
