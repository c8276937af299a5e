//! Any text as a release tool's configuration file: the first byte picks the tool and
//! the file, the rest is its text. Reading gives settings or an error, never a panic;
//! settings that read must then decide and render notes for a small history (templates,
//! patterns and globs from the file included) without a panic.
#![no_main]

use herald::config::Config;
use herald::model::engine::EngineName;
use herald::model::files::MemoryFiles;
use herald::model::message;
use herald::model::notes::Release;
use herald::model::{Change, Tag};
use herald::tools::{self, Detected, Tool};
use libfuzzer_sys::fuzz_target;
use semver::Version;

/// Each tool's files that a fuzzed text can stand in for, with the file herald is told
/// configures the tool (`None`: the tool finds its file by itself).
const FILES: &[(EngineName, &str, Option<&str>)] = &[
    (
        EngineName::SemanticRelease,
        ".releaserc.json",
        Some(".releaserc.json"),
    ),
    (
        EngineName::SemanticRelease,
        ".releaserc",
        Some(".releaserc"),
    ),
    (
        EngineName::SemanticRelease,
        "release.config.yaml",
        Some("release.config.yaml"),
    ),
    (
        EngineName::SemanticRelease,
        "package.json",
        Some("package.json"),
    ),
    (
        EngineName::ReleasePlease,
        "release-please-config.json",
        None,
    ),
    (
        EngineName::ReleasePlease,
        ".release-please-manifest.json",
        None,
    ),
    (
        EngineName::Commitizen,
        "pyproject.toml",
        Some("pyproject.toml"),
    ),
    (EngineName::Commitizen, ".cz.toml", Some(".cz.toml")),
    (EngineName::Commitizen, ".cz.json", Some(".cz.json")),
    (EngineName::Commitizen, ".cz.yaml", Some(".cz.yaml")),
    (EngineName::Cocogitto, "cog.toml", Some("cog.toml")),
    (EngineName::GitCliff, "cliff.toml", Some("cliff.toml")),
    (
        EngineName::GitCliff,
        "pyproject.toml",
        Some("pyproject.toml"),
    ),
];

/// What the fuzzed file does not replace: a release-please setup with one package, so
/// that a fuzzed config or manifest meets a real other half.
const RELEASE_PLEASE: [(&str, &str); 2] = [
    (
        "release-please-config.json",
        r#"{"packages": {".": {}, "packages/a": {"component": "a"}}}"#,
    ),
    (
        ".release-please-manifest.json",
        r#"{".": "1.2.3", "packages/a": "0.4.0"}"#,
    ),
];

const MESSAGES: &[&str] = &[
    "feat(api): add the thing\n\nCloses #12",
    "fix!: drop the old flag\n\nBREAKING CHANGE: the flag is gone",
    "chore(release): 1.2.3",
    "perf: 速く\n\nRefs: #3",
    "Merge branch 'x'",
    "revert: feat: y\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
];

fn history() -> Vec<Change> {
    MESSAGES
        .iter()
        .enumerate()
        .map(|(i, text)| Change {
            id: format!("{i:040x}"),
            message: message::parse(text),
            paths: vec![format!("packages/{}/src/lib.rs", ["a", "b"][i % 2])],
            parent_count: if text.starts_with("Merge") { 2 } else { 1 },
            author: "A. Person".into(),
            time: 1_700_000_000 + i as i64,
        })
        .collect()
}

fn exercise(tool: &dyn Tool, current: Option<&Version>) {
    for target in tool.targets("repo") {
        let changes = tool.select(&target, history(), None);
        let remote = Some("https://github.com/o/r.git");
        let decision = tool.decide(&target, &changes, current, &[] as &[Tag], remote);
        let version = decision
            .next
            .clone()
            .unwrap_or_else(|| Version::new(1, 0, 0));
        let tag = target.format.render(&version);
        let notes = tool.notes(&Release {
            version: &version,
            tag: &tag,
            previous_tag: Some("v1.2.3"),
            previous_id: None,
            date: "2026-01-02",
            timestamp: 1_767_312_000,
            forge: None,
            remote,
            changes: &changes,
            noted: &decision.noted,
        });
        if let Ok(notes) = notes {
            tool.insert_notes("# Changelog\n\n## 1.2.3\n\n- old\n", &notes, &version);
        }
        let _ = tool.pre_release(&decision, current, "rc");
        for change in &changes {
            tool.commit_warnings(&change.message, current);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let (name, path, file) = FILES[usize::from(pick) % FILES.len()];
    let text = String::from_utf8_lossy(text);
    let mut files: Vec<(&str, &str)> = Vec::new();
    if name == EngineName::ReleasePlease {
        files.extend(RELEASE_PLEASE.iter().filter(|(p, _)| *p != path));
    }
    files.push((path, &text));
    let detected = Detected {
        name,
        file: file.map(str::to_string),
        source: path.to_string(),
        also_found: Vec::new(),
        ci: None,
    };
    let Ok(tool) = tools::load(&detected, &Config::default(), &MemoryFiles::new(files)) else {
        return;
    };
    exercise(tool.as_ref(), None);
    exercise(tool.as_ref(), Some(&Version::new(0, 3, 1)));
    exercise(tool.as_ref(), Some(&Version::parse("2.0.0-rc.1").unwrap()));
});
