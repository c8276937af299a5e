//! What a branch does to the release: the release as it stands on its base, and as it
//! would stand with the branch merged, per component, under the engine in use.
//!
//! The base's history is walked once (by [`gather`]); the branch adds only its own commits
//! (merge base..tip), parsed once, in front of the base's range, as a merge or a rebase
//! puts them. A squash merge adds one commit instead, whose message is the pull request's
//! title (and body).

use std::collections::HashSet;

use super::check::{Checked, Checker};
use super::forecast::{self, Input, labels_of};
use super::gather::{Gathered, Loaded, Request, engine, files_for, gather, options, parse_all};
use super::last_release::repository_name;
use crate::config::{Config, MergeStrategy};
use crate::error::{Error, Result};
use crate::model::files::Files;
use crate::model::message::{self, Cleanup, CommentPrefix};
use crate::model::{Bump, Change, Forecast, Reason, Tag, Target};
use crate::repo::{Messages, Repo, WalkRequest};
use crate::tools::Tool;

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct DeltaRequest {
    /// The base as the person named it; `None`: the branch's upstream, else `origin/HEAD`,
    /// else `[release] base`.
    pub against: Option<String>,
    /// The branch's tip (`HEAD` by default).
    pub to: Option<String>,
    pub component: Option<String>,
    pub pre: Option<String>,
    /// The pull request's title and body, for a squash merge.
    pub squash: Option<SquashMessage>,
}

/// The message a squash merge gives the branch's one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SquashMessage {
    pub title: String,
    pub body: Option<String>,
}

/// The answer: the delta, or a squash title that cannot be released from.
pub enum Outcome {
    Ready(Box<Delta>),
    /// The squash title fails the commit rules: nothing is forecast from it.
    BadTitle {
        title: String,
        checked: Box<Checked>,
    },
}

/// A branch against its base.
pub struct Delta {
    /// The base as shown (`origin/main`).
    pub base: String,
    pub base_commit: String,
    pub head_commit: String,
    pub merge_base: String,
    /// Commits the branch has that the base has not, and the other way round.
    pub ahead: usize,
    pub behind: usize,
    /// The squash commit the branch counts as, when it is squashed.
    pub squash: Option<Squash>,
    /// The branch's own commits, newest first.
    pub commits: Vec<BranchCommit>,
    /// The release with the branch merged: what `preview` shows for it.
    pub merged: Gathered,
    pub components: Vec<ComponentDelta>,
    /// Every label herald sets on pull requests (`[labels]`), to take off those that no
    /// longer apply.
    pub managed_labels: Vec<String>,
}

/// The one commit a squash merge makes.
#[derive(Debug, Clone)]
pub struct Squash {
    pub message: SquashMessage,
    /// Where the message comes from: `--squash-title`, or the branch's only commit.
    pub source: &'static str,
    /// The id the squash commit goes by until it exists (the branch's tip).
    pub id: String,
}

/// One of the branch's commits.
#[derive(Debug, Clone)]
pub struct BranchCommit {
    pub id: String,
    pub header: String,
    /// Counted in the release (a squash merge counts its title instead).
    pub counted: bool,
    /// Among the commits that change some component's release.
    pub raises: bool,
}

/// One component's release on the base and with the branch.
pub struct ComponentDelta {
    pub name: String,
    /// The whole repository's one version, rather than one component's.
    pub whole: bool,
    pub on_base: Forecast,
    /// Index into `Delta::merged.forecasts`.
    pub merged_index: usize,
    /// The next version differs.
    pub changed: bool,
    /// The reasons, from the branch's commits, that make the release what it becomes.
    pub changed_by: Vec<Reason>,
    /// Changelog lines the branch adds.
    pub added_lines: Vec<AddedLine>,
    /// Pull-request labels for what the branch adds.
    pub labels: Vec<String>,
}

impl Delta {
    /// The release with the branch merged, for a component.
    pub fn with_branch(&self, component: &ComponentDelta) -> &Forecast {
        &self.merged.forecasts[component.merged_index]
    }

