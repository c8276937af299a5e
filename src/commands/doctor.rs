//! `herald doctor`: is this repository set up the way herald needs? Each check says what
//! it found and, when something is wrong, how to fix it.

use std::path::{Path, PathBuf};

use super::install::is_herald_hook_file;
use super::release::{commit_message_problem, version_texts};
use super::{Context, Outcome};
use crate::app::gather::{engine, files_for};
use crate::app::last_release;
use crate::config::Config;
use crate::error::Result;
use crate::hook_managers::husky::{self, Husky};
use crate::hook_managers::lefthook::{self, Lefthook};
use crate::hook_managers::{self, Manager, Setting};
use crate::hook_scripts::{self, HOOKS};
use crate::release;
use crate::repo::Repo;
use crate::tools::Tool;
use crate::ui::Palette;

/// One finding.
struct Finding {
    ok: bool,
    subject: &'static str,
    text: String,
    help: Option<String>,
}

impl Finding {
    fn ok(subject: &'static str, text: impl Into<String>) -> Finding {
        Finding {
            ok: true,
            subject,
            text: text.into(),
            help: None,
        }
    }

    fn problem(subject: &'static str, text: impl Into<String>, help: impl Into<String>) -> Finding {
        Finding {
            ok: false,
            subject,
            text: text.into(),
            help: Some(help.into()).filter(|h: &String| !h.is_empty()),
        }
    }
}

/// The top-level entry point for `herald doctor`.
pub fn run(ctx: &Context) -> Result<Outcome> {
    let repo = Repo::discover()?;
    let mut findings = Vec::new();
    let (config, source) = match ctx.config_with_source(Some(&repo)) {
        Ok((config, source)) => {
            findings.push(Finding::ok("configuration", format!("{source} is valid")));
            (config, source)
        }
        Err(error) => {
            findings.push(Finding::problem(
                "configuration",
                error.to_string(),
                "fix it; the checks below use the defaults",
            ));
            (Config::default(), "defaults".to_string())
        }
    };
    findings.extend(hooks(&repo));
    findings.push(on_path());
    let files = files_for(&repo, None)?;
    let loaded = match engine(files.as_ref(), &config, &source) {
        Ok(loaded) => loaded,
        Err(error) => {
            findings.push(Finding::problem(
                "release tool",
                error.to_string(),
                "fix the file; the checks below use herald's own rules",
            ));
            let defaults = Config {
                engine: Some(crate::model::EngineName::Herald),
                ..config.clone()
            };
            engine(files.as_ref(), &defaults, &source)?
        }
    };
    let tool = loaded.tool.as_ref();
    findings.push(last_release_finding(&repo, tool, &loaded.source)?);
    if let Some(what) = crate::release::recover::pending(&repo) {
        findings.push(Finding::problem(
            "release",
            format!("the {what} was interrupted and is not finished"),
            "`herald release --abort` undoes it; `herald release` undoes it and goes on",
        ));
    }
    findings.extend(version_files(&repo, &config, tool)?);
    findings.push(match commit_message_problem(&repo, &config, tool) {
        None => Finding::ok("release commit", "its message passes the commit rules"),
        Some(problem) => Finding::problem(
            "release commit",
            problem,
            "change `commit_message` under [release]",
        ),
    });
    print(&findings, ctx);
    Ok(if findings.iter().all(|f| f.ok) {
        Outcome::Success
    } else {
        Outcome::Refused
    })
}

