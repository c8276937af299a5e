//! release-notes-generator 14.1.1's pipeline: the range parsed with the notes plugin's
//! options (with the forge's reference verbs and issue prefixes under them), the commits
//! its preset ignores left out, reverted pairs removed, each commit handed to the layout.

use super::filter::{RevertFacts, filter_reverted};
use super::parser::{self, Parsed, ParserOptions, Words};
use super::preset::Preset;
use super::remote::Remote;
use super::settings::PluginOptions;
use super::writer::{self, Commit as NoteCommit};
use super::{SemanticRelease, angular, conventionalcommits};
use super::{git_subject, parser_options};
use crate::model::Change;
use crate::model::notes::Release;
use crate::model::parallel;

/// The notes generator's view of the range: parsed with its options (and the host's
/// reference settings), commits its preset ignores left out, reverted pairs removed.
/// Returns (index in the range, commit), in the order the notes list them. herald reads
/// this list beside the release type instead ([`Listing`]); the tests hold the two alike.
#[cfg(test)]
pub fn note_commits(
    plugin: &PluginOptions,
    changes: &[Change],
    remote: &Remote,
) -> Vec<(usize, NoteCommit)> {
    let options = notes_options(plugin, remote);
    let keys = &options.revert_correspondence;
    // Each parse is dropped as soon as its note entry is made, so a long range never
    // holds them all.
    let mut reads: Vec<Option<(RevertFacts, NoteCommit)>> = parallel::map(changes, |change| {
        let text = &change.message.text;
        if ignores(plugin, text) {
            return None;
        }
        let parsed = parser::parse(text, &options)?;
        Some((
            RevertFacts::of(&parsed, keys),
            note_commit(plugin, change, &parsed),
        ))
    });
    let (kept, _) = filter_reverted(changes, |index| {
        reads[index].as_ref().map(|(facts, _)| facts)
    });
    kept.into_iter()
        .filter_map(|index| Some((index, reads[index].take()?.1)))
        .collect()
}

/// How the notes see commits, read beside the release-type analysis: from the
/// analyzer's parse when that lists alike, else from a parse of their own.
pub struct Listing<'a> {
    plugin: &'a PluginOptions,
    options: ParserOptions,
    /// Whether the analyzer's parses list commits as the notes' own would.
    shared: bool,
}

/// What the notes make of one commit they do not skip.
pub struct Listed {
    facts: RevertFacts,
    listed: bool,
}

impl<'a> Listing<'a> {
    /// The analyzer's parse lists alike when its options differ from the notes' at most
    /// in reference verbs and issue prefixes. Those decide only which lines hold
    /// references, and so which lines go to the footer rather than the body, and where a
    /// note's text ends. Whether a commit is listed turns on its type, its revert and
    /// whether it has a note at all; every line is looked at for a note until the first
    /// one is found, whatever the references. The exception is the conventionalcommits
    /// preset's `Release-As:`, searched in the body and the footer apart, so a message
    /// holding it is parsed again with the notes' options.
    pub fn new(plugin: &'a PluginOptions, remote: &Remote, analyzer: &ParserOptions) -> Self {
        let options = notes_options(plugin, remote);
        let shared = options.same_apart_from_references(analyzer);
        Listing {
            plugin,
            options,
            shared,
        }
    }

    /// One commit, given the analyzer's parse of it; `None` when the notes skip it.
    pub fn read(&self, change: &Change, analyzed: Option<&Parsed>) -> Option<Listed> {
        let text = &change.message.text;
        if ignores(self.plugin, text) {
            return None;
        }
        let own;
        let parsed = if self.shared && !self.reads_release_as(text) {
            analyzed?
        } else {
            own = parser::parse(text, &self.options)?;
            &own
        };
        Some(Listed {
            facts: RevertFacts::of(parsed, &self.options.revert_correspondence),
            listed: lists(self.plugin, &note_commit(self.plugin, change, parsed)),
        })
    }

    fn reads_release_as(&self, text: &str) -> bool {
        static RELEASE_AS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let release_as =
            RELEASE_AS.get_or_init(|| regex::Regex::new("(?i)release-as").expect("a pattern"));
        self.plugin.preset == Preset::ConventionalCommits && release_as.is_match(text)
    }
}

