//! The git-cliff engine against what git-cliff 2.14.2 answers for the same histories.

mod common;

use common::{TestRepo, code, stderr, stdout};

/// A repository released at `tag` whose cliff.toml holds `config` (git-cliff's defaults
/// layered under it, as git-cliff does).
fn cliff(tag: Option<&str>, config: &str) -> TestRepo {
    let repo = TestRepo::new();
    repo.write("cliff.toml", config);
    repo.git(&["add", "cliff.toml"]);
    repo.commit("chore: initial commit");
    if let Some(tag) = tag {
        repo.tag(tag);
    }
    repo
}

fn next(tag: Option<&str>, config: &str, messages: &[&str]) -> String {
    let repo = cliff(tag, config);
    for message in messages {
        repo.commit(message);
    }
    repo.next_version(&[])
}

#[test]
fn the_ground_truth_histories() {
    // (start tag, commits, what `git-cliff --bumped-version` printed; "" = nothing to bump)
    let cases: [(Option<&str>, &[&str], &str); 16] = [
        (Some("v1.4.2"), &["perf: x"], "1.4.3"),
        (Some("v1.4.2"), &["refactor: x"], "1.4.3"),
        (Some("v1.4.2"), &["docs: x"], "1.4.3"),
        (Some("v0.4.2"), &["feat!: x"], "1.0.0"),
        (Some("v0.4.2"), &["fix!: x"], "1.0.0"),
        (Some("v0.4.2"), &["feat: x"], "0.5.0"),
        (Some("v1.4.2"), &["feat: x\n\nBREAKING-CHANGE: y"], "2.0.0"),
        (
            Some("v1.4.2"),
            &[
                "Revert \"feat: old thing\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
            ],
            "",
        ),
        (None, &["feat: first", "fix: second"], "0.1.0"),
        (None, &["feat!: breaking first"], "0.1.0"),
        (Some("v1.4.2"), &["Feat: capitalised type"], "1.5.0"),
        (Some("v1.4.2"), &["feature: x"], "1.4.3"),
        (Some("v1.4.2-rc.1"), &["fix: x"], "1.4.2-rc.2"),
        (Some("v1.4.2"), &["chore(deps): bump x"], ""),
        (Some("v1.4.2"), &["update readme"], ""),
        (Some("v1.4.2"), &[], ""),
    ];
    for (tag, messages, expected) in cases {
        assert_eq!(next(tag, "", messages), expected, "{tag:?} {messages:?}");
    }
}

