//! Taking back what a journal records, newest first. Every undo is safe to repeat and to
//! run for a change that was recorded but never made (a release is cut short between the
//! two): refs are put back only while they hold the value the release gave them, so a ref
//! someone else has moved since (another release, a person) is left alone and named;
//! objects are removed only when no ref left alone may point at them.

use super::journal::{Change, Entry, Journal, Store};
use crate::repo::files::{remove_if_present, temp_path, write_atomic};
use crate::repo::{HeadState, RefUndo, Repo, RepoError};

/// What an undo did not take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Left {
    /// Someone else has changed it since: it is theirs now, and stays as it is.
    Theirs(String),
    /// It failed; trying again may take it back.
    Failed(String),
}

impl Left {
    pub fn text(&self) -> &str {
        match self {
            Left::Theirs(text) | Left::Failed(text) => text,
        }
    }
}

/// Takes back every change `journal` records; returns what was not (empty when the
/// repository is as it was). Each change dealt with is marked so in the journal (no longer
/// done), so that an undo cut short, or one tried again after a failure, knows.
pub fn undo(repo: &Repo, journal: &mut Journal, store: &Store) -> Vec<Left> {
    let mut left: Vec<Left> = Vec::new();
    // Whether every ref the release moved is back: only then can its objects go.
    let mut refs_back = true;
    for n in (0..journal.changes.len()).rev() {
        let found = undo_one(repo, &journal.changes[n], store, &mut refs_back);
        let failed = found.iter().any(|l| matches!(l, Left::Failed(_)));
        if !failed && journal.changes[n].done {
            journal.changes[n].done = false;
            let _ = store.save(journal);
        }
        for problem in found {
            if !left.contains(&problem) {
                left.push(problem);
            }
        }
    }
    left
}

fn undo_one(repo: &Repo, entry: &Entry, store: &Store, refs_back: &mut bool) -> Vec<Left> {
    match &entry.change {
        Change::Ref { name, old, new } => match repo.undo_ref(name, old.as_deref(), new) {
            Ok(RefUndo::Undone | RefUndo::Untouched) => Vec::new(),
            Ok(RefUndo::Moved(_)) if !entry.done => Vec::new(),
            Ok(RefUndo::Moved(value)) => {
                *refs_back = false;
                vec![Left::Theirs(format!(
                    "{name} has been {} since; it is left as it is",
                    match value {
                        Some(id) => format!("moved to {}", &id[..id.len().min(12)]),
                        None => "deleted".into(),
                    }
                ))]
            }
            Err(error) => {
                *refs_back = false;
                vec![Left::Failed(format!("put back {name}: {}", plain(&error)))]
            }
        },
        Change::Objects { ids } if *refs_back => match repo.remove_objects(ids) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Left::Failed(format!(
                "remove the objects the release wrote: {}",
                plain(&e)
            ))],
        },
        Change::Objects { .. } => vec![Left::Theirs(
            "the objects the release wrote are kept, since a ref left as it is may use them".into(),
        )],
        Change::File {
            path,
            before,
            mode,
            made_dirs,
        } => {
            let result = (|| {
                remove_if_present(&temp_path(path))?;
                match before {
                    Some(name) => write_atomic(path, &store.kept(name)?, *mode),
                    None => remove_if_present(path),
                }
            })();
            for dir in made_dirs.iter().rev() {
                let _ = std::fs::remove_dir(dir);
            }
            match result {
                Ok(()) => Vec::new(),
                Err(e) => vec![Left::Failed(format!("put back {}: {e}", path.display()))],
            }
        }
        Change::Switch {
            head,
            branch,
            from,
            to,
            index,
            head_log,
        } => undo_switch(
            repo,
            store,
            &HeadState::from_text(head),
            branch,
            (from.as_deref(), to),
            (index.as_deref(), head_log.as_deref()),
        ),
        Change::Index | Change::Hook { .. } => Vec::new(),
    }
}

/// Puts HEAD back, then the work tree's tracked files, the index file and HEAD's reflog;
/// all of it only while HEAD is where the release put it (or still where it was).
fn undo_switch(
    repo: &Repo,
    store: &Store,
    before: &HeadState,
    branch: &str,
    (from, to): (Option<&str>, &str),
    (index, head_log): (Option<&str>, Option<&str>),
) -> Vec<Left> {
    let failed = |what: &str, e: &dyn std::fmt::Display| Left::Failed(format!("{what}: {e}"));
    let now = match repo.head_state() {
        Ok(now) => now,
        Err(e) => return vec![failed("read HEAD", &plain(&e))],
    };
    let ours = HeadState::Branch(format!("refs/heads/{branch}"));
    if now != *before && now != ours {
        return vec![Left::Theirs(format!(
            "HEAD has moved since (to {}); HEAD, the index and the work tree are left as they are",
            now.to_text().trim_start_matches("ref: ")
        ))];
    }
    if now != *before {
        if let Err(e) = repo.set_head_state(before) {
            return vec![failed("put HEAD back", &plain(&e))];
        }
    }
    let mut left = Vec::new();
    if from != Some(to) {
        match repo.restore_tree(from, to) {
            Ok(paths) => left.extend(
                paths
                    .into_iter()
                    .map(|p| Left::Theirs(format!("{p} has changed since; it is left as it is"))),
            ),
            Err(e) => left.push(failed("put the work tree back", &plain(&e))),
        }
    }
    let kept = |name: Option<&str>| name.map(|n| store.kept(n)).transpose();
    match kept(index) {
        Ok(bytes) => {
            if let Err(e) = repo.write_index_file(bytes.as_deref()) {
                left.push(failed("put the index back", &plain(&e)));
            }
        }
        Err(e) => left.push(failed("read the kept index", &e)),
    }
    match kept(head_log) {
        Ok(bytes) => {
            if let Err(e) = repo.write_head_log(bytes.as_deref()) {
                left.push(failed("put HEAD's reflog back", &plain(&e)));
            }
        }
        Err(e) => left.push(failed("read the kept reflog", &e)),
    }
    left
}

/// An error's text without the `git: ` every repository error starts with.
fn plain(error: &RepoError) -> String {
    error.to_string().trim_start_matches("git: ").to_string()
}
