#!/usr/bin/env bash
# mkhist.sh DIR [SPECFILE]   (spec read from stdin when SPECFILE is absent or "-")
#
# Creates a fresh git repository in DIR (which must not exist or be empty) from a
# spec, with fixed author/committer names and dates so that commit hashes are
# reproducible (same spec -> same hashes, on any machine with the same git object format).
#
# Spec: records separated by a line that is exactly "---". The first line of a record is a
# directive; for commit/merge the remaining lines of the record are the message, verbatim
# (blank lines kept; trailing blank lines of the record are dropped).
#
#   tag NAME            lightweight tag at HEAD; if the repo has no commit yet, first makes the
#                       commit "chore: initial commit" (file init.txt) so there is something to tag
#   atag NAME           same, annotated tag (message "NAME")
#   commit [files=a,b] [date=K] [author=NAME]
#                       commit; the message is the rest of the record. Each listed file gets a
#                       line appended (default: a fresh file cN.txt). files= may name paths with dirs.
#                       date=K dates the commit 2024-01-01T00:00:00Z + K minutes instead of the
#                       running date (so dates can go against the history); author=NAME sets the
#                       author's name (`_` for a space; e-mail derived from it).
#   branch NAME         git checkout -b NAME (from HEAD)
#   checkout NAME       git checkout NAME
#   merge NAME [date=K] git merge --no-ff NAME; message = rest of record, default "Merge branch 'NAME'"
#   remote URL          git remote add origin URL
#
# In messages, {sha:N} / {short:N} expand to the full / 7-char hash of the N-th "commit"
# record (1-based; the implicit initial commit is not counted).
#
# Dates: commit k (counting every commit including the implicit one and merges) gets
# 2024-01-01T00:00:00Z + k minutes.  Identity: "Herald Test <herald@example.com>".
# Branch: main.  Prints nothing on success except with -v (then the log).
set -euo pipefail

verbose=0
if [[ "${1:-}" == "-v" ]]; then verbose=1; shift; fi
dir=${1:?usage: mkhist.sh [-v] DIR [SPECFILE]}
spec=${2:--}

mkdir -p "$dir"
if [[ -n "$(ls -A "$dir")" ]]; then echo "mkhist: $dir is not empty" >&2; exit 2; fi

export GIT_AUTHOR_NAME="Herald Test" GIT_AUTHOR_EMAIL="herald@example.com"
export GIT_COMMITTER_NAME="Herald Test" GIT_COMMITTER_EMAIL="herald@example.com"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
base=1704067200   # 2024-01-01T00:00:00Z
n=0               # commits made (for dates)
declare -a shas=()  # shas of "commit" records, 1-based

g() { git -C "$dir" -c commit.gpgsign=false -c tag.gpgsign=false -c core.autocrlf=false "$@"; }

setdate() {  # setdate [K]: the next running date, or base + K minutes
  n=$((n + 1))
  local t=$((base + n * 60))
  if [[ -n "${1:-}" ]]; then t=$((base + $1 * 60)); fi
  export GIT_AUTHOR_DATE="@$t +0000" GIT_COMMITTER_DATE="@$t +0000"
}

# options KEY=VALUE words after a directive's first word: sets opt_files, opt_date, opt_author
parse_opts() {
  opt_files="" opt_date="" opt_author=""
  local w
  for w in "$@"; do
    case "$w" in
      files=*) opt_files=${w#files=} ;;
      date=*) opt_date=${w#date=} ;;
      author=*) opt_author=${w#author=} ;;
      *) echo "mkhist: unknown option: $w" >&2; exit 2 ;;
    esac
  done
}

expand() {  # expand {sha:N} and {short:N}
  local s=$1 i
  for i in "${!shas[@]}"; do
    s=${s//"{sha:$i}"/${shas[$i]}}
    s=${s//"{short:$i}"/${shas[$i]:0:7}}
  done
  printf '%s' "$s"
}

g init -q -b main
g config user.name "Herald Test"; g config user.email "herald@example.com"
g config commit.gpgsign false; g config tag.gpgsign false

have_commit() { g rev-parse -q --verify HEAD >/dev/null 2>&1; }

ensure_commit() {
  if ! have_commit; then
    setdate
    echo init > "$dir/init.txt"
    g add init.txt
    g commit -q --cleanup=verbatim -m "chore: initial commit"
  fi
}

run_record() {
  local rec=$1 first rest cmd arg
  while [[ "$rec" == $'\n'* ]]; do rec=${rec#$'\n'}; done
  first=${rec%%$'\n'*}
  if [[ "$rec" == *$'\n'* ]]; then rest=${rec#*$'\n'}; else rest=""; fi
  # drop trailing newlines of the message
  while [[ "$rest" == *$'\n' ]]; do rest=${rest%$'\n'}; done
  cmd=${first%% *}
  if [[ "$first" == *" "* ]]; then arg=${first#* }; else arg=""; fi
  case "$cmd" in
    tag) ensure_commit; g tag "$arg" ;;
    atag) ensure_commit; setdate; g tag -a -m "$arg" "$arg" ;;
    commit)
      local idx=$(( ${#shas[@]} + 1 )) files f
      # shellcheck disable=SC2086
      parse_opts $arg
      if [[ -n "$opt_files" ]]; then files=$opt_files; else files="c$idx.txt"; fi
      setdate "$opt_date"
      IFS=',' read -ra fl <<< "$files"
      for f in "${fl[@]}"; do
        mkdir -p "$(dirname "$dir/$f")"
        echo "change $idx" >> "$dir/$f"
        g add -- "$f"
      done
      if [[ -n "$opt_author" ]]; then
        local who=${opt_author//_/ }
        GIT_AUTHOR_NAME=$who GIT_AUTHOR_EMAIL="$(printf '%s' "$opt_author" | tr -cd 'A-Za-z0-9._-')@example.com" \
          g commit -q --cleanup=verbatim --allow-empty -m "$(expand "$rest")"
      else
        g commit -q --cleanup=verbatim --allow-empty -m "$(expand "$rest")"
      fi
      shas[idx]=$(g rev-parse HEAD)
      ;;
    branch) g checkout -q -b "$arg" ;;
    checkout) g checkout -q "$arg" ;;
    merge)
      local name=${arg%% *} mopts=""
      [[ "$arg" == *" "* ]] && mopts=${arg#* }
      # shellcheck disable=SC2086
      parse_opts $mopts
      setdate "$opt_date"
      local msg=${rest:-"Merge branch '$name'"}
      g merge -q --no-ff --no-edit -m "$(expand "$msg")" "$name"
      ;;
    remote) g remote add origin "$arg" ;;
    "") ;;
    *) echo "mkhist: unknown directive: $first" >&2; exit 2 ;;
  esac
}

if [[ "$spec" == "-" ]]; then content=$(cat; echo x); else content=$(cat "$spec"; echo x); fi
content=${content%x}

rec=""
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ "$line" == "---" ]]; then
    [[ -n "${rec//[$'\n' ]/}" ]] && run_record "${rec%$'\n'}"
    rec=""
  else
    rec+="$line"$'\n'
  fi
done <<< "$content"
[[ -n "${rec//[$'\n' ]/}" ]] && run_record "${rec%$'\n'}"

if (( verbose )); then g log --graph --format='%h %d %s' --all; fi
exit 0
