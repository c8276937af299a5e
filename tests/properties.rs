//! What must hold for every message, whatever its bytes: checking never panics, every
//! diagnostic points at whole characters inside the message, cleaning a cleaned message
//! changes nothing, and the work grows in step with the message.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};

use common::{TestRepo, code, stderr};
use herald::app::check::{Checked, Checker};
use herald::commands::check::json_report;
use herald::config::{CommitRules, Config, DescriptionCase};
use herald::model::diagnostic::{self, Diagnostic};
use herald::model::engine::EngineName;
use herald::model::files::MemoryFiles;
use herald::model::message::{self, Cleanup, CommentPrefix};
use herald::tools::{self, Tool, detect::Detected};

// What messages are made of.

/// Pieces that have broken, or could break, byte arithmetic and header explanations:
/// combining marks, right-to-left text, CJK, emoji with joiners, invisible characters,
/// full-width punctuation, U+FFFD, characters whose lowercase is longer, every line end.
const PIECES: &[&str] = &[
    "feat",
    "fix",
    "x",
    "API",
    "Add",
    ".",
    "-",
    "_",
    "0",
    "#12",
    ",",
    " ",
    "\t",
    ":",
    "：",
    "!",
    "！",
    "(",
    ")",
    "（",
    "）",
    "#",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "Ü",
    "ß",
    "İ",
    "ǅ",
    "ﬁ",
    "שלום",
    "مرحبا",
    "修复",
    "界面",
    "按钮",
    "🚀",
    "👨\u{200d}👩\u{200d}👧",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{202e}",
    "\u{fffd}",
    "\u{a0}",
    "\u{3000}",
    "\u{85}",
    "\u{180e}",
    "\u{2028}",
    "\u{200a}",
    "\u{b}",
    "\u{c}",
    "BREAKING CHANGE",
    "breaking-change",
    "Refs",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text(pieces: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..pieces).prop_map(|parts| parts.concat())
}

fn header() -> impl Strategy<Value = String> {
    let kind = prop_oneof![
        Just("feat".to_string()),
        Just("fix".to_string()),
        Just("Feat".to_string()),
        Just("fé".to_string()),
        Just("修复".to_string()),
        Just("feat\u{200b}".to_string()),
        Just(String::new()),
        text(3),
    ];
    let scope = prop_oneof![
        Just(String::new()),
        Just("(api)".to_string()),
        Just("(界面)".to_string()),
        Just("()".to_string()),
        Just("(a b)".to_string()),
        Just("(é".to_string()),
        Just("（ui）".to_string()),
        Just("(a:b)".to_string()),
        text(3).prop_map(|t| format!("({t})")),
    ];
    let bang = proptest::sample::select(&["", "", "!", "！"][..]);
    let separator = proptest::sample::select(
        &[
            ": ",
            ": ",
            ":",
            "：",
            " : ",
            ":\t",
            ":\u{a0}",
            "::",
            "",
            ": \u{3000}",
        ][..],
    );
    (kind, scope, bang, separator, text(6))
        .prop_map(|(k, s, b, sep, d)| format!("{k}{s}{b}{sep}{d}"))
}

fn footer() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        proptest::sample::select(
            &[
                "BREAKING CHANGE",
                "BREAKING-CHANGE",
                "breaking change",
                "Breaking-Change",
                "Refs",
                "Closes",
                "Co-authored-by",
            ][..]
        )
        .prop_map(str::to_string),
        text(2),
    ];
    let separator = proptest::sample::select(&[": ", " #", ":", "：", ":\n", ": "][..]);
    (token, separator, text(4)).prop_map(|(t, s, v)| format!("{t}{s}{v}"))
}

/// A message built like real ones, with every part open to odd characters.
fn message() -> impl Strategy<Value = String> {
    let newline = proptest::sample::select(&["\n", "\n", "\r\n", "\r"][..]);
    let extra = proptest::sample::select(
        &[
            "",
            "",
            "\n# Please enter the commit message\n#",
            "\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x",
            "\n; comment",
            "\n\n\n",
        ][..],
    );
    (
        header(),
        proptest::option::of(text(20)),
        proptest::collection::vec(footer(), 0..5),
        newline,
        any::<bool>(),
        extra,
    )
        .prop_map(|(header, body, footers, newline, blank, extra)| {
            let mut out = header;
            if let Some(body) = body {
                out.push_str(newline);
                out.push_str(newline);
                out.push_str(&body);
            }
            if !footers.is_empty() {
                out.push_str(newline);
                if blank {
                    out.push_str(newline);
                }
                out.push_str(&footers.join(newline));
            }
            out.push_str(extra);
            out
        })
}

