//! Carrying out a [`Plan`], all or nothing. Before each change the journal records it and
//! how to take it back, and is flushed to disk; when a step fails, a hook refuses or a
//! signal arrives, every recorded change is taken back, newest first (see [`super::undo`]),
//! so that the repository is left as it was found: refs, HEAD, index, work tree and object
//! store. When herald itself is killed, the next `herald release` reads the journal and
//! does the same (see [`super::recover`]).

use std::path::{Path, PathBuf};

use super::journal::{Change, Entry, Journal, Store, now};
use super::undo::{self, Left};
use super::{Action, Plan, paths, signals};
use crate::repo::files::{mode_of, read_optional, write_atomic};
use crate::repo::{Built, Repo, RepoError, Stage};

/// How the release commit is made.
pub struct Options<'a> {
    /// Run the pre-commit and commit-msg hooks, as `git commit` does (not with
    /// `--no-verify`).
    pub verify: bool,
    /// How git cleans a message a commit-msg hook rewrote (`commit.cleanup`).
    pub clean_message: &'a dyn Fn(&str) -> String,
}

/// Why a release stopped.
#[derive(Debug)]
pub enum Cause {
    Error(RepoError),
    /// A hook refused the release commit (its output was shown as it ran).
    Hook {
        name: String,
        status: String,
    },
    /// A signal arrived (its number).
    Interrupted(i32),
}

impl From<RepoError> for Cause {
    fn from(error: RepoError) -> Self {
        Cause::Error(error)
    }
}

impl From<std::io::Error> for Cause {
    fn from(error: std::io::Error) -> Self {
        Cause::Error(RepoError::Git(format!(
            "cannot write the release journal: {error}"
        )))
    }
}

/// A release that did not complete.
#[derive(Debug)]
pub struct Failure {
    /// The step that failed, as [`Action::step`] names it.
    pub step: String,
    pub cause: Cause,
    /// What could not be taken back (empty when the repository is as it was).
    pub not_undone: Vec<String>,
}

