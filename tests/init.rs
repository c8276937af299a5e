//! `herald init` proposes a configuration from the repository's layout.

mod common;

use common::{TestRepo, code, stderr, stdout};

#[test]
fn monorepo_layout_becomes_components() {
    let repo = TestRepo::new();
    repo.write(
        "apps/express-api/package.json",
        "{ \"name\": \"api\", \"version\": \"1.3.0\" }\n",
    );
    for file in [
        "apps/client-ui/package.json",
        "packages/macro-ai-api-client/package.json",
        "packages/ui-library/package.json",
        "infrastructure/main.tf",
        ".github/workflows/deploy.yml",
    ] {
        repo.write(file, "{}\n");
    }
    repo.write(
        "package.json",
        r#"{ "name": "macro-ai", "version": "1.3.0", "workspaces": ["apps/*", "packages/*"] }"#,
    );
    repo.commit("chore: start").tag("v1.3.0");
    let output = repo.herald(&["init"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let path = repo.path().join("herald.toml");
    assert_eq!(
        stdout(&output),
        format!(
            "wrote {} with 5 components proposed from package.json workspaces, infrastructure/\n",
            path.display()
        )
    );
    insta::assert_snapshot!(std::fs::read_to_string(&path).unwrap());
    // The file is valid and preview uses it.
    repo.commit_paths(&["infrastructure/main.tf"], "chore(infra): x");
    assert_eq!(repo.next_version(&[]), "2.0.0");
    // Not replaced without --force.
    let output = repo.herald(&["init"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("already exists; run `herald init --force`"));
    assert_eq!(code(&repo.herald(&["init", "--force", "-q"])), 0);
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
    assert!(text.contains("version_files = [               # found carrying a version; kept in step by `herald release`\n  \"Cargo.toml\",\n]"), "{text}");
    assert_eq!(repo.preview_json(&[])["engine_source"], "herald.toml");
}
