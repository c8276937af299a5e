//! The CI files `herald init --ci` writes, tested as CI runs them: the GitHub workflows
//! pass the schema validator (`@action-validator/cli`, and actionlint where it is on
//! PATH), and every `run:` step runs, in order, against a real repository with a bare
//! `origin`, with the environment GitHub gives, the `${{ … }}` expressions the templates
//! use substituted, and stand-ins for `gh` and `cargo` that record their arguments.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestRepo, code, herald_bin, machine_path, stderr, stdout};
use yaml_rust2::Yaml;

const VALIDATOR_VERSION: &str = "0.6.0";
const HERALD_GIT: &str = "https://git.example.com/tools/herald.git";

/// A team's repository on its way to production: `main` released as 1.0.0 with a fix
/// since, `staging` where pull requests land, and a pull request from `feature`.
struct World {
    origin: TestRepo,
    dev: TestRepo,
}

impl World {
    fn new(files: &[(&str, &str)]) -> World {
        let origin = TestRepo::bare();
        let dev = TestRepo::new();
        for (path, text) in files {
            dev.write(path, text);
            dev.git(&["add", path]);
        }
        dev.git(&["remote", "add", "origin", origin.path().to_str().unwrap()]);
        dev.commit("chore: initial commit").annotated_tag("v1.0.0");
        dev.commit("fix(db): reconnect after a timeout");
        dev.git(&["push", "-q", "origin", "main", "--tags"]);
        dev.git(&["push", "-q", "origin", "main:staging"]);
        dev.git(&["checkout", "-q", "-b", "feature", "origin/staging"]);
        World { origin, dev }
    }

