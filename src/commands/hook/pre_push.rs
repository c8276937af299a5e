//! The pre-push hook: every commit the push publishes is checked in one process, and
//! direct pushes to protected branches are refused.

use std::collections::HashSet;
use std::io::BufRead;

use crate::app::check::{Checked, Checker};
use crate::app::forecast::tally;
use crate::app::gather::{Loaded, Purpose, Request, engine_or_herald, files_for, gather};
use crate::commands::{Context, Outcome};
use crate::config::{Config, FixupOnPush};
use crate::error::{Error, Result};
use crate::model::Change;
use crate::model::RawCommit;
use crate::model::diagnostic::{self, Diagnostic};
use crate::model::message::Kind;
use crate::repo::Repo;
use crate::ui::Palette;

/// One line of what git writes on the hook's stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedRef {
    pub local_ref: String,
    pub local_id: String,
    pub remote_ref: String,
    pub remote_id: String,
}

impl PushedRef {
    /// Parses `<local ref> <local oid> <remote ref> <remote oid>`.
    pub fn parse(line: &str) -> Option<PushedRef> {
        let mut parts = line.split_whitespace();
        let pushed = PushedRef {
            local_ref: parts.next()?.to_string(),
            local_id: parts.next()?.to_string(),
            remote_ref: parts.next()?.to_string(),
            remote_id: parts.next()?.to_string(),
        };
        parts.next().is_none().then_some(pushed)
    }

    /// A deletion pushes the all-zero id (40 or 64 zeros, by the hash in use).
    pub fn is_deletion(&self) -> bool {
        is_zero(&self.local_id)
    }

    pub fn is_new_branch(&self) -> bool {
        is_zero(&self.remote_id)
    }

    /// The branch name on the remote, for `refs/heads/…`.
    pub fn remote_branch(&self) -> Option<&str> {
        self.remote_ref.strip_prefix("refs/heads/")
    }
}

fn is_zero(id: &str) -> bool {
    id.bytes().all(|b| b == b'0')
}

/// Where the push is described.
pub enum Source<'a> {
    /// git runs the hook: the remote's name as an argument, the ref lines on stdin.
    Git { remote: &'a str },
    /// The pre-commit framework runs it: `PRE_COMMIT_*` variables (`--from-env`).
    PreCommitEnv,
}

pub fn run(from: Source, ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let (config, source) = ctx.config_with_source(Some(&repo))?;
    let (remote, refs) = match from {
        Source::Git { remote } => (remote.to_string(), read_refs()?),
        Source::PreCommitEnv => super::pre_commit_env::push(&repo)?,
    };
    let remote = remote.as_str();
    let palette = Palette::new(ctx.colors.stderr);

    let protected: Vec<&PushedRef> = refs.iter().filter(|r| is_protected(r, &config)).collect();
    if !protected.is_empty() {
        eprintln!("{}", protected_refusal(&protected, &config, &palette));
        return Ok(Outcome::Refused);
    }

    let (loaded, broken) = engine_or_herald(
        Purpose::Forecasts,
        files_for(&repo, None)?.as_ref(),
        &config,
        &source,
    )?;
    if let Some(error) = &broken {
        eprintln!(
            "{} {error}\n  the commits are checked by herald's own rules alone",
            palette.warn("warning:")
        );
    }
    let checker = Checker::new(&config, loaded.tool.as_ref(), Some(&repo));
    let pushes = pushed_commits(&repo, remote, &refs)?;
    let checked: Vec<(&RawCommit, Checked)> = pushes
        .iter()
        .flat_map(|push| &push.commits)
        .map(|commit| {
            let mut checked = checker.examine_stored(&commit.message, commit.parent_count);
            apply_fixup_policy(&mut checked, config.hooks.fixup_on_push);
            (commit, checked)
        })
        .collect();
    let mut failed = 0;
    for (commit, result) in &checked {
        if result.diagnostics.is_empty() {
            continue;
        }
        failed += usize::from(result.has_errors());
        let short = &commit.id[..7];
        eprintln!("{} {}", palette.bold(short), result.message.header_line());
        eprint!(
            "{}",
            diagnostic::render(
                &result.diagnostics,
                &result.message.text,
                short,
                ctx.colors.stderr
            )
        );
    }
    if failed > 0 {
        eprintln!("{}", refusal(&checked, failed, &palette));
        return Ok(Outcome::Refused);
    }
    // A forecast by herald's rules while CI's tool cannot be read would be a wrong answer.
    if !ctx.quiet && broken.is_none() {
        for push in pushes.iter().filter(|p| !p.commits.is_empty()) {
            for line in forecast_lines(&repo, &config, &loaded, push)? {
                eprintln!("{} {line}", palette.dim("herald:"));
            }
        }
    }
    if ctx.verbose > 0 {
        eprintln!("herald: {} pushed commits checked", checked.len());
    }
    Ok(Outcome::Success)
}

