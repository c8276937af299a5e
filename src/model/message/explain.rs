//! Why a header is not `type(scope)!: description`, in words a person can act on (the
//! crate's errors only say where its grammar stopped).
//!
//! Three questions, in order:
//!
//! 1. Is a character that cannot be seen for what it is (a full-width colon, a no-break
//!    space, a zero-width space, U+FFFD) at or before the place the grammar stopped? Then
//!    that character is the problem, named with its Unicode name.
//! 2. Is the type written in another alphabet (`修复: …`, `fé: …`)? Release tools match
//!    types such as `feat` exactly, so it must be ASCII letters; the scope and the
//!    description can be in any language.
//! 3. Otherwise, what the grammar expected where it stopped.
//!
//! Every span lies on character boundaries of the header: diagnostics are drawn under it.

use std::ops::Range;

use conventional_commit_parser::error::{ParseError, ParseErrorKind};

use super::parse::HeaderError;
use super::unusual::{self, Unusual};

const EXAMPLE: &str = "`type(scope): description`, e.g. `fix(api): handle empty token`";

/// Turns the crate's parse error into a message that says what to write instead.
pub(super) fn header_error(header: &str, error: &ParseError) -> HeaderError {
    let at = floor_boundary(header, pest_position(error));
    unusual_character(header, at)
        .or_else(|| foreign_type(header))
        .unwrap_or_else(|| grammar_error(header, &error.kind, at))
}

/// The description after `type: ` is empty (the crate accepts a blank one).
pub(super) fn empty_description(header: &str) -> HeaderError {
    let end = header.len();
    let start = end - header.chars().next_back().map_or(0, char::len_utf8);
    make(
        "the description is empty",
        start..end,
        "a description goes after `: `",
        "say what the change does, e.g. `fix: handle empty token`".into(),
    )
}

fn make(message: &str, span: Range<usize>, label: &str, help: String) -> HeaderError {
    HeaderError {
        message: message.to_string(),
        span,
        label: label.to_string(),
        help,
    }
}

/// Question 1: the first unusual character up to where the grammar stopped.
fn unusual_character(header: &str, at: usize) -> Option<HeaderError> {
    let (index, c, kind) = header
        .char_indices()
        .take_while(|&(index, _)| index <= at)
        .find_map(|(index, c)| Unusual::of(c).map(|kind| (index, c, kind)))?;
    let span = index..index + c.len_utf8();
    let name = unusual::describe(c);
    let fixed = plain_prefix(header);
    let parses = is_header(&fixed);
    match kind {
        // A space the grammar stopped at inside a scope is whitespace in the scope,
        // whatever space it is: the grammar's own explanation says more.
        Unusual::Lookalike(' ') if !parses => None,
        Unusual::Lookalike(' ') => Some(make(
            &format!("the header has {name} where a plain space belongs"),
            span,
            "not a plain space",
            format!("write `{fixed}`"),
        )),
        Unusual::Lookalike(ascii) => Some(make(
            &format!("the header has `{c}` ({name}) where `{ascii}` belongs"),
            span,
            &format!("not an ASCII `{ascii}`"),
            if parses {
                format!("write `{fixed}`")
            } else {
                format!("type the ASCII `{ascii}` instead: {EXAMPLE}")
            },
        )),
        Unusual::Invisible => Some(make(
            &format!("the header has an invisible character, {name}"),
            span,
            "invisible character here",
            if parses {
                format!("delete it: `{fixed}`")
            } else {
                format!("delete it and write the header as {EXAMPLE}")
            },
        )),
        Unusual::Replacement => Some(make(
            &format!("the header has {name}, which stands for bytes that are not UTF-8"),
            span,
            "not UTF-8",
            if parses {
                format!("save the message as UTF-8; without those bytes it reads `{fixed}`")
            } else {
                format!("save the message as UTF-8 and write the header as {EXAMPLE}")
            },
        )),
    }
}

/// The header with its unusual characters made plain, up to the description: a
/// zero-width joiner inside an emoji of the description is part of the emoji.
fn plain_prefix(header: &str) -> String {
    let colon = header
        .char_indices()
        .find(|&(_, c)| c == ':' || Unusual::of(c) == Some(Unusual::Lookalike(':')));
    let end = colon.map_or(header.len(), |(index, c)| {
        let after = index + c.len_utf8();
        let spaces = header[after..]
            .find(|c: char| !(c.is_whitespace() || Unusual::of(c).is_some()))
            .unwrap_or(header.len() - after);
        after + spaces
    });
    format!("{}{}", unusual::plain(&header[..end]), &header[end..])
}

