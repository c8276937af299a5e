"""Configuration families: random tool configurations, each with random histories made for it.
Python 3 standard library only.

A family draws, per history, a configuration for its tool (seeded, so the same seed gives the
same configurations and histories everywhere) and a rich history (run_random.gen_rich_history)
that uses what the configuration is about: its tag format, its commit types, its package paths.
The configuration is written, as the tool's own file(s), into the copy the real tool runs on
and into the copy herald runs on: the same bytes, so both read the same settings.  Only where
herald needs it is a herald.toml `engine = "…"` line added (rp-app: herald does not read
release-please-action's inputs).

    import families
    for hid, spec, cfg in families.cases("cz-var", n=300, seed=11): ...
    fam = families.FAMILIES["cz-var"]
    fam.run(repo, cfg, notes=True)  -> {component: tools.result(...)}; component None for a
                                       single package
    fam.prepare(repo, cfg)          -> (tmpdir, copy) holding the configuration for herald
    fam.herald_component(component, cfg) -> the name to give `herald preview --component`, or None

Families (README: "Checking against the real tools"):

  sr-var     semantic-release: preset angular or conventionalcommits, releaseRules (custom
             types, scope globs, subject globs, `breaking: true`, `revert: true`, `release:
             false`), presetConfig.types with hidden and visible sections, tagFormat, options at
             the top level or per plugin
  rp-var     release-please, one package at the root: versioning default / always-bump-patch /
             always-bump-minor / always-bump-major / prerelease (prerelease true or false,
             prerelease-type), bump-minor-pre-major, bump-patch-for-minor-pre-major,
             changelog-sections with hidden and visible types, include-v-in-tag,
             initial-version, keys at the top level or in the package
  rp-mono    release-please manifest with two or three packages (paths, component,
             include-component-in-tag, tag-separator, separate-pull-requests, a root package
             now and then); one comparison per package
  rp-app     release-please without any configuration file, as release-please-action runs
             with a `release-type` input (simple or node), or as the release-please GitHub App
             runs from .github/release-please.yml (releaseType, bumpMinorPreMajor,
             bumpPatchForMinorPreMajor, monorepoTags, packageName, handleGHRelease): the version
             comes from the latest release tag; herald gets the workflow or App file and
             `engine = "release-please"`
  cz-var     commitizen: tag_format, version_scheme pep440 / semver / semver2,
             major_version_zero, version_provider commitizen or scm, cz_customize with
             bump_pattern / bump_map, a top-level bump_map, pre-release tags in each spelling
  cog-var    cocogitto: tag_prefix, commit_types (custom types with bump_minor / bump_patch,
             omit_from_changelog, order, changelog_title, removed types), scopes,
             ignore_merge_commits, [changelog] authors and the remote template
  cog-mono   cocogitto monorepo: [monorepo.packages.NAME] with path (include, ignore,
             public_api), generate_mono_repository_global_tag, monorepo_version_separator;
             one comparison per package and one for the global version
  cliff-var  git-cliff's default configuration with [bump] options (features_always_bump_minor,
             breaking_always_bump_major, initial_tag, custom_major_increment_regex,
             custom_minor_increment_regex) and [git] tag_pattern
"""
import json
import os
import random
import re
import shutil
import tempfile

import tools
from run_random import gen_rich_history

SR_MODULES = ("@semantic-release/commit-analyzer", "@semantic-release/release-notes-generator")


