#!/usr/bin/env bash
# herald's hooks under the real hook managers: husky and lefthook from npm, the pre-commit
# framework from PyPI. In each, a bad commit message is refused and a good one accepted,
# and a push with a non-conventional commit is refused and a conventional one accepted.
#
#   scripts/hook-managers.sh          builds herald (debug) and runs every check
#   scripts/hook-managers.sh --rust   also pre-commit's `language: rust` hooks, which
#                                     build herald with `cargo install` (minutes)
#
# Needs git, npm, python3 with pip, and cargo; reads no user git configuration.
# HERALD=/path/to/herald uses that binary instead of building one.
set -euo pipefail

husky_version=9.1.7
lefthook_version=2.2.1
pre_commit_version=4.7.0

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-hook-managers.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'echo "FAILED: setting up, line $LINENO: $BASH_COMMAND" >&2' ERR

with_rust=false
[ "${1:-}" = "--rust" ] && with_rust=true

# No user or system git configuration; a fixed identity; no colours; the managers' own
# per-user files kept in the temporary folder.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL=ada@example.com
export GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL=ada@example.com
export NO_COLOR=1 XDG_CONFIG_HOME="$work/config" PRE_COMMIT_HOME="$work/pre-commit"
unset GIT_DIR GIT_WORK_TREE HERALD_BIN HUSKY LEFTHOOK

passed=0
failed=0

pass() {
    echo "ok: $1"
    passed=$((passed + 1))
}

fail() {
    echo "FAILED: $1" >&2
    failed=$((failed + 1))
}

# expect CODE WHAT COMMAND...: COMMAND (a program, under a time limit, or a function
# here) exits with CODE; its output goes to $log and is shown when it does not.
log=$work/last.log
expect() {
    local want=$1 what=$2 got=0 limit=(timeout 600)
    shift 2
    declare -F "$1" >/dev/null && limit=()
    "${limit[@]}" "$@" >"$log" 2>&1 </dev/null || got=$?
    if [ "$got" = "$want" ]; then
        pass "$what"
    else
        fail "$what: exit $got, expected $want, from: $*"
        sed 's/^/    /' "$log" >&2
    fi
}

# check WHAT COMMAND...: COMMAND succeeds.
check() {
    local what=$1
    shift
    if "$@" >/dev/null; then pass "$what"; else fail "$what"; fi
}

# said TEXT: the last command's output contains TEXT (and is shown when it does not).
said() {
    grep -qF -- "$1" "$log" && return
    echo "    expected \"$1\" in:" >&2
    sed 's/^/    /' "$log" >&2
    return 1
}

echo "== tools: husky $husky_version, lefthook $lefthook_version, pre-commit $pre_commit_version"
tools=$work/tools
npm install --prefix "$tools/npm" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "husky@$husky_version" "lefthook@$lefthook_version" >/dev/null
# --target rather than a virtual environment: Debian's python3 has no venv module unless
# python3-venv is installed, and refuses installs into the system's site-packages.
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    --target "$tools/python" "pre-commit==$pre_commit_version"
export PYTHONPATH="$tools/python"

if [ -z "${HERALD:-}" ]; then
    echo "== building herald"
    (cd "$root" && cargo build --quiet --bin herald)
    target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    HERALD=$target_dir/debug/herald
fi
mkdir -p "$work/bin"
ln -s "$HERALD" "$work/bin/herald"
export PATH="$work/bin:$tools/npm/node_modules/.bin:$tools/python/bin:$PATH"
herald --version

# new_repo NAME: a repository with one commit, pushed to its bare remote `origin`.
new_repo() {
    local dir=$work/$1
    git init -q -b main "$dir"
    git init -q --bare -b main "$dir.git"
    git -C "$dir" remote add origin "$dir.git"
    echo "$1" >"$dir/README"
    git -C "$dir" add README
    git -C "$dir" commit -q --no-verify -m "chore: start"
    git -C "$dir" push -q --no-verify origin main
}

# change DIR: a change to commit.
change() {
    date +%s%N >>"$1/changes.txt"
    git -C "$1" add changes.txt
}

# commit DIR MESSAGE: commits a change, hooks and all.
commit() {
    change "$1"
    git -C "$1" commit -q -m "$2"
}

# pushes NAME DIR: a push with a non-conventional commit is refused, then the same
# commit, reworded, goes through.
pushes() {
    local name=$1 dir=$2
    change "$dir"
    git -C "$dir" commit -q --no-verify -m "not conventional"
    expect 1 "$name: a push with a non-conventional commit is refused" git -C "$dir" push origin main
    check "$name: … by herald" said "pushed commits breaks the commit rules"
    git -C "$dir" commit -q --amend --no-verify -m "fix: conventional"
    expect 0 "$name: a conventional push goes through" git -C "$dir" push origin main
}

# commits NAME DIR: a bad message is refused by herald, a good one accepted.
commits() {
    local name=$1 dir=$2
    expect 1 "$name: a bad commit message is refused" commit "$dir" "bad message"
    check "$name: … by herald" said "error[header-format]"
    expect 0 "$name: a good commit message is accepted" commit "$dir" "feat: good message"
}

