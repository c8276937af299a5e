//! The reference histories a–z, as specs for [`super::mkhist::mkhist`], and what the real
//! release tools answered for each (the next version, or `none`).

/// `(name, spec)`.
pub const HISTORIES: &[(&str, &str)] = &[
    (
        "a",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
perf: x
"##,
    ),
    (
        "b",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
refactor: x
"##,
    ),
    (
        "c",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
docs: x
"##,
    ),
    (
        "d",
        r##"remote https://github.com/owner/repo.git
---
tag v0.4.2
---
commit
feat!: x
"##,
    ),
    (
        "e",
        r##"remote https://github.com/owner/repo.git
---
tag v0.4.2
---
commit
fix!: x
"##,
    ),
    (
        "f",
        r##"remote https://github.com/owner/repo.git
---
tag v0.4.2
---
commit
feat: x
"##,
    ),
    (
        "g",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat: x

BREAKING-CHANGE: y
"##,
    ),
    (
        "h1",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
revert: feat: old thing

This reverts commit 0123456789abcdef0123456789abcdef01234567.
"##,
    ),
    (
        "h2",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
Revert "feat: old thing"

This reverts commit 0123456789abcdef0123456789abcdef01234567.
"##,
    ),
    (
        "h3",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
revert: x
"##,
    ),
    (
        "i",
        r##"remote https://github.com/owner/repo.git
---
commit
feat: first
---
commit
fix: second
"##,
    ),
    (
        "i2",
        r##"remote https://github.com/owner/repo.git
---
commit
fix: only a fix
"##,
    ),
    (
        "i3",
        r##"remote https://github.com/owner/repo.git
---
commit
feat!: breaking first
"##,
    ),
    (
        "j",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
chore: a
---
commit
docs: b
---
commit
style: c
---
commit
test: d
"##,
    ),
    (
        "k",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat: thing
---
commit
Revert "feat: thing"

This reverts commit {sha:1}.
"##,
    ),
    (
        "k2",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat: thing
---
commit
revert: feat: thing

This reverts commit {sha:1}.
"##,
    ),
    (
        "l1",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
Feat: capitalised type
"##,
    ),
    (
        "l2",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat(api)!: x

BREAKING CHANGE: y
"##,
    ),
    (
        "l3",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
fix: x

breaking change: y
"##,
    ),
    (
        "m",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
branch topic
---
commit
feat: from topic
---
checkout main
---
merge topic
"##,
    ),
    (
        "n",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
fix: x

feat: something
"##,
    ),
    (
        "nb",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
fix: x

BEGIN_NESTED_COMMIT
feat(api): nested
END_NESTED_COMMIT
"##,
    ),
    (
        "o",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2-rc.1
---
commit
fix: x
"##,
    ),
    (
        "p",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat(api): add endpoint

Closes #12
---
commit
fix: crash on empty input (#34)
---
commit
perf(core): faster parse
---
commit
docs: readme
---
commit
refactor(cli)!: drop flag
---
commit
chore: deps

BREAKING CHANGE: node 20 required
---
commit
feat(ui): a second feature
---
commit
fix(api): handle <null> & stuff
"##,
    ),
    (
        "q",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
chore(deps): bump x
"##,
    ),
    (
        "ra",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
fix: x
---
commit
chore: release 3.0.0

Release-As: 3.0.0
"##,
    ),
    (
        "s",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat!: x
"##,
    ),
    (
        "t",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
update readme
"##,
    ),
    (
        "u",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
docs!: x
"##,
    ),
    (
        "v",
        r##"remote https://github.com/owner/repo.git
---
tag v0.0.3
---
commit
feat!: x
"##,
    ),
    (
        "x",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feature: x
"##,
    ),
    (
        "y",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat(api): x
---
commit
fix(api): y
---
atag v1.5.0
---
commit
fix: z
"##,
    ),
    (
        "z",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
"##,
    ),
    // Two branches whose commits interleave in time, merged: each tool lists the entries of
    // its notes in its own order (by date, topologically, or sorted).
    (
        "merged",
        r##"remote https://github.com/owner/repo.git
---
tag v1.4.2
---
commit
feat: alpha
---
branch topic
---
commit
feat: beta

BREAKING CHANGE: beta changed
---
checkout main
---
commit
feat: gamma
---
checkout topic
---
commit
fix: delta
---
checkout main
---
commit
fix: epsilon

BREAKING CHANGE: epsilon changed
---
merge topic
---
commit
fix: zeta
"##,
    ),
];

/// The spec of history `name`.
pub fn spec(name: &str) -> &'static str {
    HISTORIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .expect("a known history")
}

/// `(history, [cz, cz-default, cz-mvz, cog, cog-default])`: the real tools' answers
/// (commitizen 4.19.3 with `tag_format = "v$version"`, without it on bare tags, and with
/// `major_version_zero = true`; cocogitto 7.0.0 with `tag_prefix = "v"`, and without it
/// on bare tags).
pub const ANSWERS: &[(&str, [&str; 5])] = &[
    ("a", ["1.4.3", "1.4.3", "1.4.3", "none", "none"]),
    ("b", ["1.4.3", "1.4.3", "1.4.3", "none", "none"]),
    ("c", ["none", "none", "none", "none", "none"]),
    ("d", ["1.0.0", "1.0.0", "0.5.0", "0.5.0", "0.5.0"]),
    ("e", ["1.0.0", "1.0.0", "0.5.0", "0.4.3", "0.4.3"]),
    ("f", ["0.5.0", "0.5.0", "0.5.0", "0.5.0", "0.5.0"]),
    ("g", ["2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0"]),
    ("h1", ["none", "none", "none", "none", "none"]),
    ("h2", ["none", "none", "none", "none", "none"]),
    ("h3", ["none", "none", "none", "none", "none"]),
    ("i", ["0.1.0", "0.1.0", "0.1.0", "0.1.0", "0.1.0"]),
    ("i2", ["0.0.2", "0.0.2", "0.0.2", "0.0.1", "0.0.1"]),
    ("i3", ["1.0.0", "1.0.0", "0.1.0", "0.1.0", "0.1.0"]),
    ("j", ["none", "none", "none", "none", "none"]),
    ("k", ["1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0"]),
    ("k2", ["1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0"]),
    ("l1", ["none", "none", "none", "1.5.0", "1.5.0"]),
    ("l2", ["2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0"]),
    ("l3", ["1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3"]),
    ("m", ["1.5.0", "1.5.0", "1.5.0", "1.5.0", "1.5.0"]),
    ("n", ["1.5.0", "1.5.0", "1.5.0", "1.4.3", "1.4.3"]),
    ("nb", ["1.5.0", "1.5.0", "1.5.0", "1.4.3", "1.4.3"]),
    ("o", ["1.4.2", "1.4.2", "1.4.2", "1.4.2", "1.4.2"]),
    ("p", ["2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0"]),
    ("q", ["none", "none", "none", "none", "none"]),
    ("ra", ["1.4.3", "1.4.3", "1.4.3", "1.4.3", "1.4.3"]),
    ("s", ["2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0"]),
    ("t", ["none", "none", "none", "none", "none"]),
    ("u", ["2.0.0", "2.0.0", "1.5.0", "2.0.0", "2.0.0"]),
    ("v", ["1.0.0", "1.0.0", "0.1.0", "0.1.0", "0.1.0"]),
    ("x", ["1.5.0", "1.5.0", "1.5.0", "none", "none"]),
    ("y", ["1.5.1", "1.5.1", "1.5.1", "1.5.1", "1.5.1"]),
    ("z", ["none", "none", "none", "none", "none"]),
];
