//! From commitizen's configuration file to [`Commitizen`]: the plugin's patterns and maps
//! (`cz_conventional_commits`, or `cz_customize` with its `[customize]` table), the
//! version scheme, the tag format and the current version from the version provider.

use std::path::Path;

use regex::Regex;

use super::notes::Layout;
use super::tree::{Field, Format, Node, Reader, Source, StringMap, read_tree, section};
use super::{ChangelogFile, Commitizen, MapRule, Scheme, VersionSource};
use crate::model::Bump;
use crate::model::ConfigError;
use crate::model::files::Files;

/// `defaults.BUMP_PATTERN`.
pub const BUMP_PATTERN: &str = r"^((BREAKING[\-\ ]CHANGE|\w+)(\(.+\))?!?):";
/// `defaults.BUMP_MAP`.
const BUMP_MAP: [(&str, &str); 6] = [
    (r"^.+!$", "MAJOR"),
    (r"^BREAKING[\-\ ]CHANGE", "MAJOR"),
    (r"^feat", "MINOR"),
    (r"^fix", "PATCH"),
    (r"^refactor", "PATCH"),
    (r"^perf", "PATCH"),
];
/// `ConventionalCommitsCz.commit_parser`.
const COMMIT_PARSER: &str = r"^((?P<change_type>feat|fix|refactor|perf|BREAKING CHANGE)(?:\((?P<scope>[^()\r\n]*)\)|\()?(?P<breaking>!)?|\w+!):\s(?P<message>.*)?";
/// `ConventionalCommitsCz.change_type_map`.
const CHANGE_TYPE_MAP: [(&str, &str); 4] = [
    ("feat", "Feat"),
    ("fix", "Fix"),
    ("refactor", "Refactor"),
    ("perf", "Perf"),
];
/// `defaults.CHANGE_TYPE_ORDER`.
const CHANGE_TYPE_ORDER: [&str; 5] = ["BREAKING CHANGE", "Feat", "Fix", "Refactor", "Perf"];
/// The version pattern commitizen's schemes put in place of `$version` in a tag format.
const VERSION_REGEX: &str = r"v?(?P<version>([0-9]+)\.([0-9]+)(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.]+)?(\w+)?)";

/// Reads commitizen's configuration from `file` (or its defaults when there is none).
pub fn load(files: &dyn Files, file: Option<&str>) -> Result<Commitizen, ConfigError> {
    let Some(path) = file else {
        return defaults(files);
    };
    let text = files.read(path)?.ok_or_else(|| {
        ConfigError::whole(
            Path::new(path),
            "cannot read commitizen's configuration: it is not there",
        )
    })?;
    from_text(path, &text, files)
}

/// Reads commitizen's configuration from a file's text; `shown` names the file (its
/// extension gives the format) and `files` hold the version providers' files.
pub fn from_text(shown: &str, text: &str, files: &dyn Files) -> Result<Commitizen, ConfigError> {
    let source = Source {
        shown: shown.to_string(),
        text: text.to_string(),
    };
    let format = Format::of(Path::new(shown))
        .ok_or_else(|| source.error(None, "not a TOML, JSON or YAML file"))?;
    let tree = read_tree(&source, format)?;
    let Some(section) = section(&tree, format) else {
        let wanted = match format {
            Format::Toml => "[tool.commitizen] table",
            Format::Json | Format::Yaml => "top-level `commitizen` key",
        };
        return Err(source.error(
            None,
            format!("has no {wanted}, so commitizen does not read it"),
        ));
    };
    if !matches!(section.value, Node::Table(_)) {
        return Err(source.field_error(section, "expected a table"));
    }
    let reader = Reader {
        source: &source,
        table: &section.value,
    };
    from_reader(&reader, section, files)
}

/// `engine = "commitizen"` without a configuration file: the default plugin, tags for the
/// current version.
fn defaults(files: &dyn Files) -> Result<Commitizen, ConfigError> {
    let source = Source {
        shown: "commitizen defaults".into(),
        text: String::new(),
    };
    let table = Node::Table(vec![Field {
        key: "version_provider".into(),
        value: Node::Str("scm".into()),
        offset: None,
    }]);
    let section = Field {
        key: "commitizen".into(),
        value: table.clone(),
        offset: None,
    };
    let reader = Reader {
        source: &source,
        table: &table,
    };
    from_reader(&reader, &section, files)
}

