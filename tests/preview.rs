//! `herald preview` with herald's own engine, on real repositories.

mod common;

use common::{TestRepo, code, stderr, stdout};

fn released(version: &str) -> TestRepo {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag(&format!("v{version}"));
    repo
}

#[test]
fn each_commit_type_bumps_as_configured() {
    let cases = [
        ("feat: x", "1.5.0"),
        ("fix: x", "1.4.3"),
        ("perf: x", "1.4.3"),
        ("feat!: x", "2.0.0"),
        ("fix: x\n\nBREAKING CHANGE: y", "2.0.0"),
        ("fix: x\n\nBREAKING-CHANGE: y", "2.0.0"),
        ("docs: x", ""),
        ("refactor: x", ""),
        ("update stuff", ""),
    ];
    for (message, expected) in cases {
        let repo = released("1.4.2");
        repo.commit(message);
        assert_eq!(repo.next_version(&[]), expected, "{message}");
    }
}

#[test]
fn the_highest_bump_wins() {
    let repo = released("1.4.2");
    repo.commit("fix: a")
        .commit("feat: b")
        .commit("docs: c")
        .commit("fix: d");
    assert_eq!(repo.next_version(&[]), "1.5.0");
    repo.commit("refactor!: e");
    assert_eq!(repo.next_version(&[]), "2.0.0");
}

#[test]
fn bump_types_and_default_are_configurable() {
    let repo = released("1.4.2");
    repo.commit("refactor: x");
    assert_eq!(repo.next_version(&[]), "");
    repo.write(
        "herald.toml",
        "[bump]\ntypes = { feat = \"minor\", fix = \"patch\", refactor = \"patch\" }\n",
    );
    assert_eq!(repo.next_version(&[]), "1.4.3");
    repo.write(
        "herald.toml",
        "[bump]\ndefault = \"patch\"\ntypes = { feat = \"minor\" }\n",
    );
    repo.commit("docs: y");
    assert_eq!(repo.next_version(&[]), "1.4.3");
}

#[test]
fn zero_major_rules() {
    let repo = released("0.4.2");
    repo.commit("feat!: x");
    assert_eq!(repo.next_version(&[]), "0.5.0");
    repo.write("herald.toml", "[version]\nbreaking_on_zero = \"major\"\n");
    assert_eq!(repo.next_version(&[]), "1.0.0");
    let repo = released("0.4.2");
    repo.commit("feat: x");
    assert_eq!(repo.next_version(&[]), "0.5.0");
    repo.write("herald.toml", "[version]\nfeat_on_zero = \"patch\"\n");
    assert_eq!(repo.next_version(&[]), "0.4.3");
}

#[test]
fn first_release_is_the_initial_version() {
    let repo = TestRepo::new();
    repo.commit("feat: first").commit("fix: second");
    assert_eq!(repo.next_version(&[]), "0.1.0");
    repo.write("herald.toml", "[version]\ninitial = \"1.0.0\"\n");
    assert_eq!(repo.next_version(&[]), "1.0.0");
    let json = repo.preview_json(&[]);
    assert_eq!(
        json["components"][0]["current_version"],
        serde_json::Value::Null
    );
    assert_eq!(json["components"][0]["next_tag"], "v1.0.0");
}

#[test]
fn no_commits_since_the_tag_is_no_release() {
    let repo = released("1.4.2");
    assert_eq!(repo.next_version(&[]), "");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        format!(
            "engine: herald (from defaults)\nrepo 1.4.2: no release (no commits since v1.4.2)\n"
        )
    );
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["release"], false);
    assert_eq!(
        json["components"][0]["no_release_reason"],
        "no commits since v1.4.2"
    );
}

#[test]
fn tags_annotated_lightweight_and_unreachable() {
    let repo = TestRepo::new();
    repo.commit("chore: start").annotated_tag("v1.0.0");
    repo.commit("feat: a").tag("v1.1.0");
    repo.git(&["checkout", "-q", "-b", "other", "v1.0.0"]);
    repo.commit_file("other.txt", "fix: elsewhere")
        .tag("v9.0.0");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("fix: b");
    // v9.0.0 is not reachable from main; v1.1.0 (lightweight) is the last release.
    assert_eq!(repo.next_version(&[]), "1.1.1");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_tag"], "v1.1.0");
    assert_eq!(
        json["components"][0]["commits"].as_array().unwrap().len(),
        1
    );
    // Pre-release tags do not count as the last release.
    repo.tag("v1.2.0-rc.1");
    repo.commit("fix: c");
    assert_eq!(
        repo.preview_json(&[])["components"][0]["current_tag"],
        "v1.1.0"
    );
}

