//! `release-please-config.json` and `.release-please-manifest.json`, read as release-please
//! 17.11.2 reads them: top-level options are the defaults of every package, a package's own
//! options win (`mergeReleaserConfig`), and the manifest records each package's current
//! version. A package with no version in the manifest has never been released.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use semver::Version;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::notes::{Section, default_sections};
use crate::model::files::Files;
use crate::model::version::TagFormat;
use crate::model::{ConfigError, Warning};

pub const CONFIG_FILE: &str = "release-please-config.json";
pub const MANIFEST_FILE: &str = ".release-please-manifest.json";

/// How the next version follows from the commits (`versioning`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Versioning {
    Default,
    AlwaysBumpPatch,
    AlwaysBumpMinor,
    AlwaysBumpMajor,
    /// `prerelease` (`PrereleaseVersioningStrategy`): the last number of an existing
    /// pre-release counts up, zero-padding kept; otherwise the usual bump with
    /// `prerelease-type` appended. Without `prerelease: true` the pre-release part is
    /// dropped from the answer.
    Prerelease {
        keep: bool,
        kind: Option<String>,
    },
}

/// One package of the manifest, with its options resolved.
#[derive(Debug, Clone)]
pub struct Package {
    /// Its path in the repository, `.` for the root.
    pub path: String,
    /// What herald calls it: the component, else the path (the repository for `.`).
    pub name: Option<String>,
    /// The component its tags carry (empty: none).
    pub component: String,
    pub release_type: String,
    pub bump_minor_pre_major: bool,
    pub bump_patch_for_minor_pre_major: bool,
    pub versioning: Versioning,
    pub sections: Vec<Section>,
    pub changelog_host: String,
    pub release_as: Option<Version>,
    /// The first version (`initial-version`, or the release type's own).
    pub initial_version: Version,
    pub exclude_paths: Vec<String>,
    pub format: TagFormat,
    /// The version the manifest records.
    pub version: Option<Version>,
}

/// Everything release-please's configuration says, and what is worth warning about.
#[derive(Debug, Clone)]
pub struct Settings {
    pub packages: Vec<Package>,
    /// Whether a manifest records the versions (the manifest releaser); without one
    /// (the action's `release-type`, the GitHub App) the latest release tag does.
    pub manifest: bool,
    pub last_release_sha: Option<String>,
    pub bootstrap_sha: Option<String>,
    /// Said with the first package's forecast.
    pub warnings: Vec<Warning>,
}

/// Release types release-please knows (its `factory.js`).
const RELEASE_TYPES: &[&str] = &[
    "bazel",
    "dart",
    "dotnet-yoshi",
    "elixir",
    "expo",
    "go",
    "go-librarian",
    "go-yoshi",
    "helm",
    "java",
    "java-backport",
    "java-bom",
    "java-lts",
    "java-yoshi",
    "java-yoshi-mono-repo",
    "krm-blueprint",
    "maven",
    "node",
    "node-librarian",
    "ocaml",
    "php",
    "php-librarian",
    "php-yoshi",
    "python",
    "python-librarian",
    "r",
    "ruby",
    "ruby-librarian",
    "ruby-yoshi",
    "rust",
    "salesforce",
    "sfdx",
    "simple",
    "terraform-module",
];

/// Options a package (or the top level, as defaults) may set.
const OPTION_KEYS: &[&str] = &[
    "always-update",
    "bump-minor-pre-major",
    "bump-patch-for-minor-pre-major",
    "changelog-host",
    "changelog-path",
    "changelog-sections",
    "changelog-type",
    "component",
    "component-no-space",
    "date-format",
    "draft",
    "draft-pull-request",
    "exclude-paths",
    "extra-files",
    "extra-label",
    "force-tag-creation",
    "include-commit-authors",
    "include-component-in-tag",
    "include-v-in-release-name",
    "include-v-in-tag",
    "initial-version",
    "label",
    "package-name",
    "prerelease",
    "prerelease-type",
    "pull-request-footer",
    "pull-request-header",
    "pull-request-title-pattern",
    "release-as",
    "release-label",
    "release-type",
    "separate-pull-requests",
    "skip-changelog",
    "skip-github-release",
    "skip-snapshot",
    "snapshot-label",
    "tag-separator",
    "version-file",
    "versioning",
];