fn from_reader(
    reader: &Reader,
    section: &Field,
    files: &dyn Files,
) -> Result<Commitizen, ConfigError> {
    let source = reader.source;
    let scheme = match reader
        .string("version_scheme")?
        .or(reader.string("version_type")?)
    {
        None => Scheme::Pep440,
        Some(name) => Scheme::from_name(&name).ok_or_else(|| {
            field_error(
                reader,
                &["version_scheme", "version_type"],
                format!(
                    "unknown version scheme `{name}` (commitizen knows pep440, semver, semver2)"
                ),
            )
        })?,
    };
    let tag_format = reader
        .string("tag_format")?
        .unwrap_or_else(|| "$version".to_string());
    let tag_template = tag_template(&tag_format).ok_or_else(|| {
        field_error(
            reader,
            &["tag_format"],
            format!("herald reads tag formats built around `$version`; `{tag_format}` is not one"),
        )
    })?;
    let version = version_source(reader, section, files, scheme)?;
    let major_version_zero = reader.boolean("major_version_zero")?.unwrap_or(false);
    let prerelease_offset = match reader.integer("prerelease_offset")? {
        None => 0,
        Some(n) => u64::try_from(n)
            .map_err(|_| field_error(reader, &["prerelease_offset"], "must not be negative"))?,
    };
    let name = reader
        .string("name")?
        .unwrap_or_else(|| "cz_conventional_commits".into());
    let plugin = match name.as_str() {
        "cz_conventional_commits" => Plugin::conventional(),
        "cz_customize" => {
            let Some(custom) = reader.table("customize")? else {
                return Err(field_error(
                    reader,
                    &["name"],
                    "`cz_customize` needs a [tool.commitizen.customize] table (commitizen stops with MissingCzCustomizeConfigError)",
                ));
            };
            Plugin::customized(&custom)?
        }
        other => {
            return Err(field_error(
                reader,
                &["name"],
                format!(
                    "herald reproduces the rules of `cz_conventional_commits` and `cz_customize`, not `{other}`; set `engine = \"herald\"` in herald.toml to use herald's own rules"
                ),
            ));
        }
    };
    let type_map: Vec<(String, String)> = match reader.string_map("change_type_map")? {
        Some(map) => map
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect(),
        None => plugin.change_type_map.clone(),
    };
    let order = match reader.strings("change_type_order")? {
        Some(order) => order,
        None => plugin.change_type_order.clone(),
    };
    let mut seen = std::collections::HashSet::new();
    if let Some(duplicate) = order.iter().find(|kind| !seen.insert(kind.as_str())) {
        return Err(field_error(
            reader,
            &["change_type_order"],
            format!(
                "`{duplicate}` is listed twice (commitizen stops with InvalidConfigurationError)"
            ),
        ));
    }
    let (pattern_text, pattern_field) = plugin.bump_pattern;
    let bump_pattern = compile(
        source,
        pattern_field.as_ref(),
        "bump_pattern",
        &pattern_text,
        "",
    )?;
    if bump_pattern.captures_len() < 2 {
        return Err(located(
            source,
            pattern_field.as_ref(),
            "bump_pattern",
            "needs a group: commitizen maps what the first group captured",
        ));
    }
    let (changelog_text, changelog_field) = plugin.changelog_pattern;
    let (parser_text, parser_field) = plugin.commit_parser;
    let layout = Layout {
        pattern: compile(
            source,
            changelog_field.as_ref(),
            "changelog_pattern",
            &changelog_text,
            "",
        )?,
        header: compile(
            source,
            parser_field.as_ref(),
            "commit_parser",
            &parser_text,
            "m",
        )?,
        paragraph: compile(
            source,
            parser_field.as_ref(),
            "commit_parser",
            &parser_text,
            "ms",
        )?,
        type_map,
        order,
        heading_version: heading_regex(&tag_format).map_err(|e| {
            field_error(
                reader,
                &["tag_format"],
                format!("cannot be searched for: {e}"),
            )
        })?,
    };
    Ok(Commitizen {
        scheme,
        tag_template,
        version,
        major_version_zero,
        bump_pattern,
        bump_map: compile_map(source, plugin.bump_map)?,
        bump_map_zero: compile_map(source, plugin.bump_map_zero)?,
        prerelease_offset,
        layout,
        changelog: changelog_file(reader, files)?,
        unsupported: unsupported(reader),
    })
}

/// `changelog_file` (CHANGELOG.md) as the previewed revision holds it.
fn changelog_file(reader: &Reader, files: &dyn Files) -> Result<ChangelogFile, ConfigError> {
    let path = reader
        .string("changelog_file")
        .ok()
        .flatten()
        .unwrap_or_else(|| "CHANGELOG.md".to_string());
    let text = files.read(&path).ok().flatten();
    Ok(ChangelogFile { path, text })
}

