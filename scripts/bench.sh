#!/usr/bin/env bash
# Whole-process timings of herald against plain git on synthetic monorepos.
#
#   scripts/bench.sh [--gen PATH] [--commits N[,N…]] [--dir DIR] [--runs R] [--long N]
#
# --gen      gen_repo.py, which writes a monorepo with N conventional commits
#            (default: ../shared/bench/gen_repo.py beside this checkout)
# --commits  commits per repository, or several sizes separated by commas
#            (default 10000,100000)
# --dir      where the repositories are kept between runs (default /tmp/herald-bench)
# --runs     runs per measurement; the median is reported (default 5)
# --long     commits in a repository of long (4 KiB) messages, for memory against message
#            length (default 20000; 0 skips it)
#
# For each size, two repositories with a commit-graph and packed refs (as `git gc` and
# `git maintenance` leave them): one released only at its first commit (the whole history is unreleased: the
# worst case for preview) and one tagged every 1,000 commits (a busy repository that
# releases). Prints one markdown table per size of median wall-clock milliseconds, herald
# beside the plain `git log` that reads the same commits (`git log --format=%H%x00%B` for
# messages, `git log --name-only` for changed files) with herald's time as a multiple of
# git's; then each engine over the unreleased history, and the peak memory of both.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
gen="$here/../shared/bench/gen_repo.py"
sizes=10000,100000
dir=/tmp/herald-bench
runs=5
long=20000
while [ $# -gt 0 ]; do
    case "$1" in
        --gen) gen=$2; shift 2 ;;
        --commits) sizes=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --long) long=$2; shift 2 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -f "$gen" ] || { echo "bench.sh: no gen_repo.py at $gen (use --gen)" >&2; exit 2; }

cargo build --quiet --release --manifest-path "$here/Cargo.toml"
# shellcheck disable=SC2034 # read by the commands `row` evaluates
herald="${CARGO_TARGET_DIR:-$here/target}/release/herald"
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

