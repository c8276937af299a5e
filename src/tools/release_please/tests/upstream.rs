//! Cases from release-please's own test suite (`test/commits.ts`,
//! `test/changelog-notes/default-changelog-notes.ts` and its commit-message fixtures,
//! `test/versioning-strategies/default.ts`, `test/updaters/changelog.ts`), with the answers
//! release-please 17.11.2 gives; where the suite's snapshots come from another version
//! (`### [1.2.3]` headings, `, closes`), 17.11.2's answer is the one kept.

use semver::Version;

use super::super::commits::{NoteTitle, Origin, Parsed, parse_message};
use super::super::decide::{Read, apply, strategy_bump};
use super::super::settings::{Package, Versioning};
use crate::model::message;
use crate::model::version::TagFormat;
use crate::model::{Bump, Change};
use crate::tools::release_please::notes::{Context, Repository, default_sections, insert, render};

/// `(fixture, message, notes)`: DefaultChangelogNotes on the parsed message, for
/// googleapis/java-asset 1.2.3 after v1.2.2 (today written as DATE).
const NOTES: &[(&str, &str, &str)] = &[
    (
        "multiple-messages",
        r#"feat: some feature

fix: some bugfix"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### Features

* some feature ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))


### Bug Fixes

* some bugfix ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "breaking-body",
        r#"feat: some feature

extended body

BREAKING CHANGE: this is actually a breaking change"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* this is actually a breaking change

### Features

* some feature ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "bug-link",
        r#"fix: some fix

Fixes #123"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### Bug Fixes

* some fix ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56)), refs [#123](https://github.com/googleapis/java-asset/issues/123)"#,
    ),
    (
        "git-trailers-with-breaking",
        r#"fix: some fix

some body
PiperOrigin-RevId: 12345
Source-Link: https://github.com/googleapis/googleapis/commit/abc123
BREAKING CHANGE: this is actually a breaking change"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* this is actually a breaking change

### Bug Fixes

* some fix ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "meta",
        r#"meta: multiple commits.

Details.

Some clarifying facts.

fix: fixes bug #733
feat(recaptchaenterprise): migrate microgenerator
  Committer: @miraleung
  PiperOrigin-RevId: 345559154
  BREAKING-CHANGE: for some reason this migration is breaking.
  Source-Link: googleapis/googleapis@5e0dcb2

fix(securitycenter): fixes security center.
  Committer: @miraleung
  PiperOrigin-RevId: 345559182
  Source-Link: googleapis/googleapis@e5eef86"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* **recaptchaenterprise:** for some reason this migration is breaking.

### Features

* **recaptchaenterprise:** migrate microgenerator ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))


### Bug Fixes

