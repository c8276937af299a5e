//! The parser against release-please's own answers on random messages.

use super::super::commits::{NoteTitle, parse_message};

#[derive(serde::Deserialize)]
struct Case {
    message: String,
    commits: Vec<Expected>,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Expected {
    #[serde(rename = "type")]
    kind: String,
    scope: Option<String>,
    subject: String,
    header: String,
    notes: Vec<ExpectedNote>,
    references: Vec<ExpectedReference>,
    breaking: bool,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct ExpectedNote {
    title: String,
    text: String,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct ExpectedReference {
    action: String,
    issue: String,
}

fn check_parse_cases(text: &str) {
    let cases: Vec<Case> = serde_json::from_str(text).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<Expected> = parse_message(&case.message)
            .into_iter()
            .map(|c| Expected {
                kind: c.kind,
                scope: c.scope,
                subject: c.subject,
                header: c.header,
                notes: c
                    .notes
                    .into_iter()
                    .map(|n| ExpectedNote {
                        title: match n.title {
                            NoteTitle::BreakingChange => "BREAKING CHANGE".into(),
                            NoteTitle::ReleaseAs => "RELEASE AS".into(),
                        },
                        text: n.text,
                    })
                    .collect(),
                references: c
                    .references
                    .into_iter()
                    .map(|r| ExpectedReference {
                        action: r.action,
                        issue: r.issue,
                    })
                    .collect(),
                breaking: c.breaking,
            })
            .collect();
        if got != case.commits {
            failures.push(format!(
                "{:?}\n  want {:?}\n  got  {:?}",
                case.message, case.commits, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages differ:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn parses_like_release_please() {
    check_parse_cases(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/release-please/parse.json"
    )));
}

/// `HERALD_RP_PARSE=file.json cargo test … -- --ignored` checks a larger generated set.
#[test]
#[ignore]
fn parses_like_release_please_from_env() {
    let path = std::env::var("HERALD_RP_PARSE").expect("HERALD_RP_PARSE");
    check_parse_cases(&std::fs::read_to_string(path).unwrap());
}