/// Any bytes, messages, and messages with bytes that are not UTF-8 in them.
fn raw_message() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        message().prop_map(String::into_bytes),
        (
            message(),
            proptest::collection::vec((any::<usize>(), 0x80u8..=0xff), 1..4)
        )
            .prop_map(|(text, inserts)| {
                let mut bytes = text.into_bytes();
                for (at, byte) in inserts {
                    bytes.insert(at % (bytes.len() + 1), byte);
                }
                bytes
            }),
    ]
}

fn cleanup() -> impl Strategy<Value = Cleanup> {
    proptest::sample::select(
        &[
            Cleanup::Strip,
            Cleanup::Whitespace,
            Cleanup::Scissors,
            Cleanup::Verbatim,
        ][..],
    )
}

fn comment() -> impl Strategy<Value = CommentPrefix> {
    proptest::sample::select(&["#", ";", "//", "# ", "%", "修"][..])
        .prop_map(|prefix| CommentPrefix(prefix.to_string()))
}

// The pipeline and what it must give.

/// Rules that make every lint rule speak.
fn strict() -> Config {
    Config {
        commit: CommitRules {
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
        },
        ..Config::default()
    }
}

/// The tool `name` with its defaults: no configuration file in the repository.
fn tool(name: EngineName, config: &Config) -> Box<dyn Tool> {
    let detected = Detected {
        name,
        file: None,
        source: name.as_str().to_string(),
        also_found: Vec::new(),
        ci: None,
    };
    tools::load(&detected, config, &MemoryFiles::new([])).unwrap()
}

fn herald_engine(config: &Config) -> Box<dyn Tool> {
    tool(EngineName::Herald, config)
}

/// Every engine with its tool's defaults.
fn engines() -> Vec<Box<dyn Tool>> {
    let config = Config::default();
    [
        EngineName::Herald,
        EngineName::SemanticRelease,
        EngineName::ReleasePlease,
        EngineName::Commitizen,
        EngineName::Cocogitto,
        EngineName::GitCliff,
    ]
    .into_iter()
    .map(|name| tool(name, &config))
    .collect()
}

/// The span is inside `text`, on character boundaries.
fn whole_characters(span: &std::ops::Range<usize>, text: &str) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn assert_spans(diagnostics: &[Diagnostic], text: &str) -> Result<(), TestCaseError> {
    for diagnostic in diagnostics {
        if let Some(span) = &diagnostic.span {
            prop_assert!(
                whole_characters(span, text),
                "{} at {span:?} in {text:?}",
                diagnostic.rule
            );
        }
    }
    Ok(())
}

/// Both renderings, and the JSON's spans, lines and columns.
fn assert_renders(checked: Checked) -> Result<(), TestCaseError> {
    let text = checked.message.text.clone();
    diagnostic::render(&checked.diagnostics, &text, "message", false);
    diagnostic::render(&checked.diagnostics, &text, "message", true);
    let json = json_report(&[(None, checked)]).unwrap();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    for found in report["messages"][0]["diagnostics"].as_array().unwrap() {
        if let Some(span) = found["span"].as_array() {
            let span = span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize;
            prop_assert!(whole_characters(&span, &text), "{found} in {text:?}");
            prop_assert!(found["line"].as_u64().unwrap() >= 1);
            prop_assert!(found["column"].as_u64().unwrap() >= 1);
        }
    }
    Ok(())
}

#[test]
fn checking_any_bytes_never_panics_and_points_at_whole_characters() {
    let configs = [Config::default(), strict()];
    let engines: Vec<Box<dyn Tool>> = configs.iter().map(herald_engine).collect();
    let mut runner = TestRunner::new(RunnerConfig::with_cases(512));
    runner
        .run(
            &(raw_message(), cleanup(), comment(), any::<bool>()),
            |(raw, cleanup, comment, strict)| {
                let index = usize::from(strict);
                let checker = Checker {
                    config: &configs[index],
                    tool: engines[index].as_ref(),
                    current: None,
                };
                let checked = checker.examine(&raw, cleanup, &comment);
                assert_spans(&checked.diagnostics, &checked.message.text)?;
                assert_renders(checked)
            },
        )
        .unwrap();
}

#[test]
fn every_engine_reads_any_message_without_panicking() {
    let config = Config::default();
    let engines = engines();
    let mut runner = TestRunner::new(RunnerConfig::with_cases(256));
    runner
        .run(&(raw_message(), any::<usize>()), |(raw, which)| {
            let checker = Checker {
                config: &config,
                tool: engines[which % engines.len()].as_ref(),
                current: None,
            };
            let stored = checker.examine_stored(&raw, 1);
            assert_renders(stored)?;
            let checked = checker.examine(&raw, Cleanup::Strip, &CommentPrefix::default());
            assert_renders(checked)
        })
        .unwrap();
}

