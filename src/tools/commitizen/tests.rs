//! The commitizen rules as plain function calls; the expected answers are those of the
//! real `cz` 4.19.3 (reference histories a–z, and experiments noted next to each case).

use semver::Version;

use super::*;
use crate::app::check::stored_commit;
use crate::model::ReasonKind;
use crate::model::files::MemoryFiles;
use crate::model::notes::Release;

const CZ: &str = "[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"1.4.2\"\ntag_format = \"v$version\"\n";

fn rules(text: &str) -> Commitizen {
    from_text(".cz.toml", text, &MemoryFiles::default()).unwrap()
}

fn mvz() -> Commitizen {
    rules(&format!("{CZ}major_version_zero = true\n"))
}

fn change(n: usize, message: &str) -> Change {
    Change {
        id: format!("{n:040x}"),
        message: stored_commit(message.as_bytes(), 1),
        paths: Vec::new(),
        parent_count: 1,
        author: "Ada".into(),
        time: 0,
    }
}

/// The range from oldest-first messages (as histories are written).
fn range(messages: &[&str]) -> Vec<Change> {
    messages
        .iter()
        .enumerate()
        .map(|(n, m)| change(n, m))
        .rev()
        .collect()
}

fn v(text: &str) -> Version {
    Version::parse(text).unwrap()
}

/// The next version as cz prints it, or "none".
fn next(rules: &Commitizen, current: &str, messages: &[&str]) -> String {
    let decision = decide::decide(rules, &range(messages), Some(&v(current)), &[]);
    decision
        .next
        .map_or("none".into(), |n| rules.scheme.spelling().render(&n))
}

#[test]
fn every_line_of_every_message_counts() {
    let cz = rules(CZ);
    let cases = [
        ("perf: x", "1.4.3"),                       // a
        ("refactor: x", "1.4.3"),                   // b
        ("docs: x", "none"),                        // c (exit 21)
        ("feat: x\n\nBREAKING-CHANGE: y", "2.0.0"), // g
        (
            "revert: feat: old thing\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
            "none",
        ), // h1
        (
            "Revert \"feat: old thing\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
            "none",
        ), // h2
        ("revert: x", "none"),                      // h3
        ("Feat: capitalised type", "none"),         // l1
        ("feat(api)!: x\n\nBREAKING CHANGE: y", "2.0.0"), // l2
        ("fix: x\n\nbreaking change: y", "1.4.3"),  // l3
        ("fix: x\n\nfeat: something", "1.5.0"),     // n
        (
            "fix: x\n\nBEGIN_NESTED_COMMIT\nfeat(api): nested\nEND_NESTED_COMMIT",
            "1.5.0",
        ), // nb
        ("chore(deps): bump x", "none"),            // q
        ("feat!: x", "2.0.0"),                      // s
        ("update readme", "none"),                  // t
        ("docs!: x", "2.0.0"),                      // u
        ("feature: x", "1.5.0"),                    // x
    ];
    for (message, expected) in cases {
        assert_eq!(next(&cz, "1.4.2", &[message]), expected, "{message}");
    }
    // j: only hidden types; k, k2: reverts are not filtered.
    assert_eq!(
        next(
            &cz,
            "1.4.2",
            &["chore: a", "docs: b", "style: c", "test: d"]
        ),
        "none"
    );
    assert_eq!(
        next(
            &cz,
            "1.4.2",
            &[
                "feat: thing",
                "Revert \"feat: thing\"\n\nThis reverts commit 0000000000000000000000000000000000000000."
            ]
        ),
        "1.5.0"
    );
    assert_eq!(
        next(
            &cz,
            "1.4.2",
            &["fix: x", "chore: release 3.0.0\n\nRelease-As: 3.0.0"]
        ),
        "1.4.3"
    );
}

