//! A release, planned: the branch, the file edits, the commit, the tag and the push that
//! one release makes, computed from what was read and chosen. A [`Plan`] is plain data:
//! it prints itself and does nothing; [`apply`] carries it out, or undoes it all, and
//! [`recover`] finishes or undoes a release herald did not see to its end.

pub mod apply;
pub mod journal;
pub mod paths;
pub mod recover;
pub mod signals;
mod undo;

use std::collections::BTreeMap;

use semver::Version;

use crate::model::version_file::{self as files, Kind, Spot};
use crate::tools::Tool;

/// A release from the base branch, or a hotfix from a release tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Release,
    Hotfix,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Release => "release",
            Flavor::Hotfix => "hotfix",
        }
    }
}

/// A version file as read at the base.
#[derive(Debug, Clone)]
pub struct VersionText {
    pub path: String,
    pub kind: Kind,
    pub text: String,
}

/// Where each version file writes its version, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// Per file, in the order configured: the places its version is written.
    pub files: Vec<(String, Vec<Spot>)>,
    pub problems: Vec<String>,
}

/// Reads every version file's version(s).
pub fn survey(texts: &[VersionText]) -> Survey {
    let mut survey = Survey::default();
    for file in texts {
        match files::spots(&file.kind, &file.text) {
            Ok(spots) if spots.is_empty() && !inherits(file) => survey
                .problems
                .push(format!("{}: no version found", file.path)),
            Ok(spots) => survey.files.push((file.path.clone(), spots)),
            Err(problem) => survey.problems.push(format!("{}: {problem}", file.path)),
        }
    }
    survey
}

/// A Cargo workspace member that takes the workspace's version has none of its own.
fn inherits(file: &VersionText) -> bool {
    matches!(file.kind, Kind::CargoToml) && files::inherits_workspace_version(&file.text)
}

/// Version files that disagree with each other or with the last release, for people.
pub fn conflicts(survey: &Survey, last: Option<(&str, &Version)>) -> Vec<String> {
    let mut by_value: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (path, spots) in &survey.files {
        for spot in spots {
            by_value
                .entry(spot.value.as_str())
                .or_default()
                .push(place(path, spot));
        }
    }
    let mut found = Vec::new();
    if by_value.len() > 1 {
        let listed: Vec<String> = by_value
            .iter()
            .map(|(value, places)| format!("{value} in {}", places.join(", ")))
            .collect();
        found.push(format!("version files disagree: {}", listed.join("; ")));
    }
    if let Some((tag, version)) = last {
        for (value, places) in &by_value {
            if Version::parse(value).ok().as_ref() != Some(version) {
                found.push(format!(
                    "{} {} {value}, but the last release is {tag}",
                    places.join(", "),
                    if places.len() == 1 { "says" } else { "say" },
                ));
            }
        }
    } else {
        for value in by_value.keys() {
            if Version::parse(value).is_err() {
                found.push(format!("`{value}` is not a version (semver)"));
            }
        }
    }
    found
}

fn place(path: &str, spot: &Spot) -> String {
    match spot.label.as_str() {
        "\"version\"" | "content" => path.to_string(),
        label => format!("{path} ({label})"),
    }
}

/// A file the release writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Relative to the work tree's root.
    pub path: String,
    /// At the base; `None` for a file the release creates.
    pub before: Option<Vec<u8>>,
    pub after: Vec<u8>,
    /// What changes, for the plan: `version 1.2.0 → 1.3.0`.
    pub what: String,
}

/// Writes `version` into every surveyed file.
pub fn version_edits(survey: &Survey, texts: &[VersionText], version: &Version) -> Vec<Edit> {
    let new = version.to_string();
    survey
        .files
        .iter()
        .filter(|(_, spots)| !spots.is_empty())
        .filter_map(|(path, spots)| {
            let text = &texts.iter().find(|t| &t.path == path)?.text;
            let after = files::rewrite(text, spots, &new);
            let mut old: Vec<&str> = spots.iter().map(|s| s.value.as_str()).collect();
            old.dedup();
            Some(Edit {
                path: path.clone(),
                before: Some(text.as_bytes().to_vec()),
                after: after.into_bytes(),
                what: format!("version {} → {new}", old.join(", ")),
            })
        })
        .filter(|edit| edit.before.as_deref() != Some(edit.after.as_slice()))
        .collect()
}

