#!/usr/bin/env python3
"""Shrinks a history (and a family's configuration) that shows a difference, keeping the
difference.  Python 3 standard library only.

    python3 shrink.py TOOL SPECFILE [CONFIG-JSON] [--what version|notes|either]
                      [--component NAME] [--same-answer] [--herald PATH] [--tools-dir DIR]

Removes spec records (runs of them first, then one by one; never the `remote` record),
body lines of commit messages,
then keys of the configuration, keeping each removal after which the tool and herald still
disagree (on the version, the notes, or either; for one package with --component).  With
--same-answer the tool's and herald's answers must also stay what they were (so the shrunk
case shows the same difference, not another one).  Prints the shrunk spec and configuration.
Each try builds the repository and runs both, a few seconds: a 40-record history takes minutes.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tools  # noqa: E402
from repro import compare, default_herald  # noqa: E402


def split(spec):
    return [r for r in spec.split("\n---\n") if r.strip()]


def join(recs):
    return "\n---\n".join(r.rstrip("\n") for r in recs) + "\n"


class Judge:
    def __init__(self, a, herald):
        self.a, self.herald, self.tries, self.answer, self.tool_failed = a, herald, 0, None, None

    def key(self, rows):
        return [(r["component"], r["want"], r["got"]) for r in rows]

    def differs(self, spec, cfg):
        if not ends_on_main(spec):
            return False  # the tools read the branch main, herald HEAD: another difference
        self.tries += 1
        try:
            rows = compare(self.a.tool, spec, cfg, self.a.what != "version", self.herald)
        except Exception:  # noqa: BLE001 - a spec mkhist refuses, a tool that breaks: not kept
            return False
        rows = [r for r in rows if self.a.component is None or (r["component"] or "") == self.a.component]
        if not rows:
            return False
        # a tool that starts failing (or stops) shows another difference, not this one
        failed = any(r["tool_error"] for r in rows)
        if self.tool_failed is None:
            self.tool_failed = failed
        elif failed != self.tool_failed:
            return False
        bad_v = any(not r["ok"] for r in rows)
        bad_n = any(not r["notes_ok"] for r in rows)
        hit = {"version": bad_v, "notes": bad_n, "either": bad_v or bad_n}[self.a.what]
        if hit and self.a.same_answer:
            if self.answer is None:
                self.answer = self.key(rows)
            return self.key(rows) == self.answer
        return hit


def ends_on_main(spec):
    branch = "main"
    for r in split(spec):
        first = r.split("\n", 1)[0]
        if first.startswith(("branch ", "checkout ")):
            branch = first.split(" ", 1)[1].strip()
    return branch == "main"


def shrink_records(recs, cfg, judge):
    n = 2
    while len(recs) >= 2:
        size = max(1, len(recs) // n)
        removed = False
        for start in range(0, len(recs), size):
            cand = recs[:start] + recs[start + size:]
            if cand and judge.differs(join(cand), cfg):
                recs, removed = cand, True
                n = max(n - 1, 2)
                break
        if not removed:
            if size == 1:
                break
            n = min(len(recs), n * 2)
    return recs


def shrink_messages(recs, cfg, judge):
    for i in range(len(recs)):
        lines = recs[i].split("\n")
        if not (lines[0].startswith("commit") or lines[0].startswith("merge")) or len(lines) <= 2:
            continue
        j = len(lines) - 1
        while j >= 2:
            cand_lines = lines[:j] + lines[j + 1:]
            cand = recs[:i] + ["\n".join(cand_lines)] + recs[i + 1:]
            if judge.differs(join(cand), cfg):
                lines, recs = cand_lines, cand
            j -= 1
    return recs


def shrink_config(spec, cfg, judge):
    if not isinstance(cfg, dict):
        return cfg
    changed = True
    while changed:
        changed = False
        for path in list(paths(cfg)):
            cand = json.loads(json.dumps(cfg))
            d = cand
            for k in path[:-1]:
                d = d[k]
            del d[path[-1]]
            if judge.differs(spec, cand):
                cfg, changed = cand, True
                break
    return cfg


def paths(d, prefix=()):
    for k, v in d.items():
        if isinstance(v, dict) and v:
            yield from paths(v, prefix + (k,))
        yield prefix + (k,)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool")
    ap.add_argument("spec")
    ap.add_argument("config", nargs="?", default="{}")
    ap.add_argument("--what", choices=["version", "notes", "either"], default="either")
    ap.add_argument("--component")
    ap.add_argument("--same-answer", action="store_true")
    ap.add_argument("--keep-config", action="store_true", help="do not shrink the configuration")
    ap.add_argument("--herald")
    ap.add_argument("--tools-dir", default=os.path.join(os.environ.get("XDG_CACHE_HOME") or
                                                        os.path.expanduser("~/.cache"), "herald-compat"))
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="herald-compat-home.")
    tools.configure(a.tools_dir, home=home)
    judge = Judge(a, a.herald or default_herald())
    try:
        spec = sys.stdin.read() if a.spec == "-" else tools.read(a.spec)
        cfg = json.loads(a.config)
        if not judge.differs(spec, cfg):
            print("no difference to shrink", file=sys.stderr)
            return 1
        # the `remote` record stays: without it the tools' links change (or disappear)
        recs = split(spec)
        keep = [r for r in recs if r.startswith("remote ")]
        rest = [r for r in recs if not r.startswith("remote ")]

        class Keeping:
            def differs(self, spec_rest, c):
                return judge.differs(join(keep + split(spec_rest)), c)

        rest = shrink_records(rest, cfg, Keeping())
        rest = shrink_messages(rest, cfg, Keeping())
        rest = shrink_records(rest, cfg, Keeping())
        recs = keep + rest
        if not a.keep_config:
            cfg = shrink_config(join(recs), cfg, judge)
        print(f"# {judge.tries} tries; config: {json.dumps(cfg, ensure_ascii=False)}")
        sys.stdout.write(join(recs))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
