//! Version files: where a file writes its version, and the same file with another version
//! in those places and every other byte left as it was (formatting, comments, key order).

use std::ops::Range;

use regex::Regex;

/// How a file holds its version, known from its name or given as a regex.
#[derive(Debug, Clone)]
pub enum Kind {
    /// The top-level `"version"` of a `package.json`.
    PackageJson,
    /// `[package] version` and `[workspace.package] version`; `version.workspace = true`
    /// inherits and is left alone.
    CargoToml,
    /// `[project] version` (PEP 621) and `[tool.poetry] version`.
    PyProject,
    /// A `VERSION` file holding the version alone.
    Plain,
    /// Every match of a regex, in its `version` group.
    Pattern(Regex),
}

impl Kind {
    /// The kind for a configured path (its file name decides) or pattern; `None` when the
    /// name is not one herald knows and there is no pattern.
    pub fn of(path: &str, pattern: Option<&str>) -> Option<Kind> {
        if let Some(pattern) = pattern {
            return Regex::new(pattern).ok().map(Kind::Pattern);
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        match name {
            "package.json" => Some(Kind::PackageJson),
            "Cargo.toml" => Some(Kind::CargoToml),
            "pyproject.toml" => Some(Kind::PyProject),
            "VERSION" => Some(Kind::Plain),
            _ => None,
        }
    }
}

/// Why a version file cannot be read or a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct VersionFileError(pub String);

/// Whether a configured pattern compiles and has a `version` group.
pub fn check_pattern(pattern: &str) -> Result<(), VersionFileError> {
    let regex = Regex::new(pattern).map_err(|e| {
        let detail = e.to_string();
        let last = detail.lines().last().unwrap_or("").trim().to_string();
        VersionFileError(format!("`{pattern}` is not a valid regex: {last}"))
    })?;
    if !regex.capture_names().flatten().any(|n| n == "version") {
        return Err(VersionFileError(format!(
            "`{pattern}` has no `version` group; name the part that holds the version, e.g. `VERSION = \"(?<version>[^\"]+)\"`"
        )));
    }
    Ok(())
}

/// One place a file writes its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// Where, for people: `"version"`, `[package] version`, `line 3`.
    pub label: String,
    /// The version's bytes in the file (without quotes).
    pub span: Range<usize>,
    pub value: String,
}

/// Where `text` writes its version. Empty when it declares none (or inherits it, like a
/// Cargo workspace member); an error when the file cannot be read as its kind.
pub fn spots(kind: &Kind, text: &str) -> Result<Vec<Spot>, VersionFileError> {
    let found = match kind {
        Kind::PackageJson => json_version(text)?
            .into_iter()
            .map(|span| spot("\"version\"", span, text))
            .collect(),
        Kind::CargoToml => toml_versions(text, &[&["package"], &["workspace", "package"]])?,
        Kind::PyProject => toml_versions(text, &[&["project"], &["tool", "poetry"]])?,
        Kind::Plain => plain_version(text)
            .into_iter()
            .map(|span| spot("content", span, text))
            .collect(),
        Kind::Pattern(regex) => regex
            .captures_iter(text)
            .filter_map(|c| c.name("version"))
            .map(|m| {
                let line = text[..m.start()].matches('\n').count() + 1;
                spot(&format!("line {line}"), m.range(), text)
            })
            .collect(),
    };
    Ok(found)
}

fn spot(label: &str, span: Range<usize>, text: &str) -> Spot {
    Spot {
        label: label.to_string(),
        value: text[span.clone()].to_string(),
        span,
    }
}

/// `text` with `version` written at every spot.
pub fn rewrite(text: &str, spots: &[Spot], version: &str) -> String {
    let mut ordered: Vec<&Spot> = spots.iter().collect();
    ordered.sort_by_key(|s| std::cmp::Reverse(s.span.start));
    let mut out = text.to_string();
    for spot in ordered {
        out.replace_range(spot.span.clone(), version);
    }
    out
}

/// Whether a `Cargo.toml` takes its version from the workspace (`version.workspace = true`
/// or `version = { workspace = true }` under `[package]`).
pub fn inherits_workspace_version(text: &str) -> bool {
    let Ok(document) = text.parse::<toml_edit::Document<String>>() else {
        return false;
    };
    document
        .get("package")
        .and_then(|package| package.get("version"))
        .and_then(|version| version.get("workspace"))
        .and_then(|workspace| workspace.as_bool())
        .unwrap_or(false)
}

/// The text of a plain `VERSION` file, without surrounding whitespace.
fn plain_version(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    (start < end).then_some(start..end)
}

/// The `version` string of each of `tables` that has one, found through toml_edit's spans
/// so that only the string's characters change.
fn toml_versions(text: &str, tables: &[&[&str]]) -> Result<Vec<Spot>, VersionFileError> {
    let document = text
        .parse::<toml_edit::Document<String>>()
        .map_err(|e| VersionFileError(format!("not valid TOML: {}", e.message())))?;
    let mut found = Vec::new();
    for path in tables {
        let mut item = document.as_item();
        for key in *path {
            match item.get(key) {
                Some(next) => item = next,
                None => break,
            }
        }
        let Some(value) = item.get("version").and_then(|v| v.as_value()) else {
            continue;
        };
        let (Some(_), Some(span)) = (value.as_str(), value.span()) else {
            continue;
        };
        let raw = &text[span.clone()];
        if raw.starts_with("\"\"\"") || raw.starts_with("'''") || raw.len() < 2 {
            return Err(VersionFileError(format!(
                "[{}] version is a multi-line string; write it on one line",
                path.join(".")
            )));
        }
        let inner = span.start + 1..span.end - 1;
        found.push(spot(&format!("[{}] version", path.join(".")), inner, text));
    }
    Ok(found)
}

