//! What every release command needs from the repository: for each component, its last
//! release, its tags and the commits since, parsed; then the engine's forecast.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use super::check::{stored_commit, stored_commit_owned, stored_summary};
use super::forecast::{self, Input};
use super::last_release::{self, repository_name};
use super::surroundings;
use crate::config::sources::WorkTree;
use crate::config::{Config, ReleaseMode};
use crate::error::{Error, Result};
use crate::model::files::{Files, MemoryFiles};
use crate::model::forge::Forge;
use crate::model::parallel;
use crate::model::{Change, Forecast, Options, RawCommit, RawMessage, Target, Warning};
use crate::repo::{History, Messages, Repo, RepoError, WalkRequest};
use crate::tools::herald::Herald;
use crate::tools::{self, Tool};

/// What to forecast.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The revision to preview (`HEAD` by default).
    pub to: Option<String>,
    /// Only this component.
    pub component: Option<String>,
    pub pre: Option<String>,
    /// Skip rendering the release notes (the pre-push forecast needs only versions).
    pub without_notes: bool,
    /// Only the engine's forecasts, without herald.toml's own answer beside them.
    pub engine_only: bool,
}

/// The forecasts, and what is worth telling about how they were made.
pub struct Gathered {
    pub tool: Arc<dyn Tool>,
    pub engine_source: String,
    pub forecasts: Vec<Forecast>,
    /// herald.toml's own rules' forecasts, when they hold rules the tool CI runs does not
    /// see (the answer herald.toml gives beside CI's); empty otherwise.
    pub herald_rules: Vec<Forecast>,
    pub warnings: Vec<Warning>,
    /// Said with `-v`.
    pub notes: Vec<String>,
}

/// The release tool whose rules decide, loaded once per command.
pub struct Loaded {
    pub tool: Arc<dyn Tool>,
    /// Where herald learnt which tool CI uses: `herald.toml`, `.releaserc.json`, …
    pub source: String,
    /// Said with `-v`.
    pub notes: Vec<String>,
    /// Said always: other release tools that were found and not used.
    pub warnings: Vec<String>,
}

/// What a command loads the release tool for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Checking commit messages: the hooks and `check`, which must stay instant.
    Messages,
    /// Forecasting releases.
    Forecasts,
}

/// The release tool the configuration asks for or the repository's files show, with
/// where that was learnt; notes say which other release tools' files were found.
pub fn engine(files: &dyn Files, config: &Config, config_source: &str) -> Result<Loaded> {
    engine_for(Purpose::Forecasts, files, config, config_source)
}

/// [`engine`], loaded for `purpose`.
pub fn engine_for(
    purpose: Purpose,
    files: &dyn Files,
    config: &Config,
    config_source: &str,
) -> Result<Loaded> {
    let detected = tools::detect(Some(files), config.engine, config_source)?;
    let tool = Arc::from(match purpose {
        Purpose::Messages => tools::load_for_messages(&detected, config, files)?,
        Purpose::Forecasts => tools::load(&detected, config, files)?,
    });
    // Two tools configured is a question only the team can answer: say it every time.
    let warnings = if detected.also_found.is_empty() || config.engine.is_some() {
        Vec::new()
    } else {
        vec![format!(
            "using {} (from {}); also found {}: set `engine = \"…\"` in herald.toml to choose",
            detected.name.as_str(),
            detected.source,
            detected.also_found.join(", ")
        )]
    };
    let notes = if config.engine.is_some() && !detected.also_found.is_empty() {
        vec![format!(
            "also found {}, not used: herald.toml names the engine",
            detected.also_found.join(", ")
        )]
    } else {
        Vec::new()
    };
    Ok(Loaded {
        tool,
        source: detected.source,
        notes,
        warnings,
    })
}

/// Where a command reads the release tool's files: the work tree, or the tree of `rev`
/// when it previews another commit (the configuration as it was there), or HEAD's in a
/// bare repository.
pub fn files_for<'r>(repo: &'r Repo, rev: Option<&str>) -> Result<Box<dyn Files + 'r>> {
    match (rev, repo.work_tree()) {
        (Some(rev), _) => Ok(Box::new(repo.files_at(rev)?)),
        (None, Some(root)) => Ok(Box::new(WorkTree::new(root))),
        (None, None) => match repo.resolve("HEAD")? {
            Some(head) => Ok(Box::new(repo.files_at(&head)?)),
            None => Ok(Box::new(MemoryFiles::default())),
        },
    }
}