#[test]
fn pre_releases_count_existing_tags() {
    let repo = released("1.4.2");
    repo.commit("feat!: x");
    assert_eq!(repo.next_version(&["--pre", "rc"]), "2.0.0-rc.1");
    repo.tag("v2.0.0-rc.1");
    assert_eq!(
        repo.next_version(&["--pre", "rc"]),
        "",
        "rc.1 already tags HEAD"
    );
    repo.commit("fix: y");
    assert_eq!(repo.next_version(&["--pre", "rc"]), "2.0.0-rc.2");
    assert_eq!(repo.next_version(&["--pre", "beta"]), "2.0.0-beta.1");
    assert_eq!(repo.next_version(&[]), "2.0.0");
    let output = repo.herald(&["preview", "--pre", "r c"]);
    assert_eq!(code(&output), 2);
}

#[test]
fn a_revert_in_the_range_cancels_its_target() {
    let repo = released("1.4.2");
    repo.commit("feat: risky thing");
    let risky = repo.head();
    repo.commit("fix: small");
    repo.commit(&format!(
        "Revert \"feat: risky thing\"\n\nThis reverts commit {risky}."
    ));
    assert_eq!(repo.next_version(&[]), "1.4.3");
    let explain = &repo.preview_json(&["--explain"])["components"][0]["explain"];
    assert_eq!(
        explain[0]["because"],
        format!("reverts {} in this range: both drop out", &risky[..7])
    );
    assert_eq!(
        explain[2]["because"],
        format!("reverted by {} in this range", &repo.head()[..7])
    );
}

#[test]
fn a_revert_of_a_released_commit_is_a_patch() {
    let repo = TestRepo::new();
    repo.commit("feat: shipped");
    let shipped = repo.head();
    repo.tag("v1.4.2");
    repo.commit(&format!(
        "revert: feat: shipped\n\nThis reverts commit {shipped}."
    ));
    assert_eq!(repo.next_version(&[]), "1.4.3");
}

#[test]
fn merges_count_through_the_commits_they_bring() {
    let repo = released("1.4.2");
    repo.git(&["checkout", "-q", "-b", "topic"]);
    repo.commit_file("topic.txt", "feat: from topic");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit_file("main.txt", "docs: on main");
    repo.git(&["merge", "-q", "--no-ff", "--no-edit", "topic"]);
    assert_eq!(repo.next_version(&[]), "1.5.0");
    let json = repo.preview_json(&["--explain"]);
    let explain = json["components"][0]["explain"].as_array().unwrap();
    assert_eq!(explain.len(), 3);
    assert_eq!(explain[0]["parsed"], "merge");
    assert_eq!(
        json["warnings"],
        serde_json::json!([]),
        "a merge is not a non-conventional commit"
    );
}

