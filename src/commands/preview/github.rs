//! `--github-output`: the figures as GitHub Actions step outputs.
//!
//! Keys: `version`, `previous_version`, `previous_tag`, `tag`, `semver`
//! (major|minor|patch|none), `reason`, `release` (true|false) and a multi-line `changelog`.
//! With several components, each key is prefixed `<component>--`, and `release` says
//! whether any releases. With `--against`, also `base_version`, `delta_changed`,
//! `delta_summary`, `labels` and `labels_managed`.

use std::io::Write;

use crate::app::delta::Delta;
use crate::app::gather::Gathered;
use crate::error::{Error, Result};
use crate::model::Forecast;
use crate::model::ReasonKind;

pub fn append(gathered: &Gathered, file: &str) -> Result<()> {
    write(file, &forecasts_text(gathered))
}

/// The release with the branch merged, and what the branch changes.
pub fn append_delta(delta: &Delta, file: &str) -> Result<()> {
    let mut text = forecasts_text(&delta.merged);
    let single = delta.components.len() == 1;
    for component in &delta.components {
        let prefix = if single {
            String::new()
        } else {
            format!("{}--", component.name)
        };
        let base_version = component.on_base.next_text().unwrap_or_default();
        text.push_str(&entry(&format!("{prefix}base_version"), &base_version));
        if !single {
            text.push_str(&entry(
                &format!("{prefix}delta_changed"),
                &component.changed.to_string(),
            ));
        }
    }
    text.push_str(&entry("delta_changed", &delta.changed().to_string()));
    let summary: Vec<String> = delta
        .components
        .iter()
        .map(|c| super::delta::summary(delta, c))
        .collect();
    text.push_str(&entry("delta_summary", &summary.join("\n")));
    text.push_str(&entry("labels", &delta.labels().join(",")));
    text.push_str(&entry("labels_managed", &delta.managed_labels.join(",")));
    write(file, &text)
}

fn forecasts_text(gathered: &Gathered) -> String {
    let mut text = String::new();
    let single = gathered.forecasts.len() == 1;
    for forecast in &gathered.forecasts {
        let prefix = if single {
            String::new()
        } else {
            format!("{}--", forecast.name)
        };
        for (key, value) in outputs(forecast) {
            text.push_str(&entry(&format!("{prefix}{key}"), &value));
        }
    }
    if !single {
        let any = gathered.forecasts.iter().any(|f| f.next.is_some());
        text.push_str(&entry("release", &any.to_string()));
    }
    text
}

/// Appends to FILE, or to $GITHUB_OUTPUT when FILE is empty (`--github-output` alone).
fn write(file: &str, text: &str) -> Result<()> {
    let path = if file.is_empty() {
        match std::env::var_os("GITHUB_OUTPUT") {
            Some(path) if !path.is_empty() => std::path::PathBuf::from(path),
            _ => {
                return Err(Error::Input(
                    "--github-output without FILE needs $GITHUB_OUTPUT (set by GitHub Actions)"
                        .into(),
                ));
            }
        }
    } else {
        std::path::PathBuf::from(file)
    };
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| Error::Input(format!("cannot open {}: {e}", path.display())))?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::Input(format!("cannot write {}: {e}", path.display())))
}

fn outputs(forecast: &Forecast) -> Vec<(&'static str, String)> {
    vec![
        ("version", forecast.next_text().unwrap_or_default()),
        (
            "previous_version",
            forecast.current_text().unwrap_or_default(),
        ),
        (
            "previous_tag",
            forecast
                .current_tag
                .as_ref()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        ),
        ("tag", forecast.next_tag.clone().unwrap_or_default()),
        ("semver", forecast.bump().name().to_string()),
        ("reason", reason(forecast)),
        ("release", forecast.next.is_some().to_string()),
        ("changelog", forecast.notes.clone()),
    ]
}

/// The strongest reason, in a line.
fn reason(forecast: &Forecast) -> String {
    if forecast.next.is_none() {
        return forecast.no_release.clone().unwrap_or_default();
    }
    let Some(top) = forecast.decision.reasons.first() else {
        return String::new();
    };
    match top.kind {
        ReasonKind::PathRule => format!("rule \"{}\"", top.rule.as_deref().unwrap_or("")),
        _ => top.summary.clone().unwrap_or_default(),
    }
}

/// `key=value`, or the heredoc form with a delimiter the value does not contain.
fn entry(key: &str, value: &str) -> String {
    if !value.contains('\n') && !value.contains('\r') {
        return format!("{key}={value}\n");
    }
    let mut delimiter = format!("HERALD_{}_EOF", key.to_ascii_uppercase().replace('-', "_"));
    let mut n = 0;
    while value.lines().any(|line| line == delimiter) || value.contains(&delimiter) {
        n += 1;
        delimiter = format!(
            "HERALD_{}_EOF_{n}",
            key.to_ascii_uppercase().replace('-', "_")
        );
    }
    let value = value.strip_suffix('\n').unwrap_or(value);
    format!("{key}<<{delimiter}\n{value}\n{delimiter}\n")
}

#[cfg(test)]
mod tests {
    use super::entry;

    #[test]
    fn multi_line_values_get_a_delimiter_they_do_not_contain() {
        assert_eq!(entry("tag", "v1.0.0"), "tag=v1.0.0\n");
        assert_eq!(
            entry("changelog", "a\nb\n"),
            "changelog<<HERALD_CHANGELOG_EOF\na\nb\nHERALD_CHANGELOG_EOF\n"
        );
        let tricky = "x\nHERALD_CHANGELOG_EOF\ny";
        assert_eq!(
            entry("changelog", tricky),
            "changelog<<HERALD_CHANGELOG_EOF_1\nx\nHERALD_CHANGELOG_EOF\ny\nHERALD_CHANGELOG_EOF_1\n"
        );
    }
}