/// The release tool, or herald's own rules when the tool's files cannot be read: for the
/// hooks, which check messages first and must not block every commit over a release
/// tool's broken file. The error comes back to be shown as a warning.
pub fn engine_or_herald(
    purpose: Purpose,
    files: &dyn Files,
    config: &Config,
    config_source: &str,
) -> Result<(Loaded, Option<Error>)> {
    match engine_for(purpose, files, config, config_source) {
        Ok(loaded) => Ok((loaded, None)),
        Err(error) => {
            let herald = Config {
                engine: Some(crate::model::EngineName::Herald),
                ..config.clone()
            };
            Ok((
                engine_for(purpose, files, &herald, config_source)?,
                Some(error),
            ))
        }
    }
}

/// Forecasts every component (or the one asked for) at the requested revision, with the
/// release tool [`engine`] loaded.
pub fn gather(
    repo: &Repo,
    config: &Config,
    loaded: &Loaded,
    request: &Request,
) -> Result<Gathered> {
    let mut gathered = Gathered {
        engine_source: loaded.source.clone(),
        tool: Arc::clone(&loaded.tool),
        forecasts: Vec::new(),
        herald_rules: Vec::new(),
        warnings: loaded.warnings.iter().map(Warning::advice).collect(),
        notes: loaded.notes.clone(),
    };
    let rev = request.to.as_deref().unwrap_or("HEAD");
    let Some(to) = repo.resolve(rev)? else {
        let branch = repo.head_branch().unwrap_or_else(|| "HEAD".into());
        gathered
            .notes
            .push(format!("`{branch}` has no commits yet: nothing to release"));
        return Ok(gathered);
    };
    if repo.head_branch().is_none() && request.to.is_none() {
        gathered
            .notes
            .push("HEAD is detached: previewing the commit it points at".into());
    }
    let options = options(repo, request);
    if let Some(warning) = gathered.tool.branch_warning(repo.head_branch().as_deref()) {
        gathered.warnings.push(warning);
    }
    let at = At {
        repo,
        config,
        to: &to,
        options: &options,
    };
    gathered.forecasts = at.forecasts(gathered.tool.as_ref(), request, &mut gathered.notes)?;
    if let Some(name) = &request.component {
        if let [whole] = gathered.forecasts.as_mut_slice() {
            if whole.name != *name {
                focus(whole, name, config)?;
                gathered.notes.push(format!(
                    "the repository has one version: showing the commits of `{name}` within it"
                ));
            }
        }
    }
    if !request.engine_only
        && rules_of_their_own(config, &gathered.engine_source)
        && gathered.tool.name() != "herald"
    {
        let herald = Herald::new(config).map_err(|e| Error::Input(e.to_string()))?;
        let whole = Request {
            component: None,
            ..request.clone()
        };
        gathered.herald_rules = at.forecasts(&herald, &whole, &mut Vec::new())?;
        gathered
            .warnings
            .extend(disagreement(&gathered).map(Warning::advice));
    }
    gathered.warnings.extend(
        component_warnings(repo, config, &to)?
            .into_iter()
            .map(Warning::advice),
    );
    for forecast in &gathered.forecasts {
        for warning in &forecast.decision.warnings {
            let prefixed = match config.release.mode {
                ReleaseMode::Unified => warning.clone(),
                ReleaseMode::Independent => warning.about(&forecast.name),
            };
            gathered.warnings.push(prefixed);
        }
    }
    Ok(gathered)
}

/// What every forecast of a request shares: the notes' date, the forge links, the
/// pre-release label.
pub fn options(repo: &Repo, request: &Request) -> Options {
    let remote = repo.remote_url("origin");
    Options {
        notes: !request.without_notes,
        pre: request.pre.clone(),
        date: crate::model::notes::civil_date(release_time()),
        timestamp: release_time(),
        forge: remote.as_deref().and_then(Forge::from_remote_url),
        remote,
    }
}

/// The previewed commit and what every forecast there shares.
struct At<'a> {
    repo: &'a Repo,
    config: &'a Config,
    to: &'a str,
    options: &'a Options,
}

