//! commitizen's version schemes and its version arithmetic (`BaseVersion.bump` in
//! commitizen 4.19.3). Versions are herald's SemVer values; a scheme says how commitizen
//! reads and writes them (`pep440` writes `2.0.0rc0`, `semver` `2.0.0-rc0`, `semver2`
//! `2.0.0-rc.0`).

use semver::{Prerelease, Version};

use crate::model::Bump;
use crate::model::version::{Pep440, Spelling, pep440_parts};

/// `version_scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    #[default]
    Pep440,
    SemVer,
    SemVer2,
}

/// A pre-release kind commitizen can make (`--prerelease alpha|beta|rc`), in PEP 440's
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PreKind {
    Alpha,
    Beta,
    Rc,
}

impl PreKind {
    /// herald's `--pre` label as commitizen's `--prerelease` choice; `None` for labels
    /// commitizen does not offer.
    pub fn from_label(label: &str) -> Option<PreKind> {
        match label {
            "alpha" | "a" => Some(PreKind::Alpha),
            "beta" | "b" => Some(PreKind::Beta),
            "rc" | "c" => Some(PreKind::Rc),
            _ => None,
        }
    }

    fn of(label: &str) -> Option<PreKind> {
        PreKind::from_label(label)
    }
}

impl Scheme {
    pub fn from_name(name: &str) -> Option<Scheme> {
        match name {
            "pep440" => Some(Scheme::Pep440),
            "semver" => Some(Scheme::SemVer),
            "semver2" => Some(Scheme::SemVer2),
            _ => None,
        }
    }

    /// How versions and tags are written under this scheme.
    pub fn spelling(self) -> Spelling {
        match self {
            Scheme::Pep440 => Spelling::Pep440,
            Scheme::SemVer => Spelling::Compact,
            Scheme::SemVer2 => Spelling::SemVer,
        }
    }

    /// Reads a version the way the scheme does (every scheme parses like PEP 440).
    pub fn parse(self, text: &str) -> Option<Version> {
        Pep440::parse(text)?.to_semver(self == Scheme::SemVer2)
    }

    fn label(self, kind: PreKind) -> &'static str {
        match (kind, self) {
            (PreKind::Alpha, Scheme::SemVer2) => "alpha",
            (PreKind::Beta, Scheme::SemVer2) => "beta",
            (PreKind::Alpha, _) => "a",
            (PreKind::Beta, _) => "b",
            (PreKind::Rc, _) => "rc",
        }
    }
}

/// Whether commitizen sees a pre-release (a pre or dev part).
pub fn is_prerelease(version: &Version) -> bool {
    !version.pre.is_empty()
}

/// commitizen's `bump`: the version after `increment`, optionally as a pre-release.
///
/// From a pre-release the increment is only applied when it goes beyond the version
/// being prepared: `1.4.2rc1` + PATCH is `1.4.2`, + MINOR `1.5.0`; `2.0.0rc1` + anything
/// is `2.0.0`. A pre-release of the same kind counts on (`rc0` → `rc1`), a higher kind
/// starts at `prerelease_offset`, a lower kind keeps the higher one (`--prerelease alpha`
/// after `rc0` gives `rc1`).
pub fn bump(
    scheme: Scheme,
    current: &Version,
    increment: Bump,
    prerelease: Option<PreKind>,
    offset: u64,
) -> Version {
    let parts = pep440_parts(current).unwrap_or_default();
    let base = if !is_prerelease(current)
        || (increment == Bump::Minor && current.patch != 0)
        || (increment == Bump::Major && (current.minor != 0 || current.patch != 0))
    {
        increment_base(current, increment)
    } else {
        (current.major, current.minor, current.patch)
    };
    let mut next = Version::new(base.0, base.1, base.2);
    let Some(requested) = prerelease else {
        return next;
    };
    let same_base = base == (current.major, current.minor, current.patch);
    let (kind, number) = match parts
        .pre
        .as_ref()
        .and_then(|(l, n)| Some((PreKind::of(l)?, *n)))
    {
        Some((current_kind, n)) if same_base => {
            let kind = requested.max(current_kind);
            if kind == current_kind {
                (kind, n + 1)
            } else {
                (kind, offset)
            }
        }
        _ => (requested, offset),
    };
    next.pre =
        Prerelease::new(&format!("{}.{number}", scheme.label(kind))).expect("a valid pre-release");
    next
}

