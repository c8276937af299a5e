//! commitizen 4.19.3 (`cz bump`): `bump_pattern` is searched in every line of every
//! message, body lines included; the first `bump_map` rule matching what it captured
//! decides the line's increment (`^.+!$` and `^BREAKING[\-\ ]CHANGE` → MAJOR, `^feat` →
//! MINOR, `^fix`, `^refactor`, `^perf` → PATCH; case-sensitive prefixes), and the highest
//! increment wins. The current version comes from the configuration (or a version
//! provider), not from tags.

mod load;
mod scheme;
mod settings;

use regex::Regex;
use semver::Version;

pub use load::{from_text, load};
pub use scheme::{PreKind, Scheme};

use crate::changelog::commitizen::{Layout, full_message, log_message};
use crate::model::diagnostic::Diagnostic;
use crate::model::message::Message;
use crate::model::version::TagFormat;
use crate::model::{Bump, Change, Decision, Reading, Reason, ReasonKind, Target};

/// commitizen's rules for one repository, compiled from its configuration.
#[derive(Debug, Clone)]
pub struct Rules {
    pub scheme: Scheme,
    /// herald's template for `tag_format` (`v{version}`).
    pub tag_template: String,
    /// Where the current version comes from.
    pub version: VersionSource,
    pub major_version_zero: bool,
    pub bump_pattern: Regex,
    pub bump_map: Vec<MapRule>,
    pub bump_map_zero: Vec<MapRule>,
    pub prerelease_offset: u64,
    pub layout: Layout,
}

/// Where commitizen reads the current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSource {
    /// A file records it (`version` in the configuration, or a provider's file).
    Recorded(Version),
    /// `version_provider = "scm"`: the highest version tag (0.0.0 without one).
    Tags,
}

/// One `bump_map` rule: a regex matched at the start of what `bump_pattern` captured.
#[derive(Debug, Clone)]
pub struct MapRule {
    /// The rule as written (`^feat`).
    pub pattern: String,
    pub regex: Regex,
    pub bump: Bump,
}

/// What one line of a message contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineBump {
    /// 0 for the subject, then the message's lines as commitizen splits them.
    pub line: usize,
    /// What `bump_pattern` captured (`feat(api)!`).
    pub token: String,
    /// The `bump_map` rule that matched, if any.
    pub rule: Option<String>,
    pub bump: Bump,
}

impl Rules {
    /// The tag format, with versions written the scheme's way.
    pub fn tag_format(&self) -> TagFormat {
        TagFormat::new(&self.tag_template, None).spelled(self.scheme.spelling())
    }

    /// The whole repository, at the recorded version when a file holds it.
    pub fn targets(&self, repository: &str) -> Vec<Target> {
        vec![Target {
            name: repository.to_string(),
            format: self.tag_format(),
            paths: None,
            recorded: match &self.version {
                VersionSource::Recorded(version) => Some(version.clone()),
                VersionSource::Tags => None,
            },
            // `version_provider = "scm"` takes the highest version tag, pre-releases included.
            pre_releases: self.version == VersionSource::Tags,
        }]
    }

    fn map(&self) -> &[MapRule] {
        if self.major_version_zero {
            &self.bump_map_zero
        } else {
            &self.bump_map
        }
    }

    /// commitizen's `VersionIncrement.from_message`: every line of `subject\n\nbody`,
    /// stripped, searched with `bump_pattern`; each capture mapped by the first matching
    /// `bump_map` rule. Returns the lines that matched the pattern, strongest first.
    pub fn line_bumps(&self, text: &str) -> Vec<LineBump> {
        let (subject, body) = log_message(text);
        let message = full_message(&subject, &body);
        let mut found = Vec::new();
        for (line, content) in message.split('\n').enumerate() {
            let Some(token) = self
                .bump_pattern
                .captures(content)
                .and_then(|caps| caps.get(1))
            else {
                continue;
            };
            let token = token.as_str();
            let rule = self.map().iter().find(|rule| rule.regex.is_match(token));
            found.push(LineBump {
                line,
                token: token.to_string(),
                rule: rule.map(|r| r.pattern.clone()),
                bump: rule.map_or(Bump::None, |r| r.bump),
            });
        }
        found.sort_by_key(|l| std::cmp::Reverse(l.bump));
        found
    }

