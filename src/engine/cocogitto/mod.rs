//! cocogitto 7.0.0 (`cog bump --auto`): commits are parsed with `conventional_commit_parser`
//! (types compared in lowercase, so `Feat:` is `feat`); a commit that does not parse, or has
//! a type or scope `cog.toml` does not allow, is skipped. Breaking → major (never on 0.x),
//! else a `bump_minor` type (`feat`) → minor, else a `bump_patch` type (`fix`) → patch.
//! `perf`, `refactor` and reverts release nothing unless `[commit_types]` says so.

mod settings;

use std::path::Path;

use conventional_commit_parser::commit::{ConventionalCommit, Separator};
use globset::GlobSet;
use semver::Version;

use crate::changelog::cocogitto::{
    self as layout, Entry, From, Layout, PackageLine, Remote, Template,
};
use crate::model::Tag;
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;
use crate::model::notes::{Release, civil_date};
use crate::model::version::TagFormat;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};
use crate::model::{Forecast, Options};
pub use settings::TypeRule;

/// cocogitto's rules for one repository, compiled from `cog.toml`.
#[derive(Debug, Clone)]
pub struct Rules {
    /// `tag_prefix` (empty when unset).
    pub prefix: String,
    pub types: Vec<TypeRule>,
    pub scopes: Option<Vec<String>>,
    pub ignore_merge_commits: bool,
    pub ignore_fixup_commits: bool,
    /// The repository's (or the monorepo's global) changelog layout.
    pub layout: Layout,
    /// The packages' changelog layout (`package_template`).
    pub package_layout: Layout,
    /// `[monorepo.packages]`, by `bump_order` then name.
    pub packages: Vec<PackageRule>,
    /// `monorepo_version_separator` (`-`).
    pub separator: String,
    /// `generate_mono_repository_global_tag`.
    pub global_tag: bool,
    /// What herald cannot reproduce of this configuration, said with each forecast.
    pub notices: Vec<String>,
}

/// One monorepo package.
#[derive(Debug, Clone)]
pub struct PackageRule {
    pub name: String,
    pub path: String,
    /// `path/**` and `include`.
    pub globs: Vec<String>,
    include: GlobSet,
    ignore: GlobSet,
    pub public_api: bool,
    pub bump_order: Option<usize>,
}

impl PackageRule {
    /// cocogitto's `PackagePathFilter`: under the path or an `include` glob, and under no
    /// `ignore` glob.
    fn owns(&self, path: &str) -> bool {
        self.include.is_match(path) && !self.ignore.is_match(path)
    }
}

/// How one commit reads to cocogitto.
#[derive(Debug, Clone)]
pub enum Read<'a> {
    /// A conventional commit of a known type (and allowed scope).
    Parsed(ConventionalCommit, &'a TypeRule),
    /// Skipped, and why.
    Skipped(String),
}

/// Reads `cog.toml` (or the defaults when there is none).
pub fn load(file: Option<&Path>) -> Result<Rules, String> {
    let (shown, text) = match file {
        Some(path) => {
            let shown = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            );
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{shown}: cannot read cocogitto's configuration: {e}"))?;
            (shown, text)
        }
        None => ("cog.toml".to_string(), String::new()),
    };
    from_text(&shown, &text)
}

