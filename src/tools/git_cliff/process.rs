//! One commit through git-cliff's processing (`Commit::process` in git-cliff-core
//! 2.14.2, legacy order): preprocessors, the conventional parse (git-conventional), the
//! commit parsers that group or skip it, and the link parsers.

use serde_json::{Value, json};

use super::reach::Reach;
use super::settings::{CommitParser, Git, TextProcessor};
use crate::model::Change;

/// A commit as git-cliff holds it after processing; serialises like git-cliff's `Commit`.
#[derive(Debug, Clone)]
pub struct Processed {
    /// Index into the range.
    pub index: usize,
    pub id: String,
    /// The message after preprocessing.
    pub message: String,
    pub conventional: Option<Conventional>,
    pub group: Option<String>,
    pub scope: Option<String>,
    pub default_scope: Option<String>,
    pub links: Vec<(String, String)>,
    pub merge: bool,
    pub people: People,
}

/// What git-conventional read.
#[derive(Debug, Clone)]
pub struct Conventional {
    pub kind: String,
    pub scope: Option<String>,
    pub description: String,
    pub body: Option<String>,
    /// Token, separator, value, breaking.
    pub footers: Vec<(String, String, String, bool)>,
    pub breaking: bool,
    pub breaking_description: Option<String>,
}

/// Why a commit dropped out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// Not a conventional commit, and `filter_unconventional` is on.
    Unconventional(String),
    /// A commit parser with `skip = true` matched.
    Skipped,
    /// No commit parser matched, and `filter_commits` is on.
    Unmatched,
}

/// The commits one range change becomes (several with `split_commits`), or why none.
pub fn process(git: &Git, index: usize, change: &Change) -> Result<Vec<Processed>, Dropped> {
    let origin = Origin {
        index,
        id: &change.id,
        merge: change.parent_count > 1,
        people: People {
            author: change.author.clone(),
            time: change.time,
        },
    };
    let first = process_one(git, &origin, change.message.text.trim_end())?;
    if !git.split_commits {
        return Ok(vec![first]);
    }
    let lines: Vec<String> = first.message.lines().map(str::to_string).collect();
    Ok(lines
        .iter()
        .filter(|line| !line.is_empty())
        .filter_map(|line| process_one(git, &origin, line).ok())
        .collect())
}

/// Where a processed commit comes from.
struct Origin<'a> {
    index: usize,
    id: &'a str,
    merge: bool,
    people: People,
}

fn process_one(git: &Git, origin: &Origin, message: &str) -> Result<Processed, Dropped> {
    let (index, id) = (origin.index, origin.id);
    let message = preprocess(&git.commit_preprocessors, message);
    let parsed = git_conventional::Commit::parse(&message);
    let conventional = match parsed {
        Ok(commit) if git.conventional_commits => Some(conventional_of(&commit)),
        Err(error)
            if git.conventional_commits
                && !git.require_conventional
                && git.filter_unconventional
                && !git.split_commits =>
        {
            return Err(Dropped::Unconventional(error.to_string()));
        }
        _ => None,
    };
    let mut commit = Processed {
        index,
        id: id.to_string(),
        message,
        conventional,
        group: None,
        scope: None,
        default_scope: None,
        links: Vec::new(),
        merge: origin.merge,
        people: origin.people.clone(),
    };
    apply_parsers(
        &mut commit,
        &git.commit_parsers,
        git.protect_breaking_commits,
        git.filter_commits,
    )?;
    for parser in &git.link_parsers {
        for found in parser.pattern.find_iter(&commit.message) {
            let text = match &parser.text {
                Some(text) => parser
                    .pattern
                    .replace(found.as_str(), text.as_str())
                    .to_string(),
                None => found.as_str().to_string(),
            };
            let href = parser
                .pattern
                .replace(found.as_str(), parser.href.as_str())
                .to_string();
            commit.links.push((text, href));
        }
    }
    Ok(commit)
}

fn conventional_of(commit: &git_conventional::Commit<'_>) -> Conventional {
    Conventional {
        kind: commit.type_().as_str().to_string(),
        scope: commit.scope().map(|s| s.as_str().to_string()),
        description: commit.description().to_string(),
        body: commit.body().map(str::to_string),
        footers: commit
            .footers()
            .iter()
            .map(|f| {
                (
                    f.token().as_str().to_string(),
                    f.separator().as_str().to_string(),
                    f.value().to_string(),
                    f.breaking(),
                )
            })
            .collect(),
        breaking: commit.breaking(),
        breaking_description: commit.breaking_description().map(str::to_string),
    }
}

fn preprocess(processors: &[TextProcessor], message: &str) -> String {
    let mut text = message.to_string();
    for processor in processors {
        if let Some(replace) = &processor.replace {
            text = processor
                .pattern
                .replace_all(&text, replace.as_str())
                .to_string();
        }
    }
    text
}

