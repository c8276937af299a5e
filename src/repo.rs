//! The one door to git: everything herald reads from or writes to a repository goes
//! through [`Repo`], which hands out herald's own types, never git2's.

use std::path::{Path, PathBuf};

use git2::{Repository, Sort};

use crate::model::{RawCommit, Tag, TagFormat, WalkOrder};
use changed_paths::ChangedPaths;

mod changed_paths;

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

/// The commits between a release and a revision.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Newest first.
    pub commits: Vec<RawCommit>,
    /// The walk reached the edge of a shallow clone: older history is missing.
    pub shallow_edge: Option<String>,
    /// Some walked commit has one of the hidden commits as a parent: they are ancestors.
    pub reaches_hidden: bool,
}

pub struct Repo {
    inner: Repository,
}

impl Repo {
    /// The repository around the current directory, honouring `GIT_DIR` and friends as
    /// git does when it runs a hook.
    pub fn discover() -> Result<Repo, RepoError> {
        // herald only reads objects git wrote; git does not re-hash them on read either.
        git2::opts::strict_hash_verification(false);
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
    pub fn commits(&self, spec: &str) -> Result<Vec<RawCommit>, RepoError> {
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
            Ok(commit_info(&commit))
        })
        .collect()
    }

    /// The highest stable release tag reachable from HEAD, if any.
    pub fn last_release(&self, format: &TagFormat) -> Result<Option<Tag>, RepoError> {
        let Some(head) = self.resolve("HEAD")? else {
            return Ok(None);
        };
        let (tags, _) = self.version_tags(format)?;
        let stable: Vec<Tag> = tags
            .into_iter()
            .filter(|t| t.version.pre.is_empty())
            .collect();
        Ok(self.last_reachable(&stable, &head)?.cloned())
    }

    /// The highest version among `tags` reachable from `to`, and the commits since it.
    ///
    /// The highest version is almost always reachable, so the walk hides it straight away
    /// and learns from the walk itself whether it was an ancestor (a walked commit has it
    /// as a parent), instead of walking the history twice.
    pub fn history_since_last(
        &self,
        to: &str,
        tags: &[Tag],
        with_paths: bool,
        order: WalkOrder,
    ) -> Result<(Option<Tag>, History), RepoError> {
        let mut candidates: Vec<&Tag> = tags.iter().collect();
        candidates.sort_by(|a, b| b.version.cmp(&a.version));
        if let Some(first) = candidates.first() {
            let history =
                self.history(to, std::slice::from_ref(&first.target), with_paths, order)?;
            if first.target == to || history.reaches_hidden {
                return Ok((Some((*first).clone()), history));
            }
        }
        let last = self.last_reachable(tags, to)?.cloned();
        let since: Vec<String> = last.iter().map(|t| t.target.clone()).collect();
        Ok((last, self.history(to, &since, with_paths, order)?))
    }

    /// The highest version among `tags` whose commit is `to` or an ancestor of it.
    pub fn last_reachable<'t>(
        &self,
        tags: &'t [Tag],
        to: &str,
    ) -> Result<Option<&'t Tag>, RepoError> {
        let mut candidates: Vec<&Tag> = tags.iter().collect();
        candidates.sort_by(|a, b| b.version.cmp(&a.version));
        for tag in candidates {
            if self.is_ancestor(&tag.target, to)? {
                return Ok(Some(tag));
            }
        }
        Ok(None)
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

    /// Whether `ancestor` is `descendant` or one of its ancestors.
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool, RepoError> {
        let format = self.object_format();
        let a = git2::Oid::from_str_ext(ancestor, format)?;
        let d = git2::Oid::from_str_ext(descendant, format)?;
        Ok(a == d || self.inner.graph_descendant_of(d, a)?)
    }

    /// Tags that parse under `format`, with the commit each points at; and the names of the
    /// tags that do not (for `-v`).
    pub fn version_tags(&self, format: &TagFormat) -> Result<(Vec<Tag>, Vec<String>), RepoError> {
        let mut found = Vec::new();
        let mut other = Vec::new();
        for reference in self.inner.references_glob("refs/tags/*")? {
            let reference = reference?;
            let Ok(name) = reference.shorthand() else {
                continue;
            };
            let Some(version) = format.parse(name) else {
                other.push(name.to_string());
                continue;
            };
            let Ok(commit) = reference.peel_to_commit() else {
                continue;
            };
            found.push(Tag {
                name: name.to_string(),
                version,
                target: commit.id().to_string(),
            });
        }
        Ok((found, other))
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
        let format = self.object_format();
        let commit = self
            .inner
            .find_commit(git2::Oid::from_str_ext(rev, format)?)?;
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
}

