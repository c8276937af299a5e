//! husky: herald's call goes into the committed scripts (`.husky/commit-msg`,
//! `.husky/pre-push`), never into husky's own folder.
//!
//! husky 9 points `core.hooksPath` at `.husky/_`, where every hook is the same dispatcher:
//! it finds the script to run by the name it was started under (`.husky/_/commit-msg` runs
//! `.husky/commit-msg` with `sh -e`, git's arguments and git's stdin), and husky writes that
//! folder again on every `npm install` (its `prepare` script). A hook written there is lost
//! on the next install, and renaming a dispatcher stops the user's script from running.
//! husky 5 to 8 point `core.hooksPath` at `.husky` itself, and git runs the scripts directly.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::read_text;

/// A repository's husky setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Husky {
    /// The folder of the committed scripts (`.husky`).
    pub scripts: PathBuf,
    /// The folder git runs hooks from (`.husky/_`, or `.husky` before husky 9); `None` when
    /// this clone has not run husky yet, so `core.hooksPath` is not set.
    pub hooks_dir: Option<PathBuf>,
}

impl Husky {
    /// The committed script for `hook`.
    pub fn script(&self, hook: &str) -> PathBuf {
        self.scripts.join(hook)
    }
}

/// husky when the folder git runs hooks from is husky's: `.husky/_` (or another `_` that
/// holds husky 9's dispatcher `h`), or `.husky` itself.
pub fn from_hooks_dir(dir: &Path) -> Option<Husky> {
    let name = dir.file_name()?.to_str()?;
    let scripts = match name {
        "_" => {
            let parent = dir.parent()?;
            let husky_named = parent.file_name().is_some_and(|n| n == ".husky");
            let dispatcher = dir.join("h").is_file() || dir.join("husky.sh").is_file();
            (husky_named || dispatcher).then(|| parent.to_path_buf())?
        }
        ".husky" => dir.to_path_buf(),
        _ => return None,
    };
    Some(Husky {
        scripts,
        hooks_dir: Some(dir.to_path_buf()),
    })
}

/// husky when the work tree has its folder (with husky's `_`, or named in `package.json`)
/// but `core.hooksPath` is not set: a fresh clone before `npm install`.
pub fn from_work_tree(root: &Path) -> Option<Husky> {
    let scripts = root.join(".husky");
    if !scripts.is_dir() {
        return None;
    }
    let named = read_text(&root.join("package.json")).is_some_and(|text| text.contains("husky"));
    (named || scripts.join("_").is_dir()).then_some(Husky {
        scripts,
        hooks_dir: None,
    })
}

/// What marks the lines herald adds, so that `herald uninstall` takes exactly those out.
const MARK: &str = "# herald-hook: added by `herald install`";

/// The first line of a script herald creates: git runs the scripts directly before
/// husky 9, and husky 9 ignores it.
const SHEBANG: &str = "#!/usr/bin/env sh";

/// The line that runs herald from the script for `hook`, with git's arguments (husky
/// passes them, and git's stdin, to the script).
pub fn line(hook: &str) -> String {
    let args = if hook == "pre-push" {
        r#""$1" "$2""#
    } else {
        r#""$1""#
    };
    format!("herald hook {hook} {args}  {MARK}")
}

/// Whether a script runs herald's check for `hook`: the line herald adds, or one written
/// by hand (`npx herald hook commit-msg $1`, …).
pub fn runs_herald(script: &str, hook: &str) -> bool {
    let call = format!("herald hook {hook}");
    script
        .lines()
        .map(str::trim)
        .any(|line| !line.starts_with('#') && line.contains(call.as_str()))
}

/// The script with herald's line added at its end, keeping everything else as it was;
/// `None` when it already runs herald. An absent script becomes a new one.
pub fn with_line(script: Option<&str>, hook: &str) -> Option<String> {
    let mut text = match script {
        Some(text) if runs_herald(text, hook) => return None,
        Some(text) if !text.trim().is_empty() => text.to_string(),
        _ => format!("{SHEBANG}\n"),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&line(hook));
    text.push('\n');
    Some(text)
}

