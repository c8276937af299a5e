"""Run the real release tools on a git repository, offline.  Python 3 standard library only.

    import tools
    tools.configure("/path/to/tools-dir")      # where scripts/compat.sh --install put them
    r = tools.run_tool("cog", "/path/to/repo", notes=True)
    r["version"]   # "1.4.3" (no prefix) or None when the tool cuts no release
    r["raw"]       # what the tool printed that the version was read from
    r["rc"]        # exit code of the tool command
    r["msg"]       # the tool's message when there is no release, or its error
    r["seconds"]   # wall time of the tool command(s) alone (not the repository copy)
    r["error"]     # None, or what went wrong when the tool failed instead of answering
    r["notes"]     # with notes=True: the release notes herald's `preview --format markdown`
                   # is meant to equal (None when there is no release), see NOTES below

Every tool works on a throw-away copy of the repository (semantic-release on a copy with a
local bare remote), so the input is never modified, and every tool command runs in a clean
environment (ENV below: no CI or GITHUB_* variables, no RUST_BACKTRACE, git's global and
system configuration ignored, TZ=UTC, an empty HOME).

Tool configurations (see TOOLS):

  sr           semantic-release 25, commit-analyzer + release-notes-generator, default (angular)
  sr-cc        same with preset "conventionalcommits" (conventional-changelog-conventionalcommits 9.3.1)
  rp           release-please 17, release-type simple, manifest {".": <latest tag version>}, real
               Manifest.buildPullRequests() pipeline through rp/run.js
  rp-pre       same with bump-minor-pre-major + bump-patch-for-minor-pre-major
  cz           commitizen 4, cz_conventional_commits, tag_format = "v$version",
               version = <latest tag version> (0.0.1 when there is no tag)
  cz-default   same without tag_format (default "$version"): the copy's v-tags are renamed to bare
  cz-mvz       cz + major_version_zero = true in .cz.toml (applies whatever the major)
  cog          cocogitto 7, cog.toml: tag_prefix = "v"
  cog-default  cocogitto 7, empty cog.toml: the copy's v-tags are renamed to bare
  cliff        git-cliff 2, the configuration `git-cliff --init` writes, `git-cliff --bumped-version`

NOTES, what each tool's release notes are:

  sr, sr-cc    semantic-release's nextRelease.notes, captured by sr/capture-notes.cjs
  rp, rp-pre   the release notes of release-please's release pull request (the CHANGELOG.md entry)
  cz*          the section `cz changelog --dry-run --incremental --unreleased-version <tag>` prints
               over a CHANGELOG.md holding the last release (without print()'s final newline)
  cog*         the release's section of the CHANGELOG.md a real `cog bump --auto` writes in a copy
               (from its `## <tag> - <date>` heading to the `- - -` that closes it)
  cliff        `git-cliff --unreleased --bump --strip all`

Also a small command line, used by scripts/compat.sh --install:

    python3 tools.py pin NAME              print the pinned version of node, cocogitto or git-cliff
    python3 tools.py check DIR [PART...]   exit 1 and name what is missing or at another version
                                           (parts: node, npm, commitizen, cocogitto, git-cliff,
                                           cliff-config; default all)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Pinned versions.  The npm packages are pinned in npm/package.json (and npm/package-lock.json),
# commitizen and its dependencies in requirements.txt.
PINS = {"node": "22.23.3", "cocogitto": "7.0.0", "git-cliff": "2.14.2"}
NPM_PACKAGES = os.path.join(HERE, "npm", "package.json")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")

# Set by configure().
T = None
NODE = CZ = COG = CLIFF = CLIFF_CONFIG = NODE_MODULES = None
ENV = {}


def configure(tools_dir, home=None):
    """Points every tool at `tools_dir` (the layout scripts/compat.sh --install makes):
    bin/node, npm/node_modules, venv/bin/cz, cargo/bin/{cog,git-cliff}, cliff.toml."""
    global T, NODE, CZ, COG, CLIFF, CLIFF_CONFIG, NODE_MODULES, ENV
    T = os.path.abspath(tools_dir)
    NODE = f"{T}/bin/node"
    NODE_MODULES = f"{T}/npm/node_modules"
    CZ = f"{T}/venv/bin/cz"
    COG = f"{T}/cargo/bin/cog"
    CLIFF = f"{T}/cargo/bin/git-cliff"
    CLIFF_CONFIG = f"{T}/cliff.toml"
    if home is None:
        home = tempfile.mkdtemp(prefix="herald-compat-home.")
    ENV = clean_env(home)


def clean_env(home):
    """The whole environment of a tool command: nothing is inherited from the caller, so CI
    variables (CI, GITHUB_*), RUST_BACKTRACE, GIT_* and the user's git configuration cannot
    change what a tool answers."""
    return {
        "PATH": f"{T}/bin:{T}/cargo/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        # identity for the tools that really commit/tag in a copy (cz/cog changelogs)
        "GIT_AUTHOR_NAME": "Release Bot", "GIT_AUTHOR_EMAIL": "bot@example.com",
        "GIT_COMMITTER_NAME": "Release Bot", "GIT_COMMITTER_EMAIL": "bot@example.com",
        # keep git-cliff's update checker quiet and offline
        "UPDATE_INFORMER_OFFLINE": "1",
        "NO_COLOR": "1",
    }


SEMVER_TAG = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


def sh(args, cwd, extra_env=None, timeout=300):
    env = dict(ENV)
    if extra_env:
        env.update(extra_env)
    t0 = time.monotonic()
    try:
        p = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return 124, "", f"timed out after {timeout}s: {' '.join(args)}", time.monotonic() - t0
    dt = time.monotonic() - t0
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), dt


def git(cwd, *args):
    rc, out, err, _ = sh(["git", *args], cwd)
    if rc != 0:
        raise RuntimeError(f"git {args}: {err}")
    return out


def _vkey(v):
    m = SEMVER_TAG.match(v)
    major, minor, patch, pre = int(m[1]), int(m[2]), int(m[3]), m[4]
    # semver precedence (enough here: a pre-release sorts before its release, then by parts)
    prekey = (1,) if pre is None else (0, tuple((0, int(x)) if x.isdigit() else (1, x) for x in pre.split(".")))
    return (major, minor, patch, prekey)


def latest_tag(repo):
    """Highest semver-looking tag reachable from HEAD (name as written), or None."""
    tags = [t for t in git(repo, "tag", "--merged", "HEAD").split() if SEMVER_TAG.match(t)]
    if not tags:
        return None
    return max(tags, key=_vkey)


def copy_repo(repo):
    d = tempfile.mkdtemp(prefix="herald-compat-tool.")
    dst = os.path.join(d, "repo")
    shutil.copytree(repo, dst, symlinks=True)
    return d, dst


def strip_v_tags(repo):
    for t in git(repo, "tag", "-l").split():
        if re.match(r"^v\d", t):
            git(repo, "tag", t[1:], t)
            git(repo, "tag", "-d", t)


def exclude(repo, name):
    with open(os.path.join(repo, ".git", "info", "exclude"), "a") as f:
        f.write(name + "\n")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def result(version=None, raw="", rc=0, msg="", seconds=0.0, notes=None, error=None, **kw):
    """`error` is set when the tool failed rather than answered (no release is an answer)."""
    d = {"version": version, "raw": raw, "rc": rc, "msg": msg, "seconds": round(seconds, 3), "notes": notes,
         "error": error}
    d.update(kw)
    return d


# ---------------------------------------------------------------- semantic-release
def run_sr(repo, notes=False, preset="angular"):
    out = tempfile.mkdtemp(prefix="herald-compat-sr.")
    try:
        rc, so, se, dt = sh([f"{HERE}/sr/run.sh", T, repo, preset, out], cwd=HERE)
        if not os.path.exists(f"{out}/version"):
            m = (se.strip() or so.strip())[-500:]
            return result(None, raw="", rc=rc or 1, msg=m, seconds=dt, error=m)
        v = read(f"{out}/version").strip()
        src = int(read(f"{out}/rc").strip())
        secs = float(read(f"{out}/seconds").strip() or 0)
        log = read(f"{out}/log")
        version = None if v == "none" else v
        msg = ""
        if version is None:
            m = re.findall(r"(There are no relevant changes.*|An error occurred.*|E[A-Z]{4,}.*)", log)
            msg = m[0] if m else log[-500:]
        n = None
        if notes and version and os.path.exists(f"{out}/notes.md"):
            n = read(f"{out}/notes.md")
        # semantic-release exits 0 when there is nothing to release
        err = log.strip()[-500:] if src != 0 else None
        return result(version, raw=v, rc=src, msg=msg, seconds=secs, notes=n, error=err)
    finally:
        shutil.rmtree(out, ignore_errors=True)


# ---------------------------------------------------------------- release-please
def run_rp(repo, notes=False, config=None):
    args = [NODE, f"{HERE}/rp/run.js", "repo", repo, "--node-modules", NODE_MODULES]
    if config:
        args += ["--config", json.dumps(config)]
    rc, so, se, dt = sh(args, cwd=HERE)
    if rc != 0:
        return result(None, raw="", rc=rc, msg=se.strip()[-500:], seconds=dt, error=se.strip()[-500:])
    d = json.loads(so)
    msg = ""
    if d["version"] is None:
        m = [line for line in d["logs"] if "skipping" in line or "No commits" in line]
        msg = m[-1] if m else ""
    n = d["notes"] if (notes and d["version"]) else None
    return result(d["version"], raw=d["version"] or "", rc=rc, msg=msg, seconds=dt, notes=n,
                  title=d.get("title"))


# ---------------------------------------------------------------- commitizen
def run_cz(repo, notes=False, variant="v"):
    tmp, r = copy_repo(repo)
    try:
        if variant == "default":
            strip_v_tags(r)
        tag = latest_tag(r)
        cur = re.sub(r"^v", "", tag) if tag else "0.0.1"
        lines = ["[tool.commitizen]", 'name = "cz_conventional_commits"', f'version = "{cur}"']
        if variant in ("v", "mvz"):
            lines.append('tag_format = "v$version"')
        if variant == "mvz":
            # In the configuration this is accepted for any major (only the command-line flag
            # --major-version-zero refuses a major >= 1, exit 20).
            lines.append("major_version_zero = true")
        with open(os.path.join(r, ".cz.toml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        exclude(r, ".cz.toml")
        rc, so, se, dt = sh([CZ, "bump", "--dry-run", "--yes"], cwd=r)
        # Read the exit code first: with nothing to bump stdout still says "version X → X" (exit 21).
        m = re.search(r"bump: version (\S+) \u2192 (\S+)", so)
        version = m.group(2) if (m and rc == 0) else None
        msg = "" if version else (se.strip() or so.strip())
        n = None
        if notes and version:
            newtag = ("v" if variant in ("v", "mvz") else "") + version
            # the section a bump adds, rendered alone (incremental, over a CHANGELOG.md that
            # holds the last release)
            if tag:
                with open(os.path.join(r, "CHANGELOG.md"), "w") as f:
                    f.write(f"## {tag} (2024-01-01)\n")
            exclude(r, "CHANGELOG.md")
            c2, o2, e2, d2 = sh([CZ, "changelog", "--dry-run", "--incremental", "--unreleased-version", newtag], cwd=r)
            dt += d2
            if c2 == 0:
                n = o2[:-1] if o2.endswith("\n") else o2  # print()'s newline
            else:
                n = f"<cz changelog exit {c2}: {e2.strip()[-300:]}>"
        # 21: nothing eligible to bump, 3: no commits since the tag
        err = None if rc in (0, 3, 21) else msg[-500:]
        return result(version, raw=m.group(0) if m else so.strip(), rc=rc, msg=msg, seconds=dt, notes=n, error=err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cog_section(changelog):
    """The release's section of the CHANGELOG.md cocogitto's default template writes:
    from the first `## ` heading to the blank line and `- - -` separator that close it
    (the section ends with one newline)."""
    start = changelog.find("\n## ")
    if start < 0:
        return None
    body = changelog[start + 1:]
    end = body.find("\n\n- - -")
    return body[:end + 1] if end >= 0 else body


def run_cog(repo, notes=False, variant="v"):
    tmp, r = copy_repo(repo)
    try:
        prefix = "v" if variant == "v" else ""
        if variant == "default":
            strip_v_tags(r)
        # cocogitto refuses to bump with untracked files, even with --dry-run: git-exclude it
        with open(os.path.join(r, "cog.toml"), "w") as f:
            f.write('tag_prefix = "v"\n' if prefix else "")
        exclude(r, "cog.toml")
        rc, so, se, dt = sh([COG, "bump", "--auto", "--dry-run"], cwd=r)
        vl = [line.strip() for line in so.splitlines() if re.match(r"^v?\d+\.\d+\.\d+", line.strip())]
        raw = vl[-1] if vl else so.strip()
        version = None
        if rc == 0 and vl:
            version = raw[len(prefix):] if prefix and raw.startswith(prefix) else raw
        msg = "" if version else " | ".join(x for x in (so.strip(), se.strip()) if x)
        n = None
        if notes and version:
            # a real `cog bump --auto` in the copy: the CHANGELOG.md it writes (the release date
            # in it is the HEAD commit's date)
            c2, o2, e2, d2 = sh([COG, "bump", "--auto"], cwd=r)
            dt += d2
            p = os.path.join(r, "CHANGELOG.md")
            section = cog_section(read(p)) if os.path.exists(p) else None
            n = section if section is not None else f"<cog bump exit {c2}: {(o2 + e2).strip()[-300:]}>"
        # exit 1 "No conventional commit found to bump current version": commits, none parsed
        err = None if rc == 0 or (rc == 1 and "No conventional commit found" in se) else msg[-500:]
        return result(version, raw=raw, rc=rc, msg=msg, seconds=dt, notes=n, error=err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- git-cliff
def run_cliff(repo, notes=False):
    # git-cliff only reads, but it runs on a copy like the others
    tmp, r = copy_repo(repo)
    try:
        cur = latest_tag(r)
        rc, so, se, dt = sh([CLIFF, "--config", CLIFF_CONFIG, "--bumped-version"], cwd=r)
        raw = so.strip()
        version = None
        # "nothing to bump" prints the current tag, exit 0
        if rc == 0 and raw and not (cur and raw == cur):
            version = re.sub(r"^v", "", raw)
        msg = "" if version else (se.strip()[-500:] or raw)
        n = None
        if notes and version:
            c2, o2, e2, d2 = sh([CLIFF, "--config", CLIFF_CONFIG, "--unreleased", "--bump", "--strip", "all"], cwd=r)
            dt += d2
            n = o2 if c2 == 0 else f"<git-cliff exit {c2}: {e2.strip()[-300:]}>"
        err = None if rc == 0 else (se.strip()[-500:] or f"exit {rc}")
        return result(version, raw=raw, rc=rc, msg=msg, seconds=dt, notes=n, error=err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


TOOLS = {
    "sr": lambda repo, notes=False: run_sr(repo, notes, "angular"),
    "sr-cc": lambda repo, notes=False: run_sr(repo, notes, "conventionalcommits"),
    "rp": lambda repo, notes=False: run_rp(repo, notes),
    "rp-pre": lambda repo, notes=False: run_rp(repo, notes, {"bump-minor-pre-major": True,
                                                             "bump-patch-for-minor-pre-major": True}),
    "cz": lambda repo, notes=False: run_cz(repo, notes, "v"),
    "cz-default": lambda repo, notes=False: run_cz(repo, notes, "default"),
    "cz-mvz": lambda repo, notes=False: run_cz(repo, notes, "mvz"),
    "cog": lambda repo, notes=False: run_cog(repo, notes, "v"),
    "cog-default": lambda repo, notes=False: run_cog(repo, notes, "default"),
    "cliff": lambda repo, notes=False: run_cliff(repo, notes),
}

# herald's engine for each tool configuration, and what each needs installed
ENGINE = {"sr": "semantic-release", "sr-cc": "semantic-release", "rp": "release-please",
          "rp-pre": "release-please", "cz": "commitizen", "cz-default": "commitizen",
          "cz-mvz": "commitizen", "cog": "cocogitto", "cog-default": "cocogitto", "cliff": "git-cliff"}
NEEDS = {"semantic-release": ["node", "npm"], "release-please": ["node", "npm"],
         "commitizen": ["commitizen"], "cocogitto": ["cocogitto"], "git-cliff": ["git-cliff", "cliff-config"]}


def run_tool(tool, repo, notes=False):
    return TOOLS[tool](os.path.abspath(repo), notes)


# ---------------------------------------------------------------- configs for a candidate
def prepare_repo_for(tool, repo):
    """Copy `repo` and write into the copy (untracked, listed in .git/info/exclude) the config
    file(s) that make each tool behave exactly as run_tool(tool) ran it, so that another
    implementation (herald) can be asked the same question.  Returns (tmpdir, repo_copy);
    the caller removes tmpdir."""
    tmp, r = copy_repo(repo)
    if tool in ("cz-default", "cog-default"):
        strip_v_tags(r)
    tag = latest_tag(r)
    ver = re.sub(r"^v", "", tag) if tag else None

    def w(name, text):
        with open(os.path.join(r, name), "w") as f:
            f.write(text)
        exclude(r, name)

    if tool in ("sr", "sr-cc"):
        pl = (["@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator"]
              if tool == "sr" else
              [["@semantic-release/commit-analyzer", {"preset": "conventionalcommits"}],
               ["@semantic-release/release-notes-generator", {"preset": "conventionalcommits"}]])
        w(".releaserc.json", json.dumps({"branches": ["main"], "plugins": pl}, indent=2) + "\n")
    elif tool in ("rp", "rp-pre"):
        cfg = {"packages": {".": {"release-type": "simple"}}}
        if tool == "rp-pre":
            cfg["bump-minor-pre-major"] = True
            cfg["bump-patch-for-minor-pre-major"] = True
        w("release-please-config.json", json.dumps(cfg, indent=2) + "\n")
        w(".release-please-manifest.json", json.dumps({".": ver} if ver else {}, indent=2) + "\n")
    elif tool in ("cz", "cz-default", "cz-mvz"):
        lines = ["[tool.commitizen]", 'name = "cz_conventional_commits"', f'version = "{ver or "0.0.1"}"']
        if tool != "cz-default":
            lines.append('tag_format = "v$version"')
        if tool == "cz-mvz":
            lines.append("major_version_zero = true")
        w(".cz.toml", "\n".join(lines) + "\n")
    elif tool in ("cog", "cog-default"):
        w("cog.toml", 'tag_prefix = "v"\n' if tool == "cog" else "")
    elif tool == "cliff":
        w("cliff.toml", read(CLIFF_CONFIG))
    return tmp, r


# ---------------------------------------------------------------- what is installed
def _cmd_version(args):
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


def _json_version(path):
    try:
        with open(path) as f:
            return json.load(f).get("version")
    except (OSError, ValueError):
        return None


def check(tools_dir, parts=None):
    """[(part, what is wrong)] for the parts that are missing or at another version."""
    configure(tools_dir, home="/nonexistent")
    parts = parts or ["node", "npm", "commitizen", "cocogitto", "git-cliff", "cliff-config"]
    problems = []
    for part in parts:
        if part == "node":
            got = _cmd_version([NODE, "--version"])
            if got != "v" + PINS["node"]:
                problems.append((part, f"node {PINS['node']} ({NODE}: {got or 'missing'})"))
        elif part == "npm":
            with open(NPM_PACKAGES) as f:
                deps = json.load(f)["dependencies"]
            for name, want in deps.items():
                got = _json_version(os.path.join(NODE_MODULES, name, "package.json"))
                if got != want:
                    problems.append((part, f"{name} {want} ({got or 'missing'})"))
        elif part == "commitizen":
            want = next(line.split("==")[1].strip() for line in open(REQUIREMENTS)
                        if line.lower().startswith("commitizen=="))
            got = _cmd_version([f"{T}/venv/bin/python", "-c",
                                "import importlib.metadata as m; print(m.version('commitizen'))"])
            if got != want or not os.access(CZ, os.X_OK):
                problems.append((part, f"commitizen {want} ({got or 'missing'})"))
        elif part == "cocogitto":
            got = _cmd_version([COG, "--version"])
            if got != f"cog {PINS['cocogitto']}":
                problems.append((part, f"cocogitto {PINS['cocogitto']} ({got or 'missing'})"))
        elif part == "git-cliff":
            got = _cmd_version([CLIFF, "--version"])
            if got != f"git-cliff {PINS['git-cliff']}":
                problems.append((part, f"git-cliff {PINS['git-cliff']} ({got or 'missing'})"))
        elif part == "cliff-config":
            if not os.path.isfile(CLIFF_CONFIG):
                problems.append((part, f"git-cliff's default configuration ({CLIFF_CONFIG}: missing)"))
        else:
            raise SystemExit(f"tools.py: unknown part {part}")
    return problems


def main(argv):
    if len(argv) >= 2 and argv[0] == "pin":
        print(PINS[argv[1]])
        return 0
    if len(argv) >= 2 and argv[0] == "check":
        problems = check(argv[1], argv[2:] or None)
        for _, what in problems:
            print(what)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