/// Carries out every step of `plan` in the work tree `root`, telling `progress` before
/// each; on failure, undoes what was done. The caller holds the release lock.
pub fn apply(
    repo: &Repo,
    root: &Path,
    plan: &Plan,
    options: &Options<'_>,
    mut progress: impl FnMut(&Action<'_>),
) -> Result<(), Failure> {
    // Installed for the whole of the changes and their undo: a second Ctrl-C while undoing
    // must not cut the undo short.
    let _signals = signals::Guard::install();
    let mut run = Run {
        repo,
        root,
        plan,
        options,
        store: Store::of(repo),
        journal: Journal::new(root, what(plan), publish_command(plan)),
        built: None,
    };
    let result = run.begin().map_err(|cause| ("begin".to_string(), cause));
    let result = result.and_then(|()| run.steps(&mut progress));
    match result {
        Ok(()) => {
            // The release is complete; a journal that could not be removed says so.
            let _ = run.store.remove();
            Ok(())
        }
        Err((step, cause)) => {
            // Even a release whose local steps were done (its push failed) is undone here;
            // an undo cut short must not be taken for a complete release.
            run.journal.complete = false;
            let _ = run.store.save(&mut run.journal);
            let left = undo::undo(repo, &mut run.journal, &run.store);
            // What is someone else's now is final; what failed may be tried again.
            if !left.iter().any(|l| matches!(l, Left::Failed(_))) {
                let _ = run.store.remove();
            }
            Err(Failure {
                step,
                cause,
                not_undone: left.iter().map(|l| l.text().to_string()).collect(),
            })
        }
    }
}

/// For people: `release 1.3.0 on release/v1.3.0`.
fn what(plan: &Plan) -> String {
    format!("{} {} on {}", plan.flavor.name(), plan.version, plan.branch)
}

/// `git push --atomic origin <branch> <tag>`, quoted for a shell.
pub fn publish_command(plan: &Plan) -> String {
    let remote = plan.push.as_deref().unwrap_or("origin");
    let mut words = vec![
        "git".to_string(),
        "push".into(),
        "--atomic".into(),
        remote.into(),
        plan.branch.clone(),
    ];
    words.extend(plan.tag.iter().map(|t| t.name.clone()));
    words
        .iter()
        .map(|w| crate::model::shell::quote(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One release being carried out.
struct Run<'a> {
    repo: &'a Repo,
    root: &'a Path,
    plan: &'a Plan,
    options: &'a Options<'a>,
    store: Store,
    journal: Journal,
    built: Option<Built>,
}

impl Run<'_> {
    /// Writes the journal before the first change.
    fn begin(&mut self) -> Result<(), Cause> {
        self.store.clear()?;
        self.store.save(&mut self.journal)?;
        self.checkpoint("begin")
    }

    fn steps(&mut self, progress: &mut impl FnMut(&Action<'_>)) -> Result<(), (String, Cause)> {
        for action in self.plan.actions() {
            progress(&action);
            let step = action.step();
            self.step(&action)
                .and_then(|()| self.checkpoint(&step))
                .map_err(|cause| (step, cause))?;
        }
        self.finish_local()
            .map_err(|cause| ("finish".to_string(), cause))
    }

    /// Records that every local step is done: from here on the release is kept.
    fn finish_local(&mut self) -> Result<(), Cause> {
        if !self.journal.complete {
            self.journal.complete = true;
            self.store.save(&mut self.journal)?;
        }
        Ok(())
    }

    /// Records `change` in the journal, on disk, before it is made; returns its place.
    fn record(&mut self, change: Change) -> Result<usize, Cause> {
        self.journal.changes.push(Entry {
            at: now(),
            done: false,
            change,
        });
        self.store.save(&mut self.journal)?;
        Ok(self.journal.changes.len() - 1)
    }

    /// Records that the change at `index` is made. Only a ref's or a hook's completion
    /// changes what an undo does (a ref moved since is then someone else's, a hook no
    /// longer runs), so only those are flushed at once; the others go with the next entry.
    fn done(&mut self, index: usize) -> Result<(), Cause> {
        let entry = &mut self.journal.changes[index];
        entry.done = true;
        if matches!(entry.change, Change::Ref { .. } | Change::Hook { .. }) {
            self.store.save(&mut self.journal)?;
        }
        Ok(())
    }

    fn step(&mut self, action: &Action<'_>) -> Result<(), Cause> {
        let plan = self.plan;
        match action {
            Action::CreateBranch => {
                let entry = self.record(Change::Ref {
                    name: format!("refs/heads/{}", plan.branch),
                    old: None,
                    new: plan.base_commit.clone(),
                })?;
                self.repo.create_branch(&plan.branch, &plan.base_commit)?;
                self.done(entry)
            }
            Action::Switch => self.switch(),
            Action::Write(edit) => {
                if let Some(link) = paths::link_on_the_way(self.root, &edit.path) {
                    return Err(Cause::Error(RepoError::Git(format!(
                        "{link} is a symbolic link; herald does not write through links"
                    ))));
                }
                let path = self.root.join(&edit.path);
                self.write_file(&path, &edit.after)
            }
            Action::Commit => self.commit(),
            Action::Tag(tag) => {
                let target = self
                    .built
                    .as_ref()
                    .and_then(|built| built.tag_object.clone())
                    .ok_or_else(|| RepoError::Git("the tag object was not written".into()))?;
                let entry = self.record(Change::Ref {
                    name: format!("refs/tags/{}", tag.name),
                    old: None,
                    new: target.clone(),
                })?;
                self.repo.create_tag_ref(&tag.name, &target)?;
                self.done(entry)
            }
            Action::Push(remote) => {
                self.journal.complete = true;
                self.journal.pushing = true;
                self.store.save(&mut self.journal)?;
                let interrupted = signals::pending;
                Ok(self.repo.push(remote, &plan.pushed_refs(), &interrupted)?)
            }
        }
    }

    /// Points HEAD at the new branch, checking it out when it is another commit; the
    /// journal keeps HEAD, the index file and HEAD's reflog as they were.
    fn switch(&mut self) -> Result<(), Cause> {
        let head = self.repo.head_state()?;
        let from = self.repo.resolve("HEAD")?;
        let index = self
            .repo
            .index_bytes()?
            .map(|bytes| self.store.keep("index", &bytes))
            .transpose()?;
        let head_log = self
            .repo
            .head_log_bytes()?
            .map(|bytes| self.store.keep("HEAD.log", &bytes))
            .transpose()?;
        let entry = self.record(Change::Switch {
            head: head.to_text(),
            branch: self.plan.branch.clone(),
            from,
            to: self.plan.base_commit.clone(),
            index,
            head_log,
        })?;
        self.repo.switch(&self.plan.branch)?;
        self.done(entry)
    }

    /// Replaces the file at `path` with `bytes`, keeping a copy of what it held.
    fn write_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Cause> {
        let cannot = |e: std::io::Error| {
            Cause::Error(RepoError::Git(format!(
                "cannot write {}: {e}",
                path.display()
            )))
        };
        let before = read_optional(path).map_err(cannot)?;
        let n = self.journal.changes.len();
        let before = before
            .map(|bytes| self.store.keep(&format!("file-{n}"), &bytes))
            .transpose()?;
        let made_dirs = missing_dirs(path);
        let entry = self.record(Change::File {
            path: path.to_path_buf(),
            before,
            mode: mode_of(path),
            made_dirs: made_dirs.clone(),
        })?;
        for dir in &made_dirs {
            std::fs::create_dir(dir).map_err(cannot)?;
        }
        write_atomic(path, bytes, None).map_err(cannot)?;
        self.done(entry)
    }

    /// Stages the files, runs the pre-commit hook, settles the message with the
    /// commit-msg hook, and commits on the branch (moved only from the base).
    fn commit(&mut self) -> Result<(), Cause> {
        let plan = self.plan;
        let paths: Vec<String> = plan.edits.iter().map(|e| e.path.clone()).collect();
        let (mut stage, blobs) = self.repo.stage(&paths)?;
        self.write_objects(&stage, blobs)?;
        let entry = self.record(Change::Index)?;
        stage.write_index()?;
        self.done(entry)?;
        self.checkpoint("stage")?;
        if self.options.verify {
            self.hook("pre-commit", &[])?;
            self.checkpoint("pre-commit")?;
        }
        let message = self.message()?;
        let tag = plan
            .tag
            .as_ref()
            .map(|t| (t.name.as_str(), t.message.as_str()));
        let built = stage.build(self.repo, &plan.base_commit, &message, tag)?;
        self.write_objects(&stage, built.lacking.clone())?;
        self.checkpoint("objects")?;
        let name = format!("refs/heads/{}", plan.branch);
        let entry = self.record(Change::Ref {
            name: name.clone(),
            old: Some(plan.base_commit.clone()),
            new: built.commit.clone(),
        })?;
        let log = format!("commit: {}", message.lines().next().unwrap_or(""));
        self.repo
            .move_ref(&name, &plan.base_commit, &built.commit, &log)?;
        self.done(entry)?;
        self.built = Some(built);
        Ok(())
    }

    /// Writes the objects `ids` from memory, recorded first.
    fn write_objects(&mut self, stage: &Stage, ids: Vec<String>) -> Result<(), Cause> {
        if ids.is_empty() {
            return Ok(());
        }
        let entry = self.record(Change::Objects { ids: ids.clone() })?;
        self.repo.write_objects(stage, &ids)?;
        self.done(entry)
    }

    /// The commit message: as planned, or as the commit-msg hook leaves it in
    /// `COMMIT_EDITMSG` (cleaned as git would), which git aborts on when empty.
    fn message(&mut self) -> Result<String, Cause> {
        let planned = format!("{}\n", self.plan.commit_message.trim_end());
        if !self.options.verify || self.repo.hook("commit-msg")?.is_none() {
            return Ok(planned);
        }
        let file = self.repo.git_dir().join("COMMIT_EDITMSG");
        self.write_file(&file, planned.as_bytes())?;
        self.hook("commit-msg", &[&file])?;
        self.checkpoint("commit-msg")?;
        let bytes = std::fs::read(&file)
            .map_err(|e| RepoError::Git(format!("cannot read {} back: {e}", file.display())))?;
        let cleaned = (self.options.clean_message)(&String::from_utf8_lossy(&bytes));
        if cleaned.trim().is_empty() {
            return Err(Cause::Error(RepoError::Git(
                "the commit-msg hook left an empty commit message".into(),
            )));
        }
        Ok(format!("{cleaned}\n"))
    }

    /// Runs hook `name` when there is one; a refusal stops the release.
    fn hook(&mut self, name: &str, args: &[&Path]) -> Result<(), Cause> {
        if self.repo.hook(name)?.is_none() {
            return Ok(());
        }
        let entry = self.record(Change::Hook {
            name: name.to_string(),
            pid: None,
        })?;
        let (repo, store) = (self.repo, self.store.clone());
        let journal = &mut self.journal;
        let mut started = |pid: u32| {
            if let Change::Hook { pid: slot, .. } = &mut journal.changes[entry].change {
                *slot = Some(pid);
            }
            store
                .save(journal)
                .map_err(|e| RepoError::Git(format!("cannot write the release journal: {e}")))
        };
        let interrupted = signals::pending;
        let run = repo.run_hook(name, args, &mut started, &interrupted)?;
        self.done(entry)?;
        if let Some(signal) = signals::pending() {
            return Err(Cause::Interrupted(signal));
        }
        match run {
            Some(run) if !run.status.success() => Err(Cause::Hook {
                name: name.to_string(),
                status: match run.status.code() {
                    Some(code) => format!("exit {code}"),
                    None => "killed by a signal".into(),
                },
            }),
            _ => Ok(()),
        }
    }

    /// After each step: a signal stops the release here; debug builds also obey the
    /// test suite's injections.
    fn checkpoint(&self, point: &str) -> Result<(), Cause> {
        if let Some(signal) = signals::pending() {
            return Err(Cause::Interrupted(signal));
        }
        injected::after(point)?;
        match signals::pending() {
            Some(signal) => Err(Cause::Interrupted(signal)),
            None => Ok(()),
        }
    }
}

/// The directories to create for `path`, outermost first.
fn missing_dirs(path: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = path
        .ancestors()
        .skip(1)
        .take_while(|dir| !dir.as_os_str().is_empty() && std::fs::symlink_metadata(dir).is_err())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

/// Debug builds only: what the test suite injects right after a step or point
/// (`begin`, `create-branch`, `switch`, `write <path>`, `stage`, `pre-commit`,
/// `commit-msg`, `objects`, `commit`, `tag`, `push`):
/// - `HERALD_TEST_PAUSE_AFTER=<point>` with `HERALD_TEST_PAUSE_FILE=<file>` creates the
///   file and waits there until it is removed or a signal arrives (then the others);
/// - `HERALD_TEST_STOP_AFTER=<point>` kills herald there with SIGKILL, as a crash or a
///   power cut would, with nothing cleaned up;
/// - `HERALD_FAIL_AFTER=<point>` fails the release there, to prove the undo.
mod injected {
    use super::{Cause, RepoError, signals};

    #[cfg(debug_assertions)]
    pub fn after(point: &str) -> Result<(), Cause> {
        let asks = |name: &str| std::env::var(name).is_ok_and(|s| s == point);
        if let (true, Some(file)) = (
            asks("HERALD_TEST_PAUSE_AFTER"),
            std::env::var_os("HERALD_TEST_PAUSE_FILE"),
        ) {
            let file = std::path::PathBuf::from(file);
            let _ = std::fs::write(&file, point);
            while file.exists() && signals::pending().is_none() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        if asks("HERALD_TEST_STOP_AFTER") {
            // SAFETY: ends this process at once, as `kill -9` would.
            unsafe {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
        }
        if asks("HERALD_FAIL_AFTER") {
            return Err(Cause::Error(RepoError::Git(format!(
                "failure injected after `{point}`"
            ))));
        }
        Ok(())
    }

    #[cfg(not(debug_assertions))]
    pub fn after(_point: &str) -> Result<(), Cause> {
        let _ = (signals::pending, RepoError::Git);
        Ok(())
    }
}
