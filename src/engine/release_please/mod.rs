//! release-please 17.11.2 (manifest releaser): what `release-please release-pr` would
//! propose for each package of `release-please-config.json`.
//!
//! - **Commits**: every piece of every message release-please can parse ([`commits`]);
//!   a package at `.` takes every commit, a nested package the commits touching files under
//!   it (and not under a package nested deeper), `exclude-paths` drop commits whose files
//!   all lie under them.
//! - **Version** (`DefaultVersioningStrategy`): `release-as` in the configuration, else the
//!   newest `Release-As:` footer, else from the manifest's version: breaking → major (minor
//!   on 0.x with `bump-minor-pre-major`), else `feat`/`feature` → minor (patch on 0.x with
//!   `bump-patch-for-minor-pre-major`), else patch; a pre-release suffix is kept. Nothing
//!   released yet: `initial-version`, default 1.0.0.
//! - **Release or not**: only when the notes show something besides their heading, so a
//!   range of hidden types (`chore`, `docs`, …) releases nothing — unless one is breaking.
//!
//! The surprise: `Feat:` is a patch (the strategy compares `feat` exactly) though the notes
//! list it under Features, and a body paragraph starting with `feat: ` is a commit of its own.

pub mod commits;
pub mod config;
pub mod grammar;
mod warnings;

use semver::Version;

use super::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};
use crate::changelog::Release;
use crate::changelog::release_please::{self as layout, Context, Repository};
use crate::diagnostic::Diagnostic;
use crate::message::Commit;
use commits::{NoteTitle, Parsed, parse_message};
use config::{Package, Versioning};

pub use config::Settings;
pub use warnings::commit_warnings;

impl Settings {
    /// The package a target stands for.
    fn package(&self, target: &Target) -> Option<&Package> {
        self.packages
            .iter()
            .find(|p| p.name.as_deref() == Some(target.name.as_str()))
            .or_else(|| self.packages.iter().find(|p| p.name.is_none()))
    }

    /// Whether deciding needs the files each commit changed.
    pub fn needs_paths(&self) -> bool {
        self.packages
            .iter()
            .any(|p| p.path != "." || !p.exclude_paths.is_empty())
    }

    /// One target per package; the root package is named after the repository unless it
    /// has a component. A package the manifest does not list is recorded at 0.0.0 (see
    /// [`Settings::starting_version`]).
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        self.packages
            .iter()
            .map(|p| Target {
                name: p.name.clone().unwrap_or_else(|| repository.to_string()),
                format: p.format.clone(),
                paths: None,
                recorded: Some(p.version.clone().unwrap_or_else(|| Version::new(0, 0, 0))),
                // The manifest names the version, pre-release or not.
                pre_releases: true,
            })
            .collect()
    }

    /// release-please starts from the manifest's version, except when the manifest has no
    /// entry for the package, or records 0.0.0 and no tag carries it: then nothing has
    /// been released and the next version is the initial one.
    pub fn starting_version(
        &self,
        target: &Target,
        recorded: &Version,
        tagged: bool,
    ) -> Option<Version> {
        let listed = self.package(target).is_some_and(|p| p.version.is_some());
        let unreleased = *recorded == Version::new(0, 0, 0) && !tagged;
        (listed && !unreleased).then(|| recorded.clone())
    }

    /// The commits of a range that release-please gives the target's package.
    pub fn select(&self, target: &Target, changes: Vec<Change>) -> Vec<Change> {
        let Some(package) = self.package(target) else {
            return changes;
        };
        let mut changes = changes;
        for sha in [&self.last_release_sha, &self.bootstrap_sha]
            .into_iter()
            .flatten()
        {
            if let Some(at) = changes.iter().position(|c| &c.id == sha) {
                changes.truncate(at);
            }
        }
        let nested: Vec<&str> = {
            let mut paths: Vec<&str> = self
                .packages
                .iter()
                .map(|p| p.path.as_str())
                .filter(|p| *p != ".")
                .collect();
            paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
            paths
        };
        changes
            .into_iter()
            .filter(|change| {
                let files = files_of(change);
                let belongs = package.path == "."
                    || files.is_empty()
                    || files.iter().any(|file| {
                        file.contains('/')
                            && nested
                                .iter()
                                .find(|p| file.starts_with(&format!("{p}/")))
                                .is_some_and(|p| *p == package.path)
                    });
                belongs && !excluded(package, files)
            })
            .collect()
    }
}

/// The files release-please sees for a commit: `git log --name-only` lists none for a merge.
fn files_of(change: &Change) -> &[String] {
    if change.parent_count > 1 {
        &[]
    } else {
        &change.paths
    }
}