impl At<'_> {
    /// Every target of `tool` (or the one asked for), forecast; a tool whose targets
    /// depend on each other forecasts them all, then keeps the one asked for.
    fn forecasts(
        &self,
        tool: &dyn Tool,
        request: &Request,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Forecast>> {
        let combined = tool.combines_targets();
        let wanted = if combined {
            targets(tool, self.repo, request)?;
            Request {
                component: None,
                ..request.clone()
            }
        } else {
            request.clone()
        };
        let mut forecasts = Vec::new();
        let mut targets_made = Vec::new();
        // A component's view of a single version needs each commit's files.
        let paths = request.component.is_some();
        let shared = self.branch_walk(tool, paths)?;
        for target in targets(tool, self.repo, &wanted)? {
            let (input, unmerged) = component_input(
                self.repo,
                tool,
                &target,
                self.to,
                (paths, shared.as_ref()),
                notes,
            )?;
            let mut forecast = forecast::forecast(tool, self.config, &target, input, self.options);
            forecast
                .decision
                .warnings
                .extend(unmerged.map(Warning::advice));
            forecasts.push(forecast);
            targets_made.push(target);
        }
        if combined {
            tool.combine(&mut forecasts, self.options);
        }
        // Said of the final forecasts: a combined one (cocogitto's global version) is
        // only known now.
        for (forecast, target) in forecasts.iter_mut().zip(&targets_made) {
            surroundings::warn_of_differences(self.repo, tool, target, forecast, self.to)?;
        }
        if combined {
            if let Some(name) = &request.component {
                forecasts.retain(|f| &f.name == name);
            }
        }
        Ok(forecasts)
    }
}

impl At<'_> {
    /// The commits a tool that walks the branch once for every target reads (see
    /// [`Tool::branch_walk`]): the release commit of each of its targets (all of them,
    /// whichever is asked for, since each one's release commit ends the walk), then the
    /// walk up to where the tool stops.
    fn branch_walk(&self, tool: &dyn Tool, want_paths: bool) -> Result<Option<History>> {
        let Some(walk) = tool.branch_walk() else {
            return Ok(None);
        };
        let mut releases = Vec::new();
        let mut with_paths = want_paths || tool.needs_paths();
        for target in tool.targets(&repository_name(self.repo)) {
            let (tags, _) = self.repo.version_tags(&target.format)?;
            let last = last_release::find(self.repo, tool, &target, &tags, self.to)?;
            releases.push(last.tag.map(|t| t.target));
            with_paths |= target.paths.is_some();
        }
        let ids = self.repo.log_order(self.to, walk.depth)?;
        let read = walk.length(&ids, &releases);
        Ok(Some(self.repo.history_of(&ids[..read], with_paths)?))
    }
}

/// One component's part of the repository's release (unified mode): its commits, and
/// the reasons they give; the version stays the repository's.
fn focus(forecast: &mut Forecast, name: &str, config: &Config) -> Result<()> {
    let Some(globs) = config.components.get(name) else {
        let known: Vec<&str> = config.components.keys().map(String::as_str).collect();
        return Err(Error::Input(if known.is_empty() {
            format!(
                "--component {name}: the repository has one version and no [components] in herald.toml"
            )
        } else {
            format!(
                "no component named `{name}` (components: {})",
                known.join(", ")
            )
        }));
    };
    let set = crate::model::components::glob_set(globs).map_err(|e| Error::Input(e.to_string()))?;
    let keep: Vec<bool> = forecast
        .changes
        .iter()
        .map(|c| c.paths.iter().any(|p| set.is_match(p)))
        .collect();
    let kept_ids: std::collections::HashSet<String> = forecast
        .changes
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c.id.clone())
        .collect();
    let mut new_index = Vec::with_capacity(keep.len());
    let mut next = 0;
    for k in &keep {
        new_index.push(k.then_some(next));
        next += usize::from(*k);
    }
    let decision = &mut forecast.decision;
    decision.noted = decision
        .noted
        .iter()
        .filter_map(|&i| new_index[i])
        .collect();
    decision.reasons.retain(|r| {
        r.commit.as_ref().is_some_and(|id| kept_ids.contains(id))
            || r.paths.iter().any(|p| set.is_match(p))
    });
    let mut flags = keep.iter();
    decision
        .readings
        .retain(|_| *flags.next().unwrap_or(&false));
    let mut flags = keep.iter();
    forecast.changes.retain(|_| *flags.next().unwrap_or(&false));
    forecast.name = format!("{} ({name})", forecast.name);
    Ok(())
}

/// Whether herald.toml holds release rules of its own (path rules, other bumps per type)
/// that a release tool CI runs would not see.
fn rules_of_their_own(config: &Config, source: &str) -> bool {
    let defaults = crate::config::BumpConfig::default();
    source != "defaults"
        && (!config.bump.rules.is_empty()
            || config.bump.types != defaults.types
            || config.bump.default != defaults.default)
}

