//! git-cliff's notes: the `[changelog] body` Tera template of the repository's cliff.toml
//! (or git-cliff's default), rendered for the unreleased release as
//! `git-cliff --unreleased --bump` does, with git-cliff 2.14.2's template filters
//! (`upper_first`, `commit_groups`, `replace_regex`, `find_regex`, `split_regex`) and its
//! context (the release with `version`, `timestamp`, `commits`, `previous`, plus
//! `commit_parsers_groups` and `remote`).

use std::collections::HashMap;

use regex::Regex;
use serde_json::{Value, json};
use tera::{Context, Tera};

use crate::model::notes::Release;
use crate::tools::NotesError;
use crate::tools::git_cliff::reach::Reach;
use crate::tools::git_cliff::{GitCliff, commit_context};

/// Renders the release's section; errors are the template's, for a warning.
pub fn render(cliff: &GitCliff, release: &Release) -> Result<String, NotesError> {
    render_reaching(cliff, release, Reach::of)
}

/// [`render`], with the commit fields put in the context chosen by `reach`.
pub(super) fn render_reaching(
    cliff: &GitCliff,
    release: &Release,
    reach: impl Fn(&tera::Template) -> Reach,
) -> Result<String, NotesError> {
    let settings = &cliff.settings;
    let source = if settings.changelog.trim {
        settings
            .changelog
            .body
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        settings.changelog.body.clone()
    };
    let mut tera = Tera::default();
    tera.add_raw_template("body", &source)
        .map_err(|e| template_error(&settings.file, &e))?;
    tera.register_filter("upper_first", upper_first);
    tera.register_filter("commit_groups", commit_groups);
    tera.register_filter("replace_regex", replace_regex);
    tera.register_filter("find_regex", find_regex);
    tera.register_filter("split_regex", split_regex);
    tera.register_function("range", BoundedRange::default());
    let reach = tera.get_template("body").map_or(Reach::Every, reach);
    let context = Context::from_value(context(cliff, release, &reach))
        .map_err(|e| template_error(&settings.file, &e))?;
    let mut output = BoundedOutput::default();
    tera.render_to("body", &context, &mut output)
        .map_err(|e| template_error(&settings.file, &e))?;
    let mut text = String::from_utf8_lossy(&output.bytes).into_owned();
    for processor in &settings.changelog.postprocessors {
        if let Some(replace) = &processor.replace {
            text = processor
                .pattern
                .replace_all(&text, replace.as_str())
                .to_string();
        }
    }
    Ok(text)
}

/// The release as git-cliff serialises it, with the additional context; its commits
/// carry only the fields the template can reach.
fn context(cliff: &GitCliff, release: &Release, reach: &Reach) -> Value {
    let kept = &cliff.process_last(release.changes).kept;
    let contributor = json!({
        "username": null, "pr_author": null, "pr_title": null, "pr_number": null,
        "pr_numbers": [], "pr_labels": [], "is_first_time": false,
    });
    let mut commits: Vec<Value> = kept
        .iter()
        .map(|commit| {
            let mut value = commit_context(commit, reach);
            offline_forges(&mut value, &contributor, reach);
            value
        })
        .collect();
    if cliff.settings.git.sort_commits != "newest" {
        commits.reverse();
    }
    let bump = bump_type(release);
    let previous = json!({
        "version": release.previous_tag,
        "message": null,
        "commits": [],
        "commit_id": release.previous_id,
        "timestamp": null,
        "previous": null,
        "repository": null,
        "commit_range": null,
        "submodule_commits": {},
        "statistics": null,
        "extra": null,
        "bump_type": null,
    });
    let groups: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for parser in &cliff.settings.git.commit_parsers {
            if let Some(group) = &parser.group {
                if !seen.contains(group) {
                    seen.push(group.clone());
                }
            }
        }
        seen
    };
    let newest = release.changes.first().map(|c| c.id.as_str());
    let oldest = release.changes.last().map(|c| c.id.as_str());
    let range = match (oldest, newest) {
        (Some(from), Some(to)) => json!({ "from": from, "to": to }),
        _ => Value::Null,
    };
    let mut release_value = json!({
        "version": release.tag,
        "message": null,
        "commits": [],
        "commit_id": newest,
        "timestamp": release.timestamp,
        "previous": previous,
        "repository": null,
        "commit_range": range,
        "submodule_commits": {},
        "statistics": null,
        "extra": null,
        "bump_type": bump,
        "commit_parsers_groups": groups,
        "remote": remote(cliff),
    });
    offline_forges(
        &mut release_value,
        &json!({ "contributors": [] }),
        &Reach::Every,
    );
    // After `json!`, which would copy every commit.
    release_value["commits"] = Value::Array(commits);
    release_value
}

