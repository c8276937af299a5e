//! Parsing: the specification's own examples, and each correction herald makes to
//! `conventional_commit_parser` (see `src/message/parse.rs`).

use herald::model::message::{Autosquash, Kind, Separator, parse};

fn footers(text: &str) -> Vec<(String, String)> {
    parse(text)
        .footers
        .into_iter()
        .map(|f| (f.token, f.value))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// The examples of https://www.conventionalcommits.org/en/v1.0.0/#examples

#[test]
fn spec_breaking_change_footer() {
    let commit = parse(
        "feat: allow provided config object to extend other configs\n\nBREAKING CHANGE: `extends` key in config file is now used for extending other config files",
    );
    assert_eq!(commit.kind, Kind::Conventional);
    assert!(commit.is_breaking());
    assert_eq!(commit.body(), None);
    assert_eq!(
        footers(&commit.text),
        pairs(&[(
            "BREAKING CHANGE",
            "`extends` key in config file is now used for extending other config files"
        )])
    );
}

#[test]
fn spec_bang_draws_attention() {
    let commit = parse("feat!: send an email to the customer when a product is shipped");
    let header = commit.header.as_ref().unwrap();
    assert!(header.bang && commit.is_breaking());
    assert_eq!(
        header.description(&commit.text),
        "send an email to the customer when a product is shipped"
    );
    assert_eq!(
        commit.breaking_notes(),
        ["send an email to the customer when a product is shipped"]
    );
}

#[test]
fn spec_scope_and_bang() {
    let commit = parse("feat(api)!: send an email to the customer when a product is shipped");
    assert_eq!(commit.scope(), Some("api"));
    let header = commit.header.unwrap();
    assert!(header.bang);
    assert_eq!(header.scope_span, Some(5..8));
}

#[test]
fn spec_bang_and_footer() {
    let commit = parse(
        "chore!: drop support for Node 6\n\nBREAKING CHANGE: use JavaScript features not available in Node 6.",
    );
    assert!(commit.is_breaking());
    assert_eq!(
        commit.breaking_notes(),
        ["use JavaScript features not available in Node 6."]
    );
}

#[test]
fn spec_no_body() {
    let commit = parse("docs: correct spelling of CHANGELOG");
    assert_eq!(commit.kind_of_change(), Some("docs"));
    assert!(!commit.is_breaking());
}

#[test]
fn spec_scope() {
    let commit = parse("feat(lang): add Polish language");
    assert_eq!(
        (commit.kind_of_change(), commit.scope()),
        (Some("feat"), Some("lang"))
    );
}

#[test]
fn spec_multi_paragraph_body_and_footers() {
    let commit = parse(
        "fix: prevent racing of requests\n\nIntroduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.\n\nReviewed-by: Z\nRefs: #123",
    );
    assert_eq!(
        commit.body(),
        Some(
            "Introduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now."
        )
    );
    assert_eq!(
        footers(&commit.text),
        pairs(&[("Reviewed-by", "Z"), ("Refs", "#123")])
    );
}

#[test]
fn spec_revert() {
    let commit =
        parse("revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868");
    assert_eq!(commit.kind, Kind::Conventional);
    assert_eq!(commit.kind_of_change(), Some("revert"));
    assert_eq!(
        footers(&commit.text),
        pairs(&[("Refs", "676104e, a215868")])
    );
}

// Corrections to the crate.

#[test]
fn correction_trailing_newline_is_fine() {
    let commit = parse("feat: x\n");
    assert_eq!(commit.kind, Kind::Conventional);
    assert_eq!(commit.text, "feat: x");
}

#[test]
fn correction_type_keeps_its_spelling() {
    assert_eq!(parse("Feat: x").kind_of_change(), Some("Feat"));
    assert_eq!(parse("FEAT(API)!: X").kind_of_change(), Some("FEAT"));
}

#[test]
fn correction_footer_like_body_paragraph_stays_body() {
    let commit = parse("fix: x\n\nNote: this is body\nmore body\n\nRefs: #2");
    assert_eq!(commit.body(), Some("Note: this is body\nmore body"));
    assert_eq!(footers(&commit.text), pairs(&[("Refs", "#2")]));
}

#[test]
fn correction_footer_needs_a_blank_line() {
    let commit = parse("feat: x\n\nbody\nRefs: #1");
    assert_eq!(commit.body(), Some("body\nRefs: #1"));
    assert!(commit.footers.is_empty());
    let commit = parse("feat: x\nRefs: #1");
    assert!(commit.footers.is_empty());
}

#[test]
fn correction_breaking_change_is_seen_anywhere() {
    let commit = parse(
        "feat: x\n\nSome context.\nBREAKING CHANGE: the config moved\n\nMigrate with `herald init`.",
    );
    assert!(commit.is_breaking());
    assert_eq!(commit.body(), Some("Some context."));
    assert_eq!(
        footers(&commit.text),
        pairs(&[(
            "BREAKING CHANGE",
            "the config moved\n\nMigrate with `herald init`."
        )])
    );
}

#[test]
fn multi_line_footer_value_runs_to_the_next_token() {
    let commit = parse("feat: x\n\nBREAKING CHANGE: line one\nline two\nRefs: #4");
    assert_eq!(
        footers(&commit.text),
        pairs(&[("BREAKING CHANGE", "line one\nline two"), ("Refs", "#4")])
    );
}

#[test]
fn breaking_change_synonym_and_bare_colon() {
    assert!(parse("fix: x\n\nBREAKING-CHANGE: y").is_breaking());
    let commit = parse("fix: x\n\nBREAKING CHANGE:\nthe text is below");
    assert!(commit.is_breaking());
    assert_eq!(commit.breaking_notes(), ["the text is below"]);
}

#[test]
fn correction_lowercase_breaking_change_is_not_a_footer() {
    let commit = parse("fix: x\n\nbreaking change: y");
    assert!(!commit.is_breaking());
    assert_eq!(commit.body(), Some("breaking change: y"));
}

#[test]
fn footer_tokens_follow_the_spec() {
    // Tokens use `-` for spaces; `#` separates issue references.
    let commit = parse("fix: x\n\nCloses #12\nCo-authored-by: A <a@b.c>\nSigned-off-by: B <b@c.d>");
    let found = commit
        .footers
        .iter()
        .map(|f| (f.token.as_str(), f.separator))
        .collect::<Vec<_>>();
    assert_eq!(
        found,
        [
            ("Closes", Separator::Hash),
            ("Co-authored-by", Separator::Colon),
            ("Signed-off-by", Separator::Colon)
        ]
    );
    // A token with a space is not a token (only BREAKING CHANGE may have one).
    let commit = parse("fix: x\n\nReviewed by: Z");
    assert!(commit.footers.is_empty());
    // A URL is not a footer.
    assert!(parse("fix: x\n\nhttps://example.com/x").footers.is_empty());
}

#[test]
fn correction_special_kinds_before_parsing() {
    assert_eq!(parse("Merge branch 'topic' into main").kind, Kind::Merge);
    assert_eq!(
        parse("Merge pull request #12 from o/topic\n\nfeat: x").kind,
        Kind::Merge
    );
    assert_eq!(
        parse("Merge remote-tracking branch 'origin/main'").kind,
        Kind::Merge
    );
    let revert = parse(
        "Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
    );
    assert_eq!(revert.kind, Kind::Revert);
    assert_eq!(
        revert.reverted.as_deref(),
        Some("0123456789abcdef0123456789abcdef01234567")
    );
    assert_eq!(
        parse("fixup! feat: x").kind,
        Kind::Autosquash(Autosquash::Fixup)
    );
    assert_eq!(
        parse("squash! feat: x").kind,
        Kind::Autosquash(Autosquash::Squash)
    );
    assert_eq!(
        parse("amend! feat: x\n\nfeat: y").kind,
        Kind::Autosquash(Autosquash::Amend)
    );
}

#[test]
fn empty_is_empty_not_unconventional() {
    assert_eq!(parse("").kind, Kind::Empty);
    assert_eq!(parse("   \n").kind, Kind::Empty);
}

#[test]
fn correction_errors_say_what_to_write() {
    let cases = [
        (
            "update stuff",
            "the header has no type",
            "start with a type, e.g. `fix: update stuff` or `feat: update stuff`",
        ),
        ("feat:x", "missing space after `:`", "write `feat: x`"),
        (
            "feat:",
            "the description is empty",
            "say what the change does, e.g. `fix: handle empty token`",
        ),
        ("feat : x", "unexpected space before `:`", "write `feat: x`"),
        (
            "feat(): x",
            "the scope is empty",
            "name a scope or remove the parentheses: `feat: x`",
        ),
        (
            "feat(a b): x",
            "the scope must not contain whitespace",
            "use `-` or `,` between words, e.g. `feat(user-settings): …`",
        ),
        (
            "feat(api: x",
            "the scope is not closed",
            "close the scope: `type(scope): description`",
        ),
        (
            "i18n: x",
            "the header must start with a type made of letters",
            "start with a type such as `feat` or `fix`: `type(scope): description`, e.g. `fix(api): handle empty token`",
        ),
        (
            "[WIP] feat: x",
            "the header must start with a type made of letters",
            "start with a type such as `feat` or `fix`: `type(scope): description`, e.g. `fix(api): handle empty token`",
        ),
    ];
    for (header, message, help) in cases {
        let Kind::NotConventional(error) = parse(header).kind else {
            panic!("{header} should not parse");
        };
        assert_eq!(
            (error.message.as_str(), error.help.as_str()),
            (message, help),
            "{header}"
        );
        assert!(
            error.span.end <= header.len() && error.span.start < error.span.end.max(1),
            "{header}: {:?}",
            error.span
        );
    }
}

#[test]
fn spans_point_at_the_parts() {
    let commit = parse("feat(api)!:  add thing");
    let header = commit.header.unwrap();
    assert_eq!(&commit.text[header.kind_span.clone()], "feat");
    assert_eq!(&commit.text[header.scope_span.clone().unwrap()], "api");
    assert_eq!(&commit.text[header.description_span.clone()], "add thing");
}

#[test]
fn huge_and_odd_messages_do_not_panic() {
    let long_header = format!("feat: {}", "x".repeat(10_000));
    assert_eq!(parse(&long_header).kind, Kind::Conventional);
    let big_body = format!("fix: y\n\n{}", "line of body text\n".repeat(60_000));
    assert!(parse(&big_body).body().is_some());
    for odd in [
        "(",
        ")",
        ":",
        "!",
        "feat(",
        "feat!",
        "é: x",
        "feat(é): ü",
        "\u{fffd}",
        "#",
        "feat(x)!:",
    ] {
        let _ = parse(odd);
    }
}

#[test]
fn footers_above_a_breaking_change_stay_footers() {
    let commit = parse("fix: x\n\nRefs: #1\nBREAKING CHANGE: b");
    assert_eq!(commit.body(), None);
    assert_eq!(
        footers(&commit.text),
        pairs(&[("Refs", "#1"), ("BREAKING CHANGE", "b")])
    );
    // A breaking line inside body text still starts the footers there.
    let commit = parse("fix: x\n\nsome body\nBREAKING CHANGE: b\n\nRefs: #2");
    assert_eq!(commit.body(), Some("some body"));
    assert_eq!(
        footers(&commit.text),
        pairs(&[("BREAKING CHANGE", "b"), ("Refs", "#2")])
    );
}

#[test]
fn a_colon_inside_the_scope_is_part_of_the_scope() {
    let commit = parse("feat(a:b)!: add thing");
    assert_eq!(commit.scope(), Some("a:b"));
    assert_eq!(commit.description(), Some("add thing"));
    let header = commit.header.unwrap();
    assert!(header.bang);
    assert_eq!(&commit.text[header.description_span], "add thing");
}

#[test]
fn a_blank_description_is_empty() {
    let Kind::NotConventional(error) = parse("feat:   ").kind else {
        panic!("a blank description is not conventional");
    };
    assert_eq!(error.message, "the description is empty");
}

#[test]
fn headers_in_any_script_get_spans_on_character_boundaries() {
    for header in [
        "fé: x",
        "修复(界面): 按钮",
        "修复: x",
        "fix：x",
        "Ünïcödé",
        "feat\u{200b}: x",
        "fe\u{fffd}at: x",
        "feat（ui）: x",
        "feat:\u{a0}x",
        "\u{feff}feat: x",
        "פתרון: תקן",
        "✨ feat: x",
        "🚀",
        "é",
        "fix\u{301}: x",
        "feat(修复 ): x",
        "feat(ä b): x",
        "feat(é",
        "ф:",
        "x:\u{3000}",
    ] {
        let commit = parse(header);
        let Kind::NotConventional(error) = &commit.kind else {
            panic!("{header:?} should not parse");
        };
        let span = error.span.clone();
        assert!(
            span.start <= span.end
                && span.end <= header.len()
                && header.is_char_boundary(span.start)
                && header.is_char_boundary(span.end),
            "{header:?}: {span:?}"
        );
    }
}

#[test]
fn header_errors_name_what_cannot_be_seen() {
    let cases = [
        (
            "fix：x",
            "the header has `：` (U+FF1A FULLWIDTH COLON) where `:` belongs",
            "write `fix: x`",
            "：",
        ),
        (
            "feat（ui）: x",
            "the header has `（` (U+FF08 FULLWIDTH LEFT PARENTHESIS) where `(` belongs",
            "write `feat(ui): x`",
            "（",
        ),
        (
            "feat\u{200b}: x",
            "the header has an invisible character, U+200B ZERO WIDTH SPACE",
            "delete it: `feat: x`",
            "\u{200b}",
        ),
        (
            "\u{feff}fix: x",
            "the header has an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)",
            "delete it: `fix: x`",
            "\u{feff}",
        ),
        (
            "feat:\u{3000}x",
            "the header has U+3000 IDEOGRAPHIC SPACE where a plain space belongs",
            "write `feat: x`",
            "\u{3000}",
        ),
        (
            "fe\u{fffd}at: x",
            "the header has U+FFFD REPLACEMENT CHARACTER, which stands for bytes that are not UTF-8",
            "save the message as UTF-8; without those bytes it reads `feat: x`",
            "\u{fffd}",
        ),
        (
            "修复(界面): 按钮",
            "the type `修复` must be written in ASCII letters (a-z)",
            "release tools match types such as `feat` and `fix` exactly; the scope and the description can be in any language: `fix(界面): 按钮`",
            "修复",
        ),
        (
            "fé: x",
            "the type `fé` must be written in ASCII letters (a-z)",
            "release tools match types such as `feat` and `fix` exactly; the scope and the description can be in any language: `fix: x`",
            "fé",
        ),
        (
            "修复：按钮",
            "the type `修复` must be written in ASCII letters (a-z)",
            "release tools match types such as `feat` and `fix` exactly; the scope and the description can be in any language: `fix: 按钮`",
            "修复",
        ),
        (
            "Ünïcödé",
            "the header has no type",
            "start with a type, e.g. `fix: Ünïcödé` or `feat: Ünïcödé`",
            "Ünïcödé",
        ),
    ];
    for (header, message, help, pointed) in cases {
        let Kind::NotConventional(error) = parse(header).kind else {
            panic!("{header} should not parse");
        };
        assert_eq!(
            (error.message.as_str(), error.help.as_str()),
            (message, help),
            "{header}"
        );
        assert_eq!(&header[error.span], pointed, "{header}");
    }
}

#[test]
fn a_parsed_message_stays_small_whatever_its_length() {
    // 100,000 of these are held at once by a long preview: the body and the header's
    // parts are spans of the text (nothing is kept twice) and a header error is boxed (a
    // conventional commit does not carry room for one).
    let body = "word ".repeat(10_000);
    let commit = parse(&format!("feat: x\n\n{}", body.trim_end()));
    assert_eq!(commit.body(), Some(body.trim_end()));
    let commit = parse(&format!("feat(scope): {}", "d".repeat(10_000)));
    let text = commit.text.as_bytes().as_ptr_range();
    for part in [
        commit.kind_of_change(),
        commit.scope(),
        commit.description(),
    ] {
        assert!(text.contains(&part.unwrap().as_ptr()));
    }
    assert!(std::mem::size_of::<Kind>() <= 16);
    assert!(std::mem::size_of::<herald::model::message::Message>() <= 192);
}
