//! `herald uninstall`: take herald's hooks out and put back what was there before,
//! including the lines `herald install` added to husky's scripts.

use std::fs;
use std::path::Path;

use super::install::{is_herald_hook_file, write_error};
use super::{Context, Outcome};
use crate::error::Result;
use crate::hook_managers::husky::{self, Husky};
use crate::hook_managers::{self, Manager, Setting, shown};
use crate::hook_scripts::{self, HOOKS};
use crate::repo::Repo;

/// The top-level entry point for `herald uninstall`.
pub fn run(ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let dir = repo.hooks_dir()?;
    let husky = repo.work_tree().and_then(|root| {
        let setting = Setting {
            work_tree: root,
            hooks_dir: &dir,
            hooks_path_set: repo.config_string("core.hooksPath").is_some(),
        };
        match hook_managers::detect(&setting) {
            Some(Manager::Husky(husky)) => Some((husky, root)),
            _ => None,
        }
    });
    let mut report = Vec::new();
    let mut changed = Vec::new();
    for (name, _) in HOOKS {
        let Some((husky, root)) = &husky else {
            report.push(format!("{name}: {}", uninstall_hook(&dir, name)?));
            continue;
        };
        // A hook an earlier herald wrote into husky's folder.
        if is_herald_hook_file(&dir.join(name)) {
            report.push(format!("{name}: {}", uninstall_hook(&dir, name)?));
        }
        let (line, edited) = remove_from_husky(husky, root, name)?;
        report.push(format!("{name}: {line}"));
        changed.extend(edited);
    }
    if !changed.is_empty() {
        report.push(format!(
            "commit the change to {} so that the rest of the team stops running herald too",
            changed.join(" and ")
        ));
    }
    if !ctx.quiet {
        println!("{}", report.join("\n"));
    }
    Ok(Outcome::Success)
}

const NOT_INSTALLED: &str = "not installed";

/// Takes herald's line out of husky's script for `name`: what was done, and the script's
/// name when it changed.
fn remove_from_husky(husky: &Husky, root: &Path, name: &str) -> Result<(String, Option<String>)> {
    let path = husky.script(name);
    let edit = husky::remove(husky, name).map_err(|e| write_error(&path, e))?;
    let shown = shown(&path, root).display().to_string();
    let line = match edit {
        husky::Edit::Removed => format!("took herald's line out of {shown}"),
        husky::Edit::Deleted => format!("removed {shown}, which herald had created"),
        _ if fs::read_to_string(&path).is_ok_and(|text| husky::runs_herald(&text, name)) => {
            format!("{shown} runs herald from a line herald did not add; left alone")
        }
        _ => NOT_INSTALLED.to_string(),
    };
    let changed = matches!(edit, husky::Edit::Removed | husky::Edit::Deleted).then_some(shown);
    Ok((line, changed))
}

pub(super) fn uninstall_hook(dir: &Path, name: &str) -> Result<String> {
    let path = dir.join(name);
    match fs::read(&path) {
        Ok(content) if !hook_scripts::is_herald_hook(&content) => {
            return Ok(format!("{} is not herald's; left alone", path.display()));
        }
        Ok(_) => fs::remove_file(&path).map_err(|e| write_error(&path, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(NOT_INSTALLED.to_string());
        }
        Err(e) => return Err(write_error(&path, e)),
    }
    for kept in [
        hook_scripts::chained_name(name),
        hook_scripts::backup_name(name),
    ] {
        let kept = dir.join(kept);
        if kept.exists() {
            fs::rename(&kept, &path).map_err(|e| write_error(&kept, e))?;
            return Ok(format!(
                "removed; restored the hook that was there before, {}",
                path.display()
            ));
        }
    }
    Ok(format!("removed {}", path.display()))
}