/// Keys only the top level has.
const TOP_KEYS: &[&str] = &[
    "$schema",
    "always-link-local",
    "bootstrap-sha",
    "commit-batch-size",
    "commit-search-depth",
    "group-pull-request-title-pattern",
    "last-release-sha",
    "packages",
    "plugins",
    "release-search-depth",
    "sequential-calls",
    "signoff",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawOptions {
    release_type: Option<String>,
    bump_minor_pre_major: Option<bool>,
    bump_patch_for_minor_pre_major: Option<bool>,
    versioning: Option<String>,
    changelog_sections: Option<Vec<RawSection>>,
    changelog_host: Option<String>,
    changelog_type: Option<String>,
    #[serde(default, deserialize_with = "optional_version")]
    release_as: Option<Version>,
    component: Option<String>,
    package_name: Option<String>,
    include_component_in_tag: Option<bool>,
    include_v_in_tag: Option<bool>,
    tag_separator: Option<String>,
    #[serde(default, deserialize_with = "optional_version")]
    initial_version: Option<Version>,
    exclude_paths: Option<Vec<String>>,
    prerelease: Option<bool>,
    prerelease_type: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct RawSection {
    #[serde(rename = "type")]
    kind: String,
    section: Option<String>,
    #[serde(default)]
    hidden: bool,
    scope: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawTop {
    #[serde(default)]
    packages: Ordered<RawOptions>,
    last_release_sha: Option<String>,
    bootstrap_sha: Option<String>,
}

/// release-please run without a manifest, as the action runs it with `release-type` and
/// the GitHub App with `.github/release-please.yml` (`Manifest.fromConfig`): one package
/// at `path`, its current version the highest release tag without a component (unless
/// `include-component-in-tag`), HEAD reaches; the release type's notes. `inputs` are the
/// action's (`release-type`, …) or the App's (`releaseType`, …); `place` names them.
pub fn from_inputs(
    files: &dyn Files,
    inputs: &BTreeMap<String, String>,
    place: &str,
) -> Result<Settings, ConfigError> {
    let get = |keys: &[&str]| keys.iter().find_map(|k| inputs.get(*k)).cloned();
    let flag = |keys: &[&str]| get(keys).map(|v| v == "true");
    let options = RawOptions {
        release_type: get(&["release-type", "releaseType"]),
        bump_minor_pre_major: flag(&["bump-minor-pre-major", "bumpMinorPreMajor"]),
        bump_patch_for_minor_pre_major: flag(&[
            "bump-patch-for-minor-pre-major",
            "bumpPatchForMinorPreMajor",
        ]),
        changelog_host: get(&["changelog-host", "changelogHost"]),
        package_name: get(&["package-name", "packageName"]),
        // Without a manifest release-please matches and writes tags without a component
        // unless told otherwise (`tagMatchesConfig` with `includeComponentInTag` unset).
        include_component_in_tag: Some(
            flag(&["include-component-in-tag", "monorepoTags"]).unwrap_or(false),
        ),
        ..RawOptions::default()
    };
    let path = get(&["path"]).map_or(".".to_string(), |p| normalize_path(&p));
    let path = if path.is_empty() {
        ".".to_string()
    } else {
        path
    };
    let mut warnings = Vec::new();
    warnings.extend(component_in_tag_warning(files, inputs, &path, place));
    let package = package(files, &path, options, None, &mut warnings)?;
    for (key, value) in inputs {
        if !INPUT_KEYS.contains(&key.as_str()) {
            warnings.push(format!(
                "{place}: `{key}: {value}` is not reproduced; herald previews release-please's defaults for it"
            ));
        }
    }
    Ok(Settings {
        packages: vec![package],
        manifest: false,
        last_release_sha: None,
        bootstrap_sha: None,
        warnings: warnings.into_iter().map(Warning::not_reproduced).collect(),
    })
}

/// release-please-action passes `include-component-in-tag` only when the workflow sets
/// it; unset, the strategy's default (true) gives the package a component (a `node`
/// package's `package.json` name) while the version is looked up among tags without one
/// (`tagMatchesConfig`): release-please then finds no release under the component's tag,
/// counts every commit, and tags with the component. herald previews the tags without
/// it. The GitHub App always passes the flag (`!!monorepoTags`).
fn component_in_tag_warning(
    files: &dyn Files,
    inputs: &BTreeMap<String, String>,
    path: &str,
    place: &str,
) -> Option<String> {
    let release_type = inputs.get("release-type")?;
    if inputs.contains_key("include-component-in-tag") {
        return None;
    }
    let name = inputs.get("package-name").map(String::as_str);
    let component = default_component(files, path, release_type, name, &mut Vec::new());
    (!component.is_empty()).then(|| format!(
        "{place}: without `include-component-in-tag`, release-please names this package `{component}`: it finds the current version from a tag without the component, then looks for that release under `{component}-v…`, finds none, counts every commit and tags `{component}-v…`; herald counts from the tag it found and tags without the component (set `include-component-in-tag: false` in the workflow to make CI do the same)"
    ))
}

/// Inputs and App keys that either shape the release or cannot change it.
const INPUT_KEYS: &[&str] = &[
    "release-type",
    "releaseType",
    "bump-minor-pre-major",
    "bumpMinorPreMajor",
    "bump-patch-for-minor-pre-major",
    "bumpPatchForMinorPreMajor",
    "changelog-host",
    "changelogHost",
    "package-name",
    "packageName",
    "include-component-in-tag",
    "monorepoTags",
    "path",
    // Where release-please writes, or how it talks to GitHub: no effect on the release.
    "token",
    "target-branch",
    "primaryBranch",
    "skip-github-release",
    "skip-github-pull-request",
    "handleGHRelease",
    "changelogPath",
    "versionFile",
    "fork",
    "repo-url",
    "github-api-url",
    "github-graphql-url",
    "proxy-server",
    "config-file",
    "manifest-file",
];

/// A JSON object read in its order (JavaScript keeps insertion order).
#[derive(Debug, Clone)]
struct Ordered<T>(Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    entries.retain(|(k, _): &(String, T)| *k != key);
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// A version as release-please's `Version.parse` reads it.
/// A manifest's version, and the text it was read from.
struct RpVersion(Version, String);

impl<'de> Deserialize<'de> for RpVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_version(&text)
            .map(|version| RpVersion(version, text))
            .map_err(de::Error::custom)
    }
}

/// A numeric pre-release identifier with leading zeros (`beta.01`): release-please's
/// `Version.parse` reads it and its `prerelease` versioning keeps the padding
/// (`beta.01` → `beta.02`), but SemVer forbids it, so herald reads it without the zeros.
fn unpadded(pre: &str) -> Option<String> {
    let padded =
        |id: &str| id.len() > 1 && id.starts_with('0') && id.bytes().all(|b| b.is_ascii_digit());
    pre.split('.').any(padded).then(|| {
        pre.split('.')
            .map(|id| {
                if padded(id) {
                    id.trim_start_matches('0').to_string()
                } else {
                    id.to_string()
                }
            })
            .map(|id| if id.is_empty() { "0".to_string() } else { id })
            .collect::<Vec<_>>()
            .join(".")
    })
}

/// The warning for a manifest version read without its zero padding, if `text` has one.
fn padding_warning(file: &str, path: &str, text: &str, read: &Version) -> Option<String> {
    let padded = !read.pre.is_empty() && !text.contains(&format!("-{}", read.pre));
    padded.then(|| format!(
            "{file}: `{path}` is at `{text}`, a pre-release number with leading zeros, which SemVer forbids: herald reads it as {read}, does not read tags spelt with the zeros (its range may start earlier than release-please's), and writes the next version without them; release-please keeps them (`prerelease` versioning: `beta.01` → `beta.02`)"
        ))
}

fn optional_version<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Version>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    match text.as_deref() {
        None | Some("") => Ok(None),
        Some(text) => parse_version(text).map(Some).map_err(de::Error::custom),
    }
}

/// release-please's `Version.parse`: the first `N.N.N`, with what follows a `-` up to a
/// `+` as the pre-release and the rest after `+` as build metadata.
pub fn parse_version(text: &str) -> Result<Version, String> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    for start in 0..chars.len() {
        let major = digits(start);
        if major == 0 || chars.get(start + major) != Some(&'.') {
            continue;
        }
        let minor_at = start + major + 1;
        let minor = digits(minor_at);
        if minor == 0 || chars.get(minor_at + minor) != Some(&'.') {
            continue;
        }
        let patch_at = minor_at + minor + 1;
        let patch = digits(patch_at);
        if patch == 0 {
            continue;
        }
        let number = |from: usize, len: usize| -> Result<u64, String> {
            chars[from..from + len]
                .iter()
                .collect::<String>()
                .parse()
                .map_err(|_| format!("`{text}` has a number too large"))
        };
        let mut version = Version::new(
            number(start, major)?,
            number(minor_at, minor)?,
            number(patch_at, patch)?,
        );
        let mut rest: String = chars[patch_at + patch..].iter().collect();
        if let Some(pre) = rest.strip_prefix('-') {
            let end = pre.find('+').unwrap_or(pre.len());
            if end > 0 {
                let written = &pre[..end];
                let read = unpadded(written).unwrap_or_else(|| written.to_string());
                version.pre = semver::Prerelease::new(&read).map_err(|_| {
                    format!("release-please reads `{text}` as a pre-release `{written}`, which is not a valid semantic version")
                })?;
                rest = pre[end..].to_string();
            }
        }
        if let Some(build) = rest.strip_prefix('+') {
            let build: String = build
                .chars()
                .take_while(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
                .collect();
            if !build.is_empty() {
                version.build = semver::BuildMetadata::new(&build).map_err(|_| {
                    format!("release-please reads `{text}` with build metadata `{build}`, which is not a valid semantic version")
                })?;
            }
        }
        return Ok(version);
    }
    Err(format!("`{text}` is not a version"))
}

/// Reads the configuration and manifest at the repository's root. Either file may be
/// missing: a missing configuration gives the manifest's packages with default options (or
/// the root alone), a missing manifest means nothing has been released.
pub fn load(
    files: &dyn Files,
    config_file: &str,
    manifest_file: &str,
) -> Result<Settings, ConfigError> {
    let mut warnings = Vec::new();
    let mut advice = Vec::new();
    let config_path = Path::new(config_file);
    let manifest_path = Path::new(manifest_file);
    let config_text = files.read(config_file)?;
    let manifest_text = files.read(manifest_file)?;
    let manifest: Vec<(String, Version)> = match &manifest_text {
        Some(text) => serde_json::from_str::<Ordered<RpVersion>>(text)
            .map_err(|e| located(manifest_path, &e))?
            .0
            .into_iter()
            .map(|(path, RpVersion(version, text))| {
                warnings.extend(padding_warning(manifest_file, &path, &text, &version));
                (path, version)
            })
            .collect(),
        _ => {
            warnings.push(format!(
                "no {manifest_file}: every package is previewed as a first release (release-please itself stops without it)"
            ));
            Vec::new()
        }
    };
    let (defaults, top) = match &config_text {
        Some(text) => {
            let defaults: RawOptions =
                serde_json::from_str(text).map_err(|e| located(config_path, &e))?;
            let top: RawTop = serde_json::from_str(text).map_err(|e| located(config_path, &e))?;
            advice.extend(unknown_keys(text));
            (defaults, top)
        }
        _ => {
            if manifest_text.is_some() {
                warnings.push(format!(
                    "no {config_file}: release-please needs it; previewing the manifest's packages with release-please's default options"
                ));
            }
            let mut top = RawTop::default();
            let paths: Vec<String> = if manifest.is_empty() {
                vec![".".to_string()]
            } else {
                manifest.iter().map(|(p, _)| p.clone()).collect()
            };
            top.packages = Ordered(
                paths
                    .into_iter()
                    .map(|p| (p, RawOptions::default()))
                    .collect(),
            );
            (RawOptions::default(), top)
        }
    };
    let mut packages = Vec::new();
    for (path, options) in &top.packages.0 {
        let merged = merge(&defaults, options);
        let version = manifest
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, v)| v.clone());
        packages.push(package(files, path, merged, version, &mut warnings)?);
    }
    if packages.is_empty() {
        advice.push(format!(
            "{config_file} lists no packages: nothing to release"
        ));
    }
    Ok(Settings {
        packages,
        manifest: true,
        last_release_sha: top.last_release_sha.filter(|s| !s.is_empty()),
        bootstrap_sha: top.bootstrap_sha.filter(|s| !s.is_empty()),
        warnings: (warnings.into_iter().map(Warning::not_reproduced))
            .chain(advice.into_iter().map(Warning::advice))
            .collect(),
    })
}

