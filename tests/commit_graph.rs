//! With git's commit-graph, herald walks history from the graph instead of the commits
//! themselves; every engine must answer exactly as without one, whether the graph holds
//! the whole history, misses the newest commits, or is split in layers. What a long walk
//! reads of each commit is kept between runs (`herald/cache-v1/commits`, and for herald's
//! own rules, which read messages summarized, `commit-summaries`): a run that reads the
//! cache must answer exactly as one that reads git, whatever the file holds.

mod common;

use common::{Lcg, TestRepo, code, stdout};

const ENGINES: [&str; 6] = [
    "herald",
    "semantic-release",
    "release-please",
    "commitizen",
    "cocogitto",
    "git-cliff",
];

const MESSAGES: [&str; 8] = [
    "feat(api): add an endpoint",
    "fix(ui): a button",
    "chore: tidy",
    "docs: readme",
    "perf: faster start",
    "refactor(core): split",
    "feat!: drop the old routes",
    "update stuff",
];

/// Appends `count` commits to `branch` through `git fast-import`: side branches merged
/// back, one octopus, dates tied and running backwards, and tags (a pre-release among
/// them) at the marks `tags` names.
fn grow(
    repo: &TestRepo,
    branch_from: Option<&str>,
    count: usize,
    seed: u64,
    tags: &[(usize, &str)],
) {
    let mut random = Lcg(seed);
    let mut stream = String::new();
    let mut marks: Vec<usize> = Vec::new();
    let mark = |n: usize| n + 1 + seed as usize * 10_000;
    for n in 0..count {
        let time = 1_767_225_600 + (n as u64) * 60 - random.next(4) as u64 * 90;
        let message = MESSAGES[random.next(MESSAGES.len())];
        // Now and then a long body, which herald's rules read summarized, with footers.
        let message = match random.next(4) {
            0 => format!(
                "{message} {n}\n\n{}\n\nRefs: #{n}\nBREAKING CHANGE: gone {n}",
                "A long body line.\n".repeat(20)
            ),
            1 => format!("{message} {n}\n\n{}", "Only a body.\n".repeat(30)),
            _ => format!("{message} {n}"),
        };
        stream.push_str(&format!(
            "commit refs/heads/main\nmark :{}\ncommitter A <a@b> {time} +0000\ndata {}\n{message}\n",
            mark(n),
            message.len() + 1
        ));
        match (n, marks.last()) {
            (0, _) => {
                if let Some(from) = branch_from {
                    stream.push_str(&format!("from {from}\n"));
                }
            }
            (_, Some(&previous)) => {
                stream.push_str(&format!("from :{}\n", mark(previous)));
                // Now and then a merge of an older commit, and once an octopus.
                if n % 17 == 0 && marks.len() > 6 {
                    let side = marks[marks.len() - 2 - random.next(4)];
                    stream.push_str(&format!("merge :{}\n", mark(side)));
                    if n == 34 {
                        stream.push_str(&format!("merge :{}\n", mark(marks[marks.len() - 6])));
                    }
                }
            }
            _ => {}
        }
        let content = format!("{n}\n");
        stream.push_str(&format!(
            "M 644 inline file{}.txt\ndata {}\n{content}\n",
            n % 5,
            content.len()
        ));
        marks.push(n);
    }
    for (at, name) in tags {
        stream.push_str(&format!("reset refs/tags/{name}\nfrom :{}\n\n", mark(*at)));
    }
    repo.fast_import(&stream, &["--force"]);
}

/// Every engine's preview, as JSON and with `--explain` (each commit in the order the
/// engine lists them), one after the other.
fn previews(repo: &TestRepo, config: &std::path::Path) -> Vec<String> {
    previews_with(repo, config, || {})
}

