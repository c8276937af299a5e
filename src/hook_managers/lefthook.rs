//! lefthook: herald belongs in lefthook's configuration, which `lefthook install` turns
//! into hooks (rewriting whatever is in the hooks folder).
//!
//! Mirrors lefthook 2.2: configuration files are `lefthook`, `.lefthook` or
//! `.config/lefthook` (and the same with `-local`) ending in `.yml`, `.yaml`, `.json`,
//! `.jsonc` or `.toml`; `{1}`, `{2}` are git's arguments; a pre-push command reads git's
//! ref lines only with `use_stdin: true`, and lefthook skips pre-push commands when the
//! pushed commits change no file.

use std::path::{Path, PathBuf};

use super::read_text;

/// A repository's lefthook setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lefthook {
    /// The configuration files found (main first); empty when only lefthook's hooks in the
    /// hooks folder show it is there.
    pub configs: Vec<PathBuf>,
}

impl Lefthook {
    /// The configuration files' text, comments and all.
    fn texts(&self) -> Vec<String> {
        self.configs.iter().filter_map(|p| read_text(p)).collect()
    }

    /// Whether the configuration runs `herald hook <hook>`.
    pub fn runs_herald(&self, hook: &str) -> bool {
        self.texts().iter().any(|text| runs_herald(text, hook))
    }

    /// Whether some command in the configuration has `use_stdin: true`.
    pub fn passes_stdin(&self) -> bool {
        self.texts().iter().any(|text| passes_stdin(text))
    }

    /// The main configuration file's name, for messages (`lefthook.yml` when there is none).
    pub fn config_name(&self, root: &Path) -> String {
        self.configs
            .first()
            .map(|p| super::shown(p, root).display().to_string())
            .unwrap_or_else(|| "lefthook.yml".to_string())
    }

    /// The snippet that runs herald for `hooks`, in the main configuration's format.
    pub fn snippet(&self, hooks: &[&str]) -> String {
        let format = self
            .configs
            .first()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map_or(Format::Yaml, Format::from_extension);
        snippet(hooks, format)
    }
}

const BASES: [&str; 6] = [
    "lefthook",
    ".lefthook",
    ".config/lefthook",
    "lefthook-local",
    ".lefthook-local",
    ".config/lefthook-local",
];
const EXTENSIONS: [&str; 5] = ["yml", "yaml", "json", "jsonc", "toml"];

/// The hooks lefthook writes start `lefthook run "<hook>"` through this function.
const HOOK_MARK: &str = "call_lefthook";

/// lefthook when the work tree has its configuration, or the hooks folder has its hooks.
pub fn detect(work_tree: &Path, hooks_dir: &Path) -> Option<Lefthook> {
    let configs: Vec<PathBuf> = BASES
        .iter()
        .flat_map(|base| EXTENSIONS.iter().map(move |ext| format!("{base}.{ext}")))
        .map(|name| work_tree.join(name))
        .filter(|path| path.is_file())
        .collect();
    let hooks_are_its = ["commit-msg", "pre-push", "pre-commit"]
        .iter()
        .any(|hook| read_text(&hooks_dir.join(hook)).is_some_and(|t| is_lefthook_hook(&t)));
    (!configs.is_empty() || hooks_are_its).then_some(Lefthook { configs })
}

/// Whether a hook file is one lefthook wrote.
pub fn is_lefthook_hook(text: &str) -> bool {
    text.contains(HOOK_MARK)
}

/// The lines of a configuration that are not comments (`#` in YAML and TOML, `//` in JSONC).
fn live_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#') && !line.starts_with("//"))
}

/// Whether a configuration's text runs `herald hook <hook>`.
pub fn runs_herald(text: &str, hook: &str) -> bool {
    let call = format!("herald hook {hook}");
    live_lines(text).any(|line| line.contains(call.as_str()))
}

/// Whether a configuration's text sets `use_stdin` to true somewhere.
pub fn passes_stdin(text: &str) -> bool {
    live_lines(text).any(|line| {
        line.split("use_stdin").skip(1).any(|after| {
            after
                .trim_start_matches(['"', '\''])
                .trim_start()
                .strip_prefix([':', '='])
                .is_some_and(|value| value.trim_start().starts_with("true"))
        })
    })
}

/// The formats lefthook reads its configuration in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    fn from_extension(ext: &str) -> Format {
        match ext {
            "toml" => Format::Toml,
            "json" | "jsonc" => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// The command herald runs for `hook`, with lefthook's placeholders for git's arguments.
fn command(hook: &str) -> String {
    match hook {
        "pre-push" => "herald hook pre-push {1} {2}".to_string(),
        _ => format!("herald hook {hook} {{1}}"),
    }
}

/// Configuration that runs herald for `hooks`; pre-push also gets git's stdin.
pub fn snippet(hooks: &[&str], format: Format) -> String {
    let mut out = Vec::new();
    for hook in hooks {
        let run = command(hook);
        let stdin = *hook == "pre-push";
        match format {
            Format::Yaml => {
                out.push(format!(
                    "{hook}:\n  commands:\n    herald:\n      run: {run}\n"
                ));
                if stdin {
                    out.push("      use_stdin: true\n".to_string());
                }
            }
            Format::Toml => {
                if !out.is_empty() {
                    out.push("\n".to_string());
                }
                out.push(format!("[{hook}.commands.herald]\nrun = \"{run}\"\n"));
                if stdin {
                    out.push("use_stdin = true\n".to_string());
                }
            }
            Format::Json => {
                let stdin = if stdin { ", \"use_stdin\": true" } else { "" };
                let comma = if Some(hook) == hooks.last() { "" } else { "," };
                out.push(format!(
                    "  \"{hook}\": {{ \"commands\": {{ \"herald\": {{ \"run\": \"{run}\"{stdin} }} }} }}{comma}\n"
                ));
            }
        }
    }
    let body = out.concat();
    match format {
        Format::Json => format!("{{\n{body}}}\n"),
        _ => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [&str; 2] = ["commit-msg", "pre-push"];

    #[test]
    fn the_yaml_snippet() {
        assert_eq!(
            snippet(&BOTH, Format::Yaml),
            "commit-msg:\n  commands:\n    herald:\n      run: herald hook commit-msg {1}\n\
             pre-push:\n  commands:\n    herald:\n      run: herald hook pre-push {1} {2}\n      use_stdin: true\n"
        );
        let text = snippet(&BOTH, Format::Yaml);
        assert!(runs_herald(&text, "commit-msg") && runs_herald(&text, "pre-push"));
        assert!(passes_stdin(&text));
    }

    #[test]
    fn toml_and_json_snippets_say_the_same() {
        for format in [Format::Toml, Format::Json] {
            let text = snippet(&BOTH, format);
            assert!(runs_herald(&text, "commit-msg"), "{text}");
            assert!(runs_herald(&text, "pre-push"), "{text}");
            assert!(passes_stdin(&text), "{text}");
        }
        let json = snippet(&BOTH, Format::Json);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["pre-push"]["commands"]["herald"]["use_stdin"], true);
        let toml: toml::Table = snippet(&BOTH, Format::Toml).parse().unwrap();
        assert_eq!(
            toml["commit-msg"]["commands"]["herald"]["run"].as_str(),
            Some("herald hook commit-msg {1}")
        );
    }

    #[test]
    fn comments_do_not_count() {
        assert!(!runs_herald(
            "commit-msg:\n  commands:\n    # run: herald hook commit-msg {1}\n",
            "commit-msg"
        ));
        assert!(!passes_stdin("pre-push:\n  # use_stdin: true\n"));
        assert!(!passes_stdin("use_stdin: false\n"));
    }
}