/// A JSON error, located in its file.
fn located(path: &Path, error: &serde_json::Error) -> ConfigError {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    ConfigError {
        path: path.to_path_buf(),
        line: error.line(),
        column: error.column(),
        message: message.to_string(),
    }
}

/// A package's options over the top-level ones.
fn merge(defaults: &RawOptions, own: &RawOptions) -> RawOptions {
    macro_rules! pick {
        ($($field:ident),*) => {
            RawOptions { $($field: own.$field.clone().or_else(|| defaults.$field.clone()),)* }
        };
    }
    pick!(
        release_type,
        bump_minor_pre_major,
        bump_patch_for_minor_pre_major,
        versioning,
        changelog_sections,
        changelog_host,
        changelog_type,
        release_as,
        component,
        package_name,
        include_component_in_tag,
        include_v_in_tag,
        tag_separator,
        initial_version,
        exclude_paths,
        prerelease,
        prerelease_type
    )
}

fn package(
    files: &dyn Files,
    path: &str,
    options: RawOptions,
    version: Option<Version>,
    warnings: &mut Vec<String>,
) -> Result<Package, ConfigError> {
    let config = Path::new(CONFIG_FILE);
    let release_type = options
        .release_type
        .clone()
        .unwrap_or_else(|| "node".into());
    if !RELEASE_TYPES.contains(&release_type.as_str()) {
        return Err(ConfigError::whole(
            config,
            format!(
                "package `{path}`: unknown release-type `{release_type}` (release-please stops on it); known: {}",
                RELEASE_TYPES.join(", ")
            ),
        ));
    }
    let versioning = match options.versioning.as_deref() {
        None | Some("default") => Versioning::Default,
        Some("always-bump-patch") => Versioning::AlwaysBumpPatch,
        Some("always-bump-minor") => Versioning::AlwaysBumpMinor,
        Some("always-bump-major") => Versioning::AlwaysBumpMajor,
        Some("prerelease") => Versioning::Prerelease {
            keep: options.prerelease == Some(true),
            kind: options.prerelease_type.clone().filter(|k| !k.is_empty()),
        },
        Some(other) => {
            warnings.push(format!(
                "{}: package `{path}`: release-please's `{other}` versioning is not reproduced: assumed `default`",
                config.display()
            ));
            Versioning::Default
        }
    };
    if NOT_MIRRORED.contains(&release_type.as_str()) {
        warnings.push(format!(
            "package `{path}`: herald mirrors release-please's common rules; the `{release_type}` release type's own rules (snapshots, scopes, per-directory versions) are not reproduced"
        ));
    }
    if let Some(kind) = options
        .changelog_type
        .as_deref()
        .filter(|t| *t != "default")
    {
        warnings.push(format!(
            "package `{path}`: changelog-type `{kind}` is written by GitHub; herald shows release-please's default notes instead"
        ));
    }
    let component = if options.include_component_in_tag == Some(false) {
        String::new()
    } else {
        match options.component.clone().filter(|c| !c.is_empty()) {
            Some(component) => component,
            None => default_component(
                files,
                path,
                &release_type,
                options.package_name.as_deref(),
                warnings,
            ),
        }
    };
    let include_v = options.include_v_in_tag.unwrap_or(true);
    let separator = options.tag_separator.clone().unwrap_or_else(|| "-".into());
    let v = if include_v { "v" } else { "" };
    let template = if component.is_empty() {
        format!("{v}{{version}}")
    } else {
        format!("{component}{separator}{v}{{version}}")
    };
    let sections = match (&options.changelog_sections, type_sections(&release_type)) {
        (_, Some((own, true))) | (None, Some((own, false))) => own,
        (Some(list), _) => list
            .iter()
            .map(|s| Section {
                kind: s.kind.clone(),
                title: s.section.clone(),
                hidden: s.hidden,
                scope: s.scope.clone(),
            })
            .collect(),
        (None, None) => default_sections(),
    };
    let name = if !component.is_empty() {
        Some(component.clone())
    } else if path == "." {
        None
    } else {
        Some(path.to_string())
    };
    Ok(Package {
        path: path.to_string(),
        name,
        component,
        bump_minor_pre_major: options.bump_minor_pre_major == Some(true),
        bump_patch_for_minor_pre_major: options.bump_patch_for_minor_pre_major == Some(true),
        versioning,
        sections,
        changelog_host: options
            .changelog_host
            .clone()
            .unwrap_or_else(|| "https://github.com".into()),
        release_as: options.release_as.clone(),
        initial_version: initial_version(&release_type, options.initial_version.clone()),
        release_type,
        exclude_paths: options
            .exclude_paths
            .clone()
            .unwrap_or_default()
            .iter()
            .map(|p| normalize_path(p))
            .collect(),
        format: TagFormat::new(&template, None),
        version,
    })
}