/// [`previews`], calling `before` ahead of each.
fn previews_with(repo: &TestRepo, config: &std::path::Path, before: impl Fn()) -> Vec<String> {
    let mut all = Vec::new();
    for engine in ENGINES {
        std::fs::write(config, format!("engine = \"{engine}\"\n")).unwrap();
        let config = config.display().to_string();
        for format in [&["--format", "json"][..], &["--explain"][..]] {
            let mut args = vec!["--config", &config, "preview"];
            args.extend(format);
            before();
            let output = repo.herald(&args);
            assert_eq!(code(&output), 0, "{engine}: {}", common::stderr(&output));
            all.push(stdout(&output));
        }
    }
    all
}

fn graph_files(repo: &TestRepo) -> usize {
    let info = repo.path().join(".git/objects/info");
    let single = usize::from(info.join("commit-graph").exists());
    let layers = std::fs::read_dir(info.join("commit-graphs"))
        .map(|d| d.count())
        .unwrap_or(0);
    single + layers
}

#[test]
fn every_engine_answers_the_same_with_and_without_a_commit_graph() {
    let repo = TestRepo::new();
    let config = repo.scratch("herald.toml");
    grow(
        &repo,
        None,
        240,
        1,
        &[
            (40, "v1.0.0"),
            (90, "v1.1.0-rc.1"),
            (120, "v1.1.0"),
            (200, "v1.2.0-beta.1"),
        ],
    );
    let without = previews(&repo, &config);

    repo.git(&["commit-graph", "write", "--reachable"]);
    assert_eq!(graph_files(&repo), 1);
    assert_eq!(
        previews(&repo, &config),
        without,
        "with a graph of the whole history"
    );

    // Commits made since the graph was written are read from their objects.
    let tip = repo.head();
    grow(&repo, Some(&tip), 60, 2, &[]);
    let grown = previews(&repo, &config);
    std::fs::remove_file(repo.path().join(".git/objects/info/commit-graph")).unwrap();
    assert_eq!(
        previews(&repo, &config),
        grown,
        "with the newest commits outside the graph"
    );

    // A split graph: a layer for the old history, another for the new.
    repo.git(&["rev-parse", &tip]);
    let mut base = repo.git_command(repo.path());
    base.args([
        "commit-graph",
        "write",
        "--stdin-commits",
        "--split=no-merge",
    ]);
    let written = common::with_stdin(&mut base, format!("{tip}\n").as_bytes());
    assert!(written.status.success(), "{}", common::stderr(&written));
    repo.git(&["commit-graph", "write", "--reachable", "--split=no-merge"]);
    assert!(graph_files(&repo) >= 3, "a chain of two layers");
    assert_eq!(previews(&repo, &config), grown, "with a split graph");
}

#[test]
fn a_damaged_commit_graph_changes_nothing() {
    let repo = TestRepo::new();
    let config = repo.scratch("herald.toml");
    grow(&repo, None, 80, 3, &[(20, "v1.0.0")]);
    let without = previews(&repo, &config);
    repo.git(&["commit-graph", "write", "--reachable"]);
    let file = repo.path().join(".git/objects/info/commit-graph");
    let mut bytes = std::fs::read(&file).unwrap();
    // Parent positions beyond the graph, in every record.
    let len = bytes.len();
    for byte in &mut bytes[len / 2..len - 40] {
        *byte = 0x6f;
    }
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(previews(&repo, &config), without);
}

fn commits_cache(repo: &TestRepo) -> std::path::PathBuf {
    repo.path().join(".git/herald/cache-v1/commits")
}

/// Where herald's own rules keep the commits they read, summarized.
fn summaries_cache(repo: &TestRepo) -> std::path::PathBuf {
    repo.path().join(".git/herald/cache-v1/commit-summaries")
}

fn both_caches(repo: &TestRepo) -> [std::path::PathBuf; 2] {
    [commits_cache(repo), summaries_cache(repo)]
}

fn read_both(repo: &TestRepo) -> Vec<Vec<u8>> {
    both_caches(repo)
        .iter()
        .map(|file| std::fs::read(file).unwrap())
        .collect()
}

/// Every engine's previews, each read from git with no commits cache.
fn previews_from_git(repo: &TestRepo, config: &std::path::Path) -> Vec<String> {
    previews_with(repo, config, || {
        for file in both_caches(repo) {
            let _ = std::fs::remove_file(file);
        }
    })
}