proptest! {
    #![proptest_config(RunnerConfig::with_cases(512))]

    #[test]
    fn cleaning_a_cleaned_message_changes_nothing(
        raw in prop_oneof![message(), any::<String>()],
        cleanup in cleanup(),
        comment in comment(),
    ) {
        let once = message::clean(&raw, cleanup, &comment);
        prop_assert_eq!(message::clean(&once, cleanup, &comment), once);
    }

    #[test]
    fn headers_read_without_the_crate_read_as_the_crate_reads_them(
        header in prop_oneof![header(), text(12), any::<String>()],
    ) {
        let crate_reading = conventional_commit_parser::parse_summary(&header)
            .ok()
            .map(|c| (c.scope, c.is_breaking_change));
        let own = message::summary_shape(&header)
            .map(|(scope, bang)| (scope.map(str::to_string), bang));
        prop_assert_eq!(own, crate_reading);
    }

    #[test]
    fn parsing_a_parsed_message_gives_the_same_commit(raw in message()) {
        let commit = message::parse(&raw);
        prop_assert_eq!(message::parse(&commit.text), commit);
    }
}

// Work in step with the message.

/// The processor time this thread spends on `work`: other tests running beside it, and
/// other processes, do not count.
fn thread_time(work: &dyn Fn()) -> Duration {
    fn now() -> Duration {
        let mut time = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `time` is a valid timespec to write to; the clock exists on Linux and macOS.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
        assert_eq!(status, 0, "no thread clock");
        Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
    }
    let start = now();
    work();
    now() - start
}

/// Checking a message ten times as long takes about ten times as long: the limit is 40
/// times, far above noise and far below the 100 times of work that grows with the square.
/// Both sizes are timed in turns, each at its quickest, and the comparison passes as soon
/// as the quickest times fit.
fn assert_linear(shape: &str, config: &Config, message: &dyn Fn(usize) -> String) {
    assert_linear_under(shape, config, herald_engine(config).as_ref(), message);
}

fn assert_linear_under(
    shape: &str,
    config: &Config,
    tool: &dyn Tool,
    message: &dyn Fn(usize) -> String,
) {
    const SMALL: usize = 200;
    let checker = Checker {
        config,
        tool,
        current: None,
    };
    let check = |text: &str| {
        let checked = checker.examine(text.as_bytes(), Cleanup::Strip, &CommentPrefix::default());
        diagnostic::render(&checked.diagnostics, &checked.message.text, "m", false);
        json_report(&[(None, checked)]).unwrap();
    };
    let (small, large) = (message(SMALL), message(SMALL * 10));
    let (mut small_time, mut large_time) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        small_time = small_time.min(thread_time(&|| check(&small)));
        large_time = large_time.min(thread_time(&|| check(&large)));
        if large_time <= small_time.max(Duration::from_millis(1)) * 40 {
            return;
        }
    }
    panic!("{shape}: 10x the input took {large_time:?}, more than 40x {small_time:?}");
}

#[test]
fn checking_time_grows_in_step_with_the_message() {
    let strict = strict();
    let default = Config::default();
    assert_linear("breaking footers", &default, &|n| {
        format!("feat: x\n\n{}", "BREAKING CHANGE:\n".repeat(n))
    });
    assert_linear("miswritten breaking footers", &default, &|n| {
        format!("feat: x\n\n{}", "breaking change: v\n".repeat(n))
    });
    assert_linear("body lines over the limit", &strict, &|n| {
        format!("feat(api): X\n\n{}", "bödy line\n".repeat(n))
    });
    assert_linear("long header", &strict, &|n| {
        format!("feat(api): {}", "é".repeat(n * 10))
    });
}

#[test]
fn every_engine_reads_a_message_in_time_in_step_with_it() {
    let config = Config::default();
    for engine in engines() {
        let shape = |what: &str| format!("{what} under {}", engine.name());
        assert_linear_under(&shape("breaking footers"), &config, engine.as_ref(), &|n| {
            format!("feat: x\n\n{}", "BREAKING CHANGE: y\n".repeat(n))
        });
        assert_linear_under(&shape("footers"), &config, engine.as_ref(), &|n| {
            format!("fix(api): x\n\nbody\n\n{}", "Refs: #1\nmore\n".repeat(n))
        });
        assert_linear_under(&shape("meta lines"), &config, engine.as_ref(), &|n| {
            format!(
                "feat: x\n\nBREAKING CHANGE: y\n-meta-\n{}",
                "line\n".repeat(n)
            )
        });
    }
}

// The real binary, on the messages that used to make it panic.