/// `(type, section, hidden)` rows of a release type's own sections.
type Rows = &'static [(&'static str, &'static str, bool)];

const HIDDEN_TAIL: Rows = &[
    ("style", "Styles", true),
    ("chore", "Miscellaneous Chores", true),
    ("refactor", "Code Refactoring", true),
    ("test", "Tests", true),
    ("build", "Build System", true),
    ("ci", "Continuous Integration", true),
];

/// The sections a release type uses instead of the preset's, and whether they replace
/// `changelog-sections` too: `python`, `r` and the `java` family show `deps` and `docs`;
/// `php` shows `chore`; `dotnet-yoshi` has its own titles; `go-yoshi`, `php-yoshi` and
/// `ruby-yoshi` always use theirs.
fn type_sections(release_type: &str) -> Option<(Vec<Section>, bool)> {
    let rows = |head: Rows, tail: Rows| -> Vec<Section> {
        head.iter()
            .chain(tail)
            .map(|(kind, title, hidden)| Section {
                kind: kind.to_string(),
                title: Some(title.to_string()),
                hidden: *hidden,
                scope: None,
            })
            .collect()
    };
    const FIRST: Rows = &[
        ("feat", "Features", false),
        ("fix", "Bug Fixes", false),
        ("perf", "Performance Improvements", false),
    ];
    let with_deps = || {
        let mut list = rows(
            FIRST,
            &[
                ("deps", "Dependencies", false),
                ("revert", "Reverts", false),
                ("docs", "Documentation", false),
            ],
        );
        list.extend(rows(&[], HIDDEN_TAIL));
        list
    };
    let docs_shown = || {
        let mut list = rows(
            FIRST,
            &[
                ("revert", "Reverts", false),
                ("docs", "Documentation", false),
            ],
        );
        list.extend(rows(&[], HIDDEN_TAIL));
        list
    };
    Some(match release_type {
        "python"
        | "r"
        | "java"
        | "maven"
        | "java-yoshi"
        | "java-yoshi-mono-repo"
        | "java-backport"
        | "java-bom"
        | "java-lts" => (with_deps(), false),
        "go-yoshi" | "ruby-yoshi" => (docs_shown(), true),
        "php" => {
            let mut list = rows(
                FIRST,
                &[
                    ("revert", "Reverts", false),
                    ("chore", "Miscellaneous Chores", false),
                    ("docs", "Documentation", true),
                ],
            );
            list.extend(rows(&[], &HIDDEN_TAIL[..1]));
            list.extend(rows(&[], &HIDDEN_TAIL[2..]));
            (list, false)
        }
        "php-yoshi" => {
            let mut list = rows(
                FIRST,
                &[
                    ("revert", "Reverts", false),
                    ("docs", "Documentation", false),
                    ("misc", "Miscellaneous", false),
                    ("chore", "Chores", true),
                ],
            );
            list.extend(rows(&[], &HIDDEN_TAIL[..1]));
            list.extend(rows(&[], &HIDDEN_TAIL[2..]));
            (list, true)
        }
        "dotnet-yoshi" => (
            rows(
                &[
                    ("feat", "New features", false),
                    ("fix", "Bug fixes", false),
                    ("perf", "Performance improvements", false),
                    ("revert", "Reverts", false),
                    ("chore", "Miscellaneous chores", true),
                    ("docs", "Documentation improvements", false),
                ],
                &HIDDEN_TAIL[..1],
            )
            .into_iter()
            .chain(rows(&[], &HIDDEN_TAIL[2..]))
            .collect(),
            false,
        ),
        _ => return None,
    })
}

