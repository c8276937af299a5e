//! release-notes-generator 14.1.1's pipeline: the range parsed with the notes plugin's
//! options (with the forge's reference verbs and issue prefixes under them), the commits
//! its preset ignores left out, reverted pairs removed, each commit handed to the layout.

use super::filter::{RevertFacts, filter_reverted};
use super::parser::{self, Parsed, ParserOptions};
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
/// Returns (index in the range, commit), in the order the notes list them.
pub fn note_commits(
    plugin: &PluginOptions,
    changes: &[Change],
    remote: &Remote,
) -> Vec<(usize, NoteCommit)> {
    read_range(plugin, changes, remote, note_commit)
}

/// The indices of the commits the notes list.
pub fn listed(plugin: &PluginOptions, changes: &[Change], remote: &Remote) -> Vec<usize> {
    read_range(plugin, changes, remote, |change, parsed| {
        let commit = note_commit(change, parsed);
        match plugin.preset {
            Preset::Angular => angular::is_listed(&commit),
            Preset::ConventionalCommits => conventionalcommits::is_listed(&commit, &plugin.cc),
        }
    })
    .into_iter()
    .filter(|&(_, listed)| listed)
    .map(|(index, _)| index)
    .collect()
}

/// What `read` makes of each commit the notes generator keeps, as [`note_commits`] says,
/// on every core. Each parse is dropped as soon as `read` has seen it, so a long range
/// never holds them all.
fn read_range<T: Send>(
    plugin: &PluginOptions,
    changes: &[Change],
    remote: &Remote,
    read: impl Fn(&Change, &Parsed) -> T + Sync,
) -> Vec<(usize, T)> {
    let host = remote.host_config();
    let mut base = ParserOptions::default();
    base.reference_actions = Some(host.actions.iter().map(|s| s.to_string()).collect());
    base.issue_prefixes = Some(host.prefixes.iter().map(|s| s.to_string()).collect());
    let (options, _) = parser_options(plugin, base);
    let keys = &options.revert_correspondence;
    let mut reads: Vec<Option<(RevertFacts, T)>> = parallel::map(changes, |change| {
        let text = &change.message.text;
        let ignored = plugin
            .ignore_commits
            .as_ref()
            .is_some_and(|re| re.is_match(text));
        if ignored {
            return None;
        }
        let parsed = parser::parse(text, &options)?;
        Some((RevertFacts::of(&parsed, keys), read(change, &parsed)))
    });
    let (kept, _) = filter_reverted(changes, |index| {
        reads[index].as_ref().map(|(facts, _)| facts)
    });
    kept.into_iter()
        .filter_map(|index| Some((index, reads[index].take()?.1)))
        .collect()
}

fn note_commit(change: &Change, parsed: &Parsed) -> NoteCommit {
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
        body: parsed.body.clone(),
        footer: parsed.footer.clone(),
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
/// (empty without that plugin). Surprise: it lists commits that release nothing (a
/// `chore` with a note) and leaves out some that release (`FEAT:` under angular).
pub fn render(sr: &SemanticRelease, release: &Release) -> String {
    let Some(plugin) = &sr.settings.notes else {
        return String::new();
    };
    let remote = Remote::parse(sr.repository_url(release.remote).as_deref());
    let commits = note_commits(plugin, release.changes, &remote);
    let commits: Vec<NoteCommit> = commits.into_iter().map(|(_, c)| c).collect();
    let context = remote.context(plugin, release);
    match plugin.preset {
        Preset::Angular => angular::render(&commits, &context),
        Preset::ConventionalCommits => conventionalcommits::render(&commits, &context, &plugin.cc),
    }
}
