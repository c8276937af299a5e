//! The progress bar on standard error while `preview`, `changelog` or `check --range` walks
//! a long history. Only where a person watches: stderr a terminal, not `-q`, not JSON; the
//! hooks never ask for one.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};

use super::Context;
use crate::repo::{ProgressFn, Repo, WalkProgress};

/// Below this many commits a walk is over before a bar would be worth reading.
pub const SHOW_FROM: usize = 2_000;

/// `repo`, drawing a progress bar for its long walks when `wanted` and a person watches.
pub fn attach(repo: Repo, wanted: bool, ctx: &Context) -> Repo {
    if wanted && !ctx.quiet && std::io::stderr().is_terminal() {
        repo.with_progress(walk_bar())
    } else {
        repo
    }
}

/// A bar per walk, drawn once the walk passes [`SHOW_FROM`] commits, cleared when it ends.
fn walk_bar() -> ProgressFn {
    let bar: Mutex<Option<ProgressBar>> = Mutex::new(None);
    Box::new(move |step| {
        let Ok(mut bar) = bar.lock() else { return };
        match step {
            WalkProgress::Reading(read) if read >= SHOW_FROM => {
                let bar = bar.get_or_insert_with(|| new_bar(read as u64));
                bar.set_position(read as u64);
            }
            WalkProgress::Comparing { done, total } if total >= SHOW_FROM => {
                let bar = bar.get_or_insert_with(|| new_bar(done as u64));
                if bar.length() != Some(total as u64) {
                    bar.set_style(comparing_style());
                    bar.set_length(total as u64);
                }
                bar.set_position(done as u64);
            }
            WalkProgress::Done => {
                if let Some(bar) = bar.take() {
                    bar.finish_and_clear();
                }
            }
            _ => {}
        }
    })
}

fn new_bar(at: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        // Cleared too when the command fails half-way and the bar is dropped.
        .with_finish(ProgressFinish::AndClear)
        .with_style(reading_style())
        .with_position(at);
    // With a steady tick only the ticker draws, its first time a tick from now: drawn at
    // once instead, so that a walk ending sooner is still seen.
    bar.force_draw();
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

fn reading_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} reading history: {human_pos} commits")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn comparing_style() -> ProgressStyle {
    ProgressStyle::with_template("{wide_bar} {human_pos}/{human_len} commits' changed files")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
