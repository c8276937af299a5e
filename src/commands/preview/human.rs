//! The human-readable preview: current → next, the reasons, the counts, the changelog.

use crate::app::forecast::tally;
use crate::app::gather::Gathered;
use crate::commands::Context;
use crate::model::Forecast;
use crate::model::{Reason, ReasonKind};
use crate::ui::Palette;

/// How many commits a reason group lists before summarising the rest.
const SHOWN_PER_GROUP: usize = 3;

pub fn print(gathered: &Gathered, explain: bool, ctx: &Context) {
    let palette = Palette::new(ctx.colors.stdout);
    let mut out = String::new();
    if !ctx.quiet {
        out.push_str(&palette.dim(&format!(
            "engine: {} (from {})\n",
            gathered.tool.name(),
            gathered.engine_source
        )));
    }
    for forecast in &gathered.forecasts {
        out.push_str(&summary(forecast, &palette));
        if explain {
            out.push_str(&explanation(forecast, &palette));
        }
    }
    if !gathered.herald_rules.is_empty() {
        out.push_str(&palette.dim("by herald.toml's own rules (CI does not run them):\n"));
        for forecast in &gathered.herald_rules {
            out.push_str(&summary(forecast, &palette));
        }
    }
    let several = gathered
        .forecasts
        .iter()
        .filter(|f| !f.notes.is_empty())
        .count()
        > 1;
    for forecast in gathered.forecasts.iter().filter(|f| !f.notes.is_empty()) {
        out.push('\n');
        if several {
            out.push_str(&palette.dim(&format!("── {} ──\n", forecast.name)));
        }
        out.push_str(&forecast.notes);
        if !forecast.notes.ends_with('\n') {
            out.push('\n');
        }
    }
    if gathered.forecasts.is_empty() {
        for note in &gathered.notes {
            out.push_str(&format!("{note}\n"));
        }
    }
    print!("{out}");
    for warning in &gathered.warnings {
        eprintln!(
            "{} {warning}",
            Palette::new(ctx.colors.stderr).warn("warning:")
        );
    }
}

pub(crate) fn summary(forecast: &Forecast, palette: &Palette) -> String {
    let current = forecast.current_text();
    let mut out = match (&forecast.next_text(), &current) {
        (Some(next), Some(current)) => format!(
            "{} {current} → {} ({})\n",
            palette.bold(&forecast.name),
            palette.good(next),
            forecast.bump().name()
        ),
        (Some(next), None) => format!(
            "{} first release → {} ({})\n",
            palette.bold(&forecast.name),
            palette.good(next),
            forecast.bump().name()
        ),
        (None, current) => format!(
            "{} {}: no release ({})\n",
            palette.bold(&forecast.name),
            current.as_deref().unwrap_or("unreleased"),
            forecast
                .no_release
                .as_deref()
                .unwrap_or("nothing to release")
        ),
    };
    if forecast.next.is_some() {
        out.push_str("  reasons:\n");
        out.push_str(&reasons(&forecast.decision.reasons));
    }
    if !forecast.changes.is_empty() {
        // A recorded version with no tag has no "since": every commit counts.
        let since = match (&forecast.current_tag, &current) {
            (Some(tag), _) => format!("since {}", tag.name),
            (None, Some(version)) => format!("(no tag for {version}: every commit counts)"),
            (None, None) => "in the history".to_string(),
        };
        out.push_str(&format!("  commits {since}: {}\n", counts(forecast)));
    }
    if !forecast.labels.is_empty() {
        out.push_str(&format!("  labels: {}\n", forecast.labels.join(", ")));
    }
    out
}

/// Reasons grouped by bump and cause, a few commits each.
fn reasons(reasons: &[Reason]) -> String {
    let mut out = String::new();
    let mut groups: Vec<(String, Vec<&Reason>)> = Vec::new();
    for reason in reasons {
        let key = format!("{:<5}  {}", reason.bump.name(), cause(reason));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(reason),
            None => groups.push((key, vec![reason])),
        }
    }
    let width = groups
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (key, members) in groups {
        let key = format!("{key:<width$}");
        let indent = " ".repeat(width + 6);
        for (n, reason) in members.iter().take(SHOWN_PER_GROUP).enumerate() {
            let lead = if n == 0 {
                format!("    {key}  ")
            } else {
                indent.clone()
            };
            out.push_str(&format!("{lead}{}\n", detail(reason)));
        }
        if members.len() > SHOWN_PER_GROUP {
            out.push_str(&format!(
                "{indent}… and {} more\n",
                members.len() - SHOWN_PER_GROUP
            ));
        }
    }
    out
}

fn cause(reason: &Reason) -> String {
    match reason.kind {
        ReasonKind::Breaking => "breaking".to_string(),
        ReasonKind::Type => reason.kind_of_change.clone().unwrap_or_default(),
        ReasonKind::Revert => "revert".to_string(),
        ReasonKind::PathRule => format!("rule \"{}\"", reason.rule.as_deref().unwrap_or("")),
        ReasonKind::ReleaseAs => "release-as".to_string(),
        ReasonKind::AnyCommit => "any commit".to_string(),
        ReasonKind::Package => format!("package \"{}\"", reason.rule.as_deref().unwrap_or("")),
    }
}

fn detail(reason: &Reason) -> String {
    if reason.kind == ReasonKind::PathRule {
        let shown: Vec<&str> = reason.paths.iter().take(3).map(String::as_str).collect();
        let more = reason.paths.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let by = match (&reason.commit, &reason.summary) {
            (Some(id), Some(summary)) => format!(" ({} {summary})", &id[..id.len().min(7)]),
            _ => String::new(),
        };
        return format!("{}{more}{by}", shown.join(", "));
    }
    if reason.kind == ReasonKind::Package {
        return reason.summary.clone().unwrap_or_default();
    }
    let id = reason
        .commit
        .as_deref()
        .map_or("", |id| &id[..id.len().min(7)]);
    format!("{id} {}", reason.summary.as_deref().unwrap_or(""))
}

/// `14 (5 feat, 4 fix, 1 breaking, 2 not conventional)`.
fn counts(forecast: &Forecast) -> String {
    let tally = tally(&forecast.changes, &forecast.decision);
    let mut parts: Vec<String> = tally
        .by_type
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    if tally.breaking > 0 {
        parts.push(format!("{} breaking", tally.breaking));
    }
    if tally.merges > 0 {
        parts.push(format!("{} merge", tally.merges));
    }
    if tally.other > 0 {
        parts.push(format!("{} not conventional", tally.other));
    }
    format!("{} ({})", forecast.changes.len(), parts.join(", "))
}

/// One line per commit: id, bump, the engine's reading and why.
fn explanation(forecast: &Forecast, palette: &Palette) -> String {
    let mut out = String::from("  commits:\n");
    let width = forecast
        .decision
        .readings
        .iter()
        .map(|r| r.parsed.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for (reading, change) in forecast.decision.readings.iter().zip(&forecast.changes) {
        out.push_str(&format!(
            "    {}  {:<5}  {:<width$}  {}  {}\n",
            change.short_id(),
            reading.bump.name(),
            reading.parsed,
            reading.because,
            palette.dim(&format!("« {} »", change.message.header_line())),
        ));
    }
    out
}
