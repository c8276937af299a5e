//! `herald release`: cut a release or hotfix branch. Everything is read and checked
//! first, the person confirms a plan, and the plan is carried out all or nothing.

mod checks;
mod choose;
mod version_files;

pub use checks::commit_message_problem;
use checks::{check_branch_name, check_flags, check_plan, check_work_tree, message_problem};

pub use version_files::{VersionTexts, version_texts};

use std::path::Path;

use semver::Version;

use self::choose::{Situation, from_flags};
use super::preview::human;
use super::{Context, Outcome};
use crate::app::gather::{Request, engine, files_for, gather, release_time};
use crate::app::last_release;
use crate::cli::ReleaseArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::forge::Forge;
use crate::model::message::{Cleanup, CommentPrefix, clean};
use crate::model::notes::{Release, civil_date};
use crate::model::shell::quote;
use crate::model::version::TagFormat;
use crate::model::{Forecast, Tag, Target};
use crate::release::apply::{Cause, Failure, Options, apply, publish_command};
use crate::release::recover::{self, Recovered};
use crate::release::{
    self, Flavor, Plan, Steps, TagPlan, changelog_edit, fill, signals, version_edits,
};
use crate::repo::Repo;
use crate::repo::lock::Lock;
use crate::tools::Tool;
use crate::ui::{Palette, Prompter, TerminalPrompter};

/// The top-level entry point for `herald release`.
pub fn run(args: &ReleaseArgs, ctx: &Context) -> Result<Outcome> {
    let interactive = !args.yes && TerminalPrompter::available();
    if !args.yes && !interactive && !args.dry_run && !args.abort {
        return Err(Error::Input(
            "herald release asks questions and needs a terminal; in scripts and CI pass --yes (with --bump, --version or --base to choose)".into(),
        ));
    }
    let repo = Repo::discover()?;
    // Held until the end of the run.
    let _lock = match take_turn(args, &repo, ctx)? {
        Turn::Go(lock) => lock,
        Turn::Stop(outcome) => return Ok(outcome),
    };
    let (config, source) = ctx.config_with_source(Some(&repo))?;
    check_flags(args, &config)?;
    let root = repo
        .work_tree()
        .ok_or_else(|| {
            Error::Input("herald release needs a work tree; this repository is bare".into())
        })?
        .to_path_buf();
    check_work_tree(&repo)?;
    let mut terminal = interactive.then(|| TerminalPrompter::new(ctx.colors.stdout));
    let prompter = terminal.as_mut().map(|t| t as &mut dyn Prompter);
    Flow {
        args,
        ctx,
        repo: &repo,
        config: &config,
        source: &source,
        root: &root,
        prompter,
    }
    .run()
}

/// Whether this run goes on, and the release lock it holds meanwhile.
enum Turn {
    Go(Option<Lock>),
    Stop(Outcome),
}

/// Before anything is read: one release at a time per repository (a dry run changes
/// nothing and takes no lock), and a release cut short is put right first.
fn take_turn(args: &ReleaseArgs, repo: &Repo, ctx: &Context) -> Result<Turn> {
    if args.dry_run {
        return match recover::pending(repo) {
            Some(what) => Err(Error::Input(format!(
                "an interrupted {what} is not finished; `herald release --abort` undoes it"
            ))),
            None => Ok(Turn::Go(None)),
        };
    }
    let Some(lock) = take_lock(repo)? else {
        return Ok(Turn::Stop(Outcome::Refused));
    };
    let recovered = recover_interrupted(repo, ctx)?;
    if !args.abort {
        return Ok(Turn::Go(Some(lock)));
    }
    if !recovered && !ctx.quiet {
        eprintln!("herald: no interrupted release: nothing to undo");
    }
    Ok(Turn::Stop(Outcome::Success))
}

