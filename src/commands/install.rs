//! `herald install`: put the hooks where git runs them, chaining what is already there, or
//! hand them to the hook manager in charge (husky, lefthook).

use std::fs;
use std::path::Path;

use super::{Context, Outcome, uninstall};
use crate::cli::InstallArgs;
use crate::error::{Error, Result};
use crate::hook_managers::husky::{self, Husky};
use crate::hook_managers::lefthook::Lefthook;
use crate::hook_managers::{self, Manager, Setting, shown};
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
    if args.force {
        return write_hooks(&dir, true, ctx);
    }
    let Some(root) = repo.work_tree() else {
        return Err(bare_refusal(repo.git_dir()));
    };
    let setting = Setting {
        work_tree: root,
        hooks_dir: &dir,
        hooks_path_set: repo.config_string("core.hooksPath").is_some(),
    };
    match hook_managers::detect(&setting) {
        Some(Manager::Husky(husky)) => install_into_husky(&husky, root, ctx),
        Some(Manager::Lefthook(lefthook)) if !has_herald_hooks(&dir) => {
            Ok(advise_lefthook(&lefthook, root, &dir, ctx))
        }
        _ => write_hooks(&dir, false, ctx),
    }
}

/// git runs commit-msg and pre-push where commits are made and pushed from, a clone with
/// a work tree; a bare repository is almost always a remote or a mirror.
fn bare_refusal(git_dir: &Path) -> Error {
    Error::Input(format!(
        "{} is a bare repository: git runs the commit-msg and pre-push hooks in clones with a \
         work tree, so run `herald install` in a clone (`herald install --force` installs them \
         here anyway)",
        git_dir.display()
    ))
}

/// Whether herald's own hooks are in the folder already (an earlier `--force`): then they
/// are kept up to date there.
fn has_herald_hooks(dir: &Path) -> bool {
    HOOKS
        .iter()
        .any(|(name, _)| is_herald_hook_file(&dir.join(name)))
}

pub(super) fn is_herald_hook_file(path: &Path) -> bool {
    fs::read(path).is_ok_and(|content| hook_scripts::is_herald_hook(&content))
}

/// Writes herald's hooks into the folder git runs hooks from.
fn write_hooks(dir: &Path, force: bool, ctx: &Context) -> Result<Outcome> {
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    for (name, script) in HOOKS {
        let path = dir.join(name);
        let result = install_hook(&path, name, script, force)?;
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

/// husky: herald's call goes into the committed scripts husky runs, which the team
/// shares, and hooks an earlier herald wrote into husky's own folder come out again.
fn install_into_husky(husky: &Husky, root: &Path, ctx: &Context) -> Result<Outcome> {
    let mut report = vec![format!(
        "husky runs this repository's hooks: herald's call goes into the scripts it runs ({}/<hook>)",
        shown(&husky.scripts, root).display()
    )];
    if let Some(dir) = &husky.hooks_dir {
        for (name, _) in HOOKS {
            if is_herald_hook_file(&dir.join(name)) {
                let done = uninstall::uninstall_hook(dir, name)?;
                report.push(format!(
                    "{name}: took out the hook an earlier herald wrote into husky's folder ({done})"
                ));
            }
        }
    }
    let mut changed = Vec::new();
    for (name, _) in HOOKS {
        let path = husky.script(name);
        let edit = husky::add(husky, name).map_err(|e| write_error(&path, e))?;
        let path = shown(&path, root).display().to_string();
        report.push(match edit {
            husky::Edit::Appended => format!("{name}: added herald's call at the end of {path}"),
            husky::Edit::Created => format!("{name}: created {path}, which runs herald"),
            _ => format!("{name}: {path} already runs herald"),
        });
        if edit != husky::Edit::Unchanged {
            changed.push(path);
        }
    }
    if !changed.is_empty() {
        report.push(format!(
            "commit {} so that everyone who works here runs herald too",
            changed.join(" and ")
        ));
    }
    if husky.hooks_dir.is_none() {
        report.push(
            "husky is not set up in this clone yet (core.hooksPath is not set): \
             `npm install` (husky's `prepare` script) or `npx husky` sets it up"
                .to_string(),
        );
    }
    if !ctx.quiet {
        println!("{}", report.join("\n"));
    }
    Ok(Outcome::Success)
}

/// lefthook: its configuration decides what its hooks run, and `lefthook install`
/// rewrites the hooks folder, so herald says what to add instead of writing anything.
/// Exit 0 when the configuration already runs herald, 1 while it does not.
fn advise_lefthook(lefthook: &Lefthook, root: &Path, dir: &Path, ctx: &Context) -> Outcome {
    let config = lefthook.config_name(root);
    let missing: Vec<&str> = HOOKS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !lefthook.runs_herald(name))
        .collect();
    if missing.is_empty() {
        if !ctx.quiet {
            println!("lefthook runs this repository's hooks, and {config} runs herald already");
            let installed = HOOKS.iter().all(|(name, _)| {
                fs::read_to_string(dir.join(name))
                    .is_ok_and(|t| hook_managers::lefthook::is_lefthook_hook(&t))
            });
            if !installed {
                println!("run `lefthook install` to put lefthook's hooks in place");
            }
        }
        return Outcome::Success;
    }
    println!(
        "lefthook runs this repository's hooks ({config}), so herald writes none of its own.\n\
         Add this to {config}, merged with what is there, then run `lefthook install`:\n\n{}\n\
         lefthook needs herald on PATH. `herald install --force` writes herald's own hooks \
         instead, setting lefthook's aside.",
        lefthook.snippet(&missing)
    );
    Outcome::Refused
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
