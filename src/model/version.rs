//! Versions and the tags that carry them.

mod spelling;

use semver::Version;

pub use spelling::{Pep440, Pep440Parts, Spelling, pep440_parts};

/// How much a release changes the version.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The part that changed from `from` to `to`: major, minor, or patch for any other
    /// difference (the patch number, a pre-release or build part).
    pub fn between(from: &semver::Version, to: &semver::Version) -> Bump {
        if to.major != from.major {
            Bump::Major
        } else if to.minor != from.minor {
            Bump::Minor
        } else if to != from {
            Bump::Patch
        } else {
            Bump::None
        }
    }
}

/// A tag whose name carries a version, and the commit it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub version: Version,
    /// The commit it points at (through an annotated tag).
    pub target: String,
}

/// A tag template such as `v{version}` or `{component}@{version}`, or any prefix before
/// the version (git-cliff's reading of tags), and how the version in it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFormat {
    prefix: String,
    suffix: String,
    loose: Option<LooseTags>,
    spelling: Spelling,
    /// Also reads versions spelt otherwise than the format writes them (see
    /// [`TagFormat::lenient`]).
    lenient: bool,
}

/// Tags read with any prefix, optionally filtered by patterns.
#[derive(Debug, Clone)]
struct LooseTags {
    /// Only tags matching this count.
    pattern: Option<regex::Regex>,
    /// Tags matching this never count.
    skip: Option<regex::Regex>,
}

impl PartialEq for LooseTags {
    fn eq(&self, other: &Self) -> bool {
        let text = |r: &Option<regex::Regex>| r.as_ref().map(|r| r.as_str().to_string());
        text(&self.pattern) == text(&other.pattern) && text(&self.skip) == text(&other.skip)
    }
}

impl Eq for LooseTags {}

impl TagFormat {
    /// A template with `{component}` already filled in; `template` must hold `{version}`.
    pub fn new(template: &str, component: Option<&str>) -> TagFormat {
        let filled = template.replace("{component}", component.unwrap_or(""));
        let (prefix, suffix) = filled
            .split_once("{version}")
            .unwrap_or((filled.as_str(), ""));
        TagFormat {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            loose: None,
            spelling: Spelling::SemVer,
            lenient: false,
        }
    }

    /// Any tag whose name is a version after some prefix (`v1.2.3`, `rel-1.2.3`), as
    /// git-cliff reads them: tags must match `pattern` when given, and not `skip`.
    pub fn loose(pattern: Option<regex::Regex>, skip: Option<regex::Regex>) -> TagFormat {
        TagFormat {
            prefix: String::new(),
            suffix: String::new(),
            loose: Some(LooseTags { pattern, skip }),
            spelling: Spelling::SemVer,
            lenient: false,
        }
    }

    /// The same format with versions written another way (`v2.0.0rc0` for PEP 440).
    pub fn spelled(mut self, spelling: Spelling) -> TagFormat {
        self.spelling = spelling;
        self
    }

    /// The same format, also reading a version spelt another way (`v1.1.0-rc.1` under
    /// PEP 440, which writes `v1.1.0rc1`), as commitizen 4.19.3 recognises version tags
    /// (`TagRules.version_regexes`, commitizen/tags.py): the tag format with `$version`
    /// standing for `_DEFAULT_VERSION_PARSER` (commitizen/version_schemes.py:
    /// `v?N.N(.N)?(-ids)?(+build)?(\w+)?`), the match then read by the scheme, which
    /// normalises it (`-rc.1`, `-rc1` → `rc1`). [`TagFormat::writes`] tells such a tag from
    /// one written the format's way.
    pub fn lenient(mut self) -> TagFormat {
        self.lenient = true;
        self
    }

    /// Whether `tag` is the name this format gives `version` (always, for a loose format,
    /// which keeps whatever prefix a tag has).
    pub fn writes(&self, tag: &str, version: &Version) -> bool {
        self.loose.is_some() || self.render(version) == tag
    }

