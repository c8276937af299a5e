//! `herald init`: a commented herald.toml for this repository, with components proposed
//! from its layout; with `--ci`, the CI files that run herald (see `ci`).

mod ci;

use std::path::Path;

use super::{Context, Outcome};
use crate::cli::InitArgs;
use crate::config::template::{self, Layout};
use crate::error::{Error, Result};
use crate::model::components::glob_set;
use crate::model::version::TagFormat;
use crate::repo::Repo;

/// Folders that conventionally hold one component per subfolder.
const COMPONENT_PARENTS: [&str; 5] = ["apps", "packages", "crates", "services", "libs"];
/// Folders that hold infrastructure code.
const INFRASTRUCTURE_DIRS: [&str; 4] = ["infrastructure", "infra", "terraform", "deploy"];
/// Never components.
const SKIPPED: [&str; 5] = ["node_modules", "target", ".git", "dist", "build"];

/// The top-level entry point for `herald init`.
pub fn run(args: &InitArgs, ctx: &Context) -> Result<Outcome> {
    if let Some(choice) = args.ci {
        return ci::run(args, choice, ctx);
    }
    let repo = Repo::discover()?;
    let root = repo
        .work_tree()
        .ok_or_else(|| {
            Error::Input("herald init needs a work tree; this repository is bare".into())
        })?
        .to_path_buf();
    let path = root.join("herald.toml");
    if path.exists() && !args.force {
        return Err(Error::Input(format!(
            "{} already exists; run `herald init --force` to replace it",
            path.display()
        )));
    }
    let layout = detect(&root, &repo)?;
    let text = template::render(&layout);
    crate::config::load_str(&text, &path)?;
    std::fs::write(&path, &text)
        .map_err(|e| Error::Write(format!("cannot write {}: {e}", path.display())))?;
    if !ctx.quiet {
        match layout.components.len() {
            0 => println!(
                "wrote {} (no components found: one version for the repository)",
                path.display()
            ),
            n => println!(
                "wrote {} with {n} components proposed from {}",
                path.display(),
                layout.sources.join(", ")
            ),
        }
    }
    Ok(Outcome::Success)
}

/// Reads the repository's layout: workspace declarations, conventional folders, tags.
pub fn detect(root: &Path, repo: &Repo) -> Result<Layout> {
    let mut layout = Layout::default();
    let mut dirs: Vec<String> = Vec::new();
    for (source, patterns) in workspace_declarations(root) {
        let found = expand(root, &patterns);
        if !found.is_empty() {
            layout.sources.push(source);
            dirs.extend(found);
        }
    }
    for parent in COMPONENT_PARENTS {
        let found = subdirectories(root, parent);
        if !found.is_empty() && !found.iter().all(|d| dirs.contains(d)) {
            layout.sources.push(format!("{parent}/*"));
            dirs.extend(found);
        }
    }
    dirs.sort();
    dirs.dedup();
    layout.components = name_components(&dirs);
    if let Some(infra) = INFRASTRUCTURE_DIRS.iter().find(|d| root.join(d).is_dir()) {
        let mut globs = vec![format!("{infra}/**")];
        if root.join(".github/workflows").is_dir() {
            globs.push(".github/workflows/**".to_string());
        }
        layout.components.push((infra.to_string(), globs));
        layout.sources.push(format!("{infra}/"));
    }
    layout.tag = tag_template(repo)?;
    layout.base = repo.head_branch();
    let files = crate::config::sources::WorkTree::new(root);
    let detected = crate::tools::detect(Some(&files), None, "")?;
    if detected.name != crate::model::EngineName::Herald {
        layout.engine = Some((detected.name.as_str().to_string(), detected.source));
    }
    layout.version_files = version_files(root, &dirs);
    Ok(layout)
}

