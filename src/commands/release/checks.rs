//! What is checked before a release changes anything: flags, the work tree, names, files
//! and the release commit's message.

use std::path::Path;

use semver::Version;

use super::release_target;
use crate::app::check::{Checker, cleanup_settings};
use crate::cli::ReleaseArgs;
use crate::config::{Config, ReleaseMode};
use crate::error::{Error, Result};
use crate::model::diagnostic;
use crate::model::version::is_valid_pre_label;
use crate::model::work_path;
use crate::release::{Plan, fill, paths};
use crate::repo::Repo;
use crate::tools::Tool;

/// Flags that contradict each other or the configuration.
pub(super) fn check_flags(args: &ReleaseArgs, config: &Config) -> Result<()> {
    if config.release.mode == ReleaseMode::Independent {
        return Err(Error::Input(
            "herald release cuts one version for the repository; with `mode = \"independent\"` release each component with your CI's tooling".into(),
        ));
    }
    if let Some(label) = &args.pre {
        if !is_valid_pre_label(label) {
            return Err(Error::Input(format!(
                "--pre {label}: a pre-release label is letters, digits and `-`, e.g. `rc` or `beta`"
            )));
        }
    }
    if args.push && args.dry_run {
        return Err(Error::Input("--dry-run pushes nothing; drop --push".into()));
    }
    check_config_paths(config)
}

/// The files the configuration names for a release to write stay inside the work tree.
fn check_config_paths(config: &Config) -> Result<()> {
    let changelog = &config.release.changelog;
    let named = (!changelog.is_empty())
        .then_some(("changelog", changelog.as_str()))
        .into_iter()
        .chain(
            config
                .release
                .version_files
                .iter()
                .map(|file| ("version_files", file.path())),
        );
    for (key, path) in named {
        if let Some(problem) = work_path::problem(path) {
            return Err(Error::Input(format!(
                "[release] {key} = \"{path}\": the path {problem}; herald writes only inside the work tree"
            )));
        }
    }
    Ok(())
}

/// A release starts from a work tree with nothing to lose.
pub(super) fn check_work_tree(repo: &Repo) -> Result<()> {
    if let Some(operation) = repo.operation_in_progress() {
        return Err(Error::Input(format!(
            "{operation} is in progress; finish or abort it before releasing"
        )));
    }
    let changed = repo.changed_files()?;
    if !changed.is_empty() {
        let shown: Vec<&str> = changed.iter().take(5).map(String::as_str).collect();
        let more = changed.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        return Err(Error::Input(format!(
            "the work tree has changes ({}{more}); commit or stash them before releasing",
            shown.join(", ")
        )));
    }
    Ok(())
}
/// What is wrong with the configured release commit message, rendered for a sample
/// version; `None` when it passes the commit rules.
pub fn commit_message_problem(repo: &Repo, config: &Config, engine: &dyn Tool) -> Option<String> {
    let version = Version::new(1, 2, 3);
    let tag = release_target(engine, repo, config).format.render(&version);
    let message = fill(&config.release.commit_message, &version, &tag);
    message_problem(repo, config, engine, &message)
}

pub(super) fn message_problem(
    repo: &Repo,
    config: &Config,
    engine: &dyn Tool,
    message: &str,
) -> Option<String> {
    let (cleanup, comment) = cleanup_settings(Some(repo), message);
    let checked = Checker::new(config, engine, None).examine(message.as_bytes(), cleanup, &comment);
    checked.has_errors().then(|| {
        diagnostic::render(
            &checked.diagnostics,
            message,
            "[release] commit_message",
            false,
        )
    })
}

/// A branch name must be valid and new, and no branch may be in its way.
pub(super) fn check_branch_name(repo: &Repo, name: &str) -> Result<(), String> {
    if !Repo::is_valid_branch_name(name) {
        return Err(format!("`{name}` is not a valid branch name"));
    }
    if repo.branch_exists(name) {
        return Err(format!("a branch named `{name}` already exists"));
    }
    if let Some(other) = in_the_way(repo, &format!("refs/heads/{name}"))? {
        return Err(format!(
            "the branch `{name}` cannot be created while `{other}` exists (git cannot have both); rename it, or choose another branch name"
        ));
    }
    Ok(())
}

