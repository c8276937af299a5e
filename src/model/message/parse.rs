//! A cleaned message → herald's [`Message`]: what kind of commit it is, and for conventional
//! ones the header, body and footers, with spans for diagnostics.
//!
//! The header is parsed by `conventional_commit_parser`. Body and footers are split here,
//! because the crate departs from Conventional Commits 1.0.0 on real messages; each
//! correction is named below and tested:
//!
//! 1. A message git stores ends with a newline; the crate rejects it. We parse the cleaned
//!    text, which has none.
//! 2. The crate folds the type's case (`Feat` → `feat`). We keep the header's own spelling,
//!    because linters and engines that compare types exactly (semantic-release) need it.
//! 3. The crate reads any `Word: text` line as a footer, even in the first body paragraph
//!    or without a blank line before it. The specification puts footers one blank line
//!    after the body: here they are the last paragraph, when it starts with a footer.
//! 4. The exception, everywhere a reader would expect it: a line starting with the
//!    `BREAKING CHANGE` or `BREAKING-CHANGE` token begins the footers wherever it stands,
//!    and its value runs over following lines and paragraphs until the next footer token
//!    ("parsing MUST terminate when the next valid footer token/separator pair is observed").
//! 5. `BREAKING CHANGE` must be uppercase (spec rule 16); lowercase is body text, which the
//!    linter points out.
//! 6. Merge, revert and fixup/squash/amend messages are recognised before parsing; the crate
//!    would reject them as malformed.
//! 7. The crate's errors are turned into messages that say what to write instead, in any
//!    script (see `explain`).

use std::borrow::Cow;
use std::ops::Range;

use super::Text;
use super::explain;

/// A commit message as herald understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The cleaned message: what git stores, without the final newline.
    pub text: Text,
    pub kind: Kind,
    /// The parsed header, for conventional commits.
    pub header: Option<Header>,
    /// Where the text between the header and the footers lies in `text` (read with
    /// [`Message::body`]; a span, so that a long body is not kept twice).
    pub body: Option<Range<usize>>,
    pub footers: Vec<Footer>,
    /// The commit named by a `This reverts commit <id>` line.
    pub reverted: Option<String>,
}

/// What kind of message this is, decided before (and by) parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `type(scope)!: description`.
    Conventional,
    /// A merge message written by git or a forge (`Merge branch …`, `Merge pull request …`).
    Merge,
    /// git's own revert message, `Revert "…"`.
    Revert,
    /// `fixup!`, `squash!` or `amend!`: meant to be folded into another commit by
    /// `git rebase --autosquash`.
    Autosquash(Autosquash),
    /// A header that does not follow the specification, and why (boxed: most commits
    /// are conventional, and the error's strings inline would make every parsed commit
    /// 72 bytes larger).
    NotConventional(Box<HeaderError>),
    /// Nothing left after cleanup: git aborts the commit by itself.
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Autosquash {
    Fixup,
    Squash,
    Amend,
}

impl Autosquash {
    pub fn prefix(self) -> &'static str {
        match self {
            Autosquash::Fixup => "fixup!",
            Autosquash::Squash => "squash!",
            Autosquash::Amend => "amend!",
        }
    }
}

/// Where the parts of a conventional header lie in the message (or header line) it was
/// parsed from: spans, not copies, so that a long history keeps each header once. Read
/// them with [`Header::kind`] and its siblings, or [`Message::kind_of_change`] and its.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// A `!` before the colon.
    pub bang: bool,
    pub kind_span: Range<usize>,
    pub scope_span: Option<Range<usize>>,
    pub description_span: Range<usize>,
}

impl Header {
    /// The type exactly as written (`Feat` stays `Feat`), in the text it was parsed from.
    pub fn kind<'t>(&self, text: &'t str) -> &'t str {
        &text[self.kind_span.clone()]
    }

    /// What the parentheses hold, in the text it was parsed from.
    pub fn scope<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.scope_span.clone().map(|span| &text[span])
    }

    /// What follows `: `, in the text it was parsed from.
    pub fn description<'t>(&self, text: &'t str) -> &'t str {
        &text[self.description_span.clone()]
    }
}

