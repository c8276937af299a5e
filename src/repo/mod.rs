//! The one door to git: everything herald reads from or writes to a repository goes
//! through [`Repo`], which hands out herald's own types, never git2's. This file opens the
//! repository and answers questions about its setup and state; `history` walks commits,
//! `tags` reads release tags, `write` makes and undoes a release's changes.

use std::path::{Path, PathBuf};

use std::cell::RefCell;

use git2::Repository;

use commits_cache::CommitsCache;

mod branch;
mod cache_file;
mod changed_paths;
mod commit_graph;
mod commits_cache;
pub mod files;
mod history;
mod hooks;
pub mod lock;
mod paths_cache;
mod process;
mod progress;
mod tags;
mod threads;
mod tree_files;
mod walk;
mod write;

pub use history::{History, Messages, WalkRequest};
pub use hooks::HookRun;
pub use process::Interrupted;
pub use progress::{ProgressFn, WalkProgress};
pub use tree_files::TreeFiles;
pub use write::{Built, HeadState, RefUndo, Stage};

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("not a git repository (or any parent up to the root): {}", .0.display())]
    NotARepository(PathBuf),
    #[error("`{spec}` is not a revision or range in this repository: {message}")]
    BadRevision { spec: String, message: String },
    #[error("{0}")]
    Shallow(String),
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for RepoError {
    fn from(error: git2::Error) -> Self {
        RepoError::Git(error.message().to_string())
    }
}

/// Bounds what libgit2 keeps of pack files mapped at once. Its defaults (1 GiB windows,
/// 8 GiB in all) keep every page a long walk touched; reading 100,000 commits touched the
/// whole pack. Windows of 4 MiB, at most 16 MiB at a time, cost no measurable time, since
/// a walk reads the pack in order. Call it at start-up, before any thread exists.
pub fn limit_mapped_memory() {
    // SAFETY: libgit2's options are plain globals; this runs once in `main` before any
    // other thread is started, as git2 requires.
    unsafe {
        let _ = git2::opts::set_mwindow_size(WINDOW_SIZE);
        let _ = git2::opts::set_mwindow_mapped_limit(MAPPED_LIMIT);
    }
}

const WINDOW_SIZE: usize = 4 << 20;
const MAPPED_LIMIT: usize = 16 << 20;

/// `git` in `dir`, reading no system or global configuration, for unit tests that need
/// files only git writes (a commit-graph).
#[cfg(test)]
pub(crate) fn isolated_git(dir: &Path) -> std::process::Command {
    let mut git = std::process::Command::new("git");
    git.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "a")
        .env("GIT_AUTHOR_EMAIL", "a@b")
        .env("GIT_COMMITTER_NAME", "a")
        .env("GIT_COMMITTER_EMAIL", "a@b");
    git
}

/// An object id as a map key. git2's `Oid` hashes all 32 bytes of its buffer, and libgit2
/// does not always zero the bytes past a SHA-1 id, so two equal ids could hash apart;
/// this hashes the id's own bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OidKey(pub git2::Oid);

impl std::hash::Hash for OidKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_bytes().hash(state);
    }
}

pub struct Repo {
    inner: Repository,
    /// Told how far long walks have got; `None` for hooks and machine-read output.
    progress: Option<ProgressFn>,
    /// What herald reads of each commit, read from the git directory on the first long
    /// walk and written back by the walk that read commits it did not hold.
    commits_cache: RefCell<Option<CommitsCache>>,
    /// The commit-graph, read on the first walk or ancestry question that can use it.
    commit_graph: std::cell::OnceCell<Option<commit_graph::CommitGraph>>,
}

impl Repo {
    /// The repository around the current directory, honouring `GIT_DIR` and friends as
    /// git does when it runs a hook.
    pub fn discover() -> Result<Repo, RepoError> {
        // herald only reads objects git wrote; git does not re-hash them on read either.
        git2::opts::strict_hash_verification(false);
        match Repository::open_from_env() {
            Ok(inner) => Ok(Repo::from(inner)),
            Err(error) if error.code() == git2::ErrorCode::NotFound => Err(
                RepoError::NotARepository(std::env::current_dir().unwrap_or_default()),
            ),
            Err(error) => Err(error.into()),
        }
    }

