//! The release tool CI runs, read from CI's own files: the Release Please GitHub App's
//! `.github/release-please.yml`, GitHub Actions workflows that use a release tool's action
//! or run its command, and GitLab CI jobs that run one. Many teams name their tool only
//! there, with its options as the step's inputs.

use std::collections::BTreeMap;

use yaml_rust2::Yaml;

use crate::model::files::{Files, join};
use crate::model::{ConfigError, EngineName};

/// A place in CI that runs a release tool, and what it passes to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiUse {
    pub tool: EngineName,
    /// For people: `.github/workflows/release.yml, job release, step 2`.
    pub place: String,
    /// The file it is in.
    pub file: String,
    /// The step's inputs (an action's `with:`, the App's keys), by name.
    pub inputs: BTreeMap<String, String>,
}

/// The Release Please GitHub App's configuration.
pub const APP_FILE: &str = ".github/release-please.yml";
const WORKFLOWS: &str = ".github/workflows";
const GITLAB_FILE: &str = ".gitlab-ci.yml";

/// Every release tool CI runs, in the order detection trusts them: the App's file, the
/// workflows (by file name), then GitLab CI.
pub fn scan(files: &dyn Files) -> Result<Vec<CiUse>, ConfigError> {
    let mut found = Vec::new();
    if let Some(text) = files.read(APP_FILE)? {
        let yaml = load(APP_FILE, &text)?;
        found.push(CiUse {
            tool: EngineName::ReleasePlease,
            place: APP_FILE.to_string(),
            file: APP_FILE.to_string(),
            inputs: scalars(&yaml),
        });
    }
    for name in files.list(WORKFLOWS) {
        if !(name.ends_with(".yml") || name.ends_with(".yaml")) {
            continue;
        }
        let path = join(WORKFLOWS, &name);
        let Some(text) = files.read(&path)? else {
            continue;
        };
        found.extend(workflow(&path, &load(&path, &text)?, files));
    }
    if let Some(text) = files.read(GITLAB_FILE)? {
        found.extend(gitlab(GITLAB_FILE, &load(GITLAB_FILE, &text)?, files));
    }
    Ok(found)
}

