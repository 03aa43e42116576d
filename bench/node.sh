#!/usr/bin/env bash
# fluxos (npm) benchmarks, side by side in one run: signing an EIP-1559 ERC-20 transfer (fluxos vs
# viem vs ethers, byte-identical), authorize of a 10-line cart through the addon, and
# POST /api/orchestrate on the Next.js example beside the Python example under bounded wrk load.
# Builds the addon, the package and the example first (scripts/test-node.sh --build-only), the
# Python wheel (bench/python.sh's step) and installs wrk with apt when missing.
# Usage: bench/node.sh [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/prepare-test-peers.sh
scripts/test-node.sh --build-only
venv=$(scripts/ensure-venv.sh)
"$venv/bin/maturin" build --release -q -m flux-py/Cargo.toml -o "$FLUX_CACHE/wheels" >/dev/null 2>&1
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps \
  "$(ls -t "$FLUX_CACHE"/wheels/fluxos-*.whl | head -n 1)"
if ! command -v wrk >/dev/null; then
  (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; })
fi
echo "== micro: signing (fluxos vs viem vs ethers), authorize of a 10-line cart"
node bench/node/micro.mjs
echo "== http: POST /api/orchestrate, Next.js example beside the Python example"
"$venv/bin/python" bench/node_http.py "$@"
