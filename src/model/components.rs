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
    /// Sorted by name (the configuration's map is), so a name is found by binary search:
    /// a repository with thousands of components asks for each of them by name.
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
        self.globs(name).is_some()
    }

    /// Whether `path` belongs to the component `name`.
    pub fn matches(&self, name: &str, path: &str) -> bool {
        self.globs(name).is_some_and(|set| set.is_match(path))
    }

    fn globs(&self, name: &str) -> Option<&GlobSet> {
        self.entries
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|index| &self.entries[index].1)
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

    /// Asking for every component by name takes time in step with their number (a
    /// repository with 50,000 components used to spend seconds comparing names).
    #[test]
    fn finding_components_by_name_grows_in_step_with_their_number() {
        use std::time::Duration;

        fn many(n: usize) -> Components {
            let entries = (0..n)
                .map(|i| (format!("component-{i:06}"), GlobSet::empty()))
                .collect();
            Components { entries }
        }
        /// Processor time of this thread, which other tests running beside it do not take.
        fn thread_time() -> Duration {
            let mut time = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: `time` is a valid timespec to write to.
            assert_eq!(
                unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) },
                0
            );
            Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
        }
        fn ask_for_each(components: &Components) -> Duration {
            let start = thread_time();
            for name in components.names() {
                assert!(components.contains(name));
                assert!(!components.matches(name, "README.md"));
            }
            thread_time() - start
        }
        let (small, large) = (many(1_000), many(10_000));
        let small = (0..3).map(|_| ask_for_each(&small)).min().unwrap();
        let limit = small.max(Duration::from_millis(1)) * 40;
        assert!((0..3).any(|_| ask_for_each(&large) <= limit));
        assert!(!many(3).contains("component-000003"));
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
