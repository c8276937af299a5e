//! The commitizen engine on real repositories: detection from every configuration file
//! form, the next version on the reference histories (as commitizen 4.19.3 answered),
//! release notes byte for byte, CHANGELOG.md, pre-releases and commit-time warnings.

mod common;

use common::histories::{ANSWERS, spec};
use common::mkhist::{herald_on_reference_day, mkhist};
use common::{TestRepo, code, stderr, stdout};

/// The configuration the reference runs used: `version` is the highest tag's (or
/// 0.0.1), `v$version` tags unless `bare`.
fn cz_toml(version: &str, bare: bool, mvz: bool) -> String {
    let mut text =
        format!("[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"{version}\"\n");
    if !bare {
        text.push_str("tag_format = \"v$version\"\n");
    }
    if mvz {
        text.push_str("major_version_zero = true\n");
    }
    text
}

/// The highest version tag reachable from HEAD, without its `v`.
fn latest_tag_version(repo: &TestRepo) -> Option<String> {
    repo.git(&["tag", "--merged", "HEAD"])
        .lines()
        .filter_map(|t| semver::Version::parse(t.trim_start_matches('v')).ok())
        .max()
        .map(|v| v.to_string())
}

fn strip_v_tags(repo: &TestRepo) {
    for tag in repo.git(&["tag", "-l"]).lines() {
        if let Some(bare) = tag.strip_prefix('v') {
            repo.git(&["tag", bare, tag]);
            repo.git(&["tag", "-d", tag]);
        }
    }
}

