//! `preview --against`: what a branch does to the release on its base, on real
//! repositories: a branch that raises the bump, one that changes nothing, one behind its
//! base, squash merges, independent components, a release tool whose rules differ from
//! herald's; and `check --title`.

mod common;

use common::{TestRepo, code, stderr, stdout};
use serde_json::Value;

/// `main` released as 1.0.0, then a fix (the base's next release: 1.0.1); the branch
/// `feature` starts there.
fn released_with_fix() -> TestRepo {
    let repo = TestRepo::new();
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/owner/repo.git",
    ]);
    repo.commit("chore: initial commit").tag("v1.0.0");
    repo.commit("fix(db): reconnect after a timeout");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo
}

fn against(repo: &TestRepo, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["preview", "--against", "main"];
    args.extend_from_slice(extra);
    let output = repo.herald(&args);
    (code(&output), stdout(&output), stderr(&output))
}

fn delta_json(repo: &TestRepo, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = against(repo, &args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Commit ids in `value`'s strings, shortened for the assertions.
fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["commit"].as_str().unwrap_or("")[..7].to_string())
        .collect()
}

#[test]
fn a_branch_that_raises_the_bump() {
    let repo = released_with_fix();
    repo.commit("feat(api)!: drop v1\n\nBREAKING CHANGE: the v1 routes are gone");
    let breaking = repo.git(&["rev-parse", "--short=7", "HEAD"]);
    repo.commit("fix(api): typo in a route");
    repo.commit("wip");
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "next release: 1.0.1 on main → 2.0.0 with this branch (BREAKING in {breaking} \"feat(api)!: drop v1\")"
        )),
        "{out}"
    );
    insta::assert_snapshot!("raises_human", out);
    let json = delta_json(&repo, &[]);
    insta::assert_json_snapshot!("raises_json", json);
    let delta = &json["delta"];
    assert_eq!(delta["base_version"], "1.0.1");
    assert_eq!(delta["next_version"], "2.0.0");
    assert_eq!(delta["changed"], true);
    assert_eq!(ids(&delta["changed_by"]), [breaking]);
    let raises: Vec<bool> = delta["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["raises"].as_bool().unwrap())
        .collect();
    assert_eq!(raises, [false, false, true]);
    assert_eq!(json["components"][0]["next_version"], "2.0.0");
    assert_eq!(
        delta["labels"],
        serde_json::json!(["breaking-change", "bugfix", "feature"])
    );
}

#[test]
fn a_branch_that_changes_nothing() {
    let repo = released_with_fix();
    repo.commit("fix(ui): a button's colour");
    repo.commit("docs: the setup");
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("next release: 1.0.1 on main; no change to the release with this branch\n"),
        "{out}"
    );
    assert!(!out.contains(" ! "), "no commit is marked: {out}");
    // The changelog still gains the fix.
    assert!(out.contains("+ * **ui:** a button's colour"), "{out}");
    let json = delta_json(&repo, &[]);
    assert_eq!(json["delta"]["changed"], false);
    assert_eq!(json["delta"]["changed_by"], serde_json::json!([]));
    assert_eq!(
        json["delta"]["labels"],
        serde_json::json!(["bugfix", "documentation"])
    );
}

#[test]
fn a_branch_behind_its_base() {
    let repo = released_with_fix();
    repo.commit("fix(api): handle an empty body");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("feat(ui): dark mode");
    repo.commit("chore: bump a dependency");
    repo.git(&["checkout", "-q", "feature"]);
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    // The feature on main is main's release, not the branch's doing.
    assert!(
        out.contains("next release: 1.1.0 on main; no change to the release with this branch"),
        "{out}"
    );
    assert!(
        out.contains("the branch is 2 commits behind main: those commits are part of main's release above, not of this branch"),
        "{out}"
    );
    let json = delta_json(&repo, &[]);
    assert_eq!(json["delta"]["ahead"], 1);
    assert_eq!(json["delta"]["behind"], 2);
    assert_eq!(
        json["delta"]["commits"].as_array().unwrap().len(),
        1,
        "only the branch's own commit"
    );
    // The merged release holds both sides.
    assert_eq!(
        json["components"][0]["commits"].as_array().unwrap().len(),
        4
    );
}

#[test]
fn a_branch_with_nothing_new() {
    let repo = released_with_fix();
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the branch adds no commits to main"), "{out}");
    assert!(out.contains("no change to the release"), "{out}");
}

