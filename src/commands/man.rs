//! `herald man`: the manual page, generated from the same clap definitions as `--help` and
//! the completions, so the three cannot drift. `install.sh` puts it where `man` looks.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};

/// The top-level entry point for `herald man`: herald.1 on stdout, or every page into
/// `--dir`.
pub fn run(args: &ManArgs) -> Result<Outcome> {
    match &args.dir {
        None => {
            let mut page = Vec::new();
            render(&mut page)
                .map_err(|e| Error::Write(format!("cannot render the manual page: {e}")))?;
            std::io::stdout()
                .write_all(&page)
                .map_err(|e| Error::Write(format!("cannot print the manual page: {e}")))?;
        }
        Some(dir) => write_pages(dir)?,
    }
    Ok(Outcome::Success)
}

/// herald.1: the global options and every command, each named as its own page.
pub fn render(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// herald.1 and herald-<command>.1 for each command (and hook) into `dir`, made when missing.
fn write_pages(dir: &Path) -> Result<()> {
    let unwritable = |e: std::io::Error| {
        Error::Input(format!(
            "cannot write manual pages into {}: {e}",
            dir.display()
        ))
    };
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(unwritable)?;
    Ok(())
}
