//! `conventional_commit_parser::parse` (0.9.4, the parser cocogitto reads messages with),
//! in time that grows in step with the message.
//!
//! The crate's grammar finds the end of a footer by trying to read the next footer, whose
//! end it finds by trying to read the one after it, and so on: every footer costs the rest
//! of the message, so a few thousand footers take seconds. The answer does not depend on
//! how it is found, so a long message is cut where the grammar itself starts each footer,
//! and each piece is read by the crate: the summary, body and first footer as one message,
//! every further footer behind a stand-in summary. The rules below are the grammar's
//! (`grammar.pest`), with pest's implicit `WHITESPACE = " "` in its non-atomic rules.

// The crate's own signature, error type included.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use conventional_commit_parser::commit::{CommitType, ConventionalCommit};
use conventional_commit_parser::error::ParseError;

/// Messages with fewer lines than this are read by the crate in one go.
const LINES_READ_WHOLE: usize = 64;

/// The stand-in summary each further footer is read behind.
const STAND_IN: &str = "x: y\n\n";

/// `conventional_commit_parser::parse(text)`, the same answer for every text.
pub fn parse(text: &str) -> Result<ConventionalCommit, ParseError> {
    if let Some(commit) = without_footers(text) {
        return Ok(commit);
    }
    if text.bytes().filter(|&b| b == b'\n').count() < LINES_READ_WHOLE {
        return conventional_commit_parser::parse(text);
    }
    parse_in_pieces(text)
}

/// The same as [`parse`], always cut into pieces (for tests on short messages).
pub fn parse_in_pieces(text: &str) -> Result<ConventionalCommit, ParseError> {
    let footers = Grammar::new(text).footers();
    let Some(first) = footers.first() else {
        return conventional_commit_parser::parse(text);
    };
    let mut commit = conventional_commit_parser::parse(&text[..first.end])?;
    for footer in &footers[1..] {
        let piece = format!("{STAND_IN}{}", &text[footer.clone()]);
        match conventional_commit_parser::parse(&piece) {
            Ok(read) if read.footers.len() == 1 => {
                let footer = read.footers.into_iter().next().expect("one footer");
                commit.is_breaking_change |= footer.is_breaking_change();
                commit.footers.push(footer);
            }
            // Not expected; the whole message read at once is the answer by definition.
            _ => return conventional_commit_parser::parse(text),
        }
    }
    Ok(commit)
}

/// The crate's answer for a message in which no footer can start, found without its pest
/// parser (which costs a cocogitto preview over a long history half its time); `None`
/// for any other message, which the crate then reads. Such a message is a summary the
/// crate accepts, alone or followed on the next lines by text with something in it: its
/// body, trimmed. No line may start (after white space) with a run of letters, digits
/// and `-` followed by `:` or ` #`, which could be a footer's token and separator, nor
/// may the message hold `BREAKING` or a `\r` (which the grammar reads as a line end). A
/// property test checks that the answer is always the crate's.
pub fn without_footers(text: &str) -> Option<ConventionalCommit> {
    if text.contains('\r') || text.contains("BREAKING") {
        return None;
    }
    let (summary, rest) = match text.split_once('\n') {
        Some((summary, rest)) => (summary, Some(rest)),
        None => (text, None),
    };
    let (scope, bang) = crate::model::message::summary_shape(summary)?;
    let body = match rest {
        // Only line ends and white space after the summary: the crate refuses them.
        Some(rest) if rest.trim().is_empty() => return None,
        Some(rest) if rest.lines().any(could_start_footer) => return None,
        Some(rest) => Some(rest.trim().to_string()),
        None => None,
    };
    let kind_end = summary
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(summary.len());
    let content = kind_end + scope.map_or(0, |scope| scope.len() + 2) + usize::from(bang) + 2;
    Some(ConventionalCommit {
        commit_type: CommitType::from(&summary[..kind_end]),
        scope: scope.map(str::to_string),
        body,
        footers: Vec::new(),
        summary: summary[content..].to_string(),
        is_breaking_change: bang,
    })
}

/// Whether a footer's token and separator could start `line` (after white space).
fn could_start_footer(line: &str) -> bool {
    let line = line.trim_start();
    let token = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(line.len());
    token > 0 && (line[token..].starts_with(':') || line[token..].starts_with(" #"))
}