/// Workspace globs from package.json, pnpm-workspace.yaml and Cargo.toml.
fn workspace_declarations(root: &Path) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    if let Ok(text) = std::fs::read_to_string(root.join("package.json")) {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
            let list = json["workspaces"]
                .as_array()
                .or_else(|| json["workspaces"]["packages"].as_array());
            if let Some(list) = list {
                let patterns = list
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_string)
                    .collect();
                found.push(("package.json workspaces".to_string(), patterns));
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(root.join("pnpm-workspace.yaml")) {
        if let Ok(doc) = crate::model::yaml::load(&text) {
            if let Some(list) = doc["packages"].as_vec() {
                let patterns = list
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_string)
                    .collect();
                found.push(("pnpm-workspace.yaml".to_string(), patterns));
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(root.join("Cargo.toml")) {
        if let Ok(table) = text.parse::<toml::Table>() {
            let members = table
                .get("workspace")
                .and_then(|w| w.get("members"))
                .and_then(|m| m.as_array());
            if let Some(members) = members {
                let patterns = members
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_string)
                    .collect();
                found.push(("Cargo.toml workspace".to_string(), patterns));
            }
        }
    }
    found
}

/// The folders (relative, `/`-separated) that match workspace globs; `!` patterns exclude.
fn expand(root: &Path, patterns: &[String]) -> Vec<String> {
    let (exclude, include): (Vec<String>, Vec<String>) = patterns
        .iter()
        .map(|p| p.trim_end_matches('/').trim_start_matches("./").to_string())
        .partition(|p| p.starts_with('!'));
    let exclude: Vec<String> = exclude.iter().map(|p| p[1..].to_string()).collect();
    let (Ok(include), Ok(exclude)) = (glob_set(&include), glob_set(&exclude)) else {
        return Vec::new();
    };
    let mut found: Vec<String> = folders(root, "", 3)
        .into_iter()
        .filter(|d| include.is_match(d) && !exclude.is_match(d))
        .collect();
    found.sort();
    found
}

/// Folders under `root` down to `depth` levels, skipping build output and hidden folders.
fn folders(root: &Path, prefix: &str, depth: usize) -> Vec<String> {
    if depth == 0 {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.join(prefix)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || name.starts_with('.') || SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        found.extend(folders(root, &path, depth - 1));
        found.push(path);
    }
    found
}

fn subdirectories(root: &Path, parent: &str) -> Vec<String> {
    let mut found: Vec<String> = folders(root, parent, 1);
    found.sort();
    found
}

/// A component per folder, named after it (with its parent when two share a name).
fn name_components(dirs: &[String]) -> Vec<(String, Vec<String>)> {
    let base = |d: &str| d.rsplit('/').next().unwrap_or(d).to_string();
    dirs.iter()
        .map(|dir| {
            let name = base(dir);
            let clash = dirs.iter().filter(|other| base(other) == name).count() > 1;
            let name = if clash { dir.replace('/', "-") } else { name };
            (name, vec![format!("{dir}/**")])
        })
        .collect()
}

/// The manifests that carry a version: at the root and in each component folder.
fn version_files(root: &Path, dirs: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in std::iter::once("").chain(dirs.iter().map(String::as_str)) {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        for name in ["package.json", "Cargo.toml", "pyproject.toml", "VERSION"] {
            let path = format!("{prefix}{name}");
            let Ok(text) = std::fs::read_to_string(root.join(&path)) else {
                continue;
            };
            if carries_version(name, &text) {
                found.push(path);
            }
        }
    }
    found
}

/// Whether a manifest states a version of its own.
fn carries_version(name: &str, text: &str) -> bool {
    match name {
        "package.json" => serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|json| json["version"].is_string()),
        "VERSION" => semver::Version::parse(text.trim()).is_ok(),
        _ => text.parse::<toml::Table>().is_ok_and(|table| {
            let version = |keys: &[&str]| {
                keys.iter()
                    .try_fold(&toml::Value::Table(table.clone()), |v, k| v.get(k))
                    .is_some_and(|v| v.is_str())
            };
            version(&["package", "version"])
                || version(&["workspace", "package", "version"])
                || version(&["project", "version"])
                || version(&["tool", "poetry", "version"])
        }),
    }
}

/// `v{version}` or `{version}`, whichever the repository's tags follow more.
fn tag_template(repo: &Repo) -> Result<Option<String>> {
    let mut best: Option<(usize, &str)> = None;
    for template in ["v{version}", "{version}"] {
        let (tags, _) = repo.version_tags(&TagFormat::new(template, None))?;
        if !tags.is_empty() && best.is_none_or(|(n, _)| tags.len() > n) {
            best = Some((tags.len(), template));
        }
    }
    Ok(best.map(|(_, t)| t.to_string()))
}