fn bump_type(release: &Release) -> Value {
    let previous = release
        .previous_tag
        .and_then(crate::model::version::split_version)
        .map(|(_, v)| v);
    match previous {
        Some(previous) if release.version.major != previous.major => json!("major"),
        Some(previous) if release.version.minor != previous.minor => json!("minor"),
        Some(previous) if release.version.patch != previous.patch => json!("patch"),
        _ => Value::Null,
    }
}

/// Forges git-cliff can read metadata from; each gets an (empty, offline) entry.
const FORGES: [&str; 5] = ["github", "gitlab", "gitea", "bitbucket", "azure_devops"];

/// `[remote]` as git-cliff serialises it: every forge with an empty owner and repository
/// unless the configuration names them (git-cliff does not read them from `origin`).
fn remote(cliff: &GitCliff) -> Value {
    let configured = &cliff.settings.remote;
    let mut remote =
        json!({ "offline": configured.get("offline").cloned().unwrap_or(json!(false)) });
    for forge in FORGES {
        let mut entry = json!({ "owner": "", "repo": "", "is_custom": false, "api_url": null, "http_timeout": "30s", "native_tls": null });
        if let (Some(Value::Object(given)), Value::Object(entry)) =
            (configured.get(forge), &mut entry)
        {
            for (key, value) in given {
                if key != "token" {
                    entry.insert(key.clone(), value.clone());
                }
            }
            entry.insert("is_custom".into(), json!(true));
        }
        remote[forge] = entry;
    }
    remote
}

/// What git-cliff's forge integrations add to a release or commit, offline: nothing;
/// only the forges `reach` names.
fn offline_forges(value: &mut Value, empty: &Value, reach: &Reach) {
    for forge in FORGES.into_iter().filter(|forge| reach.reads(forge)) {
        value[forge] = empty.clone();
    }
}

