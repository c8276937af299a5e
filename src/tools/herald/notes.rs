//! herald's own layout: a heading with version, compare link and date; breaking changes
//! first; then a section per configured type, in the configured order; `**scope:**`
//! prefixes, short commit ids linked to the forge, issue references linked.

use std::borrow::Cow;

use crate::config::ChangelogSection;
use crate::model::Change;
use crate::model::notes::{Release, footer_issues, link_issues};

/// Renders one release's notes, ending with a newline.
pub fn render(release: &Release, sections: &[ChangelogSection]) -> String {
    let mut out = heading(release);
    let noted: Vec<&Change> = release.noted_oldest_first().collect();
    let breaking: Vec<String> = noted
        .iter()
        .filter(|c| c.message.is_breaking())
        .flat_map(|c| {
            c.message
                .breaking_notes()
                .into_iter()
                .map(|note| bullet(c, note, release))
                .collect::<Vec<_>>()
        })
        .collect();
    if !breaking.is_empty() {
        out.push_str("\n### ⚠ Breaking changes\n\n");
        out.push_str(&breaking.join("\n"));
        out.push('\n');
    }
    for section in sections {
        let mut entries: Vec<&Change> = noted
            .iter()
            .copied()
            .filter(|c| type_of(c) == section.kind)
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_cached_key(|c| c.message.scope().map(str::to_lowercase));
        out.push_str(&format!("\n### {}\n\n", section.title));
        for change in entries {
            let text = change.message.description_or_header();
            out.push_str(&bullet(change, text, release));
            out.push('\n');
        }
    }
    out
}

fn heading(release: &Release) -> String {
    let version = release.version.to_string();
    let title = match (release.forge, release.previous_tag) {
        (Some(forge), Some(previous)) => {
            format!("[{version}]({})", forge.compare(previous, release.tag))
        }
        _ => version,
    };
    format!("## {title} ({})\n", release.date)
}

/// `* **scope:** text ([abc1234](link)), closes [#12](link)`, continuation lines indented.
fn bullet(change: &Change, text: &str, release: &Release) -> String {
    let forge = release.forge;
    let scope = change
        .message
        .scope()
        .map(|s| format!("**{s}:** "))
        .unwrap_or_default();
    let mut lines = text.lines();
    let first = link_issues(lines.next().unwrap_or(""), forge);
    let id = change.short_id();
    let commit = match forge {
        Some(forge) => format!("[{id}]({})", forge.commit(&change.id)),
        None => id.to_string(),
    };
    let mut line = format!("* {scope}{first} ({commit})");
    for issue in footer_issues(change) {
        let number = match forge {
            Some(forge) => format!("[#{}]({})", issue.number, forge.issue(&issue.number)),
            None => format!("#{}", issue.number),
        };
        line.push_str(&format!(", {} {number}", issue.action));
    }
    for more in lines {
        line.push('\n');
        if !more.is_empty() {
            line.push_str("  ");
            line.push_str(&link_issues(more, forge));
        }
    }
    line
}

fn type_of(change: &Change) -> Cow<'_, str> {
    match &change.message.kind {
        crate::model::message::Kind::Revert => Cow::Borrowed("revert"),
        _ => change.message.kind_lowercase().unwrap_or_default(),
    }
}
