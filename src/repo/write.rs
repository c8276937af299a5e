//! The changes a release makes, each with its way back: HEAD, the index and HEAD's reflog
//! snapshotted and restored, branches and tags made and removed, the release commit and
//! tag written as objects an undo can remove, the push.

use std::path::{Path, PathBuf};

use git2::Repository;

use super::{Repo, RepoError};

/// Where HEAD was, for putting it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadState {
    /// On a branch (possibly unborn), by its full ref name.
    Branch(String),
    /// Detached at a commit.
    Detached(String),
}

/// What a release must be able to put back byte for byte: HEAD, the index file and HEAD's
/// reflog.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub head: HeadState,
    index: Option<Vec<u8>>,
    head_log: Option<Vec<u8>>,
}

/// What [`Repo::record`] wrote.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub commit: String,
    /// The annotated tag object, when one was asked for.
    pub tag_object: Option<String>,
    /// The objects written (removed again by an undo).
    pub objects: Vec<String>,
}

impl Repo {
    /// Who commits: `GIT_COMMITTER_NAME`/`_EMAIL`/`_DATE` (or `AUTHOR`), then `user.name`
    /// and `user.email`, as git decides.
    fn signature(&self, role: &str) -> Result<git2::Signature<'static>, RepoError> {
        let env = |key: &str| {
            std::env::var(format!("GIT_{role}_{key}"))
                .ok()
                .filter(|v| !v.is_empty())
        };
        let name = env("NAME").or_else(|| self.config_string("user.name"));
        let email = env("EMAIL")
            .or_else(|| self.config_string("user.email"))
            .or_else(|| std::env::var("EMAIL").ok());
        let (Some(name), Some(email)) = (name, email) else {
            return Err(RepoError::Git(
                "git does not know who you are: set `git config user.name` and `git config user.email`".into(),
            ));
        };
        let signature = match env("DATE").as_deref().and_then(parse_git_date) {
            Some(time) => git2::Signature::new(&name, &email, &time)?,
            None => git2::Signature::now(&name, &email)?,
        };
        Ok(signature)
    }

    /// Checks that a commit can be signed, before anything is changed.
    pub fn check_identity(&self) -> Result<(), RepoError> {
        self.signature("AUTHOR")?;
        self.signature("COMMITTER").map(|_| ())
    }

    /// HEAD, the index file and HEAD's reflog as they are now.
    pub fn snapshot(&self) -> Result<Snapshot, RepoError> {
        let reference = self.inner.find_reference("HEAD")?;
        let head = match reference.symbolic_target() {
            Ok(Some(target)) => HeadState::Branch(target.to_string()),
            _ => HeadState::Detached(
                reference
                    .target()
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            ),
        };
        Ok(Snapshot {
            head,
            index: read_optional(&self.index_path())?,
            head_log: read_optional(&self.head_log_path())?,
        })
    }

    fn index_path(&self) -> PathBuf {
        self.inner
            .index()
            .ok()
            .and_then(|index| index.path().map(Path::to_path_buf))
            .unwrap_or_else(|| self.inner.path().join("index"))
    }

    fn head_log_path(&self) -> PathBuf {
        self.inner.path().join("logs").join("HEAD")
    }

    /// Puts HEAD back where the snapshot found it, the work tree's tracked files back to
    /// that commit, and the index file and HEAD's reflog back to their bytes.
    pub fn restore(&self, snapshot: &Snapshot) -> Result<(), RepoError> {
        match &snapshot.head {
            HeadState::Branch(name) => self.inner.set_head(name)?,
            HeadState::Detached(id) => self.inner.set_head_detached(self.oid(id)?)?,
        }
        if let Ok(commit) = self.inner.head().and_then(|h| h.peel_to_commit()) {
            let mut options = git2::build::CheckoutBuilder::new();
            options.force();
            self.inner
                .checkout_tree(commit.as_object(), Some(&mut options))?;
        }
        write_optional(&self.index_path(), snapshot.index.as_deref())?;
        write_optional(&self.head_log_path(), snapshot.head_log.as_deref())?;
        Ok(())
    }

    /// Creates branch `name` at commit `at`; fails if it exists.
    pub fn create_branch(&self, name: &str, at: &str) -> Result<(), RepoError> {
        let commit = self.commit_of(at)?;
        self.inner.branch(name, &commit, false)?;
        Ok(())
    }

    pub fn delete_branch(&self, name: &str) -> Result<(), RepoError> {
        self.inner
            .find_reference(&format!("refs/heads/{name}"))?
            .delete()?;
        Ok(())
    }

    /// Checks out branch `name` (refusing to overwrite local changes) and points HEAD at it.
    pub fn switch(&self, name: &str) -> Result<(), RepoError> {
        let refname = format!("refs/heads/{name}");
        let commit = self.inner.find_reference(&refname)?.peel_to_commit()?;
        let mut options = git2::build::CheckoutBuilder::new();
        options.safe();
        self.inner
            .checkout_tree(commit.as_object(), Some(&mut options))?;
        self.inner.set_head(&refname)?;
        Ok(())
    }

    /// Commits `paths` (relative to the work tree's root) on top of branch `branch` with
    /// `message`, and writes the annotated tag object `tag` (name, message) for it.
    ///
    /// The objects are made in memory first; only those the object store lacks are then
    /// written, as loose objects whose ids are returned, so that an undo can remove exactly
    /// them (see [`Repo::remove_objects`]).
    pub fn record(
        &self,
        branch: &str,
        paths: &[String],
        message: &str,
        tag: Option<(&str, &str)>,
    ) -> Result<Recorded, RepoError> {
        let scratch = Repository::open(self.inner.path())?;
        let scratch_odb = scratch.odb()?;
        let _memory = scratch_odb.add_new_mempack_backend(1000)?;
        let mut index = scratch.index()?;
        for path in paths {
            index.add_path(Path::new(path))?;
        }
        let tree_id = index.write_tree()?;
        let refname = format!("refs/heads/{branch}");
        let parent = scratch.find_reference(&refname)?.peel_to_commit()?;
        let author = self.signature("AUTHOR")?;
        let committer = self.signature("COMMITTER")?;
        let tree = scratch.find_tree(tree_id)?;
        let commit_id = scratch.commit(None, &author, &committer, message, &tree, &[&parent])?;
        let tag_object = match tag {
            Some((name, text)) => {
                let target = scratch.find_object(commit_id, Some(git2::ObjectType::Commit))?;
                Some(scratch.tag_annotation_create(name, &target, &committer, text)?)
            }
            None => None,
        };
        let mut ids = new_tree_objects(&tree, paths);
        ids.push(commit_id);
        ids.extend(tag_object);
        let mut written = Vec::new();
        let copied = self.copy_objects(&scratch_odb, &ids, &mut written);
        let recorded = Recorded {
            commit: commit_id.to_string(),
            tag_object: tag_object.map(|id| id.to_string()),
            objects: written,
        };
        let log = format!("commit: {}", message.lines().next().unwrap_or(""));
        let result = copied
            .and_then(|()| {
                self.inner
                    .reference(&refname, commit_id, true, &log)
                    .map_err(RepoError::from)
            })
            .and_then(|_| index.write().map_err(RepoError::from));
        match result {
            Ok(()) => Ok(recorded),
            Err(error) => {
                let _ = self.remove_objects(&recorded.objects);
                Err(error)
            }
        }
    }

    /// Writes the objects of `ids` the object store lacks, reading them from `from`, and
    /// adds the id of each one written to `written`.
    fn copy_objects(
        &self,
        from: &git2::Odb<'_>,
        ids: &[git2::Oid],
        written: &mut Vec<String>,
    ) -> Result<(), RepoError> {
        let odb = self.inner.odb()?;
        for id in ids {
            if odb.exists(*id) {
                continue;
            }
            let object = from.read(*id)?;
            odb.write(object.kind(), object.data())?;
            written.push(id.to_string());
        }
        Ok(())
    }

    /// Removes loose objects [`Repo::record`] wrote.
    pub fn remove_objects(&self, ids: &[String]) -> Result<(), RepoError> {
        let objects = self.inner.commondir().join("objects");
        for id in ids {
            let (fan, rest) = id.split_at(2);
            let path = objects.join(fan).join(rest);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(RepoError::Git(format!(
                        "cannot remove {}: {e}",
                        path.display()
                    )));
                }
                _ => {
                    let _ = std::fs::remove_dir(objects.join(fan));
                }
            }
        }
        Ok(())
    }

    /// Points `refs/tags/{name}` at an object (an annotated tag, or a commit); fails if
    /// the tag exists.
    pub fn create_tag_ref(&self, name: &str, target: &str) -> Result<(), RepoError> {
        let id = self.oid(target)?;
        self.inner
            .reference(&format!("refs/tags/{name}"), id, false, "herald release")?;
        Ok(())
    }

    pub fn delete_tag(&self, name: &str) -> Result<(), RepoError> {
        self.inner
            .find_reference(&format!("refs/tags/{name}"))?
            .delete()?;
        Ok(())
    }

    /// `git push --atomic REMOTE REFS…` with the git command line (herald's libgit2 has no
    /// network transports): all refs are updated on the remote, or none.
    pub fn push(&self, remote: &str, refs: &[String]) -> Result<(), RepoError> {
        let mut command = std::process::Command::new("git");
        if let Some(dir) = self.work_tree() {
            command.current_dir(dir);
        }
        let output = command
            .args(["push", "--atomic", "--quiet", remote])
            .args(refs)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| RepoError::Git(format!("cannot run `git push`: {e}")))?;
        if output.status.success() {
            return Ok(());
        }
        let detail = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(RepoError::Git(format!(
            "`git push` to {remote} failed: {detail}"
        )))
    }
}

