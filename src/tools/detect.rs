//! Which engine computes releases for a repository: `engine = "…"` in herald.toml, or the
//! release tool whose configuration is among the repository's files. Each tool's folder
//! says which files show it ([`Marker`]); the table below tries them in order.

use crate::model::EngineName;
use crate::model::files::Files;

/// How a file shows that a release tool is configured.
#[derive(Debug, Clone, Copy)]
pub enum Marker {
    /// The file exists.
    File(&'static str),
    /// A JSON file has this top-level key (`package.json` `"release"`).
    JsonKey(&'static str, &'static str),
    /// A TOML file has this table (`pyproject.toml` `[tool.commitizen]`).
    TomlTable(&'static str, &'static [&'static str]),
}

/// Every tool's markers, in the order detection tries them.
const TABLE: [(EngineName, &[Marker]); 5] = [
    (
        EngineName::SemanticRelease,
        super::semantic_release::MARKERS,
    ),
    (EngineName::ReleasePlease, super::release_please::MARKERS),
    (EngineName::Commitizen, super::commitizen::MARKERS),
    (EngineName::Cocogitto, super::cocogitto::MARKERS),
    (EngineName::GitCliff, super::git_cliff::MARKERS),
];

/// The engine to use and where that was learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub name: EngineName,
    /// The release tool's own configuration file, from the repository's root, when there
    /// is one.
    pub file: Option<String>,
    /// What `preview` shows as the source: `herald.toml`, `.releaserc.json`, …
    pub source: String,
    /// Other release tools' files that were found and not used.
    pub also_found: Vec<String>,
}

/// Decides the engine: `configured` (from herald.toml) wins; otherwise the first release
/// tool whose configuration is among `files`; otherwise herald's own rules.
pub fn detect(
    files: Option<&dyn Files>,
    configured: Option<EngineName>,
    config_source: &str,
) -> Detected {
    let found: Vec<(EngineName, String, String)> = match files {
        Some(files) => TABLE
            .iter()
            .flat_map(|(name, markers)| markers.iter().map(move |m| (*name, *m)))
            .filter_map(|(name, marker)| {
                present(files, marker).map(|(path, shown)| (name, path, shown))
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

/// The marker's file and how to name it, when the marker holds.
fn present(files: &dyn Files, marker: Marker) -> Option<(String, String)> {
    match marker {
        Marker::File(name) => {
            files.read(name).ok()??;
            Some((name.to_string(), name.to_string()))
        }
        Marker::JsonKey(name, key) => {
            let text = files.read(name).ok()??;
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            json.get(key)
                .is_some()
                .then(|| (name.to_string(), format!("{name} \"{key}\"")))
        }
        Marker::TomlTable(name, keys) => {
            let text = files.read(name).ok()??;
            let table: toml::Table = text.parse().ok()?;
            let mut item = table.get(keys[0])?;
            for key in &keys[1..] {
                item = item.get(key)?;
            }
            item.is_table()
                .then(|| (name.to_string(), format!("{name} [{}]", keys.join("."))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::files::MemoryFiles;

    #[test]
    fn markers_hold_only_when_the_content_says_so() {
        let files = MemoryFiles::new([
            (
                "package.json",
                r#"{ "name": "x", "release": { "branches": ["main"] } }"#,
            ),
            ("pyproject.toml", "[tool.black]\nline-length = 100\n"),
            ("cog.toml", ""),
        ]);
        assert!(present(&files, Marker::File("cog.toml")).is_some());
        assert!(present(&files, Marker::File("cliff.toml")).is_none());
        let (_, shown) = present(&files, Marker::JsonKey("package.json", "release")).unwrap();
        assert_eq!(shown, "package.json \"release\"");
        assert!(present(&files, Marker::JsonKey("package.json", "version")).is_none());
        assert!(
            present(
                &files,
                Marker::TomlTable("pyproject.toml", &["tool", "commitizen"])
            )
            .is_none()
        );
        let (_, shown) = present(
            &files,
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
