#!/usr/bin/env bash
# fluxos benchmarks, side by side in one run: signing (fluxos vs eth-account+coincurve), authorize
# of a 10-line cart, resident memory, and the example HTTP server under bounded wrk load.
# Builds and installs the wheel first (scripts/test-python.sh's build step), installs wrk with apt.
# Usage: bench/python.sh [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
"$venv/bin/maturin" build --release -q -m flux-py/Cargo.toml -o "$FLUX_VENV/wheels" >/dev/null 2>&1
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps \
  "$(ls -t "$FLUX_VENV"/wheels/fluxos-*.whl | head -n 1)"
if ! command -v wrk >/dev/null; then
  (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; })
fi
echo "== micro: signing, authorize, memory"
"$venv/bin/python" bench/python_bench.py
echo "== http: example server under wrk"
"$venv/bin/python" bench/python_http.py "$@"