def write(repo, name, text):
    """Writes a configuration file into a copy, untracked and git-excluded (cocogitto refuses
    to bump with untracked files)."""
    path = os.path.join(repo, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    tools.exclude(repo, name)


def reachable_tags(repo):
    return [t for t in tools.git(repo, "tag", "--merged", "HEAD").split() if t]


def semver_key(v):
    """Sort key of a semantic version (pre-releases before their release), or None."""
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$", v)
    if not m:
        return None
    pre = m[4]
    prekey = (1,) if pre is None else (0, tuple((0, int(x)) if x.isdigit() else (1, x) for x in pre.split(".")))
    return (int(m[1]), int(m[2]), int(m[3]), prekey)


def highest(repo, pattern):
    """The highest version among the tags reachable from HEAD that match `pattern` (a regular
    expression with a group `v`), as written in the tag; None without one."""
    best = None
    for t in reachable_tags(repo):
        m = re.fullmatch(pattern, t)
        if not m:
            continue
        k = semver_key(m["v"])
        if k is not None and (best is None or k > best[0]):
            best = (k, m["v"])
    return best[1] if best else None


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


class Family:
    name = ""
    engine = ""

    def make(self, rng):
        """(cfg, history params): the configuration's choices, JSON-able."""
        raise NotImplementedError

    def files(self, repo, cfg):
        """{path: text}: the configuration files, for the real tool and for herald alike."""
        raise NotImplementedError

    def herald_files(self, repo, cfg):
        return self.files(repo, cfg)

    def normalise_notes(self, text):
        """The notes as compared: where the tool's output is not reproducible, both sides are
        brought to one form (see CogMono)."""
        return text

    def run(self, repo, cfg, notes=False):
        raise NotImplementedError

    def herald_component(self, component, cfg):
        return component

    def prepare(self, repo, cfg):
        tmp, r = tools.copy_repo(repo)
        for name, text in self.herald_files(r, cfg).items():
            write(r, name, text)
        return tmp, r


# ---------------------------------------------------------------- semantic-release
SR_RULES = [
    {"type": "docs", "release": "patch"},
    {"type": "refactor", "release": "patch"},
    {"type": "refactor", "scope": "core", "release": "minor"},
    {"scope": "no-release", "release": False},
    {"type": "feat", "scope": "ui*", "release": "patch"},
    {"breaking": True, "release": "minor"},
    {"breaking": True, "release": "major"},
    {"type": "deps", "release": "patch"},
    {"type": "security", "release": "minor"},
    {"type": "hotfix", "release": "patch"},
    {"type": "chore", "scope": "deps*", "release": "patch"},
    {"subject": "*API*", "release": "minor"},
    {"revert": True, "release": "minor"},
    {"type": "perf", "release": "major"},
    {"type": "wip", "release": False},
    {"type": "style", "release": False},
    {"type": "feat", "release": "patch"},
    {"type": "fix", "scope": "api", "release": "minor"},
    {"type": "build", "release": "patch"},
]
SR_TYPES = [
    {"type": "feat", "section": "Features"},
    {"type": "fix", "section": "Bug Fixes"},
    {"type": "perf", "section": "Performance Improvements"},
    {"type": "revert", "section": "Reverts"},
    {"type": "docs", "section": "Documentation", "hidden": False},
    {"type": "docs", "section": "Documentation", "hidden": True},
    {"type": "chore", "section": "Miscellaneous Chores", "hidden": True},
    {"type": "chore", "section": "Chores", "hidden": False},
    {"type": "refactor", "section": "Code Refactoring", "hidden": False},
    {"type": "deps", "section": "Dependencies"},
    {"type": "security", "section": "Security"},
    {"type": "hotfix", "section": "Hotfixes"},
    {"type": "build", "section": "Build System", "hidden": True},
]
EXTRA_TYPES = [(3, "deps"), (2, "security"), (2, "hotfix"), (1, "wip")]


class SrVar(Family):
    name, engine = "sr-var", "semantic-release"

    def make(self, rng):
        cfg = {"preset": rng.choice(["angular", "conventionalcommits"])}
        if rng.random() < 0.75:
            cfg["releaseRules"] = rng.sample(SR_RULES, rng.randint(1, 5))
        if cfg["preset"] == "conventionalcommits" and rng.random() < 0.5:
            types, seen = [], set()
            for t in rng.sample(SR_TYPES, rng.randint(2, 7)):
                if t["type"] not in seen:
                    seen.add(t["type"])
                    types.append(t)
            cfg["presetConfig"] = {"types": types}
        fmt = rng.choices(["v${version}", "${version}", "release-${version}"], [70, 15, 15])[0]
        if fmt != "v${version}" or rng.random() < 0.2:
            cfg["tagFormat"] = fmt
        cfg["where"] = rng.choice(["plugin", "plugin", "top"])
        params = {"tag": fmt.replace("${version}", "{version}"), "extra_types": EXTRA_TYPES}
        return cfg, params

    def config(self, cfg, plugin_names):
        opts = {k: cfg[k] for k in ("preset", "releaseRules", "presetConfig") if k in cfg}
        notes_opts = {k: v for k, v in opts.items() if k != "releaseRules"}
        c = {"branches": ["main"]}
        if "tagFormat" in cfg:
            c["tagFormat"] = cfg["tagFormat"]
        if cfg["where"] == "top":
            c.update(opts)
            c["plugins"] = list(plugin_names)
        else:
            c["plugins"] = [[plugin_names[0], opts], [plugin_names[1], notes_opts]]
        return c

    def files(self, repo, cfg):
        return {".releaserc.json": json.dumps(self.config(cfg, SR_MODULES), indent=2) + "\n"}

    def run(self, repo, cfg, notes=False):
        c = self.config(cfg, [f"{tools.NODE_MODULES}/{m}" for m in SR_MODULES])
        c["plugins"].append(f"{tools.HERE}/sr/capture-notes.cjs")
        tmp = tempfile.mkdtemp(prefix="herald-compat-srcfg.")
        try:
            path = os.path.join(tmp, "config.json")
            with open(path, "w") as f:
                json.dump(c, f, indent=2)
            return {None: tools.run_sr(repo, notes, f"config:{path}")}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- release-please
RP_SECTIONS = [
    {"type": "feat", "section": "Features"},
    {"type": "feat", "section": "New Features"},
    {"type": "fix", "section": "Bug Fixes"},
    {"type": "perf", "section": "Performance Improvements"},
    {"type": "revert", "section": "Reverts"},
    {"type": "docs", "section": "Documentation"},
    {"type": "docs", "section": "Documentation", "hidden": True},
    {"type": "chore", "section": "Miscellaneous Chores"},
    {"type": "chore", "section": "Miscellaneous Chores", "hidden": True},
    {"type": "refactor", "section": "Code Refactoring", "hidden": False},
    {"type": "style", "section": "Styles", "hidden": True},
    {"type": "test", "section": "Tests", "hidden": True},
    {"type": "build", "section": "Build System"},
    {"type": "ci", "section": "Continuous Integration", "hidden": True},
    {"type": "deps", "section": "Dependencies"},
    {"type": "security", "section": "Security"},
]
RP_PRE_STYLES = ["semver", "padded", "bare", "semver1"]


def rp_sections(rng):
    out, seen = [], set()
    for s in rng.sample(RP_SECTIONS, rng.randint(2, 9)):
        if s["type"] not in seen:
            seen.add(s["type"])
            out.append(s)
    return out


def rp_run(repo, full_config, manifest, notes):
    """Runs release-please's pipeline with this configuration and manifest; {component: result}."""
    args = [tools.NODE, f"{tools.HERE}/rp/run.js", "repo", repo, "--node-modules", tools.NODE_MODULES,
            "--full-config", json.dumps(full_config), "--manifest", json.dumps(manifest)]
    return rp_releases(args, notes)


def rp_releases(args, notes):
    rc, so, se, dt = tools.sh(args, cwd=tools.HERE)
    if rc != 0:
        return {None: tools.result(None, rc=rc, msg=se.strip()[-500:], seconds=dt, error=se.strip()[-500:])}
    d = json.loads(so)
    out = {}
    for r in d["releases"]:
        out[r["component"]] = tools.result(r["version"], raw=r["version"] or "", seconds=dt,
                                           notes=r["notes"] if notes and r["version"] else None)
    if not out:
        m = [line for line in d["logs"] if "skipping" in line or "No commits" in line]
        out[None] = tools.result(None, msg=m[-1] if m else "", seconds=dt)
    return out


class RpVar(Family):
    name, engine = "rp-var", "release-please"

    def make(self, rng):
        keys = {"release-type": "simple"}
        versioning = rng.choices(["default", "always-bump-patch", "always-bump-minor", "always-bump-major",
                                  "prerelease", None], [15, 10, 10, 10, 30, 25])[0]
        label = rng.choice(["beta", "rc", "alpha"])
        if versioning:
            keys["versioning"] = versioning
        if versioning == "prerelease" or rng.random() < 0.1:
            if rng.random() < 0.8:
                keys["prerelease"] = rng.random() < 0.75
            if rng.random() < 0.9:
                keys["prerelease-type"] = label
        for k in ("bump-minor-pre-major", "bump-patch-for-minor-pre-major"):
            if rng.random() < 0.5:
                keys[k] = rng.random() < 0.7
        if rng.random() < 0.5:
            keys["changelog-sections"] = rp_sections(rng)
        if rng.random() < 0.15:
            keys["include-v-in-tag"] = False
        if rng.random() < 0.15:
            keys["initial-version"] = rng.choice(["0.1.0", "0.0.1", "1.0.0", "2.0.0"])
        top = {k: v for k, v in keys.items() if k != "release-type" and rng.random() < 0.4}
        pkg = {k: v for k, v in keys.items() if k not in top}
        cfg = {"top": top, "package": pkg}
        v = "" if keys.get("include-v-in-tag") is False else "v"
        params = {"tag": v + "{version}", "pre_labels": [label, label, "rc"], "pre_styles": RP_PRE_STYLES,
                  "extra_types": [(2, "deps"), (1, "security")], "release_as": 0.08,
                  "start": [(12, "none"), (25, "zero"), (38, "stable"), (25, "pre")]}
        return cfg, params

    def manifest(self, repo, cfg):
        keys = {**cfg["top"], **cfg["package"]}
        v = "" if keys.get("include-v-in-tag") is False else "v"
        cur = highest(repo, re.escape(v) + r"(?P<v>.+)")
        return {".": cur} if cur else {}

    def full_config(self, cfg):
        return {**cfg["top"], "packages": {".": cfg["package"]}}

    def files(self, repo, cfg):
        return {"release-please-config.json": json.dumps(self.full_config(cfg), indent=2) + "\n",
                ".release-please-manifest.json": json.dumps(self.manifest(repo, cfg), indent=2) + "\n"}

    def run(self, repo, cfg, notes=False):
        return rp_run(repo, self.full_config(cfg), self.manifest(repo, cfg), notes)


class RpMono(Family):
    name, engine = "rp-mono", "release-please"
    PATHS = [("a", "packages/a"), ("b", "packages/b"), ("c", "libs/c")]

    def make(self, rng):
        pkgs = rng.sample(self.PATHS, rng.randint(2, 3))
        root = rng.random() < 0.25
        sep = rng.choices(["-", "/", "@"], [70, 15, 15])[0]
        top = {"release-type": "simple"}
        if sep != "-" or rng.random() < 0.2:
            top["tag-separator"] = sep
        if rng.random() < 0.5:
            top["separate-pull-requests"] = rng.random() < 0.5
        for k in ("bump-minor-pre-major", "bump-patch-for-minor-pre-major"):
            if rng.random() < 0.3:
                top[k] = True
        if rng.random() < 0.3:
            top["changelog-sections"] = rp_sections(rng)
        packages = {}
        tagfmt = {}
        for name, path in pkgs:
            pc = {"component": name}
            incl = True
            if rng.random() < 0.15:
                incl = False
                pc["include-component-in-tag"] = False
            if rng.random() < 0.15:
                pc["versioning"] = rng.choice(["always-bump-patch", "always-bump-minor"])
            packages[path] = pc
            tagfmt[name] = (name + sep if incl else "") + "v{version}"
        if root:
            packages["."] = {}
            tagfmt[None] = "v{version}"
        cfg = {"top": top, "packages": packages}
        comps = [(name, path) for name, path in pkgs] + ([(None, "src")] if root else [])

        def tag(version, component):
            return tagfmt[component].format(version=version)

        params = {"components": comps, "tag": tag, "release_as": 0.03}
        return cfg, params

    def components(self, cfg):
        """[(component, path, tag regex)] of the packages."""
        sep = cfg["top"].get("tag-separator", "-")
        out = []
        for path, pc in cfg["packages"].items():
            comp = pc.get("component")
            if comp and pc.get("include-component-in-tag", True):
                rx = re.escape(comp + sep) + r"v(?P<v>.+)"
            else:
                rx = r"v(?P<v>.+)"
            out.append((comp, path, rx))
        return out

    def manifest(self, repo, cfg):
        m = {}
        for comp, path, rx in self.components(cfg):
            cur = highest(repo, rx)
            if cur:
                m[path] = cur
        return m

    def full_config(self, cfg):
        return {**cfg["top"], "packages": cfg["packages"]}

    def files(self, repo, cfg):
        return {"release-please-config.json": json.dumps(self.full_config(cfg), indent=2) + "\n",
                ".release-please-manifest.json": json.dumps(self.manifest(repo, cfg), indent=2) + "\n"}

    def run(self, repo, cfg, notes=False):
        """{package path: result}, every configured package (None for no release)."""
        args = [tools.NODE, f"{tools.HERE}/rp/run.js", "repo", repo, "--node-modules", tools.NODE_MODULES,
                "--full-config", json.dumps(self.full_config(cfg)), "--manifest", json.dumps(self.manifest(repo, cfg))]
        rc, so, se, dt = tools.sh(args, cwd=tools.HERE)
        if rc != 0:
            return {None: tools.result(None, rc=rc, msg=se.strip()[-500:], seconds=dt, error=se.strip()[-500:])}
        d = json.loads(so)
        out = {}
        for p in d["packages"]:
            out[p["path"]] = tools.result(p["version"], raw=p["version"] or "", seconds=dt,
                                          notes=p["notes"] if notes and p["version"] else None)
        for path in cfg["packages"]:
            out.setdefault(path, tools.result(None, seconds=dt))
        return out

    def herald_component(self, component, cfg):
        """herald's name of a package: its component when the tag carries it, else its path,
        and the root package without one after the repository (the copies are all .../repo)."""
        if component is None:
            return None
        pc = cfg["packages"].get(component, {})
        if pc.get("component") and pc.get("include-component-in-tag", True):
            return pc["component"]
        return "repo" if component == "." else component


class RpApp(Family):
    """release-please without release-please-config.json: release-please-action's inputs, or
    the release-please GitHub App's .github/release-please.yml."""
    name, engine = "rp-app", "release-please"

    def make(self, rng):
        if rng.random() < 0.6:
            inputs = {"release-type": rng.choice(["simple", "simple", "node"])}
            if rng.random() < 0.3:
                inputs["versioning-strategy"] = rng.choice(["always-bump-patch", "always-bump-minor", "default"])
            if inputs["release-type"] == "node" and rng.random() < 0.5:
                inputs["include-component-in-tag"] = rng.random() < 0.5
            cfg = {"inputs": inputs, "package": rng.choice(["my-pkg", "@owner/my-pkg"])}
        else:
            app = {"releaseType": rng.choice(["simple", "simple", "node"]), "handleGHRelease": True}
            for k in ("bumpMinorPreMajor", "bumpPatchForMinorPreMajor"):
                if rng.random() < 0.4:
                    app[k] = True
            if rng.random() < 0.2:
                app["monorepoTags"] = True
            if rng.random() < 0.3:
                app["packageName"] = "my-pkg"
            if rng.random() < 0.2:
                app["primaryBranch"] = "main"
            cfg = {"app": app, "package": rng.choice(["my-pkg", "@owner/my-pkg"])}
        params = {"tag": "v{version}", "release_as": 0.05,
                  "start": [(15, "none"), (30, "zero"), (45, "stable"), (10, "pre")]}
        return cfg, params

    def release_type(self, cfg):
        return cfg["inputs"]["release-type"] if "inputs" in cfg else cfg["app"]["releaseType"]

    def files(self, repo, cfg):
        if "inputs" in cfg:
            lines = ["on:", "  push:", "    branches: [main]", "jobs:", "  release-please:",
                     "    runs-on: ubuntu-latest", "    steps:",
                     "      - uses: googleapis/release-please-action@v4", "        with:"]
            for k, v in cfg["inputs"].items():
                lines.append(f"          {k}: {json.dumps(v) if isinstance(v, bool) else v}")
            out = {".github/workflows/release-please.yml": "\n".join(lines) + "\n"}
        else:
            out = {".github/release-please.yml": "".join(
                f"{k}: {json.dumps(v) if isinstance(v, bool) else v}\n" for k, v in cfg["app"].items())}
        if self.release_type(cfg) == "node":
            cur = highest(repo, r"v(?P<v>.+)") or "0.0.0"
            out["package.json"] = json.dumps({"name": cfg["package"], "version": cur}, indent=2) + "\n"
        return out

    def herald_files(self, repo, cfg):
        out = self.files(repo, cfg)
        out["herald.toml"] = 'engine = "release-please"\n'
        return out

    def releaser(self, cfg):
        """The ReleaserConfig the GitHub App builds (buildManifest)."""
        app = cfg["app"]
        r = {"releaseType": app["releaseType"], "packageName": app.get("packageName", "repo"),
             "includeComponentInTag": bool(app.get("monorepoTags"))}
        for k in ("bumpMinorPreMajor", "bumpPatchForMinorPreMajor", "versioning"):
            if k in app:
                r[k] = app[k]
        return r

    def run(self, repo, cfg, notes=False):
        # release-please reads files from the branch: run.js answers for package.json (the node
        # release type's name and version) from memory, as if it were committed
        args = [tools.NODE, f"{tools.HERE}/rp/run.js", "repo", repo, "--node-modules", tools.NODE_MODULES,
                "--files", json.dumps(self.files(repo, cfg))]
        if "inputs" in cfg:
            args += ["--action", json.dumps(cfg["inputs"])]
        else:
            args += ["--releaser", json.dumps(self.releaser(cfg))]
        return rp_releases(args, notes)

    def herald_component(self, component, cfg):
        return None


# ---------------------------------------------------------------- commitizen
CZ_SCHEME_STYLE = {"pep440": "pep440", "semver": "semver1", "semver2": "semver"}


class CzVar(Family):
    name, engine = "cz-var", "commitizen"

    def make(self, rng):
        cfg = {"name": rng.choices(["cz_conventional_commits", "cz_customize"], [75, 25])[0]}
        cfg["tag_format"] = rng.choices(["v$version", "$version", "${version}", "release-$version"],
                                        [45, 25, 15, 15])[0]
        scheme = rng.choice([None, "pep440", "semver", "semver2"])
        if scheme:
            cfg["version_scheme"] = scheme
        if rng.random() < 0.3:
            cfg["major_version_zero"] = True
        cfg["provider"] = rng.choices(["commitizen", "scm"], [75, 25])[0]
        if cfg["name"] == "cz_customize":
            cust = {}
            if rng.random() < 0.7:
                cust["bump_pattern"] = rng.choice([
                    r"^((BREAKING[\-\ ]CHANGE|\w+)(\(.+\))?!?):",
                    r"^(feat|fix|hotfix|deps|perf)(\(.+\))?(!)?",
                    r"^(break|feat|fix|hotfix|deps)",
                ])
            if rng.random() < 0.8:
                pool = [("^.+!$", "MAJOR"), ("^break", "MAJOR"), ("^BREAKING[\\-\\ ]CHANGE", "MAJOR"),
                        ("^feat", "MINOR"), ("^fix", "PATCH"), ("^hotfix", "PATCH"), ("^deps", "PATCH"),
                        ("^perf", "MINOR"), ("^docs", "PATCH")]
                cust["bump_map"] = dict(rng.sample(pool, rng.randint(2, 6)))
            if rng.random() < 0.5:
                cust["commit_parser"] = (r"^(?P<change_type>feat|fix|refactor|perf|hotfix|deps|BREAKING CHANGE)"
                                         r"(?:\((?P<scope>[^()\r\n]*)\)|\()?(?P<breaking>!)?:\s(?P<message>.*)?")
                cust["changelog_pattern"] = r"^(feat|fix|refactor|perf|hotfix|deps|BREAKING CHANGE)(\(.+\))?(!)?"
            if rng.random() < 0.4:
                cust["change_type_map"] = {"feat": "Features", "fix": "Fixes", "hotfix": "Hotfixes"}
            cfg["customize"] = cust
        elif rng.random() < 0.2:
            cfg["top_bump_map"] = {"docs": "MINOR", "deps": "PATCH"}
        if rng.random() < 0.15:
            cfg["change_type_order"] = ["Fix", "Feat", "BREAKING CHANGE"]
        style = CZ_SCHEME_STYLE[scheme or "pep440"]
        # now and then a pre-release spelt another scheme's way (v1.1.0-rc.1 under pep440)
        styles = [style, style, style, rng.choice(["semver", "semver1", "pep440"])]
        prefix = cfg["tag_format"].split("$")[0]
        params = {"tag": prefix + "{version}", "pre_styles": styles, "extra_types": [(2, "hotfix"), (2, "deps")]}
        return cfg, params

    def current(self, repo, cfg):
        prefix = cfg["tag_format"].split("$")[0]
        best = None
        for t in reachable_tags(repo):
            if not t.startswith(prefix):
                continue
            k = cz_version_key(t[len(prefix):])
            if k is not None and (best is None or k > best[0]):
                best = (k, t[len(prefix):])
        return best[1] if best else None

    def files(self, repo, cfg):
        lines = ["[tool.commitizen]", f"name = {toml_str(cfg['name'])}"]
        cur = self.current(repo, cfg)
        if cfg["provider"] == "scm":
            lines.append('version_provider = "scm"')
        else:
            lines.append(f"version = {toml_str(cur or '0.0.1')}")
        lines.append(f"tag_format = {toml_str(cfg['tag_format'])}")
        if "version_scheme" in cfg:
            lines.append(f"version_scheme = {toml_str(cfg['version_scheme'])}")
        if cfg.get("major_version_zero"):
            lines.append("major_version_zero = true")
        if "change_type_order" in cfg:
            lines.append("change_type_order = [" + ", ".join(toml_str(x) for x in cfg["change_type_order"]) + "]")
        if "top_bump_map" in cfg:
            lines.append("bump_map = {" + ", ".join(f"{toml_str(k)} = {toml_str(v)}"
                                                   for k, v in cfg["top_bump_map"].items()) + "}")
        if "customize" in cfg:
            lines += ["", "[tool.commitizen.customize]", 'message_template = "{{change_type}}: {{message}}"']
            c = cfg["customize"]
            for k in ("bump_pattern", "commit_parser", "changelog_pattern"):
                if k in c:
                    lines.append(f"{k} = {toml_str(c[k])}")
            for k in ("bump_map", "change_type_map"):
                if k in c:
                    lines.append(f"{k} = {{" + ", ".join(f"{toml_str(a)} = {toml_str(b)}" for a, b in c[k].items())
                                 + "}")
        return {".cz.toml": "\n".join(lines) + "\n"}

    def run(self, repo, cfg, notes=False):
        tmp, r = tools.copy_repo(repo)
        try:
            for name, text in self.files(r, cfg).items():
                write(r, name, text)
            rc, so, se, dt = tools.sh([tools.CZ, "bump", "--dry-run", "--yes"], cwd=r)
            m = re.search(r"bump: version (\S+) \u2192 (\S+)", so)
            version = m.group(2) if (m and rc == 0) else None
            t = re.search(r"tag to create: (\S+)", so)
            msg = "" if version else (se.strip() or so.strip())
            n = None
            if notes and version:
                prefix = cfg["tag_format"].split("$")[0]
                last = self.current(r, cfg)
                if last:
                    with open(os.path.join(r, "CHANGELOG.md"), "w") as f:
                        f.write(f"## {prefix}{last} (2024-01-01)\n")
                tools.exclude(r, "CHANGELOG.md")
                newtag = t.group(1) if t else prefix + version
                c2, o2, e2, d2 = tools.sh([tools.CZ, "changelog", "--dry-run", "--incremental",
                                           "--unreleased-version", newtag], cwd=r)
                dt += d2
                n = (o2[:-1] if o2.endswith("\n") else o2) if c2 == 0 else \
                    f"<cz changelog exit {c2}: {e2.strip()[-300:]}>"
            err = None if rc in (0, 3, 21) else msg[-500:]
            return {None: tools.result(version, raw=m.group(0) if m else so.strip(), rc=rc, msg=msg, seconds=dt,
                                       notes=n, error=err)}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def cz_version_key(v):
    """A sort key for the version spellings the cz histories use (1.2.0, 1.2.0rc1, 1.2.0-rc1,
    1.2.0-rc.1, 1.2.0a0), or None."""
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(?:-?(a|b|rc|alpha|beta)\.?(\d+))?", v)
    if not m:
        return None
    rank = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "rc": 2}
    pre = (1,) if m[4] is None else (0, rank[m[4]], int(m[5]))
    return (int(m[1]), int(m[2]), int(m[3]), pre)


