//! Commit-time warnings: where release-please 17.11.2 will read a message differently from
//! what its author meant.

use std::ops::Range;

use super::commits::{NoteTitle, Origin, parse_message, split_points};
use super::notes::{Section, is_shown};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::{Kind, Message};

/// The warnings for one message, checked against the notes' `sections`.
pub fn commit_warnings(commit: &Message, sections: &[Section]) -> Vec<Diagnostic> {
    let text = commit.text.as_str();
    if matches!(
        commit.kind,
        Kind::Merge | Kind::Empty | Kind::Autosquash(_) | Kind::NotConventional(_)
    ) {
        return Vec::new();
    }
    let parsed = parse_message(text);
    if parsed.is_empty() {
        return vec![dropped(commit)];
    }
    let mut out = Vec::new();
    let header = parsed
        .iter()
        .find(|p| matches!(p.origin, Origin::Header | Origin::Override));
    if let Some(header) = header {
        let lower = header.kind.to_lowercase();
        if (lower == "feat" || lower == "feature") && header.kind != lower {
            out.push(
                Diagnostic::warning(
                    "engine-type-case",
                    format!(
                        "release-please bumps `{}` as a patch: only lowercase `{lower}` is a minor (its notes still list it under Features)",
                        header.kind
                    ),
                )
                .at(type_span(commit), "read as a patch")
                .help(format!("write `{lower}` in lowercase")),
            );
        }
        if !header.breaking {
            out.extend(breaking_unseen(commit));
        }
    }
    out.extend(extra_commits(text, sections));
    out.extend(breaking_note_cut(commit, &parsed));
    if !parsed
        .iter()
        .any(|p| p.note(NoteTitle::ReleaseAs).is_some())
    {
        if let Some(span) = line_starting(text, |l| l.to_lowercase().starts_with("release-as:")) {
            out.push(
                Diagnostic::warning(
                    "engine-release-as-unseen",
                    "release-please reads `Release-As` only among the footers of the last paragraph: this one is ignored",
                )
                .at(span, "not a footer")
                .help("put `Release-As: x.y.z` alone in the last paragraph, after a blank line"),
            );
        }
    }
    out
}

/// A message release-please cannot parse: the commit vanishes from its release.
fn dropped(commit: &Message) -> Diagnostic {
    let text = &commit.text;
    if commit.kind == Kind::Revert {
        return Diagnostic::warning(
            "engine-commit-dropped",
            "release-please cannot parse git's `Revert \"…\"` message: this revert is left out of the version and the notes",
        )
        .at(0..commit.header_line().len(), "dropped by release-please")
        .help("write it as `revert: <header of the reverted commit>`, keeping the `This reverts commit …` line");
    }
    let unclosed = line_starting(text, throws_as_token).filter(|span| span.start > 0);
    match unclosed {
        Some(span) => Diagnostic::warning(
            "engine-commit-dropped",
            "release-please cannot parse this message: it tries this line as a footer and the parenthesis never closes, so the whole commit is left out",
        )
        .at(span, "unclosed `(`")
        .help("close the parenthesis on that line, or indent the line"),
        None => Diagnostic::warning(
            "engine-commit-dropped",
            "release-please cannot parse this message: the commit is left out of the version and the notes",
        )
        .at(0..commit.header_line().len(), "dropped by release-please")
        .help("write the header as `type(scope): description`"),
    }
}

/// A `!` or breaking footer that release-please does not count, or a lowercase one.
fn breaking_unseen(commit: &Message) -> Option<Diagnostic> {
    let text = &commit.text;
    let empty_footer = line_starting(text, |l| {
        let l = l.trim_end();
        l == "BREAKING CHANGE:" || l == "BREAKING-CHANGE:"
    });
    if let Some(span) = empty_footer {
        return Some(
            Diagnostic::warning(
                "engine-breaking-unseen",
                "an empty `BREAKING CHANGE:` leaves no note, and release-please then does not count this commit as breaking (even with a `!`)",
            )
            .at(span, "no text after the colon")
            .help("say what breaks after `BREAKING CHANGE: `"),
        );
    }
    let lowercase = line_starting(text, |l| {
        let lower = l.to_lowercase();
        (lower.starts_with("breaking change") || lower.starts_with("breaking-change"))
            && !(l.starts_with("BREAKING CHANGE") || l.starts_with("BREAKING-CHANGE"))
    })
    .filter(|span| span.start > 0);
    if let Some(span) = lowercase {
        return Some(
            Diagnostic::warning(
                "engine-breaking-unseen",
                "release-please sees a breaking change only in capitals: this commit is not breaking for it",
            )
            .at(span, "not read as a breaking change")
            .help("write `BREAKING CHANGE: …` (or `BREAKING-CHANGE: …`) in capitals"),
        );
    }
    if commit.is_breaking() {
        return Some(
            Diagnostic::warning(
                "engine-breaking-unseen",
                "release-please does not read this commit as breaking",
            )
            .at(0..commit.header_line().len(), "not breaking for release-please")
            .help("mark it with `!` before the colon and a `BREAKING CHANGE: …` footer in the last paragraph"),
        );
    }
    None
}