/// What one pushed branch publishes.
struct Push<'a> {
    pushed: &'a PushedRef,
    /// New to the remote, newest first; a commit carried by several refs is listed once.
    commits: Vec<RawCommit>,
}

/// One line per component: what these commits do to the next release, computed over the
/// whole unreleased range at the pushed commit, as CI will see it after the push.
fn forecast_lines(
    repo: &Repo,
    config: &Config,
    loaded: &Loaded,
    push: &Push,
) -> Result<Vec<String>> {
    let request = Request {
        to: Some(push.pushed.local_id.clone()),
        without_notes: true,
        ..Request::default()
    };
    let gathered = gather(repo, config, loaded, &request)?;
    let pushed: HashSet<&str> = push.commits.iter().map(|c| c.id.as_str()).collect();
    let single = gathered.forecasts.len() == 1;
    let mut lines = Vec::new();
    for forecast in &gathered.forecasts {
        let mine: Vec<Change> = forecast
            .changes
            .iter()
            .filter(|c| pushed.contains(c.id.as_str()))
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        let name = if single {
            String::new()
        } else {
            format!("{}: ", forecast.name)
        };
        let outcome = match (&forecast.next_text(), &forecast.current_text()) {
            (Some(next), Some(current)) => {
                format!("next release {next} (from {current})")
            }
            (Some(next), None) => format!("first release {next}"),
            (None, _) => format!(
                "no release ({})",
                forecast
                    .no_release
                    .as_deref()
                    .unwrap_or("nothing to release")
            ),
        };
        lines.push(format!(
            "{name}this push: {} → {outcome}",
            push_tally(&mine, &forecast.decision)
        ));
    }
    Ok(lines)
}

/// `2 feat, 1 fix, 1 BREAKING`, or `3 commits` when none of them is a feature or a fix.
fn push_tally(changes: &[Change], decision: &crate::model::Decision) -> String {
    let tally = tally(changes, decision);
    let mut parts: Vec<String> = tally
        .by_type
        .iter()
        .filter(|(kind, _)| matches!(kind.as_str(), "feat" | "fix" | "perf" | "revert"))
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    if tally.breaking > 0 {
        parts.push(format!("{} BREAKING", tally.breaking));
    }
    if parts.is_empty() {
        return match changes.len() {
            1 => "1 commit".to_string(),
            n => format!("{n} commits"),
        };
    }
    parts.join(", ")
}

fn read_refs() -> Result<Vec<PushedRef>> {
    let mut refs = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line =
            line.map_err(|e| Error::Input(format!("cannot read the pushed refs on stdin: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let pushed = PushedRef::parse(&line).ok_or_else(|| {
            Error::Input(format!(
                "unexpected line on stdin: `{line}` (git writes `<local ref> <local oid> <remote ref> <remote oid>`)"
            ))
        })?;
        refs.push(pushed);
    }
    Ok(refs)
}

fn is_protected(pushed: &PushedRef, config: &Config) -> bool {
    let Some(branch) = pushed.remote_branch() else {
        return false;
    };
    config.hooks.protected_branches.iter().any(|pattern| {
        globset::Glob::new(pattern).is_ok_and(|glob| glob.compile_matcher().is_match(branch))
    })
}