# ---------------------------------------------------------------- cocogitto
COG_TYPES = [
    # new types get an order of their own: cog lists groups of the same order in no fixed order
    ("hotfix", '{ changelog_title = "Hotfixes", bump_patch = true, order = 12 }'),
    ("perf", "{ bump_patch = true }"),
    ("deps", '{ changelog_title = "Dependencies", bump_patch = true, order = 13 }'),
    ("docs", '{ changelog_title = "Docs", omit_from_changelog = true }'),
    ("chore", '{ changelog_title = "Chores", omit_from_changelog = true }'),
    ("feat", '{ changelog_title = "New stuff", bump_minor = true }'),
    ("release", '{ changelog_title = "Releases", bump_minor = true, order = 14 }'),
    ("refactor", '{ changelog_title = "Refactoring", bump_patch = true, order = 16 }'),
    ("security", '{ changelog_title = "Security", bump_minor = true, order = 15 }'),
    ("style", "{}"),
    ("fix", '{ changelog_title = "Fixes", bump_patch = true, order = 0 }'),
    ("revert", '{ changelog_title = "Undone", omit_from_changelog = false }'),
]


class CogVar(Family):
    name, engine = "cog-var", "cocogitto"

    def make(self, rng):
        cfg = {"tag_prefix": rng.choices(["v", "", "release-"], [50, 35, 15])[0]}
        if rng.random() < 0.7:
            cfg["commit_types"] = dict(rng.sample(COG_TYPES, rng.randint(1, 5)))
        if rng.random() < 0.25:
            cfg["ignore_merge_commits"] = True
        if rng.random() < 0.1:
            cfg["scopes"] = ["api", "cli", "core", "ui"]
        if rng.random() < 0.2:
            cfg["authors"] = [["Herald Test", "htest"], ["Zoë Ünicode", "zoe"]]
        if rng.random() < 0.2:
            cfg["remote"] = True
        params = {"tag": cfg["tag_prefix"] + "{version}", "extra_types": [(2, "hotfix"), (2, "deps"),
                                                                          (1, "security"), (1, "release")]}
        return cfg, params

    def files(self, repo, cfg):
        lines = []
        if cfg["tag_prefix"]:
            lines.append(f"tag_prefix = {toml_str(cfg['tag_prefix'])}")
        if cfg.get("ignore_merge_commits"):
            lines.append("ignore_merge_commits = true")
        if "scopes" in cfg:
            lines.append("scopes = [" + ", ".join(toml_str(s) for s in cfg["scopes"]) + "]")
        if "commit_types" in cfg:
            lines += ["", "[commit_types]"] + [f"{k} = {v}" for k, v in cfg["commit_types"].items()]
        if cfg.get("remote") or cfg.get("authors"):
            lines += ["", "[changelog]"]
            if cfg.get("remote"):
                lines += ['template = "remote"', 'remote = "github.com"', 'owner = "owner"', 'repository = "repo"']
            if cfg.get("authors"):
                lines.append("authors = [" + ", ".join(
                    f"{{ signature = {toml_str(a)}, username = {toml_str(b)} }}" for a, b in cfg["authors"]) + "]")
        return {"cog.toml": "\n".join(lines) + ("\n" if lines else "")}

    def run(self, repo, cfg, notes=False):
        return {None: cog_run(repo, self.files(repo, cfg), cfg["tag_prefix"], notes)}


