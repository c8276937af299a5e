//! `preview --against`, for people: the release on the base and with the branch, the
//! branch's commits (those that change the release marked `!`), the changelog lines it
//! adds, and how far behind its base it is.

use crate::app::delta::{ComponentDelta, Delta};
use crate::commands::Context;
use crate::model::{Reason, ReasonKind};
use crate::ui::Palette;

pub fn print(delta: &Delta, ctx: &Context) {
    let palette = Palette::new(ctx.colors.stdout);
    let mut out = String::new();
    if !ctx.quiet {
        out.push_str(&palette.dim(&format!(
            "engine: {} (from {})\n",
            delta.merged.tool.name(),
            delta.merged.engine_source
        )));
        out.push_str(&palette.dim(&format!("{}\n", position(delta))));
    }
    for component in &delta.components {
        let line = summary(delta, component);
        out.push_str(&if component.changed {
            palette.bold(&line)
        } else {
            line
        });
        out.push('\n');
    }
    out.push_str(&commits(delta, &palette));
    out.push_str(&added(delta, &palette));
    let labels = delta.labels();
    if !labels.is_empty() {
        out.push_str(&format!("labels: {}\n", labels.join(", ")));
    }
    if delta.behind > 0 {
        out.push_str(&format!(
            "the branch is {} behind {}: {} part of {}'s release above, not of this branch\n",
            count(delta.behind, "commit"),
            delta.base,
            if delta.behind == 1 {
                "that commit is"
            } else {
                "those commits are"
            },
            delta.base
        ));
    }
    print!("{out}");
    for warning in &delta.merged.warnings {
        eprintln!(
            "{} {warning}",
            Palette::new(ctx.colors.stderr).warn("warning:")
        );
    }
}

/// The changelog lines the branch adds, under their sections (and components).
fn added(delta: &Delta, palette: &Palette) -> String {
    let mut out = String::new();
    for component in delta
        .components
        .iter()
        .filter(|c| !c.added_lines.is_empty())
    {
        if out.is_empty() {
            out.push_str("changelog lines it adds:\n");
        }
        if !component.whole {
            out.push_str(&format!("  {}:\n", component.name));
        }
        let mut section = None;
        for added in &component.added_lines {
            if added.section.is_some() && added.section != section {
                section = added.section.clone();
                let title = section.as_deref().unwrap_or_default();
                out.push_str(&format!("    {}\n", palette.dim(&format!("### {title}"))));
            }
            out.push_str(&format!(
                "    {}\n",
                palette.good(&format!("+ {}", added.line))
            ));
        }
    }
    out
}

/// `against origin/main (1a2b3c4): 3 commits ahead, 1 behind, merge base 9f8e7d6`.
fn position(delta: &Delta) -> String {
    format!(
        "against {} ({}): {} ahead, {} behind, merge base {}",
        delta.base,
        short(&delta.base_commit),
        count(delta.ahead, "commit"),
        delta.behind,
        short(&delta.merge_base)
    )
}

/// One component's line: `next release: 1.5.0 on main → 2.0.0 with this branch (BREAKING
/// in a3f9c1d "feat(api)!: drop v1")`, or `…; no change to the release with this branch`.
pub fn summary(delta: &Delta, component: &ComponentDelta) -> String {
    let label = if component.whole {
        "next release:".to_string()
    } else {
        format!("next release of {}:", component.name)
    };
    let with = delta.with_branch(component);
    let on_base = component
        .on_base
        .next_text()
        .unwrap_or_else(|| "none".to_string());
    if !component.changed {
        return format!(
            "{label} {on_base} on {}; no change to the release with this branch",
            delta.base
        );
    }
    let next = with.next_text().unwrap_or_else(|| "none".to_string());
    let why = match component.changed_by.first() {
        Some(first) => {
            let others = distinct_commits(&component.changed_by) - 1;
            let more = if others > 0 {
                format!(" and {}", count(others, "more commit"))
            } else {
                String::new()
            };
            format!(" ({}{more})", cause(delta, first))
        }
        None => String::new(),
    };
    format!(
        "{label} {on_base} on {} → {next} with this branch{why}",
        delta.base
    )
}

/// What a reason says, naming its commit: `BREAKING in a3f9c1d "feat(api)!: drop v1"`.
fn cause(delta: &Delta, reason: &Reason) -> String {
    let summary = reason.summary.as_deref().unwrap_or("");
    let by = match reason.commit.as_deref() {
        Some(id) if delta.is_squash(id) => format!("the pull request's title \"{summary}\""),
        Some(id) => format!("{} \"{summary}\"", short(id)),
        None => format!("\"{summary}\""),
    };
    let rule = reason.rule.as_deref().unwrap_or("");
    match reason.kind {
        ReasonKind::Breaking => format!("BREAKING in {by}"),
        ReasonKind::Type => format!(
            "{} in {by}",
            reason.kind_of_change.as_deref().unwrap_or("commit")
        ),
        ReasonKind::Revert => format!("revert in {by}"),
        ReasonKind::PathRule => format!("rule \"{rule}\" in {by}"),
        ReasonKind::ReleaseAs => format!("release-as in {by}"),
        ReasonKind::AnyCommit => by,
        ReasonKind::Package => format!("package \"{rule}\""),
    }
}

/// The branch's commits, newest first; with a squash merge, the one commit that counts
/// first.
fn commits(delta: &Delta, palette: &Palette) -> String {
    let mut out = String::new();
    if delta.commits.is_empty() {
        out.push_str(&format!("the branch adds no commits to {}\n", delta.base));
        return out;
    }
    if let Some(squash) = &delta.squash {
        let raises = delta
            .components
            .iter()
            .flat_map(|c| &c.changed_by)
            .any(|r| r.commit.as_deref() == Some(squash.id.as_str()));
        out.push_str(&format!(
            "squash merge: the branch counts as one commit, from {}:\n",
            squash.source
        ));
        out.push_str(&commit_line(
            raises,
            "squash",
            &squash.message.title,
            palette,
        ));
        out.push_str("its commits, not counted:\n");
    } else {
        out.push_str("commits this branch adds:\n");
    }
    for commit in &delta.commits {
        out.push_str(&commit_line(
            commit.raises,
            short(&commit.id),
            &commit.header,
            palette,
        ));
    }
    out
}

fn commit_line(raises: bool, id: &str, header: &str, palette: &Palette) -> String {
    let mark = if raises {
        palette.warn("!")
    } else {
        " ".into()
    };
    format!("  {mark} {id:<7} {header}\n")
}

fn distinct_commits(reasons: &[Reason]) -> usize {
    let mut ids: Vec<&str> = reasons.iter().filter_map(|r| r.commit.as_deref()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len().max(1)
}

fn short(id: &str) -> &str {
    &id[..id.len().min(7)]
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