    /// Whether any component's release changes.
    pub fn changed(&self) -> bool {
        self.components.iter().any(|c| c.changed)
    }

    /// The labels for what the branch adds, across components.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self
            .components
            .iter()
            .flat_map(|c| c.labels.iter().cloned())
            .collect();
        labels.sort();
        labels.dedup();
        labels
    }

    /// Whether `id` is the squash commit, which goes by the branch tip's id.
    pub fn is_squash(&self, id: &str) -> bool {
        self.squash.as_ref().is_some_and(|s| s.id == id)
    }
}

/// How a command reads the configuration among a commit's files (`--config` or
/// herald.toml): the configuration and where it came from.
pub type ConfigReader<'a> =
    dyn Fn(&dyn Files, Option<&std::path::Path>) -> Result<(Config, String)> + 'a;

/// Compares the branch with its base.
pub fn compare(repo: &Repo, request: &DeltaRequest, read_config: &ConfigReader) -> Result<Outcome> {
    let head = request.to.as_deref().unwrap_or("HEAD");
    let head_commit = repo
        .resolve(head)?
        .ok_or_else(|| Error::Input(format!("`{head}` has no commits yet: nothing to compare")))?;
    let work_files = files_for(repo, request.to.as_deref())?;
    let (head_config, _) = read_config(work_files.as_ref(), repo.work_tree())?;
    let base = choose_base(repo, request.against.as_deref(), &head_config)?;
    let base_commit = repo
        .resolve(&base)?
        .ok_or_else(|| Error::Input(format!("`{base}` has no commits to compare with")))?;
    let merge_base = repo
        .merge_base(&base_commit, &head_commit)?
        .ok_or_else(|| {
            Error::Input(format!(
                "`{head}` and `{base}` share no history: there is nothing to merge into `{base}`"
            ))
        })?;
    // The base's configuration decides: a merge keeps it (and a release tool's manifest),
    // unless the branch changes them.
    let files = files_for(repo, Some(&base_commit))?;
    let (config, source) = read_config(files.as_ref(), repo.work_tree())?;
    let loaded = engine(files.as_ref(), &config, &source)?;
    let tool = loaded.tool.as_ref();
    let raw = repo.history(
        &WalkRequest {
            to: &head_commit,
            order: tool.walk_order(),
            with_paths: wants_paths(tool, repo),
            // A squash merge's message is the branch's only commit, body and all.
            messages: Messages::Whole,
        },
        std::slice::from_ref(&base_commit),
    )?;
    let own = parse_all(raw.commits);
    let squash = match squash_message(request, &config, &own) {
        Some((message, source)) => {
            let checker = Checker::new(&config, tool, Some(repo));
            let checked = checker.examine_title(&message.title, message.body.as_deref());
            if checked.has_errors() {
                return Ok(Outcome::BadTitle {
                    title: message.title,
                    checked: Box::new(checked),
                });
            }
            Some(Squash {
                message,
                source,
                id: head_commit.clone(),
            })
        }
        None => None,
    };
    let (ahead, behind) = repo.ahead_behind(&head_commit, &base_commit)?;
    let mut base_view = gather(
        repo,
        &config,
        &loaded,
        &Request {
            to: Some(base_commit.clone()),
            engine_only: true,
            pre: request.pre.clone(),
            ..Request::default()
        },
    )?;
    let counted = match &squash {
        Some(squash) if !own.is_empty() => {
            vec![squash_change(
                repo,
                squash,
                &own[0],
                &merge_base,
                &head_commit,
            )?]
        }
        _ => own.clone(),
    };
    if squash.is_none() && config.release.merge == MergeStrategy::Squash && own.len() > 1 {
        base_view.warnings.push(crate::model::Warning::advice(
            "[release] merge = \"squash\": the release counts the pull request's title as one commit; pass --squash-title to preview it (the branch's commits are counted as they are)",
        ));
    }
    let merging = Merging {
        repo,
        config: &config,
        loaded: &loaded,
        counted: &counted,
        head: &head_commit,
        pre: request.pre.clone(),
    };
    let merged = merging.forecasts(&base_view)?;
    let commits = own
        .iter()
        .map(|c| BranchCommit {
            id: c.id.clone(),
            header: c.message.header_line().to_string(),
            counted: squash.is_none(),
            raises: false,
        })
        .collect();
    let mut delta = Delta {
        base,
        base_commit,
        head_commit,
        merge_base,
        ahead,
        behind,
        squash,
        commits,
        components: Vec::new(),
        managed_labels: config
            .managed_labels()
            .into_iter()
            .map(str::to_string)
            .collect(),
        merged: Gathered {
            tool: base_view.tool.clone(),
            engine_source: base_view.engine_source.clone(),
            forecasts: merged,
            herald_rules: Vec::new(),
            warnings: base_view.warnings.clone(),
            notes: base_view.notes.clone(),
        },
    };
    let branch_ids: HashSet<&str> = counted.iter().map(|c| c.id.as_str()).collect();
    let targets = tool.targets(&repository_name(repo));
    for (index, (on_base, with)) in base_view
        .forecasts
        .into_iter()
        .zip(&delta.merged.forecasts)
        .enumerate()
    {
        let whole = targets
            .iter()
            .find(|t| t.name == on_base.name)
            .is_none_or(|t| t.paths.is_none());
        delta.components.push(ComponentDelta {
            changed: on_base.next != with.next,
            changed_by: changed_by(&on_base, with, &branch_ids),
            added_lines: added_lines(&on_base.notes, &with.notes),
            labels: if with.next.is_some() {
                labels_of(&config, &with.changes, &with.decision, &|c| {
                    branch_ids.contains(c.id.as_str())
                })
            } else {
                Vec::new()
            },
            name: on_base.name.clone(),
            whole,
            on_base,
            merged_index: index,
        });
    }
    keep_component(&mut delta, request.component.as_deref(), &targets)?;
    let raising: HashSet<String> = delta
        .components
        .iter()
        .flat_map(|c| c.changed_by.iter().filter_map(|r| r.commit.clone()))
        .collect();
    for commit in &mut delta.commits {
        commit.raises = commit.counted && raising.contains(&commit.id);
    }
    Ok(Outcome::Ready(Box::new(delta)))
}

