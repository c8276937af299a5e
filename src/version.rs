//! Versions and the tags that carry them.

use semver::Version;

/// A tag template such as `v{version}` or `{component}@{version}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFormat {
    prefix: String,
    suffix: String,
}

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
        }
    }

    /// The version a tag name carries, if it follows this format.
    pub fn parse(&self, tag: &str) -> Option<Version> {
        let inner = tag.strip_prefix(&self.prefix)?.strip_suffix(&self.suffix)?;
        Version::parse(inner).ok()
    }

    pub fn render(&self, version: &Version) -> String {
        format!("{}{version}{}", self.prefix, self.suffix)
    }
}

/// The version after a breaking change under herald's own 0.x rule.
pub fn after_breaking(current: &Version, major_on_zero: bool) -> Version {
    if current.major == 0 && !major_on_zero {
        Version::new(0, current.minor + 1, 0)
    } else {
        Version::new(current.major + 1, 0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn breaking_bumps() {
        assert_eq!(
            after_breaking(&Version::new(1, 4, 2), false),
            Version::new(2, 0, 0)
        );
        assert_eq!(
            after_breaking(&Version::new(0, 4, 2), false),
            Version::new(0, 5, 0)
        );
        assert_eq!(
            after_breaking(&Version::new(0, 4, 2), true),
            Version::new(1, 0, 0)
        );
    }
}
