#!/usr/bin/env python3
"""Random Conventional-Commit histories for the differential check.  Python 3 stdlib only.

    from run_random import histories
    for hid, records, spec in histories(n=200, seed=1): ...

Each history is a spec for mkhist.sh (see its header) and the same records as a list.
What is generated:
  * the starting tag: none / v0.x.y / v1-3.x.y / v1.x.y-rc.N;
  * 0-6 commits: feat, fix, perf, refactor, docs, chore, style, test, build, ci, custom types
    (deps, wip, release, security), `Feat`/`Fix`/`FEAT`, `feature`, with an optional scope
    and `!`; `BREAKING CHANGE`/`BREAKING-CHANGE` footers and `Closes #N`;
  * conventional and git-style reverts of commits in the range or of a commit outside it,
    and a plain `revert:`; messages that are not conventional; a conventional header as a
    body line;
  * `--no-ff` merges of topic branches.
The same (n, seed) gives the same histories, and the same commit hashes, on any machine.

Rich histories (gen_rich_history, `--shape rich`; the configuration families of families.py
generate theirs with it, with their own tag formats, commit types and package paths):
  * several releases: tags mid-range and sometimes on HEAD, pre-release tags after stable
    ones (in the family's spelling: `-rc.1`, `-rc1`, `rc1`, `-beta.01`, `-beta`), a tag on a
    branch that is never merged, tags that are not versions;
  * a branch forked before a release and merged after it, topic branches merged as
    `Merge pull request #N from owner/branch`, squash-merge subjects `feat: x (#123)`,
    commit dates against the history order;
  * descriptions with markdown, `<html>`, `#N`, `@user`, Unicode (accents, CJK, emoji) and
    mixed case; scopes with capitals and accents; bodies with lists and code;
  * footers and trailers: `Signed-off-by`, `Co-authored-by`, `Reviewed-by`, `Refs`,
    `Closes`/`Fixes`, multi-line `BREAKING CHANGE`, `Release-As: x.y.z`;
  * authors with accents; now and then a history of a few hundred commits;
  * monorepos: commits touching files under the packages' paths, tags per package.

Print the specs (to rebuild one: scripts/compat/mkhist.sh DIR SPECFILE):
    python3 run_random.py -n 200 --seed 1 [--only 17] [--shape rich]
"""
import argparse
import random

WORDS = ["parser", "cache", "login", "export", "retry", "config", "docs page", "api client",
         "timeout", "button", "logging", "schema", "index", "upload", "theme"]
SCOPES = ["api", "cli", "core", "ui", "deps", "db", "auth"]
# (weight, kind)
KINDS = [(20, "feat"), (18, "fix"), (6, "perf"), (6, "refactor"), (6, "docs"), (7, "chore"),
         (2, "style"), (2, "test"), (2, "build"), (2, "ci"), (2, "custom"), (2, "capital"),
         (4, "revert-conv"), (3, "revert-git"), (2, "revert-plain"), (3, "nonconv"),
         (2, "body-header"), (1, "feature")]


def wchoice(rng, items):
    total = sum(w for w, _ in items)
    x = rng.uniform(0, total)
    for w, k in items:
        x -= w
        if x <= 0:
            return k
    return items[-1][1]


