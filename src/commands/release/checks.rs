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
use crate::release::{Plan, fill};
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

/// A branch name must be valid and new.
pub(super) fn check_branch_name(repo: &Repo, name: &str) -> Result<(), String> {
    if !Repo::is_valid_branch_name(name) {
        return Err(format!("`{name}` is not a valid branch name"));
    }
    if repo.branch_exists(name) {
        return Err(format!("a branch named `{name}` already exists"));
    }
    Ok(())
}

/// Everything that can be checked before the first change.
pub(super) fn check_plan(repo: &Repo, root: &Path, plan: &Plan) -> Result<()> {
    check_branch_name(repo, &plan.branch).map_err(Error::Input)?;
    if let Some(tag) = &plan.tag {
        if !Repo::is_valid_tag_name(&tag.name) {
            return Err(Error::Input(format!(
                "`{}` is not a valid tag name",
                tag.name
            )));
        }
        if repo.tag_exists(&tag.name) {
            return Err(Error::Input(format!(
                "the tag {} already exists; choose another version, or --no-tag",
                tag.name
            )));
        }
    }
    for edit in &plan.edits {
        check_writable(&root.join(&edit.path))?;
    }
    if let Some(remote) = &plan.push {
        if !repo.has_remote(remote) {
            return Err(Error::Input(format!(
                "--push: there is no remote named `{remote}`"
            )));
        }
    }
    repo.check_identity()?;
    Ok(())
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
