//! conventional-commits-parser 6.4.0, as semantic-release's plugins run it: one message in,
//! the header's fields, body, footer, notes (`BREAKING CHANGE: …`), issue references and
//! revert target out.
//!
//! What surprises people, all faithful to the original:
//! - a note keyword is found on any line after the header, in the body too, and
//!   case-insensitively (`breaking change: x` is a note);
//! - any line holding `#N` (or `gh-N` where configured) is a footer line whose references
//!   the notes list as `closes`, whatever the verb (`see #12` included);
//! - a line of dashes such as `---` is a "field" marker that swallows every line after it,
//!   so a `BREAKING CHANGE:` below it is not read;
//! - when the header does not match the pattern, no `type` is set at all.

use regex::Regex;

use super::header::{self, Found};
use crate::tools::node::jsregex;
use crate::tools::node::jsregex::is_js_space;

/// Parser options: conventional-commits-parser's defaults, overridden by the preset's and
/// then by the configuration's `parserOpts`.
#[derive(Debug, Clone)]
pub struct ParserOptions {
    pub header_pattern: Option<Regex>,
    pub header_correspondence: Vec<String>,
    pub breaking_header_pattern: Option<Regex>,
    pub note_keywords: Option<Vec<String>>,
    pub revert_pattern: Option<Regex>,
    pub revert_correspondence: Vec<String>,
    pub merge_pattern: Option<Regex>,
    pub merge_correspondence: Vec<String>,
    pub issue_prefixes: Option<Words>,
    pub issue_prefixes_case_sensitive: bool,
    pub reference_actions: Option<Words>,
    pub field_pattern: Option<Regex>,
    pub comment_char: Option<String>,
    /// The note regex built from `note_keywords`, once.
    notes: std::sync::OnceLock<Option<Regex>>,
}

impl Default for ParserOptions {
    /// conventional-commits-parser's `defaultOptions`.
    fn default() -> ParserOptions {
        let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        ParserOptions {
            header_pattern: Some(pattern(r"^(\w*)(?:\(([\w$@.\-*/ ]*)\))?: (.*)$", false)),
            header_correspondence: words(&["type", "scope", "subject"]),
            breaking_header_pattern: None,
            note_keywords: Some(words(&["BREAKING CHANGE", "BREAKING-CHANGE"])),
            revert_pattern: Some(pattern(
                r#"^Revert\s"([\s\S]*)"\s*This reverts commit (\w*)\.?"#,
                false,
            )),
            revert_correspondence: words(&["header", "hash"]),
            merge_pattern: None,
            merge_correspondence: Vec::new(),
            issue_prefixes: Some(Words::new(words(&["#"]))),
            issue_prefixes_case_sensitive: false,
            reference_actions: Some(Words::new(words(&[
                "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves",
                "resolved",
            ]))),
            field_pattern: Some(pattern(r"^-(.*?)-$", false)),
            comment_char: None,
            notes: std::sync::OnceLock::new(),
        }
    }
}

impl ParserOptions {
    /// Whether `other` parses every message as these do but for its references (which
    /// lines hold them, and so which lines are footer). Patterns compare by their source:
    /// all of them here are compiled case-sensitively (see [`pattern`] and the
    /// configuration's `parserOpts`).
    pub fn same_apart_from_references(&self, other: &ParserOptions) -> bool {
        let source = |p: &Option<Regex>| p.as_ref().map(|p| p.as_str().to_string());
        let patterns = |o: &ParserOptions| {
            [
                &o.header_pattern,
                &o.breaking_header_pattern,
                &o.revert_pattern,
                &o.merge_pattern,
                &o.field_pattern,
            ]
            .map(source)
        };
        patterns(self) == patterns(other)
            && self.header_correspondence == other.header_correspondence
            && self.note_keywords == other.note_keywords
            && self.revert_correspondence == other.revert_correspondence
            && self.merge_correspondence == other.merge_correspondence
            && self.comment_char == other.comment_char
    }
}

