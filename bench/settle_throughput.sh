#!/usr/bin/env bash
# Builds the release settle_bench example, installs anvil and the venv, and runs
# bench/settle_throughput.py: Flux vs web3.py vs the node's own limit, on one local anvil node.
# Usage: bench/settle_throughput.sh [--legs N] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
anvil=$(scripts/ensure-anvil.sh)
venv=$(scripts/ensure-venv.sh)
cargo build -q --release -p flux-core --features evm --example settle_bench
exec "$venv/bin/python" bench/settle_throughput.py --anvil "$anvil" --flux-exe "$FLUX_TARGET_TREE/release/examples/settle_bench" "$@"