    /// The increment one message gives.
    pub fn increment(&self, text: &str) -> Bump {
        self.line_bumps(text)
            .first()
            .map_or(Bump::None, |line| line.bump)
    }

    /// `cz bump --prerelease LABEL`: the pre-release commitizen makes from `current` for
    /// the increment the range gave; `None` for labels commitizen does not offer.
    pub fn pre_release(
        &self,
        current: Option<&Version>,
        increment: Bump,
        label: &str,
    ) -> Option<Version> {
        let kind = PreKind::from_label(label)?;
        let zero = Version::new(0, 0, 0);
        let current = current.unwrap_or(&zero);
        Some(scheme::bump(
            self.scheme,
            current,
            increment,
            Some(kind),
            self.prerelease_offset,
        ))
    }
}

/// Decides the release for a range (newest first) after `current` (commitizen 4.19.3's
/// `cz bump`). The highest increment of any line of any message wins; from a pre-release
/// every range releases, finalised (`1.4.2rc1` + fix → `1.4.2`). The surprise: a
/// `fix:` commit whose body has a `feat: …` line is a minor release, and `Feat:` or
/// `revert:` release nothing.
pub fn decide(rules: &Rules, changes: &[Change], current: Option<&Version>) -> Decision {
    let zero = Version::new(0, 0, 0);
    let current = current.unwrap_or(&zero);
    let mut readings = Vec::with_capacity(changes.len());
    let mut reasons = Vec::new();
    let mut noted = Vec::new();
    let mut demoted = false;
    for (index, change) in changes.iter().enumerate() {
        if rules.layout.lists(&change.message.text) {
            noted.push(index);
        }
        let lines = rules.line_bumps(&change.message.text);
        let reading = match lines.first() {
            None => Reading {
                commit: change.id.clone(),
                parsed: "no match".into(),
                bump: Bump::None,
                because: "no line matches bump_pattern: releases nothing".into(),
            },
            Some(line) => {
                if line.bump > Bump::None {
                    let breaking = line.token.ends_with('!') || line.token.starts_with("BREAKING");
                    if breaking && rules.major_version_zero && line.bump < Bump::Major {
                        demoted = true;
                    }
                    reasons.push(Reason {
                        bump: line.bump,
                        kind: if breaking {
                            ReasonKind::Breaking
                        } else {
                            ReasonKind::Type
                        },
                        commit: Some(change.id.clone()),
                        summary: Some(change.message.header_line().to_string()),
                        kind_of_change: token_type(&line.token),
                        rule: None,
                        paths: Vec::new(),
                    });
                }
                Reading {
                    commit: change.id.clone(),
                    parsed: line.token.clone(),
                    bump: line.bump,
                    because: explain(rules, line),
                }
            }
        };
        readings.push(reading);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump));
    let increment = readings.iter().map(|r| r.bump).max().unwrap_or(Bump::None);
    let from_pre = scheme::is_prerelease(current);
    let mut warnings = Vec::new();
    if demoted {
        warnings.push(
            "major_version_zero = true: commitizen makes breaking changes a minor release, whatever the major version"
                .to_string(),
        );
    }
    let next = if changes.is_empty() && !from_pre {
        None
    } else {
        let next = scheme::bump(rules.scheme, current, increment, None, 0);
        let spelling = rules.scheme.spelling();
        (increment > Bump::None || spelling.render(&next) != spelling.render(current))
            .then_some(next)
    };
    let bump = match (&next, increment) {
        (Some(_), Bump::None) => Bump::Patch,
        (_, increment) => increment,
    };
    if from_pre && increment == Bump::None && next.is_some() {
        warnings.push(format!(
            "{} is a pre-release: commitizen releases it as it stands even without an eligible commit",
            rules.scheme.spelling().render(current)
        ));
    }
    Decision {
        bump,
        next,
        reasons,
        readings,
        noted,
        warnings,
    }
}

/// The type in a captured token (`feat` in `feat(api)!`).
fn token_type(token: &str) -> Option<String> {
    let end = token.find(['(', '!', ':']).unwrap_or(token.len());
    Some(token[..end].to_string()).filter(|t| !t.is_empty())
}