#[test]
fn squash_merge_counts_the_title() {
    let repo = released_with_fix();
    repo.commit("feat(api)!: drop v1");
    repo.commit("wip");
    let (code, out, err) = against(&repo, &["--squash-title", "fix(api): keep v1 a while"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("next release: 1.0.1 on main; no change to the release with this branch"),
        "the branch's own commits do not count: {out}"
    );
    assert!(
        out.contains("squash merge: the branch counts as one commit, from the pull request's title:\n    squash  fix(api): keep v1 a while\nits commits, not counted:\n"),
        "{out}"
    );
    let (code, out, err) = against(
        &repo,
        &[
            "--squash-title",
            "feat(api): drop v1",
            "--squash-body",
            "BREAKING CHANGE: the v1 routes are gone",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("next release: 1.0.1 on main → 2.0.0 with this branch (BREAKING in the pull request's title \"feat(api): drop v1\")"),
        "{out}"
    );
    assert!(out.contains("  ! squash  feat(api): drop v1\n"), "{out}");
    let json = delta_json(&repo, &["--squash-title", "feat(api): drop v1"]);
    let delta = &json["delta"];
    assert_eq!(delta["merge"], "squash");
    assert_eq!(delta["squash_title"], "feat(api): drop v1");
    assert_eq!(delta["next_version"], "1.1.0");
    assert_eq!(delta["changed_by"][0]["squash"], true);
    assert!(
        delta["commits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["counted"] == false)
    );
}

#[test]
fn squash_title_that_is_not_conventional_is_refused_with_the_fix() {
    let repo = released_with_fix();
    repo.commit("feat: x");
    let (code, out, err) = against(&repo, &["--squash-title", "Update the login page"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error[header-format]"), "{out}");
    assert!(out.contains("--> title:1:1"), "{out}");
    assert!(
        out.contains("help: start with a type, e.g. `fix: Update the login page`"),
        "{out}"
    );
    assert!(err.contains("fix the pull request's title"), "{err}");
    let (code, out, _) = against(&repo, &["--squash-title", "Merge branch 'x' into main"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[title-format]"), "{out}");
}

#[test]
fn squash_mode_from_the_configuration() {
    let repo = TestRepo::new();
    repo.write("herald.toml", "[release]\nmerge = \"squash\"\n");
    repo.git(&["add", "herald.toml"]);
    repo.commit("chore: initial commit").tag("v1.0.0");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    // One commit: GitHub proposes its message as the squash commit's.
    repo.commit("feat(ui): dark mode");
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "squash merge: the branch counts as one commit, from the branch's only commit:"
        ),
        "{out}"
    );
    assert!(out.contains("→ 1.1.0 with this branch"), "{out}");
    // Several: the title decides, and without it the commits count as they are, said.
    repo.commit("fix(ui): contrast");
    let (code, _, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("pass --squash-title"), "{err}");
    let json = delta_json(&repo, &["--squash-title", "fix(ui): dark mode, for now"]);
    assert_eq!(json["delta"]["next_version"], "1.0.1");
}

#[test]
fn independent_components() {
    let repo = TestRepo::new();
    repo.write(
        "herald.toml",
        "[version]\ntag = \"{component}@{version}\"\n\n[release]\nmode = \"independent\"\n\n[components]\napi = [\"api/**\"]\nweb = [\"web/**\"]\n",
    );
    repo.git(&["add", "herald.toml"]);
    repo.commit_paths(&["api/a.ts", "web/a.ts"], "chore: initial commit");
    repo.tag("api@1.0.0").tag("web@2.0.0");
    repo.commit_file("web/b.ts", "fix(web): layout");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.commit_file("api/routes.ts", "feat(api): a route");
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("next release of api: none on main → 1.1.0 with this branch (feat in "),
        "{out}"
    );
    assert!(
        out.contains(
            "next release of web: 2.0.1 on main; no change to the release with this branch"
        ),
        "{out}"
    );
    let json = delta_json(&repo, &[]);
    let components = json["delta"]["components"].as_array().unwrap();
    assert_eq!(components.len(), 2);
    assert_eq!(json["delta"]["base_version"], Value::Null);
    assert_eq!(components[0]["name"], "api");
    assert_eq!(components[0]["changed"], true);
    assert_eq!(components[1]["changed"], false);
    let json = delta_json(&repo, &["--component", "web"]);
    assert_eq!(json["delta"]["components"].as_array().unwrap().len(), 1);
    assert_eq!(json["delta"]["base_version"], "2.0.1");
    // Step outputs carry each component's figures.
    let file = repo.scratch("outputs");
    let (code, _, err) = against(&repo, &["--github-output", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let outputs = std::fs::read_to_string(&file).unwrap();
    assert!(outputs.contains("api--base_version=\n"), "{outputs}");
    assert!(outputs.contains("api--version=1.1.0\n"), "{outputs}");
    assert!(outputs.contains("api--delta_changed=true\n"), "{outputs}");
    assert!(outputs.contains("web--delta_changed=false\n"), "{outputs}");
    assert!(outputs.contains("delta_changed=true\n"), "{outputs}");
}

/// semantic-release's angular preset does not read `feat!:` at all: the branch changes
/// nothing, where herald's own rules would make it a major.
#[test]
fn an_engine_whose_rules_differ() {
    let repo = TestRepo::new();
    repo.write(
        ".releaserc.json",
        r#"{"plugins": ["@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator"]}"#,
    );
    repo.git(&["add", ".releaserc.json"]);
    repo.commit("chore: initial commit").tag("v1.0.0");
    repo.commit("fix: a bug");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.commit("feat!: drop the v1 routes");
    let (code, out, err) = against(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("engine: semantic-release (from .releaserc.json)\n"),
        "{out}"
    );
    assert!(
        out.contains("next release: 1.0.1 on main; no change to the release with this branch"),
        "{out}"
    );
    let json = delta_json(&repo, &[]);
    assert_eq!(json["delta"]["changed"], false);
    assert_eq!(json["engine"], "semantic-release");
    // The same branch under herald's rules.
    repo.write("herald.toml", "engine = \"herald\"\n");
    repo.git(&["add", "herald.toml"]);
    repo.git(&["commit", "-q", "-m", "chore: herald's rules"]);
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["cherry-pick", "feature"]);
    repo.git(&["checkout", "-q", "feature"]);
    let json = delta_json(&repo, &[]);
    assert_eq!(json["engine"], "herald");
    assert_eq!(json["delta"]["next_version"], "2.0.0");
}

#[test]
fn github_outputs_for_the_delta() {
    let repo = released_with_fix();
    repo.commit("feat(api): a route");
    let file = repo.scratch("outputs");
    let (code, _, err) = against(&repo, &["--github-output", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let outputs = std::fs::read_to_string(&file).unwrap();
    for line in [
        "version=1.1.0\n",
        "previous_version=1.0.0\n",
        "previous_tag=v1.0.0\n",
        "tag=v1.1.0\n",
        "semver=minor\n",
        "release=true\n",
        "base_version=1.0.1\n",
        "delta_changed=true\n",
        "labels=feature\n",
        "labels_managed=breaking-change,bugfix,documentation,feature,performance\n",
    ] {
        assert!(outputs.contains(line), "{line:?} in {outputs}");
    }
    assert!(
        outputs.contains(
            "delta_summary=next release: 1.0.1 on main → 1.1.0 with this branch (feat in "
        ),
        "{outputs}"
    );
}

/// With no `--against` value: the branch's upstream when it is another branch, else
/// `origin/HEAD`, else `[release] base`.
#[test]
fn the_default_base() {
    let origin = TestRepo::bare();
    let repo = released_with_fix();
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&[
        "remote",
        "set-url",
        "origin",
        origin.path().to_str().unwrap(),
    ]);
    repo.git(&["push", "-q", "origin", "main"]);
    repo.git(&["checkout", "-q", "feature"]);
    repo.commit("feat: x");
    let base_of = |repo: &TestRepo| {
        let output = repo.herald(&["preview", "--against", "--format", "json"]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["delta"]["base"].as_str().unwrap().to_string()
    };
    assert_eq!(base_of(&repo), "main", "[release] base");
    repo.git(&["fetch", "-q", "origin"]);
    repo.git(&["remote", "set-head", "origin", "main"]);
    assert_eq!(base_of(&repo), "origin/main", "origin/HEAD");
    // Its own copy on the remote is no base.
    repo.git(&["push", "-q", "-u", "origin", "feature"]);
    assert_eq!(base_of(&repo), "origin/main");
    repo.git(&["branch", "-q", "--set-upstream-to", "main"]);
    assert_eq!(base_of(&repo), "main", "the upstream");
}

/// A release branch merged back into its base brings its release tag: the merged range
/// starts there.
#[test]
fn a_release_branch_merged_back() {
    let repo = released_with_fix();
    repo.git(&["checkout", "-q", "-b", "release/v1.0.1"]);
    repo.commit("chore(release): v1.0.1").tag("v1.0.1");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("feat: after the cut");
    repo.git(&["checkout", "-q", "release/v1.0.1"]);
    let json = delta_json(&repo, &[]);
    assert_eq!(json["delta"]["base_version"], "1.1.0");
    assert_eq!(json["components"][0]["current_version"], "1.0.1");
    assert_eq!(json["delta"]["next_version"], "1.1.0");
    assert_eq!(
        json["components"][0]["commits"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn bad_bases_are_named() {
    let repo = released_with_fix();
    let output = repo.herald(&["preview", "--against", "nope"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`nope` is not a revision"),
        "{}",
        stderr(&output)
    );
    repo.git(&["checkout", "-q", "--orphan", "other"]);
    repo.commit("feat: elsewhere");
    let output = repo.herald(&["preview", "--against", "main"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("share no history"),
        "{}",
        stderr(&output)
    );
    let output = repo.herald(&["preview", "--squash-title", "feat: x"]);
    assert_eq!(code(&output), 2, "--squash-title needs --against");
}

#[test]
fn check_a_title() {
    let repo = TestRepo::new();
    let output = repo.herald(&["check", "--title", "feat(ui): dark mode"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let output = repo.herald(&["check", "--title", "Dark mode"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("--> title:1:1"),
        "{}",
        stdout(&output)
    );
    let output = repo.herald(&["check", "--title", "fixup! feat: x"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("error[title-format]"),
        "{}",
        stdout(&output)
    );
    let output = repo.herald(&["check", "--title", ""]);
    assert_eq!(code(&output), 1);
    let output = repo.herald(&["check", "--title", "feat: x", "--format", "json"]);
    assert_eq!(code(&output), 0);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["valid"], true);
}
