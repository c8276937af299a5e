//! Which version to release: asked of a person through a [`Prompter`], or taken from the
//! flags. Kept apart from the repository so that the questions can be tested with
//! scripted answers.

use semver::Version;

use crate::cli::BumpChoice;
use crate::model::version::{is_valid_pre_label, pre_release};
use crate::release::below_required;
use crate::ui::Prompter;

/// What the choice is made from.
#[derive(Debug, Clone)]
pub struct Situation {
    /// The last release at the base.
    pub current: Option<Version>,
    /// What the commits call for (`None`: nothing does, or a hotfix).
    pub required: Option<Version>,
    /// Offered first: what the commits call for, or the patch for a hotfix.
    pub recommended: Option<Version>,
    /// Every version already tagged, for numbering pre-releases.
    pub existing: Vec<Version>,
    /// The first version, when there is no release yet.
    pub initial: Version,
    /// A release above `current` that the base does not hold (cut on a release branch
    /// never merged back), by its tag: a new release must not go at or below it.
    pub floor: Option<(Version, String)>,
}

/// A choice, before it is turned into a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Auto,
    Major,
    Minor,
    Patch,
    Pre(String),
    Exact(Version),
}

impl Situation {
    /// The version a choice gives.
    pub fn version(&self, choice: &Choice) -> Result<Version, String> {
        let current = self.current.clone();
        let base = current.clone().unwrap_or(Version::new(0, 0, 0));
        let version = match choice {
            Choice::Auto => self.recommended.clone().ok_or_else(|| match &current {
                Some(v) => format!(
                    "no commit since {v} calls for a release; choose one with --bump major|minor|patch or --version"
                ),
                None => "nothing to release yet; choose a version with --version".to_string(),
            })?,
            Choice::Major => Version::new(base.major + 1, 0, 0),
            Choice::Minor => Version::new(base.major, base.minor + 1, 0),
            Choice::Patch => Version::new(base.major, base.minor, base.patch + 1),
            Choice::Pre(label) => {
                let target = self
                    .recommended
                    .clone()
                    .unwrap_or_else(|| Version::new(base.major, base.minor, base.patch + 1));
                pre_release(&target, label, &self.existing)
            }
            Choice::Exact(version) => version.clone(),
        };
        self.check(&version)?;
        Ok(version)
    }

    /// A release must move the version forward, above every release already cut.
    pub fn check(&self, version: &Version) -> Result<(), String> {
        if let Some(current) = &self.current {
            if version <= current {
                return Err(format!(
                    "{version} is not greater than the current version {current}"
                ));
            }
        }
        match &self.floor {
            Some((floor, tag)) if version <= floor => Err(format!(
                "{tag} is already released and this base does not hold it (a release branch not merged back?): merge it back first (`git merge {tag}`), or choose a version above {floor}"
            )),
            _ => Ok(()),
        }
    }

    /// The warning for a version below what the commits call for.
    pub fn shortfall(&self, version: &Version) -> Option<String> {
        let required = self.required.as_ref()?;
        below_required(version, Some(required)).then(|| {
            format!("{version} is lower than {required}, which the commits call for (see the reasons above)")
        })
    }
}

/// The choice the flags make.
pub fn from_flags(
    bump: Option<BumpChoice>,
    version: Option<&str>,
    pre: Option<&str>,
    hotfix: bool,
) -> Result<Choice, String> {
    if let Some(text) = version {
        let version = Version::parse(text.trim_start_matches('v'))
            .map_err(|e| format!("--version {text}: not a semantic version ({e})"))?;
        return Ok(Choice::Exact(version));
    }
    if let Some(label) = pre {
        return Ok(Choice::Pre(label.to_string()));
    }
    Ok(match bump {
        Some(BumpChoice::Major) => Choice::Major,
        Some(BumpChoice::Minor) => Choice::Minor,
        Some(BumpChoice::Patch) => Choice::Patch,
        Some(BumpChoice::Auto) => Choice::Auto,
        None if hotfix => Choice::Patch,
        None => Choice::Auto,
    })
}

/// Asks which version to release, until the answer is one the person stands by (a version
/// below what the commits call for must be confirmed, or the list comes back).
pub fn ask(prompter: &mut dyn Prompter, situation: &Situation) -> std::io::Result<Version> {
    loop {
        let chosen = ask_once(prompter, situation)?;
        match situation.shortfall(&chosen) {
            Some(warning) => {
                let go =
                    prompter.confirm(&format!("⚠ {warning}. Release {chosen} anyway?"), false)?;
                if go {
                    return Ok(chosen);
                }
            }
            None => return Ok(chosen),
        }
    }
}

