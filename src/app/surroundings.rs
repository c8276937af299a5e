//! The history around a forecast that tools read to tell when a known difference
//! applies (see [`Tool::differences`]): the tags with their commits' dates, and, for
//! tools that walk by date, where such a walk ends.

use crate::model::{DatedTag, Forecast, Surroundings, Tag, Target, Warning};
use crate::repo::{Repo, RepoError};
use crate::tools::Tool;

/// The surroundings of `forecast`, made of `tags` (every tag of the target's format) at
/// commit `to`.
pub fn of(
    repo: &Repo,
    tool: &dyn Tool,
    forecast: &Forecast,
    tags: Vec<Tag>,
    to: &str,
) -> Result<Surroundings, RepoError> {
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
    Ok(Surroundings {
        to: to.to_string(),
        tags: dated,
        last_by_date,
    })
}

/// Adds to `forecast` a warning for each known difference of `tool` that applies.
pub fn warn_of_differences(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    forecast: &mut Forecast,
    tags: Vec<Tag>,
    to: &str,
) -> Result<(), RepoError> {
    let around = of(repo, tool, forecast, tags, to)?;
    let found = tool.differences(target, forecast, &around);
    forecast
        .decision
        .warnings
        .extend(found.into_iter().map(Warning::not_reproduced));
    Ok(())
}