/// A built-in JavaScript pattern, compiled once per run: every plugin's options start
/// from the same few.
pub fn pattern(source: &str, ignore_case: bool) -> Regex {
    type Compiled = Vec<(String, bool, Regex)>;
    static COMPILED: std::sync::Mutex<Compiled> = std::sync::Mutex::new(Vec::new());
    let mut compiled = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    let known = compiled
        .iter()
        .find(|(s, i, _)| s == source && *i == ignore_case);
    if let Some((_, _, regex)) = known {
        return regex.clone();
    }
    let regex = jsregex::compile(source, ignore_case).expect("a built-in pattern compiles");
    compiled.push((source.to_string(), ignore_case, regex.clone()));
    regex
}

/// A `BREAKING CHANGE: …` note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub text: String,
}

/// An issue a message refers to (`Closes #12`, `owner/repo#3`, `(#34)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub action: Option<String>,
    pub owner: Option<String>,
    pub repository: Option<String>,
    pub prefix: String,
    pub issue: String,
    pub raw: String,
}

/// A parsed message. Fields named by the correspondences (`type`, `scope`, `subject`, …)
/// are in `fields`: absent when never assigned, `None` when assigned nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub fields: Vec<(String, Option<String>)>,
    pub header: Option<String>,
    pub body: Option<String>,
    pub footer: Option<String>,
    pub merge: Option<String>,
    pub notes: Vec<Note>,
    pub references: Vec<Reference>,
    pub revert: Option<Vec<(String, Option<String>)>>,
}

impl Parsed {
    /// A field: `Some(None)` when assigned nothing, `None` when never assigned.
    pub fn field(&self, name: &str) -> Option<Option<&str>> {
        match name {
            "header" => return Some(self.header.as_deref()),
            "body" => return Some(self.body.as_deref()),
            "footer" => return Some(self.footer.as_deref()),
            "merge" => return Some(self.merge.as_deref()),
            _ => {}
        }
        self.fields
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_deref())
    }

    /// A field's text, if it has one.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.field(name).flatten()
    }

    fn set(&mut self, name: &str, value: Option<String>) {
        match name {
            "header" => self.header = value,
            "body" => self.body = value,
            "footer" => self.footer = value,
            "merge" => self.merge = value,
            _ => match self.fields.iter_mut().find(|(key, _)| key == name) {
                // A JavaScript property keeps its place when assigned again.
                Some((_, slot)) => *slot = value,
                None => self.fields.push((name.to_string(), value)),
            },
        }
    }

    /// `this.commit[name] = appendLine(this.commit[name], line)`, without copying what
    /// is already there (a message with many lines stays linear).
    fn append(&mut self, name: &str, line: &str) {
        let slot = match name {
            "header" => &mut self.header,
            "body" => &mut self.body,
            "footer" => &mut self.footer,
            "merge" => &mut self.merge,
            _ => match self.fields.iter().position(|(key, _)| key == name) {
                Some(at) => &mut self.fields[at].1,
                None => {
                    self.fields.push((name.to_string(), None));
                    &mut self.fields.last_mut().expect("just pushed").1
                }
            },
        };
        push_line(slot, line);
    }
}

impl ParserOptions {
    /// `^[\s|*]*(KEYWORDS)[:\s]+(.*)`, case-insensitive (`getNotesRegex`).
    fn notes_regex(&self) -> Option<&Regex> {
        self.notes
            .get_or_init(|| {
                let keywords = self.note_keywords.as_ref()?;
                let joined: Vec<String> = keywords
                    .iter()
                    .map(|k| regex::escape(k.trim()))
                    .filter(|k| !k.is_empty())
                    .collect();
                Some(pattern(
                    &format!(r"^[\s|*]*({})[:\s]+(.*)", joined.join("|")),
                    true,
                ))
            })
            .as_ref()
    }

    /// Sets the note keywords (and forgets the regex built from the old ones).
    pub fn set_note_keywords(&mut self, keywords: Option<Vec<String>>) {
        self.note_keywords = keywords;
        self.notes = std::sync::OnceLock::new();
    }
}

