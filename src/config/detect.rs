//! Which engine computes releases for this repository: `engine = "…"` in herald.toml, or
//! the release tool whose configuration file is in the work tree.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The engines herald mirrors, as written in `engine = "…"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EngineName {
    Herald,
    SemanticRelease,
    ReleasePlease,
    Commitizen,
    Cocogitto,
    GitCliff,
}

impl EngineName {
    pub fn as_str(self) -> &'static str {
        match self {
            EngineName::Herald => "herald",
            EngineName::SemanticRelease => "semantic-release",
            EngineName::ReleasePlease => "release-please",
            EngineName::Commitizen => "commitizen",
            EngineName::Cocogitto => "cocogitto",
            EngineName::GitCliff => "git-cliff",
        }
    }
}

/// How a file shows that a release tool is configured.
#[derive(Debug, Clone, Copy)]
enum Marker {
    /// The file exists.
    File(&'static str),
    /// A JSON file has this top-level key (`package.json` `"release"`).
    JsonKey(&'static str, &'static str),
    /// A TOML file has this table (`pyproject.toml` `[tool.commitizen]`).
    TomlTable(&'static str, &'static [&'static str]),
}

/// Every engine's markers, in the order detection tries them.
const MARKERS: &[(EngineName, Marker)] = &[
    // semantic-release: cosmiconfig's search places for "release", in its order.
    (
        EngineName::SemanticRelease,
        Marker::JsonKey("package.json", "release"),
    ),
    (EngineName::SemanticRelease, Marker::File(".releaserc")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.json")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.yaml")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.yml")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.js")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.ts")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.cjs")),
    (EngineName::SemanticRelease, Marker::File(".releaserc.mjs")),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.json"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.yaml"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.yml"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.js"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.ts"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.cjs"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File(".config/releaserc.mjs"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File("release.config.js"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File("release.config.ts"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File("release.config.cjs"),
    ),
    (
        EngineName::SemanticRelease,
        Marker::File("release.config.mjs"),
    ),
    (
        EngineName::ReleasePlease,
        Marker::File("release-please-config.json"),
    ),
    (
        EngineName::ReleasePlease,
        Marker::File(".release-please-manifest.json"),
    ),
    // commitizen's own files, in the order commitizen reads them, then pyproject.toml.
    (EngineName::Commitizen, Marker::File(".cz.toml")),
    (EngineName::Commitizen, Marker::File("cz.toml")),
    (EngineName::Commitizen, Marker::File(".cz.json")),
    (EngineName::Commitizen, Marker::File("cz.json")),
    (EngineName::Commitizen, Marker::File(".cz.yaml")),
    (EngineName::Commitizen, Marker::File("cz.yaml")),
    (
        EngineName::Commitizen,
        Marker::TomlTable("pyproject.toml", &["tool", "commitizen"]),
    ),
    (EngineName::Cocogitto, Marker::File("cog.toml")),
    (EngineName::GitCliff, Marker::File("cliff.toml")),
    (EngineName::GitCliff, Marker::File(".cliff.toml")),
    (EngineName::GitCliff, Marker::File(".config/cliff.toml")),
    (
        EngineName::GitCliff,
        Marker::TomlTable("pyproject.toml", &["tool", "git-cliff"]),
    ),
    (
        EngineName::GitCliff,
        Marker::TomlTable("Cargo.toml", &["package", "metadata", "git-cliff"]),
    ),
    (
        EngineName::GitCliff,
        Marker::TomlTable("Cargo.toml", &["workspace", "metadata", "git-cliff"]),
    ),
];

/// The engine to use and where that was learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub name: EngineName,
    /// The release tool's own configuration file, when there is one.
    pub file: Option<PathBuf>,
    /// What `preview` shows as the source: `herald.toml`, `.releaserc.json`, …
    pub source: String,
    /// Other release tools' files that were found and not used.
    pub also_found: Vec<String>,
}

/// Decides the engine: `configured` (from herald.toml) wins; otherwise the first release
/// tool whose configuration is in `root`; otherwise herald's own rules.
pub fn detect(
    root: Option<&Path>,
    configured: Option<EngineName>,
    config_source: &str,
) -> Detected {
    let found: Vec<(EngineName, PathBuf, String)> = match root {
        Some(root) => MARKERS
            .iter()
            .filter_map(|(name, marker)| {
                present(root, *marker).map(|(path, shown)| (*name, path, shown))
            })
            .collect(),
        None => Vec::new(),
    };
    let (name, file, source) = match configured {
        Some(name) => {
            let file = found
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(_, p, _)| p.clone());
            (name, file, config_source.to_string())
        }
        None => match found.first() {
            Some((name, path, shown)) => (*name, Some(path.clone()), shown.clone()),
            None => (EngineName::Herald, None, config_source.to_string()),
        },
    };
    let also_found = found
        .iter()
        .filter(|(n, _, _)| *n != name)
        .map(|(n, _, shown)| format!("{shown} ({})", n.as_str()))
        .collect();
    Detected {
        name,
        file,
        source,
        also_found,
    }
}

/// The marker's file and how to name it, when the marker holds in `root`.
fn present(root: &Path, marker: Marker) -> Option<(PathBuf, String)> {
    match marker {
        Marker::File(name) => {
            let path = root.join(name);
            path.is_file().then(|| (path, name.to_string()))
        }
        Marker::JsonKey(name, key) => {
            let path = root.join(name);
            let text = std::fs::read_to_string(&path).ok()?;
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            json.get(key)
                .is_some()
                .then(|| (path, format!("{name} \"{key}\"")))
        }
        Marker::TomlTable(name, keys) => {
            let path = root.join(name);
            let text = std::fs::read_to_string(&path).ok()?;
            let table: toml::Table = text.parse().ok()?;
            let mut item = table.get(keys[0])?;
            for key in &keys[1..] {
                item = item.get(key)?;
            }
            item.is_table()
                .then(|| (path, format!("{name} [{}]", keys.join("."))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_hold_only_when_the_content_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("package.json"),
            r#"{ "name": "x", "release": { "branches": ["main"] } }"#,
        )
        .unwrap();
        std::fs::write(
            root.join("pyproject.toml"),
            "[tool.black]\nline-length = 100\n",
        )
        .unwrap();
        std::fs::write(root.join("cog.toml"), "").unwrap();
        assert!(present(root, Marker::File("cog.toml")).is_some());
        assert!(present(root, Marker::File("cliff.toml")).is_none());
        let (_, shown) = present(root, Marker::JsonKey("package.json", "release")).unwrap();
        assert_eq!(shown, "package.json \"release\"");
        assert!(present(root, Marker::JsonKey("package.json", "version")).is_none());
        assert!(
            present(
                root,
                Marker::TomlTable("pyproject.toml", &["tool", "commitizen"])
            )
            .is_none()
        );
        let (_, shown) = present(
            root,
            Marker::TomlTable("pyproject.toml", &["tool", "black"]),
        )
        .unwrap();
        assert_eq!(shown, "pyproject.toml [tool.black]");
    }

    #[test]
    fn without_markers_herald_decides() {
        let detected = detect(None, None, "defaults");
        assert_eq!(detected.name, EngineName::Herald);
        assert_eq!(detected.source, "defaults");
        let detected = detect(None, Some(EngineName::Herald), "herald.toml");
        assert_eq!(detected.source, "herald.toml");
    }
}
