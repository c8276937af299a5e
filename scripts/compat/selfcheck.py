#!/usr/bin/env python3
"""selfcheck.py --tools-dir DIR REPO TOOL version|notes

Answers as the candidate would, but from the real tool: prints TOOL's next version for REPO
(nothing when there is no release), or its release notes byte for byte.  scripts/compat.sh
--self-check compares the real tools with themselves through it, which must give
`N passed, 0 failed`: it checks the harness, not herald.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tools  # noqa: E402


def main(argv):
    if len(argv) != 5 or argv[0] != "--tools-dir" or argv[4] not in ("version", "notes"):
        print(__doc__, file=sys.stderr)
        return 2
    tools_dir, repo, tool, what = argv[1:]
    tools.configure(tools_dir, home=os.environ.get("HOME"))
    r = tools.run_tool(tool, repo, notes=(what == "notes"))
    if what == "version":
        if r["version"]:
            print(r["version"])
    elif r["version"] and r["notes"] is not None:
        sys.stdout.write(r["notes"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