const SMOKE: &[&[u8]] = &[
    "fé: x".as_bytes(),
    "修复(界面): 按钮".as_bytes(),
    "feat: 🚀 rocket".as_bytes(),
    "fix：x".as_bytes(),
    b"fe\xffat: x",
    "Ünïcödé".as_bytes(),
    "feat\u{200b}: x".as_bytes(),
];

fn assert_no_panic(what: &str, output: &std::process::Output) {
    let code = code(output);
    assert!(
        (0..=2).contains(&code) && !stderr(output).contains("panicked"),
        "{what}: exit {code}\n{}",
        stderr(output)
    );
}

#[test]
fn the_binary_does_not_panic_on_messages_in_any_script() {
    let repo = TestRepo::new();
    for (index, bytes) in SMOKE.iter().enumerate() {
        let file = format!("message-{index}.txt");
        std::fs::write(repo.path().join(&file), bytes).unwrap();
        for format in ["human", "json"] {
            let what = format!("{:?} as {format}", String::from_utf8_lossy(bytes));
            let output = repo
                .herald_command(&["check", "--format", format])
                .arg(OsStr::from_bytes(bytes))
                .output()
                .unwrap();
            assert_no_panic(&format!("{what}, argument"), &output);
            let output = repo.herald(&["check", "--format", format, "--file", &file]);
            assert_no_panic(&format!("{what}, --file"), &output);
            let output = common::with_stdin(
                &mut repo.herald_command(&["check", "--format", format]),
                bytes,
            );
            assert_no_panic(&format!("{what}, stdin"), &output);
        }
        let output = repo.herald(&["hook", "commit-msg", &file]);
        assert_no_panic("commit-msg hook", &output);
    }
}

// cocogitto's parser read in pieces gives the crate's own answer.

/// Messages made of the characters the footer grammar turns on.
fn footer_heavy_message() -> impl Strategy<Value = String> {
    let header = proptest::sample::select(&["feat: x", "fix(api)!: y", "fé: x", "feat:x", "x"][..]);
    let fragment = proptest::sample::select(
        &[
            "\n",
            "\n",
            "\n",
            "\r\n",
            "\r",
            " ",
            " ",
            "Refs",
            "Closes",
            "BREAKING CHANGE",
            "BREAKING-CHANGE",
            "breaking change",
            ":",
            ": ",
            " #",
            "x",
            "-",
            "a1",
            "#",
            "é",
            "feat: y",
            "(",
            ")",
        ][..],
    );
    (header, proptest::collection::vec(fragment, 0..40))
        .prop_map(|(header, parts)| format!("{header}{}", parts.concat()))
}

/// Messages most of which no footer can start in: a summary and lines of ordinary text,
/// with now and then something a footer's token could begin.
fn footerless_message() -> impl Strategy<Value = String> {
    let line = proptest::sample::select(
        &[
            "",
            "",
            " ",
            "body text",
            "  - an item",
            "see: this",
            "a #1",
            "x:",
            "Refs #1",
            "Refs: 1",
            "é: x",
            "\tRefs: 2",
            "  Closes #3",
            "fix: y",
            "(",
            "feat(x): z",
            "BREAKING CHANGE: w",
            "breaking change: w",
            "a\rb",
            "\u{a0}",
            "é",
            "  ",
        ][..],
    );
    let summary = prop_oneof![
        header(),
        Just(" feat: x".to_string()),
        Just("feat: x ".to_string())
    ];
    (
        summary,
        proptest::collection::vec(line, 0..6),
        any::<bool>(),
    )
        .prop_map(|(summary, lines, newline)| {
            let mut text = summary;
            for line in lines {
                text.push('\n');
                text.push_str(line);
            }
            if newline {
                text.push('\n');
            }
            text
        })
}

proptest! {
    #![proptest_config(RunnerConfig::with_cases(2000))]

    #[test]
    fn cocogitto_messages_without_footers_read_as_the_crate_reads_them(
        text in prop_oneof![footerless_message(), footer_heavy_message(), message()],
    ) {
        if let Some(own) = herald::tools::cocogitto::parse::without_footers(&text) {
            prop_assert_eq!(Some(own), conventional_commit_parser::parse(&text).ok());
        }
    }

    #[test]
    fn cocogitto_messages_read_in_pieces_read_as_the_crate_reads_them(
        text in footer_heavy_message(),
        trim in any::<bool>(),
    ) {
        use herald::tools::cocogitto::parse::parse_in_pieces;
        let text = if trim { text.trim().to_string() } else { text };
        let whole = conventional_commit_parser::parse(&text).map_err(|e| e.to_string());
        let pieces = parse_in_pieces(&text).map_err(|e| e.to_string());
        prop_assert_eq!(pieces, whole);
    }
}
