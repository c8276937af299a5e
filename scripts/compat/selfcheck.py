#!/usr/bin/env python3
"""selfcheck.py --tools-dir DIR REPO TOOL version|notes [--config JSON] [--component NAME]

Answers as the candidate would, but from the real tool: prints TOOL's next version for REPO
(nothing when there is no release), or its release notes byte for byte.  TOOL is a tool
configuration or a configuration family (then --config is the family's configuration and
--component the package, as check.py passes them).  scripts/compat.sh --self-check compares
the real tools with themselves through it, which must give `N passed, 0 failed`: it checks
the harness, not herald.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import families  # noqa: E402
import tools  # noqa: E402


def main(argv):
    opts = {}
    while len(argv) >= 2 and argv[-2] in ("--config", "--component"):
        opts[argv[-2]] = argv[-1]
        argv = argv[:-2]
    if len(argv) != 5 or argv[0] != "--tools-dir" or argv[4] not in ("version", "notes"):
        print(__doc__, file=sys.stderr)
        return 2
    tools_dir, repo, tool, what = argv[1:]
    tools.configure(tools_dir, home=os.environ.get("HOME"))
    if tool in families.FAMILIES:
        fam = families.FAMILIES[tool]
        reals = fam.run(os.path.abspath(repo), json.loads(opts.get("--config", "{}")), notes=(what == "notes"))
        want = opts.get("--component")
        r = next((res for comp, res in reals.items() if fam.herald_component(comp, json.loads(opts.get("--config", "{}"))) == want),
                 tools.result(None))
    else:
        r = tools.run_tool(tool, repo, notes=(what == "notes"))
    if what == "version":
        if r["version"]:
            print(r["version"])
    elif r["version"] and r["notes"] is not None:
        sys.stdout.write(r["notes"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
