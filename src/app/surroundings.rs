//! The history around a forecast that tools read to tell when a known difference
//! applies (see [`Tool::differences`]): the tags with their commits' dates, and, for
//! tools that walk by date, where such a walk ends.

use super::gather::parse_all;
use crate::model::{Change, DatedTag, Forecast, Surroundings, Target, Warning};
use crate::repo::{Repo, RepoError};
use crate::tools::Tool;

/// The surroundings of `forecast`, a forecast of `target` at commit `to`.
pub fn of(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    forecast: &Forecast,
    to: &str,
) -> Result<Surroundings, RepoError> {
    let (tags, other_tags) = repo.version_tags(&target.format)?;
    let mut dated = Vec::with_capacity(tags.len());
    for tag in tags {
        let time = repo.commit_time(&tag.target)?;
        dated.push(DatedTag { tag, time });
    }
    let last_by_date = if tool.reads_commit_dates() && forecast.current_tag.is_none() {
        repo.last_by_date(to)?
    } else {
        None
    };
    let tagged_head = match &forecast.current_tag {
        Some(tag) if tag.target == to && forecast.changes.is_empty() => {
            head_of(repo, tool, target, to)?
        }
        _ => None,
    };
    Ok(Surroundings {
        to: to.to_string(),
        origin: repo.remote_url("origin"),
        tagged_head,
        tags: dated,
        other_tags,
        last_by_date,
    })
}

/// Commit `to`, parsed, when it belongs to `target`.
fn head_of(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    to: &str,
) -> Result<Option<Change>, RepoError> {
    let with_paths = tool.needs_paths() || target.paths.is_some();
    let mut commits = repo.history_of(&[to.to_string()], with_paths)?.commits;
    if let Some(globs) = &target.paths {
        let Ok(set) = crate::model::components::glob_set(globs) else {
            return Ok(None);
        };
        commits.retain(|c| c.paths.iter().any(|p| set.is_match(p)));
    }
    Ok(parse_all(commits).pop())
}

/// Adds to `forecast` a warning for each known difference of `tool` that applies.
pub fn warn_of_differences(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    forecast: &mut Forecast,
    to: &str,
) -> Result<(), RepoError> {
    let around = of(repo, tool, target, forecast, to)?;
    let found = tool.differences(target, forecast, &around);
    forecast
        .decision
        .warnings
        .extend(found.into_iter().map(Warning::not_reproduced));
    Ok(())
}
