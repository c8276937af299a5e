//! A synthetic range like a busy monorepo's, and each engine's files, shared by the
//! scaling test and the profiling example (`cargo run --release --example profile_engine`).
#![allow(dead_code)]

use std::time::Duration;

use herald::app::forecast::{Input, forecast};
use herald::app::gather::{engine, parse_all};
use herald::config::{Config, load_str};
use herald::model::files::MemoryFiles;
use herald::model::forge::Forge;
use herald::model::version::TagFormat;
use herald::model::{Change, Options, RawCommit, Tag};

/// Reverts name commits this far beyond the range, so that half of them stay unmatched.
const BEYOND: usize = 1_000_000;

/// The engines, each with the files that choose and configure it.
pub const ENGINES: &[(&str, &[(&str, &str)])] = &[
    (
        "herald",
        &[(
            "herald.toml",
            "engine = \"herald\"\n\
             [components]\n\
             backend = [\"apps/api/**\"]\n\
             frontend = [\"apps/web/**\"]\n\
             infrastructure = [\"infrastructure/**\"]\n\
             [[bump.rules]]\nname = \"Infrastructure\"\ncomponents = [\"infrastructure\"]\nbump = \"major\"\n\
             [[bump.rules]]\nname = \"Across\"\nall_components = [\"backend\", \"frontend\"]\nbump = \"minor\"\n\
             [[bump.rules]]\nname = \"Migrations\"\npaths = [\"**/migrations/**\"]\nbump = \"major\"\n",
        )],
    ),
    (
        "semantic-release",
        &[
            ("herald.toml", "engine = \"semantic-release\"\n"),
            (".releaserc.json", "{\"branches\": [\"main\"]}\n"),
        ],
    ),
    (
        "semantic-release, conventionalcommits",
        &[
            ("herald.toml", "engine = \"semantic-release\"\n"),
            (
                ".releaserc.json",
                "{\"branches\": [\"main\"], \"plugins\": [[\"@semantic-release/commit-analyzer\", {\"preset\": \"conventionalcommits\"}], [\"@semantic-release/release-notes-generator\", {\"preset\": \"conventionalcommits\"}]]}\n",
            ),
        ],
    ),
    (
        "release-please",
        &[
            ("herald.toml", "engine = \"release-please\"\n"),
            (
                "release-please-config.json",
                "{\"packages\": {\".\": {\"release-type\": \"simple\"}}}\n",
            ),
            (".release-please-manifest.json", "{\".\": \"1.0.0\"}\n"),
        ],
    ),
    (
        "commitizen",
        &[
            ("herald.toml", "engine = \"commitizen\"\n"),
            (
                ".cz.toml",
                "[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"1.0.0\"\ntag_format = \"v$version\"\n",
            ),
        ],
    ),
    (
        "cocogitto",
        &[
            ("herald.toml", "engine = \"cocogitto\"\n"),
            ("cog.toml", "tag_prefix = \"v\"\n"),
        ],
    ),
    ("git-cliff", &[("herald.toml", "engine = \"git-cliff\"\n")]),
];

/// A message like the synthetic monorepo's: mostly features and fixes with scopes, some
/// bodies and references, about 1% breaking, 3% not conventional, 2% merges and 1%
/// reverts (of a commit in the range, or of one before it that holds the rest).
fn raw_commit(i: usize) -> RawCommit {
    let path = match i % 4 {
        0 => format!("apps/api/src/mod{}/file{}.ts", i % 20, i % 7),
        1 => format!("apps/web/src/mod{}/file{}.tsx", i % 20, i % 7),
        2 => format!("infrastructure/mod{}/main.tf", i % 10),
        _ => format!("docs/migrations/page{}.md", i % 10),
    };
    let merge = i % 50 == 7;
    let message = if merge {
        format!("Merge branch 'topic-{i}'\n")
    } else if i % 33 == 5 {
        "update stuff\n".to_string()
    } else if i % 97 == 11 {
        // `git revert`'s message, of the commit five older (in the range or not).
        let target = i + 5 + usize::from(i % 2 == 0) * BEYOND;
        format!(
            "Revert \"{}\"\n\nThis reverts commit {}.\n",
            header(target),
            id(target)
        )
    } else {
        let mut text = format!("{}\n", header(i));
        if i % 3 == 0 {
            text.push_str(&format!(
                "\nThis change handles case {i} so that callers get consistent results.\n"
            ));
        }
        if i % 211 == 100 {
            text.push_str("\nBREAKING CHANGE: the old format is gone\n");
        }
        if i % 7 == 0 {
            text.push_str(&format!("\nRefs: #{}\n", i % 5000));
        }
        text
    };
    RawCommit {
        id: id(i),
        message: message.into_bytes().into(),
        parent_count: if merge { 2 } else { 1 },
        paths: if merge { Vec::new() } else { vec![path] },
        author: format!("Dev {}", i % 17),
        time: 1_700_000_000 + (BEYOND - i) as i64 * 60,
    }
}

fn id(i: usize) -> String {
    format!("{:040x}", i + 1)
}

/// The header of an ordinary commit `i`.
fn header(i: usize) -> String {
    let kinds = [
        "feat", "fix", "fix", "chore", "docs", "refactor", "feat", "test", "perf", "ci",
    ];
    let scopes = ["api", "web", "infra", "docs"];
    let bang = if i % 211 == 3 { "!" } else { "" };
    format!(
        "{}({}){bang}: handle case {i}",
        kinds[i % kinds.len()],
        scopes[i % 4]
    )
}

pub fn changes(n: usize) -> Vec<Change> {
    parse_all((0..n).map(raw_commit).collect())
}

/// The files and configuration of the engine called `name`.
pub fn setup(name: &str) -> (MemoryFiles, Config) {
    let files = ENGINES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, files)| MemoryFiles::new(files.iter().copied()))
        .expect("a known engine");
    let text = files.0.get("herald.toml").cloned().unwrap_or_default();
    let config = load_str(&text, std::path::Path::new("herald.toml")).expect("valid");
    (files, config)
}

/// Decides, selects and writes the notes of the first target, as `preview` does, and
/// returns how long that took by `clock`; `before` runs just before the clock starts.
pub fn run_engine(
    files: &MemoryFiles,
    config: &Config,
    changes: &[Change],
    before: impl FnOnce(),
    clock: impl Fn() -> Duration,
) -> Duration {
    let loaded = engine(files, config, "herald.toml").expect("the engine loads");
    let tool = loaded.tool.as_ref();
    let target = tool.targets("repo").remove(0);
    let tag = Tag {
        name: "v1.0.0".into(),
        version: semver::Version::new(1, 0, 0),
        target: format!("{:040x}", 0),
    };
    let options = Options {
        notes: true,
        pre: None,
        date: "2026-01-01".into(),
        timestamp: 1_767_225_600,
        forge: Forge::from_remote_url("https://github.com/owner/repo"),
        remote: Some("https://github.com/owner/repo".into()),
    };
    let changes = changes.to_vec();
    before();
    let start = clock();
    let changes = tool.select(&target, changes, None);
    let input = Input {
        name: target.name.clone(),
        format: TagFormat::new("v{version}", None),
        current: Some(tag.version.clone()),
        last: Some(tag.clone()),
        tags: vec![tag],
        to: changes.first().map(|c| c.id.clone()).unwrap_or_default(),
        changes,
    };
    let forecast = forecast(tool, config, &target, input, &options);
    let elapsed = clock() - start;
    assert!(forecast.next.is_some(), "a release is due");
    assert!(!forecast.notes.is_empty(), "the notes are written");
    elapsed
}
