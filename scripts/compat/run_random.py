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

Print the specs (to rebuild one: scripts/compat/mkhist.sh DIR SPECFILE):
    python3 run_random.py -n 200 --seed 1 [--only 17]
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


def to_spec(recs):
    parts = []
    for r in recs:
        if r["op"] == "commit":
            parts.append("commit\n" + r["msg"])
        else:
            parts.append(f"{r['op']} {r['arg']}")
    return "\n---\n".join(parts) + "\n"


def histories(n, seed):
    """[(id, records, spec)] for n random histories from seed."""
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
    a = ap.parse_args()
    for i, (hid, _, spec) in enumerate(histories(a.n, a.seed)):
        if a.only is None or a.only == i:
            print(f"### {hid}\n{spec}")


if __name__ == "__main__":
    main()
