//! The forecast for one component (or the whole repository): from its last release and
//! the commits since, through the engine, to the next version, tag, labels and notes.

use semver::Version;

use crate::config::Config;
use crate::model::Tag;
use crate::model::forecast::Tally;
use crate::model::notes::Release;
use crate::model::version::{self, TagFormat};
use crate::model::{Change, Decision, Forecast, Options, Target, Warning};
use crate::tools::Tool;

/// What the forecast needs to know about one component.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub format: TagFormat,
    /// The current version: the last release's, or the one a file records.
    pub current: Option<Version>,
    /// The tag of the current version, when there is one.
    pub last: Option<Tag>,
    /// Every tag of this component's format (pre-releases are counted from them).
    pub tags: Vec<Tag>,
    /// The previewed commit.
    pub to: String,
    /// Newest first.
    pub changes: Vec<Change>,
}

/// Runs the engine over one component's range.
pub fn forecast(
    tool: &dyn Tool,
    config: &Config,
    target: &Target,
    input: Input,
    options: &Options,
) -> Forecast {
    let in_range = if tool.decides_with_every_tag(target) {
        input.tags.clone()
    } else {
        tags_in_range(&input.tags, &input.changes)
    };
    let remote = options.remote.as_deref();
    let decision = tool.decide(
        target,
        &input.changes,
        input.current.as_ref(),
        &in_range,
        remote,
    );
    let mut next = decision.next.clone();
    let mut no_release = match (&next, input.changes.is_empty()) {
        (Some(_), _) => None,
        (None, true) => Some(match (&input.last, &input.current) {
            (Some(tag), _) => format!("no commits since {}", tag.name),
            (None, Some(version)) => format!("no commits since {}", input.format.spell(version)),
            (None, None) => "no commits".to_string(),
        }),
        (None, false) => Some("no commit calls for a release".to_string()),
    };
    let own_pre = match (&next, &options.pre) {
        (Some(_), Some(label)) => tool.pre_release(&decision, input.current.as_ref(), label),
        _ => None,
    };
    if let Some(pre) = own_pre {
        next = Some(pre);
    } else if let (Some(target), Some(label)) = (&next, &options.pre) {
        let existing: Vec<Version> = input.tags.iter().map(|t| t.version.clone()).collect();
        let pre = version::pre_release(target, label, &existing);
        let already = input.tags.iter().find(|t| {
            t.target == input.to
                && !t.version.pre.is_empty()
                && t.version.pre.as_str().starts_with(&format!("{label}."))
        });
        match already {
            Some(tag) => {
                no_release = Some(format!("{} already tags this commit", tag.name));
                next = None;
            }
            None => next = Some(pre),
        }
    }
    let previous = input.last.as_ref().map(|t| t.name.as_str());
    let next_tag = next
        .as_ref()
        .map(|v| input.format.render_after(v, previous));
    // A version recorded in a file is the previous release even when its tag is missing
    // (release-please links its compare view to the tag it expects).
    let recorded_tag = match (&input.last, &input.current, &target.recorded) {
        (None, Some(current), Some(_)) => Some(input.format.render(current)),
        _ => None,
    };
    let rendered = match (&next, &next_tag) {
        (Some(version), Some(tag)) if options.notes => tool.notes(&Release {
            version,
            tag,
            previous_tag: previous.or(recorded_tag.as_deref()),
            previous_id: input.last.as_ref().map(|t| t.target.as_str()),
            date: &options.date,
            timestamp: options.timestamp,
            forge: options.forge.as_ref(),
            remote: options.remote.as_deref(),
            changes: &input.changes,
            noted: &decision.noted,
        }),
        _ => Ok(String::new()),
    };
    let mut decision = decision;
    let notes = rendered.unwrap_or_else(|error| {
        decision.warnings.push(Warning::not_reproduced(format!(
            "the release notes cannot be rendered: {error}"
        )));
        String::new()
    });
    let labels = if next.is_some() {
        labels(config, &input.changes, &decision)
    } else {
        Vec::new()
    };
    Forecast {
        name: input.name,
        format: input.format,
        current: input.current,
        current_tag: input.last,
        next,
        next_tag,
        decision,
        changes: input.changes,
        labels,
        notes,
        no_release,
    }
}

/// The tags whose commit is in the range: reachable from the previewed commit and not
/// from the last release.
fn tags_in_range(tags: &[Tag], changes: &[Change]) -> Vec<Tag> {
    if tags.is_empty() || changes.is_empty() {
        return Vec::new();
    }
    let ids: std::collections::HashSet<&str> = changes.iter().map(|c| c.id.as_str()).collect();
    tags.iter()
        .filter(|t| ids.contains(t.target.as_str()))
        .cloned()
        .collect()
}

/// Pull-request labels for what the release contains, in a stable order.
fn labels(config: &Config, changes: &[Change], decision: &Decision) -> Vec<String> {
    labels_of(config, changes, decision, &|_| true)
}

/// Pull-request labels for the noted commits that `keep` chooses (a branch's own, when a
/// pull request is labelled for what it adds), in a stable order.
pub fn labels_of(
    config: &Config,
    changes: &[Change],
    decision: &Decision,
    keep: &dyn Fn(&Change) -> bool,
) -> Vec<String> {
    let mut causes: Vec<String> = Vec::new();
    for &index in &decision.noted {
        if !keep(&changes[index]) {
            continue;
        }
        let commit = &changes[index].message;
        if commit.is_breaking() {
            causes.push("breaking".to_string());
        }
        if let Some(kind) = commit.kind_lowercase() {
            causes.push(kind.into_owned());
        }
    }
    let mut labels: Vec<String> = Vec::new();
    for cause in causes {
        if let Some(label) = config.label(&cause) {
            if !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        }
    }
    labels.sort();
    labels
}

/// Counts of `changes` by type; breaking as the engine read them in `decision` (under
/// semantic-release's angular preset `feat!:` is not breaking).
pub fn tally(changes: &[Change], decision: &Decision) -> Tally {
    let breaking: std::collections::HashSet<&str> = decision
        .reasons
        .iter()
        .filter(|r| r.kind == crate::model::ReasonKind::Breaking)
        .filter_map(|r| r.commit.as_deref())
        .collect();
    let mut tally = Tally::default();
    for change in changes {
        if breaking.contains(change.id.as_str()) {
            tally.breaking += 1;
        }
        match change.message.kind_lowercase() {
            Some(kind) => match tally.by_type.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => tally.by_type.push((kind.into_owned(), 1)),
            },
            None if change.message.kind == crate::model::message::Kind::Merge => tally.merges += 1,
            None => tally.other += 1,
        }
    }
    tally
        .by_type
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tally
}