/// The options herald does not reproduce, named for a warning.
fn unsupported(reader: &Reader) -> Vec<String> {
    let mut found = Vec::new();
    if reader.string("template").ok().flatten().is_some() {
        found.push("`template` (herald writes the default layout)".to_string());
    }
    if let Some(format) = reader.string("changelog_format").ok().flatten() {
        if format != "markdown" {
            found.push(format!(
                "`changelog_format = \"{format}\"` (herald writes markdown)"
            ));
        }
    }
    for key in ["legacy_tag_formats", "ignored_tag_formats"] {
        if reader
            .strings(key)
            .ok()
            .flatten()
            .is_some_and(|list| !list.is_empty())
        {
            found.push(format!("`{key}` (herald reads tags in `tag_format` only)"));
        }
    }
    if reader.boolean("changelog_merge_prerelease").ok().flatten() == Some(true) {
        found.push(
            "`changelog_merge_prerelease` (herald writes the release's own section)".to_string(),
        );
    }
    found
}

/// A pattern or map as written, with the field it came from (for errors).
type Written<T> = (T, Option<Field>);

/// What the commitizen plugin (`name`) brings: its patterns and maps.
struct Plugin {
    bump_pattern: Written<String>,
    bump_map: Written<StringMap>,
    bump_map_zero: Written<StringMap>,
    commit_parser: Written<String>,
    changelog_pattern: Written<String>,
    change_type_map: Vec<(String, String)>,
    change_type_order: Vec<String>,
}

fn owned(pairs: &[(&str, &str)]) -> StringMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect()
}

/// A bump map with MAJOR demoted to MINOR (`defaults.BUMP_MAP_MAJOR_VERSION_ZERO`, and
/// what `cz_customize` derives when only `bump_map` is given).
fn demoted(map: &[(String, Option<String>)]) -> StringMap {
    map.iter()
        .map(|(k, v)| {
            let v = match v.as_deref() {
                Some("MAJOR") => Some("MINOR".to_string()),
                _ => v.clone(),
            };
            (k.clone(), v)
        })
        .collect()
}

impl Plugin {
    /// `cz_conventional_commits`.
    fn conventional() -> Plugin {
        Plugin {
            bump_pattern: (BUMP_PATTERN.into(), None),
            bump_map: (owned(&BUMP_MAP), None),
            bump_map_zero: (demoted(&owned(&BUMP_MAP)), None),
            commit_parser: (COMMIT_PARSER.into(), None),
            changelog_pattern: (BUMP_PATTERN.into(), None),
            change_type_map: CHANGE_TYPE_MAP
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            change_type_order: CHANGE_TYPE_ORDER.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// `cz_customize`: each setting of `[customize]` that is set replaces the base one
    /// (whose commit parser takes the whole subject and whose changelog takes every commit).
    fn customized(custom: &Reader) -> Result<Plugin, ConfigError> {
        let string = |key: &str| -> Result<Option<Written<String>>, ConfigError> {
            Ok(custom
                .string(key)?
                .map(|value| (value, custom.field(key).cloned())))
        };
        let map = |key: &str| -> Result<Option<Written<StringMap>>, ConfigError> {
            Ok(custom
                .string_map(key)?
                .map(|value| (value, custom.field(key).cloned())))
        };
        let bump_map = map("bump_map")?;
        let bump_map_zero = match (map("bump_map_major_version_zero")?, &bump_map) {
            (Some(zero), _) => zero,
            (None, Some((map, field))) => (demoted(map), field.clone()),
            (None, None) => (demoted(&owned(&BUMP_MAP)), None),
        };
        Ok(Plugin {
            bump_pattern: string("bump_pattern")?.unwrap_or((BUMP_PATTERN.into(), None)),
            bump_map: bump_map.unwrap_or((owned(&BUMP_MAP), None)),
            bump_map_zero,
            commit_parser: string("commit_parser")?.unwrap_or(("(?P<message>.*)".into(), None)),
            changelog_pattern: string("changelog_pattern")?.unwrap_or((".*".into(), None)),
            change_type_map: custom
                .string_map("change_type_map")?
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, v.unwrap_or_default()))
                .collect(),
            change_type_order: custom
                .strings("change_type_order")?
                .unwrap_or_else(|| CHANGE_TYPE_ORDER.iter().map(|s| s.to_string()).collect()),
        })
    }
}

