//! The files each commit changed against its first parent, as herald reads them for path
//! rules and components, are the files `git log` lists for it, in the same order, however
//! many threads compared the trees: a history long enough to be split among threads says
//! the same as git, with and without a commit-graph.

mod common;

use std::collections::HashMap;

use herald::model::WalkOrder;
use herald::repo::{Messages, Repo, WalkRequest};

use common::{Lcg, TestRepo};

/// More commits than one thread compares alone.
const COMMITS: usize = 5_000;

/// The commit (on the main branch, not a merge) that replaces a file by a directory.
const REPLACING: usize = 2_501;

const DIRS: [&str; 6] = [
    "apps/api/src",
    "apps/api/src/db/migrations",
    "apps/web/src",
    "apps/web-ui",
    "infrastructure",
    "packages/ui-library/components",
];

/// A monorepo's history through `git fast-import`: each commit changes one to three files
/// in nested directories or deletes one, a side branch is merged back now and then, and
/// once a file is replaced by a directory of the same name.
fn monorepo(repo: &TestRepo) {
    let mut random = Lcg(7);
    let mut stream = String::new();
    let mut main_tip: Option<usize> = None;
    let mut side_tip: Option<usize> = None;
    for n in 1..=COMMITS {
        let to_side = n % 7 == 3;
        let branch = if to_side { "side" } else { "main" };
        stream.push_str(&format!(
            "commit refs/heads/{branch}\nmark :{n}\ncommitter A <a@b> {} +0000\ndata <<END\nfeat: change {n}\nEND\n",
            1_767_225_600 + n * 60
        ));
        let tip = if to_side {
            side_tip.or(main_tip)
        } else {
            main_tip
        };
        if let Some(tip) = tip {
            stream.push_str(&format!("from :{tip}\n"));
        }
        if !to_side && n % 50 == 0 {
            if let Some(side) = side_tip {
                stream.push_str(&format!("merge :{side}\n"));
            }
        }
        if n == REPLACING {
            stream.push_str("D infrastructure/main.tf\n");
            stream.push_str("M 644 inline infrastructure/main.tf/vpc.tf\ndata 4\nvpc\n\n");
        } else if n > 20 && random.next(9) == 0 {
            let dir = DIRS[random.next(DIRS.len())];
            stream.push_str(&format!("D {dir}/f{}.ts\n", random.next(12)));
        } else {
            for _ in 0..=random.next(3) {
                let dir = DIRS[random.next(DIRS.len())];
                let content = format!("{n}\n");
                stream.push_str(&format!(
                    "M 644 inline {dir}/f{}.ts\ndata {}\n{content}\n",
                    random.next(12),
                    content.len()
                ));
            }
            if n == 1 {
                stream.push_str("M 644 inline infrastructure/main.tf\ndata 5\nmain\n\n");
            }
        }
        if to_side {
            side_tip = Some(n);
        } else {
            main_tip = Some(n);
        }
    }
    repo.fast_import(&stream, &[]);
}

/// The files git lists for each commit: a merge's against its first parent, a root
/// commit's all.
fn git_paths(repo: &TestRepo) -> HashMap<String, Vec<String>> {
    let log = repo.git(&[
        "-c",
        "core.quotePath=false",
        "log",
        "--format=%x00%H",
        "--name-only",
        "--no-renames",
        "--diff-merges=first-parent",
        "--root",
    ]);
    log.split('\0')
        .filter(|record| !record.is_empty())
        .map(|record| {
            let mut lines = record.lines().filter(|line| !line.is_empty());
            let id = lines.next().expect("an id").to_string();
            (id, lines.map(str::to_string).collect())
        })
        .collect()
}

/// The files herald reads for each commit, in a walk from HEAD without the cache.
fn herald_paths(repo: &TestRepo) -> Vec<(String, Vec<String>)> {
    let cache = repo.path().join(".git/herald");
    let _ = std::fs::remove_dir_all(&cache);
    let head = repo.head();
    let walk = WalkRequest {
        to: &head,
        order: WalkOrder::Topological,
        with_paths: true,
        messages: Messages::Whole,
    };
    let history = Repo::open(repo.path())
        .unwrap()
        .history(&walk, &[])
        .unwrap();
    let _ = std::fs::remove_dir_all(&cache);
    history
        .commits
        .into_iter()
        .map(|commit| (commit.id, commit.paths))
        .collect()
}

fn assert_same(repo: &TestRepo, git: &HashMap<String, Vec<String>>, case: &str) {
    let herald = herald_paths(repo);
    assert_eq!(herald.len(), git.len(), "{case}: every commit is walked");
    for (id, paths) in &herald {
        assert_eq!(Some(paths), git.get(id), "{case}: the files of {id}");
    }
}

#[test]
fn a_long_history_lists_the_files_git_lists_for_each_commit() {
    let repo = TestRepo::new();
    monorepo(&repo);
    let git = git_paths(&repo);
    assert!(git.len() >= COMMITS);
    assert!(
        git.values()
            .any(|paths| paths == &["infrastructure/main.tf", "infrastructure/main.tf/vpc.tf"]),
        "a file replaced by a directory"
    );
    assert_same(&repo, &git, "without a commit-graph");
    repo.git(&["commit-graph", "write", "--reachable"]);
    assert_same(&repo, &git, "with a commit-graph");
}