/// When herald.toml's rules and the tool CI runs release different versions: both
/// answers, which one CI publishes, and how to make CI agree.
fn disagreement(gathered: &Gathered) -> Option<String> {
    let by_ci = gathered.forecasts.first()?;
    let by_rules = gathered.herald_rules.first()?;
    if by_rules.next == by_ci.next {
        return None;
    }
    let spell = |f: &Forecast| f.next_text().unwrap_or_else(|| "no release".to_string());
    let why = by_rules
        .decision
        .reasons
        .first()
        .map(|r| match (&r.rule, &r.summary) {
            (Some(rule), _) => format!(" (rule \"{rule}\")"),
            (None, Some(summary)) => format!(" ({summary})"),
            (None, None) => String::new(),
        })
        .unwrap_or_default();
    let engine = gathered.tool.name();
    let hint = by_rules
        .next
        .as_ref()
        .map(|v| agreement_hint(engine, v, by_rules.bump()))
        .unwrap_or_default();
    Some(format!(
        "herald.toml's rules release {}{why}, but {engine}, which CI runs (from {}), will publish {}{hint}",
        spell(by_rules),
        gathered.engine_source,
        spell(by_ci),
    ))
}

/// How to make the tool CI runs release `version` (a `bump` from the current one).
fn agreement_hint(engine: &str, version: &semver::Version, bump: crate::model::Bump) -> String {
    let part = bump.name();
    match engine {
        "release-please" => format!(
            "; to make CI agree, put the footer `Release-As: {version}` in a commit (`herald release` writes it into the release commit)"
        ),
        "commitizen" => format!(
            "; to make CI agree, run `cz bump --increment {}` there",
            part.to_uppercase()
        ),
        "cocogitto" => format!("; to make CI agree, run `cog bump --version {version}` there"),
        "git-cliff" => format!("; to make CI agree, run `git-cliff --bump {part}` there"),
        "semantic-release" => {
            let commit = match bump {
                crate::model::Bump::Major => "a commit with a `BREAKING CHANGE:` footer",
                crate::model::Bump::Minor => "a `feat:` commit",
                _ => "a `fix:` commit",
            };
            format!("; semantic-release takes no version from outside: {commit} makes it a {part}")
        }
        _ => String::new(),
    }
}

/// What to forecast: every target of the engine, or the one asked for.
fn targets(tool: &dyn Tool, repo: &Repo, request: &Request) -> Result<Vec<Target>> {
    let all = tool.targets(&repository_name(repo));
    let Some(wanted) = &request.component else {
        return Ok(all);
    };
    if all.len() == 1 && all[0].paths.is_none() {
        // One version for the repository: the component is a view of it (see `focus`).
        return Ok(all);
    }
    let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
    if !names.contains(&wanted.as_str()) {
        return Err(Error::Input(format!(
            "no component named `{wanted}` (components: {})",
            names.join(", ")
        )));
    }
    Ok(all.into_iter().filter(|t| &t.name == wanted).collect())
}

/// The current version, last release, tags and parsed commits of one target.
fn component_input(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    to: &str,
    (want_paths, shared): (bool, Option<&History>),
    notes: &mut Vec<String>,
) -> Result<(Input, Option<String>)> {
    let (tags, ignored) = repo.version_tags(&target.format)?;
    if !ignored.is_empty() && target.paths.is_none() {
        notes.push(format!(
            "ignored tags that are not versions in the form `{}`: {}",
            target.format.template(),
            ignored.join(", ")
        ));
    }
    let walk = WalkRequest {
        to,
        order: tool.walk_order(),
        with_paths: want_paths || target.paths.is_some() || tool.needs_paths(),
        messages: messages_for(tool),
    };
    let (last, history) = match shared {
        Some(history) => (
            last_release::find(repo, tool, target, &tags, to)?,
            history.clone(),
        ),
        None => last_release::find_with_history(repo, tool, target, &tags, walk)?,
    };
    notes.extend(last.note.clone());
    let unmerged = last_release::unreachable_higher(repo, target, &tags, &last, to)?.map(|higher| {
        format!(
            "{higher} is a higher release than {}, and this commit's history does not hold it (a release branch not merged back?): merge it back with `git merge {higher}` so that the next release follows it; `herald release` will not cut a version at or below it",
            last.tag
                .as_ref()
                .map_or_else(|| "any reachable one".to_string(), |t| t.name.clone())
        )
    });
    check_shallow(
        repo,
        &history.shallow_edge,
        last.tag.as_ref().map(|t| t.name.as_str()),
    )?;
    let mut commits = history.commits;
    if let Some(globs) = &target.paths {
        let set =
            crate::model::components::glob_set(globs).map_err(|e| Error::Input(e.to_string()))?;
        commits.retain(|c| c.paths.iter().any(|p| set.is_match(p)));
    }
    let release = shared.and(last.tag.as_ref()).map(|t| t.target.as_str());
    let changes = tool.select(target, parse_all(commits), release);
    let input = Input {
        name: target.name.clone(),
        format: target.format.clone(),
        current: last.current,
        last: last.tag,
        tags,
        to: to.to_string(),
        changes,
    };
    Ok((input, unmerged))
}

