#!/usr/bin/env bash
# Builds and installs herald, then installs its git hooks into a repository:
#   ./install.sh            hooks go into the repository you run it from
#   ./install.sh PATH       hooks go into the repository at PATH
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