    /// The version a tag name carries, if it follows this format.
    pub fn parse(&self, tag: &str) -> Option<Version> {
        if let Some(loose) = &self.loose {
            if loose.pattern.as_ref().is_some_and(|p| !p.is_match(tag))
                || loose.skip.as_ref().is_some_and(|s| s.is_match(tag))
            {
                return None;
            }
            return split_version(tag).map(|(_, version)| version);
        }
        let inner = tag.strip_prefix(&self.prefix)?.strip_suffix(&self.suffix)?;
        self.spelling.parse(inner).or_else(|| {
            let long_labels = self.spelling == Spelling::SemVer;
            self.lenient
                .then(|| lenient_version(inner, long_labels))
                .flatten()
        })
    }

    /// A version as this format's tool writes it, without the prefix (`2.0.0rc0`).
    pub fn spell(&self, version: &Version) -> String {
        self.spelling.render(version)
    }

    /// The template, with `{version}` where the version goes.
    pub fn template(&self) -> String {
        match self.loose {
            Some(_) => "<any prefix>{version}".to_string(),
            None => format!("{}{{version}}{}", self.prefix, self.suffix),
        }
    }

    pub fn render(&self, version: &Version) -> String {
        format!("{}{}{}", self.prefix, self.spell(version), self.suffix)
    }

    /// The tag for `version` following `previous` (a loose format keeps the previous
    /// tag's prefix: `v1.4.2` is followed by `v1.4.3`).
    pub fn render_after(&self, version: &Version, previous: Option<&str>) -> String {
        match (&self.loose, previous.and_then(split_version)) {
            (Some(_), Some((prefix, _))) => format!("{prefix}{version}"),
            _ => self.render(version),
        }
    }
}

/// commitizen's `_DEFAULT_VERSION_PARSER`, the version part of any tag it recognises.
static COMMITIZEN_VERSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^v?[0-9]+\.[0-9]+(?:\.[0-9]+)?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z.]+)?\w*$",
    )
    .expect("a valid pattern")
});

/// A version in any spelling commitizen recognises, read as its schemes read it
/// (packaging's `Version`: `1.1.0-rc.1` is `1.1.0rc1`); `long_labels` for `semver2`,
/// which writes `alpha`/`beta`.
fn lenient_version(text: &str, long_labels: bool) -> Option<Version> {
    if !COMMITIZEN_VERSION.is_match(text) {
        return None;
    }
    Pep440::parse(text)?.to_semver(long_labels)
}

/// A tag's prefix and version: the whole name when it is a version, else the part from
/// the first digit run at which the rest parses (git-cliff's `calculate_next_version`).
pub fn split_version(tag: &str) -> Option<(&str, Version)> {
    if let Ok(version) = Version::parse(tag) {
        return Some(("", version));
    }
    if tag.split('.').count() < 2 {
        return None;
    }
    let mut in_number = false;
    for (i, c) in tag.char_indices() {
        if c.is_numeric() && !in_number {
            in_number = true;
            if let Ok(version) = Version::parse(&tag[i..]) {
                return Some((&tag[..i], version));
            }
        } else if !c.is_numeric() && in_number {
            in_number = false;
        }
    }
    None
}

/// The version after `bump` (stable: any pre-release part is dropped).
pub fn increment(current: &Version, bump: Bump) -> Version {
    let mut next = match bump {
        Bump::Major => Version::new(current.major + 1, 0, 0),
        Bump::Minor => Version::new(current.major, current.minor + 1, 0),
        Bump::Patch => Version::new(current.major, current.minor, current.patch + 1),
        Bump::None => current.clone(),
    };
    next.build = semver::BuildMetadata::EMPTY;
    next
}

