//! The release tool CI runs, learnt from CI's own files: GitHub Actions workflows, the
//! Release Please GitHub App's file, GitLab CI. `preview` says where it learnt it.

mod common;

use common::{TestRepo, code, stderr, stdout};

const RELEASE_PLEASE_WORKFLOW: &str = "on:
  push:
    branches: [main]
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: googleapis/release-please-action@v4
        with:
          token: ${{ secrets.GITHUB_TOKEN }}
          release-type: node
";

fn released(files: &[(&str, &str)]) -> TestRepo {
    let repo = TestRepo::new();
    repo.git(&["remote", "add", "origin", "git@github.com:owner/app.git"]);
    for (path, text) in files {
        repo.write(path, text);
    }
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.3");
    repo
}

#[test]
fn release_please_action_without_a_manifest() {
    let repo = released(&[
        (".github/workflows/release.yml", RELEASE_PLEASE_WORKFLOW),
        (
            "package.json",
            "{ \"name\": \"@owner/app\", \"version\": \"1.2.3\" }\n",
        ),
    ]);
    repo.commit("feat(api): add endpoint");
    repo.commit("fix: crash (#34)");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "release-please");
    assert_eq!(
        json["engine_source"],
        ".github/workflows/release.yml, job release, step 2"
    );
    let component = &json["components"][0];
    assert_eq!(component["current_tag"], "v1.2.3", "{json}");
    assert_eq!(component["next_version"], "1.3.0");
    assert_eq!(component["next_tag"], "v1.3.0");
    let notes = component["changelog"].as_str().unwrap();
    assert!(
        notes.starts_with(
            "## [1.3.0](https://github.com/owner/app/compare/v1.2.3...v1.3.0) (2026-01-01)\n\n\n### Features\n\n* **api:** add endpoint"
        ),
        "{notes}"
    );
    assert!(notes.contains("### Bug Fixes"), "{notes}");
    let human = stdout(&repo.herald(&["preview"]));
    assert!(
        human.starts_with(
            "engine: release-please (from .github/workflows/release.yml, job release, step 2)"
        ),
        "{human}"
    );
    // release-please would tag `app-v1.3.0` and count every commit: said, not hidden.
    let differs = json["not_reproduced"].as_array().unwrap();
    assert!(
        differs.iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("release-please names this package `app`")),
        "{json}"
    );

    let agreed = released(&[
        (
            ".github/workflows/release.yml",
            &RELEASE_PLEASE_WORKFLOW.replace(
                "release-type: node",
                "release-type: node\n          include-component-in-tag: false",
            ),
        ),
        (
            "package.json",
            "{ \"name\": \"@owner/app\", \"version\": \"1.2.3\" }\n",
        ),
    ]);
    agreed.commit("fix: crash");
    let json = agreed.preview_json(&[]);
    assert_eq!(json["components"][0]["next_tag"], "v1.2.4", "{json}");
    assert_eq!(json["not_reproduced"], serde_json::json!([]), "{json}");
}

#[test]
fn the_release_please_github_app() {
    let repo = released(&[(
        ".github/release-please.yml",
        "releaseType: python\nbumpMinorPreMajor: true\nhandleGHRelease: true\n",
    )]);
    repo.git(&["tag", "-d", "v1.2.3"]);
    repo.tag("v0.4.0");
    repo.commit("feat!: drop the old API");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "release-please");
    assert_eq!(json["engine_source"], ".github/release-please.yml");
    assert_eq!(json["components"][0]["next_version"], "0.5.0", "{json}");
}

#[test]
fn semantic_release_in_gitlab_ci_and_through_npm_scripts() {
    let repo = released(&[(
        ".gitlab-ci.yml",
        "stages: [release]\nrelease:\n  stage: release\n  image: node:22\n  script:\n    - npm ci\n    - npx semantic-release\n",
    )]);
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "semantic-release");
    assert_eq!(json["engine_source"], ".gitlab-ci.yml, job release");
    assert_eq!(json["components"][0]["next_version"], "1.3.0");

    let repo = released(&[
        (
            ".github/workflows/ci.yml",
            "jobs:\n  publish:\n    steps:\n      - run: npm ci\n      - run: npm run release\n",
        ),
        (
            "package.json",
            "{ \"name\": \"app\", \"scripts\": { \"release\": \"semantic-release\" } }\n",
        ),
    ]);
    repo.commit("fix: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "semantic-release");
    assert_eq!(
        json["engine_source"],
        ".github/workflows/ci.yml, job publish, step 2"
    );
}

