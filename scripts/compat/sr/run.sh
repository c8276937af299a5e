#!/usr/bin/env bash
# sr/run.sh TOOLS_DIR REPO [angular|conventionalcommits|config:FILE] [OUTDIR]
#
# Runs semantic-release 25 (commit-analyzer + release-notes-generator only, plus the
# observing capture-notes.cjs plugin) with --dry-run on a copy of REPO, offline:
#  - a local bare remote (branch main) is made and main and the tags are pushed to it;
#  - when REPO's origin is an https://github.com/... URL, that URL is the repositoryUrl and
#    git's url.<bare>.insteadOf=<github url> sends every git call to the bare remote, so the
#    notes get GitHub links; otherwise the repositoryUrl is file://<bare>;
#  - the configuration comes from --extends (plugins by absolute path into
#    TOOLS_DIR/npm/node_modules); a .releaserc* or release.config.* in the copy is removed;
#    config:FILE gives the whole configuration instead (plugins by absolute path, ending with
#    this directory's capture-notes.cjs);
#  - the command runs under `env -i` (no CI/GITHUB_* variables: env-ci would take the branch
#    or a pull request from them).
# Writes OUTDIR/{version,notes.md,next.json,log,rc,seconds}; version is "none" with no release.
set -uo pipefail
tools=$(realpath "$1"); repo=$(realpath "$2"); preset=${3:-angular}; out=${4:-$(mktemp -d)}
mkdir -p "$out"; out=$(realpath "$out")
here=$(dirname "$(realpath "$0")")
modules=$tools/npm/node_modules
w=$(mktemp -d "${TMPDIR:-/tmp}/herald-compat-srrun.XXXXXX")
trap 'rm -rf "$w"' EXIT
cp -a "$repo" "$w/repo"
rm -f "$w/repo"/.releaserc "$w/repo"/.releaserc.* "$w/repo"/release.config.*
git init -q --bare -b main "$w/remote.git"
cd "$w/repo" || exit 2
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git push -q --tags "file://$w/remote.git" main 2>/dev/null
url=$(git remote get-url origin 2>/dev/null || true)
if [[ "$url" == https://github.com/* ]]; then
  git config "url.file://$w/remote.git.insteadOf" "$url"
  repourl=$url
else
  repourl="file://$w/remote.git"
fi
case "$preset" in
  angular) opts='' ;;
  conventionalcommits|cc) opts=', {"preset": "conventionalcommits"}' ;;
  config:*) opts=config ;;
  *) echo "sr/run.sh: unknown preset $preset" >&2; exit 2 ;;
esac
if [[ "$opts" == config ]]; then
  cp "${preset#config:}" "$w/config.json"
else
cat > "$w/config.json" <<EOF
{
  "branches": ["main"],
  "plugins": [
    ["$modules/@semantic-release/commit-analyzer"$opts],
    ["$modules/@semantic-release/release-notes-generator"$opts],
    "$here/capture-notes.cjs"
  ]
}
EOF
fi
rm -f "$out/notes.md" "$out/next.json"
start=$(date +%s%N)
env -i PATH="$tools/bin:/usr/local/bin:/usr/bin:/bin" HOME="$w" LANG=C.UTF-8 TZ=UTC \
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null SR_CAPTURE_DIR="$out" \
  "$tools/bin/node" "$modules/semantic-release/bin/semantic-release.js" --dry-run --no-ci \
  --extends "$w/config.json" --repository-url "$repourl" > "$out/log" 2>&1
rc=$?
end=$(date +%s%N)
echo $rc > "$out/rc"
v=$(sed -n -E 's/.*[Tt]he next release version is (.*)$/\1/p' "$out/log" | tail -1)
if [[ -z "$v" ]]; then v=none; fi
echo "$v" > "$out/version"
awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' > "$out/seconds"
echo "$v"
