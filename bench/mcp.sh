#!/usr/bin/env bash
# Tool-call latency of the MCP server over stdio from the official Python MCP client: median and
# p99 of plan_purchase and check_policy beside the kernel's own time for the same calls, and a
# resources/list round trip as the transport's floor; both protocol modes. Builds flux-mcp in release.
# Usage: bench/mcp.sh [--calls N]   (default 300, at least 200)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
cargo build --release -q -p flux-mcp
for mode in auto legacy; do
  "$venv/bin/python" bench/mcp_bench.py "$FLUX_TARGET_TREE/release/flux-mcp" --mode "$mode" "$@"
  echo
done