/// Parses one message (`CommitParser.parse`); `None` for a blank message, which the
/// plugins skip.
pub fn parse(input: &str, options: &ParserOptions) -> Option<Parsed> {
    if input.trim().is_empty() {
        return None;
    }
    let trimmed = trim_new_lines(input);
    let raw_lines: Vec<&str> = split_lines(trimmed);
    let lines: Vec<&str> = match &options.comment_char {
        Some(comment) => {
            let scissors =
                format!("{comment} ------------------------ >8 ------------------------");
            let end = raw_lines
                .iter()
                .position(|l| *l == scissors)
                .unwrap_or(raw_lines.len());
            raw_lines[..end]
                .iter()
                .copied()
                .filter(|l| !l.starts_with(comment.as_str()) && !is_gpg(l))
                .collect()
        }
        None => raw_lines.into_iter().filter(|l| !is_gpg(l)).collect(),
    };
    let mut state = State {
        lines,
        index: 0,
        commit: Parsed::default(),
        options,
        actions: options.reference_actions.as_ref(),
        prefixes: options.issue_prefixes.as_ref(),
    };
    let is_merge = state.parse_merge();
    state.parse_header(is_merge);
    if let Some(header) = state.commit.header.clone() {
        state.commit.references = state.parse_references(&header);
    }
    let mut is_body = true;
    while state.available() {
        state.parse_meta();
        if state.parse_notes() {
            is_body = false;
        }
        if !state.parse_body_and_footer(is_body) {
            is_body = false;
        }
    }
    state.parse_breaking_header();
    state.parse_revert(input);
    state.cleanup();
    Some(state.commit)
}

struct State<'a> {
    lines: Vec<&'a str>,
    index: usize,
    commit: Parsed,
    options: &'a ParserOptions,
    actions: Option<&'a Words>,
    prefixes: Option<&'a Words>,
}

/// Reference verbs or issue prefixes, trimmed, with the bytes they can start with; made
/// once with the options, not for each message.
#[derive(Debug, Clone)]
pub struct Words {
    words: Vec<String>,
    starts: [bool; 256],
}

impl Words {
    pub fn new(list: Vec<String>) -> Words {
        let words: Vec<String> = list
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let mut starts = [false; 256];
        for word in &words {
            let first = word.as_bytes()[0];
            starts[first.to_ascii_lowercase() as usize] = true;
            starts[first.to_ascii_uppercase() as usize] = true;
        }
        Words { words, starts }
    }

    /// The first word (in list order) written at `at`, case-insensitively.
    fn at<'s>(&'s self, input: &'s str, at: usize) -> Option<&'s str> {
        self.all_at(input, at).next()
    }

    /// Whether any of the words is written somewhere in `input`, case-insensitively.
    fn occurs_in(&self, input: &str) -> bool {
        let bytes = input.as_bytes();
        (0..bytes.len()).any(|at| {
            self.starts[usize::from(bytes[at])] && self.all_at(input, at).next().is_some()
        })
    }

    /// The words (in list order) written at `at`, case-insensitively: the text there of
    /// each word's length in bytes is the word once both are lowercased.
    fn all_at<'s>(&'s self, input: &'s str, at: usize) -> impl Iterator<Item = &'s str> + 's {
        let first = input.as_bytes().get(at).copied();
        let candidates = match first {
            Some(byte) if self.starts[byte as usize] && input.is_char_boundary(at) => {
                &self.words[..]
            }
            _ => &[],
        };
        candidates.iter().map(String::as_str).filter(move |word| {
            could_start(first, word)
                && input
                    .get(at..at + word.len())
                    .is_some_and(|w| same_ignoring_case(w, word))
        })
    }
}

/// Whether text starting with the byte `first` could equal `word` once both are
/// lowercased: two different ASCII letters first never do, whatever follows.
fn could_start(first: Option<u8>, word: &str) -> bool {
    match (first, word.as_bytes().first()) {
        (Some(a), Some(&b)) if a.is_ascii() && b.is_ascii() => a.eq_ignore_ascii_case(&b),
        _ => true,
    }
}

/// JavaScript's case-insensitive comparison for short words.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

