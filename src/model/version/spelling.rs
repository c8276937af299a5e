//! How a release tool writes a version. herald keeps every version as a SemVer
//! [`Version`]; a tool that follows PEP 440 (commitizen's default scheme) writes the same
//! version differently: `2.0.0-rc.0` is `2.0.0rc0` there. A pre-release is kept as the
//! identifiers `label.N` (then `dev.N`), a post-release as the build metadata `post.N`.

use std::sync::LazyLock;

use regex::Regex;
use semver::{BuildMetadata, Prerelease, Version};

/// A way of writing versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    /// SemVer 2.0.0: `2.0.0-rc.1`.
    #[default]
    SemVer,
    /// PEP 440's normal form: `2.0.0rc1`, `2.0.0.post1`, `2.0.0.dev0`.
    Pep440,
    /// A SemVer-looking compact form (commitizen's `semver` scheme): `2.0.0-rc1`.
    Compact,
}

/// A version as PEP 440 reads it (leniently, like Python's `packaging`), with the
/// pre-release label normalised to `a`, `b` or `rc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pep440 {
    pub release: Vec<u64>,
    pub pre: Option<(String, u64)>,
    pub post: Option<u64>,
    pub dev: Option<u64>,
    pub local: Option<String>,
    pub epoch: u64,
}

static PEP440: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\s*v?
        (?:(?P<epoch>[0-9]+)!)?
        (?P<release>[0-9]+(?:\.[0-9]+)*)
        (?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?
        (?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?
        (?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
        (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        \s*$",
    )
    .expect("a valid pattern")
});

impl Pep440 {
    /// Parses any spelling PEP 440 accepts (`1.4.2-rc.1` is `1.4.2rc1`).
    pub fn parse(text: &str) -> Option<Pep440> {
        let caps = PEP440.captures(text)?;
        let number = |name: &str| -> Option<Option<u64>> {
            match caps.name(name) {
                Some(m) => m.as_str().parse().ok().map(Some),
                None => Some(None),
            }
        };
        let release = caps["release"]
            .split('.')
            .map(|p| p.parse().ok())
            .collect::<Option<Vec<u64>>>()?;
        let pre = match caps.name("pre_l") {
            Some(label) => {
                let label = match label.as_str().to_ascii_lowercase().as_str() {
                    "alpha" | "a" => "a",
                    "beta" | "b" => "b",
                    _ => "rc",
                };
                Some((label.to_string(), number("pre_n")?.unwrap_or(0)))
            }
            None => None,
        };
        let post = if caps.name("post").is_some() {
            Some(number("post_n1")?.or(number("post_n2")?).unwrap_or(0))
        } else {
            None
        };
        let dev = if caps.name("dev").is_some() {
            Some(number("dev_n")?.unwrap_or(0))
        } else {
            None
        };
        Some(Pep440 {
            release,
            pre,
            post,
            dev,
            local: caps
                .name("local")
                .map(|m| m.as_str().to_ascii_lowercase().replace(['-', '_'], ".")),
            epoch: number("epoch")?.unwrap_or(0),
        })
    }

    /// The same version in herald's form; `long_labels` writes `alpha`/`beta` for `a`/`b`.
    /// `None` for what SemVer cannot hold: an epoch, a local part, more than three numbers.
    pub fn to_semver(&self, long_labels: bool) -> Option<Version> {
        if self.epoch != 0 || self.local.is_some() || self.release.len() > 3 {
            return None;
        }
        let part = |i: usize| self.release.get(i).copied().unwrap_or(0);
        let mut version = Version::new(part(0), part(1), part(2));
        let mut pre: Vec<String> = Vec::new();
        if let Some((label, n)) = &self.pre {
            let label = match (label.as_str(), long_labels) {
                ("a", true) => "alpha",
                ("b", true) => "beta",
                (label, _) => label,
            };
            pre.push(format!("{label}.{n}"));
        }
        if let Some(n) = self.dev {
            pre.push(format!("dev.{n}"));
        }
        if !pre.is_empty() {
            version.pre = Prerelease::new(&pre.join(".")).ok()?;
        }
        if let Some(n) = self.post {
            version.build = BuildMetadata::new(&format!("post.{n}")).ok()?;
        }
        Some(version)
    }
}

/// The parts of herald's form that PEP 440 names: the pre-release label and number, the
/// dev and post numbers. `None` when the pre-release is not of that shape.
pub fn pep440_parts(version: &Version) -> Option<Pep440Parts> {
    let mut parts = Pep440Parts::default();
    let idents: Vec<&str> = if version.pre.is_empty() {
        Vec::new()
    } else {
        version.pre.as_str().split('.').collect()
    };
    let mut rest = idents.as_slice();
    if let [label, n, tail @ ..] = rest {
        if matches!(*label, "a" | "b" | "rc" | "alpha" | "beta") {
            parts.pre = Some((label.to_string(), n.parse().ok()?));
            rest = tail;
        }
    }
    match rest {
        [] => {}
        ["dev", n] => parts.dev = Some(n.parse().ok()?),
        _ => return None,
    }
    if !version.build.is_empty() {
        parts.post = Some(version.build.as_str().strip_prefix("post.")?.parse().ok()?);
    }
    Some(parts)
}

/// See [`pep440_parts`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pep440Parts {
    pub pre: Option<(String, u64)>,
    pub post: Option<u64>,
    pub dev: Option<u64>,
}

