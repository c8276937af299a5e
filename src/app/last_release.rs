//! Which release a target's next one follows: the one rule that `preview`, the hooks,
//! `release` and `doctor` all use, so that they never name different last releases.
//!
//! The rule: when the tool records the current version in a file (release-please's
//! manifest, commitizen's `version`), that version, with the tag that carries it if any;
//! otherwise the highest version among the target's tags whose commit is the previewed
//! commit or one of its ancestors. Pre-release tags count only for tools that take the
//! latest tag whatever it is (git-cliff, commitizen's `scm` provider).

use semver::Version;

use crate::model::{Tag, Target};
use crate::repo::{History, Repo, RepoError, WalkRequest};
use crate::tools::Tool;

/// A target's last release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastRelease {
    /// The version the next release follows: the last release's, or the one a file
    /// records; `None` when nothing has been released.
    pub current: Option<Version>,
    /// The tag of that version, when one exists.
    pub tag: Option<Tag>,
    /// A recorded version whose tag is missing, said with `-v`.
    pub note: Option<String>,
}

/// The last release of `target` at commit `to`; `tags` are every tag in the target's
/// format.
pub fn find(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    tags: &[Tag],
    to: &str,
) -> Result<LastRelease, RepoError> {
    if let Some(recorded) = &target.recorded {
        return Ok(from_record(tool, target, tags, recorded));
    }
    let candidates = candidates(target, tags);
    // The highest release is almost always the answer, and asking about it walks only
    // the commits since it; when it is not, one walk answers for every other tag.
    let reachable = match candidates.first() {
        None => None,
        Some(highest) if repo.is_ancestor(&highest.target, to)? => Some(*highest),
        Some(_) => {
            let ids: Vec<&str> = candidates[1..].iter().map(|t| t.target.as_str()).collect();
            let reached = repo.ancestors_among(&ids, to)?;
            candidates[1..]
                .iter()
                .find(|tag| reached.contains(&tag.target))
                .copied()
        }
    };
    if let Some(tag) = reachable {
        return Ok(from_tag(target, tag));
    }
    if tool.bumps_from_newest_tag() {
        if let Some(newest) = newest(repo, tags)? {
            return Ok(LastRelease {
                current: Some(newest.version.clone()),
                tag: None,
                note: Some(format!(
                    "{}: no release tag is reachable: bumping from the newest one, {}, over every commit",
                    target.name, newest.name
                )),
            });
        }
    }
    Ok(untagged(target))
}

/// The tag on the most recently dated commit; among tags of the same date, the one whose
/// name sorts last (git-cliff sorts the names, then stably by date, and takes the last).
fn newest<'t>(repo: &Repo, tags: &'t [Tag]) -> Result<Option<&'t Tag>, RepoError> {
    let mut best: Option<(i64, &Tag)> = None;
    for tag in tags {
        let time = repo.commit_time(&tag.target)?;
        if best.is_none_or(|(t, b)| (time, tag.name.as_str()) > (t, b.name.as_str())) {
            best = Some((time, tag));
        }
    }
    Ok(best.map(|(_, tag)| tag))
}

/// No tag of the target yet: the version its manifest records, when it has one.
fn untagged(target: &Target) -> LastRelease {
    let note = target.untagged.as_ref().map(|version| {
        format!(
            "{}: no `{}` tag yet: starting from the version its manifest records, {}; every commit counts",
            target.name,
            target.format.template(),
            target.format.spell(version)
        )
    });
    LastRelease {
        current: target.untagged.clone(),
        tag: None,
        note,
    }
}

/// The last release of `target` at commit `to` and the commits since it, walking the
/// history once: the highest candidate is almost always the answer, so the walk hides it
/// straight away and learns from the walk itself whether it was an ancestor.
pub fn find_with_history(
    repo: &Repo,
    tool: &dyn Tool,
    target: &Target,
    tags: &[Tag],
    walk: WalkRequest<'_>,
) -> Result<(LastRelease, History), RepoError> {
    if let Some(recorded) = &target.recorded {
        let last = from_record(tool, target, tags, recorded);
        let since: Vec<String> = last.tag.iter().map(|t| t.target.clone()).collect();
        let history = repo.history(&walk, &since)?;
        return Ok((last, history));
    }
    let candidates = candidates(target, tags);
    if let Some(first) = candidates
        .first()
        .filter(|t| target.format.writes(&t.name, &t.version))
    {
        let history = repo.history(&walk, std::slice::from_ref(&first.target))?;
        if first.target == walk.to || history.reaches_hidden {
            return Ok((from_tag(target, first), history));
        }
    }
    let last = find(repo, tool, target, tags, walk.to)?;
    let since: Vec<String> = last.tag.iter().map(|t| t.target.clone()).collect();
    Ok((last, repo.history(&walk, &since)?))
}

