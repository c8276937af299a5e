//! The conventionalcommits preset's release notes (conventional-changelog-conventionalcommits
//! 9.3.1 through conventional-changelog-writer 8.4.0), as semantic-release's
//! release-notes-generator renders them, byte for byte.
//!
//! Always a `##` heading, with a compare link when there is a previous release; one blank
//! line around everything; `### ⚠ BREAKING CHANGES` first (newest first), then a section per
//! type in the order of `types` (Features, Bug Fixes, Performance Improvements, Reverts, …).
//! Hidden types (docs, chore, refactor, …) are left out unless breaking, when they appear
//! under their own section; a type outside `types` that is breaking comes first, under its
//! raw name. This is not release-please's layout, although both use this preset.

use regex::Regex;

use super::writer::{
    Commit, Context, Reference, group_by, link_users, replace_all, short, sort_by_scope_and_subject,
};

/// A `types` entry of the preset's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeEntry {
    pub kind: String,
    pub section: Option<String>,
    pub hidden: bool,
    pub scope: Option<String>,
}

/// The preset's configuration (`presetConfig`) as far as the notes depend on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub types: Vec<TypeEntry>,
    pub issue_prefixes: Vec<String>,
    pub issue_url_format: String,
    pub commit_url_format: String,
    pub compare_url_format: String,
    pub user_url_format: String,
    /// Only commits of these scopes (and unscoped ones unless `scope_only`).
    pub scope: Option<Vec<String>>,
    pub scope_only: bool,
}

impl Default for Config {
    /// The preset's `DEFAULT_COMMIT_TYPES` and URL formats.
    fn default() -> Config {
        let entry = |kind: &str, section: &str, hidden: bool| TypeEntry {
            kind: kind.to_string(),
            section: Some(section.to_string()),
            hidden,
            scope: None,
        };
        Config {
            types: vec![
                entry("feat", "Features", false),
                entry("feature", "Features", false),
                entry("fix", "Bug Fixes", false),
                entry("perf", "Performance Improvements", false),
                entry("revert", "Reverts", false),
                entry("docs", "Documentation", true),
                entry("style", "Styles", true),
                entry("chore", "Miscellaneous Chores", true),
                entry("refactor", "Code Refactoring", true),
                entry("test", "Tests", true),
                entry("build", "Build System", true),
                entry("ci", "Continuous Integration", true),
            ],
            issue_prefixes: vec!["#".to_string()],
            issue_url_format: "{{host}}/{{owner}}/{{repository}}/issues/{{id}}".to_string(),
            commit_url_format: "{{host}}/{{owner}}/{{repository}}/commit/{{hash}}".to_string(),
            compare_url_format:
                "{{host}}/{{owner}}/{{repository}}/compare/{{previousTag}}...{{currentTag}}"
                    .to_string(),
            user_url_format: "{{host}}/{{user}}".to_string(),
            scope: None,
            scope_only: false,
        }
    }
}

impl Config {
    /// The entry of `types` a commit falls under (`findTypeEntry`).
    pub fn entry(&self, commit: &Commit) -> Option<&TypeEntry> {
        let key = if commit.revert {
            "revert".to_string()
        } else {
            commit.kind.clone().unwrap_or_default().to_lowercase()
        };
        self.types.iter().find(|entry| {
            entry.kind == key
                && entry
                    .scope
                    .as_ref()
                    .is_none_or(|scope| Some(scope) == commit.scope.as_ref())
        })
    }

    /// `matchScope`: whether the commit's scope is one the configuration keeps.
    fn keeps_scope(&self, commit: &Commit) -> bool {
        let Some(targets) = &self.scope else {
            return true;
        };
        let includes = commit
            .scope
            .as_deref()
            .is_some_and(|scope| scope.split(',').any(|s| targets.iter().any(|t| t == s)));
        includes || (!self.scope_only && commit.scope.is_none())
    }
}

struct Entry<'a> {
    commit: &'a Commit,
    section: String,
    scope: String,
    subject: Option<String>,
    references: Vec<&'a Reference>,
}