/// The grammar's footer rules over one message, each position's answer remembered.
struct Grammar<'a> {
    text: &'a [u8],
    /// `NEWLINE ~ footer` matches at this position (the lookahead ending a footer).
    footer_follows: Vec<bool>,
}

impl<'a> Grammar<'a> {
    fn new(text: &'a str) -> Grammar<'a> {
        let bytes = text.as_bytes();
        let mut grammar = Grammar {
            text: bytes,
            footer_follows: vec![false; bytes.len() + 1],
        };
        // `NEWLINE ~ footer` at p depends only on positions after p: fill from the end.
        for p in (0..bytes.len()).rev() {
            if let Some(length) = grammar.newline(p) {
                grammar.footer_follows[p] = grammar.footer_at(p + length);
            }
        }
        grammar
    }

    /// `NEWLINE = "\n" | "\r\n" | "\r"`: its length at `p`.
    fn newline(&self, p: usize) -> Option<usize> {
        match self.text.get(p..)? {
            [b'\n', ..] => Some(1),
            [b'\r', b'\n', ..] => Some(2),
            [b'\r', ..] => Some(1),
            _ => None,
        }
    }

    /// `token_separator = { ":" ~ (" " | NEWLINE) | " #" }`: where it ends.
    fn separator(&self, p: usize) -> Option<usize> {
        match self.text.get(p..)? {
            [b':', b' ', ..] => Some(p + 2),
            [b':', ..] => self.newline(p + 1).map(|length| p + 1 + length),
            [b' ', b'#', ..] => Some(p + 2),
            _ => None,
        }
    }

    /// `token ~ token_separator`: where the footer's content starts. The token is
    /// `BREAKING CHANGE`/`BREAKING-CHANGE` when the text starts so (even if no separator
    /// follows: a PEG choice does not go back), else a run of ASCII letters, digits, `-`.
    fn token_and_separator(&self, q: usize) -> Option<usize> {
        let rest = self.text.get(q..)?;
        if rest.starts_with(b"BREAKING CHANGE") || rest.starts_with(b"BREAKING-CHANGE") {
            return self.separator(q + "BREAKING CHANGE".len());
        }
        let length = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if length == 0 {
            return None;
        }
        self.separator(q + length)
    }

    /// `footer`: a token and separator, then content of at least one character whose first
    /// character does not start another `NEWLINE ~ footer`.
    fn footer_at(&self, q: usize) -> bool {
        self.token_and_separator(q)
            .is_some_and(|r| r < self.text.len() && !self.footer_follows[r])
    }

    /// The top-level footers, each from its token to the newline before the next one (the
    /// last to the end).
    fn footers(&self) -> Vec<Range<usize>> {
        let mut footers = Vec::new();
        let mut start = self.first_footer();
        while let Some(at) = start {
            let content = self.token_and_separator(at).expect("a footer starts here");
            // `footer_content = { (!(NEWLINE ~ footer) ~ ANY)+ }`: one character, then up
            // to the first place a footer follows a newline; `footers` reads that NEWLINE.
            let end = (content + 1..self.text.len()).find(|&p| self.footer_follows[p]);
            footers.push(at..end.unwrap_or(self.text.len()));
            start = end.map(|end| end + self.newline(end).expect("a newline ends a footer"));
        }
        footers
    }

    /// `summary ~ blank_line* ~ (footers | body ~ blank_line+ ~ footers | body)`: the
    /// summary is the first line; then either a footer right after the blank lines, or a
    /// body up to the first newline whose run of newlines and spaces ends at a footer.
    fn first_footer(&self) -> Option<usize> {
        let summary_end = self.text.iter().position(|&b| b == b'\n' || b == b'\r')?;
        let after_blank = self.skip_blank(summary_end);
        if after_blank >= self.text.len() {
            return None;
        }
        if self.footer_at(after_blank) {
            return Some(after_blank);
        }
        let mut p = after_blank + 1;
        while p < self.text.len() {
            if self.newline(p).is_some() {
                let q = self.skip_blank(p);
                if self.footer_at(q) {
                    return Some(q);
                }
                p = q;
            } else {
                p += 1;
            }
        }
        None
    }

    /// Past a run of newlines and spaces.
    fn skip_blank(&self, from: usize) -> usize {
        from + self.text[from..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r' | b' '))
            .count()
    }
}