/// Why a header is not conventional, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    pub message: String,
    pub span: Range<usize>,
    pub label: String,
    pub help: String,
}

/// A footer: `Token: value` or `Token #value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    pub token: String,
    pub separator: Separator,
    pub value: String,
    /// The footer's first line in the message.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `: ` (or, for `BREAKING CHANGE`, a bare `:` with the text on the lines below).
    Colon,
    /// ` #`.
    Hash,
}

impl Footer {
    /// `BREAKING CHANGE` or its synonym `BREAKING-CHANGE` (spec rules 12 and 16).
    pub fn is_breaking(&self) -> bool {
        is_breaking_token(&self.token)
    }
}

fn is_breaking_token(token: &str) -> bool {
    token == "BREAKING CHANGE" || token == "BREAKING-CHANGE"
}

impl Message {
    /// The text between the header and the footers, without the blank lines around it.
    pub fn body(&self) -> Option<&str> {
        self.body.clone().and_then(|span| self.text.get(span))
    }

    /// The first line of the message.
    pub fn header_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }

    /// A `!` in the header or a breaking-change footer.
    pub fn is_breaking(&self) -> bool {
        self.header.as_ref().is_some_and(|h| h.bang) || self.footers.iter().any(Footer::is_breaking)
    }

    /// The type exactly as written, for conventional commits.
    pub fn kind_of_change(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.kind(&self.text))
    }

    /// The type in lowercase, for conventional commits (borrowed when it is written so,
    /// as it nearly always is: this is asked of every commit several times).
    pub fn kind_lowercase(&self) -> Option<Cow<'_, str>> {
        let kind = self.kind_of_change()?;
        Some(if kind.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(kind.to_ascii_lowercase())
        } else {
            Cow::Borrowed(kind)
        })
    }

    /// The header's scope, for conventional commits that name one.
    pub fn scope(&self) -> Option<&str> {
        self.header.as_ref().and_then(|h| h.scope(&self.text))
    }

    /// The header's description, for conventional commits.
    pub fn description(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.description(&self.text))
    }

    /// What a list of changes shows of the commit: its description, or its whole header
    /// when it is not conventional.
    pub fn description_or_header(&self) -> &str {
        self.description().unwrap_or(self.header_line())
    }

    /// What the breaking change says: the footers' text, else the description after `!`.
    pub fn breaking_notes(&self) -> Vec<&str> {
        let notes: Vec<&str> = self
            .footers
            .iter()
            .filter(|f| f.is_breaking())
            .map(|f| f.value.as_str())
            .collect();
        match (&self.header, notes.is_empty()) {
            (Some(h), true) if h.bang => vec![h.description(&self.text)],
            _ => notes,
        }
    }
}

/// Parses a cleaned message (see [`super::clean`]).
pub fn parse(text: &str) -> Message {
    parse_owned(text.trim_end_matches('\n').to_string())
}

/// [`parse`], keeping `text` itself as the message's text rather than a copy of it.
pub fn parse_owned(mut text: String) -> Message {
    text.truncate(text.trim_end_matches('\n').len());
    let reverted = reverted_commit(&text);
    let header_line = text.lines().next().unwrap_or("");
    let kind = if text.trim().is_empty() {
        Some(Kind::Empty)
    } else {
        classify_special(header_line)
    };
    let mut commit = Message {
        kind: Kind::Conventional,
        header: None,
        body: None,
        footers: Vec::new(),
        reverted,
        text: Text::default(),
    };
    let (body, footers) = split_body_and_footers(&text);
    commit.body = body;
    commit.footers = footers;
    match kind {
        Some(kind) => commit.kind = kind,
        None => match parse_header(header_line) {
            Ok(header) => commit.header = Some(header),
            Err(error) => commit.kind = Kind::NotConventional(Box::new(error)),
        },
    }
    commit.text = text.into();
    commit
}