impl<'a> State<'a> {
    fn current(&self) -> Option<&'a str> {
        self.lines.get(self.index).copied()
    }

    fn next(&mut self) -> Option<&'a str> {
        let line = self.lines.get(self.index).copied();
        self.index += 1;
        line
    }

    fn available(&self) -> bool {
        self.index < self.lines.len()
    }

    fn parse_merge(&mut self) -> bool {
        let Some(merge_pattern) = &self.options.merge_pattern else {
            return false;
        };
        let Some(line) = self.current() else {
            return false;
        };
        let Some(captures) = merge_pattern.captures(line) else {
            return false;
        };
        let whole = captures.get(0).map(|m| m.as_str().to_string());
        let values = correspondence(
            merge_pattern,
            &Found::Captures(captures),
            &self.options.merge_correspondence,
        );
        self.index += 1;
        self.commit.merge = whole.filter(|w| !w.is_empty());
        for (key, value) in values {
            self.commit.set(&key, value);
        }
        true
    }

    fn parse_header(&mut self, is_merge: bool) {
        if is_merge {
            while self.current().is_some_and(|l| l.trim().is_empty()) {
                self.index += 1;
            }
        }
        let header = match self.commit.header.clone() {
            Some(header) => Some(header),
            None => self.next().map(str::to_string),
        };
        let Some(header) = header.filter(|h| !h.is_empty()) else {
            return;
        };
        let options = self.options;
        let found = [&options.breaking_header_pattern, &options.header_pattern]
            .into_iter()
            .flatten()
            .find_map(|p| Some((p, header::captures(p, &header)?)));
        let values = found
            .map(|(p, found)| correspondence(p, &found, &options.header_correspondence))
            .unwrap_or_default();
        self.commit.header = Some(header.clone());
        for (key, value) in values {
            self.commit.set(&key, value);
        }
    }

    /// `-field-` lines: every following line goes into that field.
    fn parse_meta(&mut self) -> bool {
        let Some(field_pattern) = &self.options.field_pattern else {
            return false;
        };
        let mut field: Option<String> = None;
        let mut parsed = false;
        while let Some(line) = self.current() {
            if let Some(captures) = field_pattern.captures(line) {
                field = captures
                    .get(1)
                    .map(|m| m.as_str().to_string())
                    .filter(|f| !f.is_empty());
                self.index += 1;
                continue;
            }
            match &field {
                Some(name) => {
                    parsed = true;
                    self.commit.append(name, line);
                    self.index += 1;
                }
                None => break,
            }
        }
        parsed
    }

    /// Notes and the lines that continue them. Upstream recurses for each note that
    /// follows another and returns true from every level; one loop gives the same answer
    /// without a stack frame per note (a message may hold many thousands).
    fn parse_notes(&mut self) -> bool {
        let Some(notes) = self.options.notes_regex() else {
            return false;
        };
        let mut parsed = false;
        'notes: while let Some(line) = self.current() {
            let Some(captures) = notes.captures(line) else {
                break;
            };
            parsed = true;
            let note_index = self.commit.notes.len();
            self.commit.notes.push(Note {
                title: captures[1].to_string(),
                text: captures.get(2).map_or("", |m| m.as_str()).to_string(),
            });
            push_line(&mut self.commit.footer, line);
            self.index += 1;
            while self.available() {
                if self.parse_meta() {
                    return true;
                }
                let Some(line) = self.current() else {
                    break;
                };
                if notes.is_match(line) {
                    continue 'notes;
                }
                let references = self.parse_references(line);
                let found = !references.is_empty();
                if found {
                    self.commit.references.extend(references);
                } else {
                    let text = &mut self.commit.notes[note_index].text;
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(line);
                }
                push_line(&mut self.commit.footer, line);
                self.index += 1;
                if found {
                    break;
                }
            }
            break;
        }
        parsed
    }

    fn parse_body_and_footer(&mut self, is_body: bool) -> bool {
        let Some(line) = self.current() else {
            return is_body;
        };
        let references = self.parse_references(line);
        let still_body = references.is_empty() && is_body;
        if still_body {
            push_line(&mut self.commit.body, line);
        } else {
            self.commit.references.extend(references);
            push_line(&mut self.commit.footer, line);
        }
        self.index += 1;
        still_body
    }

    fn parse_breaking_header(&mut self) {
        let Some(pattern) = &self.options.breaking_header_pattern else {
            return;
        };
        if !self.commit.notes.is_empty() {
            return;
        }
        let Some(header) = &self.commit.header else {
            return;
        };
        if let Some(groups) = header::captures(pattern, header) {
            let text = groups.get(3).unwrap_or("").to_string();
            self.commit.notes.push(Note {
                title: "BREAKING CHANGE".to_string(),
                text,
            });
        }
    }

    fn parse_revert(&mut self, input: &str) {
        let Some(pattern) = &self.options.revert_pattern else {
            return;
        };
        if let Some(captures) = pattern.captures(input) {
            self.commit.revert = Some(correspondence(
                pattern,
                &Found::Captures(captures),
                &self.options.revert_correspondence,
            ));
        }
    }

    fn cleanup(&mut self) {
        let commit = &mut self.commit;
        commit.body = commit.body.take().map(|b| trim_new_lines(&b).to_string());
        commit.footer = commit.footer.take().map(|f| trim_new_lines(&f).to_string());
        for note in &mut commit.notes {
            note.text = trim_new_lines(&note.text).to_string();
        }
        let mut seen: Vec<String> = Vec::new();
        commit.references.retain(|reference| {
            let uid = format!(
                "{} {}",
                reference.action.as_deref().unwrap_or("null"),
                reference.raw
            )
            .to_lowercase();
            if seen.contains(&uid) {
                false
            } else {
                seen.push(uid);
                true
            }
        });
    }

    /// `parseReferences`: the references of one line.
    fn parse_references(&self, input: &str) -> Vec<Reference> {
        let Some(prefixes) = &self.prefixes else {
            return Vec::new();
        };
        // A reference starts with an issue prefix: a line where none is written (most body
        // lines: no `#`, no `gh-`) has none, whatever its action words.
        if !prefixes.occurs_in(input) {
            return Vec::new();
        }
        let mut sentences: Vec<(Option<String>, &str)> = match &self.actions {
            Some(actions) => action_sentences(input, actions),
            None => Vec::new(),
        };
        if sentences.is_empty() && !input.is_empty() {
            sentences.push((None, input));
        }
        let mut references = Vec::new();
        for (action, sentence) in sentences {
            if contains_url(sentence) {
                continue;
            }
            let mut from = 0;
            while let Some((reference, end)) = next_reference(
                sentence,
                from,
                prefixes,
                self.options.issue_prefixes_case_sensitive,
            ) {
                references.push(Reference {
                    action: action.clone(),
                    ..reference
                });
                from = end;
            }
        }
        references
    }
}