/// `exclude-paths`: a commit is left out when every file it changes in the package lies
/// under an excluded path (a commit that changes no file too).
fn excluded(package: &Package, files: &[String]) -> bool {
    if package.exclude_paths.is_empty() {
        return false;
    }
    let under = |file: &str, path: &str| path == "." || file.starts_with(&format!("{path}/"));
    files
        .iter()
        .filter(|f| under(f, &package.path))
        .all(|f| package.exclude_paths.iter().any(|p| under(f, p)))
}

/// One commit release-please read, and the change it came from.
struct Read<'a> {
    index: usize,
    change: &'a Change,
    commit: Parsed,
}

/// Decides the next version of a target's package from its range (newest first), mirroring
/// `BaseStrategy.buildReleasePullRequest` and `DefaultVersioningStrategy`.
pub fn decide(
    settings: &Settings,
    target: &Target,
    changes: &[Change],
    current: Option<&Version>,
) -> Decision {
    let mut warnings = Vec::new();
    let Some(package) = settings.package(target) else {
        return no_release(changes, warnings);
    };
    // The configuration's own warnings are said once, with the first package.
    if settings
        .packages
        .first()
        .is_some_and(|first| std::ptr::eq(first, package))
    {
        warnings.extend(settings.warnings.iter().cloned());
    }
    let read: Vec<Read> = changes
        .iter()
        .enumerate()
        .flat_map(|(index, change)| {
            parse_message(&change.commit.text)
                .into_iter()
                .map(move |commit| Read {
                    index,
                    change,
                    commit,
                })
        })
        .collect();
    let dropped = changes
        .iter()
        .enumerate()
        .filter(|(i, c)| c.parent_count < 2 && !read.iter().any(|r| r.index == *i))
        .count();
    if dropped > 0 {
        let prefix = prefix(settings, target);
        warnings.push(match dropped {
            1 => format!("{prefix}1 commit is not conventional for release-please and was ignored"),
            n => format!(
                "{prefix}{n} commits are not conventional for release-please and were ignored"
            ),
        });
    }
    let mut readings: Vec<Reading> = changes.iter().map(unread).collect();
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let pre_major = current.is_some_and(|v| v.major < 1);
    let mut explained: Vec<Vec<(u8, String, Bump, String)>> = vec![Vec::new(); changes.len()];
    for read in &read {
        let shown = layout::is_shown(&read.commit, &package.sections);
        if shown && !noted.contains(&read.index) {
            noted.push(read.index);
        }
        let (bump, because) = contribution(package, &read.commit, shown, pre_major);
        if bump > Bump::None && (shown || read.commit.breaking) {
            reasons.push(reason(bump, read));
        }
        let rank = match read.commit.origin {
            commits::Origin::Header | commits::Origin::Override => 0,
            commits::Origin::Split => 1,
            commits::Origin::Nested => 2,
            commits::Origin::Footer => 3,
        };
        // Footers such as `Refs: #12` or `Signed-off-by: …` read as commits of types with
        // no section: nothing to say about them.
        let quiet = rank == 3 && !shown && bump == Bump::None;
        if !quiet {
            explained[read.index].push((rank, short_header(&read.commit), bump, because));
        }
    }
    for (reading, mut parts) in readings.iter_mut().zip(explained) {
        if parts.is_empty() {
            continue;
        }
        parts.sort_by_key(|p| p.0);
        reading.parsed = parts
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        reading.bump = parts.iter().map(|p| p.2).max().unwrap_or(Bump::None);
        reading.because = parts
            .iter()
            .map(|p| p.3.as_str())
            .collect::<Vec<_>>()
            .join("; ");
    }
    if read.is_empty() {
        return Decision {
            bump: Bump::None,
            next: None,
            reasons,
            readings,
            noted,
            warnings,
        };
    }
    let (next, bump) = match next_version(package, &read, current, &mut reasons, &mut warnings) {
        Some(found) => found,
        None => {
            return Decision {
                bump: Bump::None,
                next: None,
                reasons,
                readings,
                noted: Vec::new(),
                warnings,
            };
        }
    };
    noted.sort_unstable();
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let released = !noted.is_empty();
    Decision {
        bump: if released { bump } else { Bump::None },
        next: released.then_some(next),
        reasons,
        readings,
        noted,
        warnings,
    }
}

fn no_release(changes: &[Change], warnings: Vec<String>) -> Decision {
    Decision {
        bump: Bump::None,
        next: None,
        reasons: Vec::new(),
        readings: changes.iter().map(unread).collect(),
        noted: Vec::new(),
        warnings,
    }
}

/// `packages/a: ` when the configuration has several packages.
fn prefix(settings: &Settings, target: &Target) -> String {
    if settings.packages.len() > 1 {
        format!("{}: ", target.name)
    } else {
        String::new()
    }
}