#[test]
fn zero_major_and_major_version_zero() {
    let cz = rules(CZ);
    assert_eq!(next(&cz, "0.4.2", &["feat!: x"]), "1.0.0"); // d
    assert_eq!(next(&cz, "0.4.2", &["fix!: x"]), "1.0.0"); // e
    assert_eq!(next(&cz, "0.4.2", &["feat: x"]), "0.5.0"); // f
    assert_eq!(next(&cz, "0.0.3", &["feat!: x"]), "1.0.0"); // v
    let mvz = mvz();
    assert_eq!(next(&mvz, "0.4.2", &["feat!: x"]), "0.5.0");
    assert_eq!(next(&mvz, "0.4.2", &["fix!: x"]), "0.5.0");
    assert_eq!(next(&mvz, "0.0.3", &["feat!: x"]), "0.1.0");
    // The map applies at any version, not only on 0.x.
    assert_eq!(
        next(&mvz, "1.4.2", &["feat: x\n\nBREAKING-CHANGE: y"]),
        "1.5.0"
    );
    assert_eq!(next(&mvz, "1.4.2", &["docs!: x"]), "1.5.0");
    let decision = decide::decide(&mvz, &range(&["feat!: x"]), Some(&v("1.4.2")), &[]);
    assert!(decision.warnings[0].text.contains("major_version_zero"));
}

#[test]
fn first_release_counts_every_commit_from_the_configured_version() {
    let cz = rules(CZ);
    assert_eq!(next(&cz, "0.0.1", &["feat: first", "fix: second"]), "0.1.0"); // i
    assert_eq!(next(&cz, "0.0.1", &["fix: only a fix"]), "0.0.2"); // i2
    assert_eq!(next(&cz, "0.0.1", &["feat!: breaking first"]), "1.0.0"); // i3
    assert_eq!(next(&mvz(), "0.0.1", &["feat!: breaking first"]), "0.1.0");
    // version_provider = "scm" without tags starts at 0.0.0.
    let decision = decide::decide(&cz, &range(&["feat: first"]), None, &[]);
    assert_eq!(decision.next, Some(v("0.1.0")));
}

#[test]
fn no_commits_and_no_eligible_commits() {
    let cz = rules(CZ);
    let decision = decide::decide(&cz, &[], Some(&v("1.4.2")), &[]);
    assert_eq!(decision.next, None); // z: exit 3
    let decision = decide::decide(&cz, &range(&["docs: x"]), Some(&v("1.4.2")), &[]);
    assert_eq!(decision.next, None); // exit 21
    assert_eq!(
        decision.readings[0].because,
        "`docs` matches no bump_map rule: releases nothing"
    );
}

#[test]
fn pre_releases_finalise() {
    let cz = rules(CZ);
    assert_eq!(next(&cz, "1.4.2-rc.1", &["fix: x"]), "1.4.2"); // o
    // Measured: from 1.4.2rc1 a docs commit, or no commit at all, still releases 1.4.2.
    assert_eq!(next(&cz, "1.4.2-rc.1", &["docs: x"]), "1.4.2");
    let decision = decide::decide(&cz, &[], Some(&v("1.4.2-rc.1")), &[]);
    assert_eq!(decision.next, Some(v("1.4.2")));
    assert_eq!(next(&cz, "1.4.2-rc.1", &["feat: x"]), "1.5.0");
    let semver = rules(&format!("{CZ}version_scheme = \"semver\"\n"));
    assert_eq!(next(&semver, "1.4.2-rc.1", &["fix: x"]), "1.4.2");
}

#[test]
fn pre_release_labels_number_as_commitizen_does() {
    let cz = rules(CZ);
    let spell = |v: Option<Version>| cz.scheme.spelling().render(&v.unwrap());
    assert_eq!(
        spell(cz.prerelease_for(Some(&v("1.4.2")), Bump::Major, "rc")),
        "2.0.0rc0"
    );
    assert_eq!(
        spell(cz.prerelease_for(Some(&v("2.0.0-rc.0")), Bump::Patch, "rc")),
        "2.0.0rc1"
    );
    assert_eq!(
        spell(cz.prerelease_for(Some(&v("1.4.2")), Bump::Minor, "beta")),
        "1.5.0b0"
    );
    assert_eq!(
        cz.prerelease_for(Some(&v("1.4.2")), Bump::Minor, "next"),
        None
    );
}

#[test]
fn readings_explain_each_commit() {
    let cz = rules(CZ);
    let decision = decide::decide(
        &cz,
        &range(&["fix: x\n\nfeat: y", "feat(api)!: z"]),
        Some(&v("1.4.2")),
        &[],
    );
    assert_eq!(decision.readings[0].parsed, "feat(api)!");
    assert_eq!(
        decision.readings[0].because,
        "`feat(api)!` matches `^.+!$` → MAJOR"
    );
    assert_eq!(
        decision.readings[1].because,
        "message line 3: `feat` matches `^feat` → MINOR"
    );
    assert_eq!(decision.reasons[0].kind, ReasonKind::Breaking);
    assert_eq!(decision.reasons[1].kind_of_change.as_deref(), Some("feat"));
    assert_eq!(decision.bump, Bump::Major);
}