#[test]
fn reference_histories_release_as_commitizen_does() {
    let mut failures = Vec::new();
    for (name, answers) in ANSWERS {
        let repo = mkhist(spec(name));
        for (column, bare, mvz) in [(0, false, false), (2, false, true), (1, true, false)] {
            if bare {
                strip_v_tags(&repo);
            }
            let version = latest_tag_version(&repo).unwrap_or_else(|| "0.0.1".into());
            repo.write(".cz.toml", &cz_toml(&version, bare, mvz));
            let got = repo.next_version(&[]);
            let got = if got.is_empty() { "none".into() } else { got };
            if got != answers[column] {
                failures.push(format!(
                    "{name} (column {column}): commitizen {} herald {got}",
                    answers[column]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

const P_NOTES: &str = "## v2.0.0 (2026-11-25)\n\n### BREAKING CHANGE\n\n- node 20 required\n\n### Feat\n\n- **ui**: a second feature\n- **api**: add endpoint\n\n### Fix\n\n- **api**: handle <null> & stuff\n- crash on empty input (#34)\n\n### Refactor\n\n- **cli**: drop flag\n\n### Perf\n\n- **core**: faster parse\n";

#[test]
fn notes_of_history_p_are_byte_exact() {
    let repo = mkhist(spec("p"));
    repo.write(".cz.toml", &cz_toml("1.4.2", false, false));
    let output = herald_on_reference_day(&repo, &["preview", "--format", "markdown"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // `cz changelog --dry-run --incremental` prints the section and print()'s newline.
    assert_eq!(stdout(&output), P_NOTES);
    // What `cz bump --changelog` writes over a CHANGELOG.md holding the last release.
    repo.write("CHANGELOG.md", "## v1.4.2 (2024-01-01)\n");
    let output = herald_on_reference_day(&repo, &["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert_eq!(written, format!("{P_NOTES}\n## v1.4.2 (2024-01-01)\n"));
    let output = herald_on_reference_day(&repo, &["changelog", "--output", "CHANGELOG.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let again = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert_eq!(again, written, "writing twice changes nothing");
}

#[test]
fn first_release_and_major_version_zero_notes() {
    let repo = mkhist(spec("i"));
    repo.write(".cz.toml", &cz_toml("0.0.1", false, false));
    let output = herald_on_reference_day(&repo, &["preview", "--format", "markdown"]);
    assert_eq!(
        stdout(&output),
        "## v0.1.0 (2026-11-25)\n\n### Feat\n\n- first\n\n### Fix\n\n- second\n"
    );
    let repo = mkhist(spec("p"));
    repo.write(".cz.toml", &cz_toml("1.4.2", false, true));
    let output = herald_on_reference_day(&repo, &["preview", "--format", "markdown"]);
    assert_eq!(stdout(&output), P_NOTES.replace("v2.0.0", "v1.5.0"));
    let output = repo.herald(&["preview"]);
    assert!(
        stderr(&output).contains("major_version_zero = true"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bare_tags_by_default() {
    let repo = mkhist(spec("s"));
    strip_v_tags(&repo);
    repo.write(".cz.toml", &cz_toml("1.4.2", true, false));
    let json = repo.preview_json(&[]);
    let component = &json["components"][0];
    assert_eq!(component["current_tag"], "1.4.2");
    assert_eq!(component["next_tag"], "2.0.0");
    assert_eq!(json["engine"], "commitizen");
    assert_eq!(json["engine_source"], ".cz.toml");
}

#[test]
fn every_configuration_file_is_detected() {
    let forms: [(&str, &str, &str); 7] = [
        (
            ".cz.toml",
            "[tool.commitizen]\nversion = \"1.4.2\"\ntag_format = \"v$version\"\n",
            ".cz.toml",
        ),
        (
            "cz.toml",
            "[tool.commitizen]\nversion = \"1.4.2\"\ntag_format = \"v$version\"\n",
            "cz.toml",
        ),
        (
            ".cz.json",
            "{\"commitizen\": {\"version\": \"1.4.2\", \"tag_format\": \"v$version\"}}",
            ".cz.json",
        ),
        (
            "cz.json",
            "{\"commitizen\": {\"version\": \"1.4.2\", \"tag_format\": \"v$version\"}}",
            "cz.json",
        ),
        (
            ".cz.yaml",
            "commitizen:\n  version: 1.4.2\n  tag_format: v$version\n",
            ".cz.yaml",
        ),
        (
            "cz.yaml",
            "commitizen:\n  version: \"1.4.2\"\n  tag_format: \"v$version\"\n",
            "cz.yaml",
        ),
        (
            "pyproject.toml",
            "[project]\nname = \"app\"\n\n[tool.commitizen]\nversion = \"1.4.2\"\ntag_format = \"v$version\"\n",
            "pyproject.toml [tool.commitizen]",
        ),
    ];
    for (file, text, source) in forms {
        let repo = TestRepo::new();
        repo.commit("chore: start").tag("v1.4.2");
        repo.commit("refactor: tidy");
        repo.write(file, text);
        let json = repo.preview_json(&[]);
        assert_eq!(json["engine"], "commitizen", "{file}");
        assert_eq!(json["engine_source"], source, "{file}");
        assert_eq!(json["components"][0]["next_version"], "1.4.3", "{file}");
    }
    // A pyproject.toml without [tool.commitizen] is not commitizen's.
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v1.4.2");
    repo.commit("refactor: tidy");
    repo.write("pyproject.toml", "[tool.black]\nline-length = 100\n");
    assert_eq!(repo.preview_json(&[])["engine"], "herald");
}

#[test]
fn invalid_configuration_is_a_located_error() {
    let cases = [
        (
            ".cz.toml",
            "[tool.commitizen\nversion = \"1.0.0\"\n",
            ".cz.toml:1:",
        ),
        (
            ".cz.toml",
            "[tool.commitizen]\nversion = \"1.0.0\"\nmajor_version_zero = \"yes\"\n",
            ".cz.toml:3:22: `major_version_zero`",
        ),
        (
            ".cz.toml",
            "[tool.commitizen]\nname = \"cz_conventional_commits\"\n",
            ".cz.toml:1:1: no `version`",
        ),
        (
            ".cz.json",
            "{\"commitizen\": {\"version\": \"1.0.0\",}}",
            ".cz.json:1:",
        ),
        ("cz.yaml", "commitizen:\n  version: [1\n", "cz.yaml:"),
        (
            ".cz.toml",
            "[tool.black]\n",
            ".cz.toml:1:1: has no [tool.commitizen] table",
        ),
    ];
    for (file, text, expected) in cases {
        let repo = TestRepo::new();
        repo.commit("feat: x");
        repo.write(file, text);
        let output = repo.herald(&["preview"]);
        assert_eq!(code(&output), 2, "{file}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(expected),
            "{file}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn engine_named_in_herald_toml_without_a_file_reads_tags() {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("1.4.2");
    repo.commit("perf: x");
    repo.write("herald.toml", "engine = \"commitizen\"\n");
    assert_eq!(repo.next_version(&[]), "1.4.3");
    let json = repo.preview_json(&[]);
    assert_eq!(json["engine_source"], "herald.toml");
}

#[test]
fn scm_provider_reads_tags_and_starts_at_zero() {
    let repo = TestRepo::new();
    repo.commit("feat: first").commit("fix: second");
    repo.write(
        ".cz.toml",
        "[tool.commitizen]\nversion_provider = \"scm\"\ntag_format = \"v$version\"\n",
    );
    assert_eq!(repo.next_version(&[]), "0.1.0");
    repo.tag("v0.1.0");
    repo.commit("feat!: breaking");
    assert_eq!(repo.next_version(&[]), "1.0.0");
}

#[test]
fn version_providers_read_the_project_files() {
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v2.3.4");
    repo.commit("fix: x");
    repo.write(
        "pyproject.toml",
        "[project]\nname = \"app\"\nversion = \"2.3.4\"\n\n[tool.commitizen]\nversion_provider = \"pep621\"\ntag_format = \"v$version\"\n",
    );
    assert_eq!(repo.next_version(&[]), "2.3.5");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_tag"], "v2.3.4");
}

#[test]
fn pre_releases_are_spelled_the_scheme_way() {
    // Measured: `cz bump --prerelease rc` on 1.4.2 + feat! gives 2.0.0rc0 (tag v2.0.0rc0);
    // from 2.0.0rc0 a fix with --prerelease rc gives 2.0.0rc1, and without it 2.0.0.
    let repo = mkhist(spec("s"));
    repo.write(".cz.toml", &cz_toml("1.4.2", false, false));
    assert_eq!(repo.next_version(&["--pre", "rc"]), "2.0.0rc0");
    let json = repo.preview_json(&["--pre", "rc"]);
    assert_eq!(json["components"][0]["next_tag"], "v2.0.0rc0");
    repo.tag("v2.0.0rc0");
    repo.commit("fix: y");
    repo.write(".cz.toml", &cz_toml("2.0.0rc0", false, false));
    assert_eq!(repo.next_version(&["--pre", "rc"]), "2.0.0rc1");
    assert_eq!(repo.next_version(&[]), "2.0.0");
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_version"], "2.0.0rc0");
    assert_eq!(json["components"][0]["current_tag"], "v2.0.0rc0");
    // The semver2 scheme writes SemVer pre-releases.
    repo.write(
        ".cz.toml",
        "[tool.commitizen]\nversion = \"2.0.0-rc.0\"\ntag_format = \"v$version\"\nversion_scheme = \"semver2\"\n",
    );
    assert_eq!(repo.next_version(&["--pre", "alpha"]), "2.0.0-rc.1");
}

#[test]
fn a_pre_release_is_finalised_counting_every_commit() {
    // o: the tag is v1.4.2-rc.1, which commitizen's pep440 scheme looks for as
    // v1.4.2rc1 and does not find, so every commit counts; a fix finalises to 1.4.2.
    let repo = mkhist(spec("o"));
    repo.write(".cz.toml", &cz_toml("1.4.2-rc.1", false, false));
    let output = repo.herald(&["preview", "-v"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1.4.2rc1 → 1.4.2"),
        "{}",
        stdout(&output)
    );
    let json = repo.preview_json(&[]);
    assert_eq!(
        json["components"][0]["current_tag"],
        serde_json::Value::Null
    );
    assert_eq!(
        json["components"][0]["commits"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_pre_release_tag_spelt_the_semver_way_starts_the_notes_not_the_bump() {
    // Measured with commitizen 4.19.3 (pep440, `v$version`, version 1.1.0rc1): `cz bump`
    // looks for `v1.1.0rc1`, finds no such tag and counts every commit (a minor from the
    // feature before the pre-release); `cz changelog` recognises `v1.1.0-rc.1` as that
    // version's tag and lists only the fix after it.
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("v1.0.0");
    repo.commit("feat: before rc").tag("v1.1.0-rc.1");
    repo.commit("fix: after rc");
    repo.write(
        ".cz.toml",
        "[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"1.1.0rc1\"\ntag_format = \"v$version\"\nversion_scheme = \"pep440\"\n",
    );
    assert_eq!(repo.next_version(&[]), "1.1.0");
    let output = repo.herald(&["preview", "--format", "markdown"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "## v1.1.0 (2026-01-01)\n\n### Fix\n\n- after rc\n"
    );
    // The scm provider reads the version from that tag and, like the bump, finds no
    // `v1.1.0rc1`: every commit counts.
    repo.write(
        ".cz.toml",
        "[tool.commitizen]\nversion_provider = \"scm\"\ntag_format = \"v$version\"\nversion_scheme = \"pep440\"\n",
    );
    let json = repo.preview_json(&[]);
    assert_eq!(json["components"][0]["current_version"], "1.1.0rc1");
    assert_eq!(json["components"][0]["next_version"], "1.1.0");
}

#[test]
fn the_scm_provider_reads_a_pre_release_tag_in_any_spelling() {
    // Measured: one commit tagged `0.7.0-beta0`, `version_provider = "scm"`: commitizen
    // reads 0.7.0b0 and finalises it, `bump: version 0.7.0b0 → 0.7.0`.
    let repo = TestRepo::new();
    repo.commit("chore: start").tag("0.7.0-beta0");
    repo.write(
        ".cz.toml",
        "[tool.commitizen]\nversion_provider = \"scm\"\ntag_format = \"${version}\"\n",
    );
    assert_eq!(repo.next_version(&[]), "0.7.0");
}

#[test]
fn commit_time_warnings_say_how_commitizen_reads_the_message() {
    let repo = TestRepo::new();
    repo.commit("chore: start");
    repo.write(".cz.toml", &cz_toml("1.4.2", false, false));
    let warned = |message: &str| {
        let output = repo.herald(&["check", message]);
        stdout(&output) + &stderr(&output)
    };
    let text = warned("Feat: capitalised");
    assert!(text.contains("engine-type-case"), "{text}");
    assert!(
        text.contains("write the type in lowercase: `feat`"),
        "{text}"
    );
    assert!(warned("revert: x").contains("engine-revert-ignored"));
    let text = warned("fix: x\n\nfeat: something");
    assert!(text.contains("engine-body-line"), "{text}");
    assert!(warned("feat: x\n\nBREAKING-CHANGE: y").contains("engine-breaking-unlisted"));
    assert!(!warned("feat: x").contains("engine-"));
    repo.write(".cz.toml", &cz_toml("1.4.2", false, true));
    assert!(warned("feat!: x").contains("engine-breaking-minor"));
}

#[test]
fn explain_names_the_rule_of_each_commit() {
    let repo = mkhist(spec("n"));
    repo.write(".cz.toml", &cz_toml("1.4.2", false, false));
    let json = repo.preview_json(&["--explain"]);
    let explain = &json["components"][0]["explain"][0];
    assert_eq!(explain["parsed"], "feat");
    assert_eq!(
        explain["because"],
        "message line 3: `feat` matches `^feat` → MINOR"
    );
}

/// A repository released as `v1.0.0` (the configured version), with `.cz.toml` and, when
/// given, CHANGELOG.md committed; then `messages`.
fn cz_released(changelog: Option<&str>, tagged: bool, messages: &[&str]) -> TestRepo {
    let repo = TestRepo::new();
    repo.write(".cz.toml", &cz_toml("1.0.0", false, false));
    repo.git(&["add", ".cz.toml"]);
    if let Some(text) = changelog {
        repo.write("CHANGELOG.md", text);
        repo.git(&["add", "CHANGELOG.md"]);
    }
    repo.commit("feat: first");
    repo.tag(if tagged { "v1.0.0" } else { "v0.9.0" });
    for message in messages {
        repo.commit(message);
    }
    repo
}

const CHANGELOG: &str = "## v1.0.0 (2026-01-01)\n\n### Feat\n\n- first\n";

#[test]
fn a_missing_changelog_is_a_warning() {
    let repo = cz_released(None, true, &["fix: x"]);
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("no CHANGELOG.md: `cz bump --changelog` writes the whole history there, a section per tag"),
        "{warnings}"
    );
    let strict = repo.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 1);
    let headless = cz_released(Some("# Changelog\n\nNothing yet.\n"), true, &["fix: x"]);
    let warnings = headless.preview_warnings();
    assert!(
        warnings.contains("CHANGELOG.md has no version heading in the tag format"),
        "{warnings}"
    );
    let neighbour = cz_released(Some(CHANGELOG), true, &["fix: x"]);
    assert_eq!(neighbour.preview_warnings(), "");
    let strict = neighbour.herald(&["preview", "--strict"]);
    assert_eq!(code(&strict), 0, "{}", stderr(&strict));
}

#[test]
fn a_missing_tag_for_the_configured_version_splitting_the_notes_is_a_warning() {
    // v0.9.0 tags the first commit; the configured 1.0.0 has no tag.
    let repo = cz_released(Some(CHANGELOG), false, &["fix: x"]);
    repo.commit("chore: between");
    repo.tag("v0.9.5");
    repo.commit("fix: y");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("no tag v1.0.0 for the configured version: cz counts every commit and splits its notes at the older tags it meets (v0.9.5, v0.9.0)"),
        "{warnings}"
    );
    let neighbour = cz_released(Some(CHANGELOG), true, &["fix: x", "fix: y"]);
    assert!(!neighbour.preview_warnings().contains("splits its notes"));
}

#[test]
fn a_changelog_heading_naming_another_version_is_a_warning() {
    let repo = cz_released(
        Some("## v0.9.0 (2025-01-01)\n\n### Feat\n\n- older\n"),
        true,
        &["fix: x"],
    );
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("CHANGELOG.md's latest version heading names 0.9.0: `cz changelog --incremental` starts the notes at the tag most like it; herald starts them at v1.0.0"),
        "{warnings}"
    );
    let neighbour = cz_released(Some(CHANGELOG), true, &["fix: x"]);
    assert!(
        !neighbour
            .preview_warnings()
            .contains("latest version heading")
    );
}

#[test]
fn unsupported_changelog_options_are_a_warning() {
    let repo = cz_released(Some(CHANGELOG), true, &["fix: x"]);
    repo.write(
        ".cz.toml",
        &format!(
            "{}changelog_merge_prerelease = true\n",
            cz_toml("1.0.0", false, false)
        ),
    );
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("commitizen's `changelog_merge_prerelease` (herald writes the release's own section) is not reproduced"),
        "{warnings}"
    );
}

#[test]
fn a_pre_release_finalised_without_commits_is_a_warning() {
    let repo = TestRepo::new();
    repo.write(".cz.toml", &cz_toml("1.1.0rc1", false, false));
    repo.write(
        "CHANGELOG.md",
        "## v1.1.0rc1 (2026-01-01)\n\n### Feat\n\n- first\n",
    );
    repo.git(&["add", "."]);
    repo.commit("feat: first");
    repo.tag("v1.1.0rc1");
    let warnings = repo.preview_warnings();
    assert!(
        warnings.contains("no commit since v1.1.0rc1: `cz changelog` stops (\"No commits found\") while `cz bump` releases 1.1.0"),
        "{warnings}"
    );
    repo.commit("fix: x");
    assert!(!repo.preview_warnings().contains("No commits found"));
}