# Reads a repository's packs and commit-graph once, so that the first row timed after a
# larger run (which may have pushed them out of the page cache) does not pay for reading
# them from disk while the rows after it do not.
warm() {
    cat "$1"/.git/objects/pack/* "$1"/.git/objects/info/commit-graph > /dev/null 2>&1 || true
}

# Thousands separated by commas, as the README writes them.
commas() {
    sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<< "$1"
}

# One table row: "$what", then for each repository ("unreleased" and "tagged") the herald
# command and the git command, each as one string that `eval` runs with $repo set.
row() {
    local what=$1 herald_cmd=$2 git_name=$3 git_cmd=$4
    local cells=() baselines=()
    for kind in unreleased tagged; do
        # shellcheck disable=SC2034 # used by the commands eval runs
        local repo="$dir/$kind-$commits" base tag
        # shellcheck disable=SC2034
        base=$(cat "$repo/.git/BENCH_BASE")
        # shellcheck disable=SC2034
        tag=$(cat "$repo/.git/BENCH_TAG")
        local herald_ms git_ms
        herald_ms=$(median_ms eval "$herald_cmd")
        git_ms=$(median_ms eval "$git_cmd")
        cells+=("$(cell "$herald_ms" "$git_ms")")
        baselines+=("$(commas "$git_ms")")
    done
    # shellcheck disable=SC2016 # the backticks are Markdown
    printf '| %s | %s | %s | `%s`: %s / %s ms |\n' "$what" "${cells[0]}" "${cells[1]}" "$git_name" "${baselines[0]}" "${baselines[1]}"
}

# "N ms (R×)": herald's median and its ratio to git's.
cell() {
    local herald_ms=$1 git_ms=$2
    printf '%s ms (%s×)' "$(commas "$herald_ms")" "$(python3 -c "print(f'{$herald_ms / max($git_ms, 1):.1f}')")"
}

# Peak resident memory, in MiB, of the command "$@".
peak_mib() {
    python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$@"
}

# One row per release tool: `preview --format json` (version and notes) over the
# unreleased history (its commits cached by the rows before), with the tool's own file in
# the work tree, beside `git log`.
engine_rows() {
    local repo="$dir/unreleased-$commits" git_ms
    git_ms=$(median_ms git -C "$repo" log --format=%H%x00%B)
    local engine files
    for engine in semantic-release release-please commitizen cocogitto git-cliff; do
        files=()
        case "$engine" in
            release-please)
                printf '{"packages": {".": {"release-type": "simple"}}}\n' > "$repo/release-please-config.json"
                printf '{".": "1.0.0"}\n' > "$repo/.release-please-manifest.json"
                files=(release-please-config.json .release-please-manifest.json) ;;
            commitizen)
                # shellcheck disable=SC2016 # commitizen's own $version
                printf '[tool.commitizen]\nname = "cz_conventional_commits"\nversion = "1.0.0"\ntag_format = "v$version"\n' > "$repo/.cz.toml"
                files=(.cz.toml) ;;
            cocogitto)
                printf 'tag_prefix = "v"\n' > "$repo/cog.toml"
                files=(cog.toml) ;;
        esac
        printf 'engine = "%s"\n' "$engine" > "$dir/engine.toml"
        printf '| %s | %s |\n' "$engine" "$(cell "$(median_ms "$herald" -C "$repo" --config "$dir/engine.toml" preview --format json)" "$git_ms")"
        for file in "${files[@]}"; do rm -f "$repo/$file"; done
    done
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

IFS=, read -r -a all_sizes <<< "$sizes"
for commits in "${all_sizes[@]}"; do
    for kind in unreleased tagged; do
        repo="$dir/$kind-$commits"
        if [ ! -d "$repo/.git" ]; then
            extra=()
            [ "$kind" = tagged ] && extra=(--tag-every 1000)
            python3 "$gen" --commits "$commits" --out "$repo" --commit-graph "${extra[@]}" >/dev/null
        fi
        [ -e "$repo/.git/objects/info/commit-graph" ] || git -C "$repo" commit-graph write --reachable
        # Tags in packed-refs, as a clone and `git gc` leave them (git fast-import writes
        # each one as a file of its own).
        git -C "$repo" pack-refs --all
        printf 'feat(api): add the token refresh endpoint\n\n# a comment\n' > "$repo/.git/MSG_PLAIN"
        printf 'feat(api)!: drop the v1 routes\n\nBREAKING CHANGE: clients call /v2\n' > "$repo/.git/MSG_BREAKING"
        git -C "$repo" rev-parse HEAD~1000 > "$repo/.git/BENCH_BASE"
        git -C "$repo" describe --tags --abbrev=0 > "$repo/.git/BENCH_TAG"
    done
    printf '%s' "$plan" > "$dir/plan.toml"
    warm "$dir/unreleased-$commits"
    warm "$dir/tagged-$commits"
    echo
    echo "| $(commas "$commits") commits | unreleased | tagged every 1,000 | plain git (unreleased / tagged) |"
    echo "|---|---|---|---|"
    # shellcheck disable=SC2016 # each command is expanded when eval runs it
    {
    row "commit-msg hook" '"$herald" -C "$repo" hook commit-msg .git/MSG_PLAIN' \
        "git log -1" 'git -C "$repo" log -1 --format=%H%x00%B'
    row "commit-msg hook, breaking (finds the last release)" '"$herald" -C "$repo" hook commit-msg .git/MSG_BREAKING' \
        "git describe --tags" 'git -C "$repo" describe --tags --abbrev=0'
    row "pre-push check of 1,000 commits" 'echo "refs/heads/main $(git -C "$repo" rev-parse HEAD) refs/heads/main $base" | "$herald" -C "$repo" hook pre-push origin x' \
        "git log --format=%H%x00%B A..B" 'git -C "$repo" log --format=%H%x00%B "$base..HEAD"'
    row '`check --range` of 1,000 commits' '"$herald" -C "$repo" check --range "$base..HEAD"' \
        "git log --format=%H%x00%B A..B" 'git -C "$repo" log --format=%H%x00%B "$base..HEAD"'
    row '`preview --format json`, first run' 'rm -rf "$repo/.git/herald/cache-v1"; "$herald" -C "$repo" preview --format json' \
        "git log --format=%H%x00%B tag..HEAD" 'git -C "$repo" log --format=%H%x00%B "$tag..HEAD"'
    row '`preview --format json`, again (commits cached)' '"$herald" -C "$repo" preview --format json' \
        "git log --format=%H%x00%B tag..HEAD" 'git -C "$repo" log --format=%H%x00%B "$tag..HEAD"'
    row '`preview` with path rules, first run' 'rm -rf "$repo/.git/herald/cache-v1"; "$herald" -C "$repo" --config "$dir/plan.toml" preview --format json' \
        "git log --name-only tag..HEAD" 'git -C "$repo" log --format=%H --name-only "$tag..HEAD"'
    row '`preview` with path rules, again (changed files cached)' '"$herald" -C "$repo" --config "$dir/plan.toml" preview --format json' \
        "git log --name-only tag..HEAD" 'git -C "$repo" log --format=%H --name-only "$tag..HEAD"'
    }
    echo
    echo "| $(commas "$commits") commits unreleased, each engine | \`preview --format json\` (× \`git log --format=%H%x00%B\`) |"
    echo "|---|---|"
    warm "$dir/unreleased-$commits"
    engine_rows
    repo="$dir/unreleased-$commits"
    echo
    echo "| $(commas "$commits") commits unreleased, peak memory | MiB |"
    echo "|---|---|"
    warm "$repo"
    rm -rf "$repo/.git/herald/cache-v1"
    echo "| \`herald preview --next-version\`, first run | $(peak_mib "$herald" -C "$repo" preview --next-version) |"
    echo "| \`herald preview --next-version\`, again | $(peak_mib "$herald" -C "$repo" preview --next-version) |"
    echo "| \`herald preview --format json\`, again | $(peak_mib "$herald" -C "$repo" preview --format json) |"
    echo "| \`git log --format=%H%x00%B\` | $(peak_mib git -C "$repo" log --format=%H%x00%B) |"
done

# A history of long messages (a pull request's description squashed into each commit):
# `$long` commits of a conventional header, a 4 KiB body and an issue footer, unreleased.
long_repo() {
    local repo="$dir/long-$long"
    if [ ! -d "$repo/.git" ]; then
        git init --quiet "$repo"
        python3 - "$long" <<'PY' | git -C "$repo" fast-import --quiet
import sys
body = ("lorem ipsum dolor sit amet " * 160)[:4096]
for n in range(int(sys.argv[1])):
    kind = ("feat", "fix", "docs", "chore")[n % 4]
    message = f"{kind}(x): change {n}\n\n{body}\n\nRefs: #{n}\n"
    sys.stdout.write(f"commit refs/heads/main\nmark :{n + 1}\n")
    sys.stdout.write(f"committer A <a@b> {1700000000 + n * 60} +0000\n")
    sys.stdout.write(f"data {len(message.encode())}\n{message}")
    sys.stdout.write(f"from :{n}\n" if n else "M 644 inline README\ndata 2\nx\n")
    sys.stdout.write("\n")
PY
        git -C "$repo" reset --quiet --hard main
        git -C "$repo" commit-graph write --reachable
    fi
    echo "$repo"
}

if [ "$long" -gt 0 ]; then
    repo=$(long_repo)
    warm "$repo"
    printf 'engine = "semantic-release"\n' > "$dir/engine.toml"
    echo
    echo "| $(commas "$long") commits of 4 KiB messages, unreleased | ms | peak MiB |"
    echo "|---|---|---|"
    rm -rf "$repo/.git/herald/cache-v1"
    echo "| \`herald preview --next-version\`, first run | $(median_ms sh -c "rm -rf '$repo/.git/herald/cache-v1'; '$herald' -C '$repo' preview --next-version") | $(rm -rf "$repo/.git/herald/cache-v1"; peak_mib "$herald" -C "$repo" preview --next-version) |"
    echo "| \`herald preview --next-version\`, again | $(median_ms "$herald" -C "$repo" preview --next-version) | $(peak_mib "$herald" -C "$repo" preview --next-version) |"
    echo "| semantic-release's rules (whole messages), again | $(median_ms "$herald" -C "$repo" --config "$dir/engine.toml" preview --next-version) | $(peak_mib "$herald" -C "$repo" --config "$dir/engine.toml" preview --next-version) |"
    echo "| \`git log --format=%H%x00%B\` | $(median_ms git -C "$repo" log --format=%H%x00%B) | $(peak_mib git -C "$repo" log --format=%H%x00%B) |"
fi