/// The highest release among `tags`, whether or not the previewed commit reaches it: what
/// a hotfix starts from, and what a release must never go below.
pub fn latest<'t>(target: &Target, tags: &'t [Tag]) -> Option<&'t Tag> {
    candidates(target, tags).into_iter().next()
}

/// The highest release among `tags` when it is above `last` and commit `to` does not
/// reach it: a release cut on a branch that was never merged back.
pub fn unreachable_higher<'t>(
    repo: &Repo,
    target: &Target,
    tags: &'t [Tag],
    last: &LastRelease,
    to: &str,
) -> Result<Option<&'t str>, RepoError> {
    let Some(highest) = latest(target, tags) else {
        return Ok(None);
    };
    let above = last
        .current
        .as_ref()
        .is_none_or(|current| highest.version > *current);
    if !above || repo.is_ancestor(&highest.target, to)? {
        return Ok(None);
    }
    Ok(Some(highest.name.as_str()))
}

/// The tags that can be the target's last release, highest version first.
fn candidates<'t>(target: &Target, tags: &'t [Tag]) -> Vec<&'t Tag> {
    let mut found: Vec<&Tag> = tags
        .iter()
        .filter(|t| target.pre_releases || t.version.pre.is_empty())
        .collect();
    found.sort_by(|a, b| b.version.cmp(&a.version));
    found
}

/// The release a tag carries. A tag the format reads but does not write (commitizen's
/// `v1.1.0-rc.1` under PEP 440) names the version and starts no range: `cz bump` looks
/// the current version's tag up by the name it writes (`TagRules.find_tag_for`), finds
/// none, and counts every commit.
fn from_tag(target: &Target, tag: &Tag) -> LastRelease {
    let written = target.format.writes(&tag.name, &tag.version);
    LastRelease {
        current: Some(tag.version.clone()),
        tag: written.then(|| tag.clone()),
        note: None,
    }
}

/// A version a file records: the tool decides whether it counts as released (a
/// release-please manifest at 0.0.0 with no tag does not).
fn from_record(tool: &dyn Tool, target: &Target, tags: &[Tag], recorded: &Version) -> LastRelease {
    // The tag written the format's way: commitizen's bump finds no other spelling.
    let tag = tags
        .iter()
        .find(|t| &t.version == recorded && target.format.writes(&t.name, &t.version))
        .cloned();
    let current = tool.starting_version(target, recorded, tag.is_some());
    let note = (tag.is_none() && current.is_some()).then(|| {
        format!(
            "{}: no tag `{}` for the recorded version {}: every commit counts",
            target.name,
            target.format.render(recorded),
            target.format.spell(recorded)
        )
    });
    LastRelease { current, tag, note }
}

/// The target that stands for the whole repository (the one that takes every commit),
/// for what speaks of "the" release: the commit-msg hook's banner, `doctor`, a hotfix.
pub fn repository_target(tool: &dyn Tool, repository: &str) -> Option<Target> {
    let targets = tool.targets(repository);
    let whole = targets.iter().position(|t| t.paths.is_none());
    match whole {
        Some(index) => targets.into_iter().nth(index),
        None => None,
    }
}

/// The name the whole repository goes by: the work tree's folder, or `repository` for a
/// bare one.
pub fn repository_name(repo: &Repo) -> String {
    repo.work_tree()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "repository".to_string())
}

/// The whole repository's last release at HEAD, with the target that stands for it; `None`
/// when the tool versions only parts of the repository.
pub fn of_repository(
    repo: &Repo,
    tool: &dyn Tool,
) -> Result<Option<(Target, LastRelease)>, RepoError> {
    let Some(target) = repository_target(tool, &repository_name(repo)) else {
        return Ok(None);
    };
    let (tags, _) = repo.version_tags(&target.format)?;
    let last = match (repo.resolve("HEAD")?, &target.recorded) {
        (_, Some(recorded)) => from_record(tool, &target, &tags, recorded),
        (Some(head), None) => find(repo, tool, &target, &tags, &head)?,
        (None, None) => LastRelease::default(),
    };
    Ok(Some((target, last)))
}