/// Question 2: a type in another alphabet, or with marks on its letters. The type is the
/// first word, when a scope, `!` or colon follows it.
fn foreign_type(header: &str) -> Option<HeaderError> {
    let end = header.find(|c: char| {
        c.is_whitespace()
            || "(!:".contains(c)
            || matches!(Unusual::of(c), Some(Unusual::Lookalike(_)))
    })?;
    let kind = &header[..end];
    if end == 0 || kind.is_ascii() {
        return None;
    }
    let next = header[end..].chars().next()?;
    if next.is_whitespace() {
        return None;
    }
    let example = format!("fix{}", plain_prefix(&header[end..]));
    let help = if is_header(&example) {
        format!(
            "release tools match types such as `feat` and `fix` exactly; the scope and \
             the description can be in any language: `{example}`"
        )
    } else {
        format!("release tools match types such as `feat` and `fix` exactly: {EXAMPLE}")
    };
    Some(make(
        &format!("the type `{kind}` must be written in ASCII letters (a-z)"),
        0..end,
        "not ASCII letters",
        help,
    ))
}

/// Question 3: what the grammar expected where it stopped at `at`.
fn grammar_error(header: &str, kind: &ParseErrorKind, at: usize) -> HeaderError {
    let point = char_span(header, at);
    let letters = header
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(header.len());
    let after_colon = at > 0 && header[..at].ends_with(':');
    match kind {
        ParseErrorKind::MissingWhiteSpace if at >= header.len() => empty_description(header),
        ParseErrorKind::MissingWhiteSpace if after_colon => make(
            "missing space after `:`",
            point,
            "expected a space here",
            format!(
                "write `{}: {}`",
                &header[..at - 1],
                header[at..].trim_start()
            ),
        ),
        ParseErrorKind::UnexpectedParenthesis
            if header[..at].ends_with('(') && header[at..].starts_with(')') =>
        {
            make(
                "the scope is empty",
                at - 1..at + 1,
                "empty parentheses",
                format!(
                    "name a scope or remove the parentheses: `{}{}`",
                    &header[..at - 1],
                    &header[at + 1..]
                ),
            )
        }
        ParseErrorKind::UnexpectedParenthesis => make(
            "the scope must not contain parentheses",
            point,
            "unexpected parenthesis",
            "write the scope as one word, e.g. `feat(api): …`".into(),
        ),
        ParseErrorKind::UnexpectedWhitespaceOrNewLine if !header[letters..].contains(')') => make(
            "the scope is not closed",
            letters..point.end.max(letters),
            "missing `)`",
            "close the scope: `type(scope): description`".into(),
        ),
        ParseErrorKind::UnexpectedWhitespaceOrNewLine => make(
            "the scope must not contain whitespace",
            point,
            "whitespace in the scope",
            "use `-` or `,` between words, e.g. `feat(user-settings): …`".into(),
        ),
        _ if !header.contains(':') && header.starts_with(char::is_alphabetic) => make(
            "the header has no type",
            0..first_word_end(header),
            "expected `type: ` before the description",
            format!("start with a type, e.g. `fix: {header}` or `feat: {header}`"),
        ),
        _ if letters == 0
            || (header[letters..]
                .starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '_')
                && header.contains(':')) =>
        {
            let end = header.find(':').unwrap_or(header.len());
            make(
                "the header must start with a type made of letters",
                0..end.max(char_span(header, 0).end),
                "not a type",
                format!("start with a type such as `feat` or `fix`: {EXAMPLE}"),
            )
        }
        ParseErrorKind::MissingSeparator
            if header.as_bytes().get(at) == Some(&b' ')
                && header[at..].trim_start().starts_with(':') =>
        {
            make(
                "unexpected space before `:`",
                point,
                "remove this space",
                format!("write `{}{}`", &header[..at], header[at..].trim_start()),
            )
        }
        _ if at >= header.len() && header.trim_end().ends_with(':') => empty_description(header),
        _ => make(
            "the header is not `type(scope)!: description`",
            point,
            "unexpected here",
            format!("write the header as {EXAMPLE}"),
        ),
    }
}

/// Whether a rewritten header would be accepted. The crate is asked directly: explaining
/// why a rewrite fails would explain again, and only the answer matters here.
fn is_header(header: &str) -> bool {
    conventional_commit_parser::parse_summary(header)
        .is_ok_and(|parsed| !parsed.summary.trim().is_empty())
}

/// The first word: up to a space or the punctuation of a header, at least one character.
fn first_word_end(header: &str) -> usize {
    let first = char_span(header, 0).end;
    header[first..]
        .find(|c: char| c.is_whitespace() || "(!:".contains(c))
        .map_or(header.len(), |i| first + i)
}

/// The character starting at `at` (empty at the end of the header).
fn char_span(header: &str, at: usize) -> Range<usize> {
    let len = header[at..].chars().next().map_or(0, char::len_utf8);
    at..at + len
}

/// The byte offset the crate's error points at.
fn pest_position(error: &ParseError) -> usize {
    match error.inner.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((start, _)) => start,
    }
}

/// The nearest character boundary at or before `offset`, inside `text`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
