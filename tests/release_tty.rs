//! `herald release` as a person runs it: the real prompts, through a pseudo-terminal.

mod common;

use common::TestRepo;
use common::pty::{DOWN, ENTER, Pty};

const PACKAGE: &str = "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\"\n}\n";

/// Released as 1.2.0, with `commits` since.
fn repo(commits: &[&str]) -> TestRepo {
    let repo = TestRepo::new();
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"package.json\"]\n",
    );
    repo.write("package.json", PACKAGE);
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.2.0");
    for message in commits {
        repo.commit(message);
    }
    repo
}

fn start(repo: &TestRepo) -> Pty {
    let mut command = repo.herald_command(&["release"]);
    command.env("TERM", "xterm-256color");
    Pty::spawn(command)
}

/// Takes the default base.
fn accept_base(pty: &mut Pty) {
    pty.expect("Start the release from");
    pty.send(ENTER);
}

/// Picks the item `index` places below the first.
fn pick(pty: &mut Pty, index: usize) {
    pty.expect("Which version?");
    pty.send(&DOWN.repeat(index));
    pty.send(ENTER);
}

/// Takes the proposed branch name, then answers the last question.
fn confirm_plan(pty: &mut Pty, branch: &str, go: bool) {
    pty.expect("Branch");
    pty.send(ENTER);
    pty.expect(&format!("create branch {branch} from main"));
    pty.expect("Go ahead?");
    pty.send(if go { "y" } else { "n" });
}