/// The capture groups named by a correspondence, each `None` when empty or absent.
/// When the pattern has named groups, only they count (`matches.groups[key]`).
fn correspondence(
    pattern: &Regex,
    found: &Found,
    keys: &[String],
) -> Vec<(String, Option<String>)> {
    let named = pattern.capture_names().any(|name| name.is_some());
    keys.iter()
        .enumerate()
        .map(|(i, key)| {
            let group = if named {
                found.name(key)
            } else {
                found.get(i + 1)
            };
            let value = group.filter(|v| !v.is_empty()).map(str::to_string);
            (key.clone(), value)
        })
        .collect()
}

/// `(action)\s+(sentence)` pieces of a line, the sentence running lazily to the next action
/// word (even inside a word: `prefix` holds `fix`) or the end of the line.
fn action_sentences<'a>(input: &'a str, actions: &Words) -> Vec<(Option<String>, &'a str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = find_action(input, actions, from) {
        let rest = &input[end..];
        let spaces = rest.len() - rest.trim_start_matches(is_js_space).len();
        let sentence_start = end + spaces;
        let mut sentence_end = input.len();
        let mut at = sentence_start;
        while at < input.len() {
            if actions.at(input, at).is_some() {
                sentence_end = at;
                break;
            }
            at += input[at..].chars().next().map_or(1, char::len_utf8);
        }
        out.push((
            Some(input[start..end].to_string()),
            &input[sentence_start..sentence_end],
        ));
        from = sentence_end.max(end);
    }
    out
}

/// The first `action\s+` at or after `from` (leftmost, first listed action first).
fn find_action(input: &str, actions: &Words, from: usize) -> Option<(usize, usize)> {
    (from..input.len()).find_map(|at| {
        actions
            .all_at(input, at)
            .map(|action| at + action.len())
            .find(|&end| input[end..].starts_with(is_js_space))
            .map(|end| (at, end))
    })
}