fn template_error(file: &str, error: &tera::Error) -> NotesError {
    let mut message = format!("{file}: [changelog] body: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    NotesError(message)
}

/// The most bytes a template may write: far more than any release's notes.
const MAX_OUTPUT: usize = 16 * 1024 * 1024;

/// The most numbers all of one rendering's `range()` calls may produce together.
const RANGE_BUDGET: usize = 100_000;

/// Where a template writes, refusing past [`MAX_OUTPUT`]: a template is code from the
/// repository, and must not fill the machine's memory.
#[derive(Default)]
struct BoundedOutput {
    bytes: Vec<u8>,
}

impl std::io::Write for BoundedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other(format!(
                "the template writes more than {} MiB; herald stops it there",
                MAX_OUTPUT / (1024 * 1024)
            )));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(start, end, step_by)`, with a budget shared by every call of one
/// rendering (a nested loop spends it too) and no endless `step_by = 0`.
#[derive(Default)]
struct BoundedRange {
    spent: std::sync::atomic::AtomicUsize,
}

impl tera::Function for BoundedRange {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let number = |key: &str, default: Option<usize>| -> tera::Result<usize> {
            match args.get(key) {
                Some(value) => value.as_u64().map(|n| n as usize).ok_or_else(|| {
                    tera::Error::msg(format!(
                        "Function `range` received {key}={value} but `{key}` can only be a number"
                    ))
                }),
                None => default.ok_or_else(|| {
                    tera::Error::msg("Function `range` was called without a `end` argument")
                }),
            }
        };
        let start = number("start", Some(0))?;
        let end = number("end", None)?;
        let step = number("step_by", Some(1))?;
        if start > end {
            return Err(tera::Error::msg(
                "Function `range` was called with a `start` argument greater than the `end` one",
            ));
        }
        if step == 0 {
            return Err(tera::Error::msg(
                "Function `range` was called with step_by=0",
            ));
        }
        let count = (end - start).div_ceil(step);
        let spent = self
            .spent
            .fetch_add(count, std::sync::atomic::Ordering::Relaxed)
            .saturating_add(count);
        if spent > RANGE_BUDGET {
            return Err(tera::Error::msg(format!(
                "the template's `range` calls produce more than {RANGE_BUDGET} numbers; herald stops it there"
            )));
        }
        Ok(Value::from((start..end).step_by(step).collect::<Vec<_>>()))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

type Args = HashMap<String, Value>;

/// `upper_first`: the first character in uppercase.
fn upper_first(value: &Value, _: &Args) -> tera::Result<Value> {
    let text = tera::try_get_value!("upper_first", "value", String, value);
    let mut chars = text.chars();
    Ok(Value::String(match chars.next() {
        None => String::new(),
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
    }))
}

/// `commit_groups(groups=…)`: commits grouped by `group`, groups in the given order
/// (others after, in first-appearance order), commits without a group left out.
fn commit_groups(value: &Value, args: &Args) -> tera::Result<Value> {
    // Not `try_get_value!`, which copies every commit twice; its message is kept.
    let Some(commits) = value.as_array() else {
        return Err(tera::Error::msg(format!(
            "Filter `commit_groups` was called on an incorrect value: got `{value}` but expected a Vec<Value>"
        )));
    };
    let order: Option<Vec<String>> = match args.get("groups") {
        Some(groups) => Some(tera::try_get_value!(
            "commit_groups",
            "groups",
            Vec<String>,
            groups.clone()
        )),
        None => None,
    };
    let mut grouped: Vec<(String, Vec<Value>)> = Vec::new();
    for commit in commits {
        let key = match commit.get("group") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => continue,
            Some(other) => other.to_string(),
        };
        match grouped.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(commit.clone()),
            None => grouped.push((key, vec![commit.clone()])),
        }
    }
    if let Some(order) = order {
        let rank = |name: &str| order.iter().position(|g| g == name).unwrap_or(order.len());
        grouped.sort_by_key(|(name, _)| rank(name));
    }
    Ok(Value::Array(
        grouped
            .into_iter()
            .map(|(group, commits)| {
                let entry = [
                    ("group", Value::String(group)),
                    ("commits", Value::Array(commits)),
                ];
                Value::Object(entry.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            })
            .collect(),
    ))
}

fn regex_arg(filter: &str, args: &Args, key: &str) -> tera::Result<Regex> {
    let pattern = match args.get(key) {
        Some(value) => tera::try_get_value!(filter, key, String, value),
        None => {
            return Err(tera::Error::msg(format!(
                "Filter `{filter}` expected an arg called `{key}`"
            )));
        }
    };
    let pattern = if key == "pat" {
        pattern.replace("\\n", "\n").replace("\\t", "\t")
    } else {
        pattern
    };
    Regex::new(&pattern).map_err(|e| {
        tera::Error::msg(format!(
            "Filter `{filter}` received an invalid regex pattern: {e}"
        ))
    })
}

/// `replace_regex(from=…, to=…)`.
fn replace_regex(value: &Value, args: &Args) -> tera::Result<Value> {
    let text = tera::try_get_value!("replace_regex", "value", String, value);
    let from = regex_arg("replace_regex", args, "from")?;
    let to = match args.get("to") {
        Some(value) => tera::try_get_value!("replace_regex", "to", String, value),
        None => {
            return Err(tera::Error::msg(
                "Filter `replace_regex` expected an arg called `to`",
            ));
        }
    };
    Ok(Value::String(
        from.replace_all(&text, to.as_str()).to_string(),
    ))
}

/// `find_regex(pat=…)`: every match.
fn find_regex(value: &Value, args: &Args) -> tera::Result<Value> {
    let text = tera::try_get_value!("find_regex", "value", String, value);
    let pattern = regex_arg("find_regex", args, "pat")?;
    Ok(json!(
        pattern
            .find_iter(&text)
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
    ))
}

/// `split_regex(pat=…)`.
fn split_regex(value: &Value, args: &Args) -> tera::Result<Value> {
    let text = tera::try_get_value!("split_regex", "value", String, value);
    let pattern = regex_arg("split_regex", args, "pat")?;
    Ok(json!(pattern.split(&text).collect::<Vec<_>>()))
}
