//! Histories written as specs, built the way the reference builder builds them: fixed
//! identity `Herald Test <herald@example.com>`, commit k dated 2024-01-01T00:00Z + k
//! minutes, a fresh file `cN.txt` per commit, branch `main`. The same spec gives the same
//! commit ids, so release notes can be compared byte for byte with the real tools' output.
//!
//! Spec: records separated by a line `---`; a record's first line is a directive
//! (`tag NAME`, `atag NAME`, `commit [files=a,b] [date=K]`, `branch NAME`, `checkout NAME`,
//! `merge NAME`, `remote URL`; `date=K` dates the commit 2024-01-01T00:00Z + K minutes
//! instead, so dates can go against the history), the rest is the message (`{sha:N}`/`{short:N}` name the
//! N-th commit record).

use std::path::Path;
use std::process::Output;

use super::{TestRepo, herald_bin};

const BASE: u64 = 1_704_067_200; // 2024-01-01T00:00:00Z
/// 2026-11-25, the day the reference outputs were made.
pub const REFERENCE_DAY: &str = "1795564800";

struct Builder<'a> {
    repo: &'a TestRepo,
    n: u64,
    /// The minutes after 2024-01-01T00:00Z the next dated command uses instead of `n`.
    at: Option<u64>,
    shas: Vec<String>,
}

impl Builder<'_> {
    fn git(&self, args: &[&str], dated: bool) -> String {
        let mut command = self.repo.git_command(self.repo.path());
        command
            .env("GIT_AUTHOR_NAME", "Herald Test")
            .env("GIT_AUTHOR_EMAIL", "herald@example.com")
            .env("GIT_COMMITTER_NAME", "Herald Test")
            .env("GIT_COMMITTER_EMAIL", "herald@example.com");
        if dated {
            let date = format!("@{} +0000", BASE + self.at.unwrap_or(self.n) * 60);
            command
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date);
        }
        let output = command
            .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
            .args(["-c", "core.autocrlf=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn ensure_commit(&mut self) {
        let has = self
            .repo
            .git_command(self.repo.path())
            .args(["rev-parse", "-q", "--verify", "HEAD"])
            .output()
            .unwrap()
            .status
            .success();
        if !has {
            self.n += 1;
            std::fs::write(self.repo.path().join("init.txt"), "init\n").unwrap();
            self.git(&["add", "init.txt"], true);
            self.git(
                &[
                    "commit",
                    "-q",
                    "--cleanup=verbatim",
                    "-m",
                    "chore: initial commit",
                ],
                true,
            );
        }
    }

    fn expand(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (i, sha) in self.shas.iter().enumerate() {
            out = out.replace(&format!("{{sha:{}}}", i + 1), sha);
            out = out.replace(&format!("{{short:{}}}", i + 1), &sha[..7]);
        }
        out
    }

    fn record(&mut self, record: &str) {
        let record = record.trim_start_matches('\n');
        let (first, rest) = record.split_once('\n').unwrap_or((record, ""));
        let rest = rest.trim_end_matches('\n');
        let (directive, arg) = first.split_once(' ').unwrap_or((first, ""));
        match directive {
            "tag" => {
                self.ensure_commit();
                self.git(&["tag", arg], false);
            }
            "atag" => {
                self.ensure_commit();
                self.n += 1;
                self.git(&["tag", "-a", "-m", arg, arg], true);
            }
            "commit" => {
                let index = self.shas.len() + 1;
                let option = |key: &str| {
                    arg.split_whitespace()
                        .find_map(|word| word.strip_prefix(key).map(str::to_string))
                };
                let files = option("files=").unwrap_or_else(|| format!("c{index}.txt"));
                self.at = option("date=").map(|k| k.parse().expect("date=K takes minutes"));
                self.n += 1;
                for file in files.split(',') {
                    let path = self.repo.path().join(file);
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    let mut content = std::fs::read_to_string(&path).unwrap_or_default();
                    content.push_str(&format!("change {index}\n"));
                    std::fs::write(&path, content).unwrap();
                    self.git(&["add", "--", file], false);
                }
                let message = self.expand(rest);
                self.git(
                    &[
                        "commit",
                        "-q",
                        "--cleanup=verbatim",
                        "--allow-empty",
                        "-m",
                        &message,
                    ],
                    true,
                );
                self.at = None;
                let sha = self.git(&["rev-parse", "HEAD"], false);
                self.shas.push(sha);
            }
            "branch" => {
                self.git(&["checkout", "-q", "-b", arg], false);
            }
            "checkout" => {
                self.git(&["checkout", "-q", arg], false);
            }
            "merge" => {
                self.n += 1;
                let message = if rest.is_empty() {
                    format!("Merge branch '{arg}'")
                } else {
                    self.expand(rest)
                };
                self.git(
                    &["merge", "-q", "--no-ff", "--no-edit", "-m", &message, arg],
                    true,
                );
            }
            "remote" => {
                self.git(&["remote", "add", "origin", arg], false);
            }
            "" => {}
            other => panic!("unknown directive {other}"),
        }
    }
}

/// A repository built from a spec.
pub fn mkhist(spec: &str) -> TestRepo {
    let repo = TestRepo::new();
    let mut builder = Builder {
        repo: &repo,
        n: 0,
        at: None,
        shas: Vec::new(),
    };
    let mut record = String::new();
    for line in spec.split('\n') {
        if line == "---" {
            if !record.trim().is_empty() {
                builder.record(record.trim_end_matches('\n'));
            }
            record.clear();
        } else {
            record.push_str(line);
            record.push('\n');
        }
    }
    if !record.trim().is_empty() {
        builder.record(record.trim_end_matches('\n'));
    }
    repo
}

/// `herald -C <repo> …` on the day the reference outputs were made.
pub fn herald_on_reference_day(repo: &TestRepo, args: &[&str]) -> Output {
    herald_in_env(
        repo.path(),
        repo,
        args,
        &[("SOURCE_DATE_EPOCH", REFERENCE_DAY)],
    )
}

/// `herald -C <dir> …` with the test environment plus `extra`.
pub fn herald_in_env(dir: &Path, repo: &TestRepo, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut command = std::process::Command::new(herald_bin());
    command.env_clear().env("PATH", super::machine_path());
    for (key, value) in repo.env() {
        command.env(key, value);
    }
    for (key, value) in extra {
        command.env(key, value);
    }
    command.arg("-C").arg(dir).args(args).output().unwrap()
}
