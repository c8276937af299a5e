//! The command line, defined once: `--help`, completions, the manual page and the command
//! reference (docs/commands.md, checked against it) all come from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// See the release CI will cut, at commit time.
#[derive(Debug, Parser)]
#[command(name = "herald", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Run as if herald was started in PATH (like `git -C`).
    #[arg(short = 'C', value_name = "PATH", global = true)]
    pub directory: Option<PathBuf>,
    /// Read the configuration from FILE instead of herald.toml at the work tree's root.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// When to use colours (honours NO_COLOR and CLICOLOR_FORCE under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only what is necessary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Explain decisions; repeat for more.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint a commit message (argument, --file or stdin) or every commit in a range.
    Check(CheckArgs),
    /// What the installed git hooks run.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Install the commit-msg and pre-push hooks where git runs them.
    Install(InstallArgs),
    /// Take herald's hooks out again, restoring what was there before.
    Uninstall,
    /// Show the next version(s), the reasons and the changelog, as CI will compute them.
    Preview(PreviewArgs),
    /// Render the next release's changelog, or put it into a file.
    Changelog(ChangelogArgs),
    /// Write a commented herald.toml, with components proposed from the repository's layout.
    Init(InitArgs),
    /// Cut a release (or hotfix) branch: version files, changelog, commit and tag, all or nothing.
    #[command(disable_version_flag = true)]
    Release(ReleaseArgs),
    /// Diagnose the setup: configuration, hooks, herald on PATH, version files in step.
    Doctor,
    /// Print a shell completion script (e.g. `herald completions bash > /etc/bash_completion.d/herald`).
    Completions { shell: clap_complete::Shell },
    /// Print herald's manual page (roff), or write a page per command into a folder.
    #[command(hide = true)]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write herald.1 and a page per command (herald-check.1, …) into DIR instead.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

/// How much a release changes the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BumpChoice {
    /// What the commits call for.
    Auto,
    Major,
    Minor,
    Patch,
}

#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// A hotfix: the branch starts from the latest release tag and the version is a patch.
    #[arg(long)]
    pub hotfix: bool,
    /// How much to bump (`auto`: what the commits call for).
    #[arg(long, value_enum, value_name = "BUMP", conflicts_with = "version")]
    pub bump: Option<BumpChoice>,
    /// Release exactly this version.
    #[arg(long, value_name = "X.Y.Z")]
    pub version: Option<String>,
    /// A pre-release: `--pre rc` gives 2.0.0-rc.1, then rc.2 when that tag exists.
    #[arg(long, value_name = "LABEL", conflicts_with = "version")]
    pub pre: Option<String>,
    /// Start the branch here instead of `[release] base` (a hotfix: the latest release tag).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Ask nothing: take the flags and the defaults (for scripts and CI).
    #[arg(short, long)]
    pub yes: bool,
    /// Print the plan and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not tag the release commit.
    #[arg(long)]
    pub no_tag: bool,
    /// Push the branch and the tag to `origin` (atomically) once they are made.
    #[arg(long)]
    pub push: bool,
    /// Go on when version files disagree: the release writes the new version into all of them.
    #[arg(long)]
    pub align: bool,
    /// Make the release commit without running the pre-commit and commit-msg hooks.
    #[arg(long)]
    pub no_verify: bool,
    /// Undo an interrupted release (herald was killed, or the machine stopped) and do nothing else.
    #[arg(long, conflicts_with_all = ["hotfix", "bump", "version", "pre", "base", "dry_run", "no_tag", "push", "align", "no_verify"])]
    pub abort: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing herald.toml (with --ci: the CI files).
    #[arg(long)]
    pub force: bool,
    /// Write CI files instead, which run herald on pull requests and promote to
    /// production: GitHub Actions workflows, or a .gitlab-ci.yml.
    #[arg(long, value_enum, value_name = "CI")]
    pub ci: Option<CiChoice>,
    /// With --ci: the git repository CI builds herald from (default: herald's own).
    #[arg(long, value_name = "URL", requires = "ci")]
    pub herald_git: Option<String>,
}

