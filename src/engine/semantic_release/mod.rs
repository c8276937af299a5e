//! semantic-release 25.0.9 with @semantic-release/commit-analyzer 13.0.1 and
//! @semantic-release/release-notes-generator 14.1.1: the release type is the highest any
//! commit's rule gives (breaking note → major, `feat` → minor, `fix`/`perf`/a revert →
//! patch by default), applied to the last release with no 0.x rule; the first release is
//! 1.0.0. The notes follow the angular or conventionalcommits preset.
//!
//! The surprises, all faithful: under the default angular preset `feat!: x` is no release at
//! all and `BREAKING-CHANGE:` is not breaking, while a lowercase `breaking change: x` line is;
//! `0.4.2` + a breaking change is `1.0.0`; with no commit that releases there is no first
//! release either; pre-release tags are not a last release on a release branch.

mod glob;
pub mod jsregex;
mod parser;
mod preset;
mod rules;
mod settings;
mod warnings;

use std::path::Path;

use semver::{Prerelease, Version};

use super::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};
use crate::changelog::conventional::{self, Commit as NoteCommit, Context};
use crate::changelog::{Release as Notes, angular, conventionalcommits};
use crate::diagnostic::Diagnostic;
use crate::message::Commit;
use crate::version::TagFormat;
use parser::{Parsed, ParserOptions};
use preset::Preset;
use rules::{Release, Verdict};
use settings::PluginOptions;
pub use settings::Settings;

/// semantic-release's configuration, with each plugin's parser options compiled.
#[derive(Debug, Clone)]
pub struct SemanticRelease {
    settings: Settings,
    /// commit-analyzer's parser options.
    analyzer_parser: Option<ParserOptions>,
    /// Problems with the configuration, repeated with every decision.
    warnings: Vec<String>,
}

impl SemanticRelease {
    /// Reads the configuration file semantic-release would use (`None`: its defaults).
    pub fn load(file: Option<&Path>) -> Result<SemanticRelease, String> {
        let settings = match file {
            Some(path) => Settings::load(path)?,
            None => Settings::default(),
        };
        Ok(SemanticRelease::new(settings))
    }