/// Compiles a Python regular expression as `re.match` uses it (anchored at the start),
/// with `flags` (`m`, `s`).
fn compile(
    source: &Source,
    field: Option<&Field>,
    key: &str,
    pattern: &str,
    flags: &str,
) -> Result<Regex, ConfigError> {
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!("(?{flags})")
    };
    let anchored = if key == "bump_pattern" {
        // `bump_pattern` is searched (`re.search`), not matched.
        format!("{flags}(?:{pattern})")
    } else {
        format!(r"{flags}\A(?:{pattern})")
    };
    Regex::new(&anchored).map_err(|e| {
        located(
            source,
            field,
            key,
            format!(
                "herald cannot use this regular expression: {}",
                first_line(&e.to_string())
            ),
        )
    })
}

fn first_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| text.lines().next().unwrap_or(""))
        .to_string()
}

fn compile_map(
    source: &Source,
    (map, field): Written<StringMap>,
) -> Result<Vec<MapRule>, ConfigError> {
    map.into_iter()
        .map(|(pattern, value)| {
            let bump = match value.as_deref() {
                None => Bump::None,
                Some("MAJOR") => Bump::Major,
                Some("MINOR") => Bump::Minor,
                Some("PATCH") => Bump::Patch,
                Some(other) => {
                    return Err(located(
                        source,
                        field.as_ref(),
                        "bump_map",
                        format!(
                            "`{pattern}` = `{other}`: the increment must be MAJOR, MINOR or PATCH"
                        ),
                    ));
                }
            };
            let regex = compile(source, field.as_ref(), "bump_map", &pattern, "")?;
            Ok(MapRule {
                pattern,
                regex,
                bump,
            })
        })
        .collect()
}

fn located(
    source: &Source,
    field: Option<&Field>,
    key: &str,
    message: impl std::fmt::Display,
) -> ConfigError {
    match field {
        Some(field) => source.field_error(field, message),
        None => source.error(None, format!("`{key}`: {message}")),
    }
}

/// An error about the first of `keys` that is written in the table.
fn field_error(reader: &Reader, keys: &[&str], message: impl std::fmt::Display) -> ConfigError {
    match keys.iter().find_map(|k| reader.field(k)) {
        Some(field) => reader.source.field_error(field, message),
        None => reader
            .source
            .error(None, format!("`{}`: {message}", keys[0])),
    }
}

/// `tag_format` as herald's template: `v$version` → `v{version}`.
fn tag_template(format: &str) -> Option<String> {
    let mut template = format
        .replace("${version}", "{version}")
        .replace("$version", "{version}");
    if !template.contains("{version}") {
        for full in [
            "$major.$minor.$patch$prerelease",
            "${major}.${minor}.${patch}${prerelease}",
            "$major.$minor.$patch",
            "${major}.${minor}.${patch}",
        ] {
            if template.contains(full) {
                template = template.replacen(full, "{version}", 1);
                break;
            }
        }
    }
    (template.matches("{version}").count() == 1 && !template.contains('$')).then_some(template)
}

/// The regex commitizen builds from `tag_format` to find versions in headings
/// (`TagRules.search_version`): the format, unescaped, with `$version` and friends
/// replaced by their patterns.
fn heading_regex(format: &str) -> Result<Regex, regex::Error> {
    let parts = [
        ("version", VERSION_REGEX),
        ("major", r"(?P<major>\d+)"),
        ("minor", r"(?P<minor>\d+)"),
        ("patch", r"(?P<patch>\d+)"),
        ("prerelease", r"(?P<prerelease>\w+(?:\.\w+)*)?"),
        ("devrelease", r"(?P<devrelease>\.?dev\d+)?"),
    ];
    let mut pattern = format.to_string();
    for (name, regex) in parts {
        pattern = pattern.replace(&format!("${name}"), regex);
    }
    for (name, regex) in parts {
        pattern = pattern.replace(&format!("${{{name}}}"), regex);
    }
    Regex::new(&pattern)
}

