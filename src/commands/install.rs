//! `herald install`: put the hooks where git runs them, chaining what is already there.

use std::fs;
use std::path::Path;

use super::{Context, Outcome};
use crate::cli::InstallArgs;
use crate::error::{Error, Result};
use crate::hook_scripts::{self, HOOKS};
use crate::repo::Repo;

/// What happened to one hook.
enum Installed {
    Unchanged,
    Written,
    Updated,
    Chained,
    Replaced,
}

/// The top-level entry point for `herald install`.
pub fn run(args: &InstallArgs, ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let dir = repo.hooks_dir()?;
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    for (name, script) in HOOKS {
        let path = dir.join(name);
        let result = install_hook(&path, name, script, args.force)?;
        if ctx.quiet {
            continue;
        }
        let shown = path.display();
        match result {
            Installed::Unchanged => println!("{name}: already installed in {shown}"),
            Installed::Written => println!("{name}: installed {shown}"),
            Installed::Updated => println!("{name}: updated {shown}"),
            Installed::Chained => println!(
                "{name}: installed {shown}; the hook that was there runs first, as {}",
                hook_scripts::chained_name(name)
            ),
            Installed::Replaced => println!(
                "{name}: installed {shown}; the hook that was there is kept, not run, as {}",
                hook_scripts::backup_name(name)
            ),
        }
    }
    Ok(Outcome::Success)
}

fn install_hook(path: &Path, name: &str, script: &str, force: bool) -> Result<Installed> {
    let existing = match fs::read(path) {
        Ok(content) => Some(content),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(write_error(path, e)),
    };
    let outcome = match existing {
        Some(content) if content == script.as_bytes() => return Ok(Installed::Unchanged),
        Some(content) if hook_scripts::is_herald_hook(&content) => Installed::Updated,
        Some(_) => {
            let (kept, outcome) = if force {
                (hook_scripts::backup_name(name), Installed::Replaced)
            } else {
                (hook_scripts::chained_name(name), Installed::Chained)
            };
            let kept = path.with_file_name(kept);
            if kept.exists() {
                return Err(Error::Write(format!(
                    "cannot install the {name} hook: {} already exists; move it away and run `herald install` again",
                    kept.display()
                )));
            }
            fs::rename(path, &kept).map_err(|e| write_error(path, e))?;
            outcome
        }
        None => Installed::Written,
    };
    write_executable(path, script)?;
    Ok(outcome)
}

fn write_executable(path: &Path, script: &str) -> Result<()> {
    fs::write(path, script).map_err(|e| write_error(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))
            .map_err(|e| write_error(path, e))?;
    }
    Ok(())
}

pub(super) fn write_error(path: &Path, error: std::io::Error) -> Error {
    Error::Write(format!("cannot write {}: {error}", path.display()))
}
