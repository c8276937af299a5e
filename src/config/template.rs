//! The commented `herald.toml` that `herald init` writes for a repository.

/// What `herald init` found in the repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Proposed components: name and globs, in a stable order.
    pub components: Vec<(String, Vec<String>)>,
    /// The tag template the existing tags follow, if any do.
    pub tag: Option<String>,
    /// The branch releases start from.
    pub base: Option<String>,
    /// The release tool CI uses, found from its configuration file: name and file.
    pub engine: Option<(String, String)>,
    /// Files that carry the version the others share (the last release's).
    pub version_files: Vec<String>,
    /// Files that carry a version of their own, with it: proposed in a comment only.
    pub other_version_files: Vec<(String, String)>,
    /// The last release's version, from the tags.
    pub released: Option<String>,
    /// The version `version_files` share: the last release's, else the root manifest's.
    pub shared_version: Option<String>,
    /// The project's name from the root manifest, and the manifest.
    pub name: Option<(String, String)>,
    /// A backend and a frontend component, for the cross-stack rule.
    pub cross_stack: Option<(String, String)>,
    /// Where the proposal came from, for the file's comments.
    pub sources: Vec<String>,
}

/// The names of components that hold infrastructure, for the example rule.
const INFRASTRUCTURE: [&str; 4] = ["infrastructure", "infra", "terraform", "deploy"];
/// The names of components that hold CI workflows: no rule of their own.
const WORKFLOWS: [&str; 2] = ["workflows", "gitlab-ci"];

/// Renders the file; every value it sets is valid configuration.
pub fn render(layout: &Layout) -> String {
    let mut out = String::from(
        "# herald.toml: how herald checks commit messages and forecasts releases.\n\
         # Every key is optional; the values shown are herald's defaults unless a comment says\n\
         # they were found in this repository. See herald's docs/configuration.md.\n\n",
    );
    match &layout.engine {
        Some((name, file)) => out.push_str(&format!(
            "engine = \"{name}\"   # CI releases with it ({file}); herald mirrors its rules\n\n"
        )),
        None => out.push_str(
            "# engine = \"herald\"   # or semantic-release, release-please, commitizen, cocogitto, git-cliff\n\n",
        ),
    }
    out.push_str(
        "[commit]\n\
         types = [\"feat\", \"fix\", \"perf\", \"refactor\", \"docs\", \"style\", \"test\", \"build\", \"ci\", \"chore\", \"revert\"]\n",
    );
    if layout.components.is_empty() {
        out.push_str("scopes = []                   # empty: any scope\n");
    } else {
        let names: Vec<String> = layout
            .components
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect();
        out.push_str("scopes = []                   # empty: any scope; or the components:\n");
        out.push_str(&format!("# scopes = [{}]\n", names.join(", ")));
    }
    out.push_str(
        "require_scope = false\n\
         header_max_length = 100\n\
         description_case = \"lower\"      # \"lower\", \"sentence\" or \"any\"\n\n",
    );
    let tag = layout.tag.as_deref().unwrap_or("v{version}");
    let found = if layout.tag.is_some() {
        "   # as the existing tags are"
    } else {
        ""
    };
    out.push_str(&format!(
        "[version]\ntag = \"{tag}\"{found}\ninitial = \"0.1.0\"\nbreaking_on_zero = \"minor\"      # or \"major\"\n\n"
    ));
    if !layout.components.is_empty() {
        out.push_str(&format!(
            "[components]                    # proposed from {}\n",
            layout.sources.join(", ")
        ));
        for (name, globs) in &layout.components {
            let globs: Vec<String> = globs.iter().map(|g| format!("\"{g}\"")).collect();
            out.push_str(&format!("{} = [{}]\n", toml_key(name), globs.join(", ")));
        }
        out.push('\n');
        out.push_str(&rule_examples(layout));
    }
    let base = layout.base.as_deref().unwrap_or("main");
    out.push_str(
        "[release]\nmode = \"unified\"                # or \"independent\": a version per component\n",
    );
    if let Some((name, file)) = &layout.name {
        out.push_str(&format!("name = {}   # from {file}\n", toml_string(name)));
    }
    out.push_str(&format!(
        "base = \"{base}\"\nbranch = \"release/v{{version}}\"\nhotfix_branch = \"hotfix/v{{version}}\"\n"
    ));
    out.push_str(&version_files(layout));
    out.push_str("changelog = \"CHANGELOG.md\"\n\n");
    out.push_str(
        "[hooks]\nprotected_branches = []         # e.g. [\"main\"]: refuse direct pushes\n",
    );
    out
}

/// Path rules from the plan herald was built for, active where the layout supports them.
fn rule_examples(layout: &Layout) -> String {
    let mut out = String::new();
    let infrastructure = layout
        .components
        .iter()
        .find(|(name, _)| INFRASTRUCTURE.contains(&name.as_str()));
    if let Some((name, _)) = infrastructure {
        out.push_str(&format!(
            "[[bump.rules]]\nname = \"Infrastructure changes\"\ncomponents = [\"{name}\"]\nbump = \"major\"\n\n"
        ));
    }
    out.push_str("[[bump.rules]]\nname = \"Database schema migrations\"\npaths = [\"**/migrations/**\"]\nbump = \"major\"\n\n");
    if let Some((backend, frontend)) = &layout.cross_stack {
        out.push_str(&format!(
            "[[bump.rules]]                  # one change to both sides of the stack is a feature\nname = \"Features across the stack\"\nall_components = [\"{backend}\", \"{frontend}\"]\nbump = \"minor\"\n\n"
        ));
        return out;
    }
    let apps: Vec<&str> = layout
        .components
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !INFRASTRUCTURE.contains(n) && !WORKFLOWS.contains(n))
        .take(2)
        .collect();
    if let [first, second] = apps[..] {
        out.push_str(&format!(
            "# [[bump.rules]]\n# name = \"Features across the stack\"\n# all_components = [\"{first}\", \"{second}\"]\n# bump = \"minor\"\n\n"
        ));
    }
    out
}

/// `version_files`: those at the shared version; the others commented, with theirs.
fn version_files(layout: &Layout) -> String {
    let mut out = String::new();
    if layout.version_files.is_empty() {
        out.push_str(
            "version_files = []              # files `herald release` keeps at the new version\n",
        );
    } else {
        let at = match (&layout.shared_version, &layout.released) {
            (Some(v), Some(_)) => format!(" at {v}, the last release"),
            (Some(v), None) => format!(" at {v}"),
            (None, _) => String::new(),
        };
        out.push_str(&format!(
            "version_files = [               # found{at}; kept in step by `herald release`\n"
        ));
        for file in &layout.version_files {
            out.push_str(&format!("  {},\n", toml_string(file)));
        }
        out.push_str("]\n");
    }
    if !layout.other_version_files.is_empty() {
        out.push_str(
            "# These carry versions of their own. Listed above, `herald release` would move them\n\
             # to the repository's version; to version each part apart, use mode = \"independent\".\n",
        );
        for (file, version) in &layout.other_version_files {
            out.push_str(&format!("#   {},   # at {version}\n", toml_string(file)));
        }
    }
    out
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A bare key when TOML allows one, else a quoted key.
fn toml_key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        name.to_string()
    } else {
        toml_string(name)
    }
}