/// git's internal date format, `<seconds> <±hhmm>` (or `@<seconds>`); other formats fall
/// back to now.
fn parse_git_date(text: &str) -> Option<git2::Time> {
    let text = text.trim().trim_start_matches('@');
    let (seconds, zone) = text.split_once(' ').unwrap_or((text, "+0000"));
    let seconds: i64 = seconds.parse().ok()?;
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits = zone.trim_start_matches(['+', '-']);
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(git2::Time::new(seconds, sign * (hours * 60 + minutes)))
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, RepoError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(RepoError::Git(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

fn write_optional(path: &Path, bytes: Option<&[u8]>) -> Result<(), RepoError> {
    let result = match bytes {
        Some(bytes) => std::fs::write(path, bytes),
        None => match std::fs::remove_file(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        },
    };
    result.map_err(|e| RepoError::Git(format!("cannot restore {}: {e}", path.display())))
}

/// The trees along each of `paths` in `root` (the root first) and the blobs at their ends:
/// every object a commit that changed only those paths can add, parts before wholes.
fn new_tree_objects(root: &git2::Tree<'_>, paths: &[String]) -> Vec<git2::Oid> {
    let mut ids = Vec::new();
    for path in paths {
        let mut prefix = PathBuf::new();
        let mut chain = Vec::new();
        for part in Path::new(path).iter() {
            prefix.push(part);
            if let Ok(entry) = root.get_path(&prefix) {
                chain.push(entry.id());
            }
        }
        ids.extend(chain.into_iter().rev());
    }
    ids.push(root.id());
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids
}
