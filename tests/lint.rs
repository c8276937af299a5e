//! Every lint rule, on and off.

use herald::config::{CommitRules, DescriptionCase};
use herald::lint::check;
use herald::model::diagnostic::Severity;
use herald::model::message::parse;

fn rules_hit(message: &str, rules: &CommitRules) -> Vec<(&'static str, Severity)> {
    check(&parse(message), rules)
        .into_iter()
        .map(|d| (d.rule, d.severity))
        .collect()
}

fn errors(message: &str) -> Vec<&'static str> {
    rules_hit(message, &CommitRules::default())
        .into_iter()
        .filter(|(_, s)| *s == Severity::Error)
        .map(|(r, _)| r)
        .collect()
}

fn warnings(message: &str) -> Vec<&'static str> {
    rules_hit(message, &CommitRules::default())
        .into_iter()
        .filter(|(_, s)| *s == Severity::Warning)
        .map(|(r, _)| r)
        .collect()
}

#[test]
fn good_messages_pass() {
    for message in [
        "feat: add thing",
        "fix(api): handle empty token",
        "feat(api)!: drop v1\n\nBREAKING CHANGE: v1 is gone",
        "docs: explain the README",
        "perf: cache API keys",
        "refactor(ui,api): share the client",
        "revert: feat: add thing\n\nThis reverts commit 0123456.",
        "Merge branch 'topic'",
        "Revert \"feat: add thing\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
        "fixup! feat: add thing",
        "",
    ] {
        assert_eq!(rules_hit(message, &CommitRules::default()), [], "{message}");
    }
}

#[test]
fn header_format() {
    assert_eq!(errors("update stuff"), ["header-format"]);
    assert_eq!(errors("WIP"), ["header-format"]);
}

#[test]
fn type_enum_and_case() {
    assert_eq!(errors("feature: x"), ["type-enum"]);
    assert_eq!(errors("Feat: x"), ["type-case"]);
    let rules = CommitRules {
        types: vec!["feat".into(), "wip".into()],
        ..CommitRules::default()
    };
    assert_eq!(rules_hit("wip: x", &rules), []);
    assert_eq!(
        rules_hit("fix: x", &rules),
        [("type-enum", Severity::Error)]
    );
}

#[test]
fn scope_enum_and_required() {
    let rules = CommitRules {
        scopes: vec!["api".into(), "ui".into()],
        require_scope: true,
        ..CommitRules::default()
    };
    assert_eq!(rules_hit("feat(api): x", &rules), []);
    assert_eq!(rules_hit("feat(api,ui): x", &rules), []);
    assert_eq!(
        rules_hit("feat(db): x", &rules),
        [("scope-enum", Severity::Error)]
    );
    assert_eq!(
        rules_hit("feat: x", &rules),
        [("scope-empty", Severity::Error)]
    );
    assert_eq!(errors("feat: x"), Vec::<&str>::new());
    assert_eq!(errors("feat(anything): x"), Vec::<&str>::new());
}

#[test]
fn header_max_length() {
    let at_limit = format!("feat: {}", "x".repeat(94));
    assert_eq!(errors(&at_limit), Vec::<&str>::new());
    assert_eq!(errors(&format!("{at_limit}y")), ["header-max-length"]);
    let diagnostic = &check(&parse(&format!("{at_limit}yz")), &CommitRules::default())[0];
    assert_eq!(diagnostic.span, Some(100..102));
    // Characters, not bytes.
    assert_eq!(
        errors(&format!("feat: {}", "é".repeat(94))),
        Vec::<&str>::new()
    );
}

#[test]
fn body_and_footer_line_length_off_by_default() {
    let long = "x".repeat(200);
    let message = format!("feat: y\n\n{long}\n\nRefs: {long}");
    assert_eq!(errors(&message), Vec::<&str>::new());
    let rules = CommitRules {
        body_max_line_length: 100,
        footer_max_line_length: 100,
        ..CommitRules::default()
    };
    assert_eq!(
        rules_hit(&message, &rules),
        [
            ("body-max-line-length", Severity::Error),
            ("footer-max-line-length", Severity::Error)
        ]
    );
}

#[test]
fn description_full_stop() {
    assert_eq!(errors("fix: handle x."), ["description-full-stop"]);
    assert_eq!(errors("fix: handle x..."), Vec::<&str>::new());
    let rules = CommitRules {
        allow_full_stop: true,
        ..CommitRules::default()
    };
    assert_eq!(rules_hit("fix: handle x.", &rules), []);
}

