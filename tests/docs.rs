//! The documentation stays true: every command and flag clap knows is in docs/commands.md,
//! every page is reachable from the README, which stays short, every link lands, and
//! every example configuration loads without a warning.

mod common;

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use common::{TestRepo, code, stderr, stdout};
use herald::cli::Cli;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `herald check`, `herald hook pre-push`, … with each one's long flags (the global ones
/// under `herald`), hidden commands included.
fn commands_and_flags() -> Vec<(String, Vec<String>)> {
    fn walk(command: &clap::Command, name: &str, out: &mut Vec<(String, Vec<String>)>) {
        let flags = command
            .get_arguments()
            .filter_map(|arg| arg.get_long())
            .map(|long| format!("--{long}"))
            .collect();
        out.push((name.to_string(), flags));
        for sub in command.get_subcommands() {
            if sub.get_name() != "help" {
                walk(sub, &format!("{name} {}", sub.get_name()), out);
            }
        }
    }
    let mut command = Cli::command();
    command.build();
    let mut out = Vec::new();
    walk(&command, "herald", &mut out);
    out
}

#[test]
fn commands_md_has_every_command_and_flag() {
    let page = read("docs/commands.md");
    let all = commands_and_flags();
    assert!(all.len() >= 12, "{all:?}");
    for (command, flags) in all {
        assert!(
            page.contains(&format!("`{command}")),
            "docs/commands.md does not mention `{command}`"
        );
        for flag in flags {
            assert!(
                page.contains(&format!("`{flag}")),
                "docs/commands.md does not document `{command} {flag}`"
            );
        }
    }
}

fn docs_pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    pages.sort();
    pages
}

#[test]
fn the_readme_links_every_page_and_stays_short() {
    let readme = read("README.md");
    let pages = docs_pages();
    assert!(pages.len() >= 8, "{pages:?}");
    for page in pages
        .iter()
        .map(|p| format!("docs/{p}"))
        .chain(["ARCHITECTURE.md".into()])
    {
        assert!(
            readme.contains(&format!("]({page})")),
            "README.md does not link {page}"
        );
    }
    let lines = readme.lines().count();
    assert!(
        lines <= 260,
        "README.md has {lines} lines; the reference belongs in docs/"
    );
}

/// CI runs the README's test command.
#[test]
fn ci_runs_the_readmes_test_command() {
    let readme = read("README.md");
    let section = readme.split("\n## Test\n").nth(1).expect("a Test section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let ci = read(".ci/run");
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            ci.lines().any(|c| c.trim() == line.trim()),
            ".ci/run does not run `{line}`"
        );
    }
}

/// GitHub's anchor for a heading: lowercase, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

/// The markdown without its fenced blocks.
fn prose(markdown: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Relative links in the README and docs/ name files that exist, and headings that exist.
#[test]
fn every_link_lands() {
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut files: Vec<String> = docs_pages().iter().map(|p| format!("docs/{p}")).collect();
    files.push("README.md".into());
    let code_span = regex::Regex::new(r"`[^`]*`").unwrap();
    for file in files {
        let text = code_span.replace_all(&prose(&read(&file)), "").into_owned();
        let dir = Path::new(&file).parent().unwrap();
        for target in link.captures_iter(&text).map(|c| c[1].to_string()) {
            if target.starts_with("http") {
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path: PathBuf = if path.is_empty() {
                PathBuf::from(&file)
            } else {
                dir.join(path)
            };
            assert!(
                root().join(&path).exists(),
                "{file}: {target} does not exist"
            );
            if !fragment.is_empty() {
                let page = std::fs::read_to_string(root().join(&path)).unwrap();
                assert!(
                    anchors(&page).contains(&fragment.to_string()),
                    "{file}: {target} names no heading"
                );
            }
        }
    }
}

/// Copies `examples/<name>` (dotfiles included) into the repository's work tree.
fn copy_example(name: &str, to: &Path) {
    for entry in std::fs::read_dir(root().join("examples").join(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A repository laid out as the examples expect, with each example's files at its root.
fn example_repo(name: &str) -> TestRepo {
    let repo = TestRepo::new();
    // CI's clone has its origin (semantic-release stops without one).
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    copy_example(name, repo.path());
    let package = r#"{ "name": "part", "version": "1.4.2" }"#;
    repo.write("package.json", package);
    for dir in [
        "apps/express-api",
        "apps/client-ui",
        "packages/ui-library",
        "packages/macro-ai-api-client",
        "infrastructure",
        ".github/workflows",
    ] {
        repo.write(&format!("{dir}/package.json"), package);
    }
    // Released before, so its changelog has that release (commitizen reads it).
    repo.write(
        "CHANGELOG.md",
        "## v1.4.2 (2026-01-01)\n\n### Feat\n\n- first\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: initial commit");
    repo.tag("v1.4.2");
    repo.commit_file("apps/express-api/routes.js", "feat(api): add the v2 routes");
    repo.commit_file("apps/client-ui/app.js", "fix(ui): flicker on load");
    repo
}

fn no_warnings(what: &str, output: &std::process::Output) {
    let said = format!("{}{}", stdout(output), stderr(output));
    assert_eq!(code(output), 0, "{what}: {said}");
    for line in said.lines() {
        let line = line.trim_start().to_lowercase();
        assert!(
            !line.starts_with("warning")
                && !line.starts_with("error")
                && !line.starts_with("herald:"),
            "{what}: {said}"
        );
    }
}

#[test]
fn every_example_loads_without_a_warning() {
    let examples = [
        ("monorepo", "engine: herald (from herald.toml)"),
        (
            "semantic-release",
            "engine: semantic-release (from .releaserc.json)",
        ),
        (
            "release-please",
            "engine: release-please (from release-please-config.json)",
        ),
        ("commitizen", "engine: commitizen (from .cz.toml)"),
        ("cocogitto", "engine: cocogitto (from cog.toml)"),
        ("git-cliff", "engine: git-cliff (from cliff.toml)"),
    ];
    let mut found: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<String> = examples.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "every example folder is tested");
    for (name, engine) in examples {
        let repo = example_repo(name);
        let preview = repo.herald(&["preview", "-v"]);
        no_warnings(name, &preview);
        assert!(
            stdout(&preview).starts_with(engine),
            "{name}: {}",
            stdout(&preview)
        );
        assert!(
            stdout(&preview).contains("1.5.0"),
            "{name}: {}",
            stdout(&preview)
        );
        no_warnings(name, &repo.herald(&["check", "feat(api): add a route"]));
        no_warnings(name, &repo.herald(&["check", "--range", "v1.4.2..HEAD"]));
    }
}