#[test]
fn action_inputs_override_the_configuration() {
    let repo = TestRepo::new();
    repo.write(
        ".github/workflows/release.yml",
        "jobs:\n  release:\n    steps:\n      - uses: cycjimmy/semantic-release-action@v4\n        with:\n          tag_format: release-${version}\n          semantic_version: 23\n",
    );
    repo.write(".releaserc.json", "{ \"branches\": [\"main\"] }");
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("release-2.0.0");
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["next_tag"], "release-2.1.0", "{json}");
    assert!(
        json["warnings"]
            .to_string()
            .contains("semantic_version 23: herald reproduces semantic-release 25"),
        "{json}"
    );
}

#[test]
fn ci_wins_over_files_and_every_candidate_is_named() {
    let repo = released(&[
        (".github/workflows/release.yml", RELEASE_PLEASE_WORKFLOW),
        ("cliff.toml", ""),
    ]);
    repo.commit("feat: x");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("engine: release-please (from .github/workflows/release.yml"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("also found cliff.toml (git-cliff)"),
        "said at the default level: {}",
        stderr(&output)
    );
}

#[test]
fn a_workflow_that_runs_herald_means_herald_decides() {
    let repo = released(&[
        (
            ".github/workflows/release.yml",
            "jobs:\n  release:\n    steps:\n      - run: herald release --yes --push\n",
        ),
        (".releaserc.json", "{}"),
    ]);
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "herald");
}

/// herald.toml holds path rules, CI runs release-please: both answers are shown, with
/// which one CI publishes and how to make it agree.
#[test]
fn herald_rules_beside_the_tool_ci_runs() {
    let workflow = RELEASE_PLEASE_WORKFLOW.replace("release-type: node", "release-type: simple");
    let repo = released(&[
        (".github/workflows/release.yml", workflow.as_str()),
        (
            "herald.toml",
            "[components]\ninfrastructure = [\"infrastructure/**\"]\n\n[[bump.rules]]\nname = \"Infrastructure changes\"\ncomponents = [\"infrastructure\"]\nbump = \"major\"\n",
        ),
    ]);
    repo.commit_paths(&["infrastructure/main.tf"], "feat: a new bucket");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "release-please");
    assert_eq!(json["components"][0]["next_version"], "1.3.0");
    assert_eq!(json["herald_rules"][0]["next_version"], "2.0.0", "{json}");
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("herald.toml's rules release 2.0.0 (rule \\\"Infrastructure changes\\\"), but release-please, which CI runs (from .github/workflows/release.yml, job release, step 2), will publish 1.3.0; to make CI agree, put the footer `Release-As: 2.0.0` in a commit"),
        "{warnings}"
    );
    let human = stdout(&repo.herald(&["preview"]));
    assert!(
        human.contains("by herald.toml's own rules (CI does not run them):"),
        "{human}"
    );
    // The footer makes release-please agree.
    repo.commit("chore: align\n\nRelease-As: 2.0.0");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["next_version"], "2.0.0", "{json}");
    assert!(
        !json["warnings"]
            .to_string()
            .contains("herald.toml's rules release"),
        "{json}"
    );
}

/// `herald release` releases what herald.toml's rules call for and writes the footer that
/// makes release-please, which CI runs, publish the same version.
#[test]
fn release_writes_the_footer_that_makes_release_please_agree() {
    let workflow = RELEASE_PLEASE_WORKFLOW.replace("release-type: node", "release-type: simple");
    let repo = released(&[
        (".github/workflows/release.yml", workflow.as_str()),
        (
            "herald.toml",
            "[components]\ninfrastructure = [\"infrastructure/**\"]\n\n[[bump.rules]]\nname = \"Infrastructure changes\"\ncomponents = [\"infrastructure\"]\nbump = \"major\"\n\n[release]\nchangelog = \"\"\n",
        ),
    ]);
    repo.commit_paths(&["infrastructure/main.tf"], "feat: a new bucket");
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(repo.git(&["tag", "--points-at", "HEAD"]), "v2.0.0");
    assert_eq!(
        repo.git(&["log", "-1", "--format=%B"]),
        "chore(release): v2.0.0\n\nRelease-As: 2.0.0"
    );
    assert!(
        stdout(&output).contains("Release-As: 2.0.0"),
        "{}",
        stdout(&output)
    );

    // When release-please agrees already, the message stays as configured.
    let repo = released(&[(".github/workflows/release.yml", workflow.as_str())]);
    repo.commit("feat: a new bucket");
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(
        repo.git(&["log", "-1", "--format=%B"]),
        "chore(release): v1.3.0"
    );
}