/// The span of the top-level `"version"` string's characters in a JSON object. The JSON is
/// checked with serde_json first, so the scan below only has to find its way.
fn json_version(text: &str) -> Result<Option<Range<usize>>, VersionFileError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| VersionFileError(format!("not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(VersionFileError("not a JSON object".into()));
    }
    let bytes = text.as_bytes();
    let mut at = skip_space(
        bytes,
        text.len() - text.trim_start_matches('\u{feff}').len(),
    );
    at += 1; // `{`
    loop {
        at = skip_space(bytes, at);
        if bytes.get(at) != Some(&b'"') {
            return Ok(None);
        }
        let key_end = string_end(bytes, at);
        let key = &text[at + 1..key_end - 1];
        at = skip_space(bytes, key_end) + 1; // `:`
        at = skip_space(bytes, at);
        let value_end = value_end(bytes, at);
        if key == "version" && bytes[at] == b'"' {
            return Ok(Some(at + 1..value_end - 1));
        }
        at = skip_space(bytes, value_end);
        if bytes.get(at) != Some(&b',') {
            return Ok(None);
        }
        at += 1;
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The index just past the string that starts at `at` (its opening quote).
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    at += 1;
    while let Some(byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    at
}

/// The index just past the value that starts at `at`.
fn value_end(bytes: &[u8], mut at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => string_end(bytes, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            while let Some(byte) = bytes.get(at) {
                match byte {
                    b'"' => {
                        at = string_end(bytes, at);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
            at
        }
        _ => {
            while bytes
                .get(at)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                at += 1;
            }
            at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(kind: &Kind, text: &str, version: &str) -> String {
        let found = spots(kind, text).unwrap();
        assert!(!found.is_empty(), "no version in {text}");
        rewrite(text, &found, version)
    }

    #[test]
    fn package_json_changes_only_the_top_level_version() {
        let text = "{\n    \"name\": \"app\",\n  \"config\": {\"version\": \"9.9.9\", \"a\": [1, {\"b\": \"}\"}]},\n  \"version\" :  \"1.2.0\",\n  \"dependencies\": { \"ui\": \"1.2.0\" }\n}\n";
        let found = spots(&Kind::PackageJson, text).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, "1.2.0");
        assert_eq!(
            rewrite(text, &found, "1.3.0"),
            text.replace("\"version\" :  \"1.2.0\"", "\"version\" :  \"1.3.0\"")
        );
        assert_eq!(
            spots(&Kind::PackageJson, "{\"private\": true}").unwrap(),
            []
        );
        assert!(spots(&Kind::PackageJson, "{\"version\": ").is_err());
    }

    #[test]
    fn cargo_toml_keeps_comments_and_inherited_versions() {
        let text = "[package]\nname = \"x\"\nversion = \"0.4.1\" # bumped by herald\nedition = \"2021\"\n\n[dependencies]\nserde = { version = \"1.0.0\" }\n";
        assert_eq!(
            bump(&Kind::CargoToml, text, "0.5.0"),
            text.replace("0.4.1", "0.5.0")
        );
        let member = "[package]\nname = \"y\"\nversion.workspace = true\n";
        assert_eq!(spots(&Kind::CargoToml, member).unwrap(), []);
        assert!(inherits_workspace_version(member));
        assert!(inherits_workspace_version(
            "[package]\nversion = { workspace = true }\n"
        ));
        assert!(!inherits_workspace_version(
            "[package]\nname = \"z\"\n[dependencies]\nserde.workspace = true\n"
        ));
        let root = "[workspace]\nmembers = [\"a\"]\n\n[workspace.package]\nversion = '2.0.0'\n";
        let found = spots(&Kind::CargoToml, root).unwrap();
        assert_eq!(found[0].label, "[workspace.package] version");
        assert_eq!(
            rewrite(root, &found, "2.1.0"),
            root.replace("2.0.0", "2.1.0")
        );
    }

    #[test]
    fn pyproject_project_and_poetry() {
        let text =
            "[project]\nname = \"x\"\nversion = \"1.0.0\"\n\n[tool.poetry]\nversion = \"1.0.0\"\n";
        let found = spots(&Kind::PyProject, text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(
            rewrite(text, &found, "1.1.0"),
            text.replace("1.0.0", "1.1.0")
        );
    }

    #[test]
    fn plain_and_pattern_files() {
        assert_eq!(bump(&Kind::Plain, "1.0.0\n", "1.0.1"), "1.0.1\n");
        assert_eq!(spots(&Kind::Plain, "\n").unwrap(), []);
        let kind = Kind::of("src/version.ts", Some(r#"VERSION = "(?<version>[^"]+)""#)).unwrap();
        let text = "// generated\nexport const VERSION = \"1.0.0\";\n";
        let found = spots(&kind, text).unwrap();
        assert_eq!(found[0].label, "line 2");
        assert_eq!(
            rewrite(text, &found, "2.0.0"),
            text.replace("1.0.0", "2.0.0")
        );
    }

    #[test]
    fn patterns_need_a_version_group() {
        assert!(check_pattern(r#"v(?<version>\d+\.\d+\.\d+)"#).is_ok());
        assert!(
            check_pattern(r"v(\d+)")
                .unwrap_err()
                .0
                .contains("no `version` group")
        );
        assert!(
            check_pattern(r"v(")
                .unwrap_err()
                .0
                .contains("not a valid regex")
        );
        assert!(Kind::of("setup.cfg", None).is_none());
        assert!(matches!(
            Kind::of("packages/ui/package.json", None),
            Some(Kind::PackageJson)
        ));
    }
}