#[test]
fn with_no_reachable_tag_the_newest_tag_anywhere_is_bumped() {
    // Measured: `v5.0.0` on a branch HEAD does not contain, nothing tagged on main:
    // `git-cliff --bumped-version` answers v5.0.1, bumping over every commit of HEAD.
    let repo = cliff(None, "");
    repo.commit("docs: a");
    repo.git(&["checkout", "-q", "-b", "t"]);
    repo.commit("feat: on the branch");
    repo.tag("v5.0.0");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("fix: b");
    let output = repo.herald(&["preview", "--next-version"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "5.0.1");
}

#[test]
fn a_revert_pair_is_not_filtered() {
    let repo = cliff(Some("v1.4.2"), "");
    repo.commit("feat: thing");
    let thing = repo.head();
    repo.commit(&format!(
        "Revert \"feat: thing\"\n\nThis reverts commit {thing}."
    ));
    assert_eq!(repo.next_version(&[]), "1.5.0");
}

#[test]
fn bump_options() {
    let off = "[bump]\nfeatures_always_bump_minor = false\nbreaking_always_bump_major = false\n";
    assert_eq!(next(Some("v0.4.2"), off, &["feat!: x"]), "0.5.0");
    assert_eq!(next(Some("v0.4.2"), off, &["feat: x"]), "0.4.3");
    assert_eq!(next(Some("v0.0.3"), off, &["feat!: x"]), "0.0.4");
    assert_eq!(
        next(None, "[bump]\ninitial_tag = \"1.0.0\"\n", &["fix: x"]),
        "1.0.0"
    );
    let custom = "[bump]\ncustom_major_increment_regex = \"major\"\ncustom_minor_increment_regex = \"minor|more\"\n";
    assert_eq!(next(Some("v1.4.2"), custom, &["major: x"]), "2.0.0");
    assert_eq!(next(Some("v1.4.2"), custom, &["more: x"]), "1.5.0");
    // Measured with git-cliff 2.14.2 (next_version 0.3.2): under 0.x with
    // `breaking_always_bump_major` off, a custom major match is no major bump, nor is it a
    // minor one unless something else asks for it.
    let zero =
        "[bump]\nbreaking_always_bump_major = false\ncustom_major_increment_regex = \"hotfix\"\n";
    assert_eq!(next(Some("v0.12.0"), zero, &["hotfix: x"]), "0.12.1");
    assert_eq!(
        next(Some("v0.12.0"), zero, &["hotfix: x", "feat!: y"]),
        "0.13.0"
    );
    assert_eq!(next(Some("v1.12.0"), zero, &["hotfix: x"]), "2.0.0");
    assert_eq!(
        next(
            Some("v1.4.2"),
            "[bump]\nbump_type = \"major\"\n",
            &["docs: x"]
        ),
        "2.0.0"
    );
}

#[test]
fn the_tag_prefix_is_kept() {
    let repo = cliff(Some("rel-1.4.2"), "");
    repo.commit("fix: x");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine"], "git-cliff");
    assert_eq!(json["engine_source"], "cliff.toml");
    assert_eq!(json["components"][0]["next_tag"], "rel-1.4.3");
    let repo = cliff(Some("v1.4.2"), "[git]\ntag_pattern = \"^release-\"\n");
    repo.tag("release-2.0.0");
    repo.commit("fix: x");
    assert_eq!(repo.next_version(&[]), "2.0.1");
}

#[test]
fn commit_parsers_skip_and_protect() {
    let skip_docs = "[git]\ncommit_parsers = [{ message = \"^docs\", skip = true }, { message = \".*\", group = \"Other\" }]\n";
    assert_eq!(next(Some("v1.4.2"), skip_docs, &["docs!: x"]), "");
    let protect = format!("{skip_docs}protect_breaking_commits = true\n");
    assert_eq!(next(Some("v1.4.2"), &protect, &["docs!: x"]), "2.0.0");
    let filter = "[git]\nfilter_commits = true\ncommit_parsers = [{ message = \"^fix\", group = \"Fixes\" }]\n";
    assert_eq!(next(Some("v1.4.2"), filter, &["feat: x"]), "");
    assert_eq!(
        next(Some("v1.4.2"), filter, &["feat: x", "fix: y"]),
        "1.4.3"
    );
}

#[test]
fn default_notes_byte_for_byte() {
    let repo = cliff(Some("v1.4.2"), "");
    for message in [
        "feat(api): add endpoint\n\nCloses #12",
        "fix: crash on empty input (#34)",
        "perf(core): faster parse",
        "docs: readme",
        "refactor(cli)!: drop flag",
        "chore: deps\n\nBREAKING CHANGE: node 20 required",
        "feat(ui): a second feature",
        "fix(api): handle <null> & stuff",
    ] {
        repo.commit(message);
    }
    let output = repo
        .herald_command(&["preview", "--format", "markdown"])
        .env("SOURCE_DATE_EPOCH", "1795564800")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // What git-cliff 2.14.2 prints with `--unreleased --bump` for this history.
    let expected = "## [2.0.0] - 2026-11-25

### 🚀 Features

- *(api)* Add endpoint
- *(ui)* A second feature

### 🐛 Bug Fixes

- Crash on empty input (#34)
- *(api)* Handle <null> & stuff

### 📚 Documentation

- Readme

### ⚡ Performance

- *(core)* Faster parse

### 🚜 Refactor

- *(cli)* [**breaking**] Drop flag

### ⚙️ Miscellaneous Tasks

- [**breaking**] Deps
";
    assert_eq!(stdout(&output), expected);
}

#[test]
fn a_custom_template_renders_with_git_cliffs_filters() {
    // The expected text is what git-cliff 2.14.2 printed for the same repository.
    let config = r#"[changelog]
body = """
{% for group, commits in commits | group_by(attribute="group") %}
### {{ group | striptags | trim | upper_first }}
{% for commit in commits %}
- {{ commit.message | upper_first }} ({{ commit.id | truncate(length=7, end="") }}){% if commit.breaking %} BREAKING{% endif %}
{%- endfor %}
{% endfor %}
{{ version }} after {{ previous.version }}: {{ commit_range.from | truncate(length=7, end="") }}..{{ commit_range.to | truncate(length=7, end="") }}
"""
trim = true
"#;
    let repo = cliff(Some("v1.4.2"), config);
    repo.commit("feat: one");
    let one = repo.git(&["rev-parse", "--short=7", "HEAD"]);
    repo.commit("fix!: two");
    let two = repo.git(&["rev-parse", "--short=7", "HEAD"]);
    let notes = stdout(&repo.herald(&["preview", "--format", "markdown"]));
    assert_eq!(
        notes,
        format!(
            "\n### 🚀 Features\n\n- One ({one})\n\n### 🐛 Bug Fixes\n\n- Two ({two}) BREAKING\n\nv2.0.0 after v1.4.2: {one}..{two}"
        )
    );
}

#[test]
fn a_broken_template_is_a_warning_not_a_crash() {
    let repo = cliff(
        Some("v1.4.2"),
        "[changelog]\nbody = \"{{ nope.nothing }}\"\n",
    );
    repo.commit("fix: x");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("warning: the release notes cannot be rendered: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.next_version(&[]), "1.4.3");
}

/// A template is code from the repository: a huge `range`, an endless one or a flood of
/// output is stopped with a warning naming the file, never a hang or an exhausted machine.
#[test]
fn runaway_templates_are_stopped() {
    let ten = "\"0123456789\"";
    let chunk = vec![ten; 20].join(" ~ ");
    let flood = format!(
        "{{% for i in range(end=90000) %}}{{{{ {chunk} }}}}{{% endfor %}}{{% for i in range(end=9000) %}}{{{{ {ten} }}}}{{% endfor %}}"
    );
    let cases = [
        (
            "{% for i in range(end=100000000) %}x{% endfor %}".to_string(),
            "produce more than 100000 numbers",
        ),
        (
            "{% for i in range(end=400) %}{% for j in range(end=400) %}{% endfor %}{% endfor %}"
                .to_string(),
            "produce more than 100000 numbers",
        ),
        (
            "{% for i in range(end=5, step_by=0) %}x{% endfor %}".to_string(),
            "step_by=0",
        ),
        (flood, "writes more than 16 MiB"),
    ];
    for (body, expected) in cases {
        let config = format!("[changelog]\nbody = '''{body}'''\n");
        let repo = cliff(Some("v1.4.2"), &config);
        repo.commit("fix: x");
        let output = repo.herald(&["preview"]);
        assert_eq!(code(&output), 0, "{body}");
        let err = stderr(&output);
        assert!(
            err.contains(
                "warning: the release notes cannot be rendered: cliff.toml: [changelog] body:"
            ) && err.contains(expected),
            "{body}: {err}"
        );
        let output = repo.herald(&["release", "--yes", "--dry-run"]);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
}

#[test]
fn detected_from_every_file_form() {
    for (file, text) in [
        (".cliff.toml", "[bump]\ninitial_tag = \"3.0.0\"\n"),
        (".config/cliff.toml", "[bump]\ninitial_tag = \"3.0.0\"\n"),
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.git-cliff.bump]\ninitial_tag = \"3.0.0\"\n",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"x\"\n\n[package.metadata.git-cliff.bump]\ninitial_tag = \"3.0.0\"\n",
        ),
        (
            "Cargo.toml",
            "[workspace]\nmembers = []\n\n[workspace.metadata.git-cliff.bump]\ninitial_tag = \"3.0.0\"\n",
        ),
    ] {
        let repo = TestRepo::new();
        repo.write(file, text);
        repo.commit("fix: x");
        let json = repo.preview_json(&[]);
        assert_eq!(json["engine"], "git-cliff", "{file}");
        assert_eq!(json["components"][0]["next_version"], "3.0.0", "{file}");
    }
    // A Cargo.toml without git-cliff settings is not git-cliff's.
    let repo = TestRepo::new();
    repo.write("Cargo.toml", "[package]\nname = \"x\"\n");
    repo.commit("fix: x");
    assert_eq!(repo.preview_json(&[])["engine"], "herald");
    // herald.toml can choose git-cliff's defaults without a file.
    let repo = TestRepo::new();
    repo.write("herald.toml", "engine = \"git-cliff\"\n");
    repo.commit("docs: x").tag("v1.0.0").commit("docs: y");
    assert_eq!(repo.next_version(&[]), "1.0.1");
}

#[test]
fn invalid_configuration_is_exit_2_with_its_place() {
    let repo = cliff(
        Some("v1.0.0"),
        "[git]\ncommit_parsers = [\n  { message = \"^feat(\", group = \"x\" },\n]\n",
    );
    repo.commit("fix: x");
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains(
            "cliff.toml:3:15: [git] commit_parsers[0].message: `^feat(` is not a valid regex"
        ),
        "{err}"
    );
    std::fs::write(repo.path().join("cliff.toml"), "[git\n").unwrap();
    let output = repo.herald(&["preview"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("cliff.toml:1:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn commit_time_warnings() {
    let repo = cliff(None, "");
    let output = repo.herald(&["check", "chore(deps): bump serde"]);
    assert_eq!(code(&output), 0);
    assert!(
        stdout(&output)
            .contains("warning[engine-skipped]: git-cliff's commit parsers skip this commit"),
        "{}",
        stdout(&output)
    );
    let output = repo.herald(&["check", "--format", "json", "feature: x"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = json["messages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["type-enum", "engine-type-unseen"]);
}

#[test]
fn the_breaking_banner_follows_the_engine() {
    let repo = cliff(Some("v0.4.2"), "");
    repo.herald(&["install", "-q"]);
    let output = repo.try_commit(&["-q", "-m", "feat!: new shape"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // git-cliff's defaults take a breaking change on 0.x to 1.0.0 (herald's own rules: 0.5.0).
    assert!(
        stderr(&output).ends_with("the next release becomes 1.0.0 (from 0.4.2)\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_next_version_tag_pattern_refuses_is_a_warning_and_strict_refuses() {
    let config = "[git]\ntag_pattern = \"v[0-9].*\"\n";
    let first = cliff(None, config);
    first.commit("feat: x");
    assert!(
        first.preview_warnings().contains(
            "git-cliff will stop (exit 1): the next version 0.1.0 does not match tag_pattern `v[0-9].*`"
        ),
        "{}",
        first.preview_warnings()
    );
    let strict = first.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 1);
    assert!(stdout(&strict).contains("first release → 0.1.0"));
    assert!(
        stderr(&strict).contains("herald: --strict: git-cliff may answer otherwise"),
        "{}",
        stderr(&strict)
    );
    // `--next-version` says the version, then the difference and the refusal.
    let quiet = first.herald(&["preview", "--strict", "--next-version"]);
    assert_eq!((code(&quiet), stdout(&quiet).trim()), (1, "0.1.0"));
    assert!(stderr(&quiet).contains("does not match tag_pattern"));

    let tagged = cliff(Some("v1.0.0"), config);
    tagged.commit("feat: x");
    assert!(!tagged.preview_warnings().contains("tag_pattern"));
    let strict = tagged.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 0, "{}", stderr(&strict));
}

#[test]
fn a_pre_release_beside_the_release_on_one_commit_is_a_warning() {
    let repo = cliff(Some("v1.0.0"), "");
    repo.tag("v1.0.0-rc.1");
    repo.commit("fix: x");
    assert!(
        repo.preview_warnings()
            .contains("v1.0.0 and v1.0.0-rc.1 tag the same commit: git-cliff keeps v1.0.0-rc.1"),
        "{}",
        repo.preview_warnings()
    );
    let alone = cliff(Some("v1.0.0"), "");
    alone.commit("fix: x");
    assert!(!alone.preview_warnings().contains("tag the same commit"));
}

#[test]
fn an_older_version_tagged_later_is_a_warning() {
    let repo = cliff(Some("v2.0.0"), "");
    repo.commit("fix: a");
    repo.tag("v1.5.0");
    repo.commit("fix: b");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains(
            "git-cliff bumps from v1.5.0, the tag nearest in history; herald bumps from v2.0.0"
        ),
        "{warnings}"
    );
    let neighbour = cliff(Some("v2.0.0"), "");
    neighbour.commit("fix: a");
    neighbour.commit("fix: b");
    let warnings = neighbour.preview_warnings();
    assert!(!warnings.contains("nearest"), "{warnings}");
}

#[test]
fn notes_starting_at_a_newer_tag_elsewhere_are_a_warning() {
    let repo = cliff(Some("v1.0.0"), "");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.commit("feat: never merged");
    repo.tag("v1.1.0");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("fix: on main");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains(
            "git-cliff's notes start at v1.1.0, the tag on the most recently dated commit, not at v1.0.0"
        ),
        "{warnings}"
    );
    // The newest tag is the last release: the notes start at the same place.
    let neighbour = cliff(Some("v1.0.0"), "");
    neighbour.git(&["checkout", "-q", "-b", "side"]);
    neighbour.commit("feat: never merged");
    neighbour.git(&["checkout", "-q", "main"]);
    neighbour.commit("fix: on main");
    let warnings = neighbour.preview_warnings();
    assert!(!warnings.contains("notes start"), "{warnings}");
    // No tag reachable: both bump from the newest tag, but the notes differ.
    let unreachable = cliff(None, "");
    unreachable.git(&["checkout", "-q", "-b", "side"]);
    unreachable.commit("feat: on the branch");
    unreachable.tag("v5.0.0");
    unreachable.git(&["checkout", "-q", "main"]);
    unreachable.commit("fix: b");
    let warnings = unreachable.preview_warnings();
    assert!(
        warnings.contains("no release tag is reachable: git-cliff's notes start at v5.0.0"),
        "{warnings}"
    );
}

#[test]
fn a_first_release_with_nothing_to_list_is_a_warning() {
    let repo = TestRepo::new();
    repo.write("cliff.toml", "");
    repo.git(&["add", "cliff.toml"]);
    repo.commit("add the configuration");
    repo.commit("update the readme");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("git-cliff releases 0.1.0 with empty notes"),
        "{warnings}"
    );
    let neighbour = cliff(None, "");
    neighbour.commit("feat: x");
    let warnings = neighbour.preview_warnings();
    assert!(!warnings.contains("empty notes"), "{warnings}");
}

#[test]
fn a_template_reading_online_data_is_a_warning() {
    let repo = cliff(
        Some("v1.0.0"),
        "[changelog]\nbody = \"{% for commit in commits %}{{ commit.message }}{% if commit.remote.username %} by {{ commit.remote.username }}{% endif %}{% endfor %}\"\n",
    );
    repo.commit("fix: x");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("the changelog template reads `remote.username`"),
        "{warnings}"
    );
    let neighbour = cliff(Some("v1.0.0"), "");
    neighbour.commit("fix: x");
    assert_eq!(neighbour.preview_warnings(), "");
}
