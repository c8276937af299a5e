//! The commit-msg hook: runs on every commit, so it reads the message file and the
//! configuration, lints, and opens the history only when a breaking change needs the
//! version forecast.

use std::path::{Path, PathBuf};

use crate::app::check::{Checked, Checker, cleanup_settings};
use crate::app::gather::{Purpose, engine_or_herald, files_for};
use crate::app::last_release;
use crate::commands::{Context, Outcome};
use crate::error::{Error, Result};
use crate::model::Change;
use crate::model::diagnostic;
use crate::model::message::{Kind, Message};
use crate::model::shell;
use crate::repo::Repo;
use crate::repo::files::write_atomic;
use crate::repo::lock::Lock;
use crate::tools::Tool;
use crate::ui::Palette;

pub fn run(file: &Path, ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let (config, source) = ctx.config_with_source(Some(&repo))?;
    let raw = std::fs::read(file).map_err(|e| {
        Error::Input(format!(
            "cannot read the commit message {}: {e}",
            file.display()
        ))
    })?;
    let (cleanup, comment) = cleanup_settings(Some(&repo), &String::from_utf8_lossy(&raw));
    let (engine, broken) = engine_or_herald(
        Purpose::Messages,
        files_for(&repo, None)?.as_ref(),
        &config,
        &source,
    )?;
    if let Some(error) = &broken {
        eprintln!(
            "{} {error}\n  the message is checked by herald's own rules alone; fix that file so the forecast follows CI",
            Palette::new(ctx.colors.stderr).warn("warning:")
        );
    }
    let engine = engine.tool;
    let checker = Checker::new(&config, engine.as_ref(), Some(&repo));
    let checked = checker.examine(&raw, cleanup, &comment);
    if checked.message.kind == Kind::Empty {
        // git aborts an empty commit by itself, with its own message.
        return Ok(Outcome::Success);
    }
    let palette = Palette::new(ctx.colors.stderr);
    if !checked.diagnostics.is_empty() {
        let origin = file.display().to_string();
        eprint!(
            "{}",
            diagnostic::render(
                &checked.diagnostics,
                &checked.message.text,
                &origin,
                ctx.colors.stderr
            )
        );
    }
    if checked.has_errors() {
        let saved = save_message(&repo, &raw, &checked)?;
        eprintln!("{}", refusal(&saved, &palette));
        return Ok(Outcome::Refused);
    }
    forget_saved(&repo, &checked.message.text);
    if checked.message.is_breaking() && !ctx.quiet {
        eprintln!(
            "{}",
            breaking_banner(
                &repo,
                broken.is_none().then_some(engine.as_ref()),
                &checked,
                &palette
            )?
        );
    }
    Ok(Outcome::Success)
}

/// Keeps what the person typed: the cleaned message, or the raw bytes when they were
/// not UTF-8 (so nothing is replaced).
fn save_message(repo: &Repo, raw: &[u8], checked: &Checked) -> Result<PathBuf> {
    let dir = repo.git_dir().join(SAVED_DIR);
    let content = if checked.lossy {
        raw.to_vec()
    } else {
        format!("{}\n", checked.message.text).into_bytes()
    };
    let path = keep_message(&dir, &content).map_err(|e| {
        Error::Write(format!(
            "cannot save the message under {}: {e}",
            dir.display()
        ))
    })?;
    Ok(std::path::absolute(&path).unwrap_or(path))
}

/// Where a refused message is kept, under the work tree's git directory.
const SAVED_DIR: &str = "herald";

/// How many refused messages are kept: `COMMIT_EDITMSG`, then `COMMIT_EDITMSG.1` to `.9`.
const SAVED_SLOTS: usize = 10;

