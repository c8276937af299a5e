//! `herald init` proposes a configuration from the repository's layout.

mod common;

use common::{TestRepo, code, plan_monorepo, stderr, stdout};

#[test]
fn monorepo_layout_becomes_components() {
    let repo = plan_monorepo();
    let output = repo.herald(&["init"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let path = repo.path().join("herald.toml");
    assert_eq!(
        stdout(&output),
        format!(
            "wrote {} with 6 components proposed from package.json workspaces, infrastructure/, .github/workflows/\n\
             \x20 left out packages/macro-ai-api-client/package.json (at 0.3.0, not 1.4.2): its own version; see the comment in the file\n\
             \x20 left out packages/ui-library/package.json (at 0.7.1, not 1.4.2): its own version; see the comment in the file\n",
            path.display()
        )
    );
    insta::assert_snapshot!(std::fs::read_to_string(&path).unwrap());
    // Not replaced without --force.
    let output = repo.herald(&["init"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("already exists; run `herald init --force`"));
    assert_eq!(code(&repo.herald(&["init", "--force", "-q"])), 0);
}

#[test]
fn what_init_proposes_passes_its_own_doctor_and_previews_as_expected() {
    let repo = plan_monorepo();
    assert_eq!(code(&repo.herald(&["init", "-q"])), 0);
    repo.git(&["add", "herald.toml"]);
    repo.commit("chore: configure herald");
    assert_eq!(code(&repo.herald(&["install", "-q"])), 0);
    let herald_dir = common::herald_bin().parent().unwrap().display().to_string();
    let doctor = repo
        .herald_command(&["doctor"])
        .env("PATH", format!("{herald_dir}:{}", common::machine_path()))
        .output()
        .unwrap();
    assert_eq!(code(&doctor), 0, "{}", stdout(&doctor));
    let report = stdout(&doctor);
    assert!(
        report.contains("version files")
            && report.contains("3 files at 1.4.2, in step with v1.4.2"),
        "{report}"
    );
    assert!(!report.contains("✗"), "{report}");
    // A change to CI alone releases nothing; it is not infrastructure.
    repo.write(".github/workflows/deploy.yml", "on: [push]\n");
    repo.commit_paths(&[".github/workflows/deploy.yml"], "ci: cache npm");
    assert_eq!(repo.next_version(&[]), "");
    // One fix across the stack is a feature.
    repo.write("apps/express-api/search.js", "x\n");
    repo.write("apps/client-ui/search.js", "x\n");
    repo.commit_paths(
        &["apps/express-api/search.js", "apps/client-ui/search.js"],
        "fix: search on both sides",
    );
    assert_eq!(repo.next_version(&[]), "1.5.0");
    // Infrastructure is still a major change.
    repo.write("infrastructure/main.tf", "{ }\n");
    repo.commit_paths(&["infrastructure/main.tf"], "fix(infra): resize");
    assert_eq!(repo.next_version(&[]), "2.0.0");
}

#[test]
fn init_writes_the_file_named_by_config() {
    let repo = plan_monorepo();
    let output = repo.herald(&["--config", "ci/herald.toml", "init", "-q"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(repo.path().join("ci/herald.toml").is_file());
    assert!(!repo.path().join("herald.toml").exists());
    let doctor = repo.herald(&["--config", "ci/herald.toml", "doctor"]);
    assert!(
        stdout(&doctor).contains("ci/herald.toml"),
        "{}",
        stdout(&doctor)
    );
}

#[test]
fn pnpm_and_cargo_workspaces() {
    let repo = TestRepo::new();
    repo.write(
        "pnpm-workspace.yaml",
        "packages:\n  - 'web/*'\n  - '!web/legacy'\n",
    );
    repo.write("web/shop/package.json", "{}");
    repo.write("web/legacy/package.json", "{}");
    repo.commit("chore: start").tag("2.0.0");
    repo.herald(&["init"]);
    let text = std::fs::read_to_string(repo.path().join("herald.toml")).unwrap();
    assert!(text.contains("shop = [\"web/shop/**\"]"), "{text}");
    assert!(!text.contains("legacy"), "{text}");
    assert!(
        text.contains("tag = \"{version}\"   # as the existing tags are"),
        "{text}"
    );

    let repo = TestRepo::new();
    repo.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"tools/gen\"]\n",
    );
    repo.write("crates/core/Cargo.toml", "");
    repo.write("crates/cli/Cargo.toml", "");
    repo.write("tools/gen/Cargo.toml", "");
    repo.commit("chore: start");
    repo.herald(&["init"]);
    let text = std::fs::read_to_string(repo.path().join("herald.toml")).unwrap();
    for line in [
        "cli = [\"crates/cli/**\"]",
        "core = [\"crates/core/**\"]",
        "gen = [\"tools/gen/**\"]",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

#[test]
fn plain_repository_gets_the_defaults() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    let output = repo.herald(&["init"]);
    assert!(stdout(&output).ends_with("(no components found: one version for the repository)\n"));
    let text = std::fs::read_to_string(repo.path().join("herald.toml")).unwrap();
    assert!(!text.contains("[components]"));
    assert_eq!(repo.next_version(&[]), "");
}

#[test]
fn a_release_tool_in_use_becomes_the_engine() {
    let repo = TestRepo::new();
    repo.write(".releaserc.json", "{ \"branches\": [\"main\"] }\n");
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"x\"\nversion = \"0.3.0\"\n",
    );
    repo.commit("chore: start");
    repo.herald(&["init"]);
    let text = std::fs::read_to_string(repo.path().join("herald.toml")).unwrap();
    assert!(
        text.contains("engine = \"semantic-release\"   # CI releases with it (.releaserc.json)"),
        "{text}"
    );
    assert!(
        text.contains("name = \"x\"   # from Cargo.toml\n"),
        "{text}"
    );
    assert!(text.contains("version_files = [               # found at 0.3.0; kept in step by `herald release`\n  \"Cargo.toml\",\n]"), "{text}");
    assert_eq!(repo.preview_json(&[])["engine_source"], "herald.toml");
}

#[test]
fn the_release_tool_a_workflow_runs_becomes_the_engine() {
    let repo = TestRepo::new();
    repo.write(
        ".github/workflows/release.yml",
        "on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: googleapis/release-please-action@v4\n        with:\n          release-type: simple\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: start");
    assert_eq!(code(&repo.herald(&["init", "-q"])), 0);
    let text = std::fs::read_to_string(repo.path().join("herald.toml")).unwrap();
    assert!(
        text.contains("engine = \"release-please\"   # CI releases with it (.github/workflows/release.yml, job release, step 1)"),
        "{text}"
    );
    assert!(
        text.contains("workflows = [\".github/workflows/**\"]"),
        "{text}"
    );
}
