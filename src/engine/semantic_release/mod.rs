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

mod changelog_file;
mod explain;
mod filter;
mod glob;
mod notes;
mod parser;
mod preset;
mod remote;
mod rules;
mod settings;
mod warnings;

use std::path::Path;

use semver::{Prerelease, Version};

use crate::changelog::conventional::Commit as NoteCommit;
use crate::changelog::{angular, conventionalcommits};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;
use crate::model::notes::Release as Notes;
use crate::model::version::TagFormat;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};
use explain::explain;
use filter::filter_reverted;
use notes::{listed, note_commits};
use parser::{Parsed, ParserOptions};
use preset::Preset;
use remote::Remote;
use rules::{Release, Verdict};
use settings::PluginOptions;
pub use settings::Settings;

/// semantic-release's configuration, with each plugin's parser options compiled.
#[derive(Debug, Clone)]
pub struct SemanticRelease {
    settings: Box<Settings>,
    /// commit-analyzer's parser options.
    analyzer_parser: Option<Box<ParserOptions>>,
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
            Box::new(options)
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
            settings: Box::new(settings),
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
            // On a release branch semantic-release's last release is never a pre-release.
            pre_releases: false,
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
            .map(|b| match b.name.as_str() {
                "+([0-9])?(.{+([0-9]),x}).x" => "N.x, N.N.x",
                name => name,
            })
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

    /// semantic-release 25.0.9 with commit-analyzer 13.0.1: each commit's release type
    /// (its `releaseRules`, else the default rules), the highest of them applied to
    /// `current` with `semver.inc`, or 1.0.0 for a first release. Surprise: there is no 0.x
    /// rule, and a range with no releasing commit has no first release either.
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
            .map(|c| parser::parse(&c.message.text, options))
            .collect();
        let (kept, pairs) = filter_reverted(changes, &parsed);
        let custom = plugin.release_rules.as_deref();
        let mut verdicts: Vec<Option<(Option<Verdict>, bool)>> = vec![None; changes.len()];
        let mut highest: Option<usize> = None;
        for &index in &kept {
            let Some(commit) = &parsed[index] else {
                continue;
            };
            let subject = git_subject(&changes[index].message.text);
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
                        summary: Some(change.message.header_line().to_string()),
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

    /// release-notes-generator 14.1.1's notes in the angular or conventionalcommits layout
    /// (empty without that plugin). Surprise: it lists commits that release nothing (a
    /// `chore` with a note) and leaves out some that release (`FEAT:` under angular).
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

    /// Warnings for a message semantic-release reads differently from what its author meant
    /// (see [`warnings`]): under angular, `feat!:` and `BREAKING-CHANGE:` are not breaking.
    pub fn commit_warnings(&self, commit: &Message) -> Vec<Diagnostic> {
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
        changelog_file::insert(
            existing,
            notes,
            version,
            self.settings.changelog_title.as_deref(),
        )
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
pub(crate) fn parser_options(
    plugin: &PluginOptions,
    base: ParserOptions,
) -> (ParserOptions, Vec<String>) {
    let mut options = plugin
        .preset
        .parser_options(base, plugin.issue_prefixes.clone());
    let problems = preset::apply_parser_opts(&mut options, &plugin.parser_opts);
    (options, problems)
}

/// `type(scope)!: …`.
pub(crate) fn bang_header(header: &str) -> bool {
    static BANG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    BANG.get_or_init(|| parser::pattern(r"^(\w*)(?:\((.*)\))?!: (.*)$", false))
        .is_match(header)
}

/// git's subject (`%s`): the first paragraph, its lines joined by spaces.
pub(crate) fn git_subject(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn bump_of(level: usize) -> Bump {
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

#[cfg(test)]
mod tests;
