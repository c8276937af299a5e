//! `herald release` without a terminal (`--yes`, `--dry-run`): what it writes, commits and
//! tags, and that every refusal or failure leaves the repository byte for byte as it was.

mod common;

use common::{TestRepo, code, stderr, stdout};

const PACKAGE: &str = "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\",\n  \"dependencies\": {\n    \"ui\": \"1.2.0\"\n  }\n}\n";

/// A repository released as 1.2.0 with `config` committed, then `commits` on top.
fn released(config: &str, files: &[(&str, &str)], commits: &[&str]) -> TestRepo {
    let repo = TestRepo::new();
    repo.write("herald.toml", config);
    for (path, content) in files {
        repo.write(path, content);
    }
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    for message in commits {
        repo.commit(message);
    }
    repo
}

fn node(commits: &[&str]) -> TestRepo {
    released(
        "[release]\nversion_files = [\"package.json\"]\n",
        &[("package.json", PACKAGE)],
        commits,
    )
}

fn read(repo: &TestRepo, path: &str) -> String {
    std::fs::read_to_string(repo.path().join(path)).unwrap()
}

#[test]
fn a_release_branches_bumps_commits_and_tags() {
    let repo = node(&["feat(api): add search", "fix: crash on start"]);
    let main = repo.head();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("release 1.2.0 → 1.3.0"), "{out}");
    assert!(out.contains("✓ release 1.3.0 on release/v1.3.0"), "{out}");
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0"
    );
    assert_eq!(repo.git(&["rev-parse", "HEAD~1"]), main);
    assert_eq!(repo.git(&["rev-parse", "main"]), main);
    assert_eq!(
        read(&repo, "package.json"),
        PACKAGE.replacen("\"version\": \"1.2.0\"", "\"version\": \"1.3.0\"", 1)
    );
    let changelog = read(&repo, "CHANGELOG.md");
    assert!(
        changelog.starts_with("# Changelog\n\n## 1.3.0 (2026-01-01)\n"),
        "{changelog}"
    );
    assert!(changelog.contains("* **api:** add search"), "{changelog}");
    assert_eq!(repo.head_message(), "chore(release): v1.3.0");
    assert_eq!(repo.git(&["cat-file", "-t", "v1.3.0"]), "tag");
    assert_eq!(repo.git(&["rev-parse", "v1.3.0^{commit}"]), repo.head());
    assert_eq!(
        repo.git(&["tag", "-l", "--format=%(contents)", "v1.3.0"]),
        "release v1.3.0"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    assert_eq!(
        repo.git(&["show", "--name-only", "--format=", "HEAD"]),
        "CHANGELOG.md\npackage.json"
    );
    assert_eq!(repo.git(&["fsck", "--no-progress"]), "");
    let check = repo.herald(&["check", "--range", "HEAD~1..HEAD"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
}

#[test]
fn flags_choose_the_version_and_the_tag() {
    let repo = node(&["feat: x"]);
    let output = repo.herald(&["release", "--yes", "--bump", "major", "--no-tag"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v2.0.0"
    );
    assert_eq!(repo.git(&["tag", "-l", "v2*"]), "");

    let repo = node(&["feat: x"]);
    let output = repo.herald(&["release", "--yes", "--version", "1.5.0"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(read(&repo, "package.json").contains("\"version\": \"1.5.0\""));
    assert_eq!(repo.git(&["tag", "-l", "v1.5.0"]), "v1.5.0");

    let repo = node(&["feat: x"]);
    let output = repo.herald(&["release", "--yes", "--pre", "rc"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0-rc.1"
    );
}

#[test]
fn a_lower_bump_by_flag_is_a_warning() {
    let repo = node(&["feat!: drop the old api"]);
    let output = repo.herald(&["release", "--yes", "--bump", "minor"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: 1.3.0 is lower than 2.0.0, which the commits call for"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0"
    );
}

#[test]
fn nothing_to_release_is_refused() {
    let repo = node(&["docs: typo"]);
    let before = repo.state();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("no commit since 1.2.0 calls for a release"));
    assert_eq!(repo.state(), before);
    let output = repo.herald(&["release", "--yes", "--bump", "patch"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        !repo.path().join("CHANGELOG.md").exists() || read(&repo, "CHANGELOG.md").contains("1.2.1")
    );
}

#[test]
fn the_base_comes_from_the_configuration() {
    let repo = released(
        "[release]\nbase = \"develop\"\nversion_files = [\"package.json\"]\n",
        &[("package.json", PACKAGE)],
        &[],
    );
    repo.git(&["checkout", "-q", "-b", "develop"]);
    repo.commit("feat: on develop");
    let develop = repo.head();
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("fix: only on main");
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("at develop:"),
        "{}",
        stdout(&output)
    );
    assert_eq!(repo.git(&["rev-parse", "HEAD~1"]), develop);
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0"
    );
    assert!(!read(&repo, "CHANGELOG.md").contains("only on main"));
}

/// A hotfix starts as a branch from the latest release, with nothing released yet; the
/// fix is committed on it; a second `herald release --hotfix` there releases it.
#[test]
fn a_hotfix_starts_from_the_latest_release_tag_and_finishes_on_its_branch() {
    let repo = node(&["feat: next feature"]);
    repo.write("package.json", &PACKAGE.replacen("1.2.0", "1.3.0", 1));
    repo.git(&["commit", "-qam", "chore(release): v1.3.0"]);
    repo.tag("v1.3.0");
    repo.commit("feat: unreleased work");
    let output = repo.herald(&["release", "--hotfix", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("✓ hotfix branch hotfix/v1.3.1 started from v1.3.0"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "hotfix/v1.3.1"
    );
    assert_eq!(repo.head(), repo.git(&["rev-parse", "v1.3.0^{commit}"]));
    assert_eq!(repo.git(&["tag", "-l", "v1.3.1"]), "", "no fix, no tag");

    // Finishing without a fix is refused, with what to do.
    let output = repo.herald(&["release", "--hotfix", "--yes"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("`hotfix/v1.3.1` holds no commit since v1.3.0: commit the fix on it first"),
        "{}",
        stderr(&output)
    );

    repo.commit("fix: the crash in production");
    let output = repo.herald(&["release", "--hotfix", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "hotfix/v1.3.1"
    );
    assert!(read(&repo, "package.json").contains("\"version\": \"1.3.1\""));
    assert_eq!(repo.git(&["tag", "-l", "v1.3.1"]), "v1.3.1");
    assert_eq!(repo.head_message(), "chore(release): v1.3.1");
    assert!(read(&repo, "CHANGELOG.md").contains("the crash in production"));
    assert!(!read(&repo, "CHANGELOG.md").contains("unreleased work"));
}

/// `--bump patch` with nothing to fix used to tag a commit that held no fix.
#[test]
fn an_empty_hotfix_is_never_tagged() {
    let repo = node(&[]);
    let output = repo.herald(&["release", "--hotfix", "--bump", "patch", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(repo.git(&["tag", "-l", "v1.2.1"]), "");
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "hotfix/v1.2.1"
    );
}

#[test]
fn every_kind_of_version_file() {
    let config = r#"[release]
changelog = ""
version_files = [
  "Cargo.toml",
  "crates/*/Cargo.toml",
  "pyproject.toml",
  "VERSION",
  { path = "src/version.ts", pattern = 'VERSION = "(?<version>[^"]+)"' },
]
"#;
    let cargo = "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.package]\nversion = \"1.2.0\" # the one version\n\n[package]\nname = \"root\"\nversion = \"1.2.0\"\n\n[dependencies]\nserde = { version = \"1.0.0\" }\n";
    let member = "[package]\nname = \"member\"\nversion.workspace = true\n";
    let pyproject =
        "[project]\nname = \"app\"\nversion = \"1.2.0\"\n\n[tool.poetry]\nversion = '1.2.0'\n";
    let ts = "// generated\nexport const VERSION = \"1.2.0\";\n";
    let repo = released(
        config,
        &[
            ("Cargo.toml", cargo),
            ("crates/member/Cargo.toml", member),
            ("pyproject.toml", pyproject),
            ("VERSION", "1.2.0\n"),
            ("src/version.ts", ts),
        ],
        &["fix: x"],
    );
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        read(&repo, "Cargo.toml"),
        cargo.replace("\"1.2.0\"", "\"1.2.1\"")
    );
    assert_eq!(read(&repo, "crates/member/Cargo.toml"), member);
    assert_eq!(
        read(&repo, "pyproject.toml"),
        pyproject.replace("1.2.0", "1.2.1")
    );
    assert_eq!(read(&repo, "VERSION"), "1.2.1\n");
    assert_eq!(read(&repo, "src/version.ts"), ts.replace("1.2.0", "1.2.1"));
    assert!(!repo.path().join("CHANGELOG.md").exists());
    assert_eq!(
        repo.git(&["show", "--name-only", "--format=", "HEAD"]),
        "Cargo.toml\nVERSION\npyproject.toml\nsrc/version.ts"
    );
}

#[test]
fn a_unified_monorepo_keeps_every_package_in_step() {
    let config = "[components]\napi = [\"packages/api/**\"]\nui = [\"packages/ui/**\"]\n\n[release]\nversion_files = [\"package.json\", \"packages/*/package.json\"]\n";
    let package =
        |name: &str| format!("{{\n  \"name\": \"{name}\",\n  \"version\": \"1.2.0\"\n}}\n");
    let repo = released(
        config,
        &[
            ("package.json", &package("root")),
            ("packages/api/package.json", &package("api")),
            ("packages/ui/package.json", &package("ui")),
            ("packages/ui/src/index.ts", "export {};\n"),
        ],
        &[],
    );
    repo.commit_file("packages/ui/src/button.ts", "feat(ui): button");
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for (path, name) in [
        ("package.json", "root"),
        ("packages/api/package.json", "api"),
        ("packages/ui/package.json", "ui"),
    ] {
        assert_eq!(
            read(&repo, path),
            package(name).replace("1.2.0", "1.3.0"),
            "{path}"
        );
    }
    let plan = stdout(&output);
    assert!(
        plan.contains("update packages/api/package.json: version 1.2.0 → 1.3.0"),
        "{plan}"
    );
}

#[test]
fn version_conflicts_stop_the_release_until_aligned() {
    let config = "[release]\nversion_files = [\"package.json\", \"packages/*/package.json\"]\n";
    let repo = released(
        config,
        &[
            ("package.json", PACKAGE),
            (
                "packages/ui/package.json",
                "{ \"name\": \"ui\", \"version\": \"1.1.0\" }\n",
            ),
        ],
        &["feat: x"],
    );
    let before = repo.state();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(
        err.contains(
            "version files disagree: 1.1.0 in packages/ui/package.json; 1.2.0 in package.json"
        ),
        "{err}"
    );
    assert!(
        err.contains("packages/ui/package.json says 1.1.0, but the last release is v1.2.0"),
        "{err}"
    );
    assert!(err.contains("pass --align"), "{err}");
    assert_eq!(repo.state(), before);

    let doctor = repo.herald(&["doctor"]);
    assert_eq!(code(&doctor), 1);
    assert!(
        stdout(&doctor).contains("✗ version files: version files disagree"),
        "{}",
        stdout(&doctor)
    );

    let output = repo.herald(&["release", "--yes", "--align"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        read(&repo, "packages/ui/package.json"),
        "{ \"name\": \"ui\", \"version\": \"1.3.0\" }\n"
    );
    assert!(read(&repo, "package.json").contains("\"version\": \"1.3.0\""));
}

#[test]
fn dry_run_changes_nothing() {
    let repo = node(&["feat: x"]);
    let before = repo.state();
    for args in [
        &["release", "--dry-run"][..],
        &["release", "--dry-run", "--yes"],
    ] {
        let output = repo.herald(args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let out = stdout(&output);
        assert!(
            out.contains("  1. create branch release/v1.3.0 from main"),
            "{out}"
        );
        assert!(
            out.contains("  4. create CHANGELOG.md: add the 1.3.0 section"),
            "{out}"
        );
        assert!(out.contains("dry run: nothing was changed"), "{out}");
        assert_eq!(repo.state(), before);
    }
}

#[test]
fn without_a_terminal_it_needs_yes() {
    let repo = node(&["feat: x"]);
    let before = repo.state();
    let output = repo.herald(&["release"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("needs a terminal"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("--yes"));
    assert_eq!(repo.state(), before);
}

/// Runs a release that must fail with `expected_code` and `message`, and checks that the
/// repository is byte for byte as before.
fn fails_cleanly(repo: &TestRepo, args: &[&str], expected_code: i32, message: &str) {
    let before = repo.state();
    let output = repo.herald(args);
    assert_eq!(
        code(&output),
        expected_code,
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
    assert_eq!(repo.state(), before, "{args:?}");
}

#[test]
fn refusals_before_any_change() {
    let repo = node(&["feat: x"]);
    repo.git(&["checkout", "-q", "-b", "elsewhere", "v1.2.0"]);
    repo.commit_file("other.txt", "feat: elsewhere")
        .tag("v1.3.0");
    repo.git(&["checkout", "-q", "main"]);
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "v1.3.0 is already released and this base does not hold it (a release branch not merged back?): merge it back first (`git merge v1.3.0`)",
    );

    let repo = node(&["feat: x"]);
    repo.git(&["branch", "release/v1.3.0"]);
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "a branch named `release/v1.3.0` already exists",
    );

    let repo = node(&["feat: x"]);
    repo.write("package.json", "{\"version\": \"9.9.9\"}\n");
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "the work tree has changes (package.json)",
    );

    let repo = node(&["feat: x"]);
    fails_cleanly(
        &repo,
        &["release", "--yes", "--base", "nowhere"],
        2,
        "`nowhere` is not a revision",
    );

    let repo = node(&["feat: x"]);
    let path = repo.path().join("package.json");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    fails_cleanly(&repo, &["release", "--yes"], 2, "package.json is read-only");

    let repo = node(&["feat: x"]);
    fails_cleanly(
        &repo,
        &["release", "--yes", "--version", "1.1.0"],
        2,
        "1.1.0 is not greater than the current version 1.2.0",
    );
    fails_cleanly(
        &repo,
        &["release", "--yes", "--branch-typo"],
        2,
        "unexpected argument",
    );
}

#[test]
fn a_release_commit_message_must_pass_the_rules() {
    let repo = released(
        "[release]\ncommit_message = \"Release {tag}\"\n",
        &[],
        &["feat: x"],
    );
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "does not pass the commit rules",
    );
}

#[test]
fn a_failure_at_any_step_is_undone() {
    let steps = [
        "create-branch",
        "switch",
        "write package.json",
        "write CHANGELOG.md",
        "commit",
        "tag",
    ];
    for step in steps {
        let repo = node(&["feat: x"]);
        let before = repo.state();
        let mut command = repo.herald_command(&["release", "--yes"]);
        let output = command.env("HERALD_FAIL_AFTER", step).output().unwrap();
        assert_eq!(code(&output), 3, "{step}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(
            err.contains(&format!("the release failed at `{step}`")),
            "{err}"
        );
        assert!(
            err.contains("every change was undone: the repository is as it was"),
            "{err}"
        );
        assert_eq!(repo.state(), before, "after a failure at {step}");
    }
}

#[test]
fn a_checkout_that_would_overwrite_a_file_is_refused_first() {
    let repo = released(
        "[release]\nbase = \"develop\"\nversion_files = [\"package.json\"]\n",
        &[("package.json", PACKAGE)],
        &[],
    );
    repo.git(&["checkout", "-q", "-b", "develop"]);
    repo.commit_file("notes.txt", "feat: notes");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("notes.txt", "my own untracked notes\n");
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "switching to develop would overwrite files git does not track: notes.txt; move them away first",
    );
    assert_eq!(read(&repo, "notes.txt"), "my own untracked notes\n");
}

#[test]
fn a_rejected_push_undoes_the_release() {
    let repo = node(&["feat: x"]);
    let remote = TestRepo::bare();
    repo.git(&["remote", "add", "origin", remote.path().to_str().unwrap()]);
    repo.git(&["push", "-q", "origin", "main", "v1.2.0"]);
    let hook = remote.path().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'rejected by policy' >&2\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let remote_refs = remote.git(&["for-each-ref"]);
    fails_cleanly(
        &repo,
        &["release", "--yes", "--push"],
        3,
        "the release failed at `push`",
    );
    assert_eq!(remote.git(&["for-each-ref"]), remote_refs);

    std::fs::remove_file(&hook).unwrap();
    let output = repo.herald(&["release", "--yes", "--push"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(remote.git(&["rev-parse", "release/v1.3.0"]), repo.head());
    assert_eq!(remote.git(&["rev-parse", "v1.3.0^{commit}"]), repo.head());
}

#[test]
fn version_file_settings_are_checked() {
    let repo = node(&[]);
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"setup.cfg\"]\n",
    );
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("herald.toml:2:18: herald does not know how `setup.cfg` holds its version"),
        "{}",
        stderr(&output)
    );
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\n  { path = \"v.txt\", pattern = 'v(\\d+)' },\n]\n",
    );
    let output = repo.herald(&["doctor"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("herald.toml:3:31: `v(\\d+)` has no `version` group"),
        "{}",
        stdout(&output)
    );
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [{ path = \"a\", patern = \"x\" }]\n",
    );
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("herald.toml:2:17: a version file is a path"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn sha256_repositories_release_and_undo() {
    let repo = TestRepo::sha256();
    repo.write("herald.toml", "[release]\nversion_files = [\"VERSION\"]\n");
    repo.write("VERSION", "1.2.0\n");
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    repo.commit("fix: x");
    let before = repo.state();
    let mut command = repo.herald_command(&["release", "--yes"]);
    let output = command.env("HERALD_FAIL_AFTER", "tag").output().unwrap();
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert_eq!(repo.state(), before);
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(read(&repo, "VERSION"), "1.2.1\n");
    assert_eq!(repo.git(&["rev-parse", "v1.2.1^{commit}"]), repo.head());
    assert_eq!(repo.git(&["fsck", "--no-progress"]), "");
}

#[test]
fn independent_mode_is_not_released_here() {
    let repo = released(
        "[components]\napi = [\"api/**\"]\n\n[version]\ntag = \"{component}@{version}\"\n\n[release]\nmode = \"independent\"\n",
        &[("api/a.txt", "a\n")],
        &["feat: x"],
    );
    fails_cleanly(&repo, &["release", "--yes"], 2, "independent");
}

fn hook(repo: &TestRepo, name: &str, body: &str) {
    let path = repo.path().join(".git/hooks").join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_release_commit_runs_the_hooks_as_git_commit_does() {
    let repo = node(&["feat: x"]);
    let seen = repo.scratch("seen");
    hook(
        &repo,
        "pre-commit",
        &format!(
            "git diff --cached --name-only > '{0}'\necho \"$GIT_INDEX_FILE\" >> '{0}'",
            seen.display()
        ),
    );
    hook(
        &repo,
        "commit-msg",
        "printf '\\n\\n\\nReviewed-by: Bot <bot@example.com>\\n\\n' >> \"$1\"",
    );
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        format!(
            "CHANGELOG.md\npackage.json\n{}\n",
            repo.path().join(".git/index").display()
        ),
        "the pre-commit hook sees the release's files staged"
    );
    assert_eq!(
        repo.git(&["cat-file", "commit", "HEAD"])
            .split_once("\n\n")
            .unwrap()
            .1,
        "chore(release): v1.3.0\n\nReviewed-by: Bot <bot@example.com>",
        "the message the commit-msg hook rewrote, cleaned as git would"
    );
    assert_eq!(repo.git(&["rev-parse", "v1.3.0^{commit}"]), repo.head());
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_hook_that_refuses_the_release_commit_undoes_the_release() {
    for name in ["pre-commit", "commit-msg"] {
        let repo = node(&["feat: x"]);
        hook(
            &repo,
            name,
            "echo 'secret-scanner: an AWS key in package.json' >&2\nexit 1",
        );
        let before = repo.state();
        let output = repo.herald(&["release", "--yes"]);
        assert_eq!(code(&output), 1, "{}", stderr(&output));
        assert_eq!(
            stderr(&output),
            format!(
                "secret-scanner: an AWS key in package.json\n\
                 herald: the {name} hook refused the release commit (exit 1); every change was undone: the repository is as it was\n  \
                 to release without the pre-commit and commit-msg hooks, add --no-verify\n"
            )
        );
        assert_eq!(repo.state(), before, "{name}");

        let output = repo.herald(&["release", "--yes", "--no-verify"]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        assert_eq!(stderr(&output), "", "--no-verify runs neither hook");
        assert_eq!(repo.git(&["rev-parse", "v1.3.0^{commit}"]), repo.head());
    }
}

#[test]
fn hooks_are_found_where_git_looks_for_them() {
    let repo = node(&["feat: x"]);
    let hooks = repo.scratch("team-hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    repo.git(&["config", "core.hooksPath", hooks.to_str().unwrap()]);
    let ran = repo.scratch("ran");
    let script = hooks.join("pre-commit");
    std::fs::write(&script, format!("#!/bin/sh\ntouch '{}'\n", ran.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Not executable: git ignores it, and so does herald.
    std::fs::write(hooks.join("commit-msg"), "#!/bin/sh\nexit 1\n").unwrap();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(ran.exists());

    // herald's own commit-msg hook passes the release commit.
    let repo = node(&["feat: x"]);
    let output = repo.herald(&["install"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(repo.head_message(), "chore(release): v1.3.0");
}

#[test]
fn a_changelog_reached_through_a_link_is_refused() {
    let repo = node(&["feat: x"]);
    let elsewhere = repo.scratch("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("CHANGELOG.md"), "# not yours\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, repo.path().join("docs")).unwrap();
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"package.json\"]\nchangelog = \"docs/CHANGELOG.md\"\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: the changelog is in docs");
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "[release] changelog: `docs/CHANGELOG.md` goes through `docs`, a symbolic link (or a submodule); herald writes only inside the work tree, never through a link",
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("CHANGELOG.md")).unwrap(),
        "# not yours\n"
    );
}

#[test]
fn configured_paths_stay_inside_the_work_tree() {
    let outside = std::env::temp_dir().join("herald-outside/CHANGELOG.md");
    let cases = [
        (
            "changelog = \"../CHANGELOG.md\"".to_string(),
            "herald.toml:2:13: `changelog = \"../CHANGELOG.md\"` leaves the work tree (`..`)"
                .to_string(),
        ),
        (
            format!("changelog = \"{}\"", outside.display()),
            format!(
                "`changelog = \"{}\"` is absolute; give a path relative to the work tree's root",
                outside.display()
            ),
        ),
        (
            "version_files = [\"package.json\", \"../package.json\"]".to_string(),
            "version file `../package.json` leaves the work tree (`..`)".to_string(),
        ),
    ];
    for (setting, message) in cases {
        let repo = released(
            &format!("[release]\n{setting}\n"),
            &[("package.json", PACKAGE)],
            &["feat: x"],
        );
        fails_cleanly(&repo, &["release", "--yes"], 2, &message);
        assert!(!outside.exists());
    }
}

#[test]
fn what_git_would_refuse_is_refused_before_any_change() {
    let repo = node(&["feat: x"]);
    repo.git(&["branch", "release"]);
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "the branch `release/v1.3.0` cannot be created while `release` exists (git cannot have both)",
    );

    let repo = node(&["feat: x"]);
    repo.git(&["branch", "release/v1.3.0/draft"]);
    fails_cleanly(
        &repo,
        &["release", "--yes"],
        2,
        "while `release/v1.3.0/draft` exists",
    );

    let repo = node(&["feat: x"]);
    std::fs::write(repo.path().join(".git/index.lock"), "").unwrap();
    fails_cleanly(&repo, &["release", "--yes"], 2, "index.lock exists");

    let repo = node(&["feat: x"]);
    let before = repo.state();
    let mut command = repo.herald_command(&["release", "--yes"]);
    for key in [
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ] {
        command.env_remove(key);
    }
    let output = command.output().unwrap();
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("git does not know who you are"),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.state(), before);
}

#[test]
fn the_publish_command_is_quoted_for_a_shell() {
    let repo = released(
        "[release]\nversion_files = [\"package.json\"]\nbranch = \"release/v{version}&&touch-me\"\n",
        &[("package.json", PACKAGE)],
        &["feat: x"],
    );
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "  publish it with: git push --atomic origin 'release/v1.3.0&&touch-me' v1.3.0\n"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_version_file_keeps_its_permissions() {
    let repo = node(&["feat: x"]);
    let path = repo.path().join("package.json");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = repo.herald(&["release", "--yes"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