/// The current version, as the configured `version_provider` reads it.
fn version_source(
    reader: &Reader,
    section: &Field,
    files: &dyn Files,
    scheme: Scheme,
) -> Result<VersionSource, ConfigError> {
    let source = reader.source;
    let provider = reader
        .string("version_provider")?
        .unwrap_or_else(|| "commitizen".into());
    let parse = |text: &str, place: ConfigError| -> Result<VersionSource, ConfigError> {
        scheme.parse(text).map(VersionSource::Recorded).ok_or_else(|| ConfigError {
            message: format!("`{text}` is not a version commitizen's {scheme:?} scheme reads (or herald cannot hold it)"),
            ..place
        })
    };
    let whole = |file: &str, message: String| ConfigError::whole(Path::new(file), message);
    match provider.as_str() {
        "scm" => Ok(VersionSource::Tags),
        "commitizen" => match reader.field("version") {
            Some(field) => match &field.value {
                Node::Str(text) if !text.is_empty() => {
                    parse(text, source.error(field.offset, ""))
                }
                other => Err(source.field_error(
                    field,
                    format!("expected a version string, found {other:?}"),
                )),
            },
            None => Err(source.error(
                section.offset,
                "no `version`: `cz bump` stops with NO_VERSION_SPECIFIED; add `version = \"0.1.0\"` (the current version), or `version_provider = \"scm\"` to read it from tags",
            )),
        },
        "pep621" | "uv" => {
            let text = provider_file(files, "pyproject.toml")?;
            let value = toml_path(&text, &["project", "version"])
                .ok_or_else(|| whole("pyproject.toml", format!("no [project] version for version_provider = \"{provider}\"")))?;
            parse(&value, whole("pyproject.toml", String::new()))
        }
        "poetry" => {
            let text = provider_file(files, "pyproject.toml")?;
            let value = toml_path(&text, &["tool", "poetry", "version"]).ok_or_else(|| {
                whole("pyproject.toml", "no [tool.poetry] version for version_provider = \"poetry\"".into())
            })?;
            parse(&value, whole("pyproject.toml", String::new()))
        }
        "cargo" => {
            let text = provider_file(files, "Cargo.toml")?;
            let table: toml::Table = text
                .parse()
                .map_err(|e: toml::de::Error| {
                    let at = e.span().map_or(0, |span| span.start);
                    ConfigError::at(Path::new("Cargo.toml"), &text, at, format!("invalid TOML: {}", e.message()))
                })?;
            let path: &[&str] = if table.contains_key("workspace") {
                &["workspace", "package", "version"]
            } else {
                &["package", "version"]
            };
            let value = toml_path(&text, path).ok_or_else(|| {
                whole("Cargo.toml", format!("no [{}] version for version_provider = \"cargo\"", path[..path.len() - 1].join(".")))
            })?;
            parse(&value, whole("Cargo.toml", String::new()))
        }
        "npm" | "composer" => {
            let file = if provider == "npm" { "package.json" } else { "composer.json" };
            let text = provider_file(files, file)?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| ConfigError {
                    path: Path::new(file).to_path_buf(),
                    line: e.line(),
                    column: e.column(),
                    message: "invalid JSON".into(),
                })?;
            let value = json
                .get("version")
                .and_then(|v| v.as_str())
                .ok_or_else(|| whole(file, format!("no \"version\" for version_provider = \"{provider}\"")))?;
            parse(value, whole(file, String::new()))
        }
        other => Err(field_error(
            reader,
            &["version_provider"],
            format!("herald does not read versions through the `{other}` provider (it reads commitizen, scm, pep621, uv, poetry, cargo, npm, composer)"),
        )),
    }
}

fn provider_file(files: &dyn Files, name: &str) -> Result<String, ConfigError> {
    files.read(name)?.ok_or_else(|| {
        ConfigError::whole(
            Path::new(name),
            "cannot read it for commitizen's version provider: it is not there",
        )
    })
}

fn toml_path(text: &str, path: &[&str]) -> Option<String> {
    let table: toml::Table = text.parse().ok()?;
    let mut value = table.get(path[0])?;
    for key in &path[1..] {
        value = value.get(key)?;
    }
    value.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_templates() {
        assert_eq!(tag_template("$version").as_deref(), Some("{version}"));
        assert_eq!(tag_template("v$version").as_deref(), Some("v{version}"));
        assert_eq!(tag_template("v${version}").as_deref(), Some("v{version}"));
        assert_eq!(
            tag_template("pkg-$major.$minor.$patch$prerelease").as_deref(),
            Some("pkg-{version}")
        );
        assert_eq!(tag_template("$major.$minor"), None);
        assert_eq!(tag_template("release"), None);
    }

    #[test]
    fn heading_regex_needs_the_prefix() {
        let v = heading_regex("v$version").unwrap();
        assert!(v.is_match("v1.4.2 (2024-01-01)"));
        assert!(!v.is_match("1.4.2 (2024-01-01)"));
        assert!(heading_regex("$version").unwrap().is_match("[1.0.0] - x"));
    }
}
