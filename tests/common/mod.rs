//! A small world for integration tests: real `git` in a temporary directory, and the real
//! `herald` binary pointed at it with `-C` (the tests never change their own directory).
#![allow(dead_code)]

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub mod histories;
pub mod mkhist;
pub mod pty;
pub mod synthetic;

/// A small deterministic generator, so that a generated history is the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number below `below`.
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// The machine's `PATH` without any folder that holds a `herald` (such as the
/// `~/.cargo/bin` that `./install.sh` fills): tests run the binary under test only,
/// whether or not herald is installed on the machine.
pub fn machine_path() -> String {
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&inherited)
        .filter(|dir| !dir.join("herald").exists())
        .collect();
    std::env::join_paths(kept)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The herald binary under test.
pub fn herald_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_herald"))
}

/// A temporary git repository with a fixed identity, fixed clock and no user config.
pub struct TestRepo {
    _dir: TempDir,
    root: PathBuf,
    path: PathBuf,
    clock: Cell<u64>,
}

impl TestRepo {
    pub fn new() -> TestRepo {
        TestRepo::init(&[])
    }

    pub fn sha256() -> TestRepo {
        TestRepo::init(&["--object-format=sha256"])
    }

    /// A bare repository (for remotes).
    pub fn bare() -> TestRepo {
        TestRepo::init(&["--bare"])
    }

    pub fn bare_sha256() -> TestRepo {
        TestRepo::init(&["--bare", "--object-format=sha256"])
    }

    fn init(extra: &[&str]) -> TestRepo {
        let dir = tempfile::Builder::new()
            .prefix("herald-test")
            .tempdir()
            .unwrap();
        let root = dir.path().canonicalize().unwrap();
        let path = root.join("repo");
        let repo = TestRepo {
            _dir: dir,
            path: path.clone(),
            root: root.clone(),
            clock: Cell::new(0),
        };
        let mut args = vec!["init", "-q", "-b", "main"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        repo.git_in(&root, &args);
        repo
    }

    /// The work tree (or the bare repository's directory).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A scratch directory beside the repository, for worktrees, clones and editors.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Environment every git and herald process gets: no user or system config, a fixed
    /// identity and a clock that moves one minute per commit.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let date = format!("{} +0000", 1_767_225_600 + self.clock.get() * 60);
        vec![
            ("GIT_CONFIG_GLOBAL", "/dev/null".into()),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("GIT_CEILING_DIRECTORIES", self.root.display().to_string()),
            ("HOME", self.root.display().to_string()),
            ("GIT_AUTHOR_NAME", "Ada Lovelace".into()),
            ("GIT_AUTHOR_EMAIL", "ada@example.com".into()),
            ("GIT_COMMITTER_NAME", "Ada Lovelace".into()),
            ("GIT_COMMITTER_EMAIL", "ada@example.com".into()),
            ("GIT_AUTHOR_DATE", date.clone()),
            ("GIT_COMMITTER_DATE", date),
            ("HERALD_BIN", herald_bin().display().to_string()),
            ("NO_COLOR", "1".into()),
            ("GIT_EDITOR", "true".into()),
            ("SOURCE_DATE_EPOCH", "1767225600".into()),
        ]
    }

    /// A git command in the repository, with the test environment.
    pub fn git_command(&self, dir: &Path) -> Command {
        let mut command = Command::new("git");
        command.current_dir(dir).env_clear();
        command.env("PATH", machine_path());
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command
    }

