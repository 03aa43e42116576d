#!/usr/bin/env bash
# The Rust example server (examples/rust, axum): builds it in release (sharing the wheel's build of
# flux-core), starts it on a loopback port the OS picks, runs the HTTP contract suite
# (tests/contract) against it, and stops it. Quiet on success (one summary line).
# Usage: scripts/test-rust-example.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
log=$(mktemp)
out=$(mktemp)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -f "$log" "$out"
}
trap cleanup EXIT

if ! cargo build --release -q -p flux-server >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-rust-example: build failed" >&2
  exit 1
fi
url=$(scripts/start-rust-example.sh "$out") || { cat "$out" >&2; exit 1; }
pid=$(cat "$out.pid")
rm -f "$out.pid"

if ! FLUX_CONTRACT_URL="$url" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/contract "$@" >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-rust-example: FAILED (contract suite against $url)" >&2
  exit 1
fi
echo "test-rust-example (tests/contract against the axum server): $(tail -n 1 "$log")"