/// `--against`, else the branch's upstream (when it is another branch), else
/// `origin/HEAD`, else `[release] base` (or `origin/<base>` when only the remote has it).
fn choose_base(repo: &Repo, against: Option<&str>, config: &Config) -> Result<String> {
    if let Some(base) = against.filter(|b| !b.is_empty()) {
        return Ok(base.to_string());
    }
    if let Some(base) = repo.upstream_base().or_else(|| repo.origin_head()) {
        return Ok(base);
    }
    let base = &config.release.base;
    if repo.resolve(base).is_ok() {
        return Ok(base.clone());
    }
    let remote = format!("origin/{base}");
    if repo.resolve(&remote).is_ok() {
        return Ok(remote);
    }
    Err(Error::Input(format!(
        "no base to compare with: the branch has no upstream, there is no origin/HEAD, and `[release] base = \"{base}\"` names no branch here; pass --against BASE"
    )))
}

/// Whether the walk needs each commit's files: components, a tool's path rules.
fn wants_paths(tool: &dyn Tool, repo: &Repo) -> bool {
    tool.needs_paths()
        || tool
            .targets(&repository_name(repo))
            .iter()
            .any(|t| t.paths.is_some())
}

/// The squash message, when the branch is squashed: `--squash-title`, else (with
/// `merge = "squash"`) the message of the branch's only commit, as GitHub proposes it.
fn squash_message(
    request: &DeltaRequest,
    config: &Config,
    own: &[Change],
) -> Option<(SquashMessage, &'static str)> {
    if let Some(message) = &request.squash {
        return Some((message.clone(), "the pull request's title"));
    }
    if config.release.merge != MergeStrategy::Squash {
        return None;
    }
    let [only] = own else {
        return None;
    };
    let text = &only.message.text;
    let (title, body) = match text.split_once('\n') {
        Some((title, body)) => (title, Some(body.trim().to_string())),
        None => (text.as_str(), None),
    };
    Some((
        SquashMessage {
            title: title.to_string(),
            body: body.filter(|b| !b.is_empty()),
        },
        "the branch's only commit",
    ))
}

