#!/usr/bin/env python3
"""One history, the real tool against herald, to look at a difference and shrink it.

    python3 repro.py TOOL SPECFILE [CONFIG-JSON] [--notes] [--herald PATH] [--tools-dir DIR]
                     [--keep DIR]

TOOL is a fixed tool configuration (sr, rp, cz, ...) or a configuration family (rp-var, ...,
then CONFIG-JSON is the configuration the FAIL line printed).  SPECFILE is a history spec
(mkhist.sh; "-" for stdin).  Prints, per package, the tool's version and herald's, and with
--notes both notes and a unified diff.  Exit 0 when they agree, 1 when not.  --keep DIR leaves
the repository (with herald's configuration files) in DIR.  herald is --herald, else
$CARGO_TARGET_DIR/release/herald, else target/release/herald.
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import families  # noqa: E402
import tools  # noqa: E402


def herald_answer(herald, copy, component, notes):
    comp = ["--component", component] if component else []
    p = subprocess.run([herald, "-C", copy, "preview", "--next-version", *comp], capture_output=True,
                       env=tools.ENV, text=True)
    version = p.stdout.strip() or None if p.returncode == 0 else f"<exit {p.returncode}: {p.stderr.strip()}>"
    text = None
    if notes:
        q = subprocess.run([herald, "-C", copy, "preview", "--format", "markdown", *comp], capture_output=True,
                           env=tools.ENV)
        text = q.stdout.decode() if q.returncode == 0 else f"<exit {q.returncode}: {q.stderr.decode().strip()}>"
    return version, text


def compare(tool, spec, cfg, notes, herald, keep=None):
    """Builds the history, runs the tool and herald; [{component, want, got, tool_error,
    tool_msg, ok, notes_want, notes_got, notes_ok}] per package.  tools.configure() first."""
    work = tempfile.mkdtemp(prefix="herald-compat-repro.")
    out = []
    try:
        repo = os.path.join(work, "repo")
        p = subprocess.run([os.path.join(HERE, "mkhist.sh"), repo], input=spec.encode(), env=tools.ENV,
                           capture_output=True)
        if p.returncode:
            raise ValueError(p.stderr.decode())
        if tool in families.FAMILIES:
            fam = families.FAMILIES[tool]
            reals = fam.run(repo, cfg, notes=notes)
            tmp, copy = fam.prepare(repo, cfg)
            name = lambda c: fam.herald_component(c, cfg)  # noqa: E731
            norm = fam.normalise_notes
        else:
            reals = {None: tools.run_tool(tool, repo, notes=notes)}
            tmp, copy = tools.prepare_repo_for(tool, repo)
            name = lambda c: c  # noqa: E731
            norm = lambda t: t  # noqa: E731
        try:
            for comp in sorted(reals, key=lambda c: c or ""):
                real = reals[comp]
                got, text = herald_answer(herald, copy, name(comp), notes and real["version"] is not None)
                want = real["version"]
                row = {"component": comp, "want": want, "got": got, "tool_error": real["error"],
                       "tool_msg": real["msg"], "ok": (got or "").lstrip("v") == (want or "") and not real["error"],
                       "notes_want": real["notes"], "notes_got": text,
                       "notes_ok": real["notes"] is None or norm(text) == norm(real["notes"])}
                out.append(row)
            if keep:
                shutil.copytree(copy, keep, symlinks=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def default_herald():
    return os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(HERE, "..", "..", "target"),
                        "release", "herald")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool")
    ap.add_argument("spec")
    ap.add_argument("config", nargs="?", default="{}")
    ap.add_argument("--notes", action="store_true")
    ap.add_argument("--herald")
    ap.add_argument("--tools-dir", default=os.path.join(os.environ.get("XDG_CACHE_HOME") or
                                                        os.path.expanduser("~/.cache"), "herald-compat"))
    ap.add_argument("--keep")
    a = ap.parse_args()
    herald = a.herald or default_herald()
    spec = sys.stdin.read() if a.spec == "-" else tools.read(a.spec)
    home = tempfile.mkdtemp(prefix="herald-compat-home.")
    tools.configure(a.tools_dir, home=home)
    try:
        rows = compare(a.tool, spec, json.loads(a.config), a.notes, herald, a.keep)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    same = True
    for r in rows:
        label = r["component"] or "(single)"
        err = f" (error: {r['tool_error']})" if r["tool_error"] else ""
        print(f"{label}: tool {r['want'] or 'none'}{err}, herald {r['got'] or 'none'}"
              f"{'' if r['ok'] else '   DIFFERENT'}")
        if r["tool_msg"] and not r["want"]:
            print(f"  tool says: {r['tool_msg'][:300]}")
        same &= r["ok"] and r["notes_ok"]
        if a.notes and r["notes_want"] is not None:
            if r["notes_ok"]:
                print("  notes: same")
            else:
                print("  notes differ (--- tool, +++ herald):")
                sys.stdout.writelines(difflib.unified_diff(
                    r["notes_want"].splitlines(keepends=True), (r["notes_got"] or "").splitlines(keepends=True),
                    "tool", "herald"))
                print()
    if a.keep:
        print(f"kept herald's copy in {a.keep}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
