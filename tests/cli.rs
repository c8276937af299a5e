//! The command line as documented: the README's command table lists every command
//! `--help` knows, and completions come from the same definitions.

mod common;

use common::{TestRepo, code, stdout};

fn commands_in_help(repo: &TestRepo) -> Vec<String> {
    let help = stdout(&repo.herald(&["--help"]));
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_documents_every_command() {
    let repo = TestRepo::new();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let commands = commands_in_help(&repo);
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands {
        let row = format!("| `herald {command}");
        let heading = format!("herald {command}");
        assert!(
            readme.contains(&row) || readme.contains(&heading),
            "README has no row for `herald {command}`"
        );
    }
}

#[test]
fn completions_for_every_shell() {
    let repo = TestRepo::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = repo.herald(&["completions", shell]);
        assert_eq!(code(&output), 0, "{shell}");
        assert!(stdout(&output).contains("preview"), "{shell}");
    }
    assert_eq!(code(&repo.herald(&["completions", "tcsh"])), 2);
}

/// `--component` names a component, never a file: the shell must not offer file names.
#[test]
fn completion_of_component_offers_no_files() {
    let repo = TestRepo::new();
    let script = stdout(&repo.herald(&["completions", "bash"]));
    let after = script
        .split("--component)")
        .nth(1)
        .expect("--component is completed");
    let block: String = after.lines().take(3).collect::<Vec<_>>().join("\n");
    assert!(!block.contains("compgen -f"), "{block}");
}
