#!/usr/bin/env bash
# Starts the built Rust example server on a loopback port the OS picks (port 0: the server that
# answers is certainly this one), waits until it listens, prints its URL. Its output goes to the
# file given as $1, its PID to "$1.pid"; the caller stops it. Extra arguments are environment
# assignments for the server (FLUX_CORS_ORIGINS=...).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
out=$1
shift
env "$@" "$FLUX_TARGET_TREE/release/flux-server" --addr 127.0.0.1:0 >"$out" 2>&1 &
pid=$!
echo "$pid" >"$out.pid"
for _ in $(seq 1 400); do
  if url=$(sed -n 's/^listening on //p' "$out") && [ -n "$url" ]; then
    echo "$url"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "flux-server exited early" >&2; exit 1; }
  sleep 0.05
done
echo "flux-server did not start" >&2
kill "$pid" 2>/dev/null || true
exit 1
