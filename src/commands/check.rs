//! `herald check`: lint one message, a pull request's title, or every commit of a range.

use std::io::{IsTerminal, Read};

use serde::Serialize;

use super::{Context, Outcome, progress};
use crate::app::check::{Checked, Checker, cleanup_settings};
use crate::app::gather::{Purpose, engine_for, files_for};
use crate::cli::{CheckArgs, Format};
use crate::error::{Error, Result};
use crate::model::diagnostic::{self, Diagnostic, LineIndex};
use crate::model::files::MemoryFiles;
use crate::model::message::Kind;
use crate::repo::Repo;
use crate::ui::Palette;

/// The top-level entry point for `herald check`.
pub fn run(args: &CheckArgs, ctx: &Context) -> Result<Outcome> {
    let show_progress = args.range.is_some() && args.format != Format::Json;
    let repo = Repo::discover().map(|repo| progress::attach(repo, show_progress, ctx));
    if args.range.is_some() {
        if let Err(error) = repo {
            return Err(error.into());
        }
    }
    let repo = repo.ok();
    let (config, source) = ctx.config_with_source(repo.as_ref())?;
    let files = match &repo {
        Some(repo) => files_for(repo, None)?,
        None => Box::new(MemoryFiles::default()),
    };
    let engine = engine_for(Purpose::Messages, files.as_ref(), &config, &source)?;
    let engine = engine.tool;
    let checker = Checker::new(&config, engine.as_ref(), repo.as_ref());
    let results: Vec<(Option<String>, Checked)> = match (&args.range, &repo) {
        _ if args.title.is_some() => {
            let title = args.title.as_deref().unwrap_or_default();
            vec![(None, checker.examine_title(title, None))]
        }
        (Some(range), Some(repo)) => repo
            .commits(range)?
            .into_iter()
            .map(|commit| {
                let checked = checker.examine_stored(&commit.message, commit.parent_count);
                (Some(commit.id), checked)
            })
            .collect(),
        _ => {
            let raw = read_message(args)?;
            let (cleanup, comment) =
                cleanup_settings(repo.as_ref(), &String::from_utf8_lossy(&raw));
            vec![(None, checker.examine(&raw, cleanup, &comment))]
        }
    };
    match args.format {
        Format::Human => print_human(&results, args, ctx),
        Format::Json => println!("{}", json_report(&results)?),
    }
    let failed = results.iter().any(|(_, checked)| checked.has_errors());
    Ok(if failed {
        Outcome::Refused
    } else {
        Outcome::Success
    })
}

fn read_message(args: &CheckArgs) -> Result<Vec<u8>> {
    if let Some(message) = &args.message {
        return Ok(message.as_bytes().to_vec());
    }
    if let Some(path) = &args.file {
        return std::fs::read(path)
            .map_err(|e| Error::Input(format!("cannot read {}: {e}", path.display())));
    }
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(Error::Input(
            "no message to check: give one as an argument, with --file, with --range, or on stdin"
                .into(),
        ));
    }
    let mut raw = Vec::new();
    stdin
        .read_to_end(&mut raw)
        .map_err(|e| Error::Input(format!("cannot read the message from stdin: {e}")))?;
    Ok(raw)
}

fn print_human(results: &[(Option<String>, Checked)], args: &CheckArgs, ctx: &Context) {
    let palette = Palette::new(ctx.colors.stdout);
    for (id, checked) in results {
        let short = id.as_deref().map(|id| &id[..7.min(id.len())]);
        let origin = match (short, &args.file) {
            (Some(short), _) => short.to_string(),
            (None, Some(path)) => path.display().to_string(),
            (None, None) if args.title.is_some() => "title".to_string(),
            (None, None) => "message".to_string(),
        };
        if checked.diagnostics.is_empty() {
            if ctx.verbose > 0 {
                println!("{} {}", palette.good("ok"), checked.message.header_line());
            }
            continue;
        }
        if let Some(short) = short {
            println!("{} {}", palette.bold(short), checked.message.header_line());
        }
        print!(
            "{}",
            diagnostic::render(
                &checked.diagnostics,
                &checked.message.text,
                &origin,
                ctx.colors.stdout
            )
        );
    }
    if args.range.is_some() && !ctx.quiet {
        let errors = results.iter().filter(|(_, c)| c.has_errors()).count();
        let warned = results
            .iter()
            .filter(|(_, c)| !c.has_errors() && !c.diagnostics.is_empty())
            .count();
        let commits = match results.len() {
            1 => "1 commit".to_string(),
            n => format!("{n} commits"),
        };
        let summary =
            format!("checked {commits}: {errors} with errors, {warned} with warnings only");
        let summary = if errors > 0 {
            palette.error(&summary)
        } else {
            palette.good(&summary)
        };
        println!("{summary}");
    }
}

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    valid: bool,
    errors: usize,
    warnings: usize,
    messages: Vec<MessageReport<'a>>,
}

#[derive(Serialize)]
struct MessageReport<'a> {
    commit: Option<&'a str>,
    header: &'a str,
    kind: &'static str,
    #[serde(rename = "type")]
    kind_of_change: Option<&'a str>,
    scope: Option<&'a str>,
    breaking: bool,
    valid: bool,
    diagnostics: Vec<DiagnosticReport<'a>>,
}

#[derive(Serialize)]
struct DiagnosticReport<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<[usize; 2]>,
}

/// The `--format json` report for checked messages (optionally with their commit ids).
/// Spans are byte ranges on the message's character boundaries; columns count characters.
pub fn json_report(results: &[(Option<String>, Checked)]) -> Result<String> {
    let messages: Vec<MessageReport> = results
        .iter()
        .map(|(id, checked)| {
            let commit = &checked.message;
            let lines = LineIndex::new(&commit.text);
            MessageReport {
                commit: id.as_deref(),
                header: commit.header_line(),
                kind: kind_name(&commit.kind),
                kind_of_change: commit.kind_of_change(),
                scope: commit.scope(),
                breaking: commit.is_breaking(),
                valid: !checked.has_errors(),
                diagnostics: checked
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let span = d.span_in(&commit.text);
                        let position = span.as_ref().map(|s| lines.line_column(s.start));
                        DiagnosticReport {
                            diagnostic: d,
                            line: position.map(|p| p.0),
                            column: position.map(|p| p.1),
                            span: span.map(|s| [s.start, s.end]),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let count = |error: bool| {
        results
            .iter()
            .flat_map(|(_, c)| &c.diagnostics)
            .filter(|d| d.is_error() == error)
            .count()
    };
    let report = Report {
        schema: 1,
        valid: count(true) == 0,
        errors: count(true),
        warnings: count(false),
        messages,
    };
    serde_json::to_string_pretty(&report).map_err(|e| Error::Input(e.to_string()))
}

pub fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Conventional => "conventional",
        Kind::Merge => "merge",
        Kind::Revert => "revert",
        Kind::Autosquash(_) => "autosquash",
        Kind::NotConventional(_) => "not-conventional",
        Kind::Empty => "empty",
    }
}