/// Writes `content` into a file of its own under `dir` and returns its path. Two refusals
/// at once (two terminals in one work tree) never share a file, and a saved message is
/// never replaced while a free file remains: the first file that already holds exactly
/// this message, else the first free one, else the one written longest ago. Each file is
/// written whole (a temporary file renamed over it), under a lock.
fn keep_message(dir: &Path, content: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let _lock = Lock::take(&dir.join("COMMIT_EDITMSG.lock"))?;
    let slots: Vec<PathBuf> = (0..SAVED_SLOTS)
        .map(|n| match n {
            0 => dir.join("COMMIT_EDITMSG"),
            n => dir.join(format!("COMMIT_EDITMSG.{n}")),
        })
        .collect();
    let same = slots
        .iter()
        .find(|slot| std::fs::read(slot).is_ok_and(|held| held == content));
    if let Some(slot) = same {
        return Ok(slot.clone());
    }
    let free = slots
        .iter()
        .find(|slot| std::fs::symlink_metadata(slot).is_err());
    let slot = match free {
        Some(slot) => slot.clone(),
        None => slots
            .iter()
            .min_by_key(|slot| {
                std::fs::metadata(slot)
                    .and_then(|meta| meta.modified())
                    .ok()
            })
            .cloned()
            .unwrap_or_else(|| slots[0].clone()),
    };
    write_atomic(&slot, content, None)?;
    Ok(slot)
}

/// Once a message passes, the refused messages it grew out of are stale: a saved message
/// is removed when the committed one is its correction (the same first line give or take
/// a typo, or one holding the other). An unrelated saved message stays.
fn forget_saved(repo: &Repo, committed: &str) {
    let dir = repo.git_dir().join(SAVED_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let Ok(_lock) = Lock::take(&dir.join("COMMIT_EDITMSG.lock")) else {
        return;
    };
    let first = |text: &str| text.lines().next().unwrap_or("").trim().to_lowercase();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name == "COMMIT_EDITMSG" || name.starts_with("COMMIT_EDITMSG."))
            || name.ends_with(".lock")
        {
            continue;
        }
        let Ok(saved) = std::fs::read(entry.path()) else {
            continue;
        };
        let saved = String::from_utf8_lossy(&saved);
        let (a, b) = (first(&saved), first(committed));
        let corrected = strsim::jaro_winkler(&a, &b) >= 0.75
            || (!a.is_empty() && b.contains(&a))
            || (!b.is_empty() && a.contains(&b));
        if corrected {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn refusal(saved: &Path, palette: &Palette) -> String {
    let file = shell::quote(&saved.display().to_string());
    format!(
        "{} your message is saved in {file}\n  \
         edit it and commit again:  git commit -e -F {file}\n  \
         commit it as it is, once:  git commit --no-verify -F {file}",
        palette.error("commit refused:"),
    )
}

/// The banner for a breaking commit, with the version it leads to when a release exists.
/// With no engine (its files cannot be read), no forecast is made: herald's own rules
/// would say something CI will not do.
fn breaking_banner(
    repo: &Repo,
    engine: Option<&dyn Tool>,
    checked: &Checked,
    palette: &Palette,
) -> Result<String> {
    let mut banner = format!(
        "{} {}\n",
        palette.warn("⚠ BREAKING CHANGE"),
        checked.message.header_line()
    );
    for footer in checked.message.footers.iter().filter(|f| f.is_breaking()) {
        let first_line = footer.value.lines().next().unwrap_or("");
        banner.push_str(&format!("  {}\n", palette.dim(first_line)));
    }
    if let Some(engine) = engine {
        if let Some(line) = forecast_line(repo, engine, &checked.message, palette)? {
            banner.push_str(&format!("  {line}"));
        }
    }
    Ok(banner.trim_end().to_string())
}

/// What this commit does to the next release by the engine's rules, from the current
/// release (the whole repository's; nothing is said when the engine versions only parts).
fn forecast_line(
    repo: &Repo,
    engine: &dyn Tool,
    commit: &Message,
    palette: &Palette,
) -> Result<Option<String>> {
    let Some((target, last)) = last_release::of_repository(repo, engine)? else {
        return Ok(None);
    };
    let current = last.current;
    let change = Change {
        id: "0".repeat(40),
        message: commit.clone(),
        paths: Vec::new(),
        parent_count: 1,
        author: String::new(),
        time: 0,
    };
    // Only the version is read: no engine's version depends on the remote.
    let decision = engine.decide(&target, &[change], current.as_ref(), &[], None);
    let spell = |version: &semver::Version| target.format.spell(version);
    let line = match (decision.next, current) {
        (Some(next), Some(current)) => format!(
            "the next release becomes {} (from {})",
            palette.bold(&spell(&next)),
            spell(&current)
        ),
        (Some(next), None) => format!(
            "no release yet: the first release will be {}",
            palette.bold(&spell(&next))
        ),
        (None, _) => format!("{} will not release this commit", engine.name()),
    };
    Ok(Some(line))
}
