//! Running the repository's own hooks as `git commit` runs them, for the commits herald
//! makes itself (libgit2 runs no hooks): found where git looks (`core.hooksPath`, else the
//! common git directory's `hooks`), run only when executable, from the work tree's root,
//! with stdin from `/dev/null`, their output on stderr, and the environment git gives them
//! (`GIT_INDEX_FILE`, `GIT_EDITOR=:`, the author, `GIT_DIR` in a linked worktree).
//! What herald itself was given (`GIT_DIR`, `GIT_WORK_TREE`) passes on, as with git.

use std::os::fd::AsFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use super::process::{self, Interrupted};
use super::{Repo, RepoError};

/// A hook that ran.
#[derive(Debug)]
pub struct HookRun {
    pub path: PathBuf,
    pub status: ExitStatus,
}

impl Repo {
    /// The hook `name` git would run: in the hooks directory and executable.
    pub fn hook(&self, name: &str) -> Result<Option<PathBuf>, RepoError> {
        let path = self.hooks_dir()?.join(name);
        let executable = std::fs::metadata(&path)
            .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0);
        Ok(executable.then_some(path))
    }

    /// Runs hook `name` with `args`, when there is one; `started` gets its pid first.
    pub fn run_hook(
        &self,
        name: &str,
        args: &[&Path],
        started: &mut dyn FnMut(u32) -> Result<(), RepoError>,
        interrupted: Interrupted<'_>,
    ) -> Result<Option<HookRun>, RepoError> {
        let Some(path) = self.hook(name)? else {
            return Ok(None);
        };
        let cannot = |e: std::io::Error| {
            RepoError::Git(format!(
                "cannot run the {name} hook {}: {e}",
                path.display()
            ))
        };
        let mut command = Command::new(&path);
        command
            .args(args)
            .current_dir(self.work_tree().unwrap_or_else(|| self.git_dir()))
            .stdin(Stdio::null())
            .stdout(stderr_as_stdio().map_err(cannot)?)
            .env("GIT_INDEX_FILE", self.index_path())
            .env("GIT_EDITOR", ":")
            .env("GIT_PREFIX", "")
            .envs(self.author_env()?);
        if self.is_linked_worktree() {
            command.env("GIT_DIR", self.git_dir());
        }
        let mut child = command.spawn().map_err(cannot)?;
        started(child.id())?;
        let status = process::wait(&mut child, interrupted).map_err(cannot)?;
        Ok(Some(HookRun { path, status }))
    }

    /// Whether this is a linked worktree (its git directory is not the common one).
    fn is_linked_worktree(&self) -> bool {
        self.inner.is_worktree()
    }
}

/// herald's stderr, for a hook's stdout (git shows hooks' output on stderr).
fn stderr_as_stdio() -> std::io::Result<Stdio> {
    Ok(Stdio::from(std::io::stderr().as_fd().try_clone_to_owned()?))
}
