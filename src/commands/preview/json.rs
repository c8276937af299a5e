//! The JSON preview (`"schema": 1`), for CI steps and tools; documented in the README.

use std::borrow::Cow;

use serde::Serialize;

use crate::app::delta::{AddedLine, ComponentDelta, Delta};
use crate::app::gather::Gathered;
use crate::error::Error;
use crate::model::message::Kind;
use crate::model::{Bump, Reading, Reason};
use crate::model::{Forecast, Warning};

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    engine: &'a str,
    engine_source: &'a str,
    components: Vec<Component<'a>>,
    /// herald.toml's own rules' answer, when they hold rules CI's tool does not see.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    herald_rules: Vec<Component<'a>>,
    warnings: Vec<&'a str>,
    /// The warnings that say herald does not reproduce the tool here.
    not_reproduced: Vec<&'a str>,
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
    kind: Option<Cow<'a, str>>,
    scope: Option<&'a str>,
    breaking: bool,
    description: &'a str,
    conventional: bool,
}

/// Writes the report to standard output as it is serialised: for 100,000 commits it is
/// tens of megabytes, which need not be held in memory first.
pub fn print(gathered: &Gathered, explain: bool) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &report(gathered, explain))
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
        .map_err(|e| Error::Write(format!("cannot write the report: {e}")))
}

fn report(gathered: &Gathered, explain: bool) -> Report<'_> {
    Report {
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
        warnings: texts(&gathered.warnings, |_| true),
        not_reproduced: texts(&gathered.warnings, Warning::is_not_reproduced),
    }
}

/// The text of each warning `keep` chooses.
fn texts(warnings: &[Warning], keep: impl Fn(&Warning) -> bool) -> Vec<&str> {
    warnings
        .iter()
        .filter(|w| keep(w))
        .map(|w| w.text.as_str())
        .collect()
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
                    scope: commit.scope(),
                    breaking: commit.is_breaking(),
                    description: commit.description_or_header(),
                    conventional: commit.kind == Kind::Conventional,
                }
            })
            .collect(),
        labels: &forecast.labels,
        changelog: &forecast.notes,
        explain: explain.then_some(forecast.decision.readings.as_slice()),
    }
}

/// `preview --against`: the release with the branch merged (`components`, as `preview`
/// shows it) and the `delta` against the base.
pub fn render_delta(delta: &Delta) -> String {
    let single = match &delta.components[..] {
        [only] => Some(only),
        _ => None,
    };
    let report = DeltaReport {
        schema: 1,
        engine: delta.merged.tool.name(),
        engine_source: &delta.merged.engine_source,
        delta: DeltaEntry {
            base: &delta.base,
            base_commit: &delta.base_commit,
            head_commit: &delta.head_commit,
            merge_base: &delta.merge_base,
            ahead: delta.ahead,
            behind: delta.behind,
            merge: if delta.squash.is_some() {
                "squash"
            } else {
                "merge"
            },
            squash_title: delta.squash.as_ref().map(|s| s.message.title.as_str()),
            changed: delta.changed(),
            base_version: single.and_then(|c| c.on_base.next_text()),
            next_version: single.and_then(|c| delta.with_branch(c).next_text()),
            changed_by: delta
                .components
                .iter()
                .flat_map(|c| changed_by(delta, c))
                .collect(),
            commits: delta
                .commits
                .iter()
                .map(|c| BranchCommitEntry {
                    id: &c.id,
                    summary: &c.header,
                    counted: c.counted,
                    raises: c.raises,
                })
                .collect(),
            changelog_added: delta
                .components
                .iter()
                .flat_map(|c| &c.added_lines)
                .collect(),
            labels: delta.labels(),
            summary: delta
                .components
                .iter()
                .map(|c| super::delta::summary(delta, c))
                .collect(),
            components: delta
                .components
                .iter()
                .map(|c| {
                    let with = delta.with_branch(c);
                    ComponentDeltaEntry {
                        name: &c.name,
                        base_version: c.on_base.next_text(),
                        base_bump: c.on_base.bump(),
                        next_version: with.next_text(),
                        next_tag: with.next_tag.as_deref(),
                        bump: with.bump(),
                        changed: c.changed,
                        changed_by: changed_by(delta, c),
                        changelog_added: &c.added_lines,
                        labels: &c.labels,
                    }
                })
                .collect(),
        },
        components: delta
            .components
            .iter()
            .map(|c| component(delta.with_branch(c), false))
            .collect(),
        warnings: texts(&delta.merged.warnings, |_| true),
        not_reproduced: texts(&delta.merged.warnings, Warning::is_not_reproduced),
    };
    serde_json::to_string_pretty(&report).expect("the report serialises")
}

fn changed_by<'a>(delta: &Delta, component: &'a ComponentDelta) -> Vec<ChangedBy<'a>> {
    component
        .changed_by
        .iter()
        .map(|reason| ChangedBy {
            squash: reason
                .commit
                .as_deref()
                .is_some_and(|id| delta.is_squash(id)),
            reason,
        })
        .collect()
}

#[derive(Serialize)]
struct DeltaReport<'a> {
    schema: u32,
    engine: &'a str,
    engine_source: &'a str,
    delta: DeltaEntry<'a>,
    components: Vec<Component<'a>>,
    warnings: Vec<&'a str>,
    not_reproduced: Vec<&'a str>,
}

#[derive(Serialize)]
struct DeltaEntry<'a> {
    base: &'a str,
    base_commit: &'a str,
    head_commit: &'a str,
    merge_base: &'a str,
    ahead: usize,
    behind: usize,
    merge: &'static str,
    squash_title: Option<&'a str>,
    changed: bool,
    /// The next release on the base, when the repository has one version (or one
    /// component is asked for).
    base_version: Option<String>,
    next_version: Option<String>,
    changed_by: Vec<ChangedBy<'a>>,
    commits: Vec<BranchCommitEntry<'a>>,
    changelog_added: Vec<&'a AddedLine>,
    labels: Vec<String>,
    summary: Vec<String>,
    components: Vec<ComponentDeltaEntry<'a>>,
}

#[derive(Serialize)]
struct ChangedBy<'a> {
    #[serde(flatten)]
    reason: &'a Reason,
    /// The commit is the squash merge of the branch (its id is the branch's tip until then).
    squash: bool,
}

#[derive(Serialize)]
struct BranchCommitEntry<'a> {
    id: &'a str,
    summary: &'a str,
    counted: bool,
    raises: bool,
}

#[derive(Serialize)]
struct ComponentDeltaEntry<'a> {
    name: &'a str,
    base_version: Option<String>,
    base_bump: Bump,
    next_version: Option<String>,
    next_tag: Option<&'a str>,
    bump: Bump,
    changed: bool,
    changed_by: Vec<ChangedBy<'a>>,
    changelog_added: &'a [AddedLine],
    labels: &'a [String],
}