/// A ref that stops `name` from being created, shortened for people.
fn in_the_way(repo: &Repo, name: &str) -> Result<Option<String>, String> {
    let other = repo.ref_in_the_way(name).map_err(|e| e.to_string())?;
    Ok(other.map(|other| {
        other
            .strip_prefix("refs/heads/")
            .or_else(|| other.strip_prefix("refs/tags/"))
            .map(str::to_string)
            .unwrap_or(other)
    }))
}

/// Everything that can be checked before the first change: names, files, git's locks,
/// the checkout, who commits, the remote. Each failure is bad input (exit 2), with
/// nothing changed.
pub(super) fn check_plan(repo: &Repo, config: &Config, root: &Path, plan: &Plan) -> Result<()> {
    // Finishing a hotfix commits on the branch it started; every other run creates one.
    if plan.steps != crate::release::Steps::OnBranch {
        check_branch_name(repo, &plan.branch).map_err(Error::Input)?;
    }
    if let Some(tag) = &plan.tag {
        check_tag_name(repo, &tag.name)?;
    }
    for edit in &plan.edits {
        let key = if edit.path == config.release.changelog {
            "changelog"
        } else {
            "version_files"
        };
        check_inside(repo, root, &plan.base_commit, key, &edit.path)?;
        check_writable(&root.join(&edit.path))?;
    }
    if let Some(remote) = &plan.push {
        if !repo.has_remote(remote) {
            return Err(Error::Input(format!(
                "--push: there is no remote named `{remote}`"
            )));
        }
    }
    check_git_locks(repo, plan)?;
    let in_the_way = repo.files_in_the_way(&plan.base_commit)?;
    if !in_the_way.is_empty() {
        return Err(Error::Input(format!(
            "switching to {} would overwrite files git does not track: {}; move them away first",
            plan.base,
            in_the_way.join(", ")
        )));
    }
    repo.check_identity()
        .map_err(|e| Error::Input(e.to_string().trim_start_matches("git: ").to_string()))?;
    Ok(())
}

fn check_tag_name(repo: &Repo, name: &str) -> Result<()> {
    if !Repo::is_valid_tag_name(name) {
        return Err(Error::Input(format!("`{name}` is not a valid tag name")));
    }
    if repo.tag_exists(name) {
        return Err(Error::Input(format!(
            "the tag {name} already exists; choose another version, or --no-tag"
        )));
    }
    if let Some(other) = in_the_way(repo, &format!("refs/tags/{name}")).map_err(Error::Input)? {
        return Err(Error::Input(format!(
            "the tag `{name}` cannot be created while `{other}` exists (git cannot have both)"
        )));
    }
    Ok(())
}

/// A file the release writes is reached through real directories of the work tree, at
/// the base commit and on disk: never through a symbolic link (or a submodule).
fn check_inside(repo: &Repo, root: &Path, base: &str, key: &str, path: &str) -> Result<()> {
    let link = match repo.link_in_tree(base, path)? {
        Some(link) => Some(link),
        None => paths::link_on_the_way(root, path),
    };
    match link {
        Some(link) => Err(Error::Input(format!(
            "[release] {key}: `{path}` goes through `{link}`, a symbolic link (or a submodule); herald writes only inside the work tree, never through a link"
        ))),
        None => Ok(()),
    }
}

/// git's lock files for what the release changes: one that exists belongs to a git
/// command that is running (or stopped without cleaning up), and the release would fail.
fn check_git_locks(repo: &Repo, plan: &Plan) -> Result<()> {
    let mut locks = repo.shared_lock_paths();
    locks.push(repo.ref_lock_path(&format!("refs/heads/{}", plan.branch)));
    if let Some(tag) = &plan.tag {
        locks.push(repo.ref_lock_path(&format!("refs/tags/{}", tag.name)));
    }
    match locks.iter().find(|lock| lock.exists()) {
        Some(lock) => Err(Error::Input(format!(
            "{} exists: another git command is running in this repository, or one stopped without cleaning up; if none is running, remove it",
            lock.display()
        ))),
        None => Ok(()),
    }
}

/// A file the release will write must be a regular file whose mode allows writing (checked
/// on the mode, so that a read-only file is refused even for root).
fn check_writable(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Error::Input(format!(
            "{} is not a regular file; herald will not write through it",
            path.display()
        ))),
        Ok(meta) if meta.permissions().readonly() => Err(Error::Input(format!(
            "{} is read-only; make it writable before releasing",
            path.display()
        ))),
        _ => Ok(()),
    }
}