/// Release types with rules of their own that herald does not reproduce (snapshots,
/// commit filtering by scope, per-directory versions, their own notes).
const NOT_MIRRORED: &[&str] = &[
    "go-yoshi",
    "java",
    "java-backport",
    "java-bom",
    "java-lts",
    "java-yoshi",
    "java-yoshi-mono-repo",
    "maven",
    "php-yoshi",
    "ruby-yoshi",
];

/// `initialReleaseVersion()`: 1.0.0 or `initial-version`; some release types start at
/// 0.1.0, most of them whatever `initial-version` says.
fn initial_version(release_type: &str, configured: Option<Version>) -> Version {
    let zero_one = Version::new(0, 1, 0);
    match release_type {
        "python"
        | "r"
        | "rust"
        | "terraform-module"
        | "krm-blueprint"
        | "go-yoshi"
        | "java-yoshi"
        | "java-yoshi-mono-repo" => zero_one,
        "go-librarian" => configured.unwrap_or(zero_one),
        _ => configured.unwrap_or_else(|| Version::new(1, 0, 0)),
    }
}

/// release-please's `normalizePaths`: no leading or trailing `/`.
pub fn normalize_path(path: &str) -> String {
    let path = path.strip_suffix('/').unwrap_or(path);
    let path = path.strip_prefix('/').unwrap_or(path);
    path.to_string()
}

