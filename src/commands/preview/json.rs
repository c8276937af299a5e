//! The JSON preview (`"schema": 1`), for CI steps and tools; documented in the README.

use serde::Serialize;

use crate::app::gather::Gathered;
use crate::model::Forecast;
use crate::model::message::Kind;
use crate::model::{Bump, Reading, Reason};

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    engine: &'a str,
    engine_source: &'a str,
    components: Vec<Component<'a>>,
    /// herald.toml's own rules' answer, when they hold rules CI's tool does not see.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    herald_rules: Vec<Component<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Component<'a> {
    name: &'a str,
    current_version: Option<String>,
    current_tag: Option<&'a str>,
    next_version: Option<String>,
    next_tag: Option<&'a str>,
    bump: Bump,
    release: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_release_reason: Option<&'a str>,
    reasons: &'a [Reason],
    commits: Vec<CommitEntry<'a>>,
    labels: &'a [String],
    changelog: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a [Reading]>,
}

#[derive(Serialize)]
struct CommitEntry<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: Option<String>,
    scope: Option<&'a str>,
    breaking: bool,
    description: &'a str,
    conventional: bool,
}

pub fn render(gathered: &Gathered, explain: bool) -> String {
    let report = Report {
        schema: 1,
        engine: gathered.tool.name(),
        engine_source: &gathered.engine_source,
        components: gathered
            .forecasts
            .iter()
            .map(|f| component(f, explain))
            .collect(),
        herald_rules: gathered
            .herald_rules
            .iter()
            .map(|f| component(f, false))
            .collect(),
        warnings: &gathered.warnings,
    };
    serde_json::to_string_pretty(&report).expect("the report serialises")
}

fn component(forecast: &Forecast, explain: bool) -> Component<'_> {
    Component {
        name: &forecast.name,
        current_version: forecast.current_text(),
        current_tag: forecast.current_tag.as_ref().map(|t| t.name.as_str()),
        next_version: forecast.next_text(),
        next_tag: forecast.next_tag.as_deref(),
        bump: forecast.bump(),
        release: forecast.next.is_some(),
        no_release_reason: forecast.no_release.as_deref(),
        reasons: &forecast.decision.reasons,
        commits: forecast
            .changes
            .iter()
            .map(|change| {
                let commit = &change.message;
                CommitEntry {
                    id: &change.id,
                    kind: commit.kind_lowercase(),
                    scope: commit.header.as_ref().and_then(|h| h.scope.as_deref()),
                    breaking: commit.is_breaking(),
                    description: commit
                        .header
                        .as_ref()
                        .map_or(commit.header_line(), |h| h.description.as_str()),
                    conventional: commit.kind == Kind::Conventional,
                }
            })
            .collect(),
        labels: &forecast.labels,
        changelog: &forecast.notes,
        explain: explain.then_some(forecast.decision.readings.as_slice()),
    }
}