def gen_history(rng):
    """Returns (structured list of records, spec text)."""
    recs = []
    r = rng.random()
    if r < 0.12:
        start = None
    elif r < 0.45:
        start = f"v0.{rng.randint(0, 5)}.{rng.randint(0, 4)}"
    elif r < 0.95:
        start = f"v{rng.randint(1, 3)}.{rng.randint(0, 5)}.{rng.randint(0, 4)}"
    else:
        start = f"v1.{rng.randint(0, 3)}.{rng.randint(0, 3)}-rc.{rng.randint(1, 3)}"
    recs.append({"op": "remote", "arg": "https://github.com/owner/repo.git"})
    if start:
        recs.append({"op": "tag", "arg": start})
    n = 0 if (start and rng.random() < 0.04) else rng.randint(1, 6)
    headers = []  # (index, header) of commits made so far, 1-based index

    def one_commit():
        kind = wchoice(rng, KINDS)
        desc = rng.choice(WORDS)
        scope = f"({rng.choice(SCOPES)})" if rng.random() < 0.4 else ""
        bang = "!" if rng.random() < 0.08 else ""
        body = []
        if kind in ("feat", "fix", "perf", "refactor", "docs", "chore", "style", "test", "build", "ci"):
            header = f"{kind}{scope}{bang}: {desc}"
        elif kind == "feature":
            header = f"feature{scope}{bang}: {desc}"
        elif kind == "custom":
            header = f"{rng.choice(['deps', 'wip', 'release', 'security'])}{scope}{bang}: {desc}"
        elif kind == "capital":
            header = f"{rng.choice(['Feat', 'Fix', 'FEAT'])}{scope}: {desc}"
        elif kind == "nonconv":
            header = rng.choice(["update " + desc, "WIP", "Merge stuff", f"{desc} tweaks"])
        elif kind == "body-header":
            header = f"fix{scope}: {desc}"
            body = ["", f"{rng.choice(['feat', 'refactor', 'perf'])}: {rng.choice(WORDS)}"]
        elif kind.startswith("revert"):
            if kind == "revert-plain" or (not headers and rng.random() < 0.5):
                header = f"revert: {desc}"
            else:
                if headers and rng.random() < 0.7:
                    idx, h = rng.choice(headers)
                    ref = "{sha:%d}" % idx
                else:
                    h, ref = f"feat: old {desc}", "0123456789abcdef0123456789abcdef01234567"
                header = f"revert: {h}" if kind == "revert-conv" else f'Revert "{h}"'
                body = ["", f"This reverts commit {ref}."]
        else:
            header = f"chore: {desc}"
        if kind not in ("nonconv",) and rng.random() < 0.10:
            body += ["", f"{rng.choice(['BREAKING CHANGE', 'BREAKING-CHANGE'])}: {rng.choice(WORDS)} changed"]
        if rng.random() < 0.08:
            body += ["", f"Closes #{rng.randint(1, 99)}"]
        return header, body

    count = 0
    while count < n:
        if count > 0 and rng.random() < 0.12:
            # a topic branch with 1-2 commits merged with --no-ff
            bname = "topic%d" % count
            recs.append({"op": "branch", "arg": bname})
            k = rng.randint(1, 2)
            for _ in range(k):
                header, body = one_commit()
                count += 1
                recs.append({"op": "commit", "msg": "\n".join([header] + body)})
                headers.append((count, header))
            recs.append({"op": "checkout", "arg": "main"})
            if rng.random() < 0.5:
                header, body = one_commit()
                count += 1
                recs.append({"op": "commit", "msg": "\n".join([header] + body)})
                headers.append((count, header))
            recs.append({"op": "merge", "arg": bname})
        else:
            header, body = one_commit()
            count += 1
            recs.append({"op": "commit", "msg": "\n".join([header] + body)})
            headers.append((count, header))
    return recs, to_spec(recs)


# ---------------------------------------------------------------- rich histories
RICH_DESCRIPTIONS = [
    "add `--dry-run` to the **export** command", "handle <null> & <undefined> in forms",
    "support [OAuth](https://oauth.net) login", "Add API for iOS clients", "use URL parser from std",
    "café menu shows prices in €", "naïve dates are UTC now", "日本語のメッセージを修正",
    "支持中文路径", "🚀 faster startup", "emoji ✨ in titles", "Zoë's fix for Ünicode names",
    "fix #42 crash on empty input", "thanks @octocat for the report", "_underscored_ words and *stars*",
    "a very long description that goes on and on to test how tools wrap or keep long lines in notes",
    "UPPER case description", "mixed Case Description", "ßharp s and İstanbul",
    "trailing dots...", "keep `a|b` pipes | and \\ backslashes", "résumé upload", "Ärger mit Ölen",
]
RICH_SCOPES = SCOPES + ["API", "ui-kit", "café", "i18n", "Core", "deps-dev"]
RICH_BODIES = [
    "This changes how the cache is filled:\n\n- entries expire after 5 minutes\n- `max_size` is respected\n* old entries are dropped",
    "Before, the parser **crashed** on `{}`; now it returns an empty list.\n\n```js\nparse('{}')\n```",
    "Long explanation line one\nline two of the same paragraph\nline three.",
    "See https://example.com/docs#section and #17 for background.",
    "Käse, 日本, and 🎉 in the body.",
    "1. first step\n2. second step",
]
RICH_AUTHORS = ["Zoë_Ünicode", "Jean-Luc_Picard", "李_雷", "octo_cat", "Ana_María_Núñez"]
# (weight, type) of the rich generator's conventional commits
RICH_TYPES = [(20, "feat"), (18, "fix"), (5, "perf"), (5, "refactor"), (5, "docs"), (6, "chore"),
              (2, "style"), (2, "test"), (2, "build"), (2, "ci"), (2, "revert")]

