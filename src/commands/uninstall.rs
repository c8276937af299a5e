//! `herald uninstall`: take herald's hooks out and put back what was there before.

use std::fs;
use std::path::Path;

use super::install::write_error;
use super::{Context, Outcome};
use crate::error::Result;
use crate::hook_scripts::{self, HOOKS};
use crate::repo::Repo;

/// The top-level entry point for `herald uninstall`.
pub fn run(ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let dir = repo.hooks_dir()?;
    for (name, _) in HOOKS {
        let report = uninstall_hook(&dir, name)?;
        if !ctx.quiet {
            println!("{name}: {report}");
        }
    }
    Ok(Outcome::Success)
}

fn uninstall_hook(dir: &Path, name: &str) -> Result<String> {
    let path = dir.join(name);
    match fs::read(&path) {
        Ok(content) if !hook_scripts::is_herald_hook(&content) => {
            return Ok(format!("{} is not herald's; left alone", path.display()));
        }
        Ok(_) => fs::remove_file(&path).map_err(|e| write_error(&path, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok("not installed".to_string());
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
