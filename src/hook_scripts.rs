//! The hook scripts herald installs, and how it recognises its own among others.

/// The hooks herald installs, with the script each runs.
pub const HOOKS: [(&str, &str); 2] = [
    ("commit-msg", include_str!("../hooks/commit-msg")),
    ("pre-push", include_str!("../hooks/pre-push")),
];

/// The line that marks a hook file as herald's.
const MARKER: &str = "# herald-hook: ";

/// Whether a hook file's content is one herald wrote (any version of it).
pub fn is_herald_hook(content: &[u8]) -> bool {
    content
        .split(|b| *b == b'\n')
        .take(3)
        .any(|line| line.starts_with(MARKER.as_bytes()))
}

/// Where an existing hook moves so that herald's runs it first (see the scripts).
pub fn chained_name(hook: &str) -> String {
    format!("{hook}.pre-herald")
}

/// Where an existing hook moves when `--force` replaces it: kept, but no longer run.
pub fn backup_name(hook: &str) -> String {
    format!("{hook}.herald-backup")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_its_scripts() {
        for (name, script) in HOOKS {
            assert!(is_herald_hook(script.as_bytes()), "{name}");
            assert!(
                script.contains(&chained_name(name)),
                "{name} runs the chained hook"
            );
        }
        assert!(!is_herald_hook(
            b"#!/bin/sh\nnpx commitlint --edit \"$1\"\n"
        ));
    }
}