    /// Writes the CI files with herald itself, as a developer would, and returns one.
    fn init(&self, ci: &str) {
        let output = self
            .dev
            .herald(&["init", "--ci", ci, "--herald-git", HERALD_GIT]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }

    fn workflow(&self, name: &str) -> (String, Yaml) {
        let text =
            std::fs::read_to_string(self.dev.path().join(".github/workflows").join(name)).unwrap();
        let yaml = yaml_rust2::YamlLoader::load_from_str(&text)
            .unwrap()
            .remove(0);
        (text, yaml)
    }

    /// What actions/checkout leaves: a clone of origin with every branch and tag
    /// (`fetch-depth: 0`), at `rev`.
    fn checkout(&self, name: &str, rev: &str) -> PathBuf {
        let dir = self.dev.scratch(name);
        let _ = std::fs::remove_dir_all(&dir);
        self.dev.git_in(
            &self.dev.scratch(""),
            &[
                "clone",
                "-q",
                self.origin.path().to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        self.dev.git_in(&dir, &["checkout", "-q", "--detach", rev]);
        dir
    }

    fn origin_refs(&self) -> String {
        self.origin.git(&[
            "for-each-ref",
            "--format=%(refname)",
            "refs/heads",
            "refs/tags",
        ])
    }
}

/// Runs the jobs of a workflow as GitHub would, one `run:` step after another.
struct Runner<'w> {
    world: &'w World,
    /// Where the stand-ins record their calls.
    log: PathBuf,
    /// The runner's home: herald is installed into its `.cargo/bin`.
    home: PathBuf,
    /// Values for the expressions the templates use, beyond steps' and jobs' outputs.
    context: BTreeMap<String, String>,
    /// Every job's outputs, for `needs.<job>.outputs.<key>`.
    needs: BTreeMap<String, BTreeMap<String, String>>,
    summary: String,
    event: PathBuf,
    base_env: Vec<(String, String)>,
}

/// How one step ended.
struct StepResult {
    name: String,
    code: i32,
    output: String,
}

impl<'w> Runner<'w> {
    fn new(world: &'w World, event: serde_json::Value, context: &[(&str, &str)]) -> Runner<'w> {
        let root = world.dev.scratch("runner");
        let _ = std::fs::remove_dir_all(&root);
        let bin = root.join("bin");
        let home = root.join("home");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(home.join(".cargo/bin")).unwrap();
        let log = root.join("calls.log");
        stand_in(
            &bin.join("gh"),
            &format!(
                r#"{{ printf 'gh'; for a in "$@"; do printf ' [%s]' "$a"; done; printf ' token=%s\n' "${{GH_TOKEN:+set}}"; }} >> "{log}"
previous=
for a in "$@"; do
  if [ "$previous" = --notes-file ]; then cp "$a" "{log}.notes"; fi
  previous=$a
done"#,
                log = log.display()
            ),
        );
        stand_in(
            &bin.join("cargo"),
            &format!(
                r#"{{ printf 'cargo'; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\n'; }} >> "{log}"
cp "{herald}" "$HOME/.cargo/bin/herald""#,
                log = log.display(),
                herald = herald_bin().display()
            ),
        );
        let event_path = root.join("event.json");
        std::fs::write(&event_path, event.to_string()).unwrap();
        let mut context: BTreeMap<String, String> = context
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        context.insert("github.repository".into(), "acme/app".into());
        context.insert("github.token".into(), "ghs_token".into());
        context.insert("runner.os".into(), "Linux".into());
        let path = format!(
            "{}:{}:{}",
            bin.display(),
            home.join(".cargo/bin").display(),
            machine_path()
        );
        let mut base_env: Vec<(String, String)> = world
            .dev
            .env()
            .into_iter()
            .filter(|(k, _)| !k.starts_with("HERALD"))
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        base_env.extend([
            ("PATH".to_string(), path),
            ("HOME".to_string(), home.display().to_string()),
            ("CI".to_string(), "true".to_string()),
            ("GITHUB_ACTIONS".to_string(), "true".to_string()),
            ("GITHUB_REPOSITORY".to_string(), "acme/app".to_string()),
            ("GITHUB_TOKEN".to_string(), "ghs_token".to_string()),
            (
                "GITHUB_EVENT_PATH".to_string(),
                event_path.display().to_string(),
            ),
            ("RUNNER_OS".to_string(), "Linux".to_string()),
            (
                "RUNNER_TEMP".to_string(),
                root.join("tmp").display().to_string(),
            ),
        ]);
        std::fs::create_dir_all(root.join("tmp")).unwrap();
        Runner {
            world,
            log,
            home,
            context,
            needs: BTreeMap::new(),
            summary: String::new(),
            event: event_path,
            base_env,
        }
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Runs `job` of `workflow` in `checkout`, with `github_env` (GITHUB_REF and friends);
    /// returns every step's result, stopping at the first that fails, as GitHub does.
    fn job(
        &mut self,
        workflow: &Yaml,
        job: &str,
        checkout: &Path,
        github_env: &[(&str, &str)],
    ) -> Vec<StepResult> {
        let spec = &workflow["jobs"][job];
        assert!(!spec.is_badvalue(), "no job {job}");
        let mut env = self.base_env.clone();
        env.extend(
            github_env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        let mut workflow_env = BTreeMap::new();
        for (key, value) in mapping(&workflow["env"]) {
            let value = self.expand(&value, &BTreeMap::new(), &workflow_env);
            workflow_env.insert(key.clone(), value.clone());
            env.push((key, value));
        }
        let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut results = Vec::new();
        for (index, step) in spec["steps"].as_vec().unwrap().iter().enumerate() {
            if let Some(action) = step["uses"].as_str() {
                check_action(action, step);
                continue;
            }
            if let Some(condition) = step["if"].as_str() {
                if self.expand(&format!("${{{{ {condition} }}}}"), &outputs, &workflow_env)
                    != "true"
                {
                    continue;
                }
            }
            let name = step["name"].as_str().unwrap_or("run").to_string();
            let script = self.expand(step["run"].as_str().unwrap(), &outputs, &workflow_env);
            let step_dir = self.world.dev.scratch(&format!("runner/{job}-{index}"));
            std::fs::create_dir_all(&step_dir).unwrap();
            let output_file = step_dir.join("output");
            let summary_file = step_dir.join("summary");
            std::fs::write(&output_file, "").unwrap();
            std::fs::write(&summary_file, "").unwrap();
            let script_file = step_dir.join("script.sh");
            std::fs::write(&script_file, &script).unwrap();
            let mut command = Command::new("bash");
            command
                .arg("-e")
                .arg(&script_file)
                .current_dir(checkout)
                .env_clear()
                .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .env("GITHUB_OUTPUT", &output_file)
                .env("GITHUB_STEP_SUMMARY", &summary_file);
            for (key, value) in mapping(&step["env"]) {
                command.env(key, self.expand(&value, &outputs, &workflow_env));
            }
            let result = command.output().unwrap();
            self.summary
                .push_str(&std::fs::read_to_string(&summary_file).unwrap());
            if let Some(id) = step["id"].as_str() {
                outputs.insert(
                    id.to_string(),
                    parse_outputs(&std::fs::read_to_string(&output_file).unwrap()),
                );
            }
            let failed = !result.status.success();
            results.push(StepResult {
                name,
                code: code(&result),
                output: format!("{}{}", stdout(&result), stderr(&result)),
            });
            if failed {
                return results;
            }
        }
        let job_outputs = mapping(&spec["outputs"])
            .into_iter()
            .map(|(k, v)| (k, self.expand(&v, &outputs, &workflow_env)))
            .collect();
        self.needs.insert(job.to_string(), job_outputs);
        results
    }

    /// Substitutes every `${{ … }}` the templates use; an unknown one fails the test.
    fn expand(
        &self,
        text: &str,
        steps: &BTreeMap<String, BTreeMap<String, String>>,
        workflow_env: &BTreeMap<String, String>,
    ) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("a closed expression") + start;
            let expression = rest[start + 3..end].trim();
            out.push_str(&self.evaluate(expression, steps, workflow_env));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn evaluate(
        &self,
        expression: &str,
        steps: &BTreeMap<String, BTreeMap<String, String>>,
        workflow_env: &BTreeMap<String, String>,
    ) -> String {
        if let Some((left, right)) = expression.split_once(" == ") {
            let left = self.evaluate(left.trim(), steps, workflow_env);
            let right = self.evaluate(right.trim(), steps, workflow_env);
            return (left == right).to_string();
        }
        let parts: Vec<&str> = expression.split('.').collect();
        match parts[..] {
            ["steps", id, "outputs", key] => steps
                .get(id)
                .and_then(|o| o.get(key))
                .cloned()
                .unwrap_or_default(),
            ["needs", job, "outputs", key] => self
                .needs
                .get(job)
                .and_then(|o| o.get(key))
                .cloned()
                .unwrap_or_default(),
            ["env", key] => workflow_env.get(key).cloned().unwrap_or_default(),
            _ if expression == "join(github.event.pull_request.labels.*.name, ',')" => {
                let event: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&self.event).unwrap()).unwrap();
                event["pull_request"]["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["name"].as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(",")
            }
            _ => self
                .context
                .get(expression)
                .unwrap_or_else(|| panic!("the test knows no value for `{expression}`"))
                .clone(),
        }
    }
}

/// The `uses:` steps: the actions the test stands in for, with the inputs that matter.
fn check_action(action: &str, step: &Yaml) {
    let (name, pin) = action.split_once('@').unwrap();
    assert!(
        pin.len() == 40 && pin.chars().all(|c| c.is_ascii_hexdigit()),
        "{action} is pinned to a full commit"
    );
    match name {
        "actions/checkout" => {
            assert_eq!(step["with"]["fetch-depth"].as_i64(), Some(0), "{action}")
        }
        "actions/cache" => assert_eq!(
            step["with"]["path"].as_str(),
            Some("~/.cargo/bin/herald"),
            "{action}"
        ),
        _ => panic!("the test does not stand in for {action}"),
    }
}

fn mapping(yaml: &Yaml) -> Vec<(String, String)> {
    let Some(hash) = yaml.as_hash() else {
        return Vec::new();
    };
    hash.iter()
        .map(|(k, v)| {
            let value = match v {
                Yaml::String(s) => s.clone(),
                Yaml::Integer(i) => i.to_string(),
                Yaml::Boolean(b) => b.to_string(),
                other => panic!("unexpected value {other:?}"),
            };
            (k.as_str().unwrap().to_string(), value)
        })
        .collect()
}

/// `key=value` lines and `key<<DELIMITER` blocks, as GitHub reads `$GITHUB_OUTPUT`.
fn parse_outputs(text: &str) -> BTreeMap<String, String> {
    let mut outputs = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((key, delimiter)) = line.split_once("<<") {
            let mut value = Vec::new();
            for line in lines.by_ref() {
                if line == delimiter {
                    break;
                }
                value.push(line);
            }
            outputs.insert(key.to_string(), value.join("\n"));
        } else if let Some((key, value)) = line.split_once('=') {
            outputs.insert(key.to_string(), value.to_string());
        }
    }
    outputs
}

fn stand_in(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn pull_request_event(world: &World, title: &str, labels: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "title": title,
            "body": "",
            "labels": labels.iter().map(|l| serde_json::json!({ "name": l })).collect::<Vec<_>>(),
            "head": { "sha": world.dev.head(), "ref": "feature", "repo": { "full_name": "acme/app" } },
            "base": { "ref": "staging", "repo": { "full_name": "acme/app" } },
        }
    })
}

fn pull_request_context(world: &World, event: &serde_json::Value) -> Vec<(String, String)> {
    let pr = &event["pull_request"];
    vec![
        ("github.event.pull_request.number".into(), "7".into()),
        (
            "github.event.pull_request.head.sha".into(),
            world.dev.head(),
        ),
        (
            "github.event.pull_request.title".into(),
            pr["title"].as_str().unwrap().into(),
        ),
        ("github.event.pull_request.body".into(), String::new()),
        (
            "github.event.pull_request.head.repo.full_name".into(),
            "acme/app".into(),
        ),
    ]
}

const PULL_REQUEST_ENV: [(&str, &str); 3] = [
    ("GITHUB_BASE_REF", "staging"),
    ("GITHUB_HEAD_REF", "feature"),
    ("GITHUB_REF", "refs/pull/7/merge"),
];

fn assert_steps_pass(results: &[StepResult]) {
    for step in results {
        assert_eq!(
            step.code, 0,
            "step `{}` failed:\n{}",
            step.name, step.output
        );
    }
}

/// Runs the pull-request workflow for the branch pushed to origin.
fn run_pull_request<'w>(
    world: &'w World,
    title: &str,
    labels: &[&str],
) -> (Runner<'w>, Vec<StepResult>) {
    world.dev.git(&["push", "-q", "-f", "origin", "feature"]);
    let event = pull_request_event(world, title, labels);
    let context = pull_request_context(world, &event);
    let context: Vec<(&str, &str)> = context
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut runner = Runner::new(world, event, &context);
    let (_, workflow) = world.workflow("herald-pull-request.yml");
    let checkout = world.checkout("pr-checkout", &world.dev.head());
    let results = runner.job(&workflow, "herald", &checkout, &PULL_REQUEST_ENV);
    (runner, results)
}