/// The release lock, or `None` (said why) when another release holds it.
fn take_lock(repo: &Repo) -> Result<Option<Lock>> {
    let path = repo.herald_dir().join("release.lock");
    let taken = Lock::try_take(&path).map_err(|e| {
        Error::Write(format!(
            "cannot take the release lock {}: {e}",
            path.display()
        ))
    })?;
    match taken {
        Ok(lock) => Ok(Some(lock)),
        Err(holder) => {
            let pid = holder
                .pid
                .map(|p| format!(" (pid {p})"))
                .unwrap_or_default();
            eprintln!(
                "herald: another herald release{pid} is running in this repository; wait for it to end, then try again"
            );
            Ok(None)
        }
    }
}

/// Finishes or undoes a release that was cut short, saying which; `true` when there was
/// one.
fn recover_interrupted(repo: &Repo, ctx: &Context) -> Result<bool> {
    let recovered = recover::recover(repo).map_err(|stuck| Error::Write(stuck.0))?;
    let palette = Palette::new(ctx.colors.stderr);
    let said = say_recovered(recovered, &palette);
    if let Some(signal) = signals::pending() {
        return Err(Error::Interrupted {
            signal,
            message: format!(
                "interrupted by {} while putting an interrupted release right",
                signals::name(signal)
            ),
        });
    }
    said
}

/// What became of an interrupted release, for people.
fn say_recovered(recovered: Option<Recovered>, palette: &Palette) -> Result<bool> {
    match recovered {
        None => Ok(false),
        Some(Recovered::Undone {
            what,
            theirs,
            failed,
        }) if failed.is_empty() => {
            if theirs.is_empty() {
                eprintln!(
                    "{} the interrupted {what} was undone: the repository is as it was before it",
                    palette.warn("herald:")
                );
            } else {
                eprintln!(
                    "{} the interrupted {what} was undone, except what has changed since:\n  {}",
                    palette.warn("herald:"),
                    theirs.join("\n  ")
                );
            }
            Ok(true)
        }
        Some(Recovered::Undone {
            what,
            theirs,
            failed,
        }) => Err(Error::Write(format!(
            "the interrupted {what} could not be undone entirely:\n  {}\nonce this is put right, run `herald release --abort` again",
            failed
                .iter()
                .chain(&theirs)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n  ")
        ))),
        Some(Recovered::Kept { what, publish }) => {
            eprintln!(
                "{} the interrupted {what} had completed: it is kept",
                palette.warn("herald:")
            );
            if let Some(command) = publish {
                eprintln!("  its push may not have happened; publish it with: {command}");
            }
            Ok(true)
        }
    }
}

/// One run of the release, with what it has read.
struct Flow<'a> {
    args: &'a ReleaseArgs,
    ctx: &'a Context,
    repo: &'a Repo,
    config: &'a Config,
    source: &'a str,
    root: &'a Path,
    prompter: Option<&'a mut dyn Prompter>,
}