husky_checks() {
    echo "== husky"
    local dir=$work/husky
    new_repo husky
    (cd "$dir" && npm init -y >/dev/null && husky init >/dev/null)
    check "husky: husky init points core.hooksPath at .husky/_" \
        test "$(git -C "$dir" config core.hooksPath)" = .husky/_
    # The team's own commit-msg script; husky init's `npm test` pre-commit would fail here.
    rm "$dir/.husky/pre-commit"
    # shellcheck disable=SC2016 # expanded when the script runs
    local team_line='echo "team script ran: $1" >> "$(git rev-parse --git-dir)/team.log"'
    printf '%s\n' "$team_line" >"$dir/.husky/commit-msg"
    git -C "$dir" add -A
    git -C "$dir" commit -q --no-verify -m "build: husky"
    local base before
    base=$(git -C "$dir" rev-parse HEAD)
    before=$(cd "$dir/.husky/_" && cat ./* .gitignore | cksum)

    expect 0 "husky: herald install" herald -C "$dir" install
    check "husky: … reminds to commit the scripts" said "commit .husky/commit-msg and .husky/pre-push"
    check "husky: … leaves .husky/_ as husky wrote it" \
        test "$(cd "$dir/.husky/_" && cat ./* .gitignore | cksum)" = "$before"
    check "husky: … keeps the team's line first in .husky/commit-msg" \
        test "$(head -n 1 "$dir/.husky/commit-msg")" = "$team_line"
    git -C "$dir" add .husky
    git -C "$dir" commit -q --no-verify -m "build: run herald from husky's scripts"

    commits husky "$dir"
    check "husky: the team's .husky/commit-msg still runs" grep -q "team script ran" "$dir/.git/team.log"
    (cd "$dir" && husky >/dev/null) # what `npm install` runs again (husky's prepare script)
    expect 1 "husky: herald still runs after husky rewrote .husky/_" commit "$dir" "bad again"
    pushes husky "$dir"
    expect 0 "husky: herald doctor" herald -C "$dir" doctor
    expect 0 "husky: herald uninstall" herald -C "$dir" uninstall
    check "husky: … takes out only herald's lines" \
        test "$(git -C "$dir" diff "$base" -- .husky | wc -l)" = 0
}

lefthook_checks() {
    echo "== lefthook"
    local dir=$work/lefthook
    new_repo lefthook
    printf 'pre-commit:\n  commands:\n    whitespace:\n      run: git diff --cached --check\n' >"$dir/lefthook.yml"
    git -C "$dir" add lefthook.yml
    git -C "$dir" commit -q --no-verify -m "build: lefthook"

    expect 1 "lefthook: herald install prints what to add and exits 1" herald -C "$dir" install
    check "lefthook: … writes no hook" test ! -e "$dir/.git/hooks/commit-msg"
    # The snippet as herald prints it: from the blank line after the instruction to the next.
    awk 'started && /^$/ { if (seen) exit; next } started { print; seen = 1 }
         /`lefthook install`:$/ { started = 1 }' "$log" >>"$dir/lefthook.yml"
    check "lefthook: … the snippet runs herald" grep -q "herald hook pre-push" "$dir/lefthook.yml"
    git -C "$dir" add lefthook.yml
    git -C "$dir" commit -q --no-verify -m "build: run herald from lefthook"
    expect 0 "lefthook: lefthook install" sh -c "cd '$dir' && lefthook install"
    expect 0 "lefthook: herald install finds herald in lefthook.yml" herald -C "$dir" install

    commits lefthook "$dir"
    pushes lefthook "$dir"
    expect 0 "lefthook: herald doctor" herald -C "$dir" doctor
}

# pre_commit_checks ID-SUFFIX: the hooks from .pre-commit-hooks.yaml in a clone of this
# repository, with the manifest of the work tree, committed or not.
pre_commit_checks() {
    local suffix=$1 name=pre-commit$1
    echo "== $name"
    local source=$work/herald-source dir=$work/pre-commit$suffix
    if [ ! -d "$source" ]; then
        git clone -q "$root" "$source"
        cp "$root/.pre-commit-hooks.yaml" "$source/"
        git -C "$source" add .pre-commit-hooks.yaml
        git -C "$source" diff --cached --quiet ||
            git -C "$source" commit -q --no-verify -m "build: the hooks manifest under test"
    fi
    new_repo "pre-commit$suffix"
    cat >"$dir/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $source
    rev: $(git -C "$source" rev-parse HEAD)
    hooks:
      - id: herald-commit-msg$suffix
      - id: herald-pre-push$suffix
EOF
    git -C "$dir" add .pre-commit-config.yaml
    git -C "$dir" commit -q --no-verify -m "build: pre-commit"
    expect 0 "$name: pre-commit install" \
        sh -c "cd '$dir' && pre-commit install --hook-type commit-msg --hook-type pre-push && pre-commit install-hooks"

    commits "$name" "$dir"
    pushes "$name" "$dir"
}

husky_checks
lefthook_checks
pre_commit_checks -system
if $with_rust; then
    pre_commit_checks ""
fi

trap - ERR
if [ "$failed" -gt 0 ]; then
    echo "hook-managers: $passed passed, $failed failed" >&2
    exit 1
fi
echo "hook-managers: $passed passed, $failed failed"