/// Merge, revert and autosquash messages, recognised by their git-written headers.
fn classify_special(header: &str) -> Option<Kind> {
    for kind in [Autosquash::Fixup, Autosquash::Squash, Autosquash::Amend] {
        if header.starts_with(kind.prefix()) {
            return Some(Kind::Autosquash(kind));
        }
    }
    if is_merge_header(header) {
        return Some(Kind::Merge);
    }
    if header.starts_with("Revert \"") {
        return Some(Kind::Revert);
    }
    None
}

/// Headers that git and the forges write for merges (the patterns commitlint ignores).
fn is_merge_header(header: &str) -> bool {
    const PREFIXES: [&str; 9] = [
        "Merge branch ",
        "Merge branches ",
        "Merge remote-tracking branch ",
        "Merge pull request ",
        "Merge tag ",
        "Merge commit ",
        "Merged PR ",
        "Automatic merge",
        "Auto-merged ",
    ];
    PREFIXES.iter().any(|p| header.starts_with(p))
        || (header.starts_with("Merge ") && header.contains(" into "))
        || (header.starts_with("Merged ") && (header.contains(" in ") || header.contains(" into ")))
}

/// The id in git's `This reverts commit <id>.` line.
fn reverted_commit(text: &str) -> Option<String> {
    let start = text.find("This reverts commit ")? + "This reverts commit ".len();
    let id: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    (id.len() >= 7).then_some(id)
}

/// Parses `type(scope)!: description` with the crate, keeping spans and spelling.
pub fn parse_header(header: &str) -> Result<Header, HeaderError> {
    let (scope, bang) = match summary_shape(header) {
        Some((scope, bang)) => (scope.map(str::len), bang),
        None => {
            let parsed = conventional_commit_parser::parse_summary(header)
                .map_err(|error| explain::header_error(header, &error))?;
            (
                parsed.scope.as_deref().map(str::len),
                parsed.is_breaking_change,
            )
        }
    };
    // The crate accepted `letters(scope)!: description`: the type is ASCII letters, the
    // scope sits between the parentheses (it may hold a `:`), one space follows the colon.
    let kind_end = header
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(header.len());
    let scope_span = scope.map(|length| {
        let start = kind_end + 1;
        start..start + length
    });
    let after_scope = scope_span.as_ref().map_or(kind_end, |span| span.end + 1);
    let colon = after_scope + usize::from(bang);
    let raw_description = header.get(colon + 2..).unwrap_or("");
    let leading = raw_description.len() - raw_description.trim_start().len();
    let description_start = (colon + 2 + leading).min(header.len());
    if description_start == header.len() {
        return Err(explain::empty_description(header));
    }
    Ok(Header {
        bang,
        kind_span: 0..kind_end,
        scope_span,
        description_span: description_start..header.len(),
    })
}

/// The scope and `!` of a header the crate accepts, found without it; `None` when the
/// crate may refuse the header, which it is then asked about (its errors are what
/// `explain` rewords). The crate's pest parser costs a fifth of a preview over a long
/// history; this is its `summary` rule by hand, and property tests and a fuzz target
/// check that it answers exactly when the crate accepts, with the crate's answer:
///
/// ```text
/// summary       = ${ commit_type ~ scope? ~ breaking_change_mark? ~ ":" ~ " " ~ summary_content }
/// commit_type   = { ASCII_ALPHA+ }
/// scope         = { "(" ~ scope_content ~ ")" }
/// scope_content = ${ (!WHITE_SPACE ~ !(")" | "(") ~ !NEWLINE ~ ANY)+ }
/// summary_content = { (!NEWLINE ~ ANY)+ }
/// ```
pub fn summary_shape(header: &str) -> Option<(Option<&str>, bool)> {
    let type_end = header
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(header.len());
    if type_end == 0 {
        return None;
    }
    let mut rest = &header[type_end..];
    let mut scope = None;
    if let Some(inner) = rest.strip_prefix('(') {
        let length = inner
            .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .unwrap_or(inner.len());
        // A scope that does not close leaves the `(` to the rules after it, which refuse it.
        if length > 0 && inner[length..].starts_with(')') {
            scope = Some(&inner[..length]);
            rest = &inner[length + 1..];
        }
    }
    let bang = rest.starts_with('!');
    let content = rest[usize::from(bang)..].strip_prefix(": ")?;
    let first = content.chars().next()?;
    (first != '\n' && first != '\r').then_some((scope, bang))
}

