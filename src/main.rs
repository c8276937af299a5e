use std::process::ExitCode;

use clap::Parser;
use herald::cli::{Cli, Command};
use herald::commands::{self, Context, Outcome};
use herald::error::{Error, Result};
use herald::ui::{Colors, Palette};

fn main() -> ExitCode {
    reset_sigpipe();
    herald::repo::limit_mapped_memory();
    let cli = Cli::parse();
    let colors = Colors::resolve(cli.color);
    match run(cli, colors) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Refused) => ExitCode::from(1),
        Err(error) => {
            eprintln!("{} {error}", Palette::new(colors.stderr).error("herald:"));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(cli: Cli, colors: Colors) -> Result<Outcome> {
    if let Some(dir) = &cli.directory {
        std::env::set_current_dir(dir)
            .map_err(|e| Error::Input(format!("cannot change to {}: {e}", dir.display())))?;
    }
    let ctx = Context {
        config_path: cli.config,
        colors,
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match &cli.command {
        Command::Check(args) => commands::check::run(args, &ctx),
        Command::Hook(command) => commands::hook::run(command, &ctx),
        Command::Install(args) => commands::install::run(args, &ctx),
        Command::Uninstall => commands::uninstall::run(&ctx),
        Command::Preview(args) => commands::preview::run(args, &ctx),
        Command::Changelog(args) => commands::changelog::run(args, &ctx),
        Command::Init(args) => commands::init::run(args, &ctx),
        Command::Release(args) => commands::release::run(args, &ctx),
        Command::Doctor => commands::doctor::run(&ctx),
        Command::Man(args) => commands::man::run(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "herald", &mut std::io::stdout());
            Ok(Outcome::Success)
        }
    }
}

/// `herald preview | head` should end quietly, as other Unix tools do, instead of failing
/// to print into a closed pipe.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of a signal at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