/// The changelog with the release's section in it, put there as the engine's tool does.
pub fn changelog_edit(
    engine: &dyn Tool,
    path: &str,
    existing: Option<&[u8]>,
    notes: &str,
    version: &Version,
) -> Edit {
    let text = existing.map(String::from_utf8_lossy).unwrap_or_default();
    let after = engine.insert_notes(&text, notes, version);
    Edit {
        path: path.to_string(),
        before: existing.map(<[u8]>::to_vec),
        after: after.into_bytes(),
        what: format!("add the {version} section"),
    }
}

/// A template with `{version}` and `{tag}` filled in.
pub fn fill(template: &str, version: &Version, tag: &str) -> String {
    template
        .replace("{version}", &version.to_string())
        .replace("{tag}", tag)
}

/// The annotated tag a release creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagPlan {
    pub name: String,
    pub message: String,
}

/// Everything one release does, decided before anything is done.
#[derive(Debug, Clone)]
pub struct Plan {
    pub flavor: Flavor,
    /// Which of a release's steps this run takes.
    pub steps: Steps,
    pub current: Option<Version>,
    pub version: Version,
    /// The base as named (`develop`, `v1.2.0`) and the commit it is.
    pub base: String,
    pub base_commit: String,
    pub branch: String,
    pub edits: Vec<Edit>,
    pub commit_message: String,
    pub tag: Option<TagPlan>,
    /// The remote to push the branch and tag to, when asked.
    pub push: Option<String>,
}

/// How much of a release one run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Steps {
    /// A new branch from the base, with the version files, changelog, commit and tag.
    Release,
    /// A hotfix branch from the last release, for the fix to be committed on; a second
    /// `herald release --hotfix` there finishes it.
    StartHotfix,
    /// The version files, changelog, commit and tag on the branch HEAD is on (a hotfix
    /// branch that holds its fix).
    OnBranch,
}

/// One step of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    CreateBranch,
    Switch,
    Write(&'a Edit),
    Commit,
    Tag(&'a TagPlan),
    Push(&'a str),
}

impl Action<'_> {
    /// A short name for the step, used when saying which one failed.
    pub fn step(&self) -> String {
        match self {
            Action::CreateBranch => "create-branch".into(),
            Action::Switch => "switch".into(),
            Action::Write(edit) => format!("write {}", edit.path),
            Action::Commit => "commit".into(),
            Action::Tag(_) => "tag".into(),
            Action::Push(_) => "push".into(),
        }
    }
}

impl Plan {
    /// The steps, in the order they are carried out.
    pub fn actions(&self) -> Vec<Action<'_>> {
        let mut actions = Vec::new();
        if self.steps != Steps::OnBranch {
            actions.extend([Action::CreateBranch, Action::Switch]);
        }
        if self.steps == Steps::StartHotfix {
            return actions;
        }
        actions.extend(self.edits.iter().map(Action::Write));
        actions.push(Action::Commit);
        actions.extend(self.tag.as_ref().map(Action::Tag));
        actions.extend(self.push.as_deref().map(Action::Push));
        actions
    }

    /// The refs a push publishes.
    pub fn pushed_refs(&self) -> Vec<String> {
        let mut refs = vec![format!("refs/heads/{}", self.branch)];
        refs.extend(self.tag.iter().map(|t| format!("refs/tags/{}", t.name)));
        refs
    }

    /// One line for what a step does.
    pub fn describe(&self, action: &Action<'_>) -> String {
        let short = &self.base_commit[..self.base_commit.len().min(7)];
        match action {
            Action::CreateBranch => {
                format!("create branch {} from {} ({short})", self.branch, self.base)
            }
            Action::Switch => format!("switch to {}", self.branch),
            Action::Write(edit) => {
                let verb = if edit.before.is_some() {
                    "update"
                } else {
                    "create"
                };
                format!("{verb} {}: {}", edit.path, edit.what)
            }
            Action::Commit => {
                let subject = self.commit_message.lines().next().unwrap_or("");
                // Footers change what CI does (`Release-As:`): they are shown too.
                let message = crate::model::message::parse(&self.commit_message);
                let footers: Vec<&str> = message
                    .footers
                    .iter()
                    .map(|footer| &message.text[footer.span.clone()])
                    .collect();
                match footers[..] {
                    [] => format!("commit \"{subject}\""),
                    _ => format!("commit \"{subject}\" with {}", footers.join(", ")),
                }
            }
            Action::Tag(tag) => format!("tag {} (annotated)", tag.name),
            Action::Push(remote) => {
                let tag = self
                    .tag
                    .as_ref()
                    .map(|t| format!(" and {}", t.name))
                    .unwrap_or_default();
                format!("push {}{tag} to {remote}", self.branch)
            }
        }
    }

    /// The numbered list of steps.
    pub fn render(&self) -> String {
        let from = self
            .current
            .as_ref()
            .map_or("first release".to_string(), Version::to_string);
        let mut out = format!("{} {from} → {}\n", self.flavor.name(), self.version);
        for (n, action) in self.actions().iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", n + 1, self.describe(action)));
        }
        out
    }
}

