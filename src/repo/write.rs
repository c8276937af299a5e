//! The changes a release makes, each with its way back: refs created and moved only from
//! the value expected and taken back only while they hold the value herald gave them;
//! HEAD, the index and the work tree switched and put back; the release commit and tag
//! made in memory and written as loose objects an undo can remove; the push.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository};

use super::files::{read_optional, remove_if_present, sync_parent, write_atomic};
use super::process::{self, Interrupted};
use super::{OidKey, Repo, RepoError};

/// Where HEAD is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadState {
    /// On a branch (possibly unborn), by its full ref name.
    Branch(String),
    /// Detached at a commit.
    Detached(String),
}

impl HeadState {
    /// As git writes it in the HEAD file: `ref: refs/heads/main` or an object id.
    pub fn to_text(&self) -> String {
        match self {
            HeadState::Branch(name) => format!("ref: {name}"),
            HeadState::Detached(id) => id.clone(),
        }
    }

    pub fn from_text(text: &str) -> HeadState {
        match text.trim().strip_prefix("ref: ") {
            Some(name) => HeadState::Branch(name.to_string()),
            None => HeadState::Detached(text.trim().to_string()),
        }
    }
}

/// What taking back a ref change found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefUndo {
    /// The ref held herald's value and is back to what it was.
    Undone,
    /// The ref already held its old value (the change never happened).
    Untouched,
    /// Someone else has moved it since: left alone. Holds its value (`None`: deleted).
    Moved(Option<String>),
}

/// The release commit in the making: its files added to an index whose new objects stay
/// in memory until they are asked for.
pub struct Stage {
    scratch: Repository,
    index: git2::Index,
}

/// The release commit and its tag object, made in memory.
#[derive(Debug, Clone)]
pub struct Built {
    pub commit: String,
    pub tag_object: Option<String>,
    /// The objects the object store lacks, parts before wholes.
    pub lacking: Vec<String>,
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

    /// The author as git passes it to commit hooks.
    pub(super) fn author_env(&self) -> Result<Vec<(String, String)>, RepoError> {
        let author = self.signature("AUTHOR")?;
        let time = author.when();
        let offset = time.offset_minutes();
        let sign = if offset < 0 { '-' } else { '+' };
        let date = format!(
            "@{} {sign}{:02}{:02}",
            time.seconds(),
            offset.abs() / 60,
            offset.abs() % 60
        );
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        Ok(vec![
            ("GIT_AUTHOR_NAME".into(), text(author.name_bytes())),
            ("GIT_AUTHOR_EMAIL".into(), text(author.email_bytes())),
            ("GIT_AUTHOR_DATE".into(), date),
        ])
    }

    /// Where HEAD is now.
    pub fn head_state(&self) -> Result<HeadState, RepoError> {
        let reference = self.inner.find_reference("HEAD")?;
        Ok(match reference.symbolic_target() {
            Ok(Some(target)) => HeadState::Branch(target.to_string()),
            _ => HeadState::Detached(
                reference
                    .target()
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            ),
        })
    }

    /// Points HEAD where `state` says, without touching the work tree.
    pub fn set_head_state(&self, state: &HeadState) -> Result<(), RepoError> {
        match state {
            HeadState::Branch(name) => self.inner.set_head(name)?,
            HeadState::Detached(id) => self.inner.set_head_detached(self.oid(id)?)?,
        }
        Ok(())
    }

    /// This work tree's index file.
    pub fn index_path(&self) -> PathBuf {
        self.inner
            .index()
            .ok()
            .and_then(|index| index.path().map(Path::to_path_buf))
            .unwrap_or_else(|| self.inner.path().join("index"))
    }

    /// HEAD's reflog.
    pub fn head_log_path(&self) -> PathBuf {
        self.inner.path().join("logs").join("HEAD")
    }

    /// The lock file git takes to change the ref `name` (a full name, `refs/heads/…`).
    pub fn ref_lock_path(&self, name: &str) -> PathBuf {
        let dir = if name == "HEAD" {
            self.inner.path()
        } else {
            self.inner.commondir()
        };
        dir.join(format!("{name}.lock"))
    }

    /// The lock files git takes for HEAD, the index and the packed refs.
    pub fn shared_lock_paths(&self) -> Vec<PathBuf> {
        let index = self.index_path();
        vec![
            self.ref_lock_path("HEAD"),
            PathBuf::from(format!("{}.lock", index.display())),
            self.inner.commondir().join("packed-refs.lock"),
        ]
    }

