//! Every engine over 100,000 parsed commits, as `preview` runs it on a long unreleased
//! range: select, decide and write the notes. The range is tests/common/synthetic.rs's
//! (the one tests/scaling.rs checks for linear growth).

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

const COMMITS: usize = 100_000;

fn engines(c: &mut Criterion) {
    let changes = synthetic::changes(COMMITS);
    let mut group = c.benchmark_group("engine over 100,000 commits");
    group.sample_size(10);
    for (name, _) in synthetic::ENGINES {
        let (files, config) = synthetic::setup(name);
        group.bench_function(*name, |b| {
            b.iter_custom(|iterations| {
                (0..iterations)
                    .map(|_| synthetic::run_engine(&files, &config, &changes, || {}, since_start))
                    .sum::<Duration>()
            })
        });
    }
    group.finish();
}

/// Wall-clock time since the first call: `run_engine` times itself by differences.
fn since_start() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

criterion_group!(benches, engines);
criterion_main!(benches);