fn unread(change: &Change) -> Reading {
    let because = if change.parent_count > 1 {
        "a merge: release-please cannot parse its message; the commits it brings in count"
    } else {
        "release-please cannot parse it: dropped"
    };
    Reading {
        commit: change.id.clone(),
        parsed: "not conventional".into(),
        bump: Bump::None,
        because: because.into(),
    }
}

/// `type(scope)!` as release-please read it.
fn short_header(commit: &Parsed) -> String {
    let scope = commit
        .scope
        .as_ref()
        .map(|s| format!("({s})"))
        .unwrap_or_default();
    let bang = if commit.breaking { "!" } else { "" };
    format!("{}{scope}{bang}", commit.kind)
}

/// What one commit does to the version (before the 0.x options) and why.
fn contribution(
    package: &Package,
    commit: &Parsed,
    shown: bool,
    pre_major: bool,
) -> (Bump, String) {
    let origin = match commit.origin {
        commits::Origin::Split => " (a paragraph release-please reads as its own commit)",
        commits::Origin::Footer => " (a footer release-please reads as a commit)",
        commits::Origin::Nested => " (a nested commit)",
        commits::Origin::Header | commits::Origin::Override => "",
    };
    let kind = &commit.kind;
    if let Some(version) = commit.note(NoteTitle::ReleaseAs) {
        return (
            Bump::None,
            format!("Release-As: {version} sets the version{origin}"),
        );
    }
    if commit.breaking {
        let zero = if pre_major && package.bump_minor_pre_major {
            " (minor on 0.x: bump-minor-pre-major)"
        } else {
            ""
        };
        return (
            Bump::Major,
            format!("breaking change → major{zero}{origin}"),
        );
    }
    if kind == "feat" || kind == "feature" {
        let zero = if pre_major && package.bump_patch_for_minor_pre_major {
            " (patch on 0.x: bump-patch-for-minor-pre-major)"
        } else {
            ""
        };
        return (Bump::Minor, format!("`{kind}` → minor{zero}{origin}"));
    }
    let lower = kind.to_lowercase();
    if shown {
        let note = if lower == "feat" || lower == "feature" {
            " (only lowercase `feat` is a minor, though the notes list it under Features)"
        } else {
            ""
        };
        return (Bump::Patch, format!("`{kind}` → patch{note}{origin}"));
    }
    let why = if package.sections.iter().any(|s| s.kind == lower) {
        "is hidden in the notes"
    } else {
        "has no section in the notes"
    };
    (
        Bump::None,
        format!("`{kind}` {why}: no release by itself{origin}"),
    )
}

fn reason(bump: Bump, read: &Read) -> Reason {
    let kind = if read.commit.breaking {
        ReasonKind::Breaking
    } else {
        ReasonKind::Type
    };
    Reason {
        bump,
        kind,
        commit: Some(read.change.id.clone()),
        summary: Some(read.commit.header.clone()),
        kind_of_change: Some(read.commit.kind.clone()),
        rule: None,
        paths: Vec::new(),
    }
}

/// The next version and the part that changes: `release-as`, the newest `Release-As`
/// footer, the versioning strategy from the current version, or the initial version.
fn next_version(
    package: &Package,
    read: &[Read],
    current: Option<&Version>,
    reasons: &mut Vec<Reason>,
    warnings: &mut Vec<String>,
) -> Option<(Version, Bump)> {
    let strategy = strategy_bump(package, read, current);
    let forced = |version: Version| {
        let bump = match current {
            Some(c) if c.major != version.major => Bump::Major,
            Some(c) if c.minor != version.minor => Bump::Minor,
            Some(_) => Bump::Patch,
            None => strategy,
        };
        (version, bump)
    };
    if let Some(version) = &package.release_as {
        reasons.insert(
            0,
            Reason {
                bump: forced(version.clone()).1,
                kind: ReasonKind::ReleaseAs,
                commit: None,
                summary: None,
                kind_of_change: None,
                rule: Some(format!(
                    "release-as {version} in release-please-config.json"
                )),
                paths: Vec::new(),
            },
        );
        return Some(forced(version.clone()));
    }
    if let Some(found) = read
        .iter()
        .find(|r| r.commit.note(NoteTitle::ReleaseAs).is_some())
    {
        let text = found.commit.note(NoteTitle::ReleaseAs).unwrap_or_default();
        return match config::parse_version(text) {
            Ok(version) => {
                let (version, bump) = forced(version);
                reasons.insert(
                    0,
                    Reason {
                        bump,
                        kind: ReasonKind::ReleaseAs,
                        commit: Some(found.change.id.clone()),
                        summary: Some(found.commit.header.clone()),
                        kind_of_change: Some(found.commit.kind.clone()),
                        rule: Some(format!("Release-As: {text}")),
                        paths: Vec::new(),
                    },
                );
                Some((version, bump))
            }
            Err(problem) => {
                warnings.push(format!(
                    "commit {}: Release-As: {problem}; release-please stops on it",
                    &found.change.id[..found.change.id.len().min(7)]
                ));
                None
            }
        };
    }
    match current {
        Some(current) => Some((apply(current, strategy), strategy)),
        None => Some((package.initial_version.clone(), strategy)),
    }
}

