//! `herald hook …`: what the installed git hooks run.

mod commit_msg;
mod pre_commit_env;
mod pre_push;

use super::{Context, Outcome};
use crate::cli::HookCommand;
use crate::error::Result;

/// The top-level entry point for `herald hook`.
pub fn run(command: &HookCommand, ctx: &Context) -> Result<Outcome> {
    match command {
        HookCommand::CommitMsg { file } => commit_msg::run(file, ctx),
        HookCommand::PrePush {
            remote, from_env, ..
        } => {
            let from = match remote {
                Some(remote) if !from_env => pre_push::Source::Git { remote },
                _ => pre_push::Source::PreCommitEnv,
            };
            pre_push::run(from, ctx)
        }
    }
}
