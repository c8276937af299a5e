//! The same small histories through every engine, each configured as its CI tool usually
//! is, against what the real tools answered (semantic-release 25.0.9, release-please
//! 17.11.2, commitizen 4.19.3, cocogitto 7.0.0, git-cliff 2.14.2). The rows where the
//! tools disagree are the point: herald must disagree in the same way.

mod common;

use common::TestRepo;
use common::histories::spec;
use common::mkhist::{herald_on_reference_day, mkhist};

/// The engines' configurations, in the order of [`ANSWERS`]' columns.
const COLUMNS: [&str; 9] = [
    "sr", "sr-cc", "rp", "rp-pre", "cz", "cz-mvz", "cog", "cliff", "herald",
];

/// `(history, answers)`: the next version each engine gives, `none` for no release. The
/// histories are in `common::histories` (current tag, then commits).
const ANSWERS: &[(&str, [&str; 9])] = &[
    // 1.4.2 + perf: cocogitto ignores perf.
    (
        "a",
        [
            "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "none", "1.4.3", "1.4.3",
        ],
    ),
    // 1.4.2 + refactor: commitizen and git-cliff release a patch.
    (
        "b",
        [
            "none", "none", "none", "none", "1.4.3", "1.4.3", "none", "1.4.3", "none",
        ],
    ),
    // 1.4.2 + docs: only git-cliff releases.
    (
        "c",
        [
            "none", "none", "none", "none", "none", "none", "none", "1.4.3", "none",
        ],
    ),
    // 0.4.2 + feat!: angular does not see `!`; 0.x rules differ.
    (
        "d",
        [
            "none", "1.0.0", "1.0.0", "0.5.0", "1.0.0", "0.5.0", "0.5.0", "1.0.0", "0.5.0",
        ],
    ),
    // 0.4.2 + fix!: cocogitto keeps a breaking fix a patch on 0.x.
    (
        "e",
        [
            "none", "1.0.0", "1.0.0", "0.5.0", "1.0.0", "0.5.0", "0.4.3", "1.0.0", "0.5.0",
        ],
    ),
    // 0.4.2 + feat: the pre-major patch flag of release-please.
    (
        "f",
        [
            "0.5.0", "0.5.0", "0.5.0", "0.4.3", "0.5.0", "0.5.0", "0.5.0", "0.5.0", "0.5.0",
        ],
    ),
    // 1.4.2 + feat with a BREAKING-CHANGE footer: angular knows only BREAKING CHANGE.
    (
        "g",
        [
            "1.5.0", "2.0.0", "2.0.0", "2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0", "2.0.0",
        ],
    ),
    // 1.4.2 + `revert: …` of a commit outside the range.
    (
        "h1",
        [
            "1.4.3", "1.4.3", "1.4.3", "1.4.3", "none", "none", "none", "1.4.3", "1.4.3",
        ],
    ),
    // 1.4.2 + git's `Revert "…"` of a commit outside the range.
    (
        "h2",
        [
            "1.4.3", "1.4.3", "none", "none", "none", "none", "none", "none", "1.4.3",
        ],
    ),
    // No tag: first releases.
    (
        "i",
        [
            "1.0.0", "1.0.0", "1.0.0", "1.0.0", "0.1.0", "0.1.0", "0.1.0", "0.1.0", "0.1.0",
        ],
    ),
    (
        "i2",
        [
            "1.0.0", "1.0.0", "1.0.0", "1.0.0", "0.0.2", "0.0.2", "0.0.1", "0.1.0", "0.1.0",
        ],
    ),
    // 1.4.2 + only hidden types.
    (
        "j",
        [
            "none", "none", "none", "none", "none", "none", "none", "1.4.3", "none",
        ],
    ),
    // A feat and its revert in the range: only semantic-release and herald pair them off.
    (
        "k",
        [
            "none", "none", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "none",
        ],
    ),
    // `Feat:` with a capital.
    (
        "l1",
        [
            "none", "none", "1.4.3", "1.4.3", "none", "none", "1.5.0", "1.5.0", "1.5.0",
        ],
    ),
    // A lowercase `breaking change:` footer: angular's note keyword is case-insensitive.
    (
        "l3",
        [
            "2.0.0", "2.0.0", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3",
        ],
    ),
    // A merged topic branch.
    (
        "m",
        [
            "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0",
        ],
    ),
    // `fix:` with a `feat:` line in the body.
    (
        "n",
        [
            "1.4.3", "1.4.3", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.4.3", "1.4.3", "1.4.3",
        ],
    ),
    // Only a pre-release tag, then a fix.
    (
        "o",
        [
            "1.0.0",
            "1.0.0",
            "1.4.3-rc.1",
            "1.4.3-rc.1",
            "1.4.2",
            "1.4.2",
            "1.4.2",
            "1.4.2-rc.2",
            "1.4.2",
        ],
    ),
    // `chore(deps)`: git-cliff's default parsers skip it.
    (
        "q",
        [
            "none", "none", "none", "none", "none", "none", "none", "none", "none",
        ],
    ),
    // A `Release-As: 3.0.0` footer.
    (
        "ra",
        [
            "1.4.3", "1.4.3", "3.0.0", "3.0.0", "1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3",
        ],
    ),
    // Not conventional.
    (
        "t",
        [
            "none", "none", "none", "none", "none", "none", "none", "none", "none",
        ],
    ),
    // `feature:`.
    (
        "x",
        [
            "none", "none", "1.5.0", "1.5.0", "1.5.0", "1.5.0", "none", "1.4.3", "none",
        ],
    ),
    // No commits since the tag.
    (
        "z",
        [
            "none", "none", "none", "none", "none", "none", "none", "none", "none",
        ],
    ),
];