/// Reads `cog.toml` from its text; `shown` names it in errors.
pub fn from_text(shown: &str, text: &str) -> Result<Rules, String> {
    let config = settings::parse(shown, text)?;
    let changelog = &config.changelog;
    let remote = match (&changelog.remote, &changelog.owner, &changelog.repository) {
        (Some(remote), Some(owner), Some(repository)) => Some(Remote {
            platform: format!("https://{remote}"),
            repository_url: format!("https://{remote}/{owner}/{repository}"),
        }),
        (None, None, None) => None,
        _ => {
            return Err(format!(
                "{shown}: [changelog] needs all of `remote`, `owner` and `repository`, or none (cocogitto stops otherwise)"
            ));
        }
    };
    let mut notices = Vec::new();
    let mut template = |name: Option<&str>, key: &str| -> Result<Template, String> {
        match name {
            None | Some("default") => Ok(Template::Default),
            Some("remote") if remote.is_some() => Ok(Template::Remote),
            Some("remote") => Err(format!(
                "{shown}: [changelog] {key} = \"remote\" needs `remote`, `owner` and `repository` (cocogitto cannot render it without them)"
            )),
            Some(other) => {
                notices.push(format!(
                    "cog.toml's changelog {key} `{other}` is not reproduced: herald shows the notes in cocogitto's default layout"
                ));
                Ok(Template::Default)
            }
        }
    };
    let authors: Vec<(String, String)> = changelog
        .authors
        .iter()
        .map(|a| (a.signature.clone(), a.username.clone()))
        .collect();
    let layout = Layout {
        template: template(changelog.template.as_deref(), "template")?,
        remote: remote.clone(),
        authors: authors.clone(),
    };
    let package_layout = Layout {
        template: template(changelog.package_template.as_deref(), "package_template")?,
        remote,
        authors,
    };
    let mut packages = Vec::new();
    if let Some(monorepo) = &config.monorepo {
        for (name, package) in &monorepo.packages {
            let mut globs = vec![format!("{}/**", package.path.trim_end_matches('/'))];
            globs.extend(package.include.iter().cloned());
            let compile = |globs: &[String]| {
                crate::model::components::glob_set(globs)
                    .map_err(|e| format!("{shown}: [monorepo.packages.{name}]: {e}"))
            };
            packages.push(PackageRule {
                name: name.clone(),
                path: package.path.clone(),
                include: compile(&globs)?,
                ignore: compile(&package.ignore)?,
                globs,
                public_api: package.public_api,
                bump_order: package.bump_order,
            });
        }
        if monorepo.resolver.is_some() {
            notices.push(
                "cog.toml's [monorepo] resolver only orders the package bumps; herald orders them by bump_order, then name"
                    .to_string(),
            );
        }
    }
    packages.sort_by(|a, b| (a.bump_order, &a.name).cmp(&(b.bump_order, &b.name)));
    if !config.generate_mono_repository_package_tags && !packages.is_empty() {
        notices.push(
            "generate_mono_repository_package_tags = false is not reproduced: herald forecasts package tags"
                .to_string(),
        );
    }
    Ok(Rules {
        prefix: config.tag_prefix.clone().unwrap_or_default(),
        types: settings::commit_types(&config.commit_types),
        scopes: config.scopes.clone(),
        ignore_merge_commits: config.ignore_merge_commits,
        ignore_fixup_commits: config.ignore_fixup_commits,
        layout,
        package_layout,
        packages,
        separator: config
            .monorepo_version_separator
            .clone()
            .unwrap_or_else(|| "-".into()),
        global_tag: config.generate_mono_repository_global_tag,
        notices,
    })
}

/// What a target is to cocogitto.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    /// A repository without packages.
    Single,
    /// A monorepo package.
    Package(&'a PackageRule),
    /// The monorepo's global version.
    Global,
}

