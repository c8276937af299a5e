#!/usr/bin/env bash
# Builds and installs herald, then installs its git hooks into a repository:
#   ./install.sh            hooks go into the repository you run it from
#   ./install.sh PATH       hooks go into the repository at PATH
# It also puts the manual pages beside herald (<cargo root>/share/man/man1, where `man`
# looks for commands on PATH) and the bash, zsh and fish completions into those shells'
# usual user folders when they are there (otherwise it prints the command that writes them).
# Needs cargo (https://rustup.rs) and git; downloads nothing beyond crates.io.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")" && pwd)
target=${1:-$PWD}

if ! command -v cargo >/dev/null 2>&1; then
    echo "install.sh: cargo was not found; install Rust from https://rustup.rs and run this again" >&2
    exit 1
fi

echo "install.sh: building and installing herald (cargo install --path . --locked)"
cargo install --path "$source_dir" --locked
bin_dir="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
herald="$bin_dir/herald"
echo "install.sh: installed $("$herald" --version) at $herald"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *)
        if [ "$bin_dir" = "${HOME:-}/.cargo/bin" ]; then
            echo "install.sh: note: $bin_dir is not on your PATH; the hooks look there anyway"
        else
            echo "install.sh: note: $bin_dir is not on your PATH, so the hooks will not find herald;"
            echo "            add it to PATH or set HERALD_BIN=$herald"
        fi
        ;;
esac

# The manual pages: `man` finds <root>/share/man for every <root>/bin on PATH.
man_dir="$(dirname "$bin_dir")/share/man/man1"
if "$herald" man --dir "$man_dir"; then
    echo "install.sh: manual pages in $man_dir (man herald, man herald-preview, …)"
else
    echo "install.sh: the manual pages could not be written; \`herald man > herald.1\` prints the main one"
fi

# One shell's completions into `dir` when that folder is there (or `make` is set and it can
# be made), else the command that writes them.
install_completions() {
    local shell=$1 dir=$2 file=$3 make=$4
    if [ -n "$make" ] && [ ! -d "$dir" ]; then
        mkdir -p "$dir" 2>/dev/null || true
    fi
    if [ -d "$dir" ] && "$herald" completions "$shell" >"$dir/$file" 2>/dev/null; then
        echo "install.sh: $shell completions in $dir/$file"
    else
        echo "install.sh: for $shell completions: herald completions $shell > $dir/$file"
    fi
}
if [ -n "${HOME:-}" ]; then
    data_home=${XDG_DATA_HOME:-$HOME/.local/share}
    config_home=${XDG_CONFIG_HOME:-$HOME/.config}
    # bash-completion loads this folder by itself; make it when bash-completion is installed.
    bash_make=""
    for loader in /usr/share/bash-completion/bash_completion /etc/bash_completion \
        /opt/homebrew/etc/profile.d/bash_completion.sh /usr/local/etc/profile.d/bash_completion.sh; do
        if [ -r "$loader" ]; then bash_make=yes; fi
    done
    install_completions bash "$data_home/bash-completion/completions" herald "$bash_make"
    # zsh has no per-user folder of its own: the first of the usual ones that exists, which
    # must be on fpath before compinit (e.g. `fpath+=~/.zfunc` in ~/.zshrc).
    zsh_dir=$HOME/.zfunc
    for dir in "${ZDOTDIR:-$HOME}/.zfunc" "$HOME/.zsh/completions" "$HOME/.zsh/completion"; do
        if [ -d "$dir" ]; then
            zsh_dir=$dir
            break
        fi
    done
    install_completions zsh "$zsh_dir" _herald ""
    # fish reads this folder by itself; make it when fish has been set up.
    fish_make=""
    if [ -d "$config_home/fish" ]; then fish_make=yes; fi
    install_completions fish "$config_home/fish/completions" herald.fish "$fish_make"
else
    echo "install.sh: HOME is not set, so no completions were installed; \`herald completions SHELL\` prints them"
fi

if git -C "$target" rev-parse --git-dir >/dev/null 2>&1; then
    echo "install.sh: installing the hooks into $(cd "$target" && git rev-parse --show-toplevel 2>/dev/null || echo "$target")"
    # With lefthook herald prints what to add to its configuration and exits 1; in a bare
    # repository it says where hooks belong and exits 2. herald itself is installed.
    if ! "$herald" -C "$target" install; then
        echo "install.sh: herald is installed, but its hooks are not in place yet: see above"
    fi
else
    echo "install.sh: $target is not a git repository, so no hooks were installed;"
    echo "            run \`herald install\` inside the repository you want checked"
fi
