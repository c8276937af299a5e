//! The commit message rules: a [`Message`] and the `[commit]` rules in, diagnostics out.
//!
//! Rule names follow commitlint's where the rule is the same, so teams moving from it
//! recognise them.

use crate::config::{CommitRules, DescriptionCase};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::{Header, Kind, Message};
use crate::model::suggest::closest;

/// Every rule that applies to this message.
pub fn check(commit: &Message, rules: &CommitRules) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    match &commit.kind {
        Kind::Empty => {}
        Kind::Merge if !rules.allow_merge => found.push(
            Diagnostic::error("merge-commit", "merge commits are not allowed here")
                .at(0..commit.header_line().len(), "a merge commit")
                .help("rebase onto the target branch instead of merging (`git pull --rebase`)"),
        ),
        Kind::Revert if !rules.allow_revert => found.push(
            Diagnostic::error(
                "revert-commit",
                "git's `Revert \"…\"` message is not allowed here",
            )
            .at(
                0..commit.header_line().len(),
                "git's default revert message",
            )
            .help(revert_help(commit)),
        ),
        Kind::Autosquash(kind) if !rules.allow_fixup => found.push(
            Diagnostic::error(
                "fixup-commit",
                format!("`{}` commits are not allowed here", kind.prefix()),
            )
            .at(0..kind.prefix().len(), "meant to be squashed")
            .help("fold it into its target first: `git rebase -i --autosquash`"),
        ),
        Kind::NotConventional(error) => found.push(
            Diagnostic::error("header-format", error.message.clone())
                .at(error.span.clone(), error.label.clone())
                .help(error.help.clone()),
        ),
        Kind::Conventional => {
            if let Some(header) = &commit.header {
                check_header(header, &commit.text, rules, &mut found);
            }
        }
        Kind::Merge | Kind::Revert | Kind::Autosquash(_) => {}
    }
    if !matches!(commit.kind, Kind::Empty | Kind::Merge) {
        check_header_length(commit, rules, &mut found);
        check_breaking_footers(commit, &mut found);
        check_lines(commit, rules, &mut found);
    }
    found
}

fn revert_help(commit: &Message) -> String {
    let original = commit
        .header_line()
        .strip_prefix("Revert \"")
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or("…");
    format!("write `revert: {original}` and keep the `This reverts commit …` line in the body")
}

/// The header's checks; `text` is the message the header was parsed from.
fn check_header(header: &Header, text: &str, rules: &CommitRules, found: &mut Vec<Diagnostic>) {
    check_type(header, text, rules, found);
    check_scope(header, text, rules, found);
    check_description(header, text, rules, found);
}

fn check_type(header: &Header, text: &str, rules: &CommitRules, found: &mut Vec<Diagnostic>) {
    let kind = header.kind(text);
    let lowercase = kind.to_ascii_lowercase();
    let allowed = |t: &str| rules.types.iter().any(|a| a == t);
    if allowed(kind) {
        return;
    }
    if allowed(&lowercase) {
        found.push(
            Diagnostic::error(
                "type-case",
                format!("the type `{kind}` must be lowercase"),
            )
            .at(header.kind_span.clone(), "not lowercase")
            .help(format!(
                "write `{lowercase}`: release tools such as semantic-release compare types exactly"
            )),
        );
        return;
    }
    let list = rules.types.join(", ");
    let help = match closest(&lowercase, rules.types.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`? allowed types: {list}"),
        None => format!("use one of: {list}"),
    };
    found.push(
        Diagnostic::error("type-enum", format!("the type `{kind}` is not allowed"))
            .at(header.kind_span.clone(), "not an allowed type")
            .help(help),
    );
}

fn check_scope(header: &Header, text: &str, rules: &CommitRules, found: &mut Vec<Diagnostic>) {
    match (header.scope(text), &header.scope_span) {
        (None, _) if rules.require_scope => {
            let hint = if rules.scopes.is_empty() {
                String::new()
            } else {
                format!("; one of: {}", rules.scopes.join(", "))
            };
            found.push(
                Diagnostic::error("scope-empty", "a scope is required")
                    .at(header.kind_span.clone(), "no scope after the type")
                    .help(format!(
                        "name the part of the code: `{}(scope): {}`{hint}",
                        header.kind(text),
                        header.description(text)
                    )),
            );
        }
        (Some(scope), Some(span)) if !rules.scopes.is_empty() => {
            let known = |s: &str| rules.scopes.iter().any(|a| a == s.trim());
            if !known(scope) && !scope.split(',').all(known) {
                let list = rules.scopes.join(", ");
                let help = match closest(scope, rules.scopes.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`? allowed scopes: {list}"),
                    None => format!("use one of: {list}"),
                };
                found.push(
                    Diagnostic::error("scope-enum", format!("the scope `{scope}` is not allowed"))
                        .at(span.clone(), "not an allowed scope")
                        .help(help),
                );
            }
        }
        _ => {}
    }
}