/// The component a release type names a package by when `component` and `package-name`
/// are not set: `node` and `expo` read `package.json` (without an `@scope/`), `rust`
/// `Cargo.toml`, `helm` `Chart.yaml`, `dart` `pubspec.yaml`, `sfdx` `sfdx-project.json`,
/// `dotnet-yoshi` the path's last part; the other types have none.
fn default_component(
    files: &dyn Files,
    path: &str,
    release_type: &str,
    package_name: Option<&str>,
    warnings: &mut Vec<String>,
) -> String {
    let scoped = matches!(release_type, "node" | "expo" | "node-librarian");
    // `component.match(/^@[\w-]+\//) ? component.split('/')[1] : component`
    let strip_scope = |name: &str| -> String {
        let scope = name
            .strip_prefix('@')
            .and_then(|rest| rest.split_once('/'))
            .map(|(scope, _)| scope);
        match scope {
            Some(scope)
                if scoped
                    && !scope.is_empty()
                    && scope
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                name.split('/').nth(1).unwrap_or("").to_string()
            }
            _ => name.to_string(),
        }
    };
    if let Some(name) = package_name.filter(|n| !n.is_empty()) {
        return strip_scope(name);
    }
    if release_type == "dotnet-yoshi" {
        return path.rsplit('/').next().unwrap_or(path).to_string();
    }
    let file = match release_type {
        "node" | "expo" | "node-librarian" => "package.json",
        "sfdx" | "salesforce" => "sfdx-project.json",
        "rust" => "Cargo.toml",
        "helm" => "Chart.yaml",
        "dart" => "pubspec.yaml",
        _ => return String::new(),
    };
    let location = if path == "." {
        file.to_string()
    } else {
        crate::model::files::join(path, file)
    };
    let Ok(Some(text)) = files.read(&location) else {
        if file == "package.json" || file == "sfdx-project.json" {
            warnings.push(format!(
                "package `{path}` ({release_type}) has no {file}: release-please stops without it; previewed with no component"
            ));
        }
        return String::new();
    };
    let name = match file {
        "package.json" | "sfdx-project.json" => serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("name")?.as_str().map(str::to_string)),
        "Cargo.toml" => text
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("package")?.get("name")?.as_str().map(str::to_string)),
        _ => crate::model::yaml::load(&text)
            .ok()
            .and_then(|doc| doc["name"].as_str().map(str::to_string)),
    };
    name.map(|n| strip_scope(&n)).unwrap_or_default()
}