/// The first reference at or after `from`: the leftmost prefix followed by an issue word
/// that ends at a space, the end, or one of `,;)]`; the repository is the `owner/repo`
/// run of characters right before the prefix. Returns it and where the search goes on.
fn next_reference(
    sentence: &str,
    from: usize,
    prefixes: &Words,
    case_sensitive: bool,
) -> Option<(Reference, usize)> {
    let mut at = from;
    while at < sentence.len() {
        if !sentence.is_char_boundary(at) || !prefixes.starts[sentence.as_bytes()[at] as usize] {
            at += 1;
            continue;
        }
        for prefix in prefixes.words.iter().map(String::as_str) {
            let end = at + prefix.len();
            let Some(candidate) = sentence.get(at..end) else {
                continue;
            };
            let same = if case_sensitive {
                candidate == prefix
            } else {
                same_ignoring_case(candidate, prefix)
            };
            if !same {
                continue;
            }
            let issue_len = sentence[end..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(sentence.len() - end);
            if issue_len == 0 {
                continue;
            }
            let issue_end = end + issue_len;
            let after = sentence[issue_end..].chars().next();
            if !after.is_none_or(|c| is_js_space(c) || matches!(c, ',' | ';' | ')' | ']')) {
                continue;
            }
            let repo_start = sentence[from..at]
                .char_indices()
                .rev()
                .take_while(|(_, c)| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
                })
                .last()
                .map_or(at, |(i, _)| from + i);
            let repository = &sentence[repo_start..at];
            let (owner, repository) = match repository.split_once('/') {
                _ if repository.is_empty() => (None, None),
                Some((owner, repo)) => (Some(owner.to_string()), Some(repo.to_string())),
                None => (None, Some(repository.to_string())),
            };
            return Some((
                Reference {
                    action: None,
                    owner,
                    repository,
                    prefix: candidate.to_string(),
                    issue: sentence[end..issue_end].to_string(),
                    raw: sentence[from..issue_end].to_string(),
                },
                issue_end,
            ));
        }
        at += 1;
    }
    None
}

/// Whether a sentence holds a URL (`\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b`);
/// its references are then ignored.
fn contains_url(sentence: &str) -> bool {
    static URL: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        pattern(
            r"\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b",
            false,
        )
    })
    .is_match(sentence)
}

/// `appendLine`: `src\nline`, or `line` when `src` is empty.
/// `appendLine(src, line)`: `line` alone when `src` is empty, else on a new line after it.
fn push_line(src: &mut Option<String>, line: &str) {
    match src {
        Some(src) if !src.is_empty() => {
            src.push('\n');
            src.push_str(line);
        }
        _ => *src = Some(line.to_string()),
    }
}

/// `trimNewLines`: without leading and trailing `\r` and `\n`.
pub fn trim_new_lines(input: &str) -> &str {
    input.trim_matches(['\r', '\n'])
}

/// `split(/\r?\n/)`.
fn split_lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

