//! Any bytes as a commit message: decoded, cleaned in every mode, parsed, linted with the
//! default and the strictest rules, rendered for people and as JSON. Nothing may panic,
//! every span must cover whole characters of the message, cleaning twice must give what
//! cleaning once gave, and a header read without the crate must read as the crate reads it
//! (and without the regex as the regex reads it, for semantic-release's presets), and a
//! message's summary must read as the whole message does for herald's own rules.
#![no_main]

use herald::app::check::Checked;
use herald::commands::check::json_report;
use herald::config::{CommitRules, DescriptionCase};
use herald::lint;
use herald::model::diagnostic::{self, Diagnostic};
use herald::model::message::{self, Cleanup, CommentPrefix};
use herald::tools::node::jsregex;
use herald::tools::semantic_release::header;
use libfuzzer_sys::fuzz_target;

const MODES: [Cleanup; 4] = [
    Cleanup::Strip,
    Cleanup::Whitespace,
    Cleanup::Scissors,
    Cleanup::Verbatim,
];

fn strict() -> CommitRules {
    CommitRules {
        scopes: vec!["api".into(), "界面".into()],
        require_scope: true,
        header_max_length: 12,
        body_max_line_length: 5,
        footer_max_line_length: 5,
        description_case: DescriptionCase::Sentence,
        allow_full_stop: false,
        allow_merge: false,
        allow_revert: false,
        allow_fixup: false,
        ..CommitRules::default()
    }
}

fn assert_whole_characters(diagnostics: &[Diagnostic], text: &str) {
    for diagnostic in diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{} at {span:?} in {text:?}",
                diagnostic.rule
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (text, lossy) = message::decode(data);
    let header = text.lines().next().unwrap_or("");
    let crate_reading = conventional_commit_parser::parse_summary(header)
        .ok()
        .map(|c| (c.scope, c.is_breaking_change));
    let own = message::summary_shape(header).map(|(scope, bang)| (scope.map(str::to_string), bang));
    assert_eq!(own, crate_reading, "{header:?}");
    static KNOWN: std::sync::OnceLock<Vec<regex::Regex>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let compile = |(source, _)| jsregex::compile(source, false).unwrap();
        header::KNOWN.into_iter().map(compile).collect()
    });
    for regex in known {
        let source = regex.as_str();
        let by_hand = header::captures(&regex, header).map(|f| [f.get(1), f.get(2), f.get(3)]);
        let by_regex = regex
            .captures(header)
            .map(|c| [1, 2, 3].map(|i| c.get(i).map(|m| m.as_str())));
        assert_eq!(by_hand, by_regex, "{source} on {header:?}");
    }
    // A summary reads as the whole message does, for herald's own rules.
    let stored = herald::app::check::stored_commit(data, 1);
    let whole = message::what_rules_read(&stored);
    if let Some(summary) = stored.summary() {
        let read = herald::app::check::stored_commit(summary.as_bytes(), 1);
        assert_eq!(
            message::what_rules_read(&read),
            whole,
            "{summary:?} of {data:?}"
        );
        assert_eq!(read.text, summary, "a summary is clean");
    }
    let kept = herald::app::check::stored_summary(data.to_vec());
    let read = herald::app::check::stored_commit(&kept, 1);
    assert_eq!(message::what_rules_read(&read), whole, "{data:?}");
    if let Some(own) = herald::tools::cocogitto::parse::without_footers(&text) {
        assert_eq!(
            Some(own),
            conventional_commit_parser::parse(&text).ok(),
            "{text:?}"
        );
    }
    // `auto` picks `#` unless a line starts with it, then `;`, `@`, …: both kinds of text
    // get a comment prefix that matters.
    let comment = CommentPrefix::resolve(Some("auto"), &text);
    for cleanup in MODES {
        let cleaned = message::clean(&text, cleanup, &comment);
        assert_eq!(message::clean(&cleaned, cleanup, &comment), cleaned);
        let commit = message::parse(&cleaned);
        for (rules, color) in [(CommitRules::default(), false), (strict(), true)] {
            let diagnostics = lint::check(&commit, &rules);
            assert_whole_characters(&diagnostics, &commit.text);
            diagnostic::render(&diagnostics, &commit.text, "message", color);
            let checked = Checked {
                message: commit.clone(),
                diagnostics,
                lossy,
            };
            let json = json_report(&[(None, checked)]).unwrap();
            serde_json::from_str::<serde_json::Value>(&json).unwrap();
        }
    }
});
