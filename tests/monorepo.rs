//! The monorepo herald was designed for: components, path rules, both release modes, and
//! the outputs fixed by snapshots.

mod common;

use common::{TestRepo, code, stderr, stdout};

const PLAN: &str = r#"[components]
backend = ["apps/express-api/**", "packages/macro-ai-api-client/**"]
frontend = ["apps/client-ui/**", "packages/ui-library/**"]
infrastructure = ["infrastructure/**", ".github/workflows/**"]

[[bump.rules]]
name = "Infrastructure changes"
components = ["infrastructure"]
bump = "major"

[[bump.rules]]
name = "New features across stack"
all_components = ["backend", "frontend"]
bump = "minor"

[[bump.rules]]
name = "Database schema migrations"
paths = ["**/migrations/**"]
bump = "major"
"#;

/// A repository laid out like the plan, released as 1.3.0.
fn macro_ai(extra_config: &str) -> TestRepo {
    let repo = TestRepo::new();
    repo.write("herald.toml", &format!("{PLAN}{extra_config}"));
    repo.git(&[
        "remote",
        "add",
        "origin",
        "git@github.com:macro-ai/macro-ai.git",
    ]);
    repo.git(&["add", "herald.toml"]);
    repo.commit_paths(
        &[
            "apps/express-api/src/server.ts",
            "apps/client-ui/src/App.tsx",
            "packages/macro-ai-api-client/src/index.ts",
            "packages/ui-library/src/Button.tsx",
            "infrastructure/main.tf",
            ".github/workflows/deploy.yml",
            "README.md",
        ],
        "chore: initial import",
    );
    repo.tag("v1.3.0");
    repo
}

fn reasons(repo: &TestRepo) -> Vec<(String, String)> {
    let json = repo.preview_json(&[]);
    json["components"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let what = r["rule"]
                .as_str()
                .or(r["summary"].as_str())
                .unwrap_or("")
                .to_string();
            (r["bump"].as_str().unwrap().to_string(), what)
        })
        .collect()
}

fn pair(bump: &str, what: &str) -> (String, String) {
    (bump.to_string(), what.to_string())
}

#[test]
fn infrastructure_change_is_major() {
    let repo = macro_ai("");
    repo.commit_paths(
        &["infrastructure/main.tf"],
        "chore(infra): bump instance size",
    );
    assert_eq!(repo.next_version(&[]), "2.0.0");
    assert_eq!(reasons(&repo), [pair("major", "Infrastructure changes")]);
    let repo = macro_ai("");
    repo.commit_paths(&[".github/workflows/deploy.yml"], "ci: cache dependencies");
    assert_eq!(repo.next_version(&[]), "2.0.0");
}

#[test]
fn backend_and_frontend_together_is_minor() {
    let repo = macro_ai("");
    repo.commit_paths(
        &["apps/express-api/src/server.ts"],
        "fix(api): handle empty token",
    );
    assert_eq!(repo.next_version(&[]), "1.3.1");
    repo.commit_paths(
        &["packages/ui-library/src/Button.tsx"],
        "refactor(ui): rename prop",
    );
    assert_eq!(repo.next_version(&[]), "1.4.0");
    assert_eq!(
        reasons(&repo),
        [
            pair("minor", "New features across stack"),
            pair("patch", "fix(api): handle empty token")
        ]
    );
}

#[test]
fn migrations_are_major() {
    let repo = macro_ai("");
    repo.commit_paths(
        &["apps/express-api/src/db/migrations/0042_users.sql"],
        "feat(api): users table",
    );
    assert_eq!(repo.next_version(&[]), "2.0.0");
    assert_eq!(
        reasons(&repo),
        [
            pair("major", "Database schema migrations"),
            pair("minor", "feat(api): users table")
        ]
    );
}

#[test]
fn a_reverted_change_does_not_trigger_its_rule() {
    let repo = macro_ai("");
    repo.commit_paths(&["infrastructure/main.tf"], "chore(infra): risky");
    let risky = repo.head();
    repo.commit_paths(
        &["infrastructure/main.tf"],
        &format!("revert: chore(infra): risky\n\nThis reverts commit {risky}."),
    );
    repo.commit_paths(&["apps/client-ui/src/App.tsx"], "fix(ui): typo");
    assert_eq!(repo.next_version(&[]), "1.3.1");
}

#[test]
fn human_output() {
    let repo = macro_ai("");
    repo.commit_paths(
        &["apps/express-api/src/routes.ts"],
        "feat(api)!: drop the v1 routes\n\nBREAKING CHANGE: clients must call /v2",
    );
    repo.commit_paths(&["apps/client-ui/src/App.tsx"], "feat(ui): dark mode (#31)");
    repo.commit_paths(
        &["apps/client-ui/src/App.tsx"],
        "fix(ui): flicker on load\n\nCloses #40",
    );
    repo.commit_paths(&["infrastructure/main.tf"], "chore(infra): larger database");
    repo.commit_paths(&["README.md"], "docs: explain the release flow");
    repo.commit_paths(&["README.md"], "update readme");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!("human", stdout(&output));
    assert_eq!(
        stderr(&output),
        "warning: 1 commit is not conventional and was ignored\n"
    );
    let output = repo.herald(&["preview", "--explain", "-q"]);
    insta::assert_snapshot!("explain", stdout(&output));
    let json = repo.preview_json(&[]);
    insta::assert_json_snapshot!("json", json);
    let output = repo.herald(&["preview", "--format", "markdown"]);
    insta::assert_snapshot!("changelog", stdout(&output));
}