RICH_DEFAULTS = {
    "tag": "v{version}",          # a release's tag, or a function (version, component) -> tag
    "components": [],             # [(name, path)]: a monorepo; commits touch files under the paths
    "pre_labels": ["rc", "beta", "alpha"],
    "pre_styles": ["semver"],     # how pre-release versions are written, see fmt_version
    "extra_types": [],            # [(weight, type)] added to RICH_TYPES
    "release_as": 0.03,           # chance of a `Release-As:` footer
    "start": None,                # [(weight, kind)] of the starting version, see start_version
    "big": 0.03,                  # chance of a history of a few hundred commits
    "noise_tags": 0.1,            # chance of tags that are not releases (`docs-2024`, `nightly`)
    "head_tag": 0.05,             # chance of a release tagged on HEAD at the end
}

PEP440_LABEL = {"alpha": "a", "beta": "b", "rc": "rc"}


def fmt_version(v, style="semver"):
    """(major, minor, patch, pre) as a version string; pre is None or (label, number).
    Styles: semver 1.2.0-rc.1, semver1 1.2.0-rc1, pep440 1.2.0rc1, padded 1.2.0-beta.01,
    bare 1.2.0-beta (the number dropped)."""
    major, minor, patch, pre = v
    base = f"{major}.{minor}.{patch}"
    if pre is None:
        return base
    label, num = pre
    if style == "semver1":
        return f"{base}-{label}{num}"
    if style == "pep440":
        return f"{base}{PEP440_LABEL.get(label, label)}{num}"
    if style == "padded":
        return f"{base}-{label}.{num:02d}"
    if style == "bare":
        return f"{base}-{label}"
    return f"{base}-{label}.{num}"


def start_version(rng, kinds=None):
    kinds = kinds or [(12, "none"), (30, "zero"), (48, "stable"), (10, "pre")]
    kind = wchoice(rng, kinds)
    if kind == "none":
        return None
    if kind == "zero":
        return (0, rng.randint(0, 5), rng.randint(0, 4), None)
    if kind == "stable":
        return (rng.randint(1, 3), rng.randint(0, 5), rng.randint(0, 4), None)
    return (rng.randint(0, 2), rng.randint(0, 3), rng.choice([0, 0, 1]), (rng.choice(["rc", "beta", "alpha"]),
                                                                        rng.randint(0, 3)))


def next_release(rng, v, labels):
    """A plausible next release after v: a patch, minor or major, a first pre-release, the next
    pre-release number, or the pre-release made final."""
    if v is None:
        return rng.choice([(0, 1, 0, None), (1, 0, 0, None), (1, 0, 0, (rng.choice(labels), 1))])
    major, minor, patch, pre = v
    if pre is not None:
        if rng.random() < 0.5:
            return (major, minor, patch, (pre[0], pre[1] + 1))
        return (major, minor, patch, None)
    k = rng.random()
    if k < 0.35:
        return (major, minor, patch + 1, None)
    if k < 0.65:
        return (major, minor + 1, 0, None)
    if k < 0.8:
        return (major + 1, 0, 0, None)
    return (major, minor + 1, 0, (rng.choice(labels), rng.randint(0, 1)))