fn explain(rules: &Rules, line: &LineBump) -> String {
    let place = if line.line == 0 {
        String::new()
    } else {
        format!("message line {}: ", line.line + 1)
    };
    match &line.rule {
        None => format!(
            "{place}`{}` matches no bump_map rule: releases nothing",
            line.token
        ),
        Some(rule) => {
            let map = if rules.major_version_zero {
                " (major_version_zero map)"
            } else {
                ""
            };
            let bump = match line.bump {
                Bump::None => "nothing".to_string(),
                bump => bump.name().to_uppercase(),
            };
            format!("{place}`{}` matches `{rule}` → {bump}{map}", line.token)
        }
    }
}

/// Where commitizen reads a message differently from what its author probably meant.
pub fn commit_warnings(rules: &Rules, commit: &Message) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let lines = rules.line_bumps(&commit.text);
    let header_bump = lines
        .iter()
        .filter(|l| l.line == 0)
        .map(|l| l.bump)
        .max()
        .unwrap_or(Bump::None);
    let overall = lines.first().map_or(Bump::None, |l| l.bump);
    let header_span = 0..commit.header_line().len();
    if let Some(header) = &commit.header {
        let lower = header.kind.to_lowercase();
        if header_bump == Bump::None && lower != header.kind {
            let rewritten = commit.text.replacen(&header.kind, &lower, 1);
            if rules.increment(&rewritten) > Bump::None {
                found.push(
                    Diagnostic::warning(
                        "engine-type-case",
                        format!(
                            "commitizen releases nothing for `{}`: its bump rules are case-sensitive",
                            header.kind
                        ),
                    )
                    .at(header.kind_span.clone(), "read as no release")
                    .help(format!("write the type in lowercase: `{lower}`")),
                );
            }
        }
        if lower == "revert" && overall == Bump::None {
            found.push(
                Diagnostic::warning("engine-revert-ignored", "commitizen releases nothing for `revert:`")
                    .at(header.kind_span.clone(), "no release")
                    .help("if this undoes a released change, describe the outcome as a `fix:` so CI releases it"),
            );
        }
    } else if commit.kind == crate::model::message::Kind::Revert && overall == Bump::None {
        found.push(
            Diagnostic::warning("engine-revert-ignored", "commitizen releases nothing for a revert")
                .at(header_span.clone(), "no release")
                .help("if this undoes a released change, describe the outcome as a `fix:` so CI releases it"),
        );
    }
    let from_body = lines
        .iter()
        .find(|l| l.line > 0 && l.bump > header_bump && !l.token.starts_with("BREAKING"));
    if let Some(line) = from_body {
        let (subject, body) = log_message(&commit.text);
        let message = full_message(&subject, &body);
        let span = message
            .split('\n')
            .nth(line.line)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .and_then(|t| commit.text.find(t).map(|at| at..at + t.len()))
            .unwrap_or(header_span.clone());
        found.push(
            Diagnostic::warning(
                "engine-body-line",
                format!(
                    "commitizen reads this body line as `{}`: the release becomes {}",
                    line.token,
                    line.bump.name()
                ),
            )
            .at(span, "counted like a commit header")
            .help("reword the line if it is not meant to release (commitizen reads every line that starts with `type:`)"),
        );
    }
    if rules.major_version_zero
        && lines
            .iter()
            .any(|l| l.token.ends_with('!') || l.token.starts_with("BREAKING"))
        && overall < Bump::Major
    {
        found.push(
            Diagnostic::warning(
                "engine-breaking-minor",
                "with `major_version_zero = true` commitizen makes this breaking change a minor release",
            )
            .at(header_span.clone(), "breaking, released as a minor")
            .help("remove `major_version_zero` from the commitizen configuration when the API is ready for 1.0.0"),
        );
    }
    if let Some(footer) = commit.footers.iter().find(|f| f.token == "BREAKING-CHANGE") {
        found.push(
            Diagnostic::warning(
                "engine-breaking-unlisted",
                "commitizen bumps for `BREAKING-CHANGE:` but lists only `BREAKING CHANGE:` notes in its changelog",
            )
            .at(footer.span.clone(), "not in the changelog's BREAKING CHANGE group")
            .help("write the footer as `BREAKING CHANGE: …` (with a space)"),
        );
    }
    found
}

#[cfg(test)]
mod tests;