fn load(path: &str, text: &str) -> Result<Yaml, ConfigError> {
    crate::model::yaml::load(text).map_err(|e| ConfigError {
        path: path.into(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// The release tools a GitHub Actions workflow's steps use or run.
fn workflow(path: &str, yaml: &Yaml, files: &dyn Files) -> Vec<CiUse> {
    let mut found = Vec::new();
    let Some(jobs) = yaml["jobs"].as_hash() else {
        return found;
    };
    for (job, body) in jobs {
        let job = key_text(job);
        let Some(steps) = body["steps"].as_vec() else {
            continue;
        };
        for (index, step) in steps.iter().enumerate() {
            let place = format!("{path}, job {job}, step {}", index + 1);
            let inputs = scalars(&step["with"]);
            let tool = match step["uses"].as_str() {
                Some(action) => action_tool(action, &inputs),
                None => step["run"]
                    .as_str()
                    .and_then(|run| command_tool(run, files)),
            };
            if let Some(tool) = tool {
                found.push(CiUse {
                    tool,
                    place,
                    file: path.to_string(),
                    inputs,
                });
            }
        }
    }
    found
}

/// Keys a GitLab CI file uses for settings rather than jobs.
const GITLAB_KEYWORDS: [&str; 10] = [
    "stages",
    "variables",
    "default",
    "include",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
];

/// The release tools GitLab CI jobs run.
fn gitlab(path: &str, yaml: &Yaml, files: &dyn Files) -> Vec<CiUse> {
    let mut found = Vec::new();
    let Some(jobs) = yaml.as_hash() else {
        return found;
    };
    for (job, body) in jobs {
        let job = key_text(job);
        if GITLAB_KEYWORDS.contains(&job.as_str()) || job.starts_with('.') {
            continue;
        }
        let lines: Vec<&str> = ["before_script", "script"]
            .iter()
            .flat_map(|key| match &body[*key] {
                Yaml::String(line) => vec![line.as_str()],
                Yaml::Array(lines) => lines.iter().filter_map(Yaml::as_str).collect(),
                _ => Vec::new(),
            })
            .collect();
        if let Some(tool) = command_tool(&lines.join("\n"), files) {
            found.push(CiUse {
                tool,
                place: format!("{path}, job {job}"),
                file: path.to_string(),
                inputs: BTreeMap::new(),
            });
        }
    }
    found
}

/// The release tool an action is, given its inputs (`owner/name@ref`).
fn action_tool(action: &str, inputs: &BTreeMap<String, String>) -> Option<EngineName> {
    let name = action
        .split('@')
        .next()
        .unwrap_or(action)
        .to_ascii_lowercase();
    let input = |key: &str| inputs.get(key).map(String::as_str).unwrap_or("");
    match name.as_str() {
        "googleapis/release-please-action" | "google-github-actions/release-please-action" => {
            Some(EngineName::ReleasePlease)
        }
        "cycjimmy/semantic-release-action" | "codfish/semantic-release-action" => {
            Some(EngineName::SemanticRelease)
        }
        "commitizen-tools/commitizen-action" => Some(EngineName::Commitizen),
        // The action only checks messages unless asked to release.
        "cocogitto/cocogitto-action" => (input("release") == "true"
            || input("command").contains("bump"))
        .then_some(EngineName::Cocogitto),
        // git-cliff versions only with `--bump` or `--bumped-version`.
        "orhun/git-cliff-action" => has_bump_flag(input("args")).then_some(EngineName::GitCliff),
        _ => None,
    }
}

/// The release tool a shell script runs, following `npm run NAME` (and yarn's, pnpm's)
/// into `package.json`'s scripts.
fn command_tool(script: &str, files: &dyn Files) -> Option<EngineName> {
    if let Some(tool) = script_tool(script) {
        return Some(tool);
    }
    let scripts = package_scripts(files);
    script
        .split(['\n', ';', '&', '|'])
        .filter_map(run_script_name)
        .find_map(|name| scripts.get(name).and_then(|text| script_tool(text)))
}

/// The release tool a command line names.
fn script_tool(script: &str) -> Option<EngineName> {
    for command in script.split(['\n', ';', '&', '|']) {
        let words: Vec<&str> = command.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let program = word.rsplit('/').next().unwrap_or(word);
            let program = program.split('@').next().unwrap_or(program);
            let rest = &words[i + 1..];
            let tool = match program {
                // herald's preview and changelog mirror whichever tool publishes (the
                // workflows `herald init --ci` writes run them beside semantic-release);
                // only `herald release` publishes.
                "herald" if rest.first() == Some(&"release") => Some(EngineName::Herald),
                "semantic-release" if !word.starts_with('@') => Some(EngineName::SemanticRelease),
                "release-please" => Some(EngineName::ReleasePlease),
                "cz" | "commitizen" if rest.contains(&"bump") => Some(EngineName::Commitizen),
                "cog" if rest.contains(&"bump") => Some(EngineName::Cocogitto),
                "git-cliff" if has_bump_flag(&rest.join(" ")) => Some(EngineName::GitCliff),
                _ => None,
            };
            if tool.is_some() {
                return tool;
            }
        }
    }
    None
}

fn has_bump_flag(args: &str) -> bool {
    args.split_whitespace()
        .any(|a| a == "--bump" || a.starts_with("--bump=") || a == "--bumped-version")
}

/// `NAME` of `npm run NAME`, `yarn NAME`, `pnpm run NAME`, `pnpm NAME`, `bun run NAME`.
fn run_script_name(command: &str) -> Option<&str> {
    let words: Vec<&str> = command.split_whitespace().collect();
    match words.as_slice() {
        [
            "npm" | "pnpm" | "bun" | "yarn",
            "run" | "run-script",
            name,
            ..,
        ] => Some(name),
        ["yarn" | "pnpm", name, ..] if !name.starts_with('-') => Some(name),
        _ => None,
    }
}

/// `package.json`'s scripts.
fn package_scripts(files: &dyn Files) -> BTreeMap<String, String> {
    let Ok(Some(text)) = files.read("package.json") else {
        return BTreeMap::new();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return BTreeMap::new();
    };
    json.get("scripts")
        .and_then(|s| s.as_object())
        .map(|scripts| {
            scripts
                .iter()
                .filter_map(|(name, text)| Some((name.clone(), text.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// A mapping's scalar values as text (booleans and numbers as written).
fn scalars(yaml: &Yaml) -> BTreeMap<String, String> {
    yaml.as_hash()
        .map(|hash| {
            hash.iter()
                .filter_map(|(key, value)| {
                    let text = match value {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(n) => n.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key_text(key), text))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(n) => n.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::files::MemoryFiles;

    fn scan_one(path: &str, text: &str) -> Vec<CiUse> {
        scan(&MemoryFiles::new([(path, text)])).unwrap()
    }

    #[test]
    fn actions_and_their_inputs() {
        let found = scan_one(
            ".github/workflows/release.yml",
            "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: googleapis/release-please-action@v4\n        with:\n          release-type: node\n          package-name: app\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tool, EngineName::ReleasePlease);
        assert_eq!(
            found[0].place,
            ".github/workflows/release.yml, job release, step 2"
        );
        assert_eq!(found[0].inputs["release-type"], "node");
        let cog = "jobs:\n  j:\n    steps:\n      - uses: cocogitto/cocogitto-action@v3\n        with:\n          check: true\n";
        assert!(
            scan_one(".github/workflows/c.yml", cog).is_empty(),
            "a check is no release"
        );
        let cog = cog.replace("check: true", "release: true");
        assert_eq!(
            scan_one(".github/workflows/c.yml", &cog)[0].tool,
            EngineName::Cocogitto
        );
    }

    #[test]
    fn commands_in_run_steps_and_gitlab_jobs() {
        let run = |script: &str| script_tool(script);
        assert_eq!(
            run("npx semantic-release"),
            Some(EngineName::SemanticRelease)
        );
        assert_eq!(
            run("npx -y semantic-release@24 --dry-run"),
            Some(EngineName::SemanticRelease)
        );
        assert_eq!(run("npm i -D @semantic-release/git"), None);
        assert_eq!(run("cz bump --yes"), Some(EngineName::Commitizen));
        assert_eq!(run("cz check --rev-range HEAD"), None);
        assert_eq!(run("cog bump --auto"), Some(EngineName::Cocogitto));
        assert_eq!(run("git-cliff -o CHANGELOG.md"), None);
        assert_eq!(
            run("git-cliff --bumped-version"),
            Some(EngineName::GitCliff)
        );
        assert_eq!(run("herald release --yes"), Some(EngineName::Herald));
        assert_eq!(run("herald preview --against origin/main"), None);
        assert_eq!(run("herald changelog --output CHANGELOG.md"), None);
        let gitlab = scan_one(
            ".gitlab-ci.yml",
            "stages: [release]\nrelease:\n  stage: release\n  script:\n    - npm ci\n    - npx semantic-release\n",
        );
        assert_eq!(gitlab[0].tool, EngineName::SemanticRelease);
        assert_eq!(gitlab[0].place, ".gitlab-ci.yml, job release");
    }

    #[test]
    fn npm_scripts_are_followed() {
        let files = MemoryFiles::new([
            (
                "package.json",
                r#"{ "scripts": { "release": "semantic-release --ci" } }"#,
            ),
            (
                ".github/workflows/r.yml",
                "jobs:\n  r:\n    steps:\n      - run: npm ci && npm run release\n",
            ),
        ]);
        assert_eq!(scan(&files).unwrap()[0].tool, EngineName::SemanticRelease);
    }

    #[test]
    fn the_app_file() {
        let found = scan_one(
            APP_FILE,
            "releaseType: python\nprimaryBranch: main\nbumpMinorPreMajor: true\n",
        );
        assert_eq!(found[0].tool, EngineName::ReleasePlease);
        assert_eq!(found[0].inputs["releaseType"], "python");
        assert_eq!(found[0].inputs["bumpMinorPreMajor"], "true");
    }
}