/// A line that starts a footer: its token, separator and where the value starts.
fn footer_start(line: &str) -> Option<(&str, Separator, usize)> {
    for token in ["BREAKING CHANGE", "BREAKING-CHANGE"] {
        if let Some(rest) = line.strip_prefix(token) {
            // git strips the space after a bare `BREAKING CHANGE:` whose text is below.
            if rest == ":" {
                return Some((token, Separator::Colon, line.len()));
            }
            if let Some(found) = separator(rest) {
                return Some((token, found.0, token.len() + found.1));
            }
        }
    }
    let token_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(line.len());
    if token_len == 0 {
        return None;
    }
    let (separator, skip) = separator(&line[token_len..])?;
    Some((&line[..token_len], separator, token_len + skip))
}

/// `: value` or ` #value`.
fn separator(rest: &str) -> Option<(Separator, usize)> {
    if rest.starts_with(": ") {
        Some((Separator::Colon, 2))
    } else if rest.starts_with(" #") && rest.len() > 2 {
        Some((Separator::Hash, 2))
    } else {
        None
    }
}

/// Splits everything after the header into body (its span) and footers (corrections 3
/// and 4).
fn split_body_and_footers(text: &str) -> (Option<Range<usize>>, Vec<Footer>) {
    let Some(first_newline) = text.find('\n') else {
        return (None, Vec::new());
    };
    let rest_start = first_newline + 1;
    let lines = line_offsets(text, rest_start);
    let breaking_line = lines
        .iter()
        .position(|&(_, line)| footer_start(line).is_some_and(|(t, _, _)| is_breaking_token(t)));
    // Footers start at the first of the two: a breaking line inside a last paragraph of
    // footers (`Refs: #1` then `BREAKING CHANGE: …`) does not turn the lines above it into
    // body text.
    let footer_from = match (breaking_line, last_paragraph_footer(&lines)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let Some(from) = footer_from else {
        return (non_empty(text, rest_start..text.len()), Vec::new());
    };
    let body_end = lines[from].0;
    let body = non_empty(text, rest_start..body_end);
    (body, collect_footers(&lines[from..]))
}

/// The index of the last paragraph's first line, when that line is a footer.
fn last_paragraph_footer(lines: &[(usize, &str)]) -> Option<usize> {
    // A paragraph directly under the header, with no blank line between, is body text.
    let start = lines.iter().rposition(|(_, line)| line.trim().is_empty())? + 1;
    let first = lines.get(start)?;
    footer_start(first.1).map(|_| start)
}

fn collect_footers(lines: &[(usize, &str)]) -> Vec<Footer> {
    let mut footers: Vec<Footer> = Vec::new();
    for &(offset, line) in lines {
        match footer_start(line) {
            Some((token, separator, value_at)) => footers.push(Footer {
                token: token.to_string(),
                separator,
                value: line[value_at..].to_string(),
                span: offset..offset + line.len(),
            }),
            None => {
                if let Some(last) = footers.last_mut() {
                    last.value.push('\n');
                    last.value.push_str(line);
                }
            }
        }
    }
    for footer in &mut footers {
        footer.value = footer.value.trim().to_string();
    }
    footers
}

/// Lines from `start` with their byte offsets.
fn line_offsets(text: &str, start: usize) -> Vec<(usize, &str)> {
    let mut offset = start;
    text[start..]
        .split('\n')
        .map(|line| {
            let at = offset;
            offset += line.len() + 1;
            (at, line)
        })
        .collect()
}

/// The part of `span` in `text` without the newlines around it, unless only whitespace.
fn non_empty(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let part = &text[span.clone()];
    let start = span.start + (part.len() - part.trim_start_matches('\n').len());
    let end = span.end - (part.len() - part.trim_end_matches('\n').len());
    (!text[start..end.max(start)].trim().is_empty()).then_some(start..end)
}