def cog_run(repo, files, prefix, notes):
    tmp, r = tools.copy_repo(repo)
    try:
        for name, text in files.items():
            write(r, name, text)
        rc, so, se, dt = tools.sh([tools.COG, "bump", "--auto", "--dry-run"], cwd=r)
        # the version is the line that reads prefix + version (cog also prints "No conventional
        # commits for your repository that required a bump" and a line about hooks)
        lines = [line.strip() for line in so.splitlines()
                 if re.match(re.escape(prefix) + r"\d+\.\d+\.\d+", line.strip())]
        raw = lines[-1] if lines else so.strip()
        version = None
        if rc == 0 and lines:
            version = raw[len(prefix):]
        msg = "" if version else " | ".join(x for x in (so.strip(), se.strip()) if x)
        n = None
        if notes and version:
            c2, o2, e2, d2 = tools.sh([tools.COG, "bump", "--auto"], cwd=r)
            dt += d2
            p = os.path.join(r, "CHANGELOG.md")
            section = tools.cog_section(tools.read(p)) if os.path.exists(p) else None
            n = section if section is not None else f"<cog bump exit {c2}: {(o2 + e2).strip()[-300:]}>"
        err = None if rc == 0 or (rc == 1 and "No conventional commit found" in se) else msg[-500:]
        return tools.result(version, raw=raw, rc=rc, msg=msg, seconds=dt, notes=n, error=err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class CogMono(Family):
    name, engine = "cog-mono", "cocogitto"
    PATHS = [("a", "packages/a"), ("b", "packages/b"), ("c", "libs/c")]

    def make(self, rng):
        pkgs = rng.sample(self.PATHS, rng.randint(2, 3))
        cfg = {"tag_prefix": rng.choice(["v", ""]), "packages": {}}
        if rng.random() < 0.2:
            cfg["global_tag"] = False
        if rng.random() < 0.2:
            cfg["separator"] = "@"
        # cog orders packages without bump_order as its HashMap iterates (not reproducible)
        orders = rng.sample(range(1, 10), len(pkgs))
        for (name, path), order in zip(pkgs, orders):
            pc = {"path": path, "bump_order": order}
            if rng.random() < 0.2:
                pc["public_api"] = False
            if rng.random() < 0.1:
                pc["ignore"] = [f"{path}/f1*.txt"]
            cfg["packages"][name] = pc
        sep = cfg.get("separator", "-")
        prefix = cfg["tag_prefix"]

        def tag(version, component):
            return (f"{component}{sep}" if component else "") + prefix + version

        comps = [(name, path) for name, path in pkgs]
        if cfg.get("global_tag", True):
            comps.append((None, "src"))
        params = {"components": comps, "tag": tag}
        return cfg, params

    def files(self, repo, cfg):
        lines = []
        if cfg["tag_prefix"]:
            lines.append(f"tag_prefix = {toml_str(cfg['tag_prefix'])}")
        if cfg.get("global_tag") is False:
            lines.append("generate_mono_repository_global_tag = false")
        if "separator" in cfg:
            lines.append(f"monorepo_version_separator = {toml_str(cfg['separator'])}")
        for name, pc in cfg["packages"].items():
            lines += ["", f"[monorepo.packages.{name}]", f"path = {toml_str(pc['path'])}",
                      f"bump_order = {pc['bump_order']}"]
            if "public_api" in pc:
                lines.append(f"public_api = {str(pc['public_api']).lower()}")
            if "ignore" in pc:
                lines.append("ignore = [" + ", ".join(toml_str(x) for x in pc["ignore"]) + "]")
        return {"cog.toml": "\n".join(lines) + "\n"}

    def run(self, repo, cfg, notes=False):
        tmp, r = tools.copy_repo(repo)
        prefix, sep = cfg["tag_prefix"], cfg.get("separator", "-")
        try:
            for name, text in self.files(r, cfg).items():
                write(r, name, text)
            rc, so, se, dt = tools.sh([tools.COG, "bump", "--auto", "--dry-run"], cwd=r)
            out = {}
            if rc != 0:
                msg = " | ".join(x for x in (so.strip(), se.strip()) if x)
                err = None if "No conventional commit found" in se else msg[-500:]
                return {None: tools.result(None, rc=rc, msg=msg, seconds=dt, error=err)}
            for line in so.split():
                comp = None
                for name in cfg["packages"]:
                    if line.startswith(name + sep):
                        comp, line = name, line[len(name + sep):]
                        break
                if not re.match(re.escape(prefix) + r"\d+\.\d+\.\d+", line):
                    continue  # "No conventional commits …", "Pre-Hooks and Post-Hooks …"
                out[comp] = tools.result(line[len(prefix):], raw=line, seconds=dt)
            if notes and out:
                c2, o2, e2, d2 = tools.sh([tools.COG, "bump", "--auto"], cwd=r)
                for comp, res in out.items():
                    p = os.path.join(r, cfg["packages"][comp]["path"] if comp else "", "CHANGELOG.md")
                    section = tools.cog_section(tools.read(p)) if os.path.exists(p) else None
                    res["notes"] = section if section is not None else \
                        f"<cog bump exit {c2}: {(o2 + e2).strip()[-300:]}>"
            # the components that release nothing
            for name in list(cfg["packages"]) + ([None] if cfg.get("global_tag", True) else []):
                out.setdefault(name, tools.result(None, seconds=dt))
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def herald_component(self, component, cfg):
        # herald names a cocogitto monorepo's own version `global` in every clone
        return component or "global"

    def normalise_notes(self, text):
        """cog 7.0.0 lists `### Package updates` in HashMap order, bump_order or not
        (get_packages_bumps in src/command/bump/monorepo.rs sorts by bump_order only when there
        is no [monorepo] table): those lines are compared sorted."""
        if text is None or "### Package updates\n" not in text:
            return text
        head, rest = text.split("### Package updates\n", 1)
        lines = rest.split("\n")
        n = 0
        while n < len(lines) and lines[n].startswith("- ") and " bumped to " in lines[n]:
            n += 1
        return head + "### Package updates\n" + "\n".join(sorted(lines[:n]) + lines[n:])


# ---------------------------------------------------------------- git-cliff
class CliffVar(Family):
    name, engine = "cliff-var", "git-cliff"

    def make(self, rng):
        bump = {}
        for k in ("features_always_bump_minor", "breaking_always_bump_major"):
            if rng.random() < 0.5:
                bump[k] = rng.random() < 0.5
        if rng.random() < 0.3:
            bump["initial_tag"] = rng.choice(["0.0.1", "v0.1.0", "1.0.0", "v2.0.0"])
        if rng.random() < 0.3:
            bump["custom_major_increment_regex"] = rng.choice(["major|breaking", "hotfix", "^perf$"])
        if rng.random() < 0.3:
            bump["custom_minor_increment_regex"] = rng.choice(["minor|more", "deps|security", "feat|docs"])
        cfg = {"bump": bump, "prefix": rng.choices(["v", ""], [75, 25])[0]}
        if rng.random() < 0.5:
            cfg["tag_pattern"] = rng.choice(["v[0-9].*", "[0-9].*", r"^v[0-9]+\.[0-9]+\.[0-9]+$",
                                             "v?[0-9]+\\.[0-9]+.*"])
        params = {"tag": cfg["prefix"] + "{version}", "extra_types": [(2, "hotfix"), (2, "deps"), (1, "security")]}
        return cfg, params

    def files(self, repo, cfg):
        text = tools.read(tools.CLIFF_CONFIG)
        if "tag_pattern" in cfg:
            text = text.replace("\n[git]\n", f"\n[git]\ntag_pattern = {toml_str(cfg['tag_pattern'])}\n", 1)
        if cfg["bump"]:
            text += "\n[bump]\n" + "".join(
                f"{k} = {str(v).lower() if isinstance(v, bool) else toml_str(v)}\n" for k, v in cfg["bump"].items())
        return {"cliff.toml": text}

    def run(self, repo, cfg, notes=False):
        tmp, r = tools.copy_repo(repo)
        try:
            for name, text in self.files(r, cfg).items():
                write(r, name, text)
            conf = os.path.join(r, "cliff.toml")
            rc, so, se, dt = tools.sh([tools.CLIFF, "--config", conf, "--bumped-version"], cwd=r)
            raw = so.strip()
            # with nothing to bump git-cliff prints the current version (exit 0) and warns
            # "There is nothing to bump" or "The next version is the same as the current
            # version, there is nothing to bump"
            version = None
            if rc == 0 and raw and "nothing to bump" not in se:
                version = re.sub(r"^v", "", raw)
            msg = "" if version else (se.strip()[-500:] or raw)
            n = None
            if notes and version:
                c2, o2, e2, d2 = tools.sh([tools.CLIFF, "--config", conf, "--unreleased", "--bump", "--strip", "all"],
                                          cwd=r)
                dt += d2
                n = o2 if c2 == 0 else f"<git-cliff exit {c2}: {e2.strip()[-300:]}>"
            err = None if rc == 0 else (se.strip()[-500:] or f"exit {rc}")
            return {None: tools.result(version, raw=raw, rc=rc, msg=msg, seconds=dt, notes=n, error=err)}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


FAMILIES = {f.name: f for f in (SrVar(), RpVar(), RpMono(), RpApp(), CzVar(), CogVar(), CogMono(), CliffVar())}
NEEDS = {"sr-var": "semantic-release", "rp-var": "release-please", "rp-mono": "release-please",
         "rp-app": "release-please", "cz-var": "commitizen", "cog-var": "cocogitto", "cog-mono": "cocogitto",
         "cliff-var": "git-cliff"}


def cases(family, n, seed):
    """[(id, spec, cfg)] for n histories of a family from seed."""
    fam = FAMILIES[family]
    rng = random.Random(f"{family}:{seed}")
    out = []
    for i in range(n):
        cfg, params = fam.make(rng)
        _, spec = gen_rich_history(rng, params)
        out.append((f"{family}-{seed}-{i:04d}", spec, cfg))
    return out


def main():
    import argparse
    ap = argparse.ArgumentParser(description="Print a family's histories and configurations.")
    ap.add_argument("family", choices=sorted(FAMILIES))
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int)
    a = ap.parse_args()
    for i, (hid, spec, cfg) in enumerate(cases(a.family, a.n, a.seed)):
        if a.only is None or a.only == i:
            print(f"### {hid}\n# config: {json.dumps(cfg, ensure_ascii=False)}\n{spec}")


if __name__ == "__main__":
    main()
