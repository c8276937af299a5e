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

    /// 1-based line and column of the span's start in `source`.
    pub fn line_column(&self, source: &str) -> Option<(usize, usize)> {
        Some(super::error::line_column(source, self.span.as_ref()?.start))
    }
}

/// Renders diagnostics against the message they are about. `origin` names the message
/// (a file, a commit id) in the `-->` line.
pub fn render(diagnostics: &[Diagnostic], source: &str, origin: &str, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut title = level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.rule);
        let mut group: Group;
        if let Some(span) = &diagnostic.span {
            let span = clamp(span, source);
            let annotation = AnnotationKind::Primary
                .span(span)
                .label(diagnostic.label.as_deref());
            group = title.element(
                Snippet::source(source)
                    .path(origin)
                    .fold(true)
                    .annotation(annotation),
            );
        } else {
            title = title.id(diagnostic.rule);
            group = Group::with_title(title);
        }
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// A span inside the source, never empty so the caret shows (an empty span at the end of
/// a line points just past it).
fn clamp(span: &Range<usize>, source: &str) -> Range<usize> {
    let start = span.start.min(source.len());
    let end = span.end.clamp(start, source.len());
    if end > start {
        start..end
    } else {
        start..start
    }
}
