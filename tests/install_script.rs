//! install.sh on a newcomer's machine: nothing under HOME yet, and it must still finish,
//! putting the manual pages beside herald and saying where each shell's completions go.
//! `cargo` is a stand-in that installs the binary under test, so nothing is built.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{TestRepo, code, herald_bin, machine_path, stderr, stdout};

/// A `cargo` whose `install` copies the herald under test into the install root.
fn fake_cargo(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let script = dir.join("cargo");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nmkdir -p \"$CARGO_INSTALL_ROOT/bin\" && cp '{}' \"$CARGO_INSTALL_ROOT/bin/herald\"\n",
            herald_bin().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn run_install(repo: &TestRepo, home: &Path) -> Output {
    let fake_bin = repo.scratch("fake-bin");
    fake_cargo(&fake_bin);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("install.sh");
    let mut command = Command::new("bash");
    command.arg(script).arg(repo.path()).env_clear();
    for (key, value) in repo.env() {
        command.env(key, value);
    }
    command
        .env("HOME", home)
        .env("CARGO_INSTALL_ROOT", home.join(".cargo"))
        .env("PATH", format!("{}:{}", fake_bin.display(), machine_path()))
        .env_remove("HERALD_BIN");
    command.output().unwrap()
}

#[test]
fn a_fresh_home_gets_the_manual_and_the_way_to_completions() {
    let repo = TestRepo::new();
    let home = repo.scratch("home");
    std::fs::create_dir_all(&home).unwrap();
    let output = run_install(&repo, &home);
    let said = stdout(&output);
    assert_eq!(code(&output), 0, "{said}{}", stderr(&output));
    let man = home.join(".cargo/share/man/man1");
    assert!(
        std::fs::read_to_string(man.join("herald.1"))
            .unwrap()
            .contains(".TH herald 1")
    );
    assert!(man.join("herald-preview.1").exists());
    assert!(
        said.contains(&format!("manual pages in {}", man.display())),
        "{said}"
    );
    // No zsh or fish folder on a fresh machine: the commands are printed instead.
    let zfunc = home.join(".zfunc/_herald");
    assert!(
        said.contains(&format!("herald completions zsh > {}", zfunc.display())),
        "{said}"
    );
    let fish = home.join(".config/fish/completions/herald.fish");
    assert!(
        said.contains(&format!("herald completions fish > {}", fish.display())),
        "{said}"
    );
    assert!(!fish.exists());
    assert!(said.contains("bash completions"), "{said}");
    assert!(repo.path().join(".git/hooks/commit-msg").exists(), "{said}");
}

#[test]
fn existing_shell_folders_get_the_completions() {
    let repo = TestRepo::new();
    let home = repo.scratch("home");
    std::fs::create_dir_all(home.join(".config/fish")).unwrap();
    std::fs::create_dir_all(home.join(".zsh/completions")).unwrap();
    let output = run_install(&repo, &home);
    let said = stdout(&output);
    assert_eq!(code(&output), 0, "{said}{}", stderr(&output));
    let fish = std::fs::read_to_string(home.join(".config/fish/completions/herald.fish")).unwrap();
    assert!(fish.contains("preview"), "{fish}");
    let zsh = std::fs::read_to_string(home.join(".zsh/completions/_herald")).unwrap();
    assert!(zsh.contains("#compdef herald"), "{zsh}");
}