/// The commit a squash merge makes: the message, the branch's whole change, the tip's
/// author and date.
fn squash_change(
    repo: &Repo,
    squash: &Squash,
    tip: &Change,
    merge_base: &str,
    head: &str,
) -> Result<Change> {
    let text = match &squash.message.body {
        Some(body) => format!("{}\n\n{body}", squash.message.title),
        None => squash.message.title.clone(),
    };
    let message = message::parse(&message::clean(
        &text,
        Cleanup::Whitespace,
        &CommentPrefix::default(),
    ));
    Ok(Change {
        id: squash.id.clone(),
        message,
        paths: repo.paths_between(merge_base, head)?,
        parent_count: 1,
        author: tip.author.clone(),
        time: tip.time,
    })
}

/// The forecasts with the branch merged, made from the base's.
struct Merging<'a> {
    repo: &'a Repo,
    config: &'a Config,
    loaded: &'a Loaded,
    /// The commits the branch adds, as the merge counts them, newest first.
    counted: &'a [Change],
    head: &'a str,
    pre: Option<String>,
}

impl Merging<'_> {
    fn forecasts(&self, base: &Gathered) -> Result<Vec<Forecast>> {
        let tool = self.loaded.tool.as_ref();
        let targets = tool.targets(&repository_name(self.repo));
        let options = options(
            self.repo,
            &Request {
                pre: self.pre.clone(),
                ..Request::default()
            },
        );
        let mut merged = Vec::with_capacity(base.forecasts.len());
        for on_base in &base.forecasts {
            let Some(target) = targets.iter().find(|t| t.name == on_base.name) else {
                merged.push(on_base.clone());
                continue;
            };
            let input = self.input(tool, target, on_base)?;
            merged.push(forecast::forecast(
                tool,
                self.config,
                target,
                input,
                &options,
            ));
        }
        if tool.combines_targets() {
            tool.combine(&mut merged, &options);
        }
        Ok(merged)
    }

    /// The base's range with the branch's commits in front; when the branch carries a
    /// newer release of the target (a release branch merged back), the range starts there.
    fn input(&self, tool: &dyn Tool, target: &Target, on_base: &Forecast) -> Result<Input> {
        let mine: Vec<Change> = match &target.paths {
            Some(globs) => {
                let set = crate::model::components::glob_set(globs)
                    .map_err(|e| Error::Input(e.to_string()))?;
                self.counted
                    .iter()
                    .filter(|c| c.paths.iter().any(|p| set.is_match(p)))
                    .cloned()
                    .collect()
            }
            None => self.counted.to_vec(),
        };
        let mut changes = tool.select(target, mine, None);
        changes.extend(on_base.changes.iter().cloned());
        let (tags, _) = self.repo.version_tags(&target.format)?;
        let mut current = on_base.current.clone();
        let mut last = on_base.current_tag.clone();
        if let Some(newer) = self.release_on_branch(target, &tags, on_base) {
            let mut hide: Vec<&str> = Vec::new();
            if let Some(tag) = &on_base.current_tag {
                hide.push(&tag.target);
            }
            let released: HashSet<String> = self
                .repo
                .commits_between(&newer.target, &hide, &[])?
                .into_iter()
                .map(|c| c.id)
                .collect();
            changes.retain(|c| !released.contains(&c.id));
            current = Some(newer.version.clone());
            last = Some(newer);
        }
        Ok(Input {
            name: on_base.name.clone(),
            format: on_base.format.clone(),
            current,
            last,
            tags,
            to: self.head.to_string(),
            changes,
        })
    }

    /// A release of `target` tagged on one of the branch's commits, newer than the base's.
    fn release_on_branch(&self, target: &Target, tags: &[Tag], on_base: &Forecast) -> Option<Tag> {
        if target.recorded.is_some() {
            return None;
        }
        let ids: HashSet<&str> = self.counted.iter().map(|c| c.id.as_str()).collect();
        tags.iter()
            .filter(|t| target.pre_releases || t.version.pre.is_empty())
            .filter(|t| ids.contains(t.target.as_str()))
            .filter(|t| on_base.current.as_ref().is_none_or(|c| t.version > *c))
            .max_by(|a, b| a.version.cmp(&b.version))
            .cloned()
    }
}

