//! herald's own rules read each message summarized (header, revert line, footers), so that
//! a history of long messages is not held whole; their answer must be the one whole
//! messages give, notes and reasons included.

mod common;

use common::{Lcg, TestRepo};
use herald::app::check::stored_summary;
use herald::app::forecast::{Input, forecast};
use herald::app::gather::parse_all;
use herald::config::Config;
use herald::model::{Forecast, Options, WalkOrder};
use herald::repo::{Messages, Repo, WalkRequest};
use herald::tools::Tool;
use herald::tools::herald::Herald;

const HEADERS: [&str; 9] = [
    "feat(api): add an endpoint",
    "fix: a crash",
    "feat!: drop the old routes",
    "perf(core): faster",
    "chore: tidy",
    "Revert \"feat: something\"",
    "Merge branch 'topic'",
    "update stuff",
    "fix(界面): 按钮",
];

const PARAGRAPHS: [&str; 8] = [
    "A long explanation of the change, as a pull request's description has.",
    "This reverts commit 0123456789abcdef0123456789abcdef01234567.",
    "Refs: #12\nCloses #34",
    "BREAKING CHANGE: the old routes are gone\nand this line belongs to it",
    "BREAKING-CHANGE: another one",
    "Reviewed-by: Zoë\nSigned-off-by: Zoë <z@example.com>",
    "- a list\n- of points\n- in the body",
    "Token: value that looks like a footer in the body",
];

/// A message of a random header and up to six random paragraphs, many of them long.
fn message(random: &mut Lcg) -> String {
    let mut text = HEADERS[random.next(HEADERS.len())].to_string();
    for _ in 0..random.next(7) {
        text.push_str("\n\n");
        let paragraph = PARAGRAPHS[random.next(PARAGRAPHS.len())];
        text.push_str(&paragraph.repeat(1 + random.next(3) * 2));
    }
    text
}

fn history(
    repo: &Repo,
    head: &str,
    since: &[String],
    messages: Messages,
) -> Vec<herald::model::Change> {
    let walk = WalkRequest {
        to: head,
        order: WalkOrder::TopologicalByTime,
        with_paths: false,
        messages,
    };
    parse_all(repo.history(&walk, since).unwrap().commits)
}

/// What a forecast tells: everything but the commits' own text.
fn told(forecast: &Forecast) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{}",
        forecast.next,
        forecast.decision.reasons,
        forecast.decision.readings,
        forecast.labels,
        forecast.notes
    )
}

#[test]
fn herald_answers_from_summaries_as_from_whole_messages() {
    let repo = TestRepo::new();
    let mut random = Lcg(42);
    for n in 0..120 {
        repo.commit(&message(&mut random));
        if n == 30 {
            repo.tag("v1.0.0");
        }
    }
    // A revert of a commit in the range, its line in a long body: the two cancel out.
    repo.commit("feat(search): fuzzy matching");
    let reverted = repo.head();
    let why = "It broke the search page for users with long queries. ".repeat(8);
    repo.commit(&format!(
        "Revert \"feat(search): fuzzy matching\"\n\nThis reverts commit {reverted}.\n\n{why}"
    ));
    let opened = Repo::open(repo.path()).unwrap();
    let head = repo.head();
    let config = Config::default();
    let herald = Herald::new(&config).unwrap();
    let target = herald.targets("x").remove(0);
    let options = Options {
        notes: true,
        date: "2026-01-02".into(),
        ..Options::default()
    };
    let since = [repo.git(&["rev-parse", "v1.0.0"]).trim().to_string()];
    let answer = |messages| {
        let changes = history(&opened, &head, &since, messages);
        let input = Input {
            name: target.name.clone(),
            format: target.format.clone(),
            current: Some(semver::Version::new(1, 0, 0)),
            last: None,
            tags: Vec::new(),
            to: head.clone(),
            changes,
        };
        told(&forecast(&herald, &config, &target, input, &options))
    };
    let whole = answer(Messages::Whole);
    assert!(whole.contains("the old routes are gone"), "{whole}");
    assert!(!whole.contains("fuzzy"), "{whole}");
    assert_eq!(answer(Messages::Summarized(stored_summary)), whole);

    // And the summaries are what is held: the bodies are gone (what a breaking change's
    // footer runs over is kept with it).
    let length = |messages| -> usize {
        history(&opened, &head, &since, messages)
            .iter()
            .map(|change| change.message.text.len())
            .sum()
    };
    let (summarized, whole) = (
        length(Messages::Summarized(stored_summary)),
        length(Messages::Whole),
    );
    assert!(summarized * 4 < whole * 3, "{summarized} of {whole} bytes");
}