/// How the chosen version compares with what the commits call for.
pub fn below_required(chosen: &Version, required: Option<&Version>) -> bool {
    let core = |v: &Version| (v.major, v.minor, v.patch);
    required.is_some_and(|required| core(chosen) < core(required))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &str, text: &str) -> VersionText {
        VersionText {
            path: path.to_string(),
            kind: Kind::of(path, None).unwrap(),
            text: text.to_string(),
        }
    }

    #[test]
    fn agreeing_files_have_no_conflict() {
        let texts = [
            text("package.json", "{\"version\": \"1.2.0\"}\n"),
            text("packages/ui/package.json", "{\"version\": \"1.2.0\"}\n"),
        ];
        let survey = survey(&texts);
        let v = Version::new(1, 2, 0);
        assert!(conflicts(&survey, Some(("v1.2.0", &v))).is_empty());
        assert!(conflicts(&survey, None).is_empty());
    }

    #[test]
    fn conflicts_name_the_files() {
        let texts = [
            text("package.json", "{\"version\": \"1.2.0\"}\n"),
            text("packages/ui/package.json", "{\"version\": \"1.1.0\"}\n"),
            text("VERSION", "1.2.0\n"),
        ];
        let survey = survey(&texts);
        let v = Version::new(1, 2, 0);
        assert_eq!(
            conflicts(&survey, Some(("v1.2.0", &v))),
            [
                "version files disagree: 1.1.0 in packages/ui/package.json; 1.2.0 in package.json, VERSION",
                "packages/ui/package.json says 1.1.0, but the last release is v1.2.0",
            ]
        );
    }

    #[test]
    fn plan_lists_every_step() {
        let texts = [text("package.json", "{\"version\": \"1.2.0\"}\n")];
        let survey = survey(&texts);
        let version = Version::new(1, 3, 0);
        let mut edits = version_edits(&survey, &texts, &version);
        assert_eq!(edits[0].after, b"{\"version\": \"1.3.0\"}\n");
        let config = crate::config::Config::default();
        let engine = crate::tools::herald::Herald::new(&config).unwrap();
        edits.push(changelog_edit(
            &engine,
            "CHANGELOG.md",
            None,
            "## 1.3.0\n",
            &version,
        ));
        let plan = Plan {
            flavor: Flavor::Release,
            steps: Steps::Release,
            current: Some(Version::new(1, 2, 0)),
            version: version.clone(),
            base: "develop".into(),
            base_commit: "0123456789abcdef".into(),
            branch: fill("release/v{version}", &version, "v1.3.0"),
            edits,
            commit_message: fill("chore(release): {tag}", &version, "v1.3.0"),
            tag: Some(TagPlan {
                name: "v1.3.0".into(),
                message: "release v1.3.0".into(),
            }),
            push: Some("origin".into()),
        };
        assert_eq!(
            plan.render(),
            "release 1.2.0 → 1.3.0
  1. create branch release/v1.3.0 from develop (0123456)
  2. switch to release/v1.3.0
  3. update package.json: version 1.2.0 → 1.3.0
  4. create CHANGELOG.md: add the 1.3.0 section
  5. commit \"chore(release): v1.3.0\"
  6. tag v1.3.0 (annotated)
  7. push release/v1.3.0 and v1.3.0 to origin
"
        );
        assert_eq!(
            plan.pushed_refs(),
            ["refs/heads/release/v1.3.0", "refs/tags/v1.3.0"]
        );
    }

    #[test]
    fn below_required_compares_the_release_part() {
        let v = |s: &str| Version::parse(s).unwrap();
        assert!(below_required(&v("1.3.0"), Some(&v("2.0.0"))));
        assert!(!below_required(&v("2.0.0-rc.1"), Some(&v("2.0.0"))));
        assert!(!below_required(&v("3.0.0"), Some(&v("2.0.0"))));
        assert!(!below_required(&v("1.0.1"), None));
    }
}