/// The last release, as the engine CI uses finds it (the rule `preview` and the hooks use).
fn last_release_finding(repo: &Repo, tool: &dyn Tool, source: &str) -> Result<Finding> {
    let engine = format!("{} (from {source})", tool.name());
    let found = last_release::of_repository(repo, tool)?;
    if let Some((target, last)) = &found {
        let (tags, _) = repo.version_tags(&target.format)?;
        let head = repo.resolve("HEAD")?.unwrap_or_default();
        let higher = match head.is_empty() {
            true => None,
            false => last_release::unreachable_higher(repo, target, &tags, last, &head)?,
        };
        if let Some(higher) = higher {
            let branch = repo.head_branch().unwrap_or_else(|| "HEAD".into());
            return Ok(Finding::problem(
                "last release",
                format!(
                    "{higher} is released, but `{branch}` does not hold it (its release branch was not merged back), so the next release here would not follow it"
                ),
                format!("merge it back: `git merge {higher}`"),
            ));
        }
    }
    let text = match found {
        None => format!("{engine} versions each package on its own; see `herald preview`"),
        Some((target, last)) => match (last.tag, last.current) {
            (Some(tag), _) => format!("{} by {engine}", tag.name),
            (None, Some(version)) => format!(
                "{} recorded for {engine}, with no tag",
                target.format.spell(&version)
            ),
            (None, None) => format!("none yet by {engine}"),
        },
    };
    Ok(Finding::ok("last release", text))
}

fn print(findings: &[Finding], ctx: &Context) {
    let palette = Palette::new(ctx.colors.stdout);
    for finding in findings {
        if finding.ok && ctx.quiet {
            continue;
        }
        let mark = if finding.ok {
            palette.good("✓")
        } else {
            palette.error("✗")
        };
        println!("{mark} {}: {}", finding.subject, finding.text);
        if let Some(help) = &finding.help {
            println!("    {} {help}", palette.dim("help:"));
        }
    }
}

/// Whether herald's hooks are where git runs hooks from, or in the scripts of the hook
/// manager in charge.
fn hooks(repo: &Repo) -> Vec<Finding> {
    let dir = match repo.hooks_dir() {
        Ok(dir) => dir,
        Err(error) => {
            return vec![Finding::problem("hooks", error.to_string(), "")];
        }
    };
    let manager = repo.work_tree().and_then(|root| {
        hook_managers::detect(&Setting {
            work_tree: root,
            hooks_dir: &dir,
            hooks_path_set: repo.config_string("core.hooksPath").is_some(),
        })
    });
    let own_hooks = HOOKS
        .iter()
        .any(|(name, _)| is_herald_hook_file(&dir.join(name)));
    match manager {
        Some(Manager::Husky(husky)) => husky_hooks(&husky),
        Some(Manager::Lefthook(lefthook)) if !own_hooks => {
            lefthook_hooks(&lefthook, &dir, repo.work_tree().unwrap_or(&dir))
        }
        _ => HOOKS
            .iter()
            .map(|(name, _)| hook(&dir.join(name), name))
            .collect(),
    }
}

/// husky: herald runs from the committed scripts; a hook an earlier herald wrote into
/// husky's folder keeps the user's script from running and goes on the next install.
fn husky_hooks(husky: &Husky) -> Vec<Finding> {
    let mut findings = Vec::new();
    if husky.hooks_dir.is_none() {
        findings.push(Finding::problem(
            "hooks",
            "husky is not set up in this clone: core.hooksPath is not set, so git runs none of its scripts",
            "run `npm install` (husky's `prepare` script) or `npx husky`",
        ));
    }
    for (name, _) in HOOKS {
        let script = husky.script(name);
        let shown = script.display();
        let written_into_husky = husky
            .hooks_dir
            .as_ref()
            .map(|dir| dir.join(name))
            .filter(|path| is_herald_hook_file(path));
        findings.push(if let Some(path) = written_into_husky {
            Finding::problem(
                "hooks",
                format!(
                    "{} is herald's hook inside husky's folder, written by an earlier herald: \
                     {shown} does not run, and husky's next install removes herald's hook",
                    path.display()
                ),
                format!("run `herald install`: it moves herald's call into {shown}"),
            )
        } else if std::fs::read_to_string(&script).is_ok_and(|t| husky::runs_herald(&t, name)) {
            Finding::ok("hooks", format!("{name} runs herald from {shown} (husky)"))
        } else {
            Finding::problem(
                "hooks",
                format!("{shown} does not run herald"),
                format!(
                    "run `herald install`: it adds herald's call to {shown}, for you to commit"
                ),
            )
        });
    }
    findings
}

