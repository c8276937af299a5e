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

mod angular;
mod changelog_file;
mod conventionalcommits;
mod decide;
mod differences;
mod explain;
mod filter;
mod glob;
pub mod header;
mod notes;
mod parser;
mod preset;
mod remote;
mod rules;
mod settings;
mod warnings;
mod writer;

use semver::Version;

use super::detect::{CiUse, Marker};
use super::{NotesError, Tool};
use crate::model::diagnostic::Diagnostic;
use crate::model::files::Files;
use crate::model::message::Message;
use crate::model::notes::Release;
use crate::model::{
    Bump, Change, ConfigError, Decision, Forecast, Surroundings, Tag, TagFormat, Target, Warning,
};
use parser::ParserOptions;
use settings::PluginOptions;
pub use settings::Settings;

/// cosmiconfig's search places for "release", in its order.
pub const MARKERS: &[Marker] = &[
    Marker::JsonKey("package.json", "release"),
    Marker::File(".releaserc"),
    Marker::File(".releaserc.json"),
    Marker::File(".releaserc.yaml"),
    Marker::File(".releaserc.yml"),
    Marker::File(".releaserc.js"),
    Marker::File(".releaserc.ts"),
    Marker::File(".releaserc.cjs"),
    Marker::File(".releaserc.mjs"),
    Marker::File(".config/releaserc"),
    Marker::File(".config/releaserc.json"),
    Marker::File(".config/releaserc.yaml"),
    Marker::File(".config/releaserc.yml"),
    Marker::File(".config/releaserc.js"),
    Marker::File(".config/releaserc.ts"),
    Marker::File(".config/releaserc.cjs"),
    Marker::File(".config/releaserc.mjs"),
    Marker::File("release.config.js"),
    Marker::File("release.config.ts"),
    Marker::File("release.config.cjs"),
    Marker::File("release.config.mjs"),
];

/// semantic-release's configuration, with each plugin's parser options compiled.
#[derive(Debug, Clone)]
pub struct SemanticRelease {
    settings: Box<Settings>,
    /// commit-analyzer's parser options.
    analyzer_parser: Option<Box<ParserOptions>>,
    /// Options herald does not reproduce, repeated with every decision.
    warnings: Vec<Warning>,
}

impl SemanticRelease {
    /// Reads the configuration file semantic-release would use (`None`: its defaults),
    /// with the options a CI step gives it over the file's (cycjimmy/semantic-release-action's
    /// `tag_format`, `branches`, …).
    pub fn load(
        files: &dyn Files,
        file: Option<&str>,
        ci: Option<&CiUse>,
    ) -> Result<SemanticRelease, ConfigError> {
        let mut settings = match file {
            Some(path) => Settings::load(files, path)?,
            None => Settings::default(),
        };
        if let Some(ci) = ci {
            settings.apply_action_inputs(&ci.inputs, &ci.place);
        }
        Ok(SemanticRelease::new(settings))
    }

    pub fn new(settings: Settings) -> SemanticRelease {
        let mut warnings: Vec<Warning> = settings
            .warnings
            .iter()
            .map(Warning::not_reproduced)
            .collect();
        let analyzer_parser = settings.analyzer.as_ref().map(|plugin| {
            let (options, problems) = parser_options(plugin, ParserOptions::default());
            warnings.extend(
                problems
                    .into_iter()
                    .map(|p| Warning::not_reproduced(format!("commit-analyzer: {p}"))),
            );
            Box::new(options)
        });
        if let Some(plugin) = &settings.notes {
            let (_, problems) = parser_options(plugin, ParserOptions::default());
            warnings.extend(
                problems
                    .into_iter()
                    .map(|p| Warning::not_reproduced(format!("release-notes-generator: {p}"))),
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

    /// `repositoryUrl` from the configuration (or `package.json`), else `remote`.
    fn repository_url(&self, remote: Option<&str>) -> Option<String> {
        self.settings
            .repository_url
            .clone()
            .or_else(|| remote.map(str::to_string))
    }
}

impl Tool for SemanticRelease {
    fn name(&self) -> &'static str {
        "semantic-release"
    }

    /// semantic-release reads the range with `git log from..to` (git-log-parser), in git's
    /// default order: commits taken newest date first from a list their children add them
    /// to, equal dates in the order they were added (git's `limit_list`, which libgit2's
    /// unsorted walk keeps as it is). With dates out of order a commit can come before one
    /// that descends from it, and then a revert no longer meets the commit it reverts
    /// (conventional-commits-filter holds a revert only for older commits); with equal
    /// dates on two branches, the order of the notes' breaking changes follows it.
    fn walk_order(&self) -> crate::model::WalkOrder {
        crate::model::WalkOrder::Unsorted
    }

    /// The one thing semantic-release versions: the repository, tagged `tagFormat`.
    fn targets(&self, repository: &str) -> Vec<Target> {
        let template = self.settings.tag_format.replace("${version}", "{version}");
        vec![Target {
            name: repository.to_string(),
            format: TagFormat::new(&template, None),
            paths: None,
            recorded: None,
            // On a release branch semantic-release's last release is never a pre-release.
            pre_releases: false,
            untagged: None,
        }]
    }

    /// What `preview` says about the branch: semantic-release releases only from its
    /// release branches, and from pre-release or maintenance branches differently.
    fn branch_warning(&self, branch: Option<&str>) -> Option<Warning> {
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
            None => Some(Warning::advice(format!(
                "semantic-release publishes only from its release branches ({}); on `{branch}` CI releases nothing: this is what these commits release once merged into one",
                listed.join(", ")
            ))),
            Some(found) => {
                if let Some(label) = &found.prerelease {
                    Some(Warning::not_reproduced(format!(
                        "`{branch}` is a pre-release branch: semantic-release publishes `-{label}.N` versions from it, which herald does not reproduce (this is the release branch's answer; `--pre {label}` approximates it)"
                    )))
                } else if found.maintenance {
                    Some(Warning::not_reproduced(format!(
                        "`{branch}` is a maintenance branch: semantic-release limits its releases to the branch's range, which herald does not check"
                    )))
                } else {
                    None
                }
            }
        }
    }

    fn differences(
        &self,
        _target: &Target,
        forecast: &Forecast,
        around: &Surroundings,
    ) -> Vec<String> {
        differences::differences(self, forecast, around)
    }

    fn decide(
        &self,
        _target: &Target,
        changes: &[Change],
        current: Option<&Version>,
        _tags: &[Tag],
        remote: Option<&str>,
    ) -> Decision {
        decide::decide(self, changes, current, remote)
    }

    fn notes(&self, release: &Release) -> Result<String, NotesError> {
        Ok(notes::render(self, release))
    }

    /// Warnings for a message semantic-release reads differently from what its author meant
    /// (see [`warnings`]): under angular, `feat!:` and `BREAKING-CHANGE:` are not breaking.
    fn commit_warnings(&self, commit: &Message, _current: Option<&Version>) -> Vec<Diagnostic> {
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
    fn insert_notes(&self, existing: &str, notes: &str, version: &Version) -> String {
        changelog_file::insert(
            existing,
            notes,
            version,
            self.settings.changelog_title.as_deref(),
        )
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

#[cfg(test)]
mod tests;