    /// Runs git in `dir` and returns its stdout; panics with git's output on failure.
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_command(dir).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .trim_end()
            .to_string()
    }

    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.path, args)
    }

    /// Runs git and returns the whole output, whatever the exit status.
    pub fn git_output(&self, args: &[&str]) -> Output {
        self.git_command(&self.path).args(args).output().unwrap()
    }

    /// Feeds `stream` to `git fast-import` (with `extra` arguments, e.g. `--force`) and
    /// checks out `main`: thousands of commits in a fraction of a second.
    pub fn fast_import(&self, stream: &str, extra: &[&str]) {
        let mut import = self.git_command(&self.path);
        import.args(["fast-import", "--quiet"]).args(extra);
        let done = with_stdin(&mut import, stream.as_bytes());
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        self.git(&["reset", "-q", "--hard", "main"]);
    }

    pub fn write(&self, file: &str, content: &str) -> &TestRepo {
        let path = self.path.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    /// Commits a change to `file` with `message`, bypassing hooks.
    pub fn commit_file(&self, file: &str, message: &str) -> &TestRepo {
        self.commit_paths(&[file], message)
    }

    /// Commits a change to each of `files` with `message`, bypassing hooks.
    pub fn commit_paths(&self, files: &[&str], message: &str) -> &TestRepo {
        let counter = self.clock.get();
        for file in files {
            self.write(file, &format!("{file} {counter}\n"));
            self.git(&["add", "--", file]);
        }
        self.git(&[
            "commit",
            "-q",
            "--no-verify",
            "--allow-empty-message",
            "-m",
            message,
        ]);
        self.clock.set(counter + 1);
        self
    }

    /// Commits with `message`, changing a file named after the commit count.
    pub fn commit(&self, message: &str) -> &TestRepo {
        self.commit_file("changes.txt", message)
    }

    pub fn tag(&self, name: &str) -> &TestRepo {
        self.git(&["tag", name]);
        self
    }

    pub fn annotated_tag(&self, name: &str) -> &TestRepo {
        self.git(&["tag", "-a", "-m", &format!("release {name}"), name]);
        self
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    /// `herald -C <repo> …` with the test environment.
    pub fn herald(&self, args: &[&str]) -> Output {
        self.herald_in(&self.path, args)
    }

    pub fn herald_in(&self, dir: &Path, args: &[&str]) -> Output {
        self.herald_command_in(dir, args).output().unwrap()
    }

    /// herald with `input` on stdin.
    pub fn herald_stdin(&self, args: &[&str], input: &str) -> Output {
        with_stdin(&mut self.herald_command(args), input.as_bytes())
    }
}

/// Runs `command` with `input` on its stdin, its stdout and stderr kept.
pub fn with_stdin(command: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

impl TestRepo {
    /// Stages a change and runs a real `git commit` with `args`, hooks and all.
    pub fn try_commit(&self, args: &[&str]) -> Output {
        let counter = self.clock.get();
        self.write("changes.txt", &format!("change {counter}\n"));
        self.git(&["add", "changes.txt"]);
        self.clock.set(counter + 1);
        let mut full = vec!["commit"];
        full.extend_from_slice(args);
        self.git_output(&full)
    }

    /// The message of HEAD.
    pub fn head_message(&self) -> String {
        self.git(&["log", "-1", "--format=%B"])
    }

    /// Writes an executable script (an editor, a hook) and returns its path.
    pub fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.scratch(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }
}

impl TestRepo {
    /// `herald preview --format json` parsed.
    pub fn preview_json(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["preview", "--format", "json"];
        args.extend_from_slice(extra);
        let output = self.herald(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// The next version `herald preview --next-version` prints ("" for none).
    /// `herald preview`'s warnings (stderr), after checking it succeeded.
    pub fn preview_warnings(&self) -> String {
        let output = self.herald(&["preview"]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        stderr(&output)
    }

    pub fn next_version(&self, extra: &[&str]) -> String {
        let mut args = vec!["preview", "--next-version"];
        args.extend_from_slice(extra);
        let output = self.herald(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        stdout(&output).trim_end().to_string()
    }
}

/// Everything a release may change, captured for a byte-for-byte comparison.
#[derive(Debug, PartialEq, Eq)]
pub struct RepoState {
    pub refs: String,
    pub head: Vec<u8>,
    pub index: Option<Vec<u8>>,
    pub head_log: Option<Vec<u8>>,
    pub files: Vec<(String, Vec<u8>)>,
    pub objects: String,
}

impl TestRepo {
    /// herald as a command, with the test environment, not yet run.
    pub fn herald_command(&self, args: &[&str]) -> Command {
        self.herald_command_in(&self.path, args)
    }

    /// `herald -C <dir> …` with the test environment, not yet run.
    pub fn herald_command_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(herald_bin());
        command.env_clear().env("PATH", machine_path());
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command.arg("-C").arg(dir).args(args);
        command
    }

    /// Refs, HEAD, the index and HEAD's reflog as bytes, every work tree file's bytes, and
    /// the object counts.
    pub fn state(&self) -> RepoState {
        let git_dir = self.path.join(".git");
        let mut files = Vec::new();
        collect_files(&self.path, &self.path, &mut files);
        files.sort();
        let objects = self
            .git(&["count-objects", "-v"])
            .lines()
            .filter(|l| {
                l.starts_with("count:") || l.starts_with("in-pack:") || l.starts_with("packs:")
            })
            .collect::<Vec<_>>()
            .join(" ");
        RepoState {
            refs: self.git(&["for-each-ref", "--format=%(refname) %(objectname)"]),
            head: std::fs::read(git_dir.join("HEAD")).unwrap(),
            index: std::fs::read(git_dir.join("index")).ok(),
            head_log: std::fs::read(git_dir.join("logs/HEAD")).ok(),
            files,
            objects,
        }
    }
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            collect_files(root, &path, out);
        } else {
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            out.push((relative, std::fs::read(&path).unwrap()));
        }
    }
}

/// The monorepo of herald's plan, released as v1.4.2: two apps at that version, two
/// libraries with versions of their own, infrastructure and CI workflows, all committed.
pub fn plan_monorepo() -> TestRepo {
    let repo = TestRepo::new();
    let manifest = |name: &str, version: &str| {
        format!("{{\n  \"name\": \"{name}\",\n  \"version\": \"{version}\"\n}}\n")
    };
    repo.write("apps/express-api/package.json", &manifest("api", "1.4.2"));
    repo.write("apps/client-ui/package.json", &manifest("ui", "1.4.2"));
    repo.write(
        "packages/macro-ai-api-client/package.json",
        &manifest("client", "0.3.0"),
    );
    repo.write(
        "packages/ui-library/package.json",
        &manifest("lib", "0.7.1"),
    );
    repo.write("infrastructure/main.tf", "{}\n");
    repo.write(".github/workflows/deploy.yml", "on: push\n");
    repo.write(
        "package.json",
        "{\n  \"name\": \"macro-ai\",\n  \"version\": \"1.4.2\",\n  \"workspaces\": [\"apps/*\", \"packages/*\"]\n}\n",
    );
    repo.git(&["add", "-A"]);
    repo.commit("chore: start").tag("v1.4.2");
    repo
}
