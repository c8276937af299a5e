//! The angular preset's release notes (conventional-changelog-angular 8.3.1 through
//! conventional-changelog-writer 8.4.0), as semantic-release's release-notes-generator
//! renders them, byte for byte.
//!
//! `#` heads a major or minor release and `##` a patch, with a compare link when there is a
//! previous release; two blank lines open each section. Only `feat`, `fix`, `perf` and
//! reverts are listed, plus any commit carrying a `BREAKING CHANGE` note, under its own type
//! (`### chore`), or untitled, first, when its header did not parse. Sections sort by title
//! with `localeCompare` (`Bug Fixes`, `chore`, `Features`); entries by scope + subject.
//! `#N` in a subject is linked and the references elsewhere in the message follow as
//! `, closes …`; `BREAKING CHANGES` comes last, newest first. The text ends with one `\n`.

use super::writer::{
    Commit, Context, group_by, link_users, replace_all, short, sort_by_scope_and_subject,
};
use crate::tools::node::collate::locale_compare;

/// A commit after the angular transform.
#[derive(Debug, Clone)]
struct Entry<'a> {
    commit: &'a Commit,
    section: String,
    scope: String,
    subject: Option<String>,
    references: Vec<&'a super::writer::Reference>,
}

/// Renders the notes for `commits` (the range after revert filtering, newest first).
pub fn render(commits: &[Commit], context: &Context) -> String {
    let entries: Vec<Entry> = commits
        .iter()
        .filter_map(|commit| transform(commit, context))
        .collect();
    let mut out = heading(context);
    out.push('\n');
    let mut notes: Vec<String> = Vec::new();
    for entry in &entries {
        for text in &entry.commit.notes {
            let scope = if entry.scope.is_empty() {
                String::new()
            } else {
                format!("**{}:** ", entry.scope)
            };
            notes.push(format!("* {scope}{text}\n"));
        }
    }
    let mut groups = group_by(entries, |e| e.section.clone());
    groups.sort_by(|(a, _), (b, _)| locale_compare(a, b));
    for (title, mut members) in groups {
        sort_by_scope_and_subject(
            &mut members,
            |e| &e.scope,
            |e| e.subject.as_deref().unwrap_or(""),
        );
        out.push_str("\n\n");
        if !title.is_empty() {
            out.push_str(&format!("### {title}\n\n"));
        }
        for entry in &members {
            out.push_str(&line(entry, context));
            out.push('\n');
        }
    }
    if !notes.is_empty() {
        out.push_str("\n\n### BREAKING CHANGES\n\n");
        out.push_str(&notes.concat());
    }
    let mut text = out.trim().to_string();
    text.push('\n');
    text
}

/// Whether the notes list the commit: the transform keeps `feat`, `fix`, `perf`, reverts,
/// and any commit with a note.
pub fn is_listed(commit: &Commit) -> bool {
    let kind = commit.kind.as_deref();
    matches!(kind, Some("feat" | "fix" | "perf" | "revert"))
        || commit.revert
        || !commit.notes.is_empty()
}

/// `# [1.5.0](…/compare/v1.4.2...v1.5.0) (2026-01-01)`.
fn heading(context: &Context) -> String {
    let patch = semver::Version::parse(&context.version).is_ok_and(|v| v.patch != 0);
    let level = if patch { "##" } else { "#" };
    let title = match (&context.previous_tag, &context.current_tag) {
        (Some(previous), Some(current)) if context.link_compare => format!(
            "[{}]({}/compare/{previous}...{current})",
            context.version,
            link_base(context)
        ),
        _ => context.version.clone(),
    };
    format!("{level} {title} ({})", context.date)
}