/// The indices of the commits the notes list, in their order, from each commit's
/// [`Listing::read`].
pub fn listed<'r>(changes: &[Change], reads: impl Fn(usize) -> Option<&'r Listed>) -> Vec<usize> {
    let (kept, _) = filter_reverted(changes, |index| reads(index).map(|read| &read.facts));
    kept.into_iter()
        .filter(|&index| reads(index).is_some_and(|read| read.listed))
        .collect()
}

/// Whether the plugin's preset puts `commit` in the notes.
pub fn lists(plugin: &PluginOptions, commit: &NoteCommit) -> bool {
    match plugin.preset {
        Preset::Angular => angular::is_listed(commit),
        Preset::ConventionalCommits => conventionalcommits::is_listed(commit, &plugin.cc),
    }
}

/// Whether the plugin's `ignoreCommits` leaves the message out.
fn ignores(plugin: &PluginOptions, text: &str) -> bool {
    let ignore = plugin.ignore_commits.as_ref();
    ignore.is_some_and(|re| re.is_match(text))
}

/// The notes plugin's parser options, with the forge's reference verbs and issue prefixes
/// under them.
fn notes_options(plugin: &PluginOptions, remote: &Remote) -> ParserOptions {
    let host = remote.host_config();
    let mut base = ParserOptions::default();
    let words = |list: &[&str]| Some(Words::new(list.iter().map(|s| s.to_string()).collect()));
    base.reference_actions = words(host.actions);
    base.issue_prefixes = words(host.prefixes);
    parser_options(plugin, base).0
}

fn note_commit(plugin: &PluginOptions, change: &Change, parsed: &Parsed) -> NoteCommit {
    let subject = match parsed.field("subject") {
        Some(subject) => subject.map(str::to_string),
        None => Some(git_subject(&change.message.text)),
    };
    NoteCommit {
        hash: change.id.clone(),
        header: parsed.header.clone(),
        kind: parsed.text("type").map(str::to_string),
        scope: parsed.text("scope").map(str::to_string),
        subject,
        release_as: plugin.preset == Preset::ConventionalCommits
            && conventionalcommits::forces_release(
                parsed.footer.as_deref(),
                parsed.body.as_deref(),
            ),
        notes: parsed.notes.iter().map(|n| n.text.clone()).collect(),
        references: parsed
            .references
            .iter()
            .map(|r| writer::Reference {
                owner: r.owner.clone(),
                repository: r.repository.clone(),
                prefix: r.prefix.clone(),
                issue: r.issue.clone(),
            })
            .collect(),
        revert: parsed.revert.is_some(),
    }
}

/// release-notes-generator 14.1.1's notes in the angular or conventionalcommits layout
/// (empty without that plugin), from the commits deciding listed (`release.noted`, read
/// with the same remote, see [`Listing`]): a property test holds them to the notes of the
/// whole range as the plugin reads it ([`note_commits`]). Surprise: it lists commits that
/// release nothing (a `chore` with a note) and leaves out some that release (`FEAT:` under
/// angular).
pub fn render(sr: &SemanticRelease, release: &Release) -> String {
    let Some(plugin) = &sr.settings.notes else {
        return String::new();
    };
    let remote = Remote::parse(sr.repository_url(release.remote).as_deref());
    let commits = listed_commits(plugin, release, &remote);
    layout(plugin, release, &remote, &commits)
}

/// `commits`' notes in the plugin's preset, in the order given.
pub fn layout(
    plugin: &PluginOptions,
    release: &Release,
    remote: &Remote,
    commits: &[NoteCommit],
) -> String {
    let context = remote.context(plugin, release);
    match plugin.preset {
        Preset::Angular => angular::render(commits, &context),
        Preset::ConventionalCommits => conventionalcommits::render(commits, &context, &plugin.cc),
    }
}

/// The notes' entries for the commits deciding listed, each parsed with the notes'
/// options; the rest of the range is not parsed again.
fn listed_commits(plugin: &PluginOptions, release: &Release, remote: &Remote) -> Vec<NoteCommit> {
    let options = notes_options(plugin, remote);
    let listed: Vec<&Change> = (release.noted.iter())
        .filter_map(|&i| release.changes.get(i))
        .collect();
    let parsed = parallel::map(&listed, |change| {
        let parsed = parser::parse(&change.message.text, &options)?;
        Some(note_commit(plugin, change, &parsed))
    });
    parsed.into_iter().flatten().collect()
}