impl Flow<'_> {
    fn run(mut self) -> Result<Outcome> {
        let flavor = if self.args.hotfix {
            Flavor::Hotfix
        } else {
            Flavor::Release
        };
        let loaded = engine(
            files_for(self.repo, None)?.as_ref(),
            self.config,
            self.source,
        )?;
        let target = release_target(loaded.tool.as_ref(), self.repo, self.config);
        let format = target.format.clone();
        let (tags, _) = self.repo.version_tags(&format)?;
        // On the hotfix branch a first `--hotfix` started, a second one finishes it there.
        let on_hotfix = match flavor {
            Flavor::Hotfix if self.args.base.is_none() => self
                .repo
                .head_branch()
                .filter(|b| template_matches(&self.config.release.hotfix_branch, b)),
            _ => None,
        };
        let base = match &on_hotfix {
            Some(branch) => branch.clone(),
            None => self.choose_base(flavor, &target, &tags)?,
        };
        let base_commit = self
            .repo
            .resolve(&base)?
            .ok_or_else(|| Error::Input(format!("`{base}` has no commits to release")))?;
        // A base other than HEAD is released with the tool's files (a manifest, a
        // configuration) as they are there.
        let loaded = if self.repo.resolve("HEAD")?.as_deref() == Some(base_commit.as_str()) {
            loaded
        } else {
            let files = files_for(self.repo, Some(&base_commit))?;
            engine(files.as_ref(), self.config, self.source)?
        };
        let gathered = gather(
            self.repo,
            self.config,
            &loaded,
            &Request {
                to: Some(base_commit.clone()),
                ..Request::default()
            },
        )?;
        let forecast = gathered
            .forecasts
            .first()
            .cloned()
            .ok_or_else(|| Error::Input("nothing to release".into()))?;
        self.show_summary(&forecast, &base);
        if !self.ctx.quiet {
            // What preview warns of at this base (a tool's option not reproduced, the
            // rules and CI's tool disagreeing) is said before anything is chosen.
            let palette = Palette::new(self.ctx.colors.stderr);
            for warning in &gathered.warnings {
                eprintln!("{} {warning}", palette.warn("warning:"));
            }
        }
        let mut situation = situation(&forecast, flavor, &tags, self.config);
        // herald.toml's own rules (path rules CI's tool does not see) call for more: that
        // is the release the team planned, and the footer below brings CI to it.
        let by_rules = gathered.herald_rules.first().and_then(|f| f.next.clone());
        if flavor == Flavor::Release && by_rules > situation.required {
            situation.required = by_rules.clone();
            situation.recommended = by_rules;
        }
        if flavor == Flavor::Release {
            let last = last_release::LastRelease {
                current: forecast.current.clone(),
                tag: forecast.current_tag.clone(),
                note: None,
            };
            situation.floor =
                last_release::unreachable_higher(self.repo, &target, &tags, &last, &base_commit)?
                    .and_then(|name| tags.iter().find(|t| t.name == name))
                    .map(|t| (t.version.clone(), t.name.clone()));
        }
        let steps = match (&on_hotfix, flavor, forecast.changes.is_empty()) {
            (Some(branch), _, true) => {
                return Err(Error::Input(format!(
                    "`{branch}` holds no commit since {}: commit the fix on it first, then run `herald release --hotfix` again",
                    forecast
                        .current_tag
                        .as_ref()
                        .map_or("the last release", |t| t.name.as_str())
                )));
            }
            (Some(_), _, false) => Steps::OnBranch,
            // Nothing to release at the base: a hotfix starts with its branch.
            (None, Flavor::Hotfix, true) => Steps::StartHotfix,
            _ => Steps::Release,
        };
        let Some(version) = self.choose_version(&situation)? else {
            return Ok(Outcome::Refused);
        };
        let previous_tag = forecast.current_tag.as_ref().map(|t| t.name.as_str());
        let tag_name = format.render_after(&version, previous_tag);
        let branch = match &on_hotfix {
            Some(branch) => branch.clone(),
            None => self.choose_branch(flavor, &version, &tag_name)?,
        };
        if steps == Steps::StartHotfix {
            let plan = Plan {
                flavor,
                steps,
                current: forecast.current.clone(),
                version,
                base,
                base_commit,
                branch,
                edits: Vec::new(),
                commit_message: String::new(),
                tag: None,
                push: None,
            };
            check_plan(self.repo, self.config, self.root, &plan)?;
            return self.carry_out(&plan);
        }
        let texts = version_texts(self.repo, self.config, Some(&base_commit), self.root)?;
        if !self.agree_on_versions(&texts, &forecast)? {
            return Ok(Outcome::Refused);
        }
        let survey = release::survey(&texts.texts);
        let mut edits = version_edits(&survey, &texts.texts, &version);
        if let Some(edit) = self.changelog(
            gathered.tool.as_ref(),
            &forecast,
            &version,
            &tag_name,
            &base_commit,
        )? {
            edits.push(edit);
        }
        let mut commit_message = fill(&self.config.release.commit_message, &version, &tag_name);
        if self.release_as(gathered.tool.name(), &forecast, &version)? {
            commit_message = with_release_as(&commit_message, &version);
        }
        self.check_commit_message(gathered.tool.as_ref(), &commit_message)?;
        let tag = (!self.args.no_tag).then(|| TagPlan {
            name: tag_name.clone(),
            message: fill(&self.config.release.tag_message, &version, &tag_name),
        });
        let push = self.choose_push()?;
        let plan = Plan {
            flavor,
            steps,
            current: forecast.current.clone(),
            version,
            base,
            base_commit,
            branch,
            edits,
            commit_message,
            tag,
            push,
        };
        check_plan(self.repo, self.config, self.root, &plan)?;
        self.carry_out(&plan)
    }

    /// The base: `--base`, else asked with the configured one (a hotfix: the latest release
    /// tag) as the default.
    fn choose_base(&mut self, flavor: Flavor, target: &Target, tags: &[Tag]) -> Result<String> {
        if let Some(base) = &self.args.base {
            return Ok(base.clone());
        }
        let default = match flavor {
            Flavor::Release => self.config.release.base.clone(),
            Flavor::Hotfix => match &self.config.release.hotfix_base {
                Some(base) => base.clone(),
                None => last_release::latest(target, tags)
                    .map(|tag| tag.name.clone())
                    .ok_or_else(|| {
                        Error::Input(
                            "a hotfix starts from a release tag, and there is none yet; pass --base"
                                .into(),
                        )
                    })?,
            },
        };
        let Some(prompter) = self.prompter.as_deref_mut() else {
            return Ok(default);
        };
        let repo = self.repo;
        let answer = prompter.input(
            &format!("Start the {} from", flavor.name()),
            &default,
            &|rev| match repo.resolve(rev) {
                Ok(Some(_)) => Ok(()),
                _ => Err(format!("`{rev}` is not a branch, tag or commit here")),
            },
        );
        answer.map_err(cancelled)
    }

    fn show_summary(&self, forecast: &Forecast, base: &str) {
        if self.ctx.quiet {
            return;
        }
        let palette = Palette::new(self.ctx.colors.stdout);
        println!("{}", palette.dim(&format!("at {base}:")));
        print!("{}", human::summary(forecast, &palette));
    }

    /// The version: from the flags, else asked.
    fn choose_version(&mut self, situation: &Situation) -> Result<Option<Version>> {
        let flagged =
            self.args.version.is_some() || self.args.pre.is_some() || self.args.bump.is_some();
        if flagged || self.prompter.is_none() {
            let choice = from_flags(
                self.args.bump,
                self.args.version.as_deref(),
                self.args.pre.as_deref(),
                self.args.hotfix,
            )
            .map_err(Error::Input)?;
            let version = match situation.version(&choice) {
                Ok(version) => version,
                Err(problem)
                    if situation.recommended.is_none() && choice == choose::Choice::Auto =>
                {
                    eprintln!("herald: {problem}");
                    return Ok(None);
                }
                Err(problem) => return Err(Error::Input(problem)),
            };
            return self.accept_shortfall(situation, version);
        }
        let prompter = self.prompter.as_deref_mut().expect("interactive");
        Ok(Some(choose::ask(prompter, situation).map_err(cancelled)?))
    }

    /// A version below what the commits call for, chosen by flag: confirmed when asking,
    /// a warning otherwise.
    fn accept_shortfall(
        &mut self,
        situation: &Situation,
        version: Version,
    ) -> Result<Option<Version>> {
        let Some(warning) = situation.shortfall(&version) else {
            return Ok(Some(version));
        };
        let palette = Palette::new(self.ctx.colors.stderr);
        match self.prompter.as_deref_mut() {
            Some(prompter) => {
                let go = prompter
                    .confirm(&format!("⚠ {warning}. Release {version} anyway?"), false)
                    .map_err(cancelled)?;
                Ok(go.then_some(version))
            }
            None => {
                eprintln!("{} {warning}", palette.warn("warning:"));
                Ok(Some(version))
            }
        }
    }

    /// The branch name from the template, offered for editing when asking.
    fn choose_branch(&mut self, flavor: Flavor, version: &Version, tag: &str) -> Result<String> {
        let template = match flavor {
            Flavor::Release => &self.config.release.branch,
            Flavor::Hotfix => &self.config.release.hotfix_branch,
        };
        let default = fill(template, version, tag);
        let repo = self.repo;
        let check = |name: &str| check_branch_name(repo, name);
        match self.prompter.as_deref_mut() {
            Some(prompter) => Ok(prompter
                .input("Branch", &default, &check)
                .map_err(cancelled)?),
            None => {
                check(&default).map_err(Error::Input)?;
                Ok(default)
            }
        }
    }

    /// Version files that disagree stop the release, unless the person chooses to bring
    /// them into step (the release writes the new version into all of them).
    fn agree_on_versions(&mut self, texts: &VersionTexts, forecast: &Forecast) -> Result<bool> {
        if !texts.problems.is_empty() {
            return Err(Error::Input(format!(
                "cannot read the version files:\n  {}",
                texts.problems.join("\n  ")
            )));
        }
        let survey = release::survey(&texts.texts);
        if !survey.problems.is_empty() {
            return Err(Error::Input(format!(
                "cannot read the version files:\n  {}",
                survey.problems.join("\n  ")
            )));
        }
        let last = forecast
            .current_tag
            .as_ref()
            .map(|t| (t.name.as_str(), &t.version));
        let conflicts = release::conflicts(&survey, last);
        if conflicts.is_empty() {
            return Ok(true);
        }
        let palette = Palette::new(self.ctx.colors.stderr);
        for conflict in &conflicts {
            eprintln!("{} {conflict}", palette.warn("warning:"));
        }
        if self.args.align {
            return Ok(true);
        }
        match self.prompter.as_deref_mut() {
            Some(prompter) => prompter
                .confirm(
                    "Write the new version into all of them, bringing them into step?",
                    false,
                )
                .map_err(cancelled),
            None => {
                eprintln!(
                    "herald: the version files are not in step; fix them, or pass --align to write the new version into all of them"
                );
                Ok(false)
            }
        }
    }

    /// The changelog section, when a changelog is configured and commits are noted.
    fn changelog(
        &self,
        engine: &dyn Tool,
        forecast: &Forecast,
        version: &Version,
        tag: &str,
        base: &str,
    ) -> Result<Option<release::Edit>> {
        let path = &self.config.release.changelog;
        if path.is_empty() || forecast.decision.noted.is_empty() {
            return Ok(None);
        }
        let remote = self.repo.remote_url("origin");
        let forge = remote.as_deref().and_then(Forge::from_remote_url);
        let timestamp = release_time();
        let notes = engine
            .notes(&Release {
                version,
                tag,
                previous_tag: forecast.current_tag.as_ref().map(|t| t.name.as_str()),
                previous_id: forecast.current_tag.as_ref().map(|t| t.target.as_str()),
                date: &civil_date(timestamp),
                timestamp,
                forge: forge.as_ref(),
                remote: remote.as_deref(),
                changes: &forecast.changes,
                noted: &forecast.decision.noted,
            })
            .map_err(|e| Error::Input(format!("the changelog section cannot be written: {e}")))?;
        let existing = self.repo.file_at(base, path)?;
        Ok(Some(changelog_edit(
            engine,
            path,
            existing.as_deref(),
            &notes,
            version,
        )))
    }

    /// The release commit must pass herald's own rules, or the hooks would reject it later.
    fn check_commit_message(&self, engine: &dyn Tool, message: &str) -> Result<()> {
        match message_problem(self.repo, self.config, engine, message) {
            None => Ok(()),
            Some(problem) => Err(Error::Input(format!(
                "the release commit's message does not pass the commit rules; change `commit_message` under [release]:\n{problem}"
            ))),
        }
    }

    /// `--push`, else asked when there is an `origin`.
    /// Whether the release commit carries `Release-As: <version>`: when release-please,
    /// which CI runs, would publish another version. release-please records a footer
    /// whose token is `release-as` in any case as a `RELEASE AS` note (`commit.js`) and
    /// its default versioning strategy releases that version (`DefaultVersioningStrategy.
    /// bump`). Offered, yes by default; with `--yes`, written.
    fn release_as(&mut self, engine: &str, by_ci: &Forecast, version: &Version) -> Result<bool> {
        if engine != "release-please" || by_ci.next.as_ref() == Some(version) {
            return Ok(false);
        }
        let ci = by_ci
            .next
            .as_ref()
            .map_or("no release".to_string(), Version::to_string);
        let question = format!(
            "release-please, which CI runs, would publish {ci}; write `Release-As: {version}` into the release commit so that it publishes {version}?"
        );
        match self.prompter.as_deref_mut() {
            Some(prompter) => prompter.confirm(&question, true).map_err(cancelled),
            None => Ok(true),
        }
    }

    fn choose_push(&mut self) -> Result<Option<String>> {
        if self.args.push {
            return Ok(Some("origin".into()));
        }
        if self.args.dry_run || !self.repo.has_remote("origin") {
            return Ok(None);
        }
        match self.prompter.as_deref_mut() {
            Some(prompter) => {
                let push = prompter
                    .confirm("Push the branch and tag to origin afterwards?", false)
                    .map_err(cancelled)?;
                Ok(push.then(|| "origin".to_string()))
            }
            None => Ok(None),
        }
    }

    /// Prints the plan, asks, and carries it out.
    fn carry_out(&mut self, plan: &Plan) -> Result<Outcome> {
        let palette = Palette::new(self.ctx.colors.stdout);
        print!("\n{}", palette.bold(&plan.render()));
        if self.args.dry_run {
            println!("dry run: nothing was changed");
            return Ok(Outcome::Success);
        }
        if let Some(prompter) = self.prompter.as_deref_mut() {
            if !prompter.confirm("Go ahead?", false).map_err(cancelled)? {
                println!("nothing was changed");
                return Ok(Outcome::Refused);
            }
        }
        let quiet = self.ctx.quiet;
        let clean = message_cleaner(self.repo);
        let options = Options {
            verify: !self.args.no_verify,
            clean_message: &clean,
        };
        let result = apply(self.repo, self.root, plan, &options, |action| {
            if !quiet {
                println!("{} {}", palette.dim("→"), plan.describe(action));
            }
        });
        match result {
            Ok(()) => {
                self.report_success(plan);
                Ok(Outcome::Success)
            }
            Err(failure) => self.report_failure(failure),
        }
    }

    /// Says why the release stopped and whether everything was undone.
    fn report_failure(&self, failure: Failure) -> Result<Outcome> {
        let outcome = if failure.not_undone.is_empty() {
            "every change was undone: the repository is as it was".to_string()
        } else {
            format!(
                "these changes could not be undone:\n  {}",
                failure.not_undone.join("\n  ")
            )
        };
        let step = &failure.step;
        match failure.cause {
            Cause::Error(error) => Err(Error::Write(format!(
                "the release failed at `{step}`: {}\n{outcome}",
                error.to_string().trim_start_matches("git: ")
            ))),
            Cause::Interrupted(signal) => Err(Error::Interrupted {
                signal,
                message: format!(
                    "the release was interrupted by {} at `{step}`: {outcome}",
                    signals::name(signal)
                ),
            }),
            Cause::Hook { name, status } => {
                let palette = Palette::new(self.ctx.colors.stderr);
                eprintln!(
                    "{} the {name} hook refused the release commit ({status}); {outcome}\n  \
                     to release without the pre-commit and commit-msg hooks, add --no-verify",
                    palette.error("herald:")
                );
                if !failure.not_undone.is_empty() {
                    return Err(Error::Write(format!(
                        "the release was refused by the {name} hook and could not be undone entirely"
                    )));
                }
                Ok(Outcome::Refused)
            }
        }
    }

    fn report_success(&self, plan: &Plan) {
        if self.ctx.quiet {
            return;
        }
        let palette = Palette::new(self.ctx.colors.stdout);
        if plan.steps == Steps::StartHotfix {
            println!(
                "{} hotfix branch {} started from {}",
                palette.good("✓"),
                plan.branch,
                plan.base
            );
            println!(
                "  commit the fix on it, then run `herald release --hotfix` there to release {}",
                plan.version
            );
            return;
        }
        println!(
            "{} {} {} on {}",
            palette.good("✓"),
            plan.flavor.name(),
            plan.version,
            plan.branch
        );
        if plan.push.is_none() {
            println!("  publish it with: {}", publish_command(plan));
        }
        // The release lives on its branch: until it is merged back, the base's history
        // does not hold it and the next release there would not follow it.
        let into = &self.config.release.base;
        println!(
            "  then merge it back so that {into} continues from it: git switch {} && git merge --no-ff {}",
            quote(into),
            quote(&plan.branch)
        );
    }
}