/// The preset's `transform`: the commit's section, or `None` to leave it out.
fn transform<'a>(commit: &'a Commit, context: &Context) -> Option<Entry<'a>> {
    if !is_listed(commit) {
        return None;
    }
    let kind = commit.kind.as_deref();
    let section = match kind {
        Some("feat") => "Features".to_string(),
        Some("fix") => "Bug Fixes".to_string(),
        Some("perf") => "Performance Improvements".to_string(),
        _ if kind == Some("revert") || commit.revert => "Reverts".to_string(),
        Some("docs") => "Documentation".to_string(),
        Some("style") => "Styles".to_string(),
        Some("refactor") => "Code Refactoring".to_string(),
        Some("test") => "Tests".to_string(),
        Some("build") => "Build System".to_string(),
        Some("ci") => "Continuous Integration".to_string(),
        other => other.unwrap_or("").to_string(),
    };
    let scope = match commit.scope.as_deref() {
        Some("*") | None => String::new(),
        Some(scope) => scope.to_string(),
    };
    let mut issues: Vec<String> = Vec::new();
    let subject = commit.subject.as_ref().map(|subject| {
        let mut subject = subject.clone();
        if context.has_repository() {
            let url = format!("{}/issues/", context.base());
            subject = replace_all(&subject, |text, at| {
                let rest = text[at..].strip_prefix('#')?;
                let digits =
                    rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                (digits > 0).then(|| {
                    let issue = &rest[..digits];
                    issues.push(issue.to_string());
                    (digits + 1, format!("[#{issue}]({url}{issue})"))
                })
            });
        }
        if let Some(host) = context.host.as_deref().filter(|h| !h.is_empty()) {
            subject = link_users(&subject, |name| format!("{host}/{name}"));
        }
        subject
    });
    let references = commit
        .references
        .iter()
        .filter(|r| !issues.contains(&r.issue))
        .collect();
    Some(Entry {
        commit,
        section,
        scope,
        subject,
        references,
    })
}

/// `* **scope:** subject ([abc1234](…/commit/…)), closes [#12](…/issues/12)`.
fn line(entry: &Entry, context: &Context) -> String {
    let commit = entry.commit;
    let mut out = String::from("*");
    if !entry.scope.is_empty() {
        out.push_str(&format!(" **{}:**", entry.scope));
    }
    out.push(' ');
    match entry.subject.as_deref().filter(|s| !s.is_empty()) {
        Some(subject) => out.push_str(subject),
        None => out.push_str(commit.header.as_deref().unwrap_or("")),
    }
    let short = short(&commit.hash);
    if context.link_references {
        out.push_str(&format!(
            " ([{short}]({}/{}/{}))",
            link_base(context),
            context.commit_path,
            commit.hash
        ));
    } else {
        out.push_str(&format!(" {short}"));
    }
    if !entry.references.is_empty() {
        out.push_str(", closes");
        for reference in &entry.references {
            let owner = reference
                .owner
                .as_deref()
                .map(|o| format!("{o}/"))
                .unwrap_or_default();
            let repository = reference.repository.as_deref().unwrap_or("");
            let shown = format!("{owner}{repository}#{}", reference.issue);
            if context.link_references {
                let target = if context.has_repository() {
                    let mut base = String::new();
                    if let Some(host) = context.host.as_deref().filter(|h| !h.is_empty()) {
                        base.push_str(host);
                        base.push('/');
                    }
                    if reference
                        .repository
                        .as_deref()
                        .is_some_and(|r| !r.is_empty())
                    {
                        base.push_str(&owner);
                        base.push_str(repository);
                    } else {
                        if let Some(root_owner) = context.owner.as_deref().filter(|o| !o.is_empty())
                        {
                            base.push_str(root_owner);
                            base.push('/');
                        }
                        base.push_str(context.repository.as_deref().unwrap_or(""));
                    }
                    base
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    " [{shown}]({target}/{}/{})",
                    context.issue_path, reference.issue
                ));
            } else {
                out.push_str(&format!(" {shown}"));
            }
        }
    }
    out
}

/// The repository's base URL for commit links (`host/owner/repository`).
fn link_base(context: &Context) -> String {
    if context.has_repository() {
        context.base()
    } else {
        String::new()
    }
}
