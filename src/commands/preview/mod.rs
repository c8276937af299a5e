//! `herald preview`: the next version(s), the reasons and the changelog, read-only.

mod delta;
mod github;
pub(crate) mod human;
mod json;

use super::{Context, Outcome, progress};
use crate::app::delta::{DeltaRequest, Outcome as DeltaOutcome, SquashMessage, compare};
use crate::app::gather::{Gathered, Request, engine, files_for, gather};
use crate::cli::{ForecastArgs, PreviewArgs, PreviewFormat};
use crate::error::{Error, Result};
use crate::model::{Warning, diagnostic, version};
use crate::repo::Repo;
use crate::ui::Palette;

/// The top-level entry point for `herald preview`.
pub fn run(args: &PreviewArgs, ctx: &Context) -> Result<Outcome> {
    if args.against.is_some() {
        return run_against(args, ctx);
    }
    let notes_needed = !args.next_version || args.github_output.is_some();
    let show_progress = args.format != PreviewFormat::Json;
    let gathered = forecast(&args.forecast, notes_needed, show_progress, ctx)?;
    if args.next_version {
        print_next_version(&gathered)?;
    } else {
        match args.format {
            PreviewFormat::Human => human::print(&gathered, args.explain, ctx),
            PreviewFormat::Json => json::print(&gathered, args.explain)?,
            PreviewFormat::Markdown => print!("{}", markdown(&gathered)),
        }
    }
    if let Some(file) = &args.github_output {
        github::append(&gathered, file)?;
    }
    if ctx.verbose > 0 {
        for note in &gathered.notes {
            eprintln!("note: {note}");
        }
    }
    let shown = !args.next_version && args.format == PreviewFormat::Human;
    let outcome = strictness(&args.forecast, &gathered, shown, ctx);
    // The process ends now: freeing a long range commit by commit would cost more than
    // the rest of the run, so the memory goes back to the system in one piece.
    std::mem::forget(gathered);
    Ok(outcome)
}

/// `preview --against BASE`: what the branch does to the release on BASE.
fn run_against(args: &PreviewArgs, ctx: &Context) -> Result<Outcome> {
    check_pre(args.forecast.pre.as_deref())?;
    let repo = progress::attach(Repo::discover()?, args.format != PreviewFormat::Json, ctx);
    let request = DeltaRequest {
        against: args.against.clone(),
        to: args.forecast.to.clone(),
        component: args.forecast.component.clone(),
        pre: args.forecast.pre.clone(),
        squash: args.squash_title.as_ref().map(|title| SquashMessage {
            title: title.clone(),
            body: args.squash_body.clone(),
        }),
    };
    let read_config = |files: &dyn crate::model::files::Files, root: Option<&std::path::Path>| {
        ctx.config_from(files, root)
    };
    let delta = match compare(&repo, &request, &read_config)? {
        DeltaOutcome::Ready(delta) => delta,
        DeltaOutcome::BadTitle { title, checked } => {
            print!(
                "{}",
                diagnostic::render(
                    &checked.diagnostics,
                    &checked.message.text,
                    "title",
                    ctx.colors.stdout
                )
            );
            eprintln!(
                "{} the squash merge's title `{title}` is not a commit the release can count; fix the pull request's title",
                Palette::new(ctx.colors.stderr).error("herald:")
            );
            return Ok(Outcome::Refused);
        }
    };
    if args.next_version {
        print_next_version(&delta.merged)?;
    } else {
        match args.format {
            PreviewFormat::Human => delta::print(&delta, ctx),
            PreviewFormat::Json => println!("{}", json::render_delta(&delta)),
            PreviewFormat::Markdown => print!("{}", markdown(&delta.merged)),
        }
    }
    if let Some(file) = &args.github_output {
        github::append_delta(&delta, file)?;
    }
    if ctx.verbose > 0 {
        for note in &delta.merged.notes {
            eprintln!("note: {note}");
        }
    }
    let shown = !args.next_version && args.format == PreviewFormat::Human;
    Ok(strictness(&args.forecast, &delta.merged, shown, ctx))
}

/// `--strict`: once the answer is out, refuse (exit 1) when a warning says herald does
/// not reproduce the release tool here, so that CI can insist on an exact forecast.
/// `shown`: the warnings were printed already; otherwise those are printed first.
pub fn strictness(args: &ForecastArgs, gathered: &Gathered, shown: bool, ctx: &Context) -> Outcome {
    let differing: Vec<&Warning> = gathered
        .warnings
        .iter()
        .filter(|w| w.is_not_reproduced())
        .collect();
    if !args.strict || differing.is_empty() {
        return Outcome::Success;
    }
    let palette = Palette::new(ctx.colors.stderr);
    if !shown {
        for warning in &differing {
            eprintln!("{} {warning}", palette.warn("warning:"));
        }
    }
    eprintln!(
        "{} --strict: {} may answer otherwise: herald does not reproduce it here ({} above)",
        palette.error("herald:"),
        gathered.tool.name(),
        match differing.len() {
            1 => "the warning".to_string(),
            n => format!("{n} warnings"),
        }
    );
    Outcome::Refused
}

fn check_pre(label: Option<&str>) -> Result<()> {
    match label {
        Some(label) if !version::is_valid_pre_label(label) => Err(Error::Input(format!(
            "--pre {label}: a pre-release label is letters, digits and `-`, e.g. `rc` or `beta`"
        ))),
        _ => Ok(()),
    }
}

/// Reads the repository and runs the engine: what `preview` and `changelog` share; a
/// progress bar is drawn on a terminal for a long walk when `show_progress`.
pub fn forecast(
    args: &ForecastArgs,
    with_notes: bool,
    show_progress: bool,
    ctx: &Context,
) -> Result<Gathered> {
    check_pre(args.pre.as_deref())?;
    let repo = progress::attach(Repo::discover()?, show_progress, ctx);
    // Another commit is previewed with its own configuration and manifests.
    let files = files_for(&repo, args.to.as_deref())?;
    let (config, source) = ctx.config_from(files.as_ref(), repo.work_tree())?;
    let request = Request {
        to: args.to.clone(),
        component: args.component.clone(),
        pre: args.pre.clone(),
        without_notes: !with_notes,
        engine_only: false,
    };
    let loaded = engine(files.as_ref(), &config, &source)?;
    gather(&repo, &config, &loaded, &request)
}

fn print_next_version(gathered: &Gathered) -> Result<()> {
    if gathered.forecasts.len() > 1 {
        let names: Vec<&str> = gathered.forecasts.iter().map(|f| f.name.as_str()).collect();
        return Err(Error::Input(format!(
            "--next-version needs one component; add --component with one of: {}",
            names.join(", ")
        )));
    }
    if let Some(next) = gathered.forecasts.first().and_then(|f| f.next_text()) {
        println!("{next}");
    }
    Ok(())
}

/// The changelog alone: every released component's notes.
pub fn markdown(gathered: &Gathered) -> String {
    let notes: Vec<&str> = gathered
        .forecasts
        .iter()
        .filter(|f| !f.notes.is_empty())
        .map(|f| f.notes.as_str())
        .collect();
    if let [only] = notes[..] {
        // One release's notes exactly as the engine's tool writes them.
        return only.to_string();
    }
    notes
        .iter()
        .map(|n| format!("{}\n", n.trim_end_matches('\n')))
        .collect::<Vec<_>>()
        .join("\n")
}
