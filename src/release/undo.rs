//! Taking back what a journal records, newest first. Every undo is safe to repeat and to
//! run for a change that was recorded but never made (a release is cut short between the
//! two): refs are put back only while they hold the value the release gave them, so a ref
//! someone else has moved since (another release, a person) is left alone and named;
//! objects are removed only when no ref left alone may point at them.

use super::journal::{Change, Entry, Journal, Store};
use crate::repo::files::{remove_if_present, temp_path, write_atomic};
use crate::repo::{HeadState, RefUndo, Repo, RepoError};

/// Takes back every change `journal` records; returns what could not be (empty when the
/// repository is as it was). Each change taken back is marked so in the journal (no
/// longer done), so that an undo cut short, or one that must be tried again, knows.
pub fn undo(repo: &Repo, journal: &mut Journal, store: &Store) -> Vec<String> {
    let mut left = Vec::new();
    // Whether every ref the release moved is back: only then can its objects go.
    let mut refs_back = true;
    for n in (0..journal.changes.len()).rev() {
        match undo_one(repo, &journal.changes[n], store, &mut refs_back) {
            Ok(()) if journal.changes[n].done => {
                journal.changes[n].done = false;
                let _ = store.save(journal);
            }
            Ok(()) => {}
            Err(problem) if !left.contains(&problem) => left.push(problem),
            Err(_) => {}
        }
    }
    left
}

fn undo_one(repo: &Repo, entry: &Entry, store: &Store, refs_back: &mut bool) -> Result<(), String> {
    match &entry.change {
        Change::Ref { name, old, new } => match repo.undo_ref(name, old.as_deref(), new) {
            Ok(RefUndo::Undone | RefUndo::Untouched) => Ok(()),
            Ok(RefUndo::Moved(_)) if !entry.done => Ok(()),
            Ok(RefUndo::Moved(value)) => {
                *refs_back = false;
                Err(format!(
                    "{name} has been {} since; it is left as it is",
                    match value {
                        Some(id) => format!("moved to {}", &id[..id.len().min(12)]),
                        None => "deleted".into(),
                    }
                ))
            }
            Err(error) => {
                *refs_back = false;
                Err(format!("put back {name}: {}", plain(&error)))
            }
        },
        Change::Objects { ids } if *refs_back => repo
            .remove_objects(ids)
            .map_err(|e| format!("remove the objects the release wrote: {}", plain(&e))),
        Change::Objects { .. } => Err(
            "the objects the release wrote are kept, since a ref left as it is may use them".into(),
        ),
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
            result.map_err(|e| format!("put back {}: {e}", path.display()))
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
        Change::Index | Change::Hook { .. } => Ok(()),
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
) -> Result<(), String> {
    let now = repo.head_state().map_err(|e| plain(&e))?;
    let ours = HeadState::Branch(format!("refs/heads/{branch}"));
    if now != *before && now != ours {
        return Err(format!(
            "HEAD has moved since (to {}); HEAD, the index and the work tree are left as they are",
            now.to_text().trim_start_matches("ref: ")
        ));
    }
    if now != *before {
        repo.set_head_state(before)
            .map_err(|e| format!("put HEAD back: {}", plain(&e)))?;
    }
    let mut left = Vec::new();
    if from != Some(to) {
        match repo.restore_tree(from, to) {
            Ok(paths) => left.extend(
                paths
                    .into_iter()
                    .map(|p| format!("{p} has changed since; it is left as it is")),
            ),
            Err(e) => left.push(format!("put the work tree back: {}", plain(&e))),
        }
    }
    let kept = |name: Option<&str>| name.map(|n| store.kept(n)).transpose();
    match kept(index) {
        Ok(bytes) => {
            if let Err(e) = repo.write_index_file(bytes.as_deref()) {
                left.push(format!("put the index back: {}", plain(&e)));
            }
        }
        Err(e) => left.push(format!("read the kept index: {e}")),
    }
    match kept(head_log) {
        Ok(bytes) => {
            if let Err(e) = repo.write_head_log(bytes.as_deref()) {
                left.push(format!("put HEAD's reflog back: {}", plain(&e)));
            }
        }
        Err(e) => left.push(format!("read the kept reflog: {e}")),
    }
    if left.is_empty() {
        Ok(())
    } else {
        Err(left.join("\n  "))
    }
}

/// An error's text without the `git: ` every repository error starts with.
fn plain(error: &RepoError) -> String {
    error.to_string().trim_start_matches("git: ").to_string()
}