fn released_as(repo: &TestRepo, version: &str) {
    let branch = format!("release/v{version}");
    assert_eq!(repo.git(&["symbolic-ref", "--short", "HEAD"]), branch);
    let package = std::fs::read_to_string(repo.path().join("package.json")).unwrap();
    assert_eq!(package, PACKAGE.replace("1.2.0", version));
    assert_eq!(repo.head_message(), format!("chore(release): v{version}"));
    assert_eq!(
        repo.git(&["rev-parse", &format!("v{version}^{{commit}}")]),
        repo.head()
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn the_recommended_version_accepted() {
    let repo = repo(&["feat(api): search", "fix: crash"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pty.expect("repo 1.2.0 → 1.3.0 (minor)");
    pick(&mut pty, 0);
    assert!(
        pty.screen().contains("> 1.3.0  (recommended)"),
        "{}",
        pty.screen()
    );
    confirm_plan(&mut pty, "release/v1.3.0", true);
    pty.expect("✓ release 1.3.0 on release/v1.3.0");
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    released_as(&repo, "1.3.0");
    let changelog = std::fs::read_to_string(repo.path().join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("* **api:** search"), "{changelog}");
}

#[test]
fn declining_the_plan_changes_nothing() {
    let repo = repo(&["feat: x"]);
    let before = repo.state();
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 0);
    confirm_plan(&mut pty, "release/v1.3.0", false);
    pty.expect("nothing was changed");
    let (code, screen) = pty.finish();
    assert_eq!(code, 1, "{screen}");
    assert_eq!(repo.state(), before);
}

/// Enter at "Go ahead?" declines: cutting a release takes a yes.
#[test]
fn enter_at_go_ahead_declines() {
    let repo = repo(&["feat: x"]);
    let before = repo.state();
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 0);
    pty.expect("Branch");
    pty.send(ENTER);
    pty.expect("Go ahead?");
    pty.send(ENTER);
    let (code, screen) = pty.finish();
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("nothing was changed"), "{screen}");
    assert_eq!(repo.state(), before);
}

/// The recommended version is not listed a second time under its bump.
#[test]
fn the_menu_lists_each_version_once() {
    let repo = repo(&["feat: x"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pty.expect("a pre-release");
    pty.send("\u{3}");
    let (_, screen) = pty.finish();
    assert_eq!(screen.matches("1.3.0  (").count(), 1, "{screen}");
}

#[test]
fn a_chosen_bump() {
    let repo = repo(&["feat: x"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 1); // 2.0.0 (major)
    confirm_plan(&mut pty, "release/v2.0.0", true);
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    released_as(&repo, "2.0.0");
}

#[test]
fn a_custom_version_is_checked() {
    let repo = repo(&["fix: x"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 4); // another version… (1.2.1 is listed once, as recommended)
    pty.expect("Version");
    pty.send("1.1.0");
    pty.send(ENTER);
    pty.expect("not greater than the current version 1.2.0");
    // Clear the refused answer, then type one that moves forward.
    pty.send(&"\u{7f}".repeat(5));
    pty.send("1.7.0");
    pty.send(ENTER);
    confirm_plan(&mut pty, "release/v1.7.0", true);
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    released_as(&repo, "1.7.0");
}

#[test]
fn a_lower_bump_needs_confirming() {
    let repo = repo(&["feat!: drop the v1 api"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pty.expect("1.2.0 → 2.0.0 (major)");
    pick(&mut pty, 2); // 1.2.1 (patch); 2.0.0 is listed once, as recommended
    pty.expect("1.2.1 is lower than 2.0.0, which the commits call for");
    pty.send("n");
    pick(&mut pty, 1); // 1.3.0 (minor)
    pty.expect("1.3.0 is lower than 2.0.0");
    pty.send("y");
    confirm_plan(&mut pty, "release/v1.3.0", true);
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    released_as(&repo, "1.3.0");
}

#[test]
fn a_pre_release_label() {
    let repo = repo(&["feat: x"]);
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 3); // a pre-release…
    pty.expect("Pre-release label");
    pty.send("beta");
    pty.send(ENTER);
    confirm_plan(&mut pty, "release/v1.3.0-beta.1", true);
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        repo.git(&["symbolic-ref", "--short", "HEAD"]),
        "release/v1.3.0-beta.1"
    );
    assert_eq!(repo.git(&["tag", "-l", "v1.3.0-beta.1"]), "v1.3.0-beta.1");
}

#[test]
fn conflicting_version_files_can_be_aligned() {
    let repo = repo(&["feat: x"]);
    repo.write("VERSION", "1.1.0\n");
    repo.write(
        "herald.toml",
        "[release]\nversion_files = [\"package.json\", \"VERSION\"]\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: track the version");
    let mut pty = start(&repo);
    accept_base(&mut pty);
    pick(&mut pty, 0);
    pty.expect("Branch");
    pty.send(ENTER);
    pty.expect("version files disagree: 1.1.0 in VERSION; 1.2.0 in package.json");
    pty.expect("bringing them into step?");
    pty.send("y");
    pty.expect("Go ahead?");
    pty.send("y");
    let (code, screen) = pty.finish();
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("VERSION")).unwrap(),
        "1.3.0\n"
    );
}

#[test]
fn ctrl_c_while_the_release_runs_undoes_it() {
    let repo = repo(&["feat: x"]);
    let before = repo.state();
    let pause = repo.scratch("pause");
    let mut command = repo.herald_command(&["release"]);
    command
        .env("TERM", "xterm-256color")
        .env("HERALD_TEST_PAUSE_AFTER", "write package.json")
        .env("HERALD_TEST_PAUSE_FILE", &pause);
    let mut pty = Pty::spawn(command);
    accept_base(&mut pty);
    pick(&mut pty, 0);
    confirm_plan(&mut pty, "release/v1.3.0", true);
    pty.expect("→ update package.json");
    // The run creates the file when it reaches the pause.
    for _ in 0..30_000 {
        if pause.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    pty.send("\u{3}");
    pty.expect(
        "the release was interrupted by SIGINT at `write package.json`: every change was undone: the repository is as it was",
    );
    let (code, screen) = pty.finish();
    assert_eq!(code, 130, "{screen}");
    assert_eq!(repo.state(), before);
}