/// Keys release-please does not know, which it ignores without a word.
fn unknown_keys(text: &str) -> Vec<String> {
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut check = |key: &str, allowed: &[&[&str]], place: &str| {
        if allowed.iter().any(|list| list.contains(&key)) {
            return;
        }
        let candidates = allowed.iter().flat_map(|l| l.iter().copied());
        let best = crate::model::suggest::closest(key, candidates)
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        found.push(format!(
            "{CONFIG_FILE}: unknown key `{key}`{place}, which release-please ignores{best}"
        ));
    };
    for key in top.keys() {
        check(key, &[OPTION_KEYS, TOP_KEYS], "");
    }
    if let Some(serde_json::Value::Object(packages)) = top.get("packages") {
        for (path, options) in packages {
            if let serde_json::Value::Object(options) = options {
                for key in options.keys() {
                    check(key, &[OPTION_KEYS], &format!(" in package `{path}`"));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::files::MemoryFiles;

    #[test]
    fn versions_read_as_release_please_reads_them() {
        let v = |s: &str| parse_version(s).unwrap().to_string();
        assert_eq!(v("1.2.3"), "1.2.3");
        assert_eq!(v("v1.2.3"), "1.2.3");
        assert_eq!(v("01.2.3"), "1.2.3");
        assert_eq!(v("1.4.2-rc.1"), "1.4.2-rc.1");
        assert_eq!(
            v("1.0.0-beta+exp.sha.5114f85"),
            "1.0.0-beta+exp.sha.5114f85"
        );
        assert_eq!(v("release 3.0.0 now"), "3.0.0");
        assert!(parse_version("2.0").is_err());
        assert!(parse_version("1.2.3-rc 1").is_err());
    }

    #[test]
    fn release_types_bring_their_sections_and_first_versions() {
        let titles = |kind: &str| -> Vec<(String, bool)> {
            type_sections(kind)
                .map(|(list, _)| list)
                .unwrap_or_else(default_sections)
                .into_iter()
                .map(|s| (s.title.unwrap_or_default(), s.hidden))
                .collect()
        };
        assert!(titles("python").contains(&("Documentation".into(), false)));
        assert!(titles("python").contains(&("Dependencies".into(), false)));
        assert!(titles("simple").contains(&("Documentation".into(), true)));
        assert!(titles("php").contains(&("Miscellaneous Chores".into(), false)));
        assert_eq!(titles("dotnet-yoshi")[0].0, "New features");
        assert!(type_sections("go-yoshi").unwrap().1);
        assert!(!type_sections("python").unwrap().1);
        let v = |kind: &str, configured: Option<&str>| {
            initial_version(kind, configured.map(|c| Version::parse(c).unwrap())).to_string()
        };
        assert_eq!(v("simple", None), "1.0.0");
        assert_eq!(v("simple", Some("0.5.0")), "0.5.0");
        assert_eq!(v("python", Some("2.0.0")), "0.1.0");
        assert_eq!(v("go-librarian", Some("2.0.0")), "2.0.0");
    }

    #[test]
    fn components_come_from_the_package_files() {
        let files = MemoryFiles::new([
            ("web/package.json", r#"{ "name": "@acme/web" }"#),
            ("crate/Cargo.toml", "[package]\nname = \"herald-core\"\n"),
            ("chart/Chart.yaml", "name: my-chart\nversion: 1.0.0\n"),
        ]);
        let mut warnings = Vec::new();
        let mut component = |path: &str, kind: &str, name: Option<&str>| {
            default_component(&files, path, kind, name, &mut warnings)
        };
        assert_eq!(component("web", "node", None), "web");
        assert_eq!(component("web", "node", Some("@other/name")), "name");
        assert_eq!(
            component("web", "simple", Some("@other/name")),
            "@other/name"
        );
        assert_eq!(component("web", "simple", None), "");
        assert_eq!(component("crate", "rust", None), "herald-core");
        assert_eq!(component("chart", "helm", None), "my-chart");
        assert_eq!(
            component("apis/Google.Foo", "dotnet-yoshi", None),
            "Google.Foo"
        );
        assert_eq!(component("missing", "node", None), "");
        assert_eq!(warnings.len(), 1);
    }
}
