//! The pure core's hot paths: what the commit-msg hook does per commit, and what
//! `preview` does per commit of a long unreleased range.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use herald::config::Config;
use herald::model::Change;
use herald::model::message::{self, Cleanup, CommentPrefix};
use herald::model::notes::Release;
use herald::tools::Tool;
use herald::tools::herald::Herald;

const EDITOR_MESSAGE: &str = "feat(api): add the token refresh endpoint

Clients can now refresh an expiring token without logging in again.
The old endpoint stays until the next major release.

Refs: #1234
# Please enter the commit message for your changes. Lines starting
# with '#' will be ignored, and an empty message aborts the commit.
#
# On branch main
# Changes to be committed:
#\tmodified:   apps/express-api/src/routes.ts
#
# ------------------------ >8 ------------------------
# Do not modify or remove the line above.
diff --git a/apps/express-api/src/routes.ts b/apps/express-api/src/routes.ts
";

/// A range like the synthetic monorepo's: mostly features and fixes, some breaking.
fn range(n: usize) -> Vec<Change> {
    let kinds = [
        "feat", "fix", "chore", "docs", "refactor", "test", "perf", "fix", "feat", "ci",
    ];
    (0..n)
        .map(|i| {
            let kind = kinds[i % kinds.len()];
            let bang = if i % 97 == 0 { "!" } else { "" };
            let text = format!(
                "{kind}(api){bang}: handle case {i}\n\nSome body text for commit {i}.\n\nRefs: #{i}"
            );
            Change {
                id: format!("{i:040x}"),
                message: message::parse(&text),
                paths: vec![format!(
                    "apps/express-api/src/mod{}/file{}.ts",
                    i % 20,
                    i % 7
                )],
                parent_count: 1,
                author: "Dev".to_string(),
                time: 1_700_000_000 + i as i64 * 60,
            }
        })
        .collect()
}

fn hook_path(c: &mut Criterion) {
    let config = Config::default();
    c.bench_function("clean + parse + lint an editor message", |b| {
        b.iter(|| {
            let text = message::clean(
                black_box(EDITOR_MESSAGE),
                Cleanup::Strip,
                &CommentPrefix::default(),
            );
            let commit = message::parse(&text);
            black_box(herald::lint::check(&commit, &config.commit))
        })
    });
    c.bench_function("load the default configuration", |b| {
        b.iter(|| herald::config::load_str(black_box(""), std::path::Path::new("herald.toml")))
    });
}

fn preview_path(c: &mut Criterion) {
    let changes = range(10_000);
    let config: Config = herald::config::load_str(
        "[components]\napi = [\"apps/express-api/**\"]\nweb = [\"apps/client-ui/**\"]\n\n[[bump.rules]]\nname = \"api and web\"\nall_components = [\"api\", \"web\"]\nbump = \"minor\"\n",
        std::path::Path::new("herald.toml"),
    )
    .expect("valid");
    let engine = Herald::new(&config).expect("valid rules");
    let target = &engine.targets("repo")[0];
    let current = semver::Version::new(1, 4, 2);
    c.bench_function("herald engine: decide 10,000 commits", |b| {
        b.iter(|| black_box(engine.decide(target, &changes, Some(&current), &[], None)))
    });
    let messages: Vec<String> = changes.iter().map(|c| c.message.text.to_string()).collect();
    c.bench_function("parse 10,000 stored messages", |b| {
        b.iter(|| {
            for text in &messages {
                black_box(message::parse(text));
            }
        })
    });
    let decision = engine.decide(target, &changes, Some(&current), &[], None);
    let next = decision.next.clone().expect("a release");
    c.bench_function("herald changelog: render 10,000 commits", |b| {
        b.iter(|| {
            black_box(engine.notes(&Release {
                version: &next,
                tag: "v2.0.0",
                previous_tag: Some("v1.4.2"),
                previous_id: None,
                date: "2026-01-01",
                timestamp: 1_767_225_600,
                forge: None,
                remote: None,
                changes: &changes,
                noted: &decision.noted,
            }))
        })
    });
}

criterion_group!(benches, hook_path, preview_path);
criterion_main!(benches);