/// How a walk for `tool` keeps messages: summarized when the tool reads no more.
fn messages_for(tool: &dyn Tool) -> Messages {
    if tool.reads_summaries() {
        Messages::Summarized(stored_summary)
    } else {
        Messages::Whole
    }
}

/// A shallow clone whose history stops before the last release cannot be previewed.
fn check_shallow(repo: &Repo, edge: &Option<String>, last: Option<&str>) -> Result<()> {
    if !repo.is_shallow() {
        return Ok(());
    }
    let problem = match (edge, last) {
        (Some(edge), Some(tag)) => format!(
            "this is a shallow clone and its history stops at {} before the last release {tag}",
            &edge[..7]
        ),
        (Some(edge), None) => format!(
            "this is a shallow clone: its history stops at {} and no release tag was found before that",
            &edge[..7]
        ),
        (None, _) => return Ok(()),
    };
    Err(Error::Repo(RepoError::Shallow(format!(
        "{problem}; fetch the full history with `git fetch --unshallow --tags` (in GitHub Actions: `fetch-depth: 0` on actions/checkout)"
    ))))
}

/// Parses every message, on every core when there are many. Each thread writes its
/// share of the commits into its own part of one list, so no second list of parsed
/// commits is ever built beside it (40 MB for 100,000 commits).
pub fn parse_all(mut commits: Vec<RawCommit>) -> Vec<Change> {
    let threads = parallel::threads_for(commits.len(), parallel::PARALLEL_FROM);
    if threads == 1 {
        return commits.into_iter().map(to_change).collect();
    }
    let chunk = commits.len().div_ceil(threads);
    let mut parsed: Vec<Option<Change>> = Vec::new();
    parsed.resize_with(commits.len(), || None);
    std::thread::scope(|scope| {
        for (raw, out) in commits.chunks_mut(chunk).zip(parsed.chunks_mut(chunk)) {
            scope.spawn(move || {
                for (raw, slot) in raw.iter_mut().zip(out) {
                    *slot = Some(to_change(std::mem::take(raw)));
                }
            });
        }
    });
    drop(commits);
    // `filter_map` reuses the list's memory in place; `flatten` would copy it.
    #[allow(clippy::filter_map_identity)]
    parsed
        .into_iter()
        .filter_map(std::convert::identity)
        .collect()
}

/// A commit read from the commits cache keeps its text there, not in a copy of its own.
fn to_change(info: RawCommit) -> Change {
    let message = match info.message {
        RawMessage::Own(bytes) => stored_commit_owned(bytes, info.parent_count),
        shared => {
            let mut message = stored_commit(&shared, info.parent_count);
            if let Some(text) = shared.share(&message.text) {
                message.text = text;
            }
            message
        }
    };
    Change {
        message,
        id: info.id,
        paths: info.paths,
        parent_count: info.parent_count,
        author: info.author,
        time: info.time,
    }
}

/// Components whose globs match no file at the previewed commit are probably misspelt.
fn component_warnings(repo: &Repo, config: &Config, to: &str) -> Result<Vec<String>> {
    if config.components.is_empty() {
        return Ok(Vec::new());
    }
    let components = crate::model::components::Components::compile(&config.components)
        .map_err(|e| Error::Input(e.to_string()))?;
    let files = repo.tree_files(to)?;
    Ok(components
        .names()
        .filter(|name| !files.iter().any(|f| components.matches(name, f)))
        .map(|name| {
            format!("component `{name}` matches no file; check its globs under [components]")
        })
        .collect())
}

/// Now, or the moment `SOURCE_DATE_EPOCH` names, for reproducible output.
pub fn release_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn a_commit_read_from_the_cache_keeps_its_text_there() {
        let buffer = Arc::new(b"..feat: a\n\nbody\n..".to_vec());
        let raw = RawCommit {
            message: RawMessage::Shared(Arc::clone(&buffer), 2..16),
            ..RawCommit::default()
        };
        let change = to_change(raw);
        assert_eq!(change.message.text, "feat: a\n\nbody");
        assert_eq!(change.message.body(), Some("body"));
        assert_eq!(Arc::strong_count(&buffer), 2);
    }
}