#[test]
fn independent_mode_versions_each_component() {
    let repo = macro_ai(
        "\n[release]\nmode = \"independent\"\n\n[version]\ntag = \"{component}@{version}\"\n",
    );
    repo.tag("backend@1.2.0").tag("frontend@0.3.0");
    repo.commit_paths(&["apps/express-api/src/a.ts"], "fix(api): a");
    repo.commit_paths(&["apps/client-ui/src/b.tsx"], "feat(ui): b");
    repo.commit_paths(&["README.md"], "feat: outside every component");
    let json = repo.preview_json(&[]);
    let components = json["components"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = components
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["current_tag"].as_str().unwrap_or("-").to_string(),
                c["next_tag"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        summary,
        [
            row("backend", "backend@1.2.0", "backend@1.2.1"),
            row("frontend", "frontend@0.3.0", "frontend@0.4.0"),
            row("infrastructure", "-", "infrastructure@0.1.0"),
        ]
    );
    // Each component sees only its own commits: the frontend feature does not bump the backend.
    assert_eq!(repo.next_version(&["--component", "frontend"]), "0.4.0");
    let output = repo.herald(&["preview", "--next-version"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("add --component with one of: backend, frontend, infrastructure")
    );
    let output = repo.herald(&["preview", "--component", "web"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("no component named `web` (components: backend, frontend, infrastructure)")
    );
    // A component's own rule applies to its own range.
    repo.commit_paths(&["infrastructure/main.tf"], "chore(infra): x");
    assert_eq!(
        repo.next_version(&["--component", "infrastructure"]),
        "0.1.0"
    );
    assert_eq!(repo.next_version(&["--component", "backend"]), "1.2.1");
}

#[test]
fn component_matching_no_file_is_warned() {
    let repo = macro_ai("");
    repo.write(
        "herald.toml",
        &format!("{PLAN}\n[components.mobile]\n").replace("[components.mobile]\n", ""),
    );
    let config = PLAN.replace(
        "infrastructure = [",
        "mobile = [\"apps/mobile/**\"]\ninfrastructure = [",
    );
    repo.write("herald.toml", &config);
    repo.commit_paths(&["apps/client-ui/src/App.tsx"], "fix(ui): x");
    let output = repo.herald(&["preview"]);
    assert_eq!(
        stderr(&output),
        "warning: component `mobile` matches no file; check its globs under [components]\n"
    );
}

#[test]
fn links_follow_the_origin_remote() {
    for (url, commit_link) in [
        (
            "https://github.com/o/r.git",
            "https://github.com/o/r/commit/",
        ),
        (
            "git@gitlab.com:group/r.git",
            "https://gitlab.com/group/r/-/commit/",
        ),
        (
            "ssh://git@bitbucket.org/o/r.git",
            "https://bitbucket.org/o/r/commits/",
        ),
    ] {
        let repo = TestRepo::new();
        repo.git(&["remote", "add", "origin", url]);
        repo.commit("chore: start").tag("v1.0.0");
        repo.commit("fix: x (#7)");
        let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
        assert!(
            notes.contains(&format!("{commit_link}{}", repo.head())),
            "{url}: {notes}"
        );
        assert!(notes.starts_with("## [1.0.1](https://"), "{url}: {notes}");
    }
}

#[test]
fn changelog_output_is_idempotent() {
    let repo = macro_ai("");
    repo.write(
        "CHANGELOG.md",
        "# Changelog\n\nAll notable changes.\n\n## [1.3.0](old) (2025-12-01)\n\n* old entry\n",
    );
    repo.commit_paths(&["apps/client-ui/src/App.tsx"], "feat(ui): dark mode");
    let output = repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let once = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert!(once.starts_with("# Changelog\n\nAll notable changes.\n\n## [1.4.0](https://github.com/macro-ai/macro-ai/compare/v1.3.0...v1.4.0) (2026-01-01)\n"), "{once}");
    assert!(
        once.ends_with("\n## [1.3.0](old) (2025-12-01)\n\n* old entry\n"),
        "{once}"
    );
    repo.herald(&["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(
        std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap(),
        once
    );
}

/// A component with no tag of its own yet starts from the version its manifest records,
/// not from the initial version.
#[test]
fn independent_components_start_from_their_manifests() {
    let repo = TestRepo::new();
    repo.write(
        "herald.toml",
        "[components]\nbackend = [\"apps/express-api/**\"]\nfrontend = [\"apps/client-ui/**\"]\n\n[release]\nmode = \"independent\"\n\n[version]\ntag = \"{component}@{version}\"\n",
    );
    repo.write(
        "apps/express-api/package.json",
        "{ \"name\": \"api\", \"version\": \"1.4.2\" }\n",
    );
    repo.write(
        "apps/client-ui/package.json",
        "{ \"name\": \"ui\", \"version\": \"2.1.0\" }\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: start");
    repo.tag("backend@1.4.2");
    repo.commit_paths(&["apps/express-api/src/a.ts"], "feat(api): a");
    repo.commit_paths(&["apps/client-ui/src/b.tsx"], "fix(ui): b");
    let json = repo.preview_json(&[]);
    let next = |name: &str| {
        json["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| (c["current_version"].clone(), c["next_version"].clone()))
            .unwrap()
    };
    assert_eq!(next("backend"), ("1.4.2".into(), "1.5.0".into()), "{json}");
    // No frontend tag yet: its package.json's 2.1.0 is where it starts.
    assert_eq!(next("frontend"), ("2.1.0".into(), "2.1.1".into()), "{json}");
}
