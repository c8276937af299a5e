//! Commit-time warnings: where semantic-release will read a message differently from what
//! its author meant, and how to write it so CI sees it.
//!
//! Under the default angular preset the surprises are `feat!: x` (not a header at all: no
//! release), `BREAKING-CHANGE:` (not breaking), a lowercase `breaking change:` line (breaking),
//! `Feat:` (no release: types are compared exactly) and a `revert:` without git's
//! `This reverts commit <id>.` line (no release).

use std::ops::Range;

use super::parser::{self, Parsed, ParserOptions};
use super::preset::Preset;
use super::rules::{self, ReleaseType};
use super::settings::PluginOptions;
use super::{bang_header, git_subject};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::{Kind, Message};

/// The warnings for one message.
pub fn check(
    commit: &Message,
    plugin: &PluginOptions,
    options: &ParserOptions,
    notes_preset: Option<Preset>,
) -> Vec<Diagnostic> {
    if matches!(commit.kind, Kind::Merge | Kind::Autosquash(_) | Kind::Empty) {
        return Vec::new();
    }
    let Some(parsed) = parser::parse(&commit.text, options) else {
        return Vec::new();
    };
    let subject = git_subject(&commit.text);
    let custom = plugin.release_rules.as_deref();
    let release = release_of(custom, &parsed, &subject);
    let header = commit.header_line();
    let reads_bang = options.breaking_header_pattern.is_some();
    let name = plugin.preset.name();
    let mut found = Vec::new();
    if commit.is_breaking() && parsed.notes.is_empty() {
        found.push(breaking_unseen(commit, &parsed, release, reads_bang, name));
    } else if commit.is_breaking()
        && !reads_bang
        && bang_header(header)
        && parsed.field("type").is_none()
    {
        found.push(
            Diagnostic::warning(
                "engine-header-unparsed",
                format!(
                    "semantic-release's {name} preset does not read headers with `!`: the BREAKING CHANGE footer makes this a major, but the release notes list it without a section, as `{header}`"
                ),
            )
            .at(bang_span(header), "not part of the header pattern")
            .help("drop the `!`: the `BREAKING CHANGE:` footer already makes the commit breaking"),
        );
    } else if !commit.is_breaking() && !parsed.notes.is_empty() {
        let span = note_line(&commit.text, options).unwrap_or(0..header.len());
        let line = &commit.text[span.clone()];
        found.push(
            Diagnostic::warning(
                "engine-breaking-unintended",
                format!(
                    "semantic-release reads `{line}` as a BREAKING CHANGE note: this commit releases {}",
                    describe(release)
                ),
            )
            .at(span, "read as a breaking change")
            .help("if something breaks, write an uppercase `BREAKING CHANGE: …` footer after a blank line; if not, reword the line so it does not start with `breaking change`"),
        );
    }
    if let Some(diagnostic) = type_case(commit, &parsed, custom, &subject, release, notes_preset) {
        found.push(diagnostic);
    }
    let revert_type = commit.kind == Kind::Revert
        || parsed
            .text("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("revert"));
    if revert_type && parsed.revert.is_none() && release.is_none() {
        found.push(
            Diagnostic::warning(
                "engine-revert-unseen",
                "semantic-release releases a revert only with git's `This reverts commit <id>.` line: this one releases nothing",
            )
            .at(0..header.len(), "no `This reverts commit` line")
            .help("keep the line `git revert` writes: `This reverts commit <full id>.`"),
        );
    }
    found
}

/// The release a parsed commit gets (`None`: none, or a `release: false` rule).
fn release_of(custom: Option<&[rules::Rule]>, parsed: &Parsed, subject: &str) -> Option<usize> {
    match rules::commit_release(custom, parsed, subject).0 {
        Some(verdict) => match verdict.release {
            ReleaseType::Type(level) => Some(level),
            ReleaseType::Suppress => None,
        },
        None => None,
    }
}

fn describe(release: Option<usize>) -> String {
    match release {
        Some(level) => format!("a {}", rules::RELEASE_TYPES[level]),
        None => "nothing".to_string(),
    }
}

/// A breaking change the author marked and semantic-release does not see.
fn breaking_unseen(
    commit: &Message,
    parsed: &Parsed,
    release: Option<usize>,
    reads_bang: bool,
    preset: &str,
) -> Diagnostic {
    let header = commit.header_line();
    let outcome = describe(release);
    if !reads_bang && commit.header.as_ref().is_some_and(|h| h.bang) {
        let advice = match &commit.header {
            Some(h) => {
                let scope = h
                    .scope(&commit.text)
                    .map(|s| format!("({s})"))
                    .unwrap_or_default();
                format!(
                    "write `{}{scope}: {}` and say what breaks in a `BREAKING CHANGE: …` footer (after a blank line)",
                    h.kind(&commit.text),
                    h.description(&commit.text)
                )
            }
            None => "write the header without `!` and add a `BREAKING CHANGE: …` footer".into(),
        };
        let typed = if parsed.field("type").is_none() {
            ", so the header has no type for it"
        } else {
            ""
        };
        return Diagnostic::warning(
            "engine-breaking-unseen",
            format!(
                "semantic-release's {preset} preset does not read `!`{typed}: this commit is not breaking and releases {outcome}"
            ),
        )
        .at(bang_span(header), "not read as breaking")
        .help(advice);
    }
    let hyphen = commit.footers.iter().find(|f| f.token == "BREAKING-CHANGE");
    if let Some(footer) = hyphen {
        return Diagnostic::warning(
            "engine-breaking-unseen",
            format!(
                "semantic-release's {preset} preset does not read `BREAKING-CHANGE:` as a breaking change: this commit releases {outcome}"
            ),
        )
        .at(footer.span.clone(), "not a note keyword for this preset")
        .help("write the footer as `BREAKING CHANGE: …`, with a space");
    }
    let footer = commit.footers.iter().find(|f| f.is_breaking());
    let hidden = commit
        .text
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with("BREAKING"))
        .find(|line| line.len() >= 2 && line.starts_with('-') && line.ends_with('-'));
    let why = match hidden {
        Some(line) => format!(
            " (its parser takes the line `{line}` as a field marker and skips what follows)"
        ),
        None => String::new(),
    };
    let mut diagnostic = Diagnostic::warning(
        "engine-breaking-unseen",
        format!("semantic-release does not see this breaking change{why}: this commit releases {outcome}"),
    )
    .help("put the `BREAKING CHANGE: …` footer right after a blank line, with no `---` line above it");
    if let Some(footer) = footer {
        diagnostic = diagnostic.at(footer.span.clone(), "not read");
    }
    diagnostic
}