/// How git cleans the message of a commit made without an editor, as the release commit
/// is (`commit.cleanup`, whose `default` is then `whitespace`): for a message a commit-msg
/// hook rewrote.
fn message_cleaner(repo: &Repo) -> impl Fn(&str) -> String + use<> {
    let cleanup = repo
        .config_string("commit.cleanup")
        .filter(|mode| mode != "default")
        .and_then(|mode| Cleanup::from_config(&mode))
        .unwrap_or(Cleanup::Whitespace);
    let configured = repo
        .config_string("core.commentString")
        .or_else(|| repo.config_string("core.commentChar"));
    move |text: &str| {
        let comment = CommentPrefix::resolve(configured.as_deref(), text);
        clean(text, cleanup, &comment)
    }
}

/// Whether a branch name follows a template such as `hotfix/v{version}`.
fn template_matches(template: &str, branch: &str) -> bool {
    let Some((prefix, suffix)) = template.split_once("{version}") else {
        return false;
    };
    branch.len() > prefix.len() + suffix.len()
        && branch.starts_with(prefix)
        && branch.ends_with(suffix)
        && Version::parse(&branch[prefix.len()..branch.len() - suffix.len()]).is_ok()
}

/// What `herald release` versions: the whole repository's target, else the tool's first
/// (a release cuts one version), else herald's own tag format.
pub(crate) fn release_target(tool: &dyn Tool, repo: &Repo, config: &Config) -> Target {
    let name = last_release::repository_name(repo);
    last_release::repository_target(tool, &name)
        .or_else(|| tool.targets(&name).into_iter().next())
        .unwrap_or_else(|| Target {
            name,
            format: TagFormat::new(&config.version.tag, None),
            paths: None,
            recorded: None,
            pre_releases: false,
            untagged: None,
        })
}

