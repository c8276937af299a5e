//! The files each commit changed are kept under the git directory between runs: a second
//! `preview` reads them instead of comparing trees again, and says exactly what the first
//! said; a damaged, foreign or stale cache changes nothing but the time taken.

mod common;

use std::path::PathBuf;

use common::histories::HISTORIES;
use common::mkhist::{herald_on_reference_day, mkhist};
use common::{TestRepo, code, stderr, stdout};

const PLAN: &str = r#"[components]
backend = ["apps/api/**"]
frontend = ["apps/web/**"]
infrastructure = ["infrastructure/**"]

[[bump.rules]]
name = "Infrastructure changes"
components = ["infrastructure"]
bump = "major"

[[bump.rules]]
name = "Database schema migrations"
paths = ["**/migrations/**"]
bump = "major"
"#;

/// A released monorepo with unreleased commits across its components, a rename, a
/// deletion and a merge.
fn monorepo(repo: &TestRepo) {
    repo.write("herald.toml", PLAN);
    repo.git(&["add", "herald.toml"]);
    repo.commit_paths(
        &["apps/api/a.ts", "apps/web/b.tsx", "infrastructure/main.tf"],
        "chore: import",
    );
    repo.tag("v1.3.0");
    repo.commit_paths(&["apps/api/a.ts"], "fix(api): a");
    repo.commit_paths(&["apps/web/b.tsx", "apps/web/c.tsx"], "feat(web): c");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.commit_paths(&["apps/api/db/migrations/001.sql"], "feat(api): table");
    repo.git(&["checkout", "-q", "-"]);
    repo.commit_paths(&["docs/readme.md"], "docs: readme");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'side'",
        "side",
    ]);
    repo.git(&["mv", "apps/web/c.tsx", "apps/web/d.tsx"]);
    repo.commit("refactor(web): rename");
    repo.git(&["rm", "-q", "apps/api/a.ts"]);
    repo.commit("fix(api)!: drop a");
}

fn cache_file(repo: &TestRepo) -> PathBuf {
    let common = repo.git(&["rev-parse", "--git-common-dir"]);
    repo.path()
        .join(common.trim())
        .join("herald/cache-v1/changed-paths")
}

/// Everything `preview` says, for comparing runs.
fn preview(repo: &TestRepo) -> String {
    let output = repo.herald(&["preview", "--format", "json", "--explain"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    format!("{}\n{}", stdout(&output), stderr(&output))
}

#[test]
fn a_second_preview_reads_the_cache_and_says_the_same() {
    let repo = TestRepo::new();
    monorepo(&repo);
    let first = preview(&repo);
    assert!(
        cache_file(&repo).is_file(),
        "the first run keeps what it computed"
    );
    let written = std::fs::read(cache_file(&repo)).unwrap();
    assert_eq!(preview(&repo), first);
    assert_eq!(
        std::fs::read(cache_file(&repo)).unwrap(),
        written,
        "a run that computed nothing new leaves the cache as it is"
    );
    std::fs::remove_file(cache_file(&repo)).unwrap();
    assert_eq!(preview(&repo), first, "deleting the cache is safe");
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let repo = TestRepo::new();
    monorepo(&repo);
    let expected = preview(&repo);
    let good = std::fs::read(cache_file(&repo)).unwrap();
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x20;
    let damaged: [&[u8]; 4] = [
        b"",
        b"not a cache at all",
        &good[..good.len() - 9],
        &flipped,
    ];
    for bytes in damaged {
        std::fs::write(cache_file(&repo), bytes).unwrap();
        assert_eq!(preview(&repo), expected);
        assert_eq!(std::fs::read(cache_file(&repo)).unwrap().len(), good.len());
    }
    // A directory where the file should be: nothing can be read or written, no error.
    std::fs::remove_file(cache_file(&repo)).unwrap();
    std::fs::create_dir(cache_file(&repo)).unwrap();
    assert_eq!(preview(&repo), expected);
}

#[test]
fn a_cache_of_another_object_format_is_ignored() {
    let sha1 = TestRepo::new();
    monorepo(&sha1);
    preview(&sha1);
    let sha256 = TestRepo::sha256();
    monorepo(&sha256);
    let expected = preview(&sha256);
    std::fs::copy(cache_file(&sha1), cache_file(&sha256)).unwrap();
    assert_eq!(preview(&sha256), expected);
}

#[test]
fn a_changed_configuration_applies_to_cached_commits() {
    let repo = TestRepo::new();
    monorepo(&repo);
    preview(&repo);
    // Components and rules change after the cache was written: the cached files of each
    // commit are read through the new ones.
    repo.write(
        "herald.toml",
        "[components]\nweb = [\"apps/web/**\"]\ndocs = [\"docs/**\"]\n\n[[bump.rules]]\nname = \"Docs\"\ncomponents = [\"docs\"]\nbump = \"major\"\n",
    );
    let cached = preview(&repo);
    std::fs::remove_file(cache_file(&repo)).unwrap();
    assert_eq!(cached, preview(&repo));
    assert!(cached.contains("\"Docs\""), "{cached}");
}

#[test]
fn a_rewritten_history_is_read_afresh() {
    let repo = TestRepo::new();
    monorepo(&repo);
    preview(&repo);
    // The last commit, rewritten to touch the infrastructure instead: a new commit id,
    // whose files the cache cannot know.
    repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
    repo.git(&["rm", "-q", "apps/api/a.ts"]);
    repo.write("infrastructure/main.tf", "rewritten\n");
    repo.git(&["add", "infrastructure/main.tf"]);
    repo.commit("fix(api)!: drop a");
    let rewritten = preview(&repo);
    assert!(rewritten.contains("infrastructure/main.tf"), "{rewritten}");
    std::fs::remove_file(cache_file(&repo)).unwrap();
    assert_eq!(preview(&repo), rewritten);
}

#[test]
fn the_reference_histories_say_the_same_with_and_without_the_cache() {
    for (name, spec) in HISTORIES {
        let repo = mkhist(spec);
        let run = || {
            let output = herald_on_reference_day(&repo, &["preview", "--format", "json"]);
            (code(&output), stdout(&output), stderr(&output))
        };
        let cold = run();
        let warm = run();
        assert_eq!(cold, warm, "history {name}");
    }
}
