//! Which engine computes releases for a repository: `engine = "…"` in herald.toml, else
//! the release tool CI runs (read from CI's own files, see [`ci`]), else the release tool
//! whose configuration is among the repository's files. Each tool's folder says which
//! files show it ([`Marker`]); the table below tries them in order.

pub mod ci;

pub use ci::{APP_FILE, CiUse};

use crate::model::files::Files;
use crate::model::{ConfigError, EngineName};

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
    /// Other release tools' files (and CI steps) that were found and not used.
    pub also_found: Vec<String>,
    /// The CI step that runs the tool, with its inputs, when CI names it.
    pub ci: Option<CiUse>,
}

/// Decides the engine: `configured` (from herald.toml) wins; otherwise the first release
/// tool whose configuration is among `files`; otherwise herald's own rules. A file that
/// would show a tool but cannot be read (a directory, invalid JSON or TOML that holds the
/// tool's key) is an error: falling back to herald's rules would be a silent wrong answer.
pub fn detect(
    files: Option<&dyn Files>,
    configured: Option<EngineName>,
    config_source: &str,
) -> Result<Detected, ConfigError> {
    let mut found: Vec<(EngineName, String, String)> = Vec::new();
    let mut in_ci: Vec<CiUse> = Vec::new();
    if let Some(files) = files {
        for (name, markers) in TABLE {
            // A tool herald.toml does not name cannot break the one it does.
            let chosen = configured.is_none_or(|c| c == name);
            for marker in markers {
                match present(files, *marker) {
                    Ok(Some((path, shown))) => found.push((name, path, shown)),
                    Ok(None) => {}
                    Err(error) if chosen => return Err(error),
                    Err(_) => {}
                }
            }
        }
        match ci::scan(files) {
            Ok(uses) => in_ci = uses,
            Err(error) if configured.is_none() => return Err(error),
            Err(_) => {}
        }
    }
    let file_of = |name: EngineName| {
        found
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, p, _)| p.clone())
    };
    let (name, source, ci) = match (configured, in_ci.first()) {
        (Some(name), _) => {
            let ci = in_ci.iter().find(|u| u.tool == name).cloned();
            (name, config_source.to_string(), ci)
        }
        (None, Some(first)) => (first.tool, first.place.clone(), Some(first.clone())),
        (None, None) => match found.first() {
            Some((name, _, shown)) => (*name, shown.clone(), None),
            None => (EngineName::Herald, config_source.to_string(), None),
        },
    };
    let file = file_of(name);
    let mut also_found: Vec<String> = in_ci
        .iter()
        .filter(|u| Some(&u.place) != ci.as_ref().map(|c| &c.place))
        .map(|u| format!("{} ({})", u.place, u.tool.as_str()))
        .collect();
    also_found.extend(
        found
            .iter()
            .filter(|(n, _, _)| *n != name)
            .map(|(n, _, shown)| format!("{shown} ({})", n.as_str())),
    );
    Ok(Detected {
        name,
        file,
        source,
        also_found,
        ci,
    })
}

/// The marker's file and how to name it, when the marker holds.
fn present(files: &dyn Files, marker: Marker) -> Result<Option<(String, String)>, ConfigError> {
    match marker {
        Marker::File(name) => Ok(files
            .read(name)?
            .map(|_| (name.to_string(), name.to_string()))),
        Marker::JsonKey(name, key) => {
            let Some(text) = files.read(name)? else {
                return Ok(None);
            };
            let json: serde_json::Value = match serde_json::from_str(&text) {
                Ok(json) => json,
                Err(error) if text.contains(&format!("\"{key}\"")) => {
                    return Err(ConfigError {
                        path: name.into(),
                        line: error.line(),
                        column: error.column(),
                        message: format!(
                            "invalid JSON, and it may hold a release tool's configuration under \"{key}\": {}",
                            strip_position(&error.to_string())
                        ),
                    });
                }
                Err(_) => return Ok(None),
            };
            Ok(json
                .get(key)
                .is_some()
                .then(|| (name.to_string(), format!("{name} \"{key}\""))))
        }
        Marker::TomlTable(name, keys) => {
            let Some(text) = files.read(name)? else {
                return Ok(None);
            };
            let header = format!("[{}", keys.join("."));
            let table: toml::Table = match text.parse() {
                Ok(table) => table,
                Err(error) if text.contains(&header) => {
                    let error: toml::de::Error = error;
                    let at = error.span().map_or(0, |span| span.start);
                    return Err(ConfigError::at(
                        std::path::Path::new(name),
                        &text,
                        at,
                        format!(
                            "invalid TOML, and it holds [{}]: {}",
                            keys.join("."),
                            error.message().trim()
                        ),
                    ));
                }
                Err(_) => return Ok(None),
            };
            let mut item = table.get(keys[0]);
            for key in &keys[1..] {
                item = item.and_then(|item| item.get(key));
            }
            Ok(item
                .is_some_and(|item| item.is_table())
                .then(|| (name.to_string(), format!("{name} [{}]", keys.join(".")))))
        }
    }
}

/// serde_json's message without its ` at line L column C`, which the error carries.
fn strip_position(message: &str) -> &str {
    message
        .rsplit_once(" at line ")
        .map_or(message, |(text, _)| text)
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
        let present = |marker| present(&files, marker).unwrap();
        assert!(present(Marker::File("cog.toml")).is_some());
        assert!(present(Marker::File("cliff.toml")).is_none());
        let (_, shown) = present(Marker::JsonKey("package.json", "release")).unwrap();
        assert_eq!(shown, "package.json \"release\"");
        assert!(present(Marker::JsonKey("package.json", "version")).is_none());
        assert!(present(Marker::TomlTable("pyproject.toml", &["tool", "commitizen"])).is_none());
        let (_, shown) = present(Marker::TomlTable("pyproject.toml", &["tool", "black"])).unwrap();
        assert_eq!(shown, "pyproject.toml [tool.black]");
    }

    #[test]
    fn a_broken_file_that_names_a_tool_is_an_error() {
        let files =
            MemoryFiles::new([("package.json", "{ \"release\": { \"branches\": [main] } }")]);
        let error = detect(Some(&files), None, "defaults").unwrap_err();
        assert_eq!((error.line, error.column), (1, 29));
        assert!(error.message.contains("under \"release\""), "{error}");
        let files = MemoryFiles::new([("pyproject.toml", "[tool.commitizen]\nversion = 1.0.0\n")]);
        let error = detect(Some(&files), None, "defaults").unwrap_err();
        assert_eq!(error.line, 2, "{error}");
        assert!(error.message.contains("[tool.commitizen]"), "{error}");
        let unrelated = MemoryFiles::new([("package.json", "{ broken")]);
        assert_eq!(
            detect(Some(&unrelated), None, "defaults").unwrap().name,
            EngineName::Herald
        );
    }

    #[test]
    fn without_markers_herald_decides() {
        let detected = detect(None, None, "defaults").unwrap();
        assert_eq!(detected.name, EngineName::Herald);
        assert_eq!(detected.source, "defaults");
        let detected = detect(None, Some(EngineName::Herald), "herald.toml").unwrap();
        assert_eq!(detected.source, "herald.toml");
    }
}
