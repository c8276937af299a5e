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
use crate::model::version_file;
use crate::repo::Repo;

/// Folders that conventionally hold one component per subfolder.
const COMPONENT_PARENTS: [&str; 5] = ["apps", "packages", "crates", "services", "libs"];
/// Folders that hold infrastructure code.
const INFRASTRUCTURE_DIRS: [&str; 4] = ["infrastructure", "infra", "terraform", "deploy"];
/// Folders of CI workflows, and the component each becomes.
const WORKFLOW_DIRS: [(&str, &str); 2] =
    [(".github/workflows", "workflows"), (".gitlab", "gitlab-ci")];
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
    // `--config FILE` names the file every command reads: init writes that one.
    let path = ctx
        .config_path
        .clone()
        .unwrap_or_else(|| root.join("herald.toml"));
    if path.exists() && !args.force {
        return Err(Error::Input(format!(
            "{} already exists; run `herald init --force` to replace it",
            path.display()
        )));
    }
    let layout = detect(&root, &repo)?;
    let text = template::render(&layout);
    crate::config::load_str(&text, &path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::Write(format!("cannot create {}: {e}", parent.display())))?;
    }
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
        for (file, version) in &layout.other_version_files {
            println!(
                "  left out {file} (at {version}, not {}): its own version; see the comment in the file",
                layout.released.as_deref().unwrap_or("the others' version")
            );
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
    layout.cross_stack = cross_stack(&dirs, &layout.components);
    if let Some(infra) = INFRASTRUCTURE_DIRS.iter().find(|d| root.join(d).is_dir()) {
        layout
            .components
            .push((infra.to_string(), vec![format!("{infra}/**")]));
        layout.sources.push(format!("{infra}/"));
    }
    // Workflows are a component of their own: a change to CI is not a change to what
    // infrastructure deploys, and must not fall under its major rule.
    for (dir, name) in WORKFLOW_DIRS {
        if root.join(dir).is_dir() {
            layout
                .components
                .push((name.to_string(), vec![format!("{dir}/**")]));
            layout.sources.push(format!("{dir}/"));
        }
    }
    layout.name = root_name(root);
    let tags = release_tags(repo)?;
    layout.tag = tags.as_ref().map(|(template, _)| template.clone());
    layout.released = tags.map(|(_, version)| version.to_string());
    layout.base = repo.head_branch();
    let files = crate::config::sources::WorkTree::new(root);
    let detected = crate::tools::detect(Some(&files), None, "")?;
    if detected.name != crate::model::EngineName::Herald {
        layout.engine = Some((detected.name.as_str().to_string(), detected.source));
    }
    let found = version_files(root, &dirs);
    let agreed = agreed_version(&found, layout.released.as_deref());
    layout.shared_version = agreed.clone();
    for (file, version) in found {
        if Some(&version) == agreed.as_ref() {
            layout.version_files.push(file);
        } else {
            layout.other_version_files.push((file, version));
        }
    }
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

/// The manifests that state a version, with it: at the root and in each component folder.
fn version_files(root: &Path, dirs: &[String]) -> Vec<(String, String)> {
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
            if let Some(version) = stated_version(&path, &text) {
                found.push((path, version));
            }
        }
    }
    found
}

/// The version a manifest states, read as `herald release` reads it.
fn stated_version(path: &str, text: &str) -> Option<String> {
    let kind = version_file::Kind::of(path, None)?;
    let spots = version_file::spots(&kind, text).ok()?;
    spots.into_iter().next().map(|spot| spot.value)
}

/// The version the proposed version files share: the last release's when there is one,
/// else the root manifest's (the first found), else the most common.
fn agreed_version(found: &[(String, String)], released: Option<&str>) -> Option<String> {
    if let Some(released) = released {
        return Some(released.to_string());
    }
    let root = found.iter().find(|(path, _)| !path.contains('/'));
    if let Some((_, version)) = root {
        return Some(version.clone());
    }
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for (_, version) in found {
        match counts.iter_mut().find(|(v, _)| *v == version) {
            Some((_, n)) => *n += 1,
            None => counts.push((version, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(v, _)| v.clone())
}

/// The name the root manifest gives the project, and which manifest said it.
fn root_name(root: &Path) -> Option<(String, String)> {
    let read = |file: &str| std::fs::read_to_string(root.join(file)).ok();
    if let Some(text) = read("package.json") {
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        if let Some(name) = json["name"].as_str().filter(|n| !n.trim().is_empty()) {
            return Some((name.to_string(), "package.json".into()));
        }
    }
    let toml_name = |file: &str, keys: &[&[&str]]| {
        let table = toml::Value::Table(read(file)?.parse::<toml::Table>().ok()?);
        keys.iter().find_map(|path| {
            let value = path.iter().try_fold(&table, |v, k| v.get(k))?;
            value
                .as_str()
                .map(|name| (name.to_string(), file.to_string()))
        })
    };
    toml_name("Cargo.toml", &[&["package", "name"]]).or_else(|| {
        toml_name(
            "pyproject.toml",
            &[&["project", "name"], &["tool", "poetry", "name"]],
        )
    })
}

/// A backend and a frontend app, when the layout has both: the cross-stack rule's
/// components. Apps live under `apps/` or `services/`; their names say which side.
fn cross_stack(dirs: &[String], components: &[(String, Vec<String>)]) -> Option<(String, String)> {
    const BACKEND: [&str; 5] = ["api", "server", "backend", "service", "worker"];
    const FRONTEND: [&str; 6] = ["ui", "web", "client", "frontend", "site", "app"];
    let apps: Vec<(&str, &str)> = dirs
        .iter()
        .zip(components)
        .filter(|(dir, _)| dir.starts_with("apps/") || dir.starts_with("services/"))
        .map(|(dir, (name, _))| (dir.rsplit('/').next().unwrap_or(dir), name.as_str()))
        .collect();
    let says = |folder: &str, words: &[&str]| {
        folder
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| words.contains(&word.to_ascii_lowercase().as_str()))
    };
    let backend = apps.iter().find(|(folder, _)| says(folder, &BACKEND))?;
    let frontend = apps
        .iter()
        .find(|(folder, name)| name != &backend.1 && says(folder, &FRONTEND))?;
    Some((backend.1.to_string(), frontend.1.to_string()))
}

/// `v{version}` or `{version}`, whichever the repository's tags follow more, with the
/// highest release among them.
fn release_tags(repo: &Repo) -> Result<Option<(String, semver::Version)>> {
    let mut best: Option<(usize, &str, semver::Version)> = None;
    for template in ["v{version}", "{version}"] {
        let (tags, _) = repo.version_tags(&TagFormat::new(template, None))?;
        let highest = tags
            .iter()
            .map(|tag| &tag.version)
            .filter(|version| version.pre.is_empty())
            .max();
        if let Some(highest) = highest {
            if best.as_ref().is_none_or(|(n, _, _)| tags.len() > *n) {
                best = Some((tags.len(), template, highest.clone()));
            }
        }
    }
    Ok(best.map(|(_, template, version)| (template.to_string(), version)))
}