def rich_message(rng, p, headers, count):
    """A commit message of the rich generator."""
    types = RICH_TYPES + list(p["extra_types"])
    r = rng.random()
    if r < 0.05:
        return rng.choice(["Update README.md", "WIP", "Merge branch 'main' into topic", "✨ add sparkles",
                           "Initial import", "fix typo"])
    if r < 0.09 and headers:
        idx, h = rng.choice(headers)
        if rng.random() < 0.5:
            return f'Revert "{h}"\n\nThis reverts commit {{sha:{idx}}}.'
        return f"revert: {h}\n\nThis reverts commit {{sha:{idx}}}."
    kind = wchoice(rng, types)
    scope = f"({rng.choice(RICH_SCOPES)})" if rng.random() < 0.4 else ""
    bang = "!" if rng.random() < 0.07 else ""
    desc = rng.choice(RICH_DESCRIPTIONS) if rng.random() < 0.45 else rng.choice(WORDS)
    if rng.random() < 0.25:
        desc += f" (#{rng.randint(100, 999)})"
    header = f"{kind}{scope}{bang}: {desc}"
    paras = []
    if rng.random() < 0.3:
        paras.append(rng.choice(RICH_BODIES))
    footers = []
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 3)):
            f = rng.random()
            if f < 0.2:
                footers.append("Signed-off-by: Herald Test <herald@example.com>")
            elif f < 0.4:
                a = rng.choice(RICH_AUTHORS)
                footers.append(f"Co-authored-by: {a.replace('_', ' ')} <{a.lower()}@example.com>")
            elif f < 0.5:
                footers.append("Reviewed-by: Ana <ana@example.com>")
            elif f < 0.6:
                footers.append(f"Refs: #{rng.randint(1, 99)}")
            elif f < 0.75:
                footers.append(f"{rng.choice(['Closes', 'Fixes', 'closes'])} #{rng.randint(1, 99)}")
            elif f < 0.88:
                text = rng.choice(["the config format changed", "drop node 18"])
                if rng.random() < 0.4:
                    text += "\n  and the second line explains more"
                footers.append(f"{rng.choice(['BREAKING CHANGE', 'BREAKING-CHANGE'])}: {text}")
            else:
                footers.append(f"Acked-by: {rng.choice(RICH_AUTHORS).replace('_', ' ')}")
    if rng.random() < p["release_as"]:
        footers.append(f"Release-As: {rng.randint(1, 4)}.{rng.randint(0, 3)}.{rng.randint(0, 3)}")
    if footers:
        paras.append("\n".join(footers))
    return "\n\n".join([header] + paras)