/// The script without the lines herald added; `None` when it has none.
pub fn without_lines(script: &str) -> Option<String> {
    if !script.lines().any(|line| line.contains(MARK)) {
        return None;
    }
    Some(
        script
            .split_inclusive('\n')
            .filter(|line| !line.contains(MARK))
            .collect(),
    )
}

/// Whether nothing is left of a script but what herald put in a script it created.
pub fn is_left_empty(script: &str) -> bool {
    script
        .lines()
        .all(|line| line.trim().is_empty() || line.trim() == SHEBANG)
}

/// What `add` or `remove` did to a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// herald's call was there already (add), or was not there (remove).
    Unchanged,
    /// herald's line went at the end of the user's script.
    Appended,
    /// The script did not exist; herald wrote it.
    Created,
    /// herald's lines came out; the rest stays.
    Removed,
    /// herald's lines came out and nothing else was left, so the file went.
    Deleted,
}

/// Adds herald's line to the script for `hook`.
pub fn add(husky: &Husky, hook: &str) -> io::Result<Edit> {
    let path = husky.script(hook);
    let existing = read_script(&path)?;
    let Some(text) = with_line(existing.as_deref(), hook) else {
        return Ok(Edit::Unchanged);
    };
    fs::create_dir_all(&husky.scripts)?;
    fs::write(&path, text)?;
    if existing.is_some() {
        return Ok(Edit::Appended);
    }
    make_executable(&path)?;
    Ok(Edit::Created)
}

/// Takes herald's lines out of the script for `hook`, and the script itself when herald
/// had created it.
pub fn remove(husky: &Husky, hook: &str) -> io::Result<Edit> {
    let path = husky.script(hook);
    let Some(text) = read_script(&path)? else {
        return Ok(Edit::Unchanged);
    };
    let Some(rest) = without_lines(&text) else {
        return Ok(Edit::Unchanged);
    };
    if is_left_empty(&rest) {
        fs::remove_file(&path)?;
        return Ok(Edit::Deleted);
    }
    fs::write(&path, rest)?;
    Ok(Edit::Removed)
}

fn read_script(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Before husky 9, git runs the scripts itself, so they must be executable.
fn make_executable(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITLINT: &str = "npx --no -- commitlint --edit \"$1\"\n";

    #[test]
    fn appends_after_the_users_lines_once() {
        let added = with_line(Some(COMMITLINT), "commit-msg").unwrap();
        assert_eq!(added, format!("{COMMITLINT}{}\n", line("commit-msg")));
        assert_eq!(with_line(Some(&added), "commit-msg"), None);
        assert_eq!(without_lines(&added).as_deref(), Some(COMMITLINT));
        assert!(!is_left_empty(COMMITLINT));
    }

    #[test]
    fn a_script_without_a_final_newline_keeps_its_last_line_whole() {
        let added = with_line(Some("npm test"), "pre-push").unwrap();
        assert_eq!(
            added,
            "npm test\nherald hook pre-push \"$1\" \"$2\"  # herald-hook: added by `herald install`\n"
        );
    }

    #[test]
    fn a_new_script_goes_away_again() {
        let created = with_line(None, "pre-push").unwrap();
        assert!(created.starts_with("#!/usr/bin/env sh\n"));
        assert!(is_left_empty(&without_lines(&created).unwrap()));
    }

    #[test]
    fn a_call_written_by_hand_counts() {
        assert!(runs_herald("npx herald hook commit-msg $1\n", "commit-msg"));
        assert!(!runs_herald("npx herald hook commit-msg $1\n", "pre-push"));
        assert!(!runs_herald(
            "# herald hook commit-msg \"$1\"\n",
            "commit-msg"
        ));
        assert_eq!(without_lines("npx herald hook commit-msg $1\n"), None);
    }
}