/// What the version choice is made from.
fn situation(
    forecast: &Forecast,
    flavor: Flavor,
    tags: &[crate::model::Tag],
    config: &Config,
) -> Situation {
    let current = forecast.current.clone();
    let required = match flavor {
        Flavor::Release => forecast.next.clone(),
        Flavor::Hotfix => None,
    };
    let recommended = match flavor {
        Flavor::Release => required.clone(),
        Flavor::Hotfix => current
            .as_ref()
            .map(|v| Version::new(v.major, v.minor, v.patch + 1)),
    };
    Situation {
        current,
        required,
        recommended,
        existing: tags.iter().map(|t| t.version.clone()).collect(),
        initial: config.version.initial.clone(),
        floor: None,
    }
}

/// The release commit's message with a `Release-As:` footer, as a trailer git and
/// release-please both read: after a blank line, or beside the trailers already there.
fn with_release_as(message: &str, version: &Version) -> String {
    let message = message.trim_end();
    let has_footers = !crate::model::message::parse(message).footers.is_empty();
    let separator = if has_footers { "\n" } else { "\n\n" };
    format!("{message}{separator}Release-As: {version}\n")
}

/// A prompt that could not be answered (Ctrl-C, closed terminal) ends the run, with
/// nothing changed.
fn cancelled(error: std::io::Error) -> Error {
    Error::Input(format!("release cancelled, nothing was changed ({error})"))
}
