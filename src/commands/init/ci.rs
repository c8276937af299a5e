//! `herald init --ci github|gitlab`: the CI files that run herald on pull requests and
//! promote to production, made for this repository's configuration (the release tool that
//! publishes, squash merges, hotfix branches).

use std::path::Path;

use crate::cli::{CiChoice, InitArgs};
use crate::commands::{Context, Outcome};
use crate::config::ci_templates::{self, CiPlan, Forge};
use crate::config::sources::WorkTree;
use crate::config::{Config, MergeStrategy, ReleaseMode};
use crate::error::{Error, Result};
use crate::model::EngineName;
use crate::repo::Repo;

/// herald's own repository, when the build names one (`repository` in Cargo.toml).
const HERALD_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
/// What the files say when herald does not know where it comes from.
const HERALD_GIT_PLACEHOLDER: &str = "https://github.com/OWNER/herald";

/// The branch promoted by default: the plan's staging branch.
const STAGING: &str = "staging";

pub fn run(args: &InitArgs, choice: CiChoice, ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let root = repo
        .work_tree()
        .ok_or_else(|| {
            Error::Input("herald init --ci needs a work tree; this repository is bare".into())
        })?
        .to_path_buf();
    let (config, source) = ctx.config_with_source(Some(&repo))?;
    let herald_git = args
        .herald_git
        .clone()
        .or_else(|| (!HERALD_REPOSITORY.is_empty()).then(|| HERALD_REPOSITORY.to_string()));
    let plan = plan(&root, &config, &source, herald_git.as_deref())?;
    let (forge, flag) = match choice {
        CiChoice::Github => (Forge::GitHub, "github"),
        CiChoice::Gitlab => (Forge::GitLab, "gitlab"),
    };
    let files = ci_templates::render(forge, &plan);
    if !args.force {
        if let Some(existing) = files.iter().find(|f| root.join(f.path).exists()) {
            return Err(Error::Input(format!(
                "{} already exists; run `herald init --ci {flag} --force` to replace it",
                root.join(existing.path).display()
            )));
        }
    }
    for file in &files {
        let path = root.join(file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Write(format!("cannot create {}: {e}", dir.display())))?;
        }
        std::fs::write(&path, &file.text)
            .map_err(|e| Error::Write(format!("cannot write {}: {e}", path.display())))?;
        if !ctx.quiet {
            println!("wrote {}", path.display());
        }
    }
    if herald_git.is_none() {
        eprintln!(
            "note: set HERALD_GIT in the files to the git repository CI builds herald from (or pass --herald-git URL)"
        );
    }
    if !ctx.quiet {
        println!("{}", next_steps(forge));
    }
    Ok(Outcome::Success)
}

/// What the files are made from.
fn plan(root: &Path, config: &Config, source: &str, herald_git: Option<&str>) -> Result<CiPlan> {
    let files = WorkTree::new(root);
    let detected = crate::tools::detect(Some(&files), config.engine, source)?;
    let engine = (detected.name != EngineName::Herald)
        .then(|| (detected.name.as_str().to_string(), detected.source.clone()));
    Ok(CiPlan {
        engine,
        independent: config.release.mode == ReleaseMode::Independent,
        squash: config.release.merge == MergeStrategy::Squash,
        staging: STAGING.to_string(),
        hotfix: config.release.hotfix_branch.replace("{version}", "*"),
        herald_git: herald_git.unwrap_or(HERALD_GIT_PLACEHOLDER).to_string(),
        herald_version: format!("v{}", env!("CARGO_PKG_VERSION")),
    })
}

fn next_steps(forge: Forge) -> &'static str {
    match forge {
        Forge::GitHub => {
            "next: make the production job wait for approval: Settings → Environments → New environment `production` → Required reviewers"
        }
        Forge::GitLab => {
            "next: protect the `production` environment with approvals (Settings → CI/CD → Protected environments), and add HERALD_PUSH_TOKEN (a project access token with write_repository) as a masked CI/CD variable"
        }
    }
}