/// The pre-release `target-label.N`, with N one more than the highest `label.N` already
/// tagged for the same version (`2.0.0-rc.1`, then `2.0.0-rc.2`).
pub fn pre_release(target: &Version, label: &str, existing: &[Version]) -> Version {
    let prefix = format!("{label}.");
    let highest = existing
        .iter()
        .filter(|v| (v.major, v.minor, v.patch) == (target.major, target.minor, target.patch))
        .filter_map(|v| v.pre.as_str().strip_prefix(&prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut next = Version::new(target.major, target.minor, target.patch);
    next.pre =
        semver::Prerelease::new(&format!("{label}.{}", highest + 1)).expect("a checked label");
    next
}

/// Whether `label` can be a pre-release label (`rc`, `beta`, `alpha-1`).
pub fn is_valid_pre_label(label: &str) -> bool {
    !label.is_empty()
        && label.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && semver::Prerelease::new(&format!("{label}.1")).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lenient_format_reads_what_commitizen_recognises() {
        let pep440 = TagFormat::new("v{version}", None)
            .spelled(Spelling::Pep440)
            .lenient();
        let rc1 = Version::parse("1.1.0-rc.1").unwrap();
        assert_eq!(pep440.parse("v1.1.0rc1"), Some(rc1.clone()));
        assert_eq!(pep440.parse("v1.1.0-rc.1"), Some(rc1.clone()));
        assert_eq!(pep440.parse("v1.1.0-rc1"), Some(rc1.clone()));
        assert!(pep440.writes("v1.1.0rc1", &rc1));
        assert!(!pep440.writes("v1.1.0-rc.1", &rc1));
        // Not a version to commitizen's parser: a fourth number after a dot.
        assert_eq!(pep440.parse("v1.1.0.1.2"), None);
        let strict = TagFormat::new("v{version}", None).spelled(Spelling::Pep440);
        assert_eq!(strict.parse("v1.1.0-rc.1"), None);
    }

    #[test]
    fn parses_and_renders_tags() {
        let plain = TagFormat::new("v{version}", None);
        assert_eq!(plain.parse("v1.2.3"), Some(Version::new(1, 2, 3)));
        assert_eq!(plain.parse("1.2.3"), None);
        assert_eq!(plain.parse("v1.2"), None);
        assert_eq!(plain.render(&Version::new(2, 0, 0)), "v2.0.0");
        let component = TagFormat::new("{component}@{version}", Some("ui-library"));
        assert_eq!(
            component.parse("ui-library@0.3.0"),
            Some(Version::new(0, 3, 0))
        );
        assert_eq!(component.parse("api@0.3.0"), None);
        assert_eq!(
            TagFormat::new("{version}", None)
                .parse("1.0.0-rc.1")
                .unwrap()
                .pre
                .as_str(),
            "rc.1"
        );
    }

    #[test]
    fn pre_releases_count_existing_tags() {
        let v = |s: &str| Version::parse(s).unwrap();
        let target = v("2.0.0");
        assert_eq!(pre_release(&target, "rc", &[]), v("2.0.0-rc.1"));
        let existing = [
            v("2.0.0-rc.1"),
            v("2.0.0-rc.3"),
            v("2.0.0-beta.7"),
            v("1.0.0-rc.9"),
        ];
        assert_eq!(pre_release(&target, "rc", &existing), v("2.0.0-rc.4"));
        assert_eq!(pre_release(&target, "beta", &existing), v("2.0.0-beta.8"));
        assert!(is_valid_pre_label("rc") && is_valid_pre_label("beta-x"));
        assert!(
            !is_valid_pre_label("") && !is_valid_pre_label("r c") && !is_valid_pre_label("rc.")
        );
    }

    #[test]
    fn loose_tags_keep_their_prefix() {
        let loose = TagFormat::loose(None, None);
        assert_eq!(loose.parse("v1.4.2"), Some(Version::new(1, 4, 2)));
        assert_eq!(loose.parse("rel-1.4.2"), Some(Version::new(1, 4, 2)));
        assert_eq!(loose.parse("testing/v0.3.0"), Some(Version::new(0, 3, 0)));
        assert_eq!(loose.parse("latest"), None);
        assert_eq!(
            loose.render_after(&Version::new(1, 4, 3), Some("rel-1.4.2")),
            "rel-1.4.3"
        );
        assert_eq!(loose.render_after(&Version::new(0, 1, 0), None), "0.1.0");
        let only_v = TagFormat::loose(Some(regex::Regex::new("^v[0-9]").unwrap()), None);
        assert_eq!(only_v.parse("rel-1.4.2"), None);
        assert_eq!(only_v.parse("v2.0.0"), Some(Version::new(2, 0, 0)));
    }
}