* fixes bug [#733](https://github.com/googleapis/java-asset/issues/733) ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))
* **securitycenter:** fixes security center. ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "multi-line-breaking-body",
        r#"chore: upgrade to Node 7

BREAKING CHANGE: we were on Node 6
second line
third line"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* we were on Node 6 second line third line

### Miscellaneous Chores

* upgrade to Node 7 ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "multi-line-breaking-body-list",
        r#"chore: upgrade to Node 7

BREAKING CHANGE: we were on Node 6
- deleted API foo
- deleted API bar"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* we were on Node 6
    - deleted API foo
    - deleted API bar

### Miscellaneous Chores

* upgrade to Node 7 ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "breaking-body-content-after",
        r#"chore: upgrade to Node 7

BREAKING CHANGE: we were on Node 6

I should be removed"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* we were on Node 6

### Miscellaneous Chores

* upgrade to Node 7 ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "release-as",
        r#"meta: correct release

Release-As: v3.0.0"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### meta

* correct release ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "squash-merge-with-breaking",
        r#"fix: some fix (#1234)

* first commit summary

body

footer

* 2nd commit summary

BREAKING CHANGE: my comment
"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* my comment

### Bug Fixes

* some fix ([#1234](https://github.com/googleapis/java-asset/issues/1234)) ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "bug-with-code",
        r#"fix: some fix

Example:

```
page.on('request', (request) => {})
```

Fixes #123"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)"#,
    ),
    (
        "breaking-with-reference",
        r#"fix!: some bugfix (#1234)"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### ⚠ BREAKING CHANGES

* some bugfix ([#1234](https://github.com/googleapis/java-asset/issues/1234))

### Bug Fixes

* some bugfix ([#1234](https://github.com/googleapis/java-asset/issues/1234)) ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "html-tags",
        r#"feat: render all imagesets as <picture>"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### Features

* render all imagesets as &lt;picture&gt; ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
    (
        "inline-bug-link",
        r#"fix: some bugfix (#1234)"#,
        r#"## [1.2.3](https://github.com/googleapis/java-asset/compare/v1.2.2...v1.2.3) (DATE)


### Bug Fixes

* some bugfix ([#1234](https://github.com/googleapis/java-asset/issues/1234)) ([abc1234](https://github.com/googleapis/java-asset/commit/abc1234def5678abc1234def5678abc1234def56))"#,
    ),
];

fn notes_of(message: &str) -> String {
    let parsed = parse_message(message);
    let sha = "abc1234def5678abc1234def5678abc1234def56";
    let commits: Vec<(&str, &Parsed)> = parsed.iter().map(|p| (sha, p)).collect();
    render(
        &commits,
        &default_sections(),
        &Context {
            version: "1.2.3",
            current_tag: "v1.2.3",
            previous_tag: Some("v1.2.2"),
            date: "DATE",
            repository: Some(Repository {
                host: "https://github.com",
                owner: "googleapis",
                name: "java-asset",
            }),
        },
    )
}

#[test]
fn changelog_notes_of_the_suites_fixtures() {
    for (name, message, notes) in NOTES {
        assert_eq!(notes_of(message), *notes, "fixture {name}");
    }
}

#[test]
fn parses_what_the_suite_expects() {
    let kinds = |message: &str| -> Vec<String> {
        parse_message(message).into_iter().map(|c| c.kind).collect()
    };
    let one = |message: &str| parse_message(message).remove(0);
    // can parse plain commit messages
    assert_eq!(kinds("feat: some feature"), ["feat"]);
    assert_eq!(one("docs: some documentation").scope, None);
    // can parse a breaking change
    let breaking = one("fix!: some breaking fix");
    assert!(breaking.breaking);
    assert_eq!(
        breaking.note(NoteTitle::BreakingChange),
        Some("some breaking fix")
    );
    // multiple commit messages from a single commit: 17.11.2 lists them in message order
    assert_eq!(
        kinds("feat: some feature\n\nfix: some bugfix"),
        ["feat", "fix"]
    );
    // links bugs
    let fix = one("fix: some fix\n\nFixes #123");
    assert_eq!(fix.references.len(), 1);
    assert_eq!(fix.references[0].action, "Fixes");
    assert_eq!(fix.references[0].issue, "123");
    // captures git trailers: the trailers become commits of their own
    let trailers = parse_message(NOTES[3].1);
    assert_eq!(
        trailers.iter().map(|c| c.kind.as_str()).collect::<Vec<_>>(),
        ["PiperOrigin-RevId", "Source-Link", "fix"]
    );
    assert!(trailers.iter().all(|c| c.breaking == (c.kind == "fix")));
    // parses meta commits: the footers after a blank line are commits too
    let meta = parse_message(NOTES[4].1);
    let feat = meta
        .iter()
        .find(|c| c.subject == "migrate microgenerator")
        .unwrap();
    assert!(feat.breaking);
    assert_eq!(feat.scope.as_deref(), Some("recaptchaenterprise"));
    assert_eq!(feat.origin, Origin::Footer);
    // does not include content two newlines after BREAKING CHANGE
    assert_eq!(
        one(NOTES[7].1).note(NoteTitle::BreakingChange),
        Some("we were on Node 6")
    );
    // handles Release-As footers
    let release = parse_message(NOTES[8].1);
    let correct = release
        .iter()
        .find(|c| c.subject == "correct release")
        .unwrap();
    assert!(!correct.breaking);
    assert_eq!(correct.note(NoteTitle::ReleaseAs), Some("v3.0.0"));
    // removes content before and after BREAKING CHANGE in body (squash merges)
    assert_eq!(
        one(NOTES[9].1).note(NoteTitle::BreakingChange),
        Some("my comment")
    );
    // a code sample in the body makes the parser throw: the commit is dropped
    assert!(parse_message(NOTES[10].1).is_empty());
    // handles a special commit separator (nested commits)
    let nested = parse_message(
        "fix: annotating some fields as REQUIRED\n\nThese fields were always required.\n\nPiperOrigin-RevId: 429093810\nBEGIN_NESTED_COMMIT\ndocs(samples): include metadata file\nPiperOrigin-RevId: 429395631\nEND_NESTED_COMMIT\nBEGIN_NESTED_COMMIT\nbuild: add flag\nEND_NESTED_COMMIT\nCo-authored-by: Owl Bot <bot@example.com>",
    );
    let subjects: Vec<(&str, &str)> = nested
        .iter()
        .map(|c| (c.kind.as_str(), c.subject.as_str()))
        .collect();
    assert!(subjects.contains(&("fix", "annotating some fields as REQUIRED")));
    assert!(subjects.contains(&("docs", "include metadata file")));
    assert!(subjects.contains(&("build", "add flag")));
}

#[test]
fn commit_override_replaces_the_message_of_a_pull_request() {
    // release-please reads the block from the pull request's body; herald from a commit
    // whose subject names a pull request.
    let kinds = |message: &str| -> Vec<(String, String)> {
        parse_message(message)
            .into_iter()
            .map(|c| (c.kind, c.subject))
            .collect()
    };
    assert_eq!(
        kinds(
            "chore: some commit (#123)\n\nBEGIN_COMMIT_OVERRIDE\nfix: some fix\nEND_COMMIT_OVERRIDE"
        ),
        [("fix".to_string(), "some fix".to_string())]
    );
    assert_eq!(
        kinds(
            "chore: some commit (#123)\n\nBEGIN_COMMIT_OVERRIDE\nfix: some fix\n\nfeat: another feature\nEND_COMMIT_OVERRIDE"
        ),
        [
            ("fix".to_string(), "some fix".to_string()),
            ("feat".to_string(), "another feature".to_string())
        ]
    );
    // Without a pull request, the block is just body text.
    assert_eq!(
        kinds("chore: some commit\n\nBEGIN_COMMIT_OVERRIDE\nfix: some fix\nEND_COMMIT_OVERRIDE"),
        [("chore".to_string(), "some commit".to_string())]
    );
}

fn package(minor_pre_major: bool, patch_for_minor: bool) -> Package {
    Package {
        path: ".".into(),
        name: None,
        component: String::new(),
        release_type: "simple".into(),
        bump_minor_pre_major: minor_pre_major,
        bump_patch_for_minor_pre_major: patch_for_minor,
        versioning: Versioning::Default,
        sections: default_sections(),
        changelog_host: "https://github.com".into(),
        release_as: None,
        initial_version: Version::new(1, 0, 0),
        exclude_paths: Vec::new(),
        format: TagFormat::new("v{version}", None),
        version: None,
    }
}

/// The versioning strategy on `messages` (newest first) from `current`.
fn bump(package: &Package, current: &str, messages: &[&str]) -> String {
    let changes: Vec<Change> = messages
        .iter()
        .map(|m| Change {
            id: "0000000".into(),
            message: message::parse(m),
            paths: Vec::new(),
            parent_count: 1,
            author: String::new(),
            time: 0,
        })
        .collect();
    let read: Vec<Read> = changes
        .iter()
        .enumerate()
        .flat_map(|(index, change)| {
            parse_message(&change.message.text)
                .into_iter()
                .map(move |commit| Read {
                    index,
                    change,
                    commit,
                })
        })
        .collect();
    let current = Version::parse(current).unwrap();
    let release_as = read
        .iter()
        .find_map(|r| r.commit.note(NoteTitle::ReleaseAs).map(str::to_string));
    match release_as {
        Some(version) => version,
        None => apply(&current, strategy_bump(package, &read, Some(&current))).to_string(),
    }
}

#[test]
fn default_versioning_strategy() {
    let plain = package(false, false);
    let breaking = [
        "feat: some feature",
        "fix!: some bugfix",
        "docs: some documentation",
    ];
    assert_eq!(bump(&plain, "1.2.3", &breaking), "2.0.0");
    assert_eq!(bump(&plain, "0.1.2", &breaking), "1.0.0");
    assert_eq!(bump(&package(true, false), "0.1.2", &breaking), "0.2.0");
    let feature = [
        "feat: some feature",
        "fix: some bugfix",
        "docs: some documentation",
    ];
    assert_eq!(bump(&plain, "1.2.3", &feature), "1.3.0");
    assert_eq!(bump(&plain, "0.1.2", &feature), "0.2.0");
    assert_eq!(bump(&package(false, true), "0.1.2", &feature), "0.1.3");
    let fix = ["fix: some bugfix", "docs: some documentation"];
    assert_eq!(bump(&plain, "1.2.3", &fix), "1.2.4");
    // with release-as: the newest Release-As wins
    let release_as = [
        "feat: some feature",
        "fix!: some bugfix\n\nRelease-As: 3.1.2",
        "docs: some documentation",
        "fix!: some bugfix\n\nRelease-As: 2.0.0",
    ];
    assert_eq!(bump(&plain, "1.2.3", &release_as), "3.1.2");
    // a pre-release suffix is kept
    assert_eq!(bump(&plain, "1.2.3-beta", &fix), "1.2.4-beta");
    assert_eq!(Bump::Patch, strategy_bump(&plain, &[], None));
}

#[test]
fn changelog_updater() {
    let entry = "## 2.0.0\n\n* added a new foo to bar.";
    // populates a new CHANGELOG if none exists
    assert_eq!(
        insert("", entry),
        "# Changelog\n\n## 2.0.0\n\n* added a new foo to bar.\n"
    );
    // inserts content at appropriate location if CHANGELOG exists, and last release was a patch
    let fix = "# Changelog\n\n[npm history][1]\n\n[1]: https://www.npmjs.com/package/@google-cloud/os-login?activeTab=versions\n\n### [0.3.3](https://www.github.com/googleapis/nodejs-os-login/compare/v0.3.2...v0.3.3) (2019-04-30)\n\n\n### Bug Fixes\n\n* include 'x-goog-request-params' header in requests\n\n## v0.3.2\n\n03-18-2019 13:47 PDT\n";
    assert_eq!(
        insert(fix, entry),
        "# Changelog\n\n[npm history][1]\n\n[1]: https://www.npmjs.com/package/@google-cloud/os-login?activeTab=versions\n\n## 2.0.0\n\n* added a new foo to bar.\n\n### [0.3.3](https://www.github.com/googleapis/nodejs-os-login/compare/v0.3.2...v0.3.3) (2019-04-30)\n\n\n### Bug Fixes\n\n* include 'x-goog-request-params' header in requests\n\n## v0.3.2\n\n03-18-2019 13:47 PDT\n"
    );
    // prepends CHANGELOG entries if a different style is found (titles demoted)
    let other = "# Version 1.0.0-alpha01, released 2022-06-25\n\nSecond alpha release.\n\n# Version 1.0.0-alpha00, released 2022-06-24\n\nInitial release.\n";
    assert_eq!(
        insert(other, "## 1.0.0\n\n* added a new foo to bar."),
        "# Changelog\n\n## 1.0.0\n\n* added a new foo to bar.\n\n## Version 1.0.0-alpha01, released 2022-06-25\n\nSecond alpha release.\n\n## Version 1.0.0-alpha00, released 2022-06-24\n\nInitial release.\n"
    );
}
