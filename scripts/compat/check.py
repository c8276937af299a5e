#!/usr/bin/env python3
"""The differential check behind scripts/compat.sh (see its header).  Python 3 stdlib only.

    python3 check.py --tools-dir DIR --version-cmd 'herald -C {dir} preview --next-version' \\
        [--notes-cmd 'herald -C {dir} preview --format markdown' --notes] \\
        [--tools sr,cz,...] [--random N] [--seed S] [--jobs J] [--candidate-name NAME]
    python3 check.py --tools-dir DIR [--tools ...] --check-installed

Phase 1 takes the fixed histories (histories/*.spec), phase 2 N random ones (run_random.py;
--shape rich for its rich histories), both under the fixed tool configurations (tools.TOOLS).
Each history becomes a git repository (mkhist.sh).  For every tool configuration the real
tool runs on a throw-away copy (tools.run_tool), and the candidate command runs on another
copy into which tools.prepare_repo_for wrote the configuration file(s) that make the tool
behave as it was run (untracked and git-excluded).  Then, for each configuration family named
in --tools (families.py), N histories of its own, each with its own random configuration
(seed S gives the same ones everywhere), compared package by package where it has several.
In the command templates {dir} is that copy, {tool} the tool configuration (sr, sr-cc, rp,
..., or a family), {engine} herald's engine name, {component} ` --component NAME` for one
package of a monorepo family (else nothing) and {config} the family's configuration as one
shell-quoted JSON word (else '{}').  The version command prints the next version (a leading
"v" is ignored) or nothing; an exit other than 0 is a failure.  The notes command prints the
notes, compared byte for byte.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import families  # noqa: E402
import tools  # noqa: E402
from run_random import histories as random_histories  # noqa: E402

MKHIST = os.path.join(HERE, "mkhist.sh")
HISTORIES = os.path.join(HERE, "histories")


def fixed_histories():
    out = []
    for name in sorted(f for f in os.listdir(HISTORIES) if f.endswith(".spec")):
        out.append((f"histories/{name}", tools.read(os.path.join(HISTORIES, name))))
    return out


def build_repo(spec, dest):
    p = subprocess.run([MKHIST, dest], input=spec.encode(), capture_output=True, env=tools.ENV)
    if p.returncode != 0:
        raise RuntimeError(f"mkhist.sh failed: {p.stderr.decode()}\n{spec}")


def norm(v):
    if v is None:
        return None
    v = v.strip()
    if not v:
        return None
    return v[1:] if v.startswith("v") else v


def shown(v):
    return "none" if v is None else v


class Candidate:
    """The implementation under test, as shell command templates."""

    def __init__(self, version_cmd, notes_cmd, timeout=120):
        self.version_cmd, self.notes_cmd, self.timeout = version_cmd, notes_cmd, timeout

    def _run(self, template, repo_dir, tool, component=None, config=None):
        engine = tools.ENGINE[tool] if tool in tools.ENGINE else families.FAMILIES[tool].engine
        comp = f" --component {shlex.quote(component)}" if component else ""
        cmd = template.format(dir=shlex.quote(repo_dir), tool=tool, engine=engine, component=comp,
                              config=shlex.quote(json.dumps(config if config is not None else {})))
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, shell=True, capture_output=True, env=tools.ENV, cwd=repo_dir,
                               timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, f"<timed out after {self.timeout}s>", time.monotonic() - t0
        dt = time.monotonic() - t0
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()
            return None, f"<exit {p.returncode}: {err[-1] if err else ''}>", dt
        return out, None, dt

    def version(self, repo_dir, tool, component=None, config=None):
        out, err, dt = self._run(self.version_cmd, repo_dir, tool, component, config)
        if err:
            return err, dt
        lines = out.strip().splitlines()
        return norm(lines[-1] if lines else ""), dt

    def notes(self, repo_dir, tool, component=None, config=None):
        out, err, dt = self._run(self.notes_cmd, repo_dir, tool, component, config)
        return (err if err else out), dt


def first_difference(want, got):
    """Where two texts first differ, as `line N: want '…', got '…'`."""
    w, g = want.splitlines(keepends=True), got.splitlines(keepends=True)
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else None
        b = g[i] if i < len(g) else None
        if a != b:
            def r(x):
                if x is None:
                    return "(end)"
                return repr(x if len(x) <= 90 else x[:87] + "...")
            return f"line {i + 1}: want {r(a)}, got {r(b)}"
    return "same lines"


def check_history(hid, spec, tool_list, cand, notes, work):
    """Runs every tool and the candidate on one history; returns a list of result dicts."""
    repo = os.path.join(work, hid.replace("/", "_"))
    build_repo(spec, repo)
    results = []
    try:
        for tool in tool_list:
            try:
                real = tools.run_tool(tool, repo, notes=notes)
            except Exception as e:  # noqa: BLE001 - reported as this tool's failure
                real = tools.result(None, rc=-1, error=f"{type(e).__name__}: {e}")
            tmp, copy = tools.prepare_repo_for(tool, repo)
            try:
                got, cand_secs = cand.version(copy, tool)
                want = norm(real["version"])
                row = {"id": hid, "spec": spec, "tool": tool, "want": want, "got": got,
                       "ok": got == want and not real["error"], "tool_error": real["error"],
                       "tool_seconds": real["seconds"], "cand_seconds": cand_secs,
                       "tool_msg": real["msg"], "notes": None}
                if notes and real["version"] is not None and real["notes"] is not None:
                    got_notes, secs = cand.notes(copy, tool)
                    row["cand_seconds"] += secs
                    row["notes"] = {"ok": got_notes == real["notes"],
                                    "diff": None if got_notes == real["notes"]
                                    else first_difference(real["notes"], got_notes)}
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            results.append(row)
    finally:
        shutil.rmtree(repo, ignore_errors=True)
    return results


def check_family_history(hid, spec, cfg, family, cand, notes, work):
    """Runs a family's tool and the candidate on one of its histories, with its configuration;
    one result dict per package (tool = family, component = the package or None)."""
    fam = families.FAMILIES[family]
    repo = os.path.join(work, hid)
    build_repo(spec, repo)
    results = []
    try:
        try:
            reals = fam.run(repo, cfg, notes=notes)
        except Exception as e:  # noqa: BLE001 - reported as this tool's failure
            reals = {None: tools.result(None, rc=-1, error=f"{type(e).__name__}: {e}")}
        tmp, copy = fam.prepare(repo, cfg)
        try:
            for comp in sorted(reals, key=lambda c: c or ""):
                real = reals[comp]
                hc = fam.herald_component(comp, cfg)
                got, cand_secs = cand.version(copy, family, hc, cfg)
                want = norm(real["version"])
                row = {"id": hid, "spec": spec, "config": cfg, "tool": family, "component": comp, "want": want,
                       "got": got, "ok": got == want and not real["error"], "tool_error": real["error"],
                       "tool_seconds": real["seconds"], "cand_seconds": cand_secs, "tool_msg": real["msg"],
                       "notes": None}
                if notes and real["version"] is not None and real["notes"] is not None:
                    got_notes, secs = cand.notes(copy, family, hc, cfg)
                    row["cand_seconds"] += secs
                    want_notes, got_notes = fam.normalise_notes(real["notes"]), fam.normalise_notes(got_notes)
                    row["notes"] = {"ok": got_notes == want_notes,
                                    "diff": None if got_notes == want_notes
                                    else first_difference(want_notes, got_notes)}
                results.append(row)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        shutil.rmtree(repo, ignore_errors=True)
    return results


def spec_text(r):
    """The spec as the FAIL line shows it: one line, or for a long one how to print it."""
    if r["id"].startswith("histories/"):
        return ""
    if len(r["spec"]) > 3000:
        kind, seed, index = r["id"].rsplit("-", 2)
        how = (f"python3 scripts/compat/families.py {kind} -n {int(index) + 1} --seed {seed} --only {int(index)}"
               if kind in families.FAMILIES else
               f"python3 scripts/compat/run_random.py -n {int(index) + 1} --seed {seed} --only {int(index)}"
               + (" --shape rich" if kind == "rich" else ""))
        return f"  spec: ({len(r['spec'])} characters: {how})"
    return "  spec: " + r["spec"].replace("\n", "\\n")


def fail_lines(rows):
    lines = []
    for r in rows:
        where = r["id"]
        spec = spec_text(r)
        tool = r["tool"]
        if r.get("config") is not None:
            spec = "  config: " + json.dumps(r["config"], ensure_ascii=False) + spec
            if r.get("component"):
                tool += ":" + r["component"]
        if r["tool_error"]:
            err = " ".join(r["tool_error"].split())[-200:]
            lines.append(f"FAIL {where} {tool}: the tool failed: {err}{spec}")
        elif not r["ok"]:
            lines.append(f"FAIL {where} {tool}: want {shown(r['want'])}, got {shown(r['got'])}{spec}")
        if r["notes"] and not r["notes"]["ok"]:
            lines.append(f"FAIL notes {where} {tool}: {r['notes']['diff']}{spec}")
    return lines


def run_phase(name, hists, tool_list, cand, notes, jobs, work, all_rows):
    """hists: [(id, spec)].  Prints FAIL lines as each history finishes."""
    t0 = time.monotonic()
    lock = threading.Lock()
    done = [0]
    tty = sys.stderr.isatty()

    def one(h):
        if len(h) == 3:
            rows = check_family_history(h[0], h[1], h[2], tool_list[0], cand, notes, work)
        else:
            rows = check_history(h[0], h[1], tool_list, cand, notes, work)
        with lock:
            all_rows.extend(rows)
            for line in fail_lines(rows):
                print(line, flush=True)
            done[0] += 1
            if tty or done[0] % 25 == 0 or done[0] == len(hists):
                failed = sum(1 for r in all_rows if not r["ok"])
                extra = ""
                if notes:
                    extra = f", {sum(1 for r in all_rows if r['notes'] and not r['notes']['ok'])} notes"
                print(f"  [{name} {done[0]}/{len(hists)}; {failed} failed so far{extra}]",
                      file=sys.stderr, flush=True)
        return rows

    if jobs <= 1:
        for h in hists:
            one(h)
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
            for f in [ex.submit(one, h) for h in hists]:
                f.result()
    return time.monotonic() - t0


def report(rows, tool_list, notes, phases, candidate_name):
    short = "herald" if candidate_name == "herald" else "cand."
    print()
    print(f"per tool configuration ({candidate_name} compared with the real tool; seconds per run):")
    head = f"  {'tool':12} {'passed':>6} {'failed':>6}"
    if notes:
        head += f" {'notes ok':>8} {'notes bad':>9}"
    head += f" {'runs':>5} {'tool mean':>9} {'tool max':>8} {'tool total':>10} {short + ' mean':>11}"
    print(head)
    for t in tool_list:
        rs = [r for r in rows if r["tool"] == t]
        if not rs:
            continue
        ts = [r["tool_seconds"] for r in rs]
        cs = [r["cand_seconds"] for r in rs]
        line = f"  {t:12} {sum(r['ok'] for r in rs):6} {sum(not r['ok'] for r in rs):6}"
        if notes:
            ns = [r["notes"] for r in rs if r["notes"]]
            line += f" {sum(n['ok'] for n in ns):8} {sum(not n['ok'] for n in ns):9}"
        line += (f" {len(rs):5} {statistics.mean(ts):9.3f} {max(ts):8.3f} {sum(ts):10.1f}"
                 f" {statistics.mean(cs):11.3f}")
        print(line)
    print("phases: " + ", ".join(f"{name} {secs:.0f}s" for name, secs in phases))
    passed = sum(r["ok"] for r in rows)
    failed = len(rows) - passed
    notes_failed = 0
    if notes:
        ns = [r["notes"] for r in rows if r["notes"]]
        notes_failed = sum(not n["ok"] for n in ns)
        print(f"notes: {len(ns) - notes_failed} passed, {notes_failed} failed")
    print(f"{passed} passed, {failed} failed")
    return failed, notes_failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools-dir", required=True)
    ap.add_argument("--tools", default=",".join(tools.TOOLS))
    ap.add_argument("--random", type=int, default=200)
    ap.add_argument("--shape", choices=["classic", "rich"], default="classic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--notes", action="store_true")
    ap.add_argument("--version-cmd")
    ap.add_argument("--notes-cmd")
    ap.add_argument("--candidate-name", default="candidate")
    ap.add_argument("--check-installed", action="store_true")
    a = ap.parse_args()

    names = [t for t in a.tools.split(",") if t]
    unknown = [t for t in names if t not in tools.TOOLS and t not in families.FAMILIES]
    if unknown or not names:
        sys.exit(f"compat.sh: unknown tool configuration {', '.join(unknown) or '(none)'}; "
                 f"known: {', '.join(list(tools.TOOLS) + list(families.FAMILIES))}")
    tool_list = [t for t in names if t in tools.TOOLS]
    family_list = [t for t in names if t in families.FAMILIES]
    if a.random < 0 or a.jobs < 1:
        sys.exit("compat.sh: --random must be 0 or more and --jobs 1 or more")
    parts = []
    for t in names:
        engine = tools.ENGINE[t] if t in tools.ENGINE else families.FAMILIES[t].engine
        for p in tools.NEEDS[engine]:
            if p not in parts:
                parts.append(p)
    problems = tools.check(a.tools_dir, parts)
    if problems:
        print(f"compat.sh: not installed in {os.path.abspath(a.tools_dir)}:", file=sys.stderr)
        for _, what in problems:
            print(f"  {what}", file=sys.stderr)
        print(f"run: scripts/compat.sh --install --tools-dir {shlex.quote(os.path.abspath(a.tools_dir))}",
              file=sys.stderr)
        sys.exit(2)
    if a.check_installed:
        return
    if not a.version_cmd or (a.notes and not a.notes_cmd):
        sys.exit("check.py: --version-cmd (and with --notes, --notes-cmd) is required")

    home = tempfile.mkdtemp(prefix="herald-compat-home.")
    work = tempfile.mkdtemp(prefix="herald-compat.")
    tools.configure(a.tools_dir, home=home)
    cand = Candidate(a.version_cmd, a.notes_cmd)
    rows, phases = [], []
    try:
        if tool_list:
            fixed = fixed_histories()
            print(f"fixed histories: {len(fixed)} x {len(tool_list)} tool configurations", flush=True)
            phases.append(("fixed histories",
                           run_phase("fixed", fixed, tool_list, cand, a.notes, a.jobs, work, rows)))
        if tool_list and a.random:
            rnd = [(hid, spec) for hid, _, spec in random_histories(a.random, a.seed, a.shape)]
            print(f"random histories: {len(rnd)} ({a.shape}, seed {a.seed}) x {len(tool_list)} tool configurations",
                  flush=True)
            phases.append(("random histories",
                           run_phase("random", rnd, tool_list, cand, a.notes, a.jobs, work, rows)))
        for fam in family_list:
            hists = families.cases(fam, a.random, a.seed)
            print(f"family {fam}: {len(hists)} histories and configurations (seed {a.seed})", flush=True)
            phases.append((fam, run_phase(fam, hists, [fam], cand, a.notes, a.jobs, work, rows)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    failed, notes_failed = report(rows, tool_list + family_list, a.notes, phases, a.candidate_name)
    sys.exit(1 if failed or notes_failed else 0)


if __name__ == "__main__":
    main()