impl Rules {
    /// The repository, or each package and the global version of a monorepo.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        let mut targets: Vec<Target> = self
            .packages
            .iter()
            .map(|package| Target {
                name: package.name.clone(),
                format: TagFormat::new(
                    &format!(
                        "{}{}{}{{version}}",
                        package.name, self.separator, self.prefix
                    ),
                    None,
                ),
                paths: Some(package.globs.clone()),
                recorded: None,
                pre_releases: false,
            })
            .collect();
        if self.packages.is_empty() || self.global_tag {
            targets.push(Target {
                name: repository.to_string(),
                format: TagFormat::new(&format!("{}{{version}}", self.prefix), None),
                paths: None,
                recorded: None,
                pre_releases: false,
            });
        }
        targets
    }

    fn scope_of(&self, target: &Target) -> Scope<'_> {
        if self.packages.is_empty() {
            return Scope::Single;
        }
        match (
            &target.paths,
            self.packages.iter().find(|p| p.name == target.name),
        ) {
            (Some(_), Some(package)) => Scope::Package(package),
            _ => Scope::Global,
        }
    }

    /// Whether cocogitto counts a commit for this target at all.
    fn belongs(&self, scope: Scope, change: &Change) -> bool {
        match scope {
            Scope::Single => true,
            Scope::Package(package) => change.paths.iter().any(|p| package.owns(p)),
            // The first commit always counts for the global version; others when they touch a
            // file outside every package.
            Scope::Global => {
                change.parent_count == 0
                    || change.paths.iter().any(|p| {
                        self.packages
                            .iter()
                            .all(|package| !Path::new(p).starts_with(&package.path))
                    })
            }
        }
    }

    /// cocogitto's `Commit::from_git_commit`: the message parsed, the type known, the scope
    /// allowed.
    pub fn read(&self, text: &str) -> Read<'_> {
        let parsed = match conventional_commit_parser::parse(text.trim()) {
            Ok(parsed) => parsed,
            Err(error) => {
                let first = error.to_string();
                let first = first.lines().next().unwrap_or("").trim().to_string();
                return Read::Skipped(if first.is_empty() {
                    "not a conventional commit".into()
                } else {
                    format!("not a conventional commit ({first})")
                });
            }
        };
        if let (Some(scopes), Some(scope)) = (&self.scopes, &parsed.scope) {
            if !scopes.contains(scope) {
                return Read::Skipped(format!("scope `{scope}` is not in cog.toml's `scopes`"));
            }
        }
        let kind = parsed.commit_type.as_ref().to_string();
        match self.types.iter().find(|t| t.name == kind) {
            Some(rule) => Read::Parsed(parsed, rule),
            None => Read::Skipped(format!("type `{kind}` is not one of cocogitto's types")),
        }
    }

    fn tag_format(&self, scope: Scope) -> TagFormat {
        match scope {
            Scope::Package(package) => TagFormat::new(
                &format!(
                    "{}{}{}{{version}}",
                    package.name, self.separator, self.prefix
                ),
                None,
            ),
            _ => TagFormat::new(&format!("{}{{version}}", self.prefix), None),
        }
    }
}