/// Paragraphs and footers release-please reads as commits of their own, when they change
/// the version or the notes.
fn extra_commits(text: &str, sections: &[Section]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for start in split_points(text) {
        let end = text[start..].find("\n\n").map_or(text.len(), |e| start + e);
        let Some(piece) = parse_message(&text[start..end])
            .into_iter()
            .find(|p| p.origin == Origin::Header)
        else {
            continue;
        };
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        out.push(
            Diagnostic::warning(
                "engine-extra-commit",
                format!(
                    "release-please reads this paragraph as a separate `{}` commit: {}",
                    piece.kind,
                    effect(&piece.kind, piece.breaking)
                ),
            )
            .at(start..line_end, "a commit of its own for release-please")
            .help(format!(
                "if it belongs to the description, reword or indent the line so that it does not start with `{}`; a separate change reads better as its own commit",
                &text[start..start + piece.kind.len()]
            )),
        );
    }
    for footer in parse_message(text)
        .into_iter()
        .filter(|p| p.origin == Origin::Footer)
        .filter(|p| p.breaking || is_shown(p, sections) || p.kind == "feat" || p.kind == "feature")
    {
        let Some(span) = line_starting(text, |l| {
            l.starts_with(&footer.kind) && l.contains(footer.subject.trim())
        })
        .filter(|span| span.start > 0) else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                "engine-extra-commit",
                format!(
                    "release-please reads this footer as a separate `{}` commit: {}",
                    footer.kind,
                    effect(&footer.kind, footer.breaking)
                ),
            )
            .at(span, "a commit of its own for release-please")
            .help("if it is not a separate change, move it into the body (before the last paragraph) and reword it"),
        );
    }
    out
}

fn effect(kind: &str, breaking: bool) -> &'static str {
    if breaking {
        "a breaking change, so a major release and an entry of its own"
    } else if kind == "feat" || kind == "feature" {
        "a minor release and an entry of its own"
    } else {
        "an entry of its own in the notes"
    }
}

/// Whether release-please's parser throws on this line when it tries it as a footer token:
/// a word directly followed by `(` whose next parenthesis is not `)` (`call(x`,
/// `page.on('a', (b) => {})`).
fn throws_as_token(line: &str) -> bool {
    let word = line
        .find(|c: char| {
            c == '(' || c == ')' || c == ':' || c == '!' || c.is_whitespace() || c == '\u{FEFF}'
        })
        .unwrap_or(line.len());
    let Some(rest) = line[word..].strip_prefix('(') else {
        return false;
    };
    word > 0 && !matches!(rest.chars().find(|c| *c == '(' || *c == ')'), Some(')'))
}

/// A breaking footer that runs over several lines: release-please keeps the last one.
fn breaking_note_cut(commit: &Message, parsed: &[super::commits::Parsed]) -> Option<Diagnostic> {
    let footer = commit
        .footers
        .iter()
        .find(|f| f.is_breaking() && f.value.contains('\n'))?;
    let note = parsed
        .iter()
        .find(|p| matches!(p.origin, Origin::Header | Origin::Override))?
        .note(NoteTitle::BreakingChange)?;
    if footer.value.trim() == note || footer.value.lines().next() == Some(note) {
        return None;
    }
    Some(
        Diagnostic::warning(
            "engine-breaking-note",
            format!(
                "release-please keeps only the last line of this footer as the breaking-change note: `{note}`"
            ),
        )
        .at(footer.span.clone(), "cut by release-please")
        .help("write the note on one line, and any detail in the body above the footers"),
    )
}

/// The type in the header.
fn type_span(commit: &Message) -> Range<usize> {
    match &commit.header {
        Some(header) => header.kind_span.clone(),
        None => 0..commit.header_line().find(['(', '!', ':']).unwrap_or(0),
    }
}

/// The span of the first line for which `matches` holds.
fn line_starting(text: &str, matches: impl Fn(&str) -> bool) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split('\n') {
        if matches(line) {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len() + 1;
    }
    None
}