fn check_description(
    header: &Header,
    text: &str,
    rules: &CommitRules,
    found: &mut Vec<Diagnostic>,
) {
    let description = header.description(text);
    let span = header.description_span.clone();
    if !rules.allow_full_stop && description.ends_with('.') && !description.ends_with("..") {
        found.push(
            Diagnostic::error(
                "description-full-stop",
                "the description must not end with a period",
            )
            .at(span.end - 1..span.end, "remove this period")
            .help(format!("write `{}`", description.trim_end_matches('.'))),
        );
    }
    let first_word = description.split_whitespace().next().unwrap_or("");
    let word_span = span.start..span.start + first_word.len();
    match rules.description_case {
        DescriptionCase::Lower if is_capitalised(first_word) => found.push(
            Diagnostic::error(
                "description-case",
                "the description must start in lowercase",
            )
            .at(word_span, "capitalised")
            .help(format!(
                "write `{}{}` (set `description_case = \"any\"` under [commit] to allow either)",
                first_word.to_lowercase(),
                &description[first_word.len()..]
            )),
        ),
        DescriptionCase::Sentence if first_word.starts_with(|c: char| c.is_lowercase()) => found
            .push(
                Diagnostic::error(
                    "description-case",
                    "the description must start with a capital letter",
                )
                .at(word_span, "lowercase")
                .help("capitalise the first word"),
            ),
        _ => {}
    }
}

/// `Add` is capitalised; `API`, `README` and `iOS` are names and pass.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

fn check_header_length(commit: &Message, rules: &CommitRules, found: &mut Vec<Diagnostic>) {
    let header = commit.header_line();
    let length = header.chars().count();
    if length > rules.header_max_length {
        let cut = header
            .char_indices()
            .nth(rules.header_max_length)
            .map_or(header.len(), |(i, _)| i);
        found.push(
            Diagnostic::error(
                "header-max-length",
                format!(
                    "the header is {length} characters long; the limit is {}",
                    rules.header_max_length
                ),
            )
            .at(cut..header.len(), "past the limit")
            .help("shorten the description and move the details to the body"),
        );
    }
}

fn check_breaking_footers(commit: &Message, found: &mut Vec<Diagnostic>) {
    for (index, footer) in commit.footers.iter().enumerate() {
        if !footer.is_breaking() {
            continue;
        }
        if footer.value.is_empty() {
            found.push(
                Diagnostic::error(
                    "breaking-description",
                    "the breaking change has no description",
                )
                .at(footer.span.clone(), "nothing after the token")
                .help(format!(
                    "say what breaks and how to migrate: `{}: <what changed>`",
                    footer.token
                )),
            );
        }
        // Only the first footer can stand right under body text: the others stand under
        // the footer before them, which is how footers are written.
        if index == 0
            && footer.span.start > 0
            && !commit.text[..footer.span.start].ends_with("\n\n")
        {
            found.push(
                Diagnostic::warning(
                    "footer-leading-blank",
                    "a footer should follow a blank line",
                )
                .at(footer.span.clone(), "no blank line above")
                .help("put a blank line before the footers"),
            );
        }
    }
    let mut offset = 0;
    for line in commit.text.split('\n') {
        if offset > 0 && is_miswritten_breaking_token(line) {
            let token_len = "breaking change".len();
            found.push(
                Diagnostic::warning(
                    "breaking-change-case",
                    "this is not a breaking-change footer",
                )
                .at(
                    offset..offset + token_len,
                    "the token must be written in capitals",
                )
                .help("write `BREAKING CHANGE: ` so that release tools see the breaking change"),
            );
        }
        offset += line.len() + 1;
    }
}

/// `breaking change:`, `Breaking-Change:` and friends: meant as the footer, but only the
/// uppercase token counts (Conventional Commits 1.0.0, rule 16).
fn is_miswritten_breaking_token(line: &str) -> bool {
    let Some(token) = line.get(.."breaking change".len()) else {
        return false;
    };
    let normal = token.to_ascii_uppercase().replace('-', " ");
    normal == "BREAKING CHANGE"
        && token != "BREAKING CHANGE"
        && token != "BREAKING-CHANGE"
        && line["breaking change".len()..].starts_with(':')
}

fn check_lines(commit: &Message, rules: &CommitRules, found: &mut Vec<Diagnostic>) {
    let text = &commit.text;
    let Some(header_end) = text.find('\n') else {
        return;
    };
    if text[header_end + 1..]
        .lines()
        .next()
        .is_some_and(|l| !l.is_empty())
    {
        let start = header_end + 1;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        found.push(
            Diagnostic::warning("body-leading-blank", "the body should follow a blank line")
                .at(start..end, "directly under the header")
                .help("leave the second line empty"),
        );
    }
    let footer_start = commit.footers.first().map_or(text.len(), |f| f.span.start);
    let mut offset = header_end + 1;
    for line in text[header_end + 1..].split('\n') {
        let (limit, rule, part) = if offset < footer_start {
            (rules.body_max_line_length, "body-max-line-length", "body")
        } else {
            (
                rules.footer_max_line_length,
                "footer-max-line-length",
                "footer",
            )
        };
        let length = line.chars().count();
        if limit > 0 && length > limit {
            let cut = line
                .char_indices()
                .nth(limit)
                .map_or(line.len(), |(i, _)| i);
            found.push(
                Diagnostic::error(
                    rule,
                    format!("a {part} line is {length} characters long; the limit is {limit}"),
                )
                .at(offset + cut..offset + line.len(), "past the limit")
                .help(format!("wrap the {part} at {limit} characters")),
            );
        }
        offset += line.len() + 1;
    }
}