    /// The repository whose work tree (or git directory) is `path`, as git opens it.
    pub fn open(path: &Path) -> Result<Repo, RepoError> {
        git2::opts::strict_hash_verification(false);
        match Repository::open(path) {
            Ok(inner) => Ok(Repo::from(inner)),
            Err(error) if error.code() == git2::ErrorCode::NotFound => {
                Err(RepoError::NotARepository(path.to_path_buf()))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// The repository, reporting how far its history walks have got to `progress`.
    pub fn with_progress(mut self, progress: ProgressFn) -> Repo {
        self.progress = Some(progress);
        self
    }

    /// Tells the progress display, if any, how far a walk has got.
    fn report(&self, step: WalkProgress) {
        if let Some(progress) = &self.progress {
            progress(step);
        }
    }

    fn from(inner: Repository) -> Repo {
        Repo {
            inner,
            progress: None,
            commits_cache: RefCell::new(None),
            commit_graph: std::cell::OnceCell::new(),
        }
    }

    /// Where the files each commit changed are kept between runs.
    fn paths_cache_file(&self) -> PathBuf {
        self.herald_dir().join("cache-v1").join("changed-paths")
    }

    /// Where what herald reads of each commit is kept between runs, as `held`.
    fn commits_cache_file(&self, held: commits_cache::Held) -> PathBuf {
        self.herald_dir().join("cache-v1").join(held.file_name())
    }

    /// How many bytes an object id has in this repository.
    fn id_len(&self) -> usize {
        match self.inner.object_format() {
            git2::ObjectFormat::Sha1 => 20,
            git2::ObjectFormat::Sha256 => 32,
        }
    }

    /// The directory herald keeps its own state in: `herald` in the common git directory,
    /// which linked worktrees share.
    pub fn herald_dir(&self) -> PathBuf {
        self.inner.commondir().join("herald")
    }

    /// The work tree's root, or `None` in a bare repository.
    pub fn work_tree(&self) -> Option<&Path> {
        self.inner.workdir()
    }

    /// This work tree's own git directory (`.git`, or `.git/worktrees/<name>`).
    pub fn git_dir(&self) -> &Path {
        self.inner.path()
    }

    /// The directory git runs hooks from: `core.hooksPath` (relative to the work tree's
    /// root, as git resolves it) or the common git directory's `hooks`, which linked
    /// worktrees share.
    pub fn hooks_dir(&self) -> Result<PathBuf, RepoError> {
        if let Some(configured) = self.config_string("core.hooksPath") {
            let path = expand_home(&configured);
            if path.is_absolute() {
                return Ok(path);
            }
            let base = self.work_tree().unwrap_or_else(|| self.inner.commondir());
            return Ok(base.join(path));
        }
        Ok(self.inner.commondir().join("hooks"))
    }

    /// A configuration value as git would read it (system, global, local, worktree).
    pub fn config_string(&self, key: &str) -> Option<String> {
        let config = self.inner.config().ok()?.snapshot().ok()?;
        config.get_string(key).ok()
    }

    /// The commit a revision names; `None` when it is an unborn branch's HEAD.
    pub fn resolve(&self, rev: &str) -> Result<Option<String>, RepoError> {
        match self
            .inner
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
        {
            Ok(commit) => Ok(Some(commit.id().to_string())),
            Err(_)
                if rev == "HEAD"
                    && self
                        .inner
                        .head()
                        .is_err_and(|e| e.code() == git2::ErrorCode::UnbornBranch) =>
            {
                Ok(None)
            }
            Err(error) => Err(RepoError::BadRevision {
                spec: rev.to_string(),
                message: error.message().to_string(),
            }),
        }
    }

    /// The URL of a remote, if it exists.
    pub fn remote_url(&self, name: &str) -> Option<String> {
        self.inner
            .find_remote(name)
            .ok()?
            .url()
            .ok()
            .map(str::to_string)
    }

    pub fn has_remote(&self, name: &str) -> bool {
        self.inner.find_remote(name).is_ok()
    }

    pub fn is_shallow(&self) -> bool {
        self.inner.is_shallow()
    }

    /// The branch HEAD points at; `None` when detached.
    pub fn head_branch(&self) -> Option<String> {
        let head = self.inner.find_reference("HEAD").ok()?;
        let target = head.symbolic_target().ok()??;
        target.strip_prefix("refs/heads/").map(str::to_string)
    }

    /// Every file in the tree of `rev`.
    pub fn tree_files(&self, rev: &str) -> Result<Vec<String>, RepoError> {
        let commit = self.inner.find_commit(self.oid(rev)?)?;
        let mut files = Vec::new();
        commit
            .tree()?
            .walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
                if entry.kind() == Some(git2::ObjectType::Blob) {
                    files.push(format!(
                        "{dir}{}",
                        String::from_utf8_lossy(entry.name_bytes())
                    ));
                }
                git2::TreeWalkResult::Ok
            })?;
        Ok(files)
    }

    /// The bytes of `path` in the tree of commit `rev`; `None` when it has no such file.
    pub fn file_at(&self, rev: &str, path: &str) -> Result<Option<Vec<u8>>, RepoError> {
        let commit = self.commit_of(rev)?;
        let entry = match commit.tree()?.get_path(Path::new(path)) {
            Ok(entry) => entry,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        match entry.to_object(&self.inner)?.into_blob() {
            Ok(blob) => Ok(Some(blob.content().to_vec())),
            Err(_) => Ok(None),
        }
    }

    /// The first part of `path` that the tree of commit `rev` holds as a symbolic link
    /// or a submodule, where a directory or the file itself should be.
    pub fn link_in_tree(&self, rev: &str, path: &str) -> Result<Option<String>, RepoError> {
        let tree = self.commit_of(rev)?.tree()?;
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        for n in 1..=parts.len() {
            let prefix = parts[..n].join("/");
            let entry = match tree.get_path(Path::new(&prefix)) {
                Ok(entry) => entry,
                Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
                Err(e) => return Err(e.into()),
            };
            let mode = entry.filemode();
            if mode == 0o120000 || mode == 0o160000 {
                return Ok(Some(prefix));
            }
        }
        Ok(None)
    }

    /// An existing ref that stops `name` (a full ref name) from being created because one
    /// would be a directory of the other (`refs/heads/release` and
    /// `refs/heads/release/v1.0.0`): git cannot have both.
    pub fn ref_in_the_way(&self, name: &str) -> Result<Option<String>, RepoError> {
        let mut names = self.inner.references()?;
        for reference in names.names() {
            let other = reference?;
            let blocks = name
                .strip_prefix(other)
                .is_some_and(|rest| rest.starts_with('/'))
                || other
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('/'));
            if blocks {
                return Ok(Some(other.to_string()));
            }
        }
        Ok(None)
    }

    fn commit_of(&self, rev: &str) -> Result<git2::Commit<'_>, RepoError> {
        self.inner
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| RepoError::BadRevision {
                spec: rev.to_string(),
                message: e.message().to_string(),
            })
    }

    /// An object id in this repository's format (SHA-1 or SHA-256).
    fn oid(&self, id: &str) -> Result<git2::Oid, RepoError> {
        Ok(git2::Oid::from_str_ext(id, self.inner.object_format())?)
    }

    /// Whether `name` can be a branch name (`git check-ref-format --branch`).
    pub fn is_valid_branch_name(name: &str) -> bool {
        !name.starts_with('-') && git2::Reference::is_valid_name(&format!("refs/heads/{name}"))
    }

    /// Whether `name` can be a tag name.
    pub fn is_valid_tag_name(name: &str) -> bool {
        !name.starts_with('-') && git2::Reference::is_valid_name(&format!("refs/tags/{name}"))
    }

    pub fn branch_exists(&self, name: &str) -> bool {
        self.inner
            .find_reference(&format!("refs/heads/{name}"))
            .is_ok()
    }

    pub fn tag_exists(&self, name: &str) -> bool {
        self.inner
            .find_reference(&format!("refs/tags/{name}"))
            .is_ok()
    }

    /// Tracked files whose work tree or index differs from HEAD (untracked files do not
    /// count: a release never touches them).
    pub fn changed_files(&self) -> Result<Vec<String>, RepoError> {
        let mut options = git2::StatusOptions::new();
        options
            .include_untracked(false)
            .include_ignored(false)
            .exclude_submodules(true);
        let statuses = self.inner.statuses(Some(&mut options))?;
        Ok(statuses
            .iter()
            .filter(|s| s.status() != git2::Status::CURRENT)
            .map(|s| String::from_utf8_lossy(s.path_bytes()).into_owned())
            .collect())
    }

    /// The operation in progress (a merge, a rebase…), if any.
    pub fn operation_in_progress(&self) -> Option<&'static str> {
        use git2::RepositoryState as S;
        match self.inner.state() {
            S::Clean => None,
            S::Merge => Some("a merge"),
            S::Revert | S::RevertSequence => Some("a revert"),
            S::CherryPick | S::CherryPickSequence => Some("a cherry-pick"),
            S::Bisect => Some("a bisect"),
            S::Rebase | S::RebaseInteractive | S::RebaseMerge => Some("a rebase"),
            S::ApplyMailbox | S::ApplyMailboxOrRebase => Some("`git am`"),
        }
    }
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}