/// Decides a target's release (cocogitto 7.0.0's `get_new_version`). The range is the
/// commits since the last stable tag (all of them without one, from 0.0.0, leaving out a
/// first commit that carries a tag unless it is the only one); a range whose commits all fail to parse is an error for
/// cog (exit 1), which herald reports as no release. The next version is never below a
/// pre-release tagged in the range: `v1.4.2-rc.1` + any commit gives `1.4.2`. The
/// surprise: `feat!` on 0.x is only a minor, `fix!` a patch, and `perf:` releases nothing.
pub fn decide(
    rules: &Rules,
    target: &Target,
    changes: &[Change],
    current: Option<&Version>,
    tags: &[Tag],
) -> Decision {
    let scope = rules.scope_of(target);
    let zero = Version::new(0, 0, 0);
    let base = current.unwrap_or(&zero);
    let mut readings = Vec::with_capacity(changes.len());
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let (mut counted, mut parsed, mut skipped) = (0, 0, 0);
    let (mut breaking, mut minor, mut patch) = (false, false, false);
    for (index, change) in changes.iter().enumerate() {
        let reading = |parsed: &str, bump: Bump, because: String| Reading {
            commit: change.id.clone(),
            parsed: parsed.to_string(),
            bump,
            because,
        };
        if !rules.belongs(scope, change) {
            readings.push(reading("-", Bump::None, outside(scope)));
            continue;
        }
        // cog walks `<first commit>..HEAD` and keeps the first commit only when no tag
        // names it, or when it is HEAD itself (its range of one commit keeps it).
        let tagged_root = current.is_none()
            && change.parent_count == 0
            && changes.len() > 1
            && tags.iter().any(|t| t.target == change.id);
        if tagged_root {
            readings.push(reading(
                "-",
                Bump::None,
                "the first commit carries a tag: cocogitto starts after it".into(),
            ));
            continue;
        }
        if listed(rules, change) {
            noted.push(index);
        }
        if rules.ignore_merge_commits && change.parent_count > 1 {
            readings.push(reading(
                "merge",
                Bump::None,
                "a merge: ignore_merge_commits".into(),
            ));
            continue;
        }
        counted += 1;
        let (commit, rule) = match rules.read(&change.message.text) {
            Read::Parsed(commit, rule) => (commit, rule),
            Read::Skipped(why) => {
                skipped += 1;
                readings.push(reading("skipped", Bump::None, format!("{why}: skipped")));
                continue;
            }
        };
        parsed += 1;
        let shown = shown(&commit);
        let (bump, kind, because) = if commit.is_breaking_change && base.major != 0 {
            breaking = true;
            (
                Bump::Major,
                ReasonKind::Breaking,
                "breaking change → major".to_string(),
            )
        } else if rule.bump_minor {
            minor = true;
            let zero_note = if commit.is_breaking_change {
                " (breaking, but cocogitto never bumps the major of a 0.x version)"
            } else {
                ""
            };
            (
                Bump::Minor,
                ReasonKind::Type,
                format!("`{}` → minor{zero_note}", rule.name),
            )
        } else if rule.bump_patch {
            patch = true;
            let zero_note = if commit.is_breaking_change {
                " (breaking, but cocogitto never bumps the major of a 0.x version)"
            } else {
                ""
            };
            (
                Bump::Patch,
                ReasonKind::Type,
                format!("`{}` → patch{zero_note}", rule.name),
            )
        } else if commit.is_breaking_change {
            (
                Bump::None,
                ReasonKind::Type,
                format!(
                    "breaking, but on 0.x cocogitto bumps only for its type, and `{}` does not bump",
                    rule.name
                ),
            )
        } else {
            (
                Bump::None,
                ReasonKind::Type,
                format!("`{}` does not bump", rule.name),
            )
        };
        if bump > Bump::None {
            reasons.push(Reason {
                bump,
                kind,
                commit: Some(change.id.clone()),
                summary: Some(change.message.header_line().to_string()),
                kind_of_change: Some(rule.name.clone()),
                rule: None,
                paths: Vec::new(),
            });
        }
        readings.push(reading(&shown, bump, because));
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let mut warnings = rules.notices.clone();
    if skipped > 0 {
        warnings.push(match skipped {
            1 => "1 commit is skipped by cocogitto (not conventional, or a type or scope cog.toml does not allow)".to_string(),
            n => format!("{n} commits are skipped by cocogitto (not conventional, or a type or scope cog.toml does not allow)"),
        });
    }
    let increment = if breaking {
        Bump::Major
    } else if minor {
        Bump::Minor
    } else if patch {
        Bump::Patch
    } else {
        Bump::None
    };
    let failed = counted > 0 && parsed == 0;
    if failed && !matches!(scope, Scope::Package(_)) {
        warnings.push(
            "no commit of the range is a conventional commit of a known type: `cog bump --auto` stops with an error (exit 1)"
                .to_string(),
        );
    }
    let next = if failed || (counted == 0 && changes.iter().all(|c| !rules.belongs(scope, c))) {
        None
    } else {
        let mut next = increment_version(base, increment);
        let format = rules.tag_format(scope);
        let floor = tags
            .iter()
            .filter(|t| {
                !t.version.pre.is_empty() && &t.version > base && format.parse(&t.name).is_some()
            })
            .map(|t| &t.version)
            .max();
        if let Some(pre) = floor {
            if &next < pre {
                next = Version::new(pre.major, pre.minor, pre.patch);
            }
        }
        (next != *base).then_some(next)
    };
    let bump = match &next {
        None => increment,
        // cocogitto's `Tag::get_increment_from`: the part that grew.
        Some(next) => Bump::between(base, next),
    };
    Decision {
        bump,
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

fn outside(scope: Scope) -> String {
    match scope {
        Scope::Package(package) => format!("touches nothing of package `{}`", package.name),
        _ => "touches only package files: not a global change".into(),
    }
}

/// `feat(api)!` as cocogitto read it.
fn shown(commit: &ConventionalCommit) -> String {
    let scope = commit
        .scope
        .as_ref()
        .map(|s| format!("({s})"))
        .unwrap_or_default();
    let bang = if commit.is_breaking_change { "!" } else { "" };
    format!("{}{scope}{bang}", commit.commit_type.as_ref())
}

/// cocogitto's version arithmetic: the pre-release and build parts are dropped.
fn increment_version(current: &Version, bump: Bump) -> Version {
    match bump {
        Bump::Major => Version::new(current.major + 1, 0, 0),
        Bump::Minor => Version::new(current.major, current.minor + 1, 0),
        Bump::Patch => Version::new(current.major, current.minor, current.patch + 1),
        Bump::None => Version::new(current.major, current.minor, current.patch),
    }
}

/// Whether a commit appears in cocogitto's changelog: it parses, its type is not omitted
/// (unless breaking), and it is not a `Merge…` or `fixup!` message the settings leave out.
fn listed(rules: &Rules, change: &Change) -> bool {
    let text = change.message.text.as_str();
    if rules.ignore_merge_commits && text.starts_with("Merge") {
        return false;
    }
    if rules.ignore_fixup_commits
        && ["fixup!", "squash!", "amend!"]
            .iter()
            .any(|p| text.starts_with(p))
    {
        return false;
    }
    match rules.read(text) {
        Read::Parsed(commit, rule) => !rule.omit || commit.is_breaking_change,
        Read::Skipped(_) => false,
    }
}

/// The changelog entry of a listed commit.
fn entry(rules: &Rules, change: &Change) -> Option<Entry> {
    let Read::Parsed(commit, rule) = rules.read(&change.message.text) else {
        return None;
    };
    let coauthors = commit
        .footers
        .iter()
        .filter(|f| {
            f.token.eq_ignore_ascii_case("co-authored-by") && f.token_separator == Separator::Colon
        })
        .map(|f| {
            f.content
                .split('<')
                .next()
                .map(str::trim)
                .unwrap_or(&f.content)
                .to_string()
        })
        .collect();
    Some(Entry {
        id: change.id.clone(),
        title: rule.title.clone(),
        order: rule.order,
        scope: commit.scope.clone(),
        summary: commit.summary.clone(),
        breaking: commit.is_breaking_change,
        author: change.author.clone(),
        coauthors,
    })
}

/// The release notes of a repository or package release, in cocogitto's layout. The date
/// is the committer date of the newest commit of the range.
pub fn notes(rules: &Rules, release: &Release) -> String {
    let package = rules.packages.iter().find(|p| {
        release
            .tag
            .starts_with(&format!("{}{}", p.name, rules.separator))
    });
    let layout = if package.is_some() {
        &rules.package_layout
    } else {
        &rules.layout
    };
    let mut indices = release.noted.to_vec();
    indices.sort_unstable();
    let entries: Vec<Entry> = indices
        .iter()
        .filter_map(|&i| entry(rules, &release.changes[i]))
        .collect();
    let date = release
        .changes
        .first()
        .map_or_else(|| release.date.to_string(), |c| civil_date(c.time));
    let from = release.changes.last().map_or_else(
        || From::Commit(String::new()),
        |c| From::Commit(c.id.clone()),
    );
    let own = Release {
        date: &date,
        ..*release
    };
    layout::render(&own, layout, &entries, &from)
}

/// A monorepo's global release, from the package releases (cocogitto's
/// `create_monorepo_version_auto`): no package release means no release at all; otherwise
/// the global version takes the largest increment of the public packages, or of the global
/// commits if larger, and the notes list the package tags.
pub fn combine(rules: &Rules, forecasts: &mut [Forecast], options: &Options) {
    if rules.packages.is_empty() || !rules.global_tag {
        return;
    }
    let Some(global) = forecasts
        .iter()
        .position(|f| !rules.packages.iter().any(|p| p.name == f.name))
    else {
        return;
    };
    let zero = Version::new(0, 0, 0);
    let mut lines = Vec::new();
    let mut reasons = Vec::new();
    let mut increment: Option<Bump> = None;
    for package in &rules.packages {
        let Some(forecast) = forecasts.iter().find(|f| f.name == package.name) else {
            return;
        };
        let (Some(next), Some(tag)) = (&forecast.next, &forecast.next_tag) else {
            continue;
        };
        let current = forecast.current.as_ref().unwrap_or(&zero);
        let grown = Bump::between(current, next);
        if package.public_api {
            increment = increment.max(Some(grown));
            reasons.push(Reason {
                bump: grown,
                kind: ReasonKind::Package,
                commit: None,
                summary: Some(format!("{} bumped to {tag}", package.name)),
                kind_of_change: None,
                rule: Some(package.name.clone()),
                paths: Vec::new(),
            });
        }
        let from = match &forecast.current_tag {
            Some(tag) => From::Tag(tag.name.clone()),
            None => From::Commit(first_commit(&forecasts[global]).unwrap_or_else(|| {
                forecast
                    .changes
                    .last()
                    .map(|c| c.id.clone())
                    .unwrap_or_default()
            })),
        };
        lines.push(PackageLine {
            name: package.name.clone(),
            path: package.path.clone(),
            tag: tag.clone(),
            from,
        });
    }
    let forecast = &mut forecasts[global];
    if lines.is_empty() {
        forecast.next = None;
        forecast.next_tag = None;
        forecast.notes = String::new();
        forecast.no_release = Some(
            "no package has a release, so cocogitto releases nothing (global commits alone do not release)"
                .into(),
        );
        return;
    }
    let current = forecast.current.clone().unwrap_or(Version::new(0, 0, 0));
    let from_packages = increment.map(|bump| increment_version(&current, bump));
    let next = match (from_packages, forecast.decision.next.clone()) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let Some(next) = next.filter(|next| *next != current) else {
        forecast.next = None;
        forecast.next_tag = None;
        forecast.notes = String::new();
        forecast.no_release =
            Some("neither the public packages nor the global commits call for a release".into());
        return;
    };
    let tag = forecast.format.render(&next);
    forecast.decision.bump = Bump::between(&current, &next);
    forecast.decision.reasons.extend(reasons);
    forecast
        .decision
        .reasons
        .sort_by_key(|r| std::cmp::Reverse(r.bump));
    forecast.no_release = None;
    if options.notes {
        let global_commits: Vec<&Change> = forecast
            .changes
            .iter()
            .filter(|c| rules.belongs(Scope::Global, c))
            .collect();
        let mut indices = forecast.decision.noted.clone();
        indices.sort_unstable();
        let entries: Vec<Entry> = indices
            .iter()
            .filter_map(|&i| entry(rules, &forecast.changes[i]))
            .collect();
        let date = global_commits
            .first()
            .map_or_else(|| civil_date(0), |c| civil_date(c.time));
        let from = global_commits.last().map_or_else(
            || From::Commit(String::new()),
            |c| From::Commit(c.id.clone()),
        );
        forecast.notes =
            layout::render_monorepo(&tag, &date, &rules.layout, &lines, &entries, &from);
    }
    forecast.next = Some(next);
    forecast.next_tag = Some(tag);
}

/// The repository's first commit, when the range reaches it.
fn first_commit(forecast: &Forecast) -> Option<String> {
    forecast
        .changes
        .last()
        .filter(|c| c.parent_count == 0)
        .map(|c| c.id.clone())
}

/// Where cocogitto reads a message differently from what its author probably meant.
pub fn commit_warnings(rules: &Rules, commit: &Message) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let header_span = 0..commit.header_line().len();
    let kind_span = commit
        .header
        .as_ref()
        .map_or(header_span.clone(), |h| h.kind_span.clone());
    match rules.read(&commit.text) {
        Read::Skipped(why) => {
            if commit.header.is_some() {
                found.push(
                    Diagnostic::warning("engine-commit-skipped", format!("cocogitto skips this commit: {why}"))
                        .at(kind_span, "skipped by cog bump")
                        .help(format!(
                            "use one of cocogitto's types ({}) or add this one under [commit_types] in cog.toml",
                            rules.types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                );
            }
        }
        Read::Parsed(parsed, rule) => {
            let silent = !parsed.is_breaking_change && !rule.bump_minor && !rule.bump_patch;
            if silent && matches!(rule.name.as_str(), "perf" | "refactor" | "revert") {
                found.push(
                    Diagnostic::warning(
                        "engine-no-release",
                        format!("cocogitto releases nothing for `{}`", rule.name),
                    )
                    .at(kind_span.clone(), "no release")
                    .help(format!(
                        "if users should get this change, write it as `fix:`, or set `{} = {{ bump_patch = true }}` under [commit_types] in cog.toml",
                        rule.name
                    )),
                );
            }
            if parsed.is_breaking_change {
                let note = if rule.bump_minor {
                    "while the version is 0.x, cocogitto makes this breaking change only a minor release".to_string()
                } else if rule.bump_patch {
                    "while the version is 0.x, cocogitto makes this breaking change only a patch release".to_string()
                } else {
                    format!(
                        "while the version is 0.x, cocogitto releases nothing for a breaking `{}`",
                        rule.name
                    )
                };
                found.push(
                    Diagnostic::warning("engine-breaking-zero", note)
                        .at(header_span.clone(), "breaking")
                        .help("cocogitto bumps the major only from 1.0.0 on; release 1.0.0 by hand (`cog bump --major`) when the API is ready"),
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