fn increment_base(current: &Version, increment: Bump) -> (u64, u64, u64) {
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    match increment {
        Bump::Major => (major + 1, 0, 0),
        Bump::Minor => (major, minor + 1, 0),
        Bump::Patch => (major, minor, patch + 1),
        Bump::None => (major, minor, patch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    fn spelled(scheme: Scheme, version: &Version) -> String {
        scheme.spelling().render(version)
    }

    #[test]
    fn stable_versions_take_the_increment() {
        let p = Scheme::Pep440;
        assert_eq!(bump(p, &v("1.4.2"), Bump::Patch, None, 0), v("1.4.3"));
        assert_eq!(bump(p, &v("1.4.2"), Bump::Minor, None, 0), v("1.5.0"));
        assert_eq!(bump(p, &v("1.4.2"), Bump::Major, None, 0), v("2.0.0"));
        assert_eq!(bump(p, &v("1.4.2"), Bump::None, None, 0), v("1.4.2"));
    }

    #[test]
    fn pre_releases_are_finalised() {
        let p = Scheme::Pep440;
        let rc = v("1.4.2-rc.1");
        assert_eq!(bump(p, &rc, Bump::Patch, None, 0), v("1.4.2"));
        assert_eq!(bump(p, &rc, Bump::None, None, 0), v("1.4.2"));
        assert_eq!(bump(p, &rc, Bump::Minor, None, 0), v("1.5.0"));
        assert_eq!(bump(p, &rc, Bump::Major, None, 0), v("2.0.0"));
        assert_eq!(bump(p, &v("2.0.0-rc.1"), Bump::Major, None, 0), v("2.0.0"));
        assert_eq!(bump(p, &v("1.5.0-rc.1"), Bump::Minor, None, 0), v("1.5.0"));
    }

    #[test]
    fn pre_releases_as_commitizen_numbers_them() {
        // Measured with cz 4.19.3: 1.4.2 + feat! with --prerelease rc is 2.0.0rc0, and
        // from 2.0.0rc0 a fix with --prerelease rc (or beta, or alpha) is 2.0.0rc1.
        let p = Scheme::Pep440;
        let next = bump(p, &v("1.4.2"), Bump::Major, Some(PreKind::Rc), 0);
        assert_eq!(spelled(p, &next), "2.0.0rc0");
        for kind in [PreKind::Rc, PreKind::Beta, PreKind::Alpha] {
            let next = bump(p, &v("2.0.0-rc.0"), Bump::Patch, Some(kind), 0);
            assert_eq!(spelled(p, &next), "2.0.0rc1");
        }
        let next = bump(p, &v("1.4.2-rc.1"), Bump::None, Some(PreKind::Rc), 0);
        assert_eq!(spelled(p, &next), "1.4.2rc2");
        let next = bump(p, &v("2.0.0-a.3"), Bump::Patch, Some(PreKind::Beta), 0);
        assert_eq!(spelled(p, &next), "2.0.0b0");
        let next = bump(p, &v("1.4.2"), Bump::Major, Some(PreKind::Beta), 1);
        assert_eq!(spelled(p, &next), "2.0.0b1");
        let next = bump(
            Scheme::SemVer,
            &v("1.4.2"),
            Bump::Major,
            Some(PreKind::Rc),
            0,
        );
        assert_eq!(spelled(Scheme::SemVer, &next), "2.0.0-rc0");
        let next = bump(
            Scheme::SemVer2,
            &v("1.4.2"),
            Bump::Major,
            Some(PreKind::Alpha),
            0,
        );
        assert_eq!(spelled(Scheme::SemVer2, &next), "2.0.0-alpha.0");
    }

    #[test]
    fn schemes_read_like_pep440() {
        assert_eq!(Scheme::Pep440.parse("1.4.2-rc.1"), Some(v("1.4.2-rc.1")));
        assert_eq!(Scheme::SemVer2.parse("1.4.2a1"), Some(v("1.4.2-alpha.1")));
        assert_eq!(Scheme::Pep440.parse("1.4.2-next"), None);
    }
}
