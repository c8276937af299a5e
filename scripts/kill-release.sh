#!/usr/bin/env bash
# Kills `herald release --yes` at a random moment, N times, each time in a fresh
# repository, and checks that a release is all or nothing:
#
#   1. a repository (package.json at 1.2.0, tag v1.2.0, a `feat:` commit; every other run
#      with pre-commit and commit-msg hooks) is snapshotted: refs, HEAD, `git status`,
#      the index, every work tree file's hash, the loose objects;
#   2. `herald release --yes` starts, and after a random delay (up to a little more than a
#      whole release takes) gets SIGKILL or SIGINT;
#   3. `herald release --abort` finishes or undoes what was left;
#   4. the repository must then be exactly as in 1, or hold the whole release (branch,
#      files, commit and tag consistent), with no git lock file left and `git fsck` clean;
#      when it is as before, `herald release --yes` must then release it.
#
# It prints, for the states right after the kill and after the recovery, how many runs
# were as before, released, or half-done, and exits 1 when any run ends half-done.
#
# Usage:  cargo build && scripts/kill-release.sh [N]          (N defaults to 100)
#         HERALD=/path/to/herald scripts/kill-release.sh 100   (another binary)
# It takes a few minutes for N=100 and is not part of .ci/run. A failing run's repository
# is kept and its path printed.
set -euo pipefail
# Job control, so that the releases started in the background do not ignore SIGINT (as a
# shell's background jobs otherwise do).
set -m

N=${1:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
HERALD=${HERALD:-${CARGO_TARGET_DIR:-$here/target}/debug/herald}
[ -x "$HERALD" ] || { echo "no herald at $HERALD: run cargo build, or set HERALD" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kill-release.XXXXXX")
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 HOME="$work" NO_COLOR=1 \
  GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL=ada@example.com \
  GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL=ada@example.com \
  GIT_CEILING_DIRECTORIES="$work"

# A repository ready for the release 1.3.0 in $1; with hooks when $2 is 1.
make_repo() {
  git init -q -b main "$1"
  (
    cd "$1"
    printf '[release]\nversion_files = ["package.json"]\n' > herald.toml
    printf '{\n  "name": "app",\n  "version": "1.2.0"\n}\n' > package.json
    printf '# Changelog\n\n## 1.2.0\n\n* start\n' > CHANGELOG.md
    git add -A && git commit -q -m "chore: start" && git tag v1.2.0
    echo x > feature.txt && git add feature.txt && git commit -q -m "feat(api): add search"
    if [ "$2" = 1 ]; then
      printf '#!/bin/sh\ngit diff --cached --quiet && exit 1\nexit 0\n' > .git/hooks/pre-commit
      # shellcheck disable=SC2016 # "$1" belongs to the hook being written
      printf '#!/bin/sh\nprintf "\\nReviewed-by: Bot <bot@example.com>\\n" >> "$1"\n' > .git/hooks/commit-msg
      chmod +x .git/hooks/pre-commit .git/hooks/commit-msg
    fi
  )
}

# Everything a release may change, as text.
snapshot() {
  (
    cd "$1"
    git for-each-ref --format='%(refname) %(objectname)'
    echo "HEAD: $(cat .git/HEAD)"
    echo "status:"; git status --porcelain
    echo "index:"; git ls-files -s
    echo "files:"; find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha1sum
    echo "objects: $(git count-objects -v | grep '^count:')"
  )
}

# Whether $1 holds the whole release 1.3.0.
released() {
  (
    cd "$1"
    [ "$(git symbolic-ref --short HEAD 2>/dev/null)" = release/v1.3.0 ] &&
      [ "$(git rev-parse -q --verify 'v1.3.0^{commit}')" = "$(git rev-parse HEAD)" ] &&
      [ "$(git rev-parse HEAD~1)" = "$(git rev-parse main)" ] &&
      grep -q '"version": "1.3.0"' package.json &&
      grep -q '## 1.3.0' CHANGELOG.md &&
      [ -z "$(git status --porcelain)" ] &&
      git log -1 --format=%s | grep -qx 'chore(release): v1.3.0'
  )
}

# Lock files git left (herald's own lock aside).
locks() {
  find "$1/.git" -name '*.lock' -not -path "*/.git/herald/*"
}

# "before", "released" or "half-done".
classify() {
  if [ "$(snapshot "$1")" = "$2" ] && [ -z "$(locks "$1")" ]; then
    echo before
  elif released "$1" && [ -z "$(locks "$1")" ]; then
    echo released
  else
    echo half-done
  fi
}

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# How long a whole release takes here (the mean of three, after one to warm the caches),
# to spread the kills over it.
total=0
for n in 0 1 2 3; do
  make_repo "$work/timing-$n" 1
  start=$(now_us)
  "$HERALD" -C "$work/timing-$n" release --yes > /dev/null 2>&1
  [ "$n" = 0 ] || total=$(( total + $(now_us) - start ))
done
span=$(( total * 11 / 30 ))
echo "a release takes about $(( total / 3000 )) ms; killing within the first $(( span / 1000 )) ms"

declare -A killed=() recovered=()
failures=0
for i in $(seq 1 "$N"); do
  repo="$work/run-$i"
  make_repo "$repo" $(( i % 2 ))
  before=$(snapshot "$repo")
  signal=$([ $(( RANDOM % 2 )) = 0 ] && echo KILL || echo INT)
  delay=$(awk -v s="$span" -v r="$RANDOM" 'BEGIN { printf "%.6f", s * r / 32767 / 1000000 }')
  "$HERALD" -C "$repo" release --yes > "$repo.out" 2>&1 &
  pid=$!
  sleep "$delay"
  kill -s "$signal" "$pid" 2> /dev/null || true
  { wait "$pid"; } 2> /dev/null && rc=0 || rc=$?
  state=$(classify "$repo" "$before")
  killed[$state]=$(( ${killed[$state]:-0} + 1 ))
  killed[$signal-$state]=$(( ${killed[$signal-$state]:-0} + 1 ))

  "$HERALD" -C "$repo" release --abort >> "$repo.out" 2>&1 || true
  state=$(classify "$repo" "$before")
  if [ "$state" != half-done ] && ! (cd "$repo" && git fsck --no-progress > /dev/null 2>&1); then
    state=half-done
  fi
  if [ "$state" = before ]; then
    if ! "$HERALD" -C "$repo" release --yes >> "$repo.out" 2>&1 || ! released "$repo"; then
      state=half-done
    fi
  fi
  recovered[$state]=$(( ${recovered[$state]:-0} + 1 ))
  if [ "$state" = half-done ]; then
    failures=$(( failures + 1 ))
    echo "run $i (SIG$signal after ${delay}s, exit $rc): half-done, kept in $repo" >&2
  else
    rm -rf "$repo" "$repo.out"
  fi
done

report() {
  local -n counts=$1
  local p=${3:-}
  echo "$2: ${counts[${p}before]:-0} as before, ${counts[${p}released]:-0} released, ${counts[${p}half-done]:-0} half-done"
}
report killed "right after SIGINT            " INT-
report killed "right after SIGKILL           " KILL-
report recovered "after herald release --abort " ""
[ "$failures" = 0 ] && rm -rf "$work"
[ "$failures" = 0 ]
