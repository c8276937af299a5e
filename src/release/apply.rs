//! Carrying out a [`Plan`]: each step records how to take it back, and when a step fails
//! every recorded step is taken back, newest first, so that the repository is left as it
//! was found: refs, HEAD, index, work tree and object store.

use std::path::{Path, PathBuf};

use super::{Action, Plan};
use crate::repo::{Recorded, Repo, RepoError, Snapshot};

/// A release that did not complete.
#[derive(Debug)]
pub struct Failure {
    /// The step that failed, as [`Action::step`] names it.
    pub step: String,
    pub error: RepoError,
    /// What could not be taken back (empty when the repository is as it was).
    pub not_undone: Vec<String>,
}

/// A step that was carried out, and what undoing it needs.
enum Done {
    Branch(String),
    Switched(Snapshot),
    Wrote {
        path: PathBuf,
        before: Option<Vec<u8>>,
    },
    Committed(Recorded),
    Tagged(String),
}

/// Carries out every step of `plan` in the work tree `root`, telling `progress` before
/// each; on failure, undoes what was done.
pub fn apply(
    repo: &Repo,
    root: &Path,
    plan: &Plan,
    mut progress: impl FnMut(&Action<'_>),
) -> Result<(), Failure> {
    let mut done: Vec<Done> = Vec::new();
    let mut recorded: Option<Recorded> = None;
    for action in plan.actions() {
        progress(&action);
        let result = step(repo, root, plan, &action, &mut recorded).and_then(|record| {
            done.extend(record);
            injected_failure(&action)
        });
        if let Err(error) = result {
            return Err(Failure {
                step: action.step(),
                error,
                not_undone: undo(repo, done),
            });
        }
    }
    Ok(())
}

/// Carries out one step; returns how to undo it.
fn step(
    repo: &Repo,
    root: &Path,
    plan: &Plan,
    action: &Action<'_>,
    recorded: &mut Option<Recorded>,
) -> Result<Option<Done>, RepoError> {
    Ok(match action {
        Action::CreateBranch => {
            repo.create_branch(&plan.branch, &plan.base_commit)?;
            Some(Done::Branch(plan.branch.clone()))
        }
        Action::Switch => {
            let snapshot = repo.snapshot()?;
            let undo = Done::Switched(snapshot);
            return match repo.switch(&plan.branch) {
                Ok(()) => Ok(Some(undo)),
                Err(error) => {
                    // A checkout can fail half-way; put back what it touched.
                    if let Done::Switched(snapshot) = &undo {
                        let _ = repo.restore(snapshot);
                    }
                    Err(error)
                }
            };
        }
        Action::Write(edit) => {
            let path = root.join(&edit.path);
            let before = read_optional(&path)?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
            }
            std::fs::write(&path, &edit.after).map_err(|e| io_error(&path, e))?;
            Some(Done::Wrote { path, before })
        }
        Action::Commit => {
            let paths: Vec<String> = plan.edits.iter().map(|e| e.path.clone()).collect();
            let tag = plan
                .tag
                .as_ref()
                .map(|t| (t.name.as_str(), t.message.as_str()));
            let record = repo.record(&plan.branch, &paths, &plan.commit_message, tag)?;
            *recorded = Some(record.clone());
            Some(Done::Committed(record))
        }
        Action::Tag(tag) => {
            let target = recorded
                .as_ref()
                .and_then(|r| r.tag_object.clone())
                .ok_or_else(|| RepoError::Git("the tag object was not written".into()))?;
            repo.create_tag_ref(&tag.name, &target)?;
            Some(Done::Tagged(tag.name.clone()))
        }
        Action::Push(remote) => {
            repo.push(remote, &plan.pushed_refs())?;
            None
        }
    })
}

/// Takes back every step, newest first; returns what could not be.
fn undo(repo: &Repo, done: Vec<Done>) -> Vec<String> {
    let mut failed = Vec::new();
    for entry in done.into_iter().rev() {
        let (what, result) = match entry {
            Done::Tagged(name) => (format!("delete tag {name}"), repo.delete_tag(&name)),
            Done::Committed(record) => (
                "remove the release commit's objects".to_string(),
                repo.remove_objects(&record.objects),
            ),
            Done::Wrote { path, before } => (
                format!("restore {}", path.display()),
                restore_file(&path, before.as_deref()),
            ),
            Done::Switched(snapshot) => (
                "switch back to where HEAD was".to_string(),
                repo.restore(&snapshot),
            ),
            Done::Branch(name) => (format!("delete branch {name}"), repo.delete_branch(&name)),
        };
        if let Err(error) = result {
            failed.push(format!("{what}: {error}"));
        }
    }
    failed
}

fn restore_file(path: &Path, before: Option<&[u8]>) -> Result<(), RepoError> {
    let result = match before {
        Some(bytes) => std::fs::write(path, bytes),
        None => std::fs::remove_file(path),
    };
    result.map_err(|e| io_error(path, e))
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, RepoError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path, e)),
    }
}

fn io_error(path: &Path, error: std::io::Error) -> RepoError {
    RepoError::Git(format!("cannot write {}: {error}", path.display()))
}

/// Debug builds only: `HERALD_FAIL_AFTER=<step>` fails the release right after that step
/// (`create-branch`, `switch`, `write <path>`, `commit`, `tag`, `push`), so that the test
/// suite can prove the undo log at every step.
fn injected_failure(action: &Action<'_>) -> Result<(), RepoError> {
    #[cfg(debug_assertions)]
    if std::env::var("HERALD_FAIL_AFTER").is_ok_and(|s| s == action.step()) {
        return Err(RepoError::Git(format!(
            "failure injected after `{}`",
            action.step()
        )));
    }
    let _ = action;
    Ok(())
}