/// lefthook: herald runs when lefthook's configuration says so and lefthook's hooks are
/// installed; pre-push needs git's ref lines passed on.
fn lefthook_hooks(lefthook: &Lefthook, dir: &Path, root: &Path) -> Vec<Finding> {
    let config = lefthook.config_name(root);
    let mut findings = Vec::new();
    for (name, _) in HOOKS {
        let path = dir.join(name);
        findings.push(if !lefthook.runs_herald(name) {
            Finding::problem(
                "hooks",
                format!("{config} does not run herald on {name}"),
                "add it (`herald install` prints what to add), then run `lefthook install`",
            )
        } else if !std::fs::read_to_string(&path).is_ok_and(|t| lefthook::is_lefthook_hook(&t)) {
            Finding::problem(
                "hooks",
                format!("lefthook's {name} hook is not installed in {}", dir.display()),
                "run `lefthook install`",
            )
        } else if name == "pre-push" && !lefthook.passes_stdin() {
            Finding::problem(
                "hooks",
                format!("{config} runs herald on pre-push without `use_stdin: true`, so herald sees no pushed commits"),
                "add `use_stdin: true` to that command",
            )
        } else {
            Finding::ok("hooks", format!("{name} runs herald through lefthook ({config})"))
        });
    }
    findings
}

fn hook(path: &Path, name: &str) -> Finding {
    let shown = path.display();
    match std::fs::read(path) {
        Ok(content) if hook_scripts::is_herald_hook(&content) => {
            if is_executable(path) {
                Finding::ok("hooks", format!("{name} is installed in {shown}"))
            } else {
                Finding::problem(
                    "hooks",
                    format!("{shown} is herald's but not executable, so git skips it"),
                    format!("chmod +x {shown}"),
                )
            }
        }
        Ok(_) => Finding::problem(
            "hooks",
            format!("{shown} is not herald's"),
            "run `herald install`: it chains the hook that is there",
        ),
        Err(_) => Finding::problem(
            "hooks",
            format!(
                "{name} is not installed in {}",
                path.parent().unwrap_or(path).display()
            ),
            "run `herald install`",
        ),
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Whether the hooks will find herald on PATH.
fn on_path() -> Finding {
    match find_on_path("herald") {
        Some(found) => Finding::ok("PATH", format!("herald is {}", found.display())),
        None => Finding::problem(
            "PATH",
            "herald is not on PATH",
            "add its folder to PATH (the hooks also try $HERALD_BIN and ~/.cargo/bin)",
        ),
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Whether the version files agree with each other and with the last release.
fn version_files(repo: &Repo, config: &Config, tool: &dyn Tool) -> Result<Vec<Finding>> {
    if config.release.version_files.is_empty() {
        return Ok(vec![Finding::ok(
            "version files",
            "none configured (`version_files` under [release])",
        )]);
    }
    let Some(root) = repo.work_tree() else {
        return Ok(Vec::new());
    };
    let texts = version_texts(repo, config, None, root)?;
    let survey = release::survey(&texts.texts);
    let mut findings: Vec<Finding> = texts
        .problems
        .iter()
        .chain(&survey.problems)
        .map(|p| {
            Finding::problem(
                "version files",
                p.clone(),
                "check `version_files` under [release]",
            )
        })
        .collect();
    let last = last_release::of_repository(repo, tool)?.and_then(|(_, last)| last.tag);
    let conflicts = release::conflicts(
        &survey,
        last.as_ref().map(|t| (t.name.as_str(), &t.version)),
    );
    for conflict in &conflicts {
        findings.push(Finding::problem(
            "version files",
            conflict.clone(),
            "bring them into step, or let `herald release --align` write the next version into all of them",
        ));
    }
    if findings.is_empty() {
        let count = survey.files.len();
        let value = survey
            .files
            .iter()
            .flat_map(|(_, spots)| spots.first())
            .map(|s| s.value.clone())
            .next()
            .unwrap_or_default();
        let with_tag = last
            .map(|t| format!(", in step with {}", t.name))
            .unwrap_or_default();
        findings.push(Finding::ok(
            "version files",
            format!(
                "{count} {} at {value}{with_tag}",
                if count == 1 { "file" } else { "files" }
            ),
        ));
    }
    Ok(findings)
}
