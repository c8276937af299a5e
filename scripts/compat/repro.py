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
    herald = a.herald or os.path.join(os.environ.get("CARGO_TARGET_DIR") or
                                      os.path.join(HERE, "..", "..", "target"), "release", "herald")
    spec = sys.stdin.read() if a.spec == "-" else tools.read(a.spec)
    cfg = json.loads(a.config)
    home = tempfile.mkdtemp(prefix="herald-compat-home.")
    work = tempfile.mkdtemp(prefix="herald-compat-repro.")
    tools.configure(a.tools_dir, home=home)
    same = True
    try:
        repo = os.path.join(work, "repo")
        p = subprocess.run([os.path.join(HERE, "mkhist.sh"), repo], input=spec.encode(), env=tools.ENV,
                           capture_output=True)
        if p.returncode:
            sys.exit(p.stderr.decode())
        if a.tool in families.FAMILIES:
            fam = families.FAMILIES[a.tool]
            reals = fam.run(repo, cfg, notes=a.notes)
            tmp, copy = fam.prepare(repo, cfg)
            name = fam.herald_component
        else:
            reals = {None: tools.run_tool(a.tool, repo, notes=a.notes)}
            tmp, copy = tools.prepare_repo_for(a.tool, repo)
            name = lambda c: c  # noqa: E731
        try:
            for comp in sorted(reals, key=lambda c: c or ""):
                real = reals[comp]
                got, text = herald_answer(herald, copy, name(comp), a.notes and real["version"] is not None)
                label = comp or "(single)"
                want = real["version"]
                ok = (got or "").lstrip("v") == (want or "") and not real["error"]
                print(f"{label}: tool {want or 'none'}{' (error: ' + real['error'] + ')' if real['error'] else ''}"
                      f", herald {got or 'none'}{'' if ok else '   DIFFERENT'}")
                if real["msg"] and not want:
                    print(f"  tool says: {real['msg'][:300]}")
                same &= ok
                if a.notes and real["notes"] is not None:
                    if text == real["notes"]:
                        print("  notes: same")
                    else:
                        same = False
                        print("  notes differ (--- tool, +++ herald):")
                        sys.stdout.writelines(difflib.unified_diff(
                            real["notes"].splitlines(keepends=True), (text or "").splitlines(keepends=True),
                            "tool", "herald"))
                        print()
            if a.keep:
                shutil.copytree(copy, a.keep, symlinks=True)
                print(f"kept herald's copy in {a.keep}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