/// `Commit::parse`: the first parser whose conditions hold decides the group and scope,
/// or skips the commit (unless it is breaking and `protect_breaking_commits` is on).
fn apply_parsers(
    commit: &mut Processed,
    parsers: &[CommitParser],
    protect_breaking: bool,
    filter: bool,
) -> Result<(), Dropped> {
    let mut matched = false;
    let breaking = commit.conventional.as_ref().is_some_and(|c| c.breaking);
    let skips =
        |parser: &CommitParser| parser.skip.unwrap_or(false) && !(breaking && protect_breaking);
    for parser in parsers {
        if parser
            .sha
            .as_ref()
            .is_some_and(|sha| sha.to_lowercase() != commit.id)
        {
            continue;
        }
        let Some(checks) = conditions(commit, parser) else {
            continue;
        };
        if checks.is_empty() && parser.sha.is_none() {
            continue;
        }
        if skips(parser) {
            return Err(Dropped::Skipped);
        }
        let replace = |value: &str| {
            let mut value = value.to_string();
            for (regex, text) in &checks {
                for found in regex.find_iter(text) {
                    value = regex.replace(found.as_str(), value.as_str()).to_string();
                }
            }
            value
        };
        if let Some(group) = &parser.group {
            commit.group = Some(replace(group));
        }
        if let Some(scope) = &parser.scope {
            commit.scope = Some(replace(scope));
        }
        if let Some(scope) = &parser.default_scope {
            commit.default_scope = Some(scope.clone());
        }
        if parser.keep_going.unwrap_or(false) {
            matched = true;
            continue;
        }
        return Ok(());
    }
    if filter && !matched {
        return Err(Dropped::Unmatched);
    }
    Ok(())
}

/// The parser's regexes and the text each matched, or `None` when one does not match.
fn conditions<'p>(
    commit: &Processed,
    parser: &'p CommitParser,
) -> Option<Vec<(&'p regex::Regex, String)>> {
    let mut checks = Vec::new();
    if let Some(regex) = &parser.message {
        if !regex.is_match(commit.message.trim()) {
            return None;
        }
        checks.push((regex, commit.message.clone()));
    }
    let body = commit.conventional.as_ref().and_then(|c| c.body.clone());
    if let Some(regex) = &parser.body {
        let text = body.clone().unwrap_or_default();
        if !regex.is_match(text.trim()) {
            return None;
        }
        checks.push((regex, text));
    }
    if let Some(regex) = &parser.footer {
        let footers = &commit.conventional.as_ref()?.footers;
        let found = footers
            .iter()
            .map(|(token, separator, value, _)| footer_text(token, separator, value))
            .find(|f| regex.is_match(f.trim()))?;
        checks.push((regex, found));
    }
    if let (Some(field), Some(regex)) = (&parser.field, &parser.pattern) {
        let context = commit_context(commit, &Reach::Every);
        let values: Vec<String> = if field == "body" {
            body.into_iter().collect()
        } else {
            match pointer(&context, field)? {
                Value::Array(items) => items.iter().filter_map(scalar).collect(),
                other => scalar(other).into_iter().collect(),
            }
        };
        let found = values.into_iter().find(|v| regex.is_match(v.trim()))?;
        checks.push((regex, found));
    }
    Some(checks)
}

/// `Footer`'s `Display` in git-conventional: `token: value` or `token #value`.
fn footer_text(token: &str, separator: &str, value: &str) -> String {
    if separator == ":" {
        format!("{token}{separator} {value}")
    } else {
        format!("{token}{separator}{value}")
    }
}

fn pointer<'v>(value: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted.split('.').try_fold(value, |v, key| v.get(key))
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) | Value::Null => Some(value.to_string()),
        _ => None,
    }
}

/// Who and when, for the template's `author` and `committer`.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub author: String,
    pub time: i64,
}

/// The commit as git-cliff serialises it into the template context: its `id` and the
/// fields `reach` names.
pub fn commit_context(commit: &Processed, reach: &Reach) -> Value {
    let mut map = serde_json::Map::new();
    let mut put = |name: &str, value: &dyn Fn() -> Value| {
        if name == "id" || reach.reads(name) {
            map.insert(name.into(), value());
        }
    };
    put("id", &|| json!(commit.id));
    match &commit.conventional {
        Some(conventional) => {
            put("message", &|| json!(conventional.description));
            put("body", &|| json!(conventional.body));
            put("footers", &|| {
                let footers = conventional.footers.iter();
                Value::Array(
                    footers
                        .map(|(token, separator, value, breaking)| {
                            json!({ "token": token, "separator": separator, "value": value, "breaking": breaking })
                        })
                        .collect(),
                )
            });
            put("group", &|| {
                json!(commit.group.as_ref().unwrap_or(&conventional.kind))
            });
            put("breaking_description", &|| {
                json!(conventional.breaking_description)
            });
            put("breaking", &|| json!(conventional.breaking));
            put("scope", &|| {
                json!(
                    (commit.scope.as_ref())
                        .or(conventional.scope.as_ref())
                        .or(commit.default_scope.as_ref())
                )
            });
        }
        None => {
            put("message", &|| json!(commit.message));
            put("group", &|| json!(commit.group));
            put("scope", &|| {
                json!(commit.scope.as_ref().or(commit.default_scope.as_ref()))
            });
        }
    }
    put("links", &|| {
        let links = commit.links.iter();
        Value::Array(
            links
                .map(|(text, href)| json!({ "text": text, "href": href }))
                .collect(),
        )
    });
    let signature = || json!({ "name": commit.people.author, "email": Value::Null, "timestamp": commit.people.time });
    put("author", &signature);
    put("committer", &signature);
    put("conventional", &|| json!(commit.conventional.is_some()));
    put("merge_commit", &|| json!(commit.merge));
    put("statistics", &|| Value::Null);
    put("extra", &|| Value::Null);
    put("raw_message", &|| json!(commit.message));
    Value::Object(map)
}