/// Renders the notes for `commits` (the range after revert filtering, newest first).
pub fn render(commits: &[Commit], context: &Context, config: &Config) -> String {
    let issue = issue_pattern(&config.issue_prefixes);
    let entries: Vec<Entry> = commits
        .iter()
        .filter_map(|commit| transform(commit, context, config, issue.as_ref()))
        .collect();
    let mut out = heading(context, config);
    out.push('\n');
    let notes: Vec<String> = entries
        .iter()
        .flat_map(|entry| {
            entry.commit.notes.iter().map(move |text| {
                let scope = if entry.scope.is_empty() {
                    String::new()
                } else {
                    format!("**{}:** ", entry.scope)
                };
                format!("* {scope}{text}\n")
            })
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("\n### ⚠ BREAKING CHANGES\n\n");
        out.push_str(&notes.concat());
    }
    let order: Vec<&str> = config
        .types
        .iter()
        .filter_map(|t| t.section.as_deref())
        .filter(|s| !s.is_empty())
        .collect();
    let rank = |title: &str| {
        order
            .iter()
            .position(|s| *s == title)
            .map_or(-1, |i| i as i64)
    };
    let mut groups = group_by(entries, |e| e.section.clone());
    groups.sort_by_key(|(title, _)| rank(title));
    for (title, mut members) in groups {
        sort_by_scope_and_subject(
            &mut members,
            |e| &e.scope,
            |e| e.subject.as_deref().unwrap_or(""),
        );
        out.push('\n');
        if !title.is_empty() {
            out.push_str(&format!("### {title}\n\n"));
        }
        for entry in &members {
            out.push_str(&line(entry, context, config));
            out.push('\n');
        }
    }
    let mut text = out.trim().to_string();
    text.push('\n');
    text
}

/// Whether the notes list the commit: the preset's `transform` keeps a commit with a note or
/// a `Release-As:`, or of a type `types` shows, when its scope is one the configuration
/// keeps.
pub fn is_listed(commit: &Commit, config: &Config) -> bool {
    let discard = !commit.release_as && commit.notes.is_empty();
    let shown = config.entry(commit).is_some_and(|e| !e.hidden);
    (!discard || shown) && config.keeps_scope(commit)
}

fn heading(context: &Context, config: &Config) -> String {
    let title = match (&context.previous_tag, &context.current_tag) {
        (Some(previous), Some(current)) if context.link_compare => {
            let url = expand(
                &config.compare_url_format,
                &[
                    ("host", context.host.as_deref().unwrap_or("")),
                    ("owner", context.owner.as_deref().unwrap_or("")),
                    ("repository", context.repository.as_deref().unwrap_or("")),
                    ("previousTag", previous),
                    ("currentTag", current),
                ],
            );
            format!("[{}]({url})", context.version)
        }
        _ => context.version.clone(),
    };
    format!("## {title} ({})", context.date)
}

/// The pattern of issue references for `prefixes`, compiled once per process for each
/// configuration (`transform` runs once per commit).
fn issue_pattern(prefixes: &[String]) -> Option<Regex> {
    static COMPILED: std::sync::Mutex<Vec<(Vec<String>, Option<Regex>)>> =
        std::sync::Mutex::new(Vec::new());
    let mut compiled = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, pattern)) = compiled.iter().find(|(p, _)| p == prefixes) {
        return pattern.clone();
    }
    let source = format!("({})([a-z0-9]+)", prefixes.join("|"));
    let pattern = crate::tools::node::jsregex::compile(&source, false).ok();
    compiled.push((prefixes.to_vec(), pattern.clone()));
    pattern
}

/// Whether the parsed footer or body (each searched on its own) holds the `Release-As:`
/// line the preset's `transform` keeps a commit for.
pub fn forces_release(footer: Option<&str>, body: Option<&str>) -> bool {
    static RELEASE_AS: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let release_as = RELEASE_AS.get_or_init(|| {
        Regex::new(r"(?i)release-as:\s*[0-9A-Za-z_]*@?([0-9]+\.[0-9]+\.[0-9a-z]+(-[0-9a-z.]+)?)\s*")
            .expect("a valid pattern")
    });
    [footer, body]
        .into_iter()
        .flatten()
        .any(|text| release_as.is_match(text))
}