#[test]
fn customize_replaces_the_maps() {
    let text = "[tool.commitizen]\nname = \"cz_customize\"\nversion = \"1.4.2\"\n\n[tool.commitizen.customize]\nbump_pattern = \"^(break|new|fix|hotfix)\"\nbump_map = {\"break\" = \"MAJOR\", \"new\" = \"MINOR\", \"fix\" = \"PATCH\", \"hotfix\" = \"PATCH\"}\n";
    let custom = rules(text);
    assert_eq!(next(&custom, "1.4.2", &["new: thing"]), "1.5.0");
    assert_eq!(next(&custom, "1.4.2", &["break: thing"]), "2.0.0");
    assert_eq!(next(&custom, "1.4.2", &["feat: thing"]), "none");
    // With major_version_zero the derived map demotes MAJOR.
    let custom = rules(&text.replace(
        "version = \"1.4.2\"\n",
        "version = \"1.4.2\"\nmajor_version_zero = true\n",
    ));
    assert_eq!(next(&custom, "1.4.2", &["break: thing"]), "1.5.0");
    // The first matching rule wins, in the file's order.
    let ordered = "[tool.commitizen]\nname = \"cz_customize\"\nversion = \"1.4.2\"\n[tool.commitizen.customize]\nbump_pattern = \"^(\\\\w+):\"\nbump_map = {\"^fe\" = \"PATCH\", \"^feat\" = \"MAJOR\"}\n";
    assert_eq!(next(&rules(ordered), "1.4.2", &["feat: x"]), "1.4.3");
    // Measured: cz_conventional_commits ignores a top-level bump_map.
    let top_level = rules(&format!(
        "{CZ}bump_pattern = \"^(docs)\"\nbump_map = {{\"docs\" = \"MINOR\"}}\n"
    ));
    assert_eq!(next(&top_level, "1.4.2", &["docs: x"]), "none");
}

#[test]
fn bad_configurations_are_located() {
    let error = from_text(
        ".cz.toml",
        "[tool.commitizen]\nversion = 1\n",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with(".cz.toml:2:11: `version`"), "{error}");
    let error = from_text(
        ".cz.toml",
        "[tool.commitizen]\nname = \"x\"\n",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("NO_VERSION_SPECIFIED"), "{error}");
    let error = from_text(
        ".cz.toml",
        "[tool.commitizen]\nversion = \"1.0.0\"\nname = \"cz_jira\"\n",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with(".cz.toml:3:8:") && error.contains("cz_jira"),
        "{error}"
    );
    let error = from_text(
        ".cz.toml",
        "[tool.commitizen]\nversion = \"banana\"\n",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with(".cz.toml:2:11:") && error.contains("banana"),
        "{error}"
    );
    let error = from_text(".cz.toml", "[tool.black]\n", &MemoryFiles::default())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no a [tool.commitizen]") || error.contains("[tool.commitizen]"),
        "{error}"
    );
    let error = from_text(".cz.toml", "[tool.commitizen]\nversion = \"1.0.0\"\nname = \"cz_customize\"\n[tool.commitizen.customize]\nbump_pattern = \"(?<=x)y\"\n", &MemoryFiles::default()).unwrap_err().to_string();
    assert!(
        error.starts_with(".cz.toml:5:16: `bump_pattern`"),
        "{error}"
    );
    let error = from_text(
        ".cz.toml",
        "[tool.commitizen]\nversion = \"1.0.0\"\ntag_format = \"$major.$minor\"\n",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with(".cz.toml:3:14: `tag_format`"), "{error}");
    let error = from_text(
        "cz.json",
        "{\"commitizen\": {\"version\": \"1.0.0\", \"version_scheme\": \"calver\"}}",
        &MemoryFiles::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with("cz.json:1:1: `version_scheme`"),
        "{error}"
    );
}

