//! A finding about a message, and its rendering as a compiler-style report.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One rule's finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule's name, as used in the documentation (`type-enum`, `header-max-length`).
    pub rule: &'static str,
    pub message: String,
    /// Byte range in the message the diagnostic points at.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Short text under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule,
            message: message.into(),
            span: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(rule: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, message)
        }
    }

    pub fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The span moved onto `source`'s character boundaries and inside it (see [`snap`]).
    pub fn span_in(&self, source: &str) -> Option<Range<usize>> {
        self.span.as_ref().map(|span| snap(span, source))
    }
}

/// Where each line of a text starts, so that the line and column of any offset is found
/// without rereading the text from its beginning (a message with thousands of findings
/// stays linear).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// Where the line holding `offset` starts.
    fn line_start(&self, offset: usize) -> usize {
        self.starts[self.line_of(offset)]
    }

    /// Just past the `\n` that ends the line holding `offset` (or the end of the text).
    fn line_end(&self, offset: usize) -> usize {
        self.starts
            .get(self.line_of(offset) + 1)
            .copied()
            .unwrap_or(self.source.len())
    }

    /// 1-based line and column (in characters) of `offset`, moved onto a character
    /// boundary inside the text.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.source, offset);
        let line = self.line_of(offset);
        let column = self.source[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

/// Renders diagnostics against the message they are about. `origin` names the message
/// (a file, a commit id) in the `-->` line.
///
/// Each diagnostic is drawn from the lines its span covers only, numbered as in the whole
/// message: drawing it against the whole message would cost the message's length for
/// every diagnostic.
pub fn render(diagnostics: &[Diagnostic], source: &str, origin: &str, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.rule);
        let mut group = match diagnostic.span_in(source) {
            Some(span) => {
                let window = lines.line_start(span.start)..lines.line_end(span.end);
                let annotation = AnnotationKind::Primary
                    .span(span.start - window.start..span.end - window.start)
                    .label(diagnostic.label.as_deref());
                title.element(
                    Snippet::source(&source[window.clone()])
                        .line_start(lines.line_of(window.start) + 1)
                        .path(origin)
                        .fold(true)
                        .annotation(annotation),
                )
            }
            None => Group::with_title(title),
        };
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// A span moved inside `source` and onto its character boundaries, widening rather than
/// narrowing: the start moves back to the start of the character it falls in, the end
/// forward to the end of its character. Spans come from byte arithmetic; one that splits
/// a character would make the renderer panic and JSON readers cut a character in two.
pub fn snap(span: &Range<usize>, source: &str) -> Range<usize> {
    let start = floor_boundary(source, span.start);
    let end = ceil_boundary(source, span.end.max(start));
    start..end
}

/// The nearest character boundary at or before `offset`, inside `text`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary at or after `offset`, inside `text`.
fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn error_at(span: Range<usize>) -> Diagnostic {
        Diagnostic::error("test-rule", "something").at(span, "here")
    }

    #[test]
    fn spans_that_split_a_character_are_widened() {
        let source = "fé: x";
        assert_eq!(snap(&(1..2), source), 1..3);
        assert_eq!(snap(&(2..3), source), 1..3);
        assert_eq!(snap(&(2..2), source), 1..3);
        assert_eq!(snap(&(4..99), source), 4..6);
        assert_eq!(snap(&(99..100), source), 6..6);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..2;
        assert_eq!(snap(&reversed, source), 5..5);
    }

    #[test]
    fn rendering_a_span_inside_a_character_does_not_panic() {
        let source = "修复(界面): 按钮\n\nbody é";
        for start in 0..=source.len() + 1 {
            for end in [start, start + 1, start + 2, source.len() + 3] {
                render(&[error_at(start..end)], source, "message", false);
            }
        }
    }

    #[test]
    fn line_index_counts_lines_and_characters() {
        let lines = LineIndex::new("fé: x\n\nüber\n");
        assert_eq!(lines.line_column(0), (1, 1));
        assert_eq!(lines.line_column(3), (1, 3));
        assert_eq!(lines.line_column(2), (1, 2));
        assert_eq!(lines.line_column(7), (2, 1));
        assert_eq!(lines.line_column(8), (3, 1));
        assert_eq!(lines.line_column(10), (3, 2));
        assert_eq!(lines.line_column(14), (4, 1));
        assert_eq!(lines.line_column(99), (4, 1));
    }

    /// The whole message drawn for one diagnostic, as before diagnostics were drawn from
    /// the lines they cover.
    fn render_against_everything(diagnostic: &Diagnostic, source: &str) -> String {
        let span = diagnostic.span_in(source).unwrap();
        let annotation = AnnotationKind::Primary
            .span(span)
            .label(diagnostic.label.as_deref());
        let group = Level::ERROR
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.rule)
            .element(
                Snippet::source(source)
                    .path("message")
                    .fold(true)
                    .annotation(annotation),
            );
        format!("{}\n\n", Renderer::plain().render(&[group]))
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just(" "),
                Just("\t"),
                Just("feat"),
                Just(": "),
                Just("é"),
                Just("修复"),
                Just("🚀"),
                Just("\u{200b}"),
                Just("\u{301}"),
                Just("שלום"),
                Just("："),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Messages are rendered without their final newline (a position after it would
        /// be on a line of its own here, and on the last line against the whole message).
        #[test]
        fn drawing_the_covered_lines_draws_what_the_whole_message_would(
            source in text().prop_map(|t| t.trim_end_matches('\n').to_string()),
            start in 0usize..200,
            length in 0usize..60,
        ) {
            let diagnostic = error_at(start..start + length);
            prop_assert_eq!(
                render(std::slice::from_ref(&diagnostic), &source, "message", false),
                render_against_everything(&diagnostic, &source)
            );
        }
    }
}
