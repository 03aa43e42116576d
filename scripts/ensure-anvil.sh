#!/usr/bin/env bash
# Installs (once) anvil from the npm package @foundry-rs/anvil-linux-amd64 into $FLUX_CACHE/npm
# and prints the binary's path. Re-runs only check that the binary is there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
version="${FLUX_ANVIL_VERSION:-1.7.1}"
prefix="$FLUX_CACHE/npm/anvil-$version"
bin="$prefix/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
if [ ! -x "$bin" ]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "@foundry-rs/anvil-linux-amd64@$version" >&2 2>/dev/null \
    || npm install --no-audit --no-fund --prefix "$prefix" "@foundry-rs/anvil-linux-amd64@$version" >&2
  chmod +x "$bin"
fi
"$bin" --version >/dev/null
echo "$bin"
