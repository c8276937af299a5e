//! git-cliff 2.14.2 (`--bumped-version`, and `--unreleased --bump` for the notes).
//!
//! The range's commits go through git-cliff's processing (see [`process`]); the ones that
//! survive decide the version with the `next_version` crate, as git-cliff's
//! `calculate_next_version` does: any surviving commit is at least a patch, `feat` (any
//! case: `Feat:` counts) a minor and breaking a major, and on 0.x too unless `[bump]`
//! turns `features_always_bump_minor`/`breaking_always_bump_major` off. The surprise:
//! with no tag at all the answer is `initial_tag` (0.1.0) whatever the commits are.

mod process;
mod settings;

use std::path::Path;

use next_version::VersionUpdater;
use semver::Version;

pub use process::{Dropped, Processed, commit_context};
pub use settings::Settings;

use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;
use crate::model::version::{TagFormat, split_version};
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target, WalkOrder};

/// The configuration files git-cliff reads, in the order it looks for them.
pub const FILES: [&str; 3] = ["cliff.toml", ".cliff.toml", ".config/cliff.toml"];

/// git-cliff, with the repository's configuration.
#[derive(Debug, Clone)]
pub struct GitCliff {
    pub settings: Settings,
}

impl GitCliff {
    /// Reads the configuration file, or git-cliff's defaults without one.
    pub fn load(file: Option<&Path>) -> Result<GitCliff, String> {
        let Some(path) = file else {
            return Ok(GitCliff {
                settings: Settings::defaults(),
            });
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read it: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let settings = Settings::from_file_text(&name, &text)
            .map_err(|e| format!("{}:{e}", path.display()))?;
        Ok(GitCliff { settings })
    }

    /// The repository, or the paths `[git] include_paths` names; tags with any prefix.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        let git = &self.settings.git;
        let skip = match (&git.skip_tags, &git.ignore_tags) {
            (Some(a), Some(b)) => {
                regex::Regex::new(&format!("(?:{})|(?:{})", a.as_str(), b.as_str())).ok()
            }
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        vec![Target {
            name: repository.to_string(),
            format: TagFormat::loose(git.tag_pattern.clone(), skip),
            paths: (!git.include_paths.is_empty()).then(|| git.include_paths.clone()),
            recorded: None,
            pre_releases: true,
        }]
    }

    /// `[git] topo_order_commits` (on by default): libgit2's topological order, else by
    /// commit date.
    pub fn walk_order(&self) -> WalkOrder {
        if self.settings.git.topo_order_commits {
            WalkOrder::Topological
        } else {
            WalkOrder::Time
        }
    }

    pub fn needs_paths(&self) -> bool {
        !self.settings.git.include_paths.is_empty()
    }

    /// The commits that survive processing, and a reading for every commit of the range.
    pub fn process(&self, changes: &[Change]) -> (Vec<Processed>, Vec<Option<Dropped>>) {
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        for (index, change) in changes.iter().enumerate() {
            match process::process(&self.settings.git, index, change) {
                Ok(commits) => {
                    kept.extend(commits);
                    dropped.push(None);
                }
                Err(why) => dropped.push(Some(why)),
            }
        }
        (kept, dropped)
    }

    /// The next version, as `git-cliff --bumped-version` prints it (without the prefix).
    pub fn decide(&self, changes: &[Change], current: Option<&Version>) -> Decision {
        let (kept, dropped) = self.process(changes);
        let readings = readings(changes, &kept, &dropped);
        let mut warnings: Vec<String> = self
            .settings
            .unsupported
            .iter()
            .map(|what| format!("git-cliff's {what} is not reproduced"))
            .collect();
        let unconventional = dropped
            .iter()
            .filter(|d| matches!(d, Some(Dropped::Unconventional(_))))
            .count();
        if unconventional > 0 {
            warnings.push(format!(
                "{unconventional} commit(s) are not conventional and git-cliff skips them"
            ));
        }
        let noted: Vec<usize> = {
            let mut indices: Vec<usize> = kept.iter().map(|c| c.index).collect();
            indices.dedup();
            indices
        };
        let (next, bump, reasons) = match current {
            None if changes.is_empty() => (None, Bump::None, Vec::new()),
            None => {
                let initial = self.settings.bump.initial_tag.as_deref().unwrap_or("0.1.0");
                let version = split_version(initial).map(|(_, v)| v);
                let reason = Reason {
                    bump: Bump::Minor,
                    kind: ReasonKind::AnyCommit,
                    commit: None,
                    summary: Some(format!(
                        "no release yet: git-cliff starts at initial_tag {initial}"
                    )),
                    kind_of_change: None,
                    rule: None,
                    paths: Vec::new(),
                };
                (version, Bump::Minor, vec![reason])
            }
            Some(current) => {
                let next = self.next_version(current, &kept);
                let bump = Bump::between(current, &next);
                let reasons = reasons_for(changes, &kept, bump);
                ((next != *current).then_some(next), bump, reasons)
            }
        };
        Decision {
            bump: if next.is_some() { bump } else { Bump::None },
            next,
            reasons,
            readings,
            noted,
            warnings,
        }
    }

    /// `calculate_next_version_from_commits`, with git-cliff's defaults for `[bump]`.
    fn next_version(&self, current: &Version, kept: &[Processed]) -> Version {
        let bump = &self.settings.bump;
        match bump.bump_type.as_deref() {
            Some("major") => return bumped(current, Bump::Major),
            Some("minor") => return bumped(current, Bump::Minor),
            Some("patch") => return bumped(current, Bump::Patch),
            _ => {}
        }
        // The regexes were checked when the configuration was read.
        let Ok(updater) = updater(bump) else {
            return current.clone();
        };
        let conventional = self.settings.git.conventional_commits;
        let messages: Vec<String> = kept
            .iter()
            .map(|c| {
                let message = c.message.trim_end();
                if conventional {
                    message.to_string()
                } else {
                    message.lines().next().unwrap_or_default().to_string()
                }
            })
            .collect();
        updater.increment(current, messages)
    }

    /// Warnings for a message git-cliff will read differently from what its author meant.
    pub fn commit_warnings(&self, commit: &Message) -> Vec<Diagnostic> {
        let change = Change {
            id: String::new(),
            message: commit.clone(),
            paths: Vec::new(),
            parent_count: 1,
            author: String::new(),
            time: 0,
        };
        let header = 0..commit.header_line().len();
        let mut found = Vec::new();
        match process::process(&self.settings.git, 0, &change) {
            Err(Dropped::Skipped) if commit.is_breaking() => found.push(
                Diagnostic::warning("engine-breaking-skipped", "git-cliff's commit parsers skip this breaking change")
                    .at(header, "matches a `skip = true` parser in cliff.toml")
                    .help("set `protect_breaking_commits = true` under [git], or use another type or scope"),
            ),
            Err(Dropped::Skipped) => found.push(
                Diagnostic::warning("engine-skipped", "git-cliff's commit parsers skip this commit: it does not count towards the release")
                    .at(header, "matches a `skip = true` parser in cliff.toml")
                    .help("use another type or scope if this change should be released"),
            ),
            Ok(kept) => {
                let kind = kept.first().and_then(|c| c.conventional.as_ref()).map(|c| c.kind.clone());
                if let Some(kind) = kind {
                    if kind.to_ascii_lowercase().starts_with("feat") && !kind.eq_ignore_ascii_case("feat") {
                        found.push(
                            Diagnostic::warning("engine-type-unseen", format!("git-cliff bumps `{kind}` as a patch, not as a feature"))
                                .at(0..kind.len(), "not `feat`")
                                .help("write `feat` for a new feature"),
                        );
                    }
                }
            }
            Err(_) => {}
        }
        found
    }
}

/// The `next_version` updater with git-cliff's defaults (both options on unless set).
pub fn updater(bump: &settings::Bump) -> Result<VersionUpdater, regex::Error> {
    let mut updater = VersionUpdater::new()
        .with_features_always_increment_minor(bump.features_always_bump_minor.unwrap_or(true))
        .with_breaking_always_increment_major(bump.breaking_always_bump_major.unwrap_or(true));
    if let Some(pattern) = &bump.custom_major_increment_regex {
        updater = updater.with_custom_major_increment_regex(pattern)?;
    }
    if let Some(pattern) = &bump.custom_minor_increment_regex {
        updater = updater.with_custom_minor_increment_regex(pattern)?;
    }
    if let Some(pattern) = &bump.no_increment_regex {
        updater = updater.with_no_increment_regex(pattern)?;
    }
    Ok(updater)
}

fn bumped(current: &Version, bump: Bump) -> Version {
    super::herald::increment(current, bump)
}

/// The commits that explain the bump: breaking ones for a major, features for a minor,
/// any surviving commit for a patch.
fn reasons_for(changes: &[Change], kept: &[Processed], bump: Bump) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for commit in kept {
        let own = own_bump(commit);
        let kind = match own {
            Bump::Major => ReasonKind::Breaking,
            Bump::Minor => ReasonKind::Type,
            _ => ReasonKind::AnyCommit,
        };
        if own >= bump && bump > Bump::None {
            reasons.push(Reason::from_commit(
                own.min(bump),
                kind,
                &changes[commit.index],
            ));
        }
    }
    reasons.dedup_by(|a, b| a.commit == b.commit);
    reasons
}

