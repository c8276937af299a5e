//! The one door to git: everything herald reads from or writes to a repository goes
//! through [`Repo`], which hands out herald's own types, never git2's.

use std::path::{Path, PathBuf};

use git2::{Repository, Sort};
use semver::Version;

use crate::version::TagFormat;

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("not a git repository (or any parent up to the root): {}", .0.display())]
    NotARepository(PathBuf),
    #[error("`{spec}` is not a revision or range in this repository: {message}")]
    BadRevision { spec: String, message: String },
    #[error("git: {0}")]
    Git(String),
}

impl From<git2::Error> for RepoError {
    fn from(error: git2::Error) -> Self {
        RepoError::Git(error.message().to_string())
    }
}

/// A commit as herald needs it.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub id: String,
    /// The raw message bytes, as git stores them.
    pub message: Vec<u8>,
    pub parent_count: usize,
}

/// A release tag whose name carries a version.
#[derive(Debug, Clone)]
pub struct VersionTag {
    pub name: String,
    pub version: Version,
}

pub struct Repo {
    inner: Repository,
}

impl Repo {
    /// The repository around the current directory, honouring `GIT_DIR` and friends as
    /// git does when it runs a hook.
    pub fn discover() -> Result<Repo, RepoError> {
        match Repository::open_from_env() {
            Ok(inner) => Ok(Repo { inner }),
            Err(error) if error.code() == git2::ErrorCode::NotFound => Err(
                RepoError::NotARepository(std::env::current_dir().unwrap_or_default()),
            ),
            Err(error) => Err(error.into()),
        }
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

    /// The commits of a revision range (`A..B`, `A...B` or a single revision meaning
    /// everything reachable from it), newest first.
    pub fn commits(&self, spec: &str) -> Result<Vec<CommitInfo>, RepoError> {
        let bad = |error: git2::Error| RepoError::BadRevision {
            spec: spec.to_string(),
            message: error.message().to_string(),
        };
        let mut walk = self.inner.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL)?;
        if spec.contains("..") {
            walk.push_range(spec).map_err(bad)?;
        } else {
            let object = self.inner.revparse_single(spec).map_err(bad)?;
            walk.push(object.peel_to_commit().map_err(bad)?.id())?;
        }
        walk.map(|id| {
            let commit = self.inner.find_commit(id?)?;
            Ok(CommitInfo {
                id: commit.id().to_string(),
                message: commit.message_raw_bytes().to_vec(),
                parent_count: commit.parent_count(),
            })
        })
        .collect()
    }

    /// The highest stable release tag reachable from HEAD, if any.
    pub fn last_release(&self, format: &TagFormat) -> Result<Option<VersionTag>, RepoError> {
        let Ok(head) = self.inner.head().and_then(|h| h.peel_to_commit()) else {
            return Ok(None);
        };
        let mut tags = self.version_tags(format)?;
        tags.retain(|(tag, _)| tag.version.pre.is_empty());
        tags.sort_by(|a, b| b.0.version.cmp(&a.0.version));
        for (tag, target) in tags {
            if target == head.id() || self.inner.graph_descendant_of(head.id(), target)? {
                return Ok(Some(tag));
            }
        }
        Ok(None)
    }

    /// Every tag that parses under `format`, with the commit it points at.
    fn version_tags(&self, format: &TagFormat) -> Result<Vec<(VersionTag, git2::Oid)>, RepoError> {
        let mut found = Vec::new();
        for reference in self.inner.references_glob("refs/tags/*")? {
            let reference = reference?;
            let Ok(name) = reference.shorthand() else {
                continue;
            };
            let Some(version) = format.parse(name) else {
                continue;
            };
            let Ok(commit) = reference.peel_to_commit() else {
                continue;
            };
            found.push((
                VersionTag {
                    name: name.to_string(),
                    version,
                },
                commit.id(),
            ));
        }
        Ok(found)
    }
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// What a push would publish.
impl Repo {
    /// Whether `id` names a commit this repository has.
    pub fn has_commit(&self, id: &str) -> bool {
        git2::Oid::from_str_ext(id, self.object_format())
            .and_then(|oid| self.inner.find_commit(oid))
            .is_ok()
    }

    fn object_format(&self) -> git2::ObjectFormat {
        self.inner.object_format()
    }

    /// Whether any remote-tracking ref exists for `remote`.
    pub fn has_remote_refs(&self, remote: &str) -> bool {
        self.inner
            .references_glob(&format!("refs/remotes/{remote}/*"))
            .is_ok_and(|mut refs| refs.next().is_some())
    }

    /// Commits reachable from `tip` but not from `hide` (commit ids) nor from the refs
    /// matching `hide_globs` (e.g. `refs/remotes/origin/*`), newest first.
    pub fn commits_between(
        &self,
        tip: &str,
        hide: &[&str],
        hide_globs: &[String],
    ) -> Result<Vec<CommitInfo>, RepoError> {
        let format = self.object_format();
        let mut walk = self.inner.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL)?;
        walk.push(git2::Oid::from_str_ext(tip, format)?)?;
        for id in hide {
            walk.hide(git2::Oid::from_str_ext(id, format)?)?;
        }
        for glob in hide_globs {
            walk.hide_glob(glob)?;
        }
        walk.map(|id| {
            let commit = self.inner.find_commit(id?)?;
            Ok(CommitInfo {
                id: commit.id().to_string(),
                message: commit.message_raw_bytes().to_vec(),
                parent_count: commit.parent_count(),
            })
        })
        .collect()
    }
}
