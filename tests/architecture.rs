//! The shape of the code holds: the pure core (`model`, `tools`, `lint`) touches no file
//! system, git, terminal or clock; every release tool has the same parts in its own
//! folder; and no two top-level modules import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(source_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The code of a file without comments and without its test modules.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn is_test_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

#[test]
fn the_core_is_pure() {
    let forbidden = [
        "std::fs",
        "std::env",
        "std::process",
        "git2",
        "crate::repo",
        "crate::app",
        "crate::commands",
        "console",
        "dialoguer",
        "SystemTime",
        "Instant::now",
    ];
    let mut core = source_files(&src().join("model"));
    core.extend(source_files(&src().join("tools")));
    core.push(src().join("lint.rs"));
    let mut found = Vec::new();
    for path in core.iter().filter(|p| !is_test_file(p)) {
        let code = code(path);
        for word in forbidden {
            if code.contains(word) {
                found.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_tool_has_the_same_parts() {
    let tools = src().join("tools");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&tools).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || name == "node" || name == "detect" {
            continue;
        }
        for part in ["mod.rs", "settings.rs", "decide.rs", "notes.rs"] {
            if !dir.join(part).is_file() {
                missing.push(format!("tools/{name}/{part}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn top_level_modules_form_no_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in source_files(&src()).iter().filter(|p| !is_test_file(p)) {
        let relative = path.strip_prefix(src()).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let code = code(path);
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if used != top && !used.is_empty() {
                graph.entry(top.clone()).or_default().insert(used);
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn reaches(
        graph: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        goal: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        graph.get(from).into_iter().flatten().any(|next| {
            next == goal || (seen.insert(next.clone()) && reaches(graph, next, goal, seen))
        })
    }
    let cycles: Vec<&String> = graph
        .keys()
        .filter(|module| reaches(&graph, module, module, &mut BTreeSet::new()))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules in a cycle: {cycles:?}; graph: {graph:#?}"
    );
}