/// The preset's `transform`, with `issue` the pattern of `config`'s issue prefixes.
fn transform<'a>(
    commit: &'a Commit,
    context: &Context,
    config: &Config,
    issue: Option<&Regex>,
) -> Option<Entry<'a>> {
    if !is_listed(commit, config) {
        return None;
    }
    let entry = config.entry(commit);
    let section = match entry {
        Some(entry) => entry.section.clone().unwrap_or_default(),
        None => commit.kind.clone().unwrap_or_default(),
    };
    let scope = match commit.scope.as_deref() {
        Some("*") | None => String::new(),
        Some(_) if config.scope.is_some() => String::new(),
        Some(scope) => scope.to_string(),
    };
    let mut issues: Vec<String> = Vec::new();
    let subject = commit.subject.as_ref().map(|subject| {
        let host = context.host.as_deref().unwrap_or("");
        let owner = context.owner.as_deref().unwrap_or("");
        let repository = context.repository.as_deref().unwrap_or("");
        let mut subject = subject.clone();
        if let Some(issue) = issue {
            // Where the next match can start at the earliest: a search from `at` finds the
            // leftmost match at or after it, the same one any later search before it would,
            // so the subject is searched once per match rather than once per character.
            let mut next_start = 0;
            subject = replace_all(&subject, |text, at| {
                if at < next_start {
                    return None;
                }
                let Some(captures) = issue.captures_at(text, at) else {
                    next_start = usize::MAX;
                    return None;
                };
                let whole = captures.get(0)?;
                if whole.start() != at {
                    next_start = whole.start();
                    return None;
                }
                let prefix = &captures[1];
                let id = &captures[2];
                issues.push(format!("{prefix}{id}"));
                let url = expand(
                    &config.issue_url_format,
                    &[
                        ("host", host),
                        ("owner", owner),
                        ("repository", repository),
                        ("id", id),
                        ("prefix", prefix),
                    ],
                );
                Some((whole.len(), format!("[{prefix}{id}]({url})")))
            });
        }
        link_users(&subject, |user| {
            expand(
                &config.user_url_format,
                &[
                    ("host", host),
                    ("owner", owner),
                    ("repository", repository),
                    ("user", user),
                ],
            )
        })
    });
    let references = commit
        .references
        .iter()
        .filter(|r| !issues.contains(&format!("{}{}", r.prefix, r.issue)))
        .collect();
    Some(Entry {
        commit,
        section,
        scope,
        subject,
        references,
    })
}

fn line(entry: &Entry, context: &Context, config: &Config) -> String {
    let commit = entry.commit;
    let host = context.host.as_deref().unwrap_or("");
    let owner = context.owner.as_deref().unwrap_or("");
    let repository = context.repository.as_deref().unwrap_or("");
    let mut out = String::from("*");
    if !entry.scope.is_empty() {
        out.push_str(&format!(" **{}:**", entry.scope));
    }
    out.push(' ');
    match entry.subject.as_deref().filter(|s| !s.is_empty()) {
        Some(subject) => out.push_str(subject),
        None => out.push_str(commit.header.as_deref().unwrap_or("")),
    }
    if !commit.hash.is_empty() {
        let short = short(&commit.hash);
        if context.link_references {
            let url = expand(
                &config.commit_url_format,
                &[
                    ("host", host),
                    ("owner", owner),
                    ("repository", repository),
                    ("hash", &commit.hash),
                ],
            );
            out.push_str(&format!(" ([{short}]({url}))"));
        } else {
            out.push_str(&format!(" {short}"));
        }
    }
    if !entry.references.is_empty() {
        out.push_str(", closes");
        for reference in &entry.references {
            let ref_owner = reference.owner.as_deref().filter(|o| !o.is_empty());
            let ref_repository = reference.repository.as_deref().filter(|r| !r.is_empty());
            let shown = format!(
                "{}{}{}{}",
                ref_owner.map(|o| format!("{o}/")).unwrap_or_default(),
                ref_repository.unwrap_or(""),
                reference.prefix,
                reference.issue
            );
            if context.link_references {
                let url = expand(
                    &config.issue_url_format,
                    &[
                        ("host", host),
                        ("owner", ref_owner.unwrap_or(owner)),
                        ("repository", ref_repository.unwrap_or(repository)),
                        ("id", &reference.issue),
                        ("prefix", &reference.prefix),
                    ],
                );
                out.push_str(&format!(" [{shown}]({url})"));
            } else {
                out.push_str(&format!(" {shown}"));
            }
        }
    }
    out
}

/// Fills `{{name}}` placeholders; unknown ones render empty, as Handlebars does.
fn expand(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end]
            .trim()
            .trim_start_matches('~')
            .trim_end_matches('~');
        if let Some((_, value)) = values.iter().find(|(key, _)| *key == name) {
            out.push_str(value);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}