/// What one surviving commit asks for on its own: breaking a major, `feat` (in any case,
/// as git-conventional compares types) a minor, anything else a patch.
fn own_bump(commit: &Processed) -> Bump {
    match &commit.conventional {
        Some(c) if c.breaking => Bump::Major,
        Some(c) if c.kind.eq_ignore_ascii_case("feat") => Bump::Minor,
        _ => Bump::Patch,
    }
}

fn readings(changes: &[Change], kept: &[Processed], dropped: &[Option<Dropped>]) -> Vec<Reading> {
    changes
        .iter()
        .enumerate()
        .map(|(index, change)| {
            let (parsed, because) = match &dropped[index] {
                Some(Dropped::Unconventional(error)) => {
                    ("not conventional".to_string(), format!("skipped: {error}"))
                }
                Some(Dropped::Skipped) => (
                    "skipped".to_string(),
                    "a commit parser skips it".to_string(),
                ),
                Some(Dropped::Unmatched) => (
                    "unmatched".to_string(),
                    "no commit parser matches (filter_commits)".to_string(),
                ),
                None => {
                    let commit = kept.iter().find(|c| c.index == index);
                    let conventional = commit.and_then(|c| c.conventional.as_ref());
                    let parsed = conventional.map_or("kept".to_string(), |c| {
                        let scope = c
                            .scope
                            .as_ref()
                            .map(|s| format!("({s})"))
                            .unwrap_or_default();
                        format!("{}{scope}{}", c.kind, if c.breaking { "!" } else { "" })
                    });
                    let group = commit
                        .and_then(|c| c.group.clone())
                        .unwrap_or_else(|| "no group".into());
                    (parsed, format!("counts; group {group}"))
                }
            };
            let bump = match dropped[index] {
                Some(_) => Bump::None,
                None => kept
                    .iter()
                    .filter(|c| c.index == index)
                    .map(own_bump)
                    .max()
                    .unwrap_or(Bump::Patch),
            };
            Reading {
                commit: change.id.clone(),
                parsed,
                bump,
                because,
            }
        })
        .collect()
}
