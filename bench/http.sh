#!/usr/bin/env bash
# The Python and Rust example servers side by side under the same bounded wrk load, in one run.
# Builds the wheel and the Rust server (release), installs wrk with apt if missing.
# Usage: bench/http.sh [--seconds N] [--connections N] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
"$venv/bin/maturin" build --release -q -m flux-py/Cargo.toml -o "$FLUX_VENV/wheels" >/dev/null 2>&1
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps \
  "$(ls -t "$FLUX_VENV"/wheels/fluxos-*.whl | head -n 1)"
cargo build --release -q -p flux-server
if ! command -v wrk >/dev/null; then
  (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; })
fi
cd bench
"$venv/bin/python" http_servers.py "$@"