#[test]
fn description_case() {
    assert_eq!(errors("fix: Handle x"), ["description-case"]);
    assert_eq!(errors("fix: API keys rotate"), Vec::<&str>::new());
    assert_eq!(errors("fix: iOS build"), Vec::<&str>::new());
    let sentence = CommitRules {
        description_case: DescriptionCase::Sentence,
        ..CommitRules::default()
    };
    assert_eq!(rules_hit("fix: Handle x", &sentence), []);
    assert_eq!(
        rules_hit("fix: handle x", &sentence),
        [("description-case", Severity::Error)]
    );
    let any = CommitRules {
        description_case: DescriptionCase::Any,
        ..CommitRules::default()
    };
    assert_eq!(rules_hit("fix: Handle x", &any), []);
}

#[test]
fn breaking_change_needs_a_description() {
    assert_eq!(
        errors("feat: x\n\nBREAKING CHANGE:"),
        ["breaking-description"]
    );
    assert_eq!(errors("feat!: x"), Vec::<&str>::new());
}

#[test]
fn miswritten_breaking_change_token_warns() {
    assert_eq!(
        warnings("fix: x\n\nbreaking change: y"),
        ["breaking-change-case"]
    );
    assert_eq!(
        warnings("fix: x\n\nBreaking-Change: y"),
        ["breaking-change-case"]
    );
    assert_eq!(warnings("fix: x\n\nBREAKING CHANGE: y"), Vec::<&str>::new());
}

#[test]
fn blank_line_rules_warn() {
    assert_eq!(warnings("fix: x\nbody"), ["body-leading-blank"]);
    assert_eq!(
        warnings("fix: x\n\nbody\nBREAKING CHANGE: y"),
        ["footer-leading-blank"]
    );
}

#[test]
fn merge_revert_fixup_switchable() {
    let strict = CommitRules {
        allow_merge: false,
        allow_revert: false,
        allow_fixup: false,
        ..CommitRules::default()
    };
    assert_eq!(
        rules_hit("Merge branch 'x'", &strict),
        [("merge-commit", Severity::Error)]
    );
    assert_eq!(
        rules_hit("Revert \"feat: x\"", &strict),
        [("revert-commit", Severity::Error)]
    );
    assert_eq!(
        rules_hit("squash! feat: x", &strict),
        [("fixup-commit", Severity::Error)]
    );
    // The conventional revert type is governed by the type list, not by allow_revert.
    assert_eq!(rules_hit("revert: feat: x", &strict), []);
    let help = check(&parse("Revert \"feat: x\""), &strict)[0]
        .help
        .clone()
        .unwrap();
    assert_eq!(
        help,
        "write `revert: feat: x` and keep the `This reverts commit …` line in the body"
    );
}

#[test]
fn consecutive_footers_need_no_blank_line_between_them() {
    assert_eq!(
        warnings("fix: x\n\nRefs: #1\nBREAKING CHANGE: b"),
        Vec::<&str>::new()
    );
    assert_eq!(
        warnings("fix: x\n\nBREAKING CHANGE: a\nBREAKING-CHANGE: b\nRefs: #1"),
        Vec::<&str>::new()
    );
    assert_eq!(
        warnings("fix: x\n\nBREAKING CHANGE: a\ncontinued\nBREAKING CHANGE: b"),
        Vec::<&str>::new()
    );
    // Right under body text, the first footer still deserves the warning.
    assert_eq!(
        warnings("fix: x\n\nbody\nBREAKING CHANGE: a\nBREAKING CHANGE: b"),
        ["footer-leading-blank"]
    );
}

#[test]
fn spans_land_on_character_boundaries() {
    let rules = CommitRules {
        header_max_length: 5,
        body_max_line_length: 3,
        footer_max_line_length: 3,
        scopes: vec!["api".into()],
        require_scope: true,
        ..CommitRules::default()
    };
    for message in [
        "Feat(界面): Ünïcödé.",
        "feat: 🚀 rocket\n\nbödy ünïcödé\n\nBREAKING CHANGE: 修复",
        "fé: x\n\nbreaking-change: é",
        "修复(界面): 按钮",
        "Revert \"é\"",
        "fixup! é",
    ] {
        let commit = parse(message);
        for diagnostic in check(&commit, &rules) {
            let span = diagnostic.span.clone().unwrap_or(0..0);
            assert!(
                span.start <= span.end
                    && span.end <= commit.text.len()
                    && commit.text.is_char_boundary(span.start)
                    && commit.text.is_char_boundary(span.end),
                "{message:?}: {} at {span:?}",
                diagnostic.rule
            );
        }
    }
}