def gen_rich_history(rng, params=None):
    """A rich history (see the module's docstring); params override RICH_DEFAULTS.  Returns
    (records, spec)."""
    p = dict(RICH_DEFAULTS)
    p.update(params or {})
    comps = p["components"] or [(None, None)]
    recs = [{"op": "remote", "arg": "https://github.com/owner/repo.git"}]
    cur = {}
    tags_made = set()

    def tag_name(comp, v):
        version = fmt_version(v, rng.choice(p["pre_styles"]))
        if callable(p["tag"]):
            return p["tag"](version, comp)
        return p["tag"].format(version=version, component=comp)

    def add_tag(comp, v):
        name = tag_name(comp, v)
        if name in tags_made:
            return False
        tags_made.add(name)
        recs.append({"op": rng.choice(["tag", "tag", "atag"]), "arg": name})
        return True

    for comp, _ in comps:
        v = start_version(rng, p["start"])
        cur[comp] = v
        if v is not None:
            add_tag(comp, v)
    if p["noise_tags"] and rng.random() < p["noise_tags"] and any(r["op"].endswith("tag") for r in recs):
        recs.append({"op": "tag", "arg": rng.choice(["docs-2024", "nightly", "latest", "v-next"])})

    big = rng.random() < p["big"]
    n = rng.randint(150, 320) if big else rng.randint(1, 12)
    headers = []
    count = 0
    date = [0]      # last running date, to write dates against the history's order
    pending = []    # long branches forked earlier and not merged yet
    since_release = {comp: 0 for comp, _ in comps}
    unmerged_done = False
    prn = [rng.randint(10, 60)]

    def files_opt():
        if p["components"]:
            picks = rng.sample(comps, k=1 if rng.random() < 0.75 else min(2, len(comps)))
            if rng.random() < 0.12:
                paths = [f"docs/f{count + 1}.md"]
            else:
                paths = [f"{path}/f{count + 1}.txt" for _, path in picks]
            return "files=" + ",".join(paths)
        return ""

    def commit(on_main=True):
        nonlocal count
        msg = rich_message(rng, p, headers, count)
        opts = [o for o in [files_opt()] if o]
        if rng.random() < 0.06:
            opts.append(f"author={rng.choice(RICH_AUTHORS)}")
        if rng.random() < 0.05:
            # a date before most of the history
            opts.append(f"date={rng.randint(0, max(1, count))}")
        count += 1
        recs.append({"op": "commit", "opts": " ".join(opts), "msg": msg})
        headers.append((count, msg.split("\n")[0]))
        for comp, _ in comps:
            since_release[comp] += 1

    while count < n:
        e = rng.random()
        if e < 0.62 or count == 0:
            commit()
        elif e < 0.72:
            name = f"topic{count}"
            recs.append({"op": "branch", "arg": name})
            for _ in range(rng.randint(1, 2)):
                commit()
            recs.append({"op": "checkout", "arg": "main"})
            if rng.random() < 0.4:
                commit()
            msg = None
            if rng.random() < 0.6:
                prn[0] += rng.randint(1, 9)
                msg = f"Merge pull request #{prn[0]} from owner/{name}"
            recs.append({"op": "merge", "arg": name, "msg": msg})
        elif e < 0.82:
            comp = rng.choice(comps)[0]
            if since_release[comp] > 0:
                v = next_release(rng, cur[comp], p["pre_labels"])
                if add_tag(comp, v):
                    cur[comp] = v
                    since_release[comp] = 0
        elif e < 0.88 and len(pending) < 2:
            name = f"long{count}"
            recs.append({"op": "branch", "arg": name})
            for _ in range(rng.randint(1, 2)):
                commit()
            recs.append({"op": "checkout", "arg": "main"})
            pending.append(name)
        elif e < 0.94 and pending:
            name = pending.pop(0)
            msg = None
            if rng.random() < 0.5:
                prn[0] += rng.randint(1, 9)
                msg = f"Merge pull request #{prn[0]} from owner/{name}"
            recs.append({"op": "merge", "arg": name, "msg": msg})
        elif not unmerged_done:
            unmerged_done = True
            recs.append({"op": "branch", "arg": "hotfix-old"})
            commit()
            comp = rng.choice(comps)[0]
            v = cur[comp]
            v = (v[0] + 1, 0, 0, None) if v else (5, 0, 0, None)
            add_tag(comp, v)
            recs.append({"op": "checkout", "arg": "main"})
        else:
            commit()
    for name in pending:
        if rng.random() < 0.7:
            recs.append({"op": "merge", "arg": name, "msg": None})
    if rng.random() < p["head_tag"]:
        comp = rng.choice(comps)[0]
        v = next_release(rng, cur[comp], p["pre_labels"])
        add_tag(comp, v)
    return recs, to_spec(recs)


def to_spec(recs):
    parts = []
    for r in recs:
        if r["op"] == "commit":
            opts = f" {r['opts']}" if r.get("opts") else ""
            parts.append(f"commit{opts}\n" + r["msg"])
        elif r["op"] == "merge" and r.get("msg"):
            parts.append(f"merge {r['arg']}\n{r['msg']}")
        else:
            parts.append(f"{r['op']} {r['arg']}")
    return "\n---\n".join(parts) + "\n"


def histories(n, seed, shape="classic"):
    """[(id, records, spec)] for n random histories from seed.  shape "rich": see
    gen_rich_history (its own random stream, so the classic histories stay as they were)."""
    if shape == "rich":
        rng = random.Random(f"rich:{seed}")
        out = []
        for i in range(n):
            recs, spec = gen_rich_history(rng)
            out.append((f"rich-{seed}-{i:04d}", recs, spec))
        return out
    rng = random.Random(seed)
    out = []
    for i in range(n):
        recs, spec = gen_history(rng)
        out.append((f"random-{seed}-{i:04d}", recs, spec))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=200, help="number of random histories")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int, help="print only the history with this index")
    ap.add_argument("--shape", choices=["classic", "rich"], default="classic")
    a = ap.parse_args()
    for i, (hid, _, spec) in enumerate(histories(a.n, a.seed, a.shape)):
        if a.only is None or a.only == i:
            print(f"### {hid}\n{spec}")


if __name__ == "__main__":
    main()