/// herald's view of a commit (without its changed files).
fn commit_info(commit: &git2::Commit<'_>) -> RawCommit {
    RawCommit {
        id: commit.id().to_string(),
        message: commit.message_raw_bytes().to_vec(),
        parent_count: commit.parent_count(),
        paths: Vec::new(),
        author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
        time: commit.time().seconds(),
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
    ) -> Result<Vec<RawCommit>, RepoError> {
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
            Ok(commit_info(&commit))
        })
        .collect()
    }
}

/// Walking history for a release.
impl Repo {
    /// The commits reachable from `to` but not from any of `since`, in `order` (newest
    /// first), with the files each changed against its first parent when `with_paths` is
    /// set (for a merge, what the merge brought in).
    pub fn history(
        &self,
        to: &str,
        since: &[String],
        with_paths: bool,
        order: WalkOrder,
    ) -> Result<History, RepoError> {
        let format = self.object_format();
        let mut walk = self.inner.revwalk()?;
        walk.set_sorting(match order {
            WalkOrder::TopologicalByTime => Sort::TOPOLOGICAL | Sort::TIME,
            WalkOrder::Topological => Sort::TOPOLOGICAL,
            WalkOrder::Time => Sort::TIME,
        })?;
        walk.push(git2::Oid::from_str_ext(to, format)?)?;
        let mut hidden = Vec::with_capacity(since.len());
        for id in since {
            let oid = git2::Oid::from_str_ext(id, format)?;
            walk.hide(oid)?;
            hidden.push(oid);
        }
        let shallow = self.shallow_commits();
        let mut history = History::default();
        // (first parent, tree) of each commit, and each commit's tree by id: the parent is
        // usually walked too, so its tree is known without reading it again.
        let mut trees = Vec::new();
        let mut tree_of = std::collections::HashMap::new();
        for id in walk {
            let commit = self.inner.find_commit(id?)?;
            if !history.reaches_hidden {
                history.reaches_hidden = commit.parent_ids().any(|p| hidden.contains(&p));
            }
            if shallow.contains(&commit.id()) && history.shallow_edge.is_none() {
                history.shallow_edge = Some(commit.id().to_string());
            }
            if with_paths {
                trees.push((commit.parent_id(0).ok(), commit.tree_id()));
                tree_of.insert(commit.id(), commit.tree_id());
            }
            history.commits.push(commit_info(&commit));
        }
        if with_paths {
            let mut changed = ChangedPaths::new(&self.inner);
            for (info, (parent, tree)) in history.commits.iter_mut().zip(trees) {
                // A parent missing from a shallow clone counts as no parent.
                let parent_tree = parent.and_then(|p| {
                    tree_of
                        .get(&p)
                        .copied()
                        .or_else(|| self.inner.find_commit(p).ok().map(|c| c.tree_id()))
                });
                info.paths = changed.between(parent_tree, tree)?;
            }
        }
        Ok(history)
    }

    /// The commits at the edge of a shallow clone (`git rev-parse --is-shallow-repository`).
    fn shallow_commits(&self) -> std::collections::HashSet<git2::Oid> {
        if !self.inner.is_shallow() {
            return Default::default();
        }
        let format = self.object_format();
        std::fs::read_to_string(self.inner.commondir().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| git2::Oid::from_str_ext(line.trim(), format).ok())
            .collect()
    }
}

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

/// Reading what a release starts from.
impl Repo {
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

    fn commit_of(&self, rev: &str) -> Result<git2::Commit<'_>, RepoError> {
        self.inner
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| RepoError::BadRevision {
                spec: rev.to_string(),
                message: e.message().to_string(),
            })
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

    pub fn has_remote(&self, name: &str) -> bool {
        self.inner.find_remote(name).is_ok()
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

/// The changes a release makes, each with its way back.
impl Repo {
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
            HeadState::Detached(id) => self
                .inner
                .set_head_detached(git2::Oid::from_str_ext(id, self.object_format())?)?,
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
        let id = git2::Oid::from_str_ext(target, self.object_format())?;
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