fn protected_refusal(refs: &[&PushedRef], config: &Config, palette: &Palette) -> String {
    let mut text = String::new();
    for pushed in refs {
        let branch = pushed.remote_branch().unwrap_or(&pushed.remote_ref);
        let action = if pushed.is_deletion() {
            "delete"
        } else {
            "push directly to"
        };
        text.push_str(&format!(
            "{} you cannot {action} `{branch}`: it is protected\n",
            palette.error("push refused:")
        ));
    }
    let template = &config.release.branch;
    text.push_str(&format!(
        "  changes reach protected branches through the promotion path:\n  \
         push a branch and open a pull request, or cut a release with `herald release`\n  \
         (release branches are named like `{template}`)\n  \
         protected here by [hooks] protected_branches in herald.toml"
    ));
    text
}

/// Every commit the push publishes, once, however many refs carry it.
fn pushed_commits<'a>(repo: &Repo, remote: &str, refs: &'a [PushedRef]) -> Result<Vec<Push<'a>>> {
    let mut seen = HashSet::new();
    let mut pushes = Vec::new();
    for pushed in refs {
        if pushed.is_deletion() || pushed.remote_ref.starts_with("refs/tags/") {
            continue;
        }
        if !repo.has_commit(&pushed.local_id) {
            // A tag object or a tree: nothing to lint.
            continue;
        }
        let commits = if !pushed.is_new_branch() && repo.has_commit(&pushed.remote_id) {
            repo.commits_between(&pushed.local_id, &[&pushed.remote_id], &[])?
        } else if repo.has_remote_refs(remote) {
            // A new branch, or a force push over commits we never fetched: what the
            // remote does not have yet, as far as we know.
            repo.commits_between(&pushed.local_id, &[], &[format!("refs/remotes/{remote}/*")])?
        } else {
            // A remote we know nothing of: everything not already on another remote.
            repo.commits_between(&pushed.local_id, &[], &["refs/remotes/*".to_string()])?
        };
        let commits = commits
            .into_iter()
            .filter(|c| seen.insert(c.id.clone()))
            .collect();
        pushes.push(Push { pushed, commits });
    }
    Ok(pushes)
}

/// `fixup!` commits are fine locally but usually a mistake on a shared branch.
fn apply_fixup_policy(checked: &mut Checked, policy: FixupOnPush) {
    let Kind::Autosquash(kind) = checked.message.kind else {
        return;
    };
    let finding = match policy {
        FixupOnPush::Allow => return,
        FixupOnPush::Warn => Diagnostic::warning,
        FixupOnPush::Refuse => Diagnostic::error,
    };
    checked.diagnostics.push(
        finding(
            "fixup-on-push",
            format!("a `{}` commit is about to be published", kind.prefix()),
        )
        .at(
            0..kind.prefix().len(),
            "meant to be squashed before it is shared",
        )
        .help("squash it first: `git rebase -i --autosquash @{upstream}`"),
    );
}

fn refusal(checked: &[(&RawCommit, Checked)], failed: usize, palette: &Palette) -> String {
    let oldest_bad = checked
        .iter()
        .rev()
        .find(|(_, c)| c.has_errors())
        .map(|(commit, _)| &commit.id[..7])
        .unwrap_or("HEAD");
    let of = match checked.len() {
        1 => "the pushed commit".to_string(),
        n => format!("{failed} of {n} pushed commits"),
    };
    let verb = if failed == 1 { "breaks" } else { "break" };
    format!(
        "{} {of} {verb} the commit rules\n  \
         reword them:    git rebase -i {oldest_bad}~1   (mark each commit above `reword`)\n  \
         skip it once:   git push --no-verify",
        palette.error("push refused:"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ref_lines() {
        let zero = "0".repeat(64);
        let line = format!("refs/heads/main {} refs/heads/main {zero}", "a".repeat(64));
        let pushed = PushedRef::parse(&line).unwrap();
        assert!(pushed.is_new_branch());
        assert!(!pushed.is_deletion());
        assert_eq!(pushed.remote_branch(), Some("main"));
        assert_eq!(PushedRef::parse("refs/heads/main abc"), None);
        let deletion = format!(
            "(delete) {} refs/heads/x {}",
            "0".repeat(40),
            "b".repeat(40)
        );
        assert!(PushedRef::parse(&deletion).unwrap().is_deletion());
    }
}
