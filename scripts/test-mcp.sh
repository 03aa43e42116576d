#!/usr/bin/env bash
# The MCP server (flux-mcp): builds the binary in release (sharing the wheel's build of flux-core),
# then runs its pytest suite with the official Python MCP SDK as the client — over stdio (the
# binary spawned) and over Streamable HTTP (the binary on a loopback port the OS picks) — including
# the hostile-agent corpus (testdata/mcp/hostile.json). Quiet on success (one summary line).
# Usage: scripts/test-mcp.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! cargo build --release -q -p flux-mcp >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-mcp: build failed" >&2
  exit 1
fi
export FLUX_MCP_BIN="$FLUX_TARGET_TREE/release/flux-mcp"
if ! "$venv/bin/python" -m pytest -q -p no:cacheprovider flux-mcp/tests "$@" >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-mcp: FAILED" >&2
  exit 1
fi
cases=$("$venv/bin/python" -c 'import json; print(len(json.load(open("testdata/mcp/hostile.json"))["cases"]))')
echo "test-mcp (flux-mcp over stdio and Streamable HTTP with the Python MCP SDK; $cases hostile cases): $(tail -n 1 "$log")"