#[test]
fn the_pull_request_workflow_checks_previews_and_labels() {
    let world = World::new(&[]);
    world.dev.commit("feat(api)!: drop v1");
    world.dev.commit("fix(api): typo in a route");
    world.init("github");
    let (runner, results) = run_pull_request(&world, "Drop v1", &["documentation", "needs-review"]);
    assert_steps_pass(&results);
    let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Install herald",
            "Check the commits",
            "Preview the release",
            "Label the pull request"
        ]
    );
    assert!(
        runner.summary.contains(
            "next release: 1.0.1 on origin/staging → 2.0.0 with this branch (BREAKING in "
        ),
        "{}",
        runner.summary
    );
    let calls = runner.calls();
    assert_eq!(
        calls[0],
        format!(
            "cargo [install] [--locked] [--git] [{HERALD_GIT}] [--tag] [v{}] [git-herald]",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(
        calls[1..],
        [
            "gh [label] [list] [--limit] [1000] [--json] [name] [--jq] [.[].name] token=set",
            "gh [label] [create] [breaking-change] [--description] [set by herald from the commits] token=set",
            "gh [label] [create] [bugfix] [--description] [set by herald from the commits] token=set",
            "gh [label] [create] [feature] [--description] [set by herald from the commits] token=set",
            "gh [pr] [edit] [7] [--add-label] [breaking-change,bugfix,feature] [--remove-label] [documentation] token=set",
        ]
    );
    // herald was installed once, into the runner's cargo bin.
    assert!(runner.home.join(".cargo/bin/herald").exists());
}

#[test]
fn the_preview_step_writes_its_outputs_to_github_output() {
    let world = World::new(&[]);
    world.dev.commit("feat(ui): dark mode");
    world.init("github");
    let (_, workflow) = world.workflow("herald-pull-request.yml");
    let event = pull_request_event(&world, "feat(ui): dark mode", &[]);
    world.dev.git(&["push", "-q", "origin", "feature"]);
    let context = pull_request_context(&world, &event);
    let context: Vec<(&str, &str)> = context
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut runner = Runner::new(&world, event, &context);
    let checkout = world.checkout("pr-checkout", &world.dev.head());
    // The steps' outputs, as later steps and jobs read them.
    let results = runner.job(&workflow, "herald", &checkout, &PULL_REQUEST_ENV);
    assert_steps_pass(&results);
    let outputs = parse_outputs(
        &std::fs::read_to_string(world.dev.scratch("runner/herald-4/output")).unwrap(),
    );
    assert_eq!(outputs["version"], "1.1.0");
    assert_eq!(outputs["base_version"], "1.0.1");
    assert_eq!(outputs["delta_changed"], "true");
    assert_eq!(outputs["labels"], "feature");
    assert!(outputs["changelog"].contains("* **ui:** dark mode"));
    let calls = runner.calls();
    assert_eq!(
        calls.last().unwrap(),
        "gh [pr] [edit] [7] [--add-label] [feature] token=set"
    );
}

#[test]
fn a_pull_request_whose_commits_fail_the_check_stops_there() {
    let world = World::new(&[]);
    world.dev.commit("update stuff");
    world.init("github");
    let (runner, results) = run_pull_request(&world, "feat: x", &[]);
    let last = results.last().unwrap();
    assert_eq!(last.name, "Check the commits");
    assert_eq!(last.code, 1, "{}", last.output);
    assert!(
        last.output.contains("error[header-format]"),
        "{}",
        last.output
    );
    assert!(runner.calls().iter().all(|c| !c.starts_with("gh")));
}

#[test]
fn squash_merges_check_and_count_the_title() {
    let world = World::new(&[("herald.toml", "[release]\nmerge = \"squash\"\n")]);
    world.dev.commit("wip");
    world.dev.commit("more wip");
    world.init("github");
    let (text, _) = world.workflow("herald-pull-request.yml");
    assert!(
        text.contains("herald check --title \"$PR_TITLE\""),
        "{text}"
    );
    let (runner, results) = run_pull_request(&world, "feat(api): a route", &[]);
    assert_steps_pass(&results);
    assert!(
        runner
            .summary
            .contains("next release: 1.0.1 on origin/staging → 1.1.0 with this branch (feat in the pull request's title \"feat(api): a route\")"),
        "{}",
        runner.summary
    );
    let (_, results) = run_pull_request(&world, "Add a route", &[]);
    let last = results.last().unwrap();
    assert_eq!(last.name, "Check the title");
    assert_eq!(last.code, 1);
    assert!(last.output.contains("--> title:1:1"), "{}", last.output);
}

/// The promotion: validation, then (once approved) the release, pushed atomically, and
/// the GitHub release with the notes.
#[test]
fn the_promotion_releases_staging() {
    let world = World::new(&[("herald.toml", "[release]\nchangelog = \"CHANGELOG.md\"\n")]);
    world.dev.commit("feat(api)!: drop v1");
    world.dev.git(&["push", "-q", "origin", "feature:staging"]);
    world.init("github");
    let (_, workflow) = world.workflow("herald-promote.yml");
    assert_eq!(
        workflow["jobs"]["production"]["environment"].as_str(),
        Some("production")
    );
    let inputs = serde_json::json!({ "inputs": { "promote_from": "staging" } });
    let mut runner = Runner::new(&world, inputs, &[("inputs.promote_from", "staging")]);
    let dispatch = [("GITHUB_REF", "refs/heads/main")];
    let checkout = world.checkout("validate", "origin/main");
    let results = runner.job(&workflow, "validate", &checkout, &dispatch);
    assert_steps_pass(&results);
    assert_eq!(runner.needs["validate"]["version"], "2.0.0");
    assert_eq!(runner.needs["validate"]["commit"], world.dev.head());
    assert!(
        runner.summary.contains("### Release from staging"),
        "{}",
        runner.summary
    );
    let checkout = world.checkout("production", "origin/main");
    let results = runner.job(&workflow, "production", &checkout, &dispatch);
    assert_steps_pass(&results);
    let refs = world.origin_refs();
    assert!(refs.contains("refs/tags/v2.0.0"), "{refs}");
    assert!(refs.contains("refs/heads/release/v2.0.0"), "{refs}");
    let released = world
        .origin
        .git(&["log", "-1", "--format=%s", "release/v2.0.0"]);
    assert_eq!(released, "chore(release): v2.0.0");
    let calls = runner.calls();
    let release = calls
        .iter()
        .find(|c| c.starts_with("gh [release]"))
        .unwrap();
    assert!(
        release.starts_with(
            "gh [release] [create] [v2.0.0] [--verify-tag] [--title] [v2.0.0] [--notes-file] ["
        ),
        "{release}"
    );
    let notes = std::fs::read_to_string(runner.log.with_extension("log.notes")).unwrap();
    assert!(notes.contains("* drop v1"), "{notes}");
    // A branch that is neither staging nor a hotfix is refused before anything is done.
    let mut runner = Runner::new(
        &world,
        serde_json::json!({}),
        &[("inputs.promote_from", "feature")],
    );
    let checkout = world.checkout("validate-feature", "origin/main");
    let results = runner.job(&workflow, "validate", &checkout, &dispatch);
    let last = results.last().unwrap();
    assert_eq!(last.code, 1);
    assert!(
        last.output
            .contains("promote staging or a hotfix branch (hotfix/v*)"),
        "{}",
        last.output
    );
}

/// With semantic-release publishing, the production job previews and leaves the release
/// to it.
#[test]
fn another_release_tool_publishes() {
    let world = World::new(&[(
        ".releaserc.json",
        r#"{"plugins": ["@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator"]}"#,
    )]);
    world.dev.commit("feat: x");
    world.dev.git(&["push", "-q", "origin", "feature:staging"]);
    world.init("github");
    let (text, workflow) = world.workflow("herald-promote.yml");
    assert!(!text.contains("herald release"), "{text}");
    // herald's own workflows do not make herald the engine.
    let output = world.dev.herald(&["preview", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["engine"], "semantic-release", "{}", stderr(&output));
    let mut runner = Runner::new(
        &world,
        serde_json::json!({}),
        &[("inputs.promote_from", "staging")],
    );
    let dispatch = [("GITHUB_REF", "refs/heads/main")];
    let checkout = world.checkout("validate", "origin/main");
    assert_steps_pass(&runner.job(&workflow, "validate", &checkout, &dispatch));
    let checkout = world.checkout("production", "origin/main");
    assert_steps_pass(&runner.job(&workflow, "production", &checkout, &dispatch));
    assert!(
        runner
            .summary
            .contains("semantic-release (.releaserc.json) publishes 1.1.0"),
        "{}",
        runner.summary
    );
    assert!(!world.origin_refs().contains("v1.1.0"));
}

#[test]
fn existing_files_are_kept_without_force() {
    let world = World::new(&[]);
    world.init("github");
    let output = world.dev.herald(&["init", "--ci", "github"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(".github/workflows/herald-pull-request.yml already exists; run `herald init --ci github --force`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        code(
            &world
                .dev
                .herald(&["init", "--ci", "github", "--force", "-q"])
        ),
        0
    );
    world.init("gitlab");
    let output = world.dev.herald(&["init", "--ci", "gitlab"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains(".gitlab-ci.yml already exists"));
}

/// The validator from npm, installed under target/ci (as .ci/run does) when it is not
/// there yet; `None` when node or npm is missing.
fn action_validator() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci/action-validator");
    let bin = dir.join("node_modules/.bin/action-validator");
    if bin.exists() {
        return Some(bin);
    }
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .env("PATH", machine_path())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("node") || !has("npm") {
        return None;
    }
    let status = Command::new("npm")
        .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("@action-validator/cli@{VALIDATOR_VERSION}"))
        .env("PATH", machine_path())
        .status()
        .unwrap();
    assert!(
        status.success(),
        "npm could not install @action-validator/cli"
    );
    Some(bin)
}

/// A program on PATH, for the checks that run only where it is installed.
fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&machine_path())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// Every `run:` script passes shellcheck, as actionlint would run it (an expression
/// stands for a word).
fn shellcheck_run_steps(shellcheck: &Path, workflow: &Path) {
    let text = std::fs::read_to_string(workflow).unwrap();
    let yaml = yaml_rust2::YamlLoader::load_from_str(&text)
        .unwrap()
        .remove(0);
    let expression = regex::Regex::new(r"\$\{\{[^}]*\}\}").unwrap();
    for (_, job) in yaml["jobs"].as_hash().unwrap() {
        for step in job["steps"].as_vec().unwrap() {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            let script = expression.replace_all(script, "x");
            let mut lint = Command::new(shellcheck);
            lint.args(["--shell", "bash", "-"]);
            let output = common::with_stdin(&mut lint, script.as_bytes());
            assert!(
                output.status.success(),
                "{}: {:?}\n{}",
                workflow.display(),
                step["name"].as_str(),
                stdout(&output)
            );
        }
    }
}

#[test]
fn the_workflows_pass_the_schema_validator() {
    let variants: [&[(&str, &str)]; 3] = [
        &[],
        &[("herald.toml", "[release]\nmerge = \"squash\"\n")],
        &[(".releaserc.json", "{}")],
    ];
    let Some(validator) = action_validator() else {
        eprintln!(
            "SKIPPED: node and npm are not installed, so @action-validator/cli cannot check the workflows"
        );
        return;
    };
    let actionlint = on_path("actionlint");
    let shellcheck =
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci/shellcheck/bin/shellcheck"))
            .filter(|p| p.is_file())
            .or_else(|| on_path("shellcheck"));
    for files in variants {
        let world = World::new(files);
        world.init("github");
        for name in ["herald-pull-request.yml", "herald-promote.yml"] {
            let path = world.dev.path().join(".github/workflows").join(name);
            let output = Command::new(&validator)
                .arg(&path)
                .env("PATH", machine_path())
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{name} fails the schema:\n{}{}",
                stdout(&output),
                stderr(&output)
            );
            if let Some(shellcheck) = &shellcheck {
                shellcheck_run_steps(shellcheck, &path);
            }
            if let Some(actionlint) = &actionlint {
                let output = Command::new(actionlint).arg(&path).output().unwrap();
                assert!(output.status.success(), "actionlint: {}", stdout(&output));
            }
        }
    }
}

