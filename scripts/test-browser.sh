#!/usr/bin/env bash
# The original dashboard's calls from a second origin, in headless Chromium: starts the Python and
# the Rust example servers (and a Rust one that allows only another origin) on loopback ports the
# OS picks, runs tests/browser against them, stops them. Needs the fluxos wheel installed
# (scripts/test-python.sh) and the Rust server built (scripts/test-rust-example.sh).
# Quiet on success (one summary line). FLUX_BROWSER_SHOTS=dir keeps screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
scripts/ensure-chromium.sh >/dev/null
log=$(mktemp)
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$log" "$dir"
}
trap cleanup EXIT

"$venv/bin/python" -c "import fluxos" 2>/dev/null || { echo "test-browser: fluxos is not installed (run scripts/test-python.sh)" >&2; exit 1; }
[ -x "$FLUX_TARGET_TREE/release/flux-server" ] || cargo build --release -q -p flux-server
stamp="tests/browser/node_modules/.package-lock.sha256"
want=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent) >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  echo "$want" >"$stamp"
fi

# wait_url FILE PID: the URL a server prints once it listens.
wait_url() {
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^listening on //p' "$1")
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    kill -0 "$2" 2>/dev/null || { cat "$1" >&2; return 1; }
    sleep 0.05
  done
  echo "server did not start" >&2
  return 1
}

"$venv/bin/python" examples/python/serve.py --port 0 >"$dir/python.out" 2>&1 &
pids+=($!)
python_url=$(wait_url "$dir/python.out" "${pids[-1]}")
FLUX_CORS_ORIGINS= "$FLUX_TARGET_TREE/release/flux-server" --addr 127.0.0.1:0 >"$dir/rust.out" 2>&1 &
pids+=($!)
rust_url=$(wait_url "$dir/rust.out" "${pids[-1]}")
FLUX_CORS_ORIGINS=https://dashboard.example.com "$FLUX_TARGET_TREE/release/flux-server" --addr 127.0.0.1:0 >"$dir/denied.out" 2>&1 &
pids+=($!)
denied_url=$(wait_url "$dir/denied.out" "${pids[-1]}")

if ! FLUX_BROWSER_APIS="python=$python_url,rust=$rust_url" FLUX_BROWSER_DENIED="rust-other-origin=$denied_url" \
  node --test tests/browser/ >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-browser: FAILED" >&2
  exit 1
fi
echo "test-browser (dashboard calls from another origin, headless Chromium): $(grep -E '^# (pass|fail)' "$log" | tr '\n' ' ')"