/// The reasons from the branch's commits behind what the release becomes: those at the
/// new bump when it rises (or the release appears), else every one of the branch's when
/// the version changes otherwise.
fn changed_by(on_base: &Forecast, with: &Forecast, branch: &HashSet<&str>) -> Vec<Reason> {
    if on_base.next == with.next || with.next.is_none() {
        return Vec::new();
    }
    let mine = |r: &&Reason| r.commit.as_deref().is_some_and(|id| branch.contains(id));
    let top = with.bump();
    let raised = on_base.bump() < top || on_base.next.is_none();
    let at_top: Vec<Reason> = with
        .decision
        .reasons
        .iter()
        .filter(mine)
        .filter(|r| !raised || r.bump == top || top == Bump::None)
        .cloned()
        .collect();
    if !at_top.is_empty() {
        return at_top;
    }
    with.decision.reasons.iter().filter(mine).cloned().collect()
}

/// A changelog line the branch adds, under its section (`Features`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AddedLine {
    pub section: Option<String>,
    pub line: String,
}

/// The changelog lines in `with` that `on_base` does not have, each with the section it
/// is in; headings and blank lines aside (the version in a heading changes with the
/// release).
fn added_lines(on_base: &str, with: &str) -> Vec<AddedLine> {
    let mut remaining: Vec<&str> = on_base.lines().collect();
    let mut added = Vec::new();
    let mut section: Option<String> = None;
    for line in with.lines() {
        if let Some(title) = line.strip_prefix("###") {
            section = Some(title.trim_start_matches('#').trim().to_string());
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match remaining.iter().position(|l| *l == line) {
            Some(at) => {
                remaining.swap_remove(at);
            }
            None => added.push(AddedLine {
                section: section.clone(),
                line: line.to_string(),
            }),
        }
    }
    added
}

/// `--component`: the one component asked for, among the engine's.
fn keep_component(delta: &mut Delta, wanted: Option<&str>, targets: &[Target]) -> Result<()> {
    let Some(wanted) = wanted else {
        return Ok(());
    };
    if !delta.components.iter().any(|c| c.name == wanted) {
        let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
        let whole = matches!(&delta.components[..], [only] if only.whole);
        return Err(Error::Input(if whole {
            format!(
                "--component {wanted} with --against: the repository has one version, and the comparison is the repository's; drop --component"
            )
        } else {
            format!(
                "no component named `{wanted}` (components: {})",
                names.join(", ")
            )
        }));
    }
    delta.components.retain(|c| c.name == wanted);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::added_lines;

    #[test]
    fn added_lines_skip_headings_and_lines_already_there() {
        let base = "## 1.1.0 (2026-01-01)\n\n### Features\n\n* a\n* b\n";
        let with = "## 2.0.0 (2026-01-01)\n\n### ⚠ Breaking changes\n\n* c\n\n### Features\n\n* a\n* b\n* c\n";
        let lines = added_lines(base, with);
        let added: Vec<(Option<&str>, &str)> = lines
            .iter()
            .map(|a| (a.section.as_deref(), a.line.as_str()))
            .collect();
        assert_eq!(
            added,
            [
                (Some("⚠ Breaking changes"), "* c"),
                (Some("Features"), "* c")
            ]
        );
        assert!(added_lines(base, base).is_empty());
    }
}