/// Writes the configuration that makes `column`'s engine decide, as its tool is
/// usually configured.
fn configure(repo: &TestRepo, column: &str) {
    let current = latest_version(repo);
    match column {
        "sr" => {
            repo.write(".releaserc.json", r#"{ "branches": ["main"] }"#);
        }
        "sr-cc" => {
            repo.write(
            ".releaserc.json",
            r#"{ "branches": ["main"], "plugins": [
                ["@semantic-release/commit-analyzer", { "preset": "conventionalcommits" }],
                ["@semantic-release/release-notes-generator", { "preset": "conventionalcommits" }] ] }"#,
            );
        }
        "rp" | "rp-pre" => {
            let flags = if column == "rp-pre" {
                r#", "bump-minor-pre-major": true, "bump-patch-for-minor-pre-major": true"#
            } else {
                ""
            };
            repo.write(
                "release-please-config.json",
                &format!(r#"{{ "packages": {{ ".": {{ "release-type": "simple" }} }}{flags} }}"#),
            );
            let manifest = match &current {
                Some(version) => format!(r#"{{ ".": "{version}" }}"#),
                None => "{}".to_string(),
            };
            repo.write(".release-please-manifest.json", &manifest);
        }
        "cz" | "cz-mvz" => {
            let zero = if column == "cz-mvz" {
                "major_version_zero = true\n"
            } else {
                ""
            };
            let version = current.as_deref().unwrap_or("0.0.1");
            repo.write(
                ".cz.toml",
                &format!("[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"{version}\"\ntag_format = \"v$version\"\n{zero}"),
            );
        }
        "cog" => {
            repo.write("cog.toml", "tag_prefix = \"v\"\n");
        }
        "cliff" => {
            repo.write("cliff.toml", "");
        }
        _ => {
            repo.write("herald.toml", "engine = \"herald\"\n");
        }
    }
}

/// The highest version tag reachable from HEAD, without its `v`.
fn latest_version(repo: &TestRepo) -> Option<String> {
    let tags = repo.git(&["tag", "--merged", "HEAD"]);
    tags.lines()
        .filter_map(|t| semver::Version::parse(t.trim_start_matches('v')).ok())
        .max()
        .map(|v| v.to_string())
}

/// Every file one column's configuration writes, so the next column starts clean.
const CONFIG_FILES: [&str; 7] = [
    ".releaserc.json",
    "release-please-config.json",
    ".release-please-manifest.json",
    ".cz.toml",
    "cog.toml",
    "cliff.toml",
    "herald.toml",
];

#[test]
fn every_engine_answers_as_its_tool() {
    let mut failures = Vec::new();
    for (history, answers) in ANSWERS {
        let repo = mkhist(spec(history));
        for (column, expected) in COLUMNS.iter().zip(answers) {
            for file in CONFIG_FILES {
                let _ = std::fs::remove_file(repo.path().join(file));
            }
            configure(&repo, column);
            let got = repo.next_version(&[]);
            let got = if got.is_empty() {
                "none".to_string()
            } else {
                got
            };
            if got != *expected {
                failures.push(format!(
                    "{history} {column}: the tool says {expected}, herald {got}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What the real tools wrote as the notes of history `merged` (2026-11-25); cocogitto dates
/// its heading with the last commit's day.
const MERGED_NOTES: [(&str, &str); 6] = [
    (
        "sr",
        "# [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)\n\n\n### Bug Fixes\n\n* delta ([31e1067](https://github.com/owner/repo/commit/31e106755892baf79f6193ef41c6200e99fa74fb))\n* epsilon ([f18e5ad](https://github.com/owner/repo/commit/f18e5ad6d583faa888f59e01b216d7b7178370a5))\n* zeta ([456d701](https://github.com/owner/repo/commit/456d7013e4fee30237843fef46abbc9c73b32c0e))\n\n\n### Features\n\n* alpha ([af6c16c](https://github.com/owner/repo/commit/af6c16c345a15c70ffabc71aafdcb130fc228d27))\n* beta ([8eff7aa](https://github.com/owner/repo/commit/8eff7aaa37298720f48345500ce26714001dab72))\n* gamma ([a534706](https://github.com/owner/repo/commit/a5347067dba8291ba2707a70108fe24662b1f755))\n\n\n### BREAKING CHANGES\n\n* epsilon changed\n* beta changed\n",
    ),
    (
        "sr-cc",
        "## [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)\n\n### ⚠ BREAKING CHANGES\n\n* epsilon changed\n* beta changed\n\n### Features\n\n* alpha ([af6c16c](https://github.com/owner/repo/commit/af6c16c345a15c70ffabc71aafdcb130fc228d27))\n* beta ([8eff7aa](https://github.com/owner/repo/commit/8eff7aaa37298720f48345500ce26714001dab72))\n* gamma ([a534706](https://github.com/owner/repo/commit/a5347067dba8291ba2707a70108fe24662b1f755))\n\n### Bug Fixes\n\n* delta ([31e1067](https://github.com/owner/repo/commit/31e106755892baf79f6193ef41c6200e99fa74fb))\n* epsilon ([f18e5ad](https://github.com/owner/repo/commit/f18e5ad6d583faa888f59e01b216d7b7178370a5))\n* zeta ([456d701](https://github.com/owner/repo/commit/456d7013e4fee30237843fef46abbc9c73b32c0e))\n",
    ),
    (
        "rp",
        "## [2.0.0](https://github.com/owner/repo/compare/v1.4.2...v2.0.0) (2026-11-25)\n\n\n### ⚠ BREAKING CHANGES\n\n* epsilon changed\n* beta changed\n\n### Features\n\n* alpha ([af6c16c](https://github.com/owner/repo/commit/af6c16c345a15c70ffabc71aafdcb130fc228d27))\n* beta ([8eff7aa](https://github.com/owner/repo/commit/8eff7aaa37298720f48345500ce26714001dab72))\n* gamma ([a534706](https://github.com/owner/repo/commit/a5347067dba8291ba2707a70108fe24662b1f755))\n\n\n### Bug Fixes\n\n* delta ([31e1067](https://github.com/owner/repo/commit/31e106755892baf79f6193ef41c6200e99fa74fb))\n* epsilon ([f18e5ad](https://github.com/owner/repo/commit/f18e5ad6d583faa888f59e01b216d7b7178370a5))\n* zeta ([456d701](https://github.com/owner/repo/commit/456d7013e4fee30237843fef46abbc9c73b32c0e))",
    ),
    (
        "cz",
        "## v2.0.0 (2026-11-25)\n\n### BREAKING CHANGE\n\n- beta changed\n- epsilon changed\n\n### Feat\n\n- beta\n- gamma\n- alpha\n\n### Fix\n\n- zeta\n- delta\n- epsilon\n",
    ),
    (
        "cog",
        "## v2.0.0 - 2024-01-01\n#### Features\n- gamma - (a534706) - Herald Test\n- <span style=\"background-color: #d73a49; color: white; padding: 2px 6px; border-radius: 3px; font-weight: bold; font-size: 0.85em;\">BREAKING</span>beta - (8eff7aa) - Herald Test\n- alpha - (af6c16c) - Herald Test\n#### Bug Fixes\n- zeta - (456d701) - Herald Test\n- <span style=\"background-color: #d73a49; color: white; padding: 2px 6px; border-radius: 3px; font-weight: bold; font-size: 0.85em;\">BREAKING</span>epsilon - (f18e5ad) - Herald Test\n- delta - (31e1067) - Herald Test\n",
    ),
    (
        "cliff",
        "## [2.0.0] - 2026-11-25\n\n### 🚀 Features\n\n- Alpha\n- Gamma\n- [**breaking**] Beta\n\n### 🐛 Bug Fixes\n\n- [**breaking**] Epsilon\n- Delta\n- Zeta\n",
    ),
];

#[test]
fn merged_branches_list_notes_in_each_tools_order() {
    let repo = mkhist(spec("merged"));
    let mut failures = Vec::new();
    for (column, want) in MERGED_NOTES {
        for file in CONFIG_FILES {
            let _ = std::fs::remove_file(repo.path().join(file));
        }
        configure(&repo, column);
        let output = herald_on_reference_day(&repo, &["preview", "--format", "markdown"]);
        let got = String::from_utf8_lossy(&output.stdout);
        // Trailing newlines aside: how each layout ends is tested with the engine.
        if got.trim_end_matches('\n') != want.trim_end_matches('\n') {
            failures.push(format!("{column}:\n{got}\n--- the tool wrote:\n{want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