#[test]
fn the_gitlab_pipeline() {
    for squash in [false, true] {
        let config = if squash {
            "[release]\nmerge = \"squash\"\n"
        } else {
            ""
        };
        let world = World::new(&[("herald.toml", config)]);
        world.init("gitlab");
        let text = std::fs::read_to_string(world.dev.path().join(".gitlab-ci.yml")).unwrap();
        let yaml = yaml_rust2::YamlLoader::load_from_str(&text)
            .unwrap()
            .remove(0);
        assert_eq!(yaml["variables"]["GIT_DEPTH"].as_str(), Some("0"));
        let stages: Vec<&str> = yaml["stages"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let jobs: Vec<&str> = yaml
            .as_hash()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .filter(|k| k.starts_with("herald:"))
            .collect();
        assert_eq!(
            jobs,
            [
                "herald:merge-request",
                "herald:validate",
                "herald:production"
            ]
        );
        for job in &jobs {
            let spec = &yaml[*job];
            assert_eq!(spec["extends"].as_str(), Some(".herald"), "{job}");
            assert!(
                stages.contains(&spec["stage"].as_str().unwrap()),
                "{job}'s stage is declared"
            );
            assert!(spec["script"].as_vec().is_some_and(|s| !s.is_empty()));
        }
        let production = &yaml["herald:production"];
        assert_eq!(production["rules"][0]["when"].as_str(), Some("manual"));
        assert_eq!(
            production["environment"]["name"].as_str(),
            Some("production")
        );
        let merge_request = yaml["herald:merge-request"]["script"].as_vec().unwrap();
        let check = merge_request[1].as_str().unwrap();
        if squash {
            assert_eq!(check, "herald check --title \"$CI_MERGE_REQUEST_TITLE\"");
        } else {
            assert_eq!(
                check,
                "herald check --range \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME..HEAD\""
            );
        }
        // The scripts run under the runner's shell: each must at least parse.
        for job in jobs {
            for line in yaml[job]["script"].as_vec().unwrap() {
                let output = Command::new("sh")
                    .args(["-n", "-c", line.as_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{job}: {}", stderr(&output));
            }
        }
    }
}

/// docs/ci.md shows the workflows exactly as herald writes them.
#[test]
fn the_docs_show_the_workflows_as_written() {
    let repo = TestRepo::new();
    repo.commit("chore: initial commit");
    let output = repo.herald(&["init", "--ci", "github", "-q"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap();
    let workflows = repo.path().join(".github/workflows");
    let pull_request = std::fs::read_to_string(workflows.join("herald-pull-request.yml")).unwrap();
    assert!(
        readme.contains(&format!("```yaml\n{pull_request}```")),
        "docs/ci.md's pull-request workflow differs from:\n{pull_request}"
    );
    let promote = std::fs::read_to_string(workflows.join("herald-promote.yml")).unwrap();
    let production = &promote[promote.find("  production:").unwrap()..];
    assert!(
        readme.contains(&format!("```yaml\n{production}```")),
        "docs/ci.md's production job differs from:\n{production}"
    );
}
