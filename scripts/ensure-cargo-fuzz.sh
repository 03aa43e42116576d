#!/usr/bin/env bash
# Installs (once) cargo-fuzz from crates.io into $FLUX_CACHE/cargo-fuzz and prints the binary's
# path. Re-runs only check that the installed version is the pinned one. cargo-fuzz drives
# libFuzzer (its C++ sources ship inside the libfuzzer-sys crate and build with the machine's
# C++ compiler); the fuzz targets build on the stable toolchain with RUSTC_BOOTSTRAP=1 (see
# scripts/fuzz.sh), so no nightly toolchain is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
version="${FLUX_CARGO_FUZZ_VERSION:-0.13.2}"
root="$FLUX_CACHE/cargo-fuzz"
bin="$root/bin/cargo-fuzz"
if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -qx "cargo-fuzz $version"; then
  log=$(mktemp)
  # Its own target directory: the tool's build never touches the workspace's shared one.
  if ! CARGO_TARGET_DIR="$FLUX_CACHE/cargo-fuzz/build" cargo install --quiet --locked --root "$root" \
      --version "$version" cargo-fuzz >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "ensure-cargo-fuzz: cargo install cargo-fuzz@$version failed" >&2
    exit 1
  fi
  rm -f "$log"
  rm -rf "$FLUX_CACHE/cargo-fuzz/build"
fi
"$bin" --version >/dev/null
echo "$bin"
