//! Runs one engine over a synthetic range, for a profiler to watch:
//! `cargo build --release --example profile_engine`, then
//! `perf record -g target/release/examples/profile_engine git-cliff 200000 3`.
//! Arguments: the engine (as tests/common/synthetic.rs names them), the number of
//! commits, and how many runs (each prints its wall-clock time).

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(name), Some(Ok(commits))) = (args.first(), args.get(1).map(|n| n.parse())) else {
        eprintln!("usage: profile_engine ENGINE COMMITS [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    let changes = synthetic::changes(commits);
    let (files, config) = synthetic::setup(name);
    for _ in 0..runs {
        let took = synthetic::run_engine(&files, &config, &changes, || {}, since_start);
        eprintln!("{name} {commits}: {took:?}");
    }
    ExitCode::SUCCESS
}

/// Wall-clock time since the first call.
fn since_start() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}
