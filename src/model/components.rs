//! Components: named sets of path globs, and which of them a set of paths touches.

use std::collections::{BTreeMap, BTreeSet};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// A path glob that does not compile, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GlobError(pub String);

/// The configured components, compiled once.
#[derive(Debug, Clone, Default)]
pub struct Components {
    entries: Vec<(String, GlobSet)>,
}

impl Components {
    /// Compiles `[components]`; a bad glob is reported with its component.
    pub fn compile(map: &BTreeMap<String, Vec<String>>) -> Result<Components, GlobError> {
        let mut entries = Vec::new();
        for (name, patterns) in map {
            entries.push((
                name.clone(),
                glob_set(patterns).map_err(|e| GlobError(format!("component `{name}`: {e}")))?,
            ));
        }
        Ok(Components { entries })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(name, _)| name.as_str())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, _)| n == name)
    }

    /// Whether `path` belongs to the component `name`.
    pub fn matches(&self, name: &str, path: &str) -> bool {
        self.entries
            .iter()
            .any(|(n, set)| n == name && set.is_match(path))
    }

    /// The components any of `paths` belongs to.
    pub fn touched_by<'a>(&'a self, paths: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
        let mut touched = BTreeSet::new();
        for path in paths {
            for (name, set) in &self.entries {
                if set.is_match(path) {
                    touched.insert(name.as_str());
                }
            }
        }
        touched
    }
}

/// A set of globs in the usual `**` syntax, with `/` separating path parts.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, GlobError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| GlobError(format!("`{pattern}` is not a valid glob: {}", e.kind())))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| GlobError(e.to_string()))
}

/// Whether a single glob is valid (for configuration checks).
pub fn check_glob(pattern: &str) -> Result<(), GlobError> {
    Glob::new(pattern)
        .map(|_| ())
        .map_err(|e| GlobError(format!("`{pattern}` is not a valid glob: {}", e.kind())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Components {
        let mut map = BTreeMap::new();
        map.insert(
            "backend".to_string(),
            vec![
                "apps/express-api/**".to_string(),
                "packages/macro-ai-api-client/**".to_string(),
            ],
        );
        map.insert(
            "frontend".to_string(),
            vec!["apps/client-ui/**".to_string()],
        );
        map.insert(
            "infrastructure".to_string(),
            vec![
                "infrastructure/**".to_string(),
                ".github/workflows/**".to_string(),
            ],
        );
        Components::compile(&map).unwrap()
    }

    #[test]
    fn finds_touched_components() {
        let components = plan();
        let touched = components.touched_by([
            "apps/express-api/src/a.ts",
            ".github/workflows/ci.yml",
            "README.md",
        ]);
        assert_eq!(
            touched.into_iter().collect::<Vec<_>>(),
            ["backend", "infrastructure"]
        );
        assert!(components.matches("frontend", "apps/client-ui/src/deep/x.tsx"));
        assert!(!components.matches("frontend", "apps/client-ui-legacy/x.tsx"));
    }

    #[test]
    fn star_does_not_cross_directories() {
        let set = glob_set(&["packages/*/package.json".to_string()]).unwrap();
        assert!(set.is_match("packages/ui/package.json"));
        assert!(!set.is_match("packages/ui/nested/package.json"));
    }

    #[test]
    fn bad_glob_is_reported() {
        let mut map = BTreeMap::new();
        map.insert("x".to_string(), vec!["apps/[".to_string()]);
        assert!(
            Components::compile(&map)
                .unwrap_err()
                .0
                .starts_with("component `x`: `apps/[` is not a valid glob")
        );
    }
}