impl Spelling {
    /// The version written this way.
    pub fn render(self, version: &Version) -> String {
        let base = format!("{}.{}.{}", version.major, version.minor, version.patch);
        let parts = match self {
            Spelling::SemVer => return version.to_string(),
            _ => match pep440_parts(version) {
                Some(parts) => parts,
                None => return version.to_string(),
            },
        };
        let short = |label: &str| match label {
            "alpha" => "a".to_string(),
            "beta" => "b".to_string(),
            other => other.to_string(),
        };
        let mut out = base;
        match self {
            Spelling::Pep440 => {
                if let Some((label, n)) = &parts.pre {
                    out.push_str(&format!("{}{n}", short(label)));
                }
                if let Some(n) = parts.post {
                    out.push_str(&format!(".post{n}"));
                }
                if let Some(n) = parts.dev {
                    out.push_str(&format!(".dev{n}"));
                }
            }
            _ => {
                if let Some((label, n)) = &parts.pre {
                    out.push_str(&format!("-{}{n}", short(label)));
                }
                if let Some(n) = parts.post {
                    out.push_str(&format!("-post{n}"));
                }
                if let Some(n) = parts.dev {
                    out.push_str(&format!("-dev{n}"));
                }
            }
        }
        out
    }

    /// The version `text` writes, when it is written exactly this way (so `1.4.2-rc.1` is
    /// not a PEP 440 version here, although PEP 440 would normalise it).
    pub fn parse(self, text: &str) -> Option<Version> {
        match self {
            Spelling::SemVer => Version::parse(text).ok(),
            _ => {
                let version = Pep440::parse(text)?.to_semver(false)?;
                (self.render(&version) == text).then_some(version)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn reads_pep440_leniently() {
        let parsed = Pep440::parse("1.4.2-rc.1").unwrap();
        assert_eq!(parsed.pre, Some(("rc".into(), 1)));
        assert_eq!(parsed.to_semver(false), Some(v("1.4.2-rc.1")));
        assert_eq!(
            Pep440::parse("v1.4.2alpha").unwrap().to_semver(true),
            Some(v("1.4.2-alpha.0"))
        );
        assert_eq!(
            Pep440::parse("1.4").unwrap().to_semver(false),
            Some(v("1.4.0"))
        );
        assert_eq!(
            Pep440::parse("1.4.2.post3.dev1").unwrap().to_semver(false),
            Some(v("1.4.2-dev.1+post.3"))
        );
        assert!(Pep440::parse("1.4.2-next.1").is_none());
        assert!(Pep440::parse("1!1.0.0").unwrap().to_semver(false).is_none());
    }

    #[test]
    fn spells_versions() {
        assert_eq!(Spelling::Pep440.render(&v("2.0.0-rc.0")), "2.0.0rc0");
        assert_eq!(Spelling::Pep440.render(&v("2.0.0-alpha.1")), "2.0.0a1");
        assert_eq!(Spelling::Pep440.render(&v("2.0.0")), "2.0.0");
        assert_eq!(
            Spelling::Pep440.render(&v("2.0.0-dev.1+post.3")),
            "2.0.0.post3.dev1"
        );
        assert_eq!(Spelling::Compact.render(&v("2.0.0-rc.0")), "2.0.0-rc0");
        assert_eq!(Spelling::SemVer.render(&v("2.0.0-rc.0")), "2.0.0-rc.0");
        assert_eq!(Spelling::Pep440.render(&v("2.0.0-next")), "2.0.0-next");
        assert_eq!(Spelling::Pep440.render(&v("2.0.0-next.1")), "2.0.0-next.1");
    }

    #[test]
    fn parses_only_its_own_spelling() {
        assert_eq!(Spelling::Pep440.parse("1.4.2rc1"), Some(v("1.4.2-rc.1")));
        assert_eq!(Spelling::Pep440.parse("1.4.2-rc.1"), None);
        assert_eq!(Spelling::Pep440.parse("1.4.2"), Some(v("1.4.2")));
        assert_eq!(Spelling::Compact.parse("1.4.2-rc1"), Some(v("1.4.2-rc.1")));
        assert_eq!(Spelling::SemVer.parse("1.4.2-rc.1"), Some(v("1.4.2-rc.1")));
    }
}