#[test]
fn every_file_form_reads_the_same() {
    let json = from_text(
        ".cz.json",
        r#"{"commitizen": {"version": "0.4.2", "tag_format": "v$version", "major_version_zero": true}}"#,
        &MemoryFiles::default(),
    )
    .unwrap();
    assert_eq!(json.version, VersionSource::Recorded(v("0.4.2")));
    assert!(json.major_version_zero);
    assert_eq!(json.tag_template, "v{version}");
    let yaml = from_text(
        "cz.yaml",
        "commitizen:\n  version: 0.4.2\n  version_provider: scm\n  tag_format: v${version}\n",
        &MemoryFiles::default(),
    )
    .unwrap();
    assert_eq!(yaml.version, VersionSource::Tags);
    assert_eq!(yaml.tag_template, "v{version}");
    let pyproject = from_text(
        "pyproject.toml",
        "[project]\nname = \"x\"\n[tool.commitizen]\nversion = \"2.0.0b1\"\n",
        &MemoryFiles::default(),
    )
    .unwrap();
    assert_eq!(pyproject.version, VersionSource::Recorded(v("2.0.0-b.1")));
}

#[test]
fn version_providers_read_their_files() {
    let root = &MemoryFiles::new([
        (
            "pyproject.toml",
            "[project]\nversion = \"3.1.0\"\n[tool.poetry]\nversion = \"3.2.0\"\n",
        ),
        (
            "Cargo.toml",
            "[workspace]\nmembers = []\n[workspace.package]\nversion = \"4.0.0\"\n",
        ),
        ("package.json", r#"{"version": "5.0.0"}"#),
    ]);
    let read = |provider: &str| {
        from_text(
            ".cz.toml",
            &format!("[tool.commitizen]\nversion_provider = \"{provider}\"\n"),
            root,
        )
        .map(|r| r.version)
    };
    assert_eq!(read("pep621"), Ok(VersionSource::Recorded(v("3.1.0"))));
    assert_eq!(read("poetry"), Ok(VersionSource::Recorded(v("3.2.0"))));
    assert_eq!(read("cargo"), Ok(VersionSource::Recorded(v("4.0.0"))));
    assert_eq!(read("npm"), Ok(VersionSource::Recorded(v("5.0.0"))));
    assert!(
        read("composer")
            .unwrap_err()
            .to_string()
            .contains("composer.json")
    );
    assert!(read("nope").unwrap_err().to_string().contains("`nope`"));
}

fn notes(rules: &Commitizen, tag: &str, messages: &[&str]) -> String {
    let changes = range(messages);
    let decision = decide::decide(rules, &changes, Some(&v("1.4.2")), &[]);
    let version = v("2.0.0");
    crate::tools::commitizen::notes::render(
        &Release {
            version: &version,
            tag,
            previous_tag: Some("v1.4.2"),
            previous_id: None,
            date: "2026-11-25",
            timestamp: 0,
            forge: None,
            remote: None,
            changes: &changes,
            noted: &decision.noted,
        },
        &rules.layout,
    )
}

#[test]
fn notes_of_history_p() {
    let p = [
        "feat(api): add endpoint\n\nCloses #12",
        "fix: crash on empty input (#34)",
        "perf(core): faster parse",
        "docs: readme",
        "refactor(cli)!: drop flag",
        "chore: deps\n\nBREAKING CHANGE: node 20 required",
        "feat(ui): a second feature",
        "fix(api): handle <null> & stuff",
    ];
    // out/cz/p.md without print's newline.
    assert_eq!(
        notes(&rules(CZ), "v2.0.0", &p),
        "## v2.0.0 (2026-11-25)\n\n### BREAKING CHANGE\n\n- node 20 required\n\n### Feat\n\n- **ui**: a second feature\n- **api**: add endpoint\n\n### Fix\n\n- **api**: handle <null> & stuff\n- crash on empty input (#34)\n\n### Refactor\n\n- **cli**: drop flag\n\n### Perf\n\n- **core**: faster parse\n"
    );
}

#[test]
fn notes_edge_cases() {
    let cz = rules(CZ);
    // u: `docs!:` is listed under no heading.
    assert_eq!(
        notes(&cz, "v2.0.0", &["docs!: x"]),
        "## v2.0.0 (2026-11-25)\n\n\n- x\n"
    );
    // x: `feature:` bumps but is not listed.
    assert_eq!(
        notes(&cz, "v1.5.0", &["feature: x"]),
        "## v1.5.0 (2026-11-25)\n"
    );
    // n: a body paragraph that reads as a header is an entry.
    assert_eq!(
        notes(&cz, "v1.5.0", &["fix: x\n\nfeat: something"]),
        "## v1.5.0 (2026-11-25)\n\n### Feat\n\n- something\n\n### Fix\n\n- x\n"
    );
    // g: BREAKING-CHANGE bumps but is not a BREAKING CHANGE entry.
    assert_eq!(
        notes(&cz, "v2.0.0", &["feat: x\n\nBREAKING-CHANGE: y"]),
        "## v2.0.0 (2026-11-25)\n\n### Feat\n\n- x\n"
    );
    // A paragraph runs to its end (re.DOTALL).
    assert_eq!(
        notes(&cz, "v2.0.0", &["fix: x\n\nBREAKING CHANGE: a\nb"]),
        "## v2.0.0 (2026-11-25)\n\n### BREAKING CHANGE\n\n- a\nb\n\n### Fix\n\n- x\n"
    );
    let custom_order = rules(&format!(
        "{CZ}change_type_order = [\"Fix\", \"Feat\"]\nchange_type_map = {{ feat = \"Features\", fix = \"Fix\" }}\n"
    ));
    assert_eq!(
        notes(&custom_order, "v1.5.0", &["feat: a", "fix: b"]),
        "## v1.5.0 (2026-11-25)\n\n### Fix\n\n- b\n\n### Features\n\n- a\n"
    );
}

#[test]
fn notes_go_into_changelog_md_as_cz_bump_writes_them() {
    let cz = rules(CZ);
    let insert = |existing: &str| {
        crate::tools::commitizen::notes::insert(
            existing,
            "## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n",
            &cz.layout,
        )
    };
    // out/cz/p.CHANGELOG.md: the new section, a blank line, then the old ones.
    assert_eq!(
        insert("## v1.4.2 (2024-01-01)\n"),
        "## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n\n## v1.4.2 (2024-01-01)\n"
    );
    assert_eq!(
        insert("# Changelog\n\nIntro.\n\n## v1.4.2 (2024-01-01)\n\n- old\n"),
        "# Changelog\n\nIntro.\n\n## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n\n## v1.4.2 (2024-01-01)\n\n- old\n"
    );
    // An Unreleased section is replaced.
    assert_eq!(
        insert("# Changelog\n\n## Unreleased\n\n- wip\n\n## v1.4.2 (2024-01-01)\n"),
        "# Changelog\n\n## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n\n## v1.4.2 (2024-01-01)\n"
    );
    // Headings without the tag format's `v` are not versions to commitizen: appended.
    assert_eq!(
        insert("# Changelog\n\n## 1.4.2 (2024-01-01)\n"),
        "# Changelog\n\n## 1.4.2 (2024-01-01)\n\n## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n"
    );
    assert_eq!(insert(""), "## v2.0.0 (2026-11-25)\n\n### Fix\n\n- x\n");
}

fn warnings(rules: &Commitizen, message: &str) -> Vec<&'static str> {
    warnings::commit_warnings(rules, &stored_commit(message.as_bytes(), 1))
        .iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn commit_time_warnings() {
    let cz = rules(CZ);
    assert_eq!(warnings(&cz, "Feat: x"), ["engine-type-case"]);
    assert_eq!(warnings(&cz, "FIX: x"), ["engine-type-case"]);
    assert!(warnings(&cz, "Docs: x").is_empty());
    assert_eq!(warnings(&cz, "revert: x"), ["engine-revert-ignored"]);
    assert_eq!(
        warnings(
            &cz,
            "Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567."
        ),
        ["engine-revert-ignored"]
    );
    assert_eq!(warnings(&cz, "fix: x\n\nfeat: y"), ["engine-body-line"]);
    assert!(warnings(&cz, "fix: x\n\nBREAKING CHANGE: y").is_empty());
    assert_eq!(
        warnings(&cz, "feat: x\n\nBREAKING-CHANGE: y"),
        ["engine-breaking-unlisted"]
    );
    assert_eq!(warnings(&mvz(), "feat!: x"), ["engine-breaking-minor"]);
    assert!(warnings(&cz, "feat!: x").is_empty());
    assert!(warnings(&cz, "feat: x").is_empty());
}
