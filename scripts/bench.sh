#!/usr/bin/env bash
# Whole-process timings of herald against plain git on synthetic monorepos.
#
#   scripts/bench.sh [--gen PATH] [--commits N] [--dir DIR] [--runs R]
#
# --gen      gen_repo.py, which writes a monorepo with N conventional commits
#            (default: ../shared/bench/gen_repo.py beside this checkout)
# --commits  commits per repository (default 100000)
# --dir      where the repositories are kept between runs (default /tmp/herald-bench)
# --runs     runs per measurement; the median is reported (default 5)
#
# Two repositories: one released only at its first commit (the whole history is
# unreleased: the worst case for preview) and one tagged every 1,000 commits (a busy
# repository that releases). Prints a markdown table of median wall-clock milliseconds.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
gen="$here/../shared/bench/gen_repo.py"
commits=100000
dir=/tmp/herald-bench
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --gen) gen=$2; shift 2 ;;
        --commits) commits=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -f "$gen" ] || { echo "bench.sh: no gen_repo.py at $gen (use --gen)" >&2; exit 2; }

cargo build --quiet --release --manifest-path "$here/Cargo.toml"
herald="$here/target/release/herald"
mkdir -p "$dir"

# The median of $runs wall-clock times, in milliseconds, of the command "$@".
median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

row() {
    local what=$1 baseline_name=$2; shift 2
    local split=0
    for arg in "$@"; do [ "$arg" = "--" ] && break; split=$((split + 1)); done
    local baseline=("${@:1:$split}") subject=("${@:$((split + 2))}")
    local b s
    b=$(median_ms "${baseline[@]}")
    s=$(median_ms "${subject[@]}")
    # shellcheck disable=SC2016 # the backticks are Markdown
    printf '| %s | %s ms | `%s` %s ms |\n' "$what" "$s" "$baseline_name" "$b"
}

plan='[components]
backend = ["apps/express-api/**", "packages/macro-ai-api-client/**"]
frontend = ["apps/client-ui/**", "packages/ui-library/**"]
infrastructure = ["infrastructure/**", ".github/workflows/**"]

[[bump.rules]]
name = "Infrastructure changes"
components = ["infrastructure"]
bump = "major"

[[bump.rules]]
name = "New features across stack"
all_components = ["backend", "frontend"]
bump = "minor"
'

for kind in unreleased tagged; do
    repo="$dir/$kind-$commits"
    if [ ! -d "$repo/.git" ]; then
        extra=()
        [ "$kind" = tagged ] && extra=(--tag-every 1000)
        python3 "$gen" --commits "$commits" --out "$repo" "${extra[@]}" >/dev/null
    fi
    printf 'feat(api): add the token refresh endpoint\n\n# a comment\n' > "$repo/.git/MSG_PLAIN"
    printf 'feat(api)!: drop the v1 routes\n\nBREAKING CHANGE: clients call /v2\n' > "$repo/.git/MSG_BREAKING"
    head=$(git -C "$repo" rev-parse HEAD)
    base=$(git -C "$repo" rev-parse HEAD~1000)
    plain=(git -C "$repo")
    echo
    echo "### $commits commits, $kind ($(git -C "$repo" describe --tags --abbrev=0 2>/dev/null) is the last tag)"
    echo
    echo "| what | herald | plain git |"
    echo "|---|---|---|"
    row "commit-msg hook" "git log -1" "${plain[@]}" log -1 --format=%B -- "$herald" -C "$repo" hook commit-msg .git/MSG_PLAIN
    row "commit-msg hook, breaking (finds the last release)" "git describe --tags" "${plain[@]}" describe --tags --abbrev=0 -- "$herald" -C "$repo" hook commit-msg .git/MSG_BREAKING
    row "pre-push check of 1,000 commits" "git log --format=%B A..B" "${plain[@]}" log --format=%B "$base..$head" -- sh -c "echo 'refs/heads/main $head refs/heads/main $base' | '$herald' -C '$repo' hook pre-push origin x"
    row "check --range of 1,000 commits" "git log --format=%B A..B" "${plain[@]}" log --format=%B "$base..$head" -- "$herald" -C "$repo" check --range "$base..$head"
    row "preview --next-version" "git log --format=%B tag..HEAD" "${plain[@]}" log --format=%B "$(git -C "$repo" describe --tags --abbrev=0)..HEAD" -- "$herald" -C "$repo" preview --next-version
    row "preview --format json" "git log --format=%B tag..HEAD" "${plain[@]}" log --format=%B "$(git -C "$repo" describe --tags --abbrev=0)..HEAD" -- "$herald" -C "$repo" preview --format json
    printf '%s' "$plan" > "$dir/plan.toml"
    row "preview with path rules (changed files)" "git log --name-only tag..HEAD" "${plain[@]}" log --format= --name-only "$(git -C "$repo" describe --tags --abbrev=0)..HEAD" -- "$herald" -C "$repo" --config "$dir/plan.toml" preview --next-version
done