#[test]
fn what_a_long_walk_reads_is_kept_and_answers_the_same() {
    let repo = TestRepo::new();
    let config = repo.scratch("herald.toml");
    grow(
        &repo,
        None,
        1_300,
        4,
        &[(30, "v1.0.0"), (60, "v1.1.0-rc.1")],
    );
    repo.git(&["commit-graph", "write", "--reachable"]);
    let from_git = previews_from_git(&repo, &config);
    assert_eq!(previews(&repo, &config), from_git, "keeping them");
    for file in both_caches(&repo) {
        assert!(file.exists(), "a walk of 1,270 commits keeps them");
    }
    let [whole, summaries] = &read_both(&repo)[..] else {
        unreachable!()
    };
    assert!(summaries.len() < whole.len() / 2, "long bodies left out");

    // Each engine after the first reads what the first kept: the configuration shapes
    // none of it.
    std::fs::remove_file(commits_cache(&repo)).unwrap();
    assert_eq!(previews(&repo, &config), from_git, "read from the cache");

    // A few new commits: the cache has the others, git gives these (and they are not
    // written: too few to be worth rewriting the file).
    let kept = read_both(&repo);
    let tip = repo.head();
    grow(&repo, Some(&tip), 50, 5, &[]);
    let cached = previews(&repo, &config);
    assert_eq!(read_both(&repo), kept);
    assert_eq!(cached, previews_from_git(&repo, &config), "50 new commits");

    // Many: read from git and kept beside the others.
    previews(&repo, &config);
    let kept = read_both(&repo);
    let tip = repo.head();
    grow(&repo, Some(&tip), 1_100, 6, &[]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    let cached = previews(&repo, &config);
    for (now, before) in read_both(&repo).iter().zip(&kept) {
        assert!(now.len() > before.len());
    }
    assert_eq!(
        cached,
        previews_from_git(&repo, &config),
        "1,100 new commits"
    );
}

#[test]
fn a_rewritten_history_is_read_afresh() {
    let repo = TestRepo::new();
    let config = repo.scratch("herald.toml");
    grow(&repo, None, 1_200, 7, &[(10, "v1.0.0")]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    previews(&repo, &config);
    for file in both_caches(&repo) {
        assert!(file.exists());
    }
    // The same shape of history with other messages and dates: every id changes.
    repo.git(&["tag", "-d", "v1.0.0"]);
    grow(&repo, None, 1_200, 8, &[(10, "v1.0.0")]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    let cached = previews(&repo, &config);
    assert_eq!(cached, previews_from_git(&repo, &config));
}

#[test]
fn a_damaged_commits_cache_changes_nothing() {
    let repo = TestRepo::new();
    let config = repo.scratch("herald.toml");
    grow(&repo, None, 1_100, 9, &[(10, "v1.0.0")]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    let from_git = previews_from_git(&repo, &config);
    repo.herald(&["preview"]);
    let files = [
        (commits_cache(&repo), "herald commits\n"),
        (summaries_cache(&repo), "herald commit summaries\n"),
    ];
    for (file, magic) in files {
        let whole = std::fs::read(&file).unwrap();
        let middle = whole.len() / 2;
        let mut flipped = whole.clone();
        flipped[middle] ^= 0x20;
        let mut foreign = whole.clone();
        // Another format version, its checksum made right.
        foreign[magic.len()] = 9;
        let body = foreign.len() - 8;
        let checksum = xxhash_rust::xxh3::xxh3_64(&foreign[..body]);
        foreign[body..].copy_from_slice(&checksum.to_le_bytes());
        let damages: [(&str, Vec<u8>); 5] = [
            ("cut short", whole[..middle].to_vec()),
            ("a byte changed", flipped),
            ("another version", foreign),
            ("empty", Vec::new()),
            ("not a cache", b"garbage".repeat(1000)),
        ];
        for (damage, bytes) in damages {
            std::fs::write(&file, &bytes).unwrap();
            assert_eq!(previews(&repo, &config), from_git, "{magic:?} {damage}");
            assert_ne!(
                std::fs::read(&file).unwrap(),
                bytes,
                "{magic:?} {damage}: written again"
            );
        }
    }
}

#[test]
fn a_walk_far_shorter_than_the_cache_neither_reads_nor_writes_it() {
    let repo = TestRepo::new();
    grow(&repo, None, 20_000, 11, &[]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    // herald's own rules: the cache of summaries.
    repo.herald(&["preview", "--next-version"]);
    let whole = std::fs::read(summaries_cache(&repo)).unwrap();
    // A release 1,050 commits back: a walk of 1,050 beside 20,000 cached commits.
    repo.git(&["tag", "v1.0.0", "HEAD~1050"]);
    let preview = || {
        let output = repo.herald(&["preview", "--format", "json"]);
        assert_eq!(code(&output), 0, "{}", common::stderr(&output));
        stdout(&output)
    };
    std::fs::remove_file(summaries_cache(&repo)).unwrap();
    let from_git = preview();
    std::fs::remove_file(summaries_cache(&repo)).unwrap();
    // The header of the real cache (20,000 entries) before a body that is not one: a
    // walk that loaded it would find it damaged, read git and write the file again.
    let header = b"herald commit summaries\n".len() + 4 + 1 + 4;
    let mut unreadable = whole[..header].to_vec();
    unreadable.extend(b"garbage".repeat(1000));
    std::fs::write(summaries_cache(&repo), &unreadable).unwrap();
    assert_eq!(preview(), from_git);
    assert_eq!(std::fs::read(summaries_cache(&repo)).unwrap(), unreadable);
}

/// Each tag's commit and date, as herald reads them.
fn tags_read(repo: &TestRepo) -> Vec<(String, String, i64)> {
    let opened = herald::repo::Repo::open(repo.path()).unwrap();
    let format = herald::model::TagFormat::new("v{version}", None);
    let (mut tags, _) = opened.version_tags(&format).unwrap();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    tags.into_iter()
        .map(|tag| {
            let time = opened.commit_time(&tag.target).unwrap();
            (tag.name, tag.target, time)
        })
        .collect()
}

#[test]
fn tags_read_from_the_graph_and_packed_refs_are_the_tags_git_peels() {
    let repo = TestRepo::new();
    repo.commit("feat: one").tag("v1.0.0");
    repo.commit("feat: two");
    repo.git(&["tag", "-a", "v1.1.0", "-m", "annotated"]);
    repo.git(&["tag", "-a", "inner", "-m", "inner", "HEAD~1"]);
    repo.git(&["tag", "-a", "v1.2.0", "-m", "a tag of a tag", "inner"]);
    repo.git(&["tag", "v2.0.0", "HEAD^{tree}"]);
    let blob = repo.git(&["rev-parse", "HEAD:changes.txt"]);
    let blob = blob.trim();
    repo.git(&["tag", "-a", "v2.1.0", "-m", "a tag of a blob", blob]);
    repo.git(&["commit-graph", "write", "--reachable"]);
    // Commits the graph does not hold yet.
    repo.commit("feat: three").tag("v1.3.0");
    repo.git(&["tag", "-a", "v1.4.0", "-m", "annotated, after the graph"]);

    let expected: Vec<(String, String, i64)> = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0"]
        .iter()
        .map(|name| {
            let commit = repo.git(&["rev-parse", &format!("{name}^{{commit}}")]);
            let time = repo.git(&["log", "-1", "--format=%ct", commit.trim()]);
            (
                name.to_string(),
                commit.trim().to_string(),
                time.trim().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(tags_read(&repo), expected, "loose refs, with a graph");
    repo.git(&["pack-refs", "--all"]);
    assert_eq!(tags_read(&repo), expected, "packed refs, peeled");
    std::fs::remove_file(repo.path().join(".git/objects/info/commit-graph")).unwrap();
    assert_eq!(tags_read(&repo), expected, "without a graph");
}