/// `Feat:` where `feat` was meant: types are compared exactly.
fn type_case(
    commit: &Message,
    parsed: &Parsed,
    custom: Option<&[rules::Rule]>,
    subject: &str,
    release: Option<usize>,
    notes_preset: Option<Preset>,
) -> Option<Diagnostic> {
    let kind = parsed.text("type")?;
    let lower = kind.to_ascii_lowercase();
    if lower == kind {
        return None;
    }
    let span = commit
        .header
        .as_ref()
        .map_or(0..kind.len(), |h| h.kind_span.clone());
    let mut lowered = parsed.clone();
    lowered
        .fields
        .push(("type".to_string(), Some(lower.clone())));
    let meant = release_of(custom, &lowered, subject);
    if meant.is_some_and(|m| release.is_none_or(|r| m < r)) {
        return Some(
            Diagnostic::warning(
                "engine-type-case",
                format!(
                    "semantic-release compares types exactly: `{kind}` is not `{lower}`, so this commit releases {} instead of {}",
                    describe(release),
                    describe(meant)
                ),
            )
            .at(span, "read as another type")
            .help(format!("write the type in lowercase: `{lower}`")),
        );
    }
    let listed = ["feat", "fix", "perf", "revert"];
    if release.is_some()
        && notes_preset == Some(Preset::Angular)
        && listed.contains(&lower.as_str())
        && parsed.notes.is_empty()
        && parsed.revert.is_none()
    {
        return Some(
            Diagnostic::warning(
                "engine-type-case",
                format!(
                    "`{kind}` releases {} but the angular release notes list only `{lower}`: this commit is left out of them",
                    describe(release)
                ),
            )
            .at(span, "not listed in the notes")
            .help(format!("write the type in lowercase: `{lower}`")),
        );
    }
    None
}

/// The `!` before the header's colon.
fn bang_span(header: &str) -> Range<usize> {
    header.find("!:").map_or(0..header.len(), |at| at..at + 1)
}

/// The first line after the header that the parser reads as a note.
fn note_line(text: &str, options: &ParserOptions) -> Option<Range<usize>> {
    let mut offset = text.find('\n')? + 1;
    for line in text[offset..].split('\n') {
        let probe = format!("x: x\n\n{line}");
        let found = parser::parse(&probe, options).is_some_and(|p| !p.notes.is_empty());
        if found {
            return Some(offset..offset + line.len());
        }
        offset += line.len() + 1;
    }
    None
}