/// The versioning strategy's answer, with the 0.x options applied.
fn strategy_bump(package: &Package, read: &[Read], current: Option<&Version>) -> Bump {
    match package.versioning {
        Versioning::AlwaysBumpPatch => return Bump::Patch,
        Versioning::AlwaysBumpMinor => return Bump::Minor,
        Versioning::AlwaysBumpMajor => return Bump::Major,
        Versioning::Default => {}
    }
    let pre_major = current.is_some_and(|v| v.major < 1);
    let breaking = read.iter().any(|r| r.commit.breaking);
    let feature = read
        .iter()
        .any(|r| !r.commit.breaking && (r.commit.kind == "feat" || r.commit.kind == "feature"));
    if breaking {
        if pre_major && package.bump_minor_pre_major {
            Bump::Minor
        } else {
            Bump::Major
        }
    } else if feature {
        if pre_major && package.bump_patch_for_minor_pre_major {
            Bump::Patch
        } else {
            Bump::Minor
        }
    } else {
        Bump::Patch
    }
}

/// release-please's version updaters: the pre-release and build parts are kept.
fn apply(current: &Version, bump: Bump) -> Version {
    let mut next = current.clone();
    match bump {
        Bump::Major => {
            next.major += 1;
            next.minor = 0;
            next.patch = 0;
        }
        Bump::Minor => {
            next.minor += 1;
            next.patch = 0;
        }
        Bump::Patch => next.patch += 1,
        Bump::None => {}
    }
    next
}

/// The release notes, in release-please's layout, for the package whose tag the release
/// carries.
pub fn notes(settings: &Settings, release: &Release) -> String {
    let package = settings
        .packages
        .iter()
        .find(|p| p.format.render(release.version) == release.tag)
        .or_else(|| settings.packages.first());
    let sections = package.map_or_else(layout::default_sections, |p| p.sections.clone());
    let host = package.map_or("https://github.com", |p| p.changelog_host.as_str());
    let parsed: Vec<(&str, Parsed)> = release
        .noted
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .flat_map(|i| {
            let change = &release.changes[i];
            parse_message(&change.commit.text)
                .into_iter()
                .map(move |p| (change.id.as_str(), p))
        })
        .collect();
    let commits: Vec<(&str, &Parsed)> = parsed.iter().map(|(sha, p)| (*sha, p)).collect();
    let repository = release.forge.and_then(|forge| {
        let (owner, name) = forge.path.rsplit_once('/')?;
        Some(Repository { host, owner, name })
    });
    let version = release.version.to_string();
    layout::render(
        &commits,
        &sections,
        &Context {
            version: &version,
            current_tag: release.tag,
            previous_tag: release.previous_tag,
            date: release.date,
            repository,
        },
    )
}

/// CHANGELOG.md with the notes, as release-please's `Changelog` updater writes it; a
/// section already there for the same version is replaced first, so that running twice
/// changes nothing (release-please regenerates its pull request from the base branch).
pub fn insert_notes(existing: &str, notes: &str, version: &Version) -> String {
    let mut text = existing.to_string();
    if let Some(at) = layout::version_heading(&text) {
        let line_end = text[at + 1..].find('\n').map_or(text.len(), |e| at + 1 + e);
        if heading_version(&text[at + 1..line_end]).as_ref() == Some(version) {
            let end =
                layout::version_heading(&text[line_end..]).map_or(text.len(), |e| line_end + e);
            text.replace_range(at..end, "");
        }
    }
    layout::insert(&text, notes)
}

/// The version a heading such as `## [1.2.0](…) (date)` or `### 1.2.1 (date)` names.
fn heading_version(line: &str) -> Option<Version> {
    let text = line.trim_start_matches('#').trim_start();
    let text = text.strip_prefix('[').unwrap_or(text);
    let text = text.strip_prefix('v').unwrap_or(text);
    let end = text.find([']', ' ', '(']).unwrap_or(text.len());
    Version::parse(&text[..end]).ok()
}

/// What release-please will not see as its author meant, for a message about to be
/// committed.
pub fn warnings_for(settings: &Settings, commit: &Commit) -> Vec<Diagnostic> {
    let sections = settings
        .packages
        .first()
        .map_or_else(layout::default_sections, |p| p.sections.clone());
    commit_warnings(commit, &sections)
}

#[cfg(test)]
mod tests;