#[test]
fn detached_head_and_to() {
    let repo = released("1.4.2");
    repo.commit("fix: a");
    let fix = repo.head();
    repo.commit("feat: b");
    repo.git(&["checkout", "-q", "--detach", "HEAD~1"]);
    assert_eq!(repo.next_version(&[]), "1.4.3");
    repo.git(&["checkout", "-q", "main"]);
    assert_eq!(repo.next_version(&["--to", &fix]), "1.4.3");
    assert_eq!(repo.next_version(&["--to", "main"]), "1.5.0");
    let output = repo.herald(&["preview", "--to", "nope"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`nope` is not a revision"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unborn_branch_has_nothing_to_release() {
    let repo = TestRepo::new();
    assert_eq!(repo.next_version(&[]), "");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "engine: herald (from defaults)\n`main` has no commits yet: nothing to release\n"
    );
}

#[test]
fn tags_that_are_not_versions_are_ignored_and_said_with_verbose() {
    let repo = released("1.4.2");
    repo.tag("latest").tag("v1.5").tag("deploy-2026");
    repo.commit("fix: x");
    assert_eq!(repo.next_version(&[]), "1.4.3");
    let output = repo.herald(&["preview", "-v"]);
    assert!(
        stderr(&output).contains("note: ignored tags that are not versions in the form `v{version}`: deploy-2026, latest, v1.5"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn custom_tag_format() {
    let repo = TestRepo::new();
    repo.commit("chore: start")
        .tag("1.4.2")
        .tag("v9.9.9-not-ours");
    repo.write("herald.toml", "[version]\ntag = \"{version}\"\n");
    repo.commit("feat: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_tag"], "1.4.2");
    assert_eq!(json["components"][0]["next_tag"], "1.5.0");
}

#[test]
fn shallow_clone_before_the_tag_says_how_to_fix_it() {
    let origin = released("1.4.2");
    origin.commit("fix: a").commit("feat: b");
    let clone = origin.scratch("shallow");
    let url = format!("file://{}", origin.path().display());
    origin.git_in(
        &origin.scratch(""),
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let output = origin.herald_in(&clone, &["preview"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let err = stderr(&output);
    assert!(err.contains("this is a shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow --tags"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
    // Deep enough to reach the tag: fine.
    let deep = origin.scratch("deep");
    origin.git_in(
        &origin.scratch(""),
        &["clone", "-q", "--depth", "3", &url, deep.to_str().unwrap()],
    );
    origin.git_in(&deep, &["fetch", "-q", "--tags", "--depth", "3"]);
    assert_eq!(code(&origin.herald_in(&deep, &["preview"])), 0);
}

/// In unified mode `--component` is a view: the component's commits and what they
/// contribute, under the repository's one version.
#[test]
fn component_in_unified_mode_shows_its_part() {
    let repo = released("1.4.2");
    let output = repo.herald(&["preview", "--component", "api"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("--component api: the repository has one version and no [components]"),
        "{}",
        stderr(&output)
    );
    repo.write(
        "herald.toml",
        "[components]\napi = [\"api/**\"]\nweb = [\"web/**\"]\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: components");
    repo.commit_paths(&["api/a.ts"], "feat(api): endpoint");
    repo.commit_paths(&["web/b.ts"], "fix(web): layout");
    let json = repo.preview_json(&["--component", "api"]);
    let component = &json["components"][0];
    assert_eq!(
        component["next_version"], "1.5.0",
        "the repository's version: {json}"
    );
    let commits: Vec<&str> = component["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["description"].as_str().unwrap())
        .collect();
    assert_eq!(commits, ["endpoint"], "{json}");
    assert_eq!(component["reasons"].as_array().unwrap().len(), 1, "{json}");
    let output = repo.herald(&["preview", "--component", "mobile"]);
    assert!(stderr(&output).contains("no component named `mobile` (components: api, web)"));
}

#[test]
fn github_output_file() {
    let repo = released("1.4.2");
    repo.commit("feat(api): add endpoint\n\nCloses #12");
    let file = repo.scratch("github_output");
    std::fs::write(&file, "earlier=1\n").unwrap();
    let output = repo.herald(&["preview", "--github-output", file.to_str().unwrap(), "-q"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = std::fs::read_to_string(&file).unwrap();
    let id = &repo.head()[..7];
    assert_eq!(
        written,
        format!(
            "earlier=1\nversion=1.5.0\nprevious_version=1.4.2\nprevious_tag=v1.4.2\ntag=v1.5.0\nsemver=minor\nreason=feat(api): add endpoint\nrelease=true\nchangelog<<HERALD_CHANGELOG_EOF\n## 1.5.0 (2026-01-01)\n\n### Features\n\n* **api:** add endpoint ({id}), closes #12\nHERALD_CHANGELOG_EOF\n"
        )
    );
    let output = repo
        .herald_command(&["preview", "--github-output"])
        .env_remove("GITHUB_OUTPUT")
        .output()
        .unwrap();
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--github-output without FILE needs $GITHUB_OUTPUT"),
        "{}",
        stderr(&output)
    );
}

/// As a workflow step runs it: no FILE, `$GITHUB_OUTPUT` set by the runner, the flag
/// before or after the others.
#[test]
fn github_output_from_the_environment() {
    let repo = released("1.4.2");
    repo.commit("fix: crash");
    let file = repo.scratch("runner_output");
    std::fs::write(&file, "").unwrap();
    for args in [
        &["preview", "--github-output"][..],
        &["preview", "--github-output", "--next-version"],
        &["preview", "-q", "--github-output"],
    ] {
        std::fs::write(&file, "").unwrap();
        let output = repo
            .herald_command(args)
            .env("GITHUB_OUTPUT", &file)
            .output()
            .unwrap();
        assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(
            written.starts_with("version=1.4.3\n"),
            "{args:?}: {written}"
        );
    }
}

#[test]
fn preview_is_read_only() {
    let repo = released("1.4.2");
    repo.write("herald.toml", "[components]\napi = [\"api/**\"]\n[[bump.rules]]\nname = \"api\"\ncomponents = [\"api\"]\nbump = \"major\"\n");
    repo.commit_paths(&["api/a.ts"], "feat(api): x");
    repo.commit("Revert \"nothing\"")
        .commit("fixup! feat(api): x");
    repo.write("unstaged.txt", "work in progress\n");
    let snapshot = || {
        let refs = repo.git(&["for-each-ref", "--format=%(refname) %(objectname)"]);
        let index = std::fs::read(repo.path().join(".git/index")).unwrap();
        let objects = repo.git(&["count-objects", "-v"]);
        let mut files: Vec<String> = walk(&repo.path().join(".git"));
        files.sort();
        let status = repo.git(&["--no-optional-locks", "status", "--porcelain"]);
        (refs, index, objects, files, status)
    };
    let before = snapshot();
    for args in [
        vec!["preview"],
        vec!["preview", "--format", "json", "--explain"],
        vec!["preview", "--format", "markdown"],
        vec!["preview", "--pre", "rc"],
        vec!["changelog"],
        vec!["check", "--range", "v1.4.2..HEAD"],
    ] {
        let output = repo.herald(&args);
        assert!(code(&output) <= 1, "{args:?}: {}", stderr(&output));
    }
    assert_eq!(snapshot(), before);
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            let meta = entry.metadata().unwrap();
            found.push(format!(
                "{} {} {:?}",
                path.display(),
                meta.len(),
                meta.modified().unwrap()
            ));
        }
    }
    found
}

/// `--to REV` previews REV with the configuration and manifests as they were there, not
/// with today's.
#[test]
fn configuration_is_read_at_the_previewed_revision() {
    let repo = TestRepo::new();
    repo.write(
        "release-please-config.json",
        r#"{ "release-type": "simple", "packages": { ".": {} } }"#,
    );
    repo.write(".release-please-manifest.json", r#"{ ".": "1.0.0" }"#);
    repo.git(&["add", "-A"]);
    repo.commit("chore: release 1.0.0").tag("v1.0.0");
    repo.commit("feat: one");
    let then = repo.head();
    repo.write(".release-please-manifest.json", r#"{ ".": "2.0.0" }"#);
    repo.git(&["add", "-A"]);
    repo.commit("chore: release 2.0.0").tag("v2.0.0");
    repo.commit("fix: two");
    let json = repo.preview_json(&["--to", &then]);
    assert_eq!(json["components"][0]["current_version"], "1.0.0", "{json}");
    assert_eq!(json["components"][0]["next_version"], "1.1.0", "{json}");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["next_version"], "2.0.1", "{json}");

    // herald.toml too: the tag template of the time.
    let repo = TestRepo::new();
    repo.write("herald.toml", "[version]\ntag = \"release-{version}\"\n");
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("release-1.0.0");
    repo.commit("feat: new");
    let then = repo.head();
    repo.write("herald.toml", "[version]\ntag = \"v{version}\"\n");
    repo.git(&["add", "-A"]);
    repo.commit("chore: new tags");
    let json = repo.preview_json(&["--to", &then]);
    assert_eq!(
        json["components"][0]["current_tag"], "release-1.0.0",
        "{json}"
    );
    assert_eq!(json["components"][0]["next_tag"], "release-1.1.0", "{json}");
}