    pub fn new(settings: Settings) -> SemanticRelease {
        let mut warnings = settings.warnings.clone();
        let analyzer_parser = settings.analyzer.as_ref().map(|plugin| {
            let (options, problems) = parser_options(plugin, ParserOptions::default());
            warnings.extend(
                problems
                    .into_iter()
                    .map(|p| format!("commit-analyzer: {p}")),
            );
            options
        });
        if let Some(plugin) = &settings.notes {
            let (_, problems) = parser_options(plugin, ParserOptions::default());
            warnings.extend(
                problems
                    .into_iter()
                    .map(|p| format!("release-notes-generator: {p}")),
            );
        }
        SemanticRelease {
            settings,
            analyzer_parser,
            warnings,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The one thing semantic-release versions: the repository, tagged `tagFormat`.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        let template = self.settings.tag_format.replace("${version}", "{version}");
        vec![Target {
            name: repository.to_string(),
            format: TagFormat::new(&template, None),
            paths: None,
            recorded: None,
        }]
    }

    /// What `preview` says about the branch: semantic-release releases only from its
    /// release branches, and from pre-release or maintenance branches differently.
    pub fn branch_warning(&self, branch: Option<&str>) -> Option<String> {
        let branch = branch?;
        let listed: Vec<&str> = self
            .settings
            .branches
            .iter()
            .map(|b| b.name.as_str())
            .collect();
        match self.settings.branch(branch) {
            None => Some(format!(
                "semantic-release publishes only from its release branches ({}); on `{branch}` CI releases nothing: this is what these commits release once merged into one",
                listed.join(", ")
            )),
            Some(found) => {
                if let Some(label) = &found.prerelease {
                    Some(format!(
                        "`{branch}` is a pre-release branch: semantic-release publishes `-{label}.N` versions from it, which herald does not reproduce (this is the release branch's answer; `--pre {label}` approximates it)"
                    ))
                } else if found.maintenance {
                    Some(format!(
                        "`{branch}` is a maintenance branch: semantic-release limits its releases to the branch's range, which herald does not check"
                    ))
                } else {
                    None
                }
            }
        }
    }

    /// The release type and next version for a range (newest first) after `current`.
    pub fn decide(&self, changes: &[Change], current: Option<&Version>) -> Decision {
        let mut warnings = self.warnings.clone();
        let (Some(plugin), Some(options)) = (&self.settings.analyzer, &self.analyzer_parser) else {
            return Decision {
                bump: Bump::None,
                next: None,
                reasons: Vec::new(),
                readings: changes
                    .iter()
                    .map(|c| Reading {
                        commit: c.id.clone(),
                        parsed: "-".into(),
                        bump: Bump::None,
                        because: "no commit-analyzer among the plugins".into(),
                    })
                    .collect(),
                noted: Vec::new(),
                warnings,
            };
        };
        let parsed: Vec<Option<Parsed>> = changes
            .iter()
            .map(|c| parser::parse(&c.commit.text, options))
            .collect();
        let (kept, pairs) = filter_reverted(changes, &parsed);
        let custom = plugin.release_rules.as_deref();
        let mut verdicts: Vec<Option<(Option<Verdict>, bool)>> = vec![None; changes.len()];
        let mut highest: Option<usize> = None;
        for &index in &kept {
            let Some(commit) = &parsed[index] else {
                continue;
            };
            let subject = git_subject(&changes[index].commit.text);
            let verdict = rules::commit_release(custom, commit, &subject);
            if let Some(Verdict {
                release: release @ Release::Type(level),
                ..
            }) = &verdict.0
            {
                if rules::raises(highest, *release) {
                    highest = Some(*level);
                }
            }
            verdicts[index] = Some(verdict);
        }
        let mut reasons = Vec::new();
        let mut readings = Vec::with_capacity(changes.len());
        for (index, change) in changes.iter().enumerate() {
            let reading = explain(
                change,
                parsed[index].as_ref(),
                verdicts[index].as_ref(),
                &pairs,
                changes,
                index,
                plugin.preset,
            );
            if let Some((Some(verdict), _)) = &verdicts[index] {
                if let Release::Type(level) = verdict.release {
                    reasons.push(Reason {
                        bump: bump_of(level),
                        kind: if verdict.rule.breaking {
                            ReasonKind::Breaking
                        } else if verdict.rule.revert {
                            ReasonKind::Revert
                        } else {
                            ReasonKind::Type
                        },
                        commit: Some(change.id.clone()),
                        summary: Some(change.commit.header_line().to_string()),
                        kind_of_change: parsed[index]
                            .as_ref()
                            .and_then(|p| p.text("type"))
                            .map(str::to_string),
                        rule: None,
                        paths: Vec::new(),
                    });
                }
            }
            readings.push(reading);
        }
        reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
        let next = highest.map(|level| next_version(current, level));
        let bump = highest.map_or(Bump::None, bump_of);
        let noted = match &self.settings.notes {
            Some(notes) => {
                let remote = Remote::parse(self.repository_url(None).as_deref());
                listed(notes, changes, &remote)
            }
            None => Vec::new(),
        };
        warnings.dedup();
        Decision {
            bump,
            next,
            reasons,
            readings,
            noted,
            warnings,
        }
    }

    /// The release notes release-notes-generator writes (empty without that plugin).
    pub fn notes(&self, release: &Notes) -> String {
        let Some(plugin) = &self.settings.notes else {
            return String::new();
        };
        let remote = Remote::parse(self.repository_url(release.remote).as_deref());
        let commits = note_commits(plugin, release.changes, &remote);
        let commits: Vec<NoteCommit> = commits.into_iter().map(|(_, c)| c).collect();
        let context = remote.context(plugin, release);
        match plugin.preset {
            Preset::Angular => angular::render(&commits, &context),
            Preset::ConventionalCommits => {
                conventionalcommits::render(&commits, &context, &plugin.cc)
            }
        }
    }

    /// Warnings for a message semantic-release reads differently from what its author meant.
    pub fn commit_warnings(&self, commit: &Commit) -> Vec<Diagnostic> {
        match (&self.settings.analyzer, &self.analyzer_parser) {
            (Some(plugin), Some(options)) => warnings::check(
                commit,
                plugin,
                options,
                self.settings.notes.as_ref().map(|n| n.preset),
            ),
            _ => Vec::new(),
        }
    }

    /// Puts the notes into the changelog the way @semantic-release/changelog writes it: the
    /// new notes first, under `changelogTitle` when one is set. A section for the same
    /// version at the top is replaced, so writing twice changes nothing.
    pub fn insert_notes(&self, existing: &str, notes: &str, version: &Version) -> String {
        let title = self.settings.changelog_title.as_deref();
        let current = existing.trim();
        let mut content = match title {
            Some(title) if current.starts_with(title) => current[title.len()..].trim(),
            _ => current,
        };
        if same_version_heading(content.lines().next().unwrap_or(""), version) {
            let next = content
                .match_indices('\n')
                .map(|(at, _)| at + 1)
                .find(|&at| {
                    let line = content[at..].lines().next().unwrap_or("");
                    (line.starts_with("# ") || line.starts_with("## "))
                        && heading_version(line).is_some()
                });
            content = next.map_or("", |at| content[at..].trim());
        }
        let notes = notes.trim();
        let body = if content.is_empty() {
            format!("{notes}\n")
        } else {
            format!("{notes}\n\n{content}\n")
        };
        match title {
            Some(title) => format!("{title}\n\n{body}"),
            None => body,
        }
    }

    /// `repositoryUrl` from the configuration (or `package.json`), else `remote`.
    fn repository_url(&self, remote: Option<&str>) -> Option<String> {
        self.settings
            .repository_url
            .clone()
            .or_else(|| remote.map(str::to_string))
    }
}

/// The preset's parser options under the configuration's `parserOpts`, over `base`.
fn parser_options(plugin: &PluginOptions, base: ParserOptions) -> (ParserOptions, Vec<String>) {
    let mut options = plugin
        .preset
        .parser_options(base, plugin.issue_prefixes.clone());
    let problems = preset::apply_parser_opts(&mut options, &plugin.parser_opts);
    (options, problems)
}

/// conventional-commits-filter 5.0.0's `RevertedCommitsFilter` over the range (newest
/// first): a revert is held until the commit it names (same header and full id) comes;
/// then both drop out. Returns the indices kept, in the filter's order, and the pairs
/// (revert, reverted).
fn filter_reverted(
    changes: &[Change],
    parsed: &[Option<Parsed>],
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut hold: Vec<usize> = Vec::new();
    let mut held_reverts = 0;
    let mut kept = Vec::new();
    let mut pairs = Vec::new();
    for (index, commit) in parsed.iter().enumerate() {
        let Some(commit) = commit else {
            continue;
        };
        let reverter = hold.iter().position(|&held| {
            parsed[held]
                .as_ref()
                .and_then(|p| p.revert.as_ref())
                .is_some_and(|revert| reverts(revert, commit, &changes[index].id))
        });
        if let Some(position) = reverter {
            let held = hold.remove(position);
            held_reverts -= 1;
            pairs.push((held, index));
            continue;
        }
        if commit.revert.is_some() {
            hold.push(index);
            held_reverts += 1;
            continue;
        }
        if held_reverts > 0 {
            hold.push(index);
        } else {
            kept.append(&mut hold);
            kept.push(index);
        }
    }
    kept.append(&mut hold);
    (kept, pairs)
}

/// Whether a revert's data (`{header, hash}`) names `commit` (`isMatch`, strings trimmed).
fn reverts(revert: &[(String, Option<String>)], commit: &Parsed, id: &str) -> bool {
    revert.iter().all(|(key, wanted)| {
        let actual = if key == "hash" {
            Some(Some(id))
        } else {
            commit.field(key)
        };
        match (actual, wanted) {
            (Some(Some(actual)), Some(wanted)) => actual.trim() == wanted.trim(),
            (Some(None), None) => true,
            _ => false,
        }
    })
}

/// git's subject (`%s`): the first paragraph, its lines joined by spaces.
fn git_subject(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn bump_of(level: usize) -> Bump {
    match level {
        0 | 1 => Bump::Major,
        2 | 3 => Bump::Minor,
        _ => Bump::Patch,
    }
}

/// `semver.inc(current, type)`, or 1.0.0 for a first release.
fn next_version(current: Option<&Version>, level: usize) -> Version {
    let Some(current) = current else {
        return Version::new(1, 0, 0);
    };
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    let mut next = match rules::RELEASE_TYPES[level] {
        "major" | "premajor" => Version::new(major + 1, 0, 0),
        "minor" | "preminor" => Version::new(major, minor + 1, 0),
        _ => Version::new(major, minor, patch + 1),
    };
    if rules::RELEASE_TYPES[level].starts_with("pre") {
        next.pre = Prerelease::new("0").expect("a valid pre-release");
    }
    next
}

/// What `--explain` says about one commit.
fn explain(
    change: &Change,
    parsed: Option<&Parsed>,
    verdict: Option<&(Option<Verdict>, bool)>,
    pairs: &[(usize, usize)],
    changes: &[Change],
    index: usize,
    preset: Preset,
) -> Reading {
    let reading = |parsed: String, bump: Bump, because: String| Reading {
        commit: change.id.clone(),
        parsed,
        bump,
        because,
    };
    let Some(commit) = parsed else {
        return reading(
            "empty".into(),
            Bump::None,
            "an empty message is skipped".into(),
        );
    };
    let kind = commit.text("type");
    let mut shown = match kind {
        Some(kind) => {
            let scope = commit
                .text("scope")
                .map(|s| format!("({s})"))
                .unwrap_or_default();
            format!("{kind}{scope}")
        }
        None if change.parent_count > 1 => "merge".to_string(),
        None if commit.revert.is_some() => "revert".to_string(),
        None => "no type".to_string(),
    };
    if !commit.notes.is_empty() {
        shown.push_str(" +BREAKING");
    }
    if let Some((revert, reverted)) = pairs.iter().find(|(a, b)| *a == index || *b == index) {
        let because = if *revert == index {
            format!(
                "reverts {} in this range: both drop out",
                changes[*reverted].short_id()
            )
        } else {
            format!(
                "reverted by {} in this range: both drop out",
                changes[*revert].short_id()
            )
        };
        return reading(shown, Bump::None, because);
    }
    match verdict {
        Some((Some(verdict), custom)) => {
            let rule = if *custom {
                format!("releaseRules {}", verdict.rule.describe())
            } else if verdict.rule.breaking {
                "a BREAKING CHANGE note".to_string()
            } else if verdict.rule.revert {
                "a revert".to_string()
            } else {
                format!("rule {}", verdict.rule.describe())
            };
            match verdict.release {
                Release::Type(level) => reading(
                    shown,
                    bump_of(level),
                    format!("{rule} → {}", rules::RELEASE_TYPES[level]),
                ),
                Release::Suppress => reading(shown, Bump::None, format!("{rule} → no release")),
            }
        }
        _ => {
            let header = change.commit.header_line();
            let because = match kind {
                Some(kind) => format!("no rule releases `{kind}`"),
                None if change.parent_count > 1 => {
                    "a merge: the commits it brings in count instead".to_string()
                }
                None if preset == Preset::Angular && bang_header(header) => {
                    "the angular preset does not read `!`: no type, no release".to_string()
                }
                None => format!(
                    "not a `type(scope): subject` header for the {} preset: no release",
                    preset.name()
                ),
            };
            reading(shown, Bump::None, because)
        }
    }
}

/// `type(scope)!: …`.
fn bang_header(header: &str) -> bool {
    static BANG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    BANG.get_or_init(|| parser::pattern(r"^(\w*)(?:\((.*)\))?!: (.*)$", false))
        .is_match(header)
}

/// The notes generator's view of the range: parsed with its options (and the host's
/// reference settings), commits its preset ignores left out, reverted pairs removed.
/// Returns (index in the range, commit), in the order the notes list them.
fn note_commits(
    plugin: &PluginOptions,
    changes: &[Change],
    remote: &Remote,
) -> Vec<(usize, NoteCommit)> {
    let host = remote.host_config();
    let mut base = ParserOptions::default();
    base.reference_actions = Some(host.actions.iter().map(|s| s.to_string()).collect());
    base.issue_prefixes = Some(host.prefixes.iter().map(|s| s.to_string()).collect());
    let (options, _) = parser_options(plugin, base);
    let parsed: Vec<Option<Parsed>> = changes
        .iter()
        .map(|change| {
            let text = &change.commit.text;
            let ignored = plugin
                .ignore_commits
                .as_ref()
                .is_some_and(|re| re.is_match(text));
            if ignored {
                None
            } else {
                parser::parse(text, &options)
            }
        })
        .collect();
    let (kept, _) = filter_reverted(changes, &parsed);
    kept.into_iter()
        .filter_map(|index| {
            let parsed = parsed[index].as_ref()?;
            Some((index, note_commit(&changes[index], parsed)))
        })
        .collect()
}

/// The indices of the commits the notes list.
fn listed(plugin: &PluginOptions, changes: &[Change], remote: &Remote) -> Vec<usize> {
    note_commits(plugin, changes, remote)
        .into_iter()
        .filter(|(_, commit)| match plugin.preset {
            Preset::Angular => angular::is_listed(commit),
            Preset::ConventionalCommits => conventionalcommits::is_listed(commit, &plugin.cc),
        })
        .map(|(index, _)| index)
        .collect()
}

fn note_commit(change: &Change, parsed: &Parsed) -> NoteCommit {
    let subject = match parsed.field("subject") {
        Some(subject) => subject.map(str::to_string),
        None => Some(git_subject(&change.commit.text)),
    };
    NoteCommit {
        hash: change.id.clone(),
        header: parsed.header.clone(),
        kind: parsed.text("type").map(str::to_string),
        scope: parsed.text("scope").map(str::to_string),
        subject,
        body: parsed.body.clone(),
        footer: parsed.footer.clone(),
        notes: parsed.notes.iter().map(|n| n.text.clone()).collect(),
        references: parsed
            .references
            .iter()
            .map(|r| conventional::Reference {
                owner: r.owner.clone(),
                repository: r.repository.clone(),
                prefix: r.prefix.clone(),
                issue: r.issue.clone(),
            })
            .collect(),
        revert: parsed.revert.is_some(),
    }
}

/// The repository URL's parts, as release-notes-generator splits them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Remote {
    /// `https://github.com`.
    host: Option<String>,
    hostname: String,
    owner: Option<String>,
    repository: Option<String>,
}

/// A forge's reference verbs, issue prefixes and link paths (`HOSTS_CONFIG`).
struct HostConfig {
    issue: &'static str,
    commit: &'static str,
    actions: &'static [&'static str],
    prefixes: &'static [&'static str],
}