fn is_gpg(line: &str) -> bool {
    line.trim_start_matches(is_js_space).starts_with("gpg:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn angular() -> ParserOptions {
        let mut options = ParserOptions {
            header_pattern: Some(pattern(r"^(\w*)(?:\((.*)\))?: (.*)$", false)),
            revert_pattern: Some(pattern(
                r#"^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w{7,40})\b"#,
                true,
            )),
            ..ParserOptions::default()
        };
        options.set_note_keywords(Some(vec!["BREAKING CHANGE".into()]));
        options
    }

    #[test]
    fn header_fields() {
        let parsed = parse("feat(api): add endpoint", &angular()).unwrap();
        assert_eq!(parsed.text("type"), Some("feat"));
        assert_eq!(parsed.text("scope"), Some("api"));
        assert_eq!(parsed.text("subject"), Some("add endpoint"));
        let bang = parse("feat!: x", &angular()).unwrap();
        assert_eq!(bang.field("type"), None);
        assert_eq!(bang.header.as_deref(), Some("feat!: x"));
    }

    #[test]
    fn notes_anywhere_and_in_any_case() {
        let parsed = parse(
            "fix: x\n\nbreaking change: y\nmore\n\nCloses #9",
            &angular(),
        )
        .unwrap();
        assert_eq!(
            parsed.notes,
            vec![Note {
                title: "breaking change".into(),
                text: "y\nmore".into()
            }]
        );
        assert_eq!(parsed.references.len(), 1);
        assert_eq!(parsed.references[0].issue, "9");
        let dashes = parse("fix: x\n\n---\nBREAKING CHANGE: y", &angular()).unwrap();
        assert!(dashes.notes.is_empty());
        let hyphen = parse("feat: x\n\nBREAKING-CHANGE: y", &angular()).unwrap();
        assert!(hyphen.notes.is_empty());
    }

    #[test]
    fn many_notes_and_meta_lines_keep_the_stack_flat() {
        let notes = "BREAKING CHANGE: y\n".repeat(50_000);
        let parsed = parse(&format!("feat: x\n\n{notes}-meta-\na\nb"), &angular()).unwrap();
        assert_eq!(parsed.notes.len(), 50_000);
        assert_eq!(parsed.notes[49_999].text, "y");
        assert_eq!(parsed.text("meta"), Some("a\nb"));
    }

    #[test]
    fn a_field_assigned_again_keeps_its_place() {
        let mut parsed = Parsed::default();
        parsed.set("a", Some("1".into()));
        parsed.set("b", None);
        parsed.set("a", Some("2".into()));
        parsed.append("b", "x");
        parsed.append("b", "y");
        let fields: Vec<_> = parsed
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect();
        assert_eq!(fields, [("a", Some("2")), ("b", Some("x\ny"))]);
    }

    /// The angular preset with GitHub's issue prefixes, as the notes read it there.
    fn github() -> ParserOptions {
        ParserOptions {
            issue_prefixes: Some(Words::new(vec!["#".into(), "gh-".into()])),
            ..angular()
        }
    }

    #[test]
    fn references() {
        let parsed = parse(
            "fix(api): crash (#34)\n\nsee #12 and gh-13 for details\nalso owner/other#14",
            &github(),
        )
        .unwrap();
        let shown: Vec<String> = parsed
            .references
            .iter()
            .map(|r| {
                format!(
                    "{}/{}{}{}",
                    r.owner.as_deref().unwrap_or(""),
                    r.repository.as_deref().unwrap_or(""),
                    r.prefix,
                    r.issue
                )
            })
            .collect();
        assert_eq!(shown, ["/#34", "/#12", "/gh-13", "owner/other#14"]);
        let actions = parse("perf: prefix handling fixes #7, #8", &angular()).unwrap();
        let issues: Vec<&str> = actions
            .references
            .iter()
            .map(|r| r.issue.as_str())
            .collect();
        assert_eq!(issues, ["7", "8"]);
        assert_eq!(actions.references[0].action.as_deref(), Some("fixes"));
        let url = parse("fix: x\n\nsee https://x.org/a#b #3", &angular()).unwrap();
        assert!(url.references.is_empty());
        // A prefix is looked for in any case, alone on its line or not.
        let cases = parse(
            "fix: y\n\nGH-15\nnothing here\ncloses gH-16, a bug",
            &github(),
        )
        .unwrap();
        let found: Vec<(&str, &str)> = cases
            .references
            .iter()
            .map(|r| (r.prefix.as_str(), r.issue.as_str()))
            .collect();
        assert_eq!(found, [("GH-", "15"), ("gH-", "16")]);
        assert_eq!(
            cases.footer.as_deref(),
            Some("GH-15\nnothing here\ncloses gH-16, a bug")
        );
    }

    #[test]
    fn reverts() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let parsed = parse(
            &format!("Revert \"feat: thing\"\n\nThis reverts commit {sha}."),
            &angular(),
        )
        .unwrap();
        let revert = parsed.revert.unwrap();
        assert_eq!(revert[0].1.as_deref(), Some("feat: thing"));
        assert_eq!(revert[1].1.as_deref(), Some(sha));
        assert!(parse("revert: x", &angular()).unwrap().revert.is_none());
    }
}