/// The CI `herald init --ci` writes files for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiChoice {
    /// .github/workflows/herald-pull-request.yml and herald-promote.yml.
    Github,
    /// .gitlab-ci.yml.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The message to check; read from stdin when neither this nor --file/--range is given.
    #[arg(conflicts_with_all = ["file", "range", "title"])]
    pub message: Option<String>,
    /// Check a pull request's title as the header of the commit a squash merge makes.
    #[arg(long, value_name = "TITLE", conflicts_with_all = ["file", "range"])]
    pub title: Option<String>,
    /// Read the message from FILE (e.g. .git/COMMIT_EDITMSG).
    #[arg(long, value_name = "FILE", conflicts_with = "range")]
    pub file: Option<PathBuf>,
    /// Check every commit in a revision range, e.g. `origin/main..HEAD`.
    #[arg(long, value_name = "A..B")]
    pub range: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PreviewFormat {
    Human,
    Json,
    /// The changelog alone.
    Markdown,
}

/// What to forecast: shared by `preview` and `changelog`.
#[derive(Debug, Clone, Args)]
pub struct ForecastArgs {
    /// Only this component: its own version in independent mode, its commits within the
    /// repository's version otherwise.
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::Other)]
    pub component: Option<String>,
    /// A pre-release: `--pre rc` gives 2.0.0-rc.1, then rc.2 when that tag exists.
    #[arg(long, value_name = "LABEL")]
    pub pre: Option<String>,
    /// Preview this revision instead of HEAD.
    #[arg(long, value_name = "REV")]
    pub to: Option<String>,
    /// Exit 1 when a warning says herald does not reproduce the release tool here (an
    /// option it does not read, or a known difference that applies), after the answer.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub forecast: ForecastArgs,
    #[arg(long, value_enum, default_value_t = PreviewFormat::Human)]
    pub format: PreviewFormat,
    /// Print only the next version (nothing when no release is due).
    #[arg(long, conflicts_with_all = ["format", "explain"])]
    pub next_version: bool,
    /// One line per commit: what the engine read and what it contributed.
    #[arg(long, conflicts_with = "against")]
    pub explain: bool,
    /// Append the results to $GITHUB_OUTPUT (or FILE) for later workflow steps.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
    pub github_output: Option<String>,
    /// What this branch does to the release on BASE: the release there and with the branch
    /// merged (default: the branch's upstream, else origin/HEAD, else `[release] base`).
    #[arg(long, value_name = "BASE", num_args = 0..=1, default_missing_value = "")]
    pub against: Option<String>,
    /// The branch is squash-merged: it counts as one commit with this header (the pull
    /// request's title).
    #[arg(long, value_name = "TITLE", requires = "against")]
    pub squash_title: Option<String>,
    /// The squashed commit's body (the pull request's description).
    #[arg(long, value_name = "BODY", requires = "squash_title")]
    pub squash_body: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChangelogArgs {
    #[command(flatten)]
    pub forecast: ForecastArgs,
    /// Put the new section into FILE (under its title; running twice adds it once).
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Check the message git is about to commit (the commit-msg hook).
    #[command(name = "commit-msg")]
    CommitMsg {
        /// The file git wrote the message to.
        file: PathBuf,
    },
    /// Check what a push publishes (the pre-push hook); reads git's ref lines on stdin.
    #[command(name = "pre-push")]
    PrePush {
        /// The remote's name.
        #[arg(required_unless_present = "from_env")]
        remote: Option<String>,
        /// The remote's URL.
        #[arg(required_unless_present = "from_env")]
        url: Option<String>,
        /// Read the push from the PRE_COMMIT_* variables the pre-commit framework sets
        /// (it passes no arguments and no ref lines) instead.
        #[arg(long, conflicts_with_all = ["remote", "url"])]
        from_env: bool,
    },
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Write herald's hooks into the folder git runs hooks from even when husky or lefthook
    /// manages it or the repository is bare, replacing hooks that are not herald's instead
    /// of chaining them (they are kept as `<hook>.herald-backup` and come back on uninstall).
    #[arg(long)]
    pub force: bool,
}