/// One pass through the list.
fn ask_once(prompter: &mut dyn Prompter, situation: &Situation) -> std::io::Result<Version> {
    let mut items: Vec<(String, Choice)> = Vec::new();
    if let Some(recommended) = &situation.recommended {
        items.push((format!("{recommended}  (recommended)"), Choice::Auto));
    }
    for (name, choice) in [
        ("major", Choice::Major),
        ("minor", Choice::Minor),
        ("patch", Choice::Patch),
    ] {
        if let Ok(version) = situation.version(&choice) {
            // The recommended version is listed once, as recommended.
            if situation.recommended.as_ref() != Some(&version) {
                items.push((format!("{version}  ({name})"), choice));
            }
        }
    }
    items.push(("a pre-release…".to_string(), Choice::Pre(String::new())));
    items.push((
        "another version…".to_string(),
        Choice::Exact(Version::new(0, 0, 0)),
    ));
    let labels: Vec<String> = items.iter().map(|(label, _)| label.clone()).collect();
    let picked = prompter.select("Which version?", &labels, 0)?;
    let choice = match &items[picked].1 {
        Choice::Pre(_) => {
            let label = prompter.input("Pre-release label", "rc", &|label| {
                if is_valid_pre_label(label) {
                    Ok(())
                } else {
                    Err("letters, digits and `-`, e.g. rc or beta".into())
                }
            })?;
            Choice::Pre(label)
        }
        Choice::Exact(_) => {
            let default = situation
                .recommended
                .as_ref()
                .map(Version::to_string)
                .unwrap_or_else(|| situation.initial.to_string());
            let text = prompter.input("Version", &default, &|text| {
                let version = Version::parse(text.trim_start_matches('v'))
                    .map_err(|e| format!("not a semantic version: {e}"))?;
                situation.check(&version)
            })?;
            Choice::Exact(Version::parse(text.trim_start_matches('v')).expect("checked"))
        }
        other => other.clone(),
    };
    situation
        .version(&choice)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers from a script: `select` takes indices, `input` texts, `confirm` booleans.
    #[derive(Default)]
    struct Script {
        selects: Vec<usize>,
        inputs: Vec<String>,
        confirms: Vec<bool>,
        asked: Vec<String>,
    }

    impl Prompter for Script {
        fn select(&mut self, prompt: &str, items: &[String], _: usize) -> std::io::Result<usize> {
            self.asked.push(format!("{prompt} {items:?}"));
            Ok(self.selects.remove(0))
        }
        fn input(
            &mut self,
            prompt: &str,
            _: &str,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> std::io::Result<String> {
            loop {
                let answer = self.inputs.remove(0);
                match check(&answer) {
                    Ok(()) => return Ok(answer),
                    Err(e) => self.asked.push(format!("{prompt}: {e}")),
                }
            }
        }
        fn confirm(&mut self, prompt: &str, _: bool) -> std::io::Result<bool> {
            self.asked.push(prompt.to_string());
            Ok(self.confirms.remove(0))
        }
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    fn breaking() -> Situation {
        Situation {
            current: Some(v("1.2.0")),
            required: Some(v("2.0.0")),
            recommended: Some(v("2.0.0")),
            existing: vec![v("1.2.0"), v("2.0.0-rc.1")],
            initial: v("0.1.0"),
            floor: None,
        }
    }

    #[test]
    fn offers_the_recommended_version_first() {
        let mut script = Script {
            selects: vec![0],
            ..Script::default()
        };
        assert_eq!(ask(&mut script, &breaking()).unwrap(), v("2.0.0"));
        assert_eq!(
            script.asked,
            [
                "Which version? [\"2.0.0  (recommended)\", \"1.3.0  (minor)\", \"1.2.1  (patch)\", \"a pre-release…\", \"another version…\"]"
            ]
        );
    }

    #[test]
    fn a_lower_bump_needs_confirming() {
        let mut script = Script {
            selects: vec![1, 2],
            confirms: vec![false, true],
            ..Script::default()
        };
        assert_eq!(ask(&mut script, &breaking()).unwrap(), v("1.2.1"));
        assert_eq!(script.asked.len(), 4);
        assert!(script.asked[1].contains("1.3.0 is lower than 2.0.0"));
    }

    #[test]
    fn pre_releases_and_custom_versions() {
        let mut script = Script {
            selects: vec![3],
            inputs: vec!["r c".into(), "rc".into()],
            ..Script::default()
        };
        assert_eq!(ask(&mut script, &breaking()).unwrap(), v("2.0.0-rc.2"));
        let mut script = Script {
            selects: vec![4],
            inputs: vec!["banana".into(), "1.1.0".into(), "v3.0.0".into()],
            ..Script::default()
        };
        assert_eq!(ask(&mut script, &breaking()).unwrap(), v("3.0.0"));
        assert!(script.asked[1].contains("not a semantic version"));
        assert!(script.asked[2].contains("not greater than the current version 1.2.0"));
    }

    #[test]
    fn flags_choose_without_asking() {
        let situation = breaking();
        let pick = |bump, version, pre, hotfix| {
            situation.version(&from_flags(bump, version, pre, hotfix).unwrap())
        };
        assert_eq!(pick(None, None, None, false), Ok(v("2.0.0")));
        assert_eq!(pick(None, None, None, true), Ok(v("1.2.1")));
        assert_eq!(
            pick(Some(BumpChoice::Minor), None, None, false),
            Ok(v("1.3.0"))
        );
        assert_eq!(pick(None, Some("1.5.0"), None, false), Ok(v("1.5.0")));
        assert_eq!(pick(None, None, Some("rc"), false), Ok(v("2.0.0-rc.2")));
        assert!(pick(None, Some("1.0.0"), None, false).is_err());
        assert!(from_flags(None, Some("1.0"), None, false).is_err());
        let nothing = Situation {
            required: None,
            recommended: None,
            ..breaking()
        };
        assert!(
            nothing
                .version(&Choice::Auto)
                .unwrap_err()
                .contains("no commit since 1.2.0")
        );
    }
}