    /// The value of the ref `name` (a full name), `None` when there is none.
    pub fn ref_target(&self, name: &str) -> Result<Option<String>, RepoError> {
        match self.inner.find_reference(name) {
            Ok(reference) => Ok(reference.target().map(|id| id.to_string())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Creates branch `name` at commit `at`; fails if it exists.
    pub fn create_branch(&self, name: &str, at: &str) -> Result<(), RepoError> {
        let commit = self.commit_of(at)?;
        self.inner.branch(name, &commit, false)?;
        Ok(())
    }

    /// Moves the ref `name` from `from` to `to`; fails if it no longer holds `from`.
    pub fn move_ref(&self, name: &str, from: &str, to: &str, log: &str) -> Result<(), RepoError> {
        self.inner
            .reference_matching(name, self.oid(to)?, true, self.oid(from)?, log)?;
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

    /// Takes back a change of the ref `name` from `old` (`None`: it did not exist) to
    /// `new`, only while the ref holds `new`: a ref someone else has moved since is theirs.
    pub fn undo_ref(&self, name: &str, old: Option<&str>, new: &str) -> Result<RefUndo, RepoError> {
        let mut reference = match self.inner.find_reference(name) {
            Ok(reference) => reference,
            Err(e) if e.code() == git2::ErrorCode::NotFound => {
                return Ok(match old {
                    None => RefUndo::Untouched,
                    Some(_) => RefUndo::Moved(None),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let current = reference.target().map(|id| id.to_string());
        if current.as_deref() != Some(new) {
            return Ok(if current.as_deref() == old {
                RefUndo::Untouched
            } else {
                RefUndo::Moved(current)
            });
        }
        match old {
            // libgit2 deletes only while the ref still holds the value just read.
            None => reference.delete()?,
            Some(old) => self.move_ref(name, new, old, "herald release: undo")?,
        }
        Ok(RefUndo::Undone)
    }

    /// Checks out branch `name` (refusing to overwrite local changes or untracked files)
    /// and points HEAD at it. When HEAD is already at that commit only HEAD moves.
    pub fn switch(&self, name: &str) -> Result<(), RepoError> {
        let refname = format!("refs/heads/{name}");
        let commit = self.inner.find_reference(&refname)?.peel_to_commit()?;
        if self.resolve("HEAD")?.as_deref() != Some(commit.id().to_string().as_str()) {
            let mut options = git2::build::CheckoutBuilder::new();
            options.safe();
            self.inner
                .checkout_tree(commit.as_object(), Some(&mut options))?;
        }
        self.inner.set_head(&refname)?;
        Ok(())
    }

    /// Whether checking out `to` would overwrite a file git does not track (untracked or
    /// ignored; git would overwrite an ignored one, herald refuses to), or put a file where
    /// such a file is in the way of a directory. Returns those files.
    pub fn files_in_the_way(&self, to: &str) -> Result<Vec<String>, RepoError> {
        let Some(root) = self.work_tree().map(Path::to_path_buf) else {
            return Ok(Vec::new());
        };
        let to_commit = self.commit_of(to)?;
        let to_tree = to_commit.tree()?;
        let head = self.resolve("HEAD")?;
        if head == Some(to_commit.id().to_string()) {
            return Ok(Vec::new());
        }
        let head_commit = head.map(|id| self.commit_of(&id)).transpose()?;
        let head_tree = head_commit.map(|c| c.tree()).transpose()?;
        let diff = self
            .inner
            .diff_tree_to_tree(head_tree.as_ref(), Some(&to_tree), None)?;
        let tracked = |path: &str| {
            head_tree
                .as_ref()
                .is_some_and(|tree| tree.get_path(Path::new(path)).is_ok())
        };
        let mut in_the_way = Vec::new();
        for delta in diff.deltas() {
            if delta.status() != git2::Delta::Added {
                continue;
            }
            let Some(path) = delta
                .new_file()
                .path()
                .map(|p| p.to_string_lossy().into_owned())
            else {
                continue;
            };
            let parts: Vec<&str> = path.split('/').collect();
            for n in 1..=parts.len() {
                let prefix = parts[..n].join("/");
                let Ok(meta) = std::fs::symlink_metadata(root.join(&prefix)) else {
                    break;
                };
                let is_last = n == parts.len();
                if (is_last || !meta.is_dir()) && !tracked(&prefix) {
                    in_the_way.push(prefix);
                    break;
                }
            }
        }
        in_the_way.dedup();
        Ok(in_the_way)
    }

    /// Puts the work tree's tracked files back from commit `to` to commit `from` (`None`:
    /// no commit): files `to` changed get `from`'s content, files only `to` has are removed
    /// while they still hold `to`'s content. Returns the files left as they are.
    pub fn restore_tree(&self, from: Option<&str>, to: &str) -> Result<Vec<String>, RepoError> {
        let Some(root) = self.work_tree().map(Path::to_path_buf) else {
            return Ok(Vec::new());
        };
        let to_tree = self.commit_of(to)?.tree()?;
        let from_commit = from.map(|id| self.commit_of(id)).transpose()?;
        let from_tree = from_commit.as_ref().map(|c| c.tree()).transpose()?;
        let diff = self
            .inner
            .diff_tree_to_tree(from_tree.as_ref(), Some(&to_tree), None)?;
        let mut restore = Vec::new();
        let mut left = Vec::new();
        for delta in diff.deltas() {
            let path = |file: git2::DiffFile<'_>| {
                file.path()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            match delta.status() {
                git2::Delta::Added => {
                    let path = path(delta.new_file());
                    if !self.remove_if_holding(&root, &path, delta.new_file().id())? {
                        left.push(path);
                    }
                }
                _ => restore.push(path(delta.old_file())),
            }
        }
        if let (Some(commit), false) = (&from_commit, restore.is_empty()) {
            let mut options = git2::build::CheckoutBuilder::new();
            options.force().disable_pathspec_match(true);
            for path in &restore {
                options.path(path);
            }
            self.inner
                .checkout_tree(commit.as_object(), Some(&mut options))?;
        }
        Ok(left)
    }

    /// Removes the work tree file `path` if it holds exactly the blob `id`, then its
    /// directories left empty; `Ok(false)` when it holds something else.
    fn remove_if_holding(&self, root: &Path, path: &str, id: Oid) -> Result<bool, RepoError> {
        let full = root.join(path);
        let Ok(meta) = std::fs::symlink_metadata(&full) else {
            return Ok(true);
        };
        let content = if meta.file_type().is_symlink() {
            std::fs::read_link(&full)
                .ok()
                .map(|target| target.as_os_str().as_encoded_bytes().to_vec())
        } else {
            std::fs::read(&full).ok()
        };
        let blob = self.inner.find_blob(id)?;
        if content.as_deref() != Some(blob.content()) {
            return Ok(false);
        }
        std::fs::remove_file(&full).map_err(|e| io_error("remove", &full, e))?;
        let mut dir = full.parent();
        while let Some(d) = dir.filter(|d| *d != root) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(true)
    }

    /// Writes the index file's bytes (`None`: no index) as git does: through `index.lock`,
    /// which must not exist (another git command holds it).
    pub fn write_index_file(&self, bytes: Option<&[u8]>) -> Result<(), RepoError> {
        use std::io::Write;
        let path = self.index_path();
        let lock = PathBuf::from(format!("{}.lock", path.display()));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => RepoError::Git(format!(
                    "{} exists: another git command is using the index",
                    lock.display()
                )),
                _ => io_error("create", &lock, e),
            })?;
        let result = match bytes {
            Some(bytes) => file
                .write_all(bytes)
                .and_then(|()| file.sync_all())
                .and_then(|()| std::fs::rename(&lock, &path)),
            None => remove_if_present(&path).and_then(|()| std::fs::remove_file(&lock)),
        };
        if result.is_err() {
            let _ = std::fs::remove_file(&lock);
        }
        result
            .and_then(|()| sync_parent(&path))
            .map_err(|e| io_error("write", &path, e))
    }

    /// Writes HEAD's reflog back (`None`: none).
    pub fn write_head_log(&self, bytes: Option<&[u8]>) -> Result<(), RepoError> {
        let path = self.head_log_path();
        let result = match bytes {
            Some(bytes) => write_atomic(&path, bytes, None),
            None => remove_if_present(&path),
        };
        result.map_err(|e| io_error("write", &path, e))
    }

    /// The bytes of the index file now (`None`: there is none).
    pub fn index_bytes(&self) -> Result<Option<Vec<u8>>, RepoError> {
        let path = self.index_path();
        read_optional(&path).map_err(|e| io_error("read", &path, e))
    }

    /// The bytes of HEAD's reflog now (`None`: there is none).
    pub fn head_log_bytes(&self) -> Result<Option<Vec<u8>>, RepoError> {
        let path = self.head_log_path();
        read_optional(&path).map_err(|e| io_error("read", &path, e))
    }

    /// Adds `paths` (relative to the work tree's root) to the index, in memory; returns
    /// the stage and the blobs the object store lacks.
    pub fn stage(&self, paths: &[String]) -> Result<(Stage, Vec<String>), RepoError> {
        let scratch = Repository::open(self.inner.path())?;
        if let Some(root) = self.work_tree() {
            scratch.set_workdir(root, false)?;
        }
        scratch.odb()?.add_new_mempack_backend(1000)?;
        let mut index = scratch.index()?;
        let mut blobs = Vec::new();
        for path in paths {
            index.add_path(Path::new(path))?;
            blobs.extend(index.get_path(Path::new(path), 0).map(|entry| entry.id));
        }
        let lacking = self.lacking(&blobs)?;
        Ok((Stage { scratch, index }, lacking))
    }

    /// The ids among `ids` the object store does not have.
    fn lacking(&self, ids: &[Oid]) -> Result<Vec<String>, RepoError> {
        let odb = self.inner.odb()?;
        let mut seen = HashSet::new();
        Ok(ids
            .iter()
            .filter(|id| !odb.exists(**id) && seen.insert(OidKey(**id)))
            .map(Oid::to_string)
            .collect())
    }

    /// Writes the objects `ids` from the stage's memory into the object store.
    pub fn write_objects(&self, stage: &Stage, ids: &[String]) -> Result<(), RepoError> {
        let from = stage.scratch.odb()?;
        let odb = self.inner.odb()?;
        for id in ids {
            let id = self.oid(id)?;
            if odb.exists(id) {
                continue;
            }
            let object = from.read(id)?;
            odb.write(object.kind(), object.data())?;
        }
        Ok(())
    }

    /// Removes loose objects herald wrote.
    pub fn remove_objects(&self, ids: &[String]) -> Result<(), RepoError> {
        let objects = self.inner.commondir().join("objects");
        for id in ids {
            let (fan, rest) = id.split_at(2.min(id.len()));
            let path = objects.join(fan).join(rest);
            remove_if_present(&path).map_err(|e| io_error("remove", &path, e))?;
            let _ = std::fs::remove_dir(objects.join(fan));
        }
        Ok(())
    }

    /// `git push --atomic REMOTE REFS…` with the git command line (herald's libgit2 has no
    /// network transports): all refs are updated on the remote, or none.
    pub fn push(
        &self,
        remote: &str,
        refs: &[String],
        interrupted: Interrupted<'_>,
    ) -> Result<(), RepoError> {
        let mut command = std::process::Command::new("git");
        if let Some(dir) = self.work_tree() {
            command.current_dir(dir);
        }
        let cannot = |e: std::io::Error| RepoError::Git(format!("cannot run `git push`: {e}"));
        let mut child = command
            .args(["push", "--atomic", "--quiet", remote])
            .args(refs)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(cannot)?;
        let (status, stderr) =
            process::wait_with_stderr(&mut child, interrupted).map_err(cannot)?;
        if status.success() {
            return Ok(());
        }
        Err(RepoError::Git(format!(
            "`git push` to {remote} failed: {}",
            stderr.trim()
        )))
    }
}

impl Stage {
    /// Writes the index with the release's files added, for the pre-commit hook to see.
    pub fn write_index(&mut self) -> Result<(), RepoError> {
        Ok(self.index.write()?)
    }

    /// Reads the index back (a pre-commit hook may have changed it, as `git commit`
    /// allows) and makes, in memory, the commit of its tree on `parent` with `message`,
    /// and the annotated tag `tag` (name, message) for it.
    pub fn build(
        &mut self,
        repo: &Repo,
        parent: &str,
        message: &str,
        tag: Option<(&str, &str)>,
    ) -> Result<Built, RepoError> {
        self.index.read(true)?;
        let tree_id = self.index.write_tree()?;
        let scratch = &self.scratch;
        let tree = scratch.find_tree(tree_id)?;
        let parent = scratch.find_commit(repo.oid(parent)?)?;
        let author = repo.signature("AUTHOR")?;
        let committer = repo.signature("COMMITTER")?;
        let commit_id = scratch.commit(None, &author, &committer, message, &tree, &[&parent])?;
        let tag_object = match tag {
            Some((name, text)) => {
                let target = scratch.find_object(commit_id, Some(ObjectType::Commit))?;
                Some(scratch.tag_annotation_create(name, &target, &committer, text)?)
            }
            None => None,
        };
        let mut ids = Vec::new();
        repo.lacking_in_tree(scratch, &tree, &mut ids)?;
        ids.push(commit_id);
        ids.extend(tag_object);
        Ok(Built {
            commit: commit_id.to_string(),
            tag_object: tag_object.map(|id| id.to_string()),
            lacking: repo.lacking(&ids)?,
        })
    }
}

impl Repo {
    /// The trees and blobs of `tree` the object store lacks, parts before wholes; a tree
    /// the store has is complete, so the walk goes only down new trees.
    fn lacking_in_tree(
        &self,
        scratch: &Repository,
        tree: &git2::Tree<'_>,
        out: &mut Vec<Oid>,
    ) -> Result<(), RepoError> {
        let odb = self.inner.odb()?;
        if odb.exists(tree.id()) {
            return Ok(());
        }
        for entry in tree.iter() {
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    let subtree = scratch.find_tree(entry.id())?;
                    self.lacking_in_tree(scratch, &subtree, out)?;
                }
                Some(ObjectType::Blob) if !odb.exists(entry.id()) => out.push(entry.id()),
                _ => {}
            }
        }
        out.push(tree.id());
        Ok(())
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

fn io_error(verb: &str, path: &Path, error: std::io::Error) -> RepoError {
    RepoError::Git(format!("cannot {verb} {}: {error}", path.display()))
}