impl Remote {
    /// Splits a repository URL (https, ssh, or `git@host:owner/repo`); `None` gives no links.
    fn parse(url: Option<&str>) -> Remote {
        let Some(url) = url else {
            return Remote::default();
        };
        let url = url.trim();
        let url = if url.to_ascii_lowercase().ends_with(".git") {
            &url[..url.len() - 4]
        } else {
            url
        };
        let has_scheme = url
            .char_indices()
            .any(|(i, _)| i > 0 && url[i..].starts_with("://"));
        let normalized = if has_scheme {
            url.to_string()
        } else {
            match url
                .rsplit_once('@')
                .map_or((None, url), |(a, h)| (Some(a), h))
            {
                (auth, rest) if rest.contains(':') => {
                    let (host, path) = rest.split_once(':').expect("a colon");
                    let auth = auth.map(|a| format!("{a}@")).unwrap_or_default();
                    format!("ssh://{auth}{host}/{path}")
                }
                _ => return Remote::default(),
            }
        };
        let Some((scheme, rest)) = normalized.split_once("://") else {
            return Remote::default();
        };
        let (authority, path) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, "/"),
        };
        let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, port),
            _ => (authority, ""),
        };
        if hostname.is_empty() {
            return Remote::default();
        }
        let hostname = hostname.to_ascii_lowercase();
        let protocol = format!("{}:", scheme.to_ascii_lowercase());
        let default_port = matches!((scheme, port), ("https", "443") | ("http", "80"));
        let port = if protocol.contains("ssh") || default_port {
            ""
        } else {
            port
        };
        let http = protocol
            .match_indices("http")
            .any(|(at, _)| protocol[at + 4..].chars().next().is_some_and(|c| c != 's'));
        let scheme = if http { "http" } else { "https" };
        let host = if port.is_empty() {
            format!("{scheme}://{hostname}")
        } else {
            format!("{scheme}://{hostname}:{port}")
        };
        let path = path.strip_prefix('/').unwrap_or(path);
        let (owner, repository) = match path.split_once('/') {
            Some((owner, repository)) => (owner, repository),
            None => (path, ""),
        };
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Remote {
            host: Some(host),
            hostname,
            owner: some(owner),
            repository: some(repository),
        }
    }

    fn host_config(&self) -> HostConfig {
        const CLOSE: [&str; 9] = [
            "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
        ];
        match self.hostname.as_str() {
            "github.com" => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &CLOSE,
                prefixes: &["#", "gh-"],
            },
            "bitbucket.org" => HostConfig {
                issue: "issue",
                commit: "commits",
                actions: &[
                    "close",
                    "closes",
                    "closed",
                    "closing",
                    "fix",
                    "fixes",
                    "fixed",
                    "fixing",
                    "resolve",
                    "resolves",
                    "resolved",
                    "resolving",
                ],
                prefixes: &["#"],
            },
            "gitlab.com" => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &[
                    "close", "closes", "closed", "closing", "fix", "fixes", "fixed", "fixing",
                ],
                prefixes: &["#"],
            },
            _ => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &[
                    "close",
                    "closes",
                    "closed",
                    "closing",
                    "fix",
                    "fixes",
                    "fixed",
                    "fixing",
                    "resolve",
                    "resolves",
                    "resolved",
                    "resolving",
                ],
                prefixes: &["#", "gh-"],
            },
        }
    }

    /// The writer's context for one release.
    fn context(&self, plugin: &PluginOptions, release: &Notes) -> Context {
        let host = self.host_config();
        let previous_tag = release.previous_tag.map(str::to_string);
        let current_tag = Some(release.tag.to_string());
        let has_repository = self.repository.is_some();
        Context {
            version: release.version.to_string(),
            date: release.date.to_string(),
            link_compare: plugin
                .link_compare
                .unwrap_or(previous_tag.is_some() && current_tag.is_some()),
            link_references: plugin.link_references.unwrap_or(has_repository),
            previous_tag,
            current_tag,
            host: plugin.host.clone().or_else(|| self.host.clone()),
            owner: self.owner.clone(),
            repository: self.repository.clone(),
            commit_path: plugin
                .commit
                .clone()
                .unwrap_or_else(|| host.commit.to_string()),
            issue_path: plugin
                .issue
                .clone()
                .unwrap_or_else(|| host.issue.to_string()),
        }
    }
}

/// Whether a changelog heading names `version`.
fn same_version_heading(line: &str, version: &Version) -> bool {
    heading_version(line).as_ref() == Some(version)
}

/// The version an angular or conventionalcommits heading names (`# [1.2.0](…) (date)`).
fn heading_version(line: &str) -> Option<Version> {
    let text = line.trim_start_matches('#');
    if text.len() == line.len() || !text.starts_with(' ') {
        return None;
    }
    let text = text.trim_start().trim_start_matches('[');
    let end = text.find([']', ' ', '(']).unwrap_or(text.len());
    Version::parse(&text[..end]).ok()
}

#[cfg(test)]
mod tests;
