//! The whole flow a team runs, end to end, on a monorepo with a bare origin: init, doctor,
//! commits through the hooks, push, a release on a release branch merged back, a hotfix
//! from the last release, and the next release.

mod common;

use common::{TestRepo, code, herald_bin, plan_monorepo, stderr, stdout};

/// The plan's monorepo (see `common::plan_monorepo`), pushed to a bare origin.
fn plan_monorepo_with_origin() -> (TestRepo, TestRepo) {
    let origin = TestRepo::bare();
    let repo = plan_monorepo();
    repo.git(&["remote", "add", "origin", origin.path().to_str().unwrap()]);
    repo.git(&["push", "-q", "origin", "main", "v1.4.2"]);
    (repo, origin)
}

/// A change to `file` committed with `git commit`, hooks and all: whether git took it.
fn commit_through_hooks(repo: &TestRepo, file: &str, message: &str) -> std::process::Output {
    let existing = std::fs::read_to_string(repo.path().join(file)).unwrap_or_default();
    repo.write(file, &format!("{existing}{message}\n"));
    repo.git(&["add", "--", file]);
    repo.git_output(&["commit", "-q", "-m", message])
}

fn version_in(repo: &TestRepo, file: &str) -> String {
    let text = std::fs::read_to_string(repo.path().join(file)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["version"].as_str().unwrap().to_string()
}

/// The versions of the changelog's sections, newest first.
fn changelog_versions(repo: &TestRepo) -> Vec<String> {
    let text = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    text.lines()
        .filter(|line| line.starts_with("## "))
        .map(|line| {
            line.trim_start_matches("## ")
                .trim_start_matches('[')
                .split([']', ' '])
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn herald_ok(repo: &TestRepo, args: &[&str]) -> String {
    let output = repo.herald(args);
    assert_eq!(
        code(&output),
        0,
        "herald {args:?}\n{}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn refs(repo: &TestRepo, pattern: &str) -> Vec<String> {
    repo.git(&["for-each-ref", "--format=%(refname:short)", pattern])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn init_commit_push_release_merge_back_hotfix_and_release_again() {
    let (repo, origin) = plan_monorepo_with_origin();

    // Init proposes a setup its own doctor finds clean.
    herald_ok(&repo, &["init", "-q"]);
    repo.git(&["add", "herald.toml"]);
    repo.commit("chore: configure herald");
    herald_ok(&repo, &["install", "-q"]);
    let herald_dir = herald_bin().parent().unwrap().display().to_string();
    let doctor = repo
        .herald_command(&["doctor"])
        .env("PATH", format!("{herald_dir}:{}", common::machine_path()))
        .output()
        .unwrap();
    assert_eq!(code(&doctor), 0, "{}", stdout(&doctor));

    // Commits go through the hooks: a bad message is refused, good ones land.
    let refused = commit_through_hooks(&repo, "apps/express-api/routes.js", "added routes");
    assert_ne!(code(&refused), 0, "{}", stderr(&refused));
    assert!(stderr(&refused).contains("herald"), "{}", stderr(&refused));
    let accepted = commit_through_hooks(
        &repo,
        "apps/express-api/routes.js",
        "feat(express-api)!: drop the v1 routes",
    );
    assert_eq!(code(&accepted), 0, "{}", stderr(&accepted));
    let accepted = commit_through_hooks(
        &repo,
        "apps/client-ui/theme.css",
        "feat(client-ui): dark mode",
    );
    assert_eq!(code(&accepted), 0, "{}", stderr(&accepted));
    let pushed = repo.git_output(&["push", "-q", "origin", "main"]);
    assert_eq!(code(&pushed), 0, "{}", stderr(&pushed));
    assert_eq!(repo.next_version(&[]), "2.0.0");

    // The release is cut on its own branch and published.
    herald_ok(&repo, &["release", "--yes", "--push"]);
    assert_eq!(repo.git(&["branch", "--show-current"]), "release/v2.0.0");
    assert_eq!(refs(&repo, "refs/tags"), ["v1.4.2", "v2.0.0"]);
    assert_eq!(refs(&origin, "refs/tags"), ["v1.4.2", "v2.0.0"]);
    assert_eq!(refs(&origin, "refs/heads"), ["main", "release/v2.0.0"]);
    for file in [
        "package.json",
        "apps/express-api/package.json",
        "apps/client-ui/package.json",
    ] {
        assert_eq!(version_in(&repo, file), "2.0.0", "{file}");
    }
    assert_eq!(
        version_in(&repo, "packages/macro-ai-api-client/package.json"),
        "0.3.0"
    );
    assert_eq!(
        version_in(&repo, "packages/ui-library/package.json"),
        "0.7.1"
    );
    assert_eq!(changelog_versions(&repo), ["2.0.0"]);

    // Merged back, main holds the release and has nothing new to release.
    repo.git(&["switch", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "release/v2.0.0"]);
    assert_eq!(repo.next_version(&[]), "");
    assert_eq!(version_in(&repo, "package.json"), "2.0.0");

    // A hotfix starts from the last release, takes the fix, then is finished on its branch.
    let started = herald_ok(&repo, &["release", "--hotfix", "--yes"]);
    assert!(started.contains("hotfix/v2.0.1"), "{started}");
    assert_eq!(repo.git(&["branch", "--show-current"]), "hotfix/v2.0.1");
    assert_eq!(
        repo.git(&["rev-parse", "HEAD"]),
        repo.git(&["rev-parse", "v2.0.0^{commit}"])
    );
    let fixed = commit_through_hooks(
        &repo,
        "apps/express-api/auth.js",
        "fix(express-api): handle an empty token",
    );
    assert_eq!(code(&fixed), 0, "{}", stderr(&fixed));
    herald_ok(&repo, &["release", "--hotfix", "--yes"]);
    assert_eq!(refs(&repo, "refs/tags"), ["v1.4.2", "v2.0.0", "v2.0.1"]);
    assert_eq!(version_in(&repo, "apps/express-api/package.json"), "2.0.1");
    assert_eq!(changelog_versions(&repo), ["2.0.1", "2.0.0"]);

    // Merged back too; the next feature makes the next minor release after the hotfix.
    repo.git(&["switch", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "hotfix/v2.0.1"]);
    let feature =
        commit_through_hooks(&repo, "apps/client-ui/search.js", "feat(client-ui): search");
    assert_eq!(code(&feature), 0, "{}", stderr(&feature));
    assert_eq!(repo.next_version(&[]), "2.1.0");
    herald_ok(&repo, &["release", "--yes"]);
    assert_eq!(repo.git(&["branch", "--show-current"]), "release/v2.1.0");
    assert_eq!(
        refs(&repo, "refs/tags"),
        ["v1.4.2", "v2.0.0", "v2.0.1", "v2.1.0"]
    );
    assert_eq!(version_in(&repo, "package.json"), "2.1.0");
    assert_eq!(changelog_versions(&repo), ["2.1.0", "2.0.1", "2.0.0"]);
    let changelog = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("search"), "{changelog}");
    assert!(
        !changelog[..changelog.find("2.0.1").unwrap()].contains("empty token"),
        "{changelog}"
    );
}
