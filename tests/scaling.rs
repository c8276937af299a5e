//! Every engine's work grows linearly with the range: a range ten times longer may take
//! about ten times as long, never a hundred. Each engine decides and writes its notes
//! for 2,000 and then 20,000 synthetic commits; the test compares the two times (the
//! fastest of a few runs, in CPU time of the thread, which other processes do not
//! lengthen), not either time against a clock, so a slow or busy machine does not fail
//! it while a search of the range per commit does.
//!
//! 2,000 commits fit the processor's caches and 20,000 do not: repeated runs would find
//! the small range there and the large one not, and a linear engine would seem to grow
//! twice as fast as it does. Every run starts with the caches flushed.

mod common;

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use herald::model::Change;

use common::synthetic::{changes, run_engine, setup};

const SMALL: usize = 2_000;
const LARGE: usize = 20_000;
/// Linear growth gives 10, a quadratic step 100. Linear engines measure 10 to 17 here:
/// ten times the commits also means fresh memory from the system and more misses in
/// its page tables, which the instructions counted (exactly ×10) do not show.
const MOST_GROWTH: f64 = 20.0;
/// How many times, at most, the large range runs before its fastest time counts.
const LARGE_RUNS: usize = 3;

/// The CPU time this thread has used.
fn cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread's CPU clock can be read");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Pushes the commits out of the processor's caches by writing more memory than they
/// hold.
fn flush_caches() {
    let mut buffer = vec![0u8; 64 << 20];
    for (i, byte) in buffer.iter_mut().enumerate().step_by(64) {
        *byte = i as u8;
    }
    std::hint::black_box(buffer);
}

fn fastest(runs: usize, mut run: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| run()).min().expect("at least one run")
}

/// The commits of both sizes, parsed once for every test.
fn ranges() -> &'static (Vec<Change>, Vec<Change>) {
    static RANGES: OnceLock<(Vec<Change>, Vec<Change>)> = OnceLock::new();
    RANGES.get_or_init(|| (changes(SMALL), changes(LARGE)))
}

/// Times one engine over both sizes; the engines take turns, so that one's runs do not
/// slow another's down.
fn grows_linearly(name: &str) {
    static TURN: Mutex<()> = Mutex::new(());
    let (small, large) = ranges();
    let (files, config) = setup(name);
    let _turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let run = |changes: &[Change]| run_engine(&files, &config, changes, flush_caches, cpu_time);
    let t_small = fastest(3, || run(small));
    let growth = |t_large: Duration| t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    // The large range runs again only when its time looks too long: a run slowed by
    // something else is not taken for the engine's growth, and a linear engine pays once.
    let mut t_large = run(large);
    for _ in 1..LARGE_RUNS {
        if growth(t_large) <= MOST_GROWTH {
            break;
        }
        t_large = t_large.min(run(large));
    }
    let growth = growth(t_large);
    let report =
        format!("{name}: {SMALL} commits {t_small:?}, {LARGE} commits {t_large:?}, ×{growth:.1}");
    println!("{report}");
    assert!(growth <= MOST_GROWTH, "grows more than linearly: {report}");
}

#[test]
fn herald_grows_linearly() {
    grows_linearly("herald");
}

#[test]
fn semantic_release_grows_linearly() {
    grows_linearly("semantic-release");
}

#[test]
fn semantic_release_conventionalcommits_grows_linearly() {
    grows_linearly("semantic-release, conventionalcommits");
}

#[test]
fn release_please_grows_linearly() {
    grows_linearly("release-please");
}

#[test]
fn commitizen_grows_linearly() {
    grows_linearly("commitizen");
}

#[test]
fn cocogitto_grows_linearly() {
    grows_linearly("cocogitto");
}

#[test]
fn git_cliff_grows_linearly() {
    grows_linearly("git-cliff");
}
