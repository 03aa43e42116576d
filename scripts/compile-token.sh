#!/usr/bin/env bash
# Recompiles contracts/FluxTestUSD.sol with solc-js (npm `solc`, pinned) and writes its runtime
# bytecode to contracts/FluxTestUSD.runtime.hex. `--check` compares instead of writing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
version="0.8.26"
prefix="$FLUX_CACHE/npm/solc-$version"
if [ ! -f "$prefix/node_modules/solc/soljson.js" ]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "solc@$version" >&2
fi
out=$(NODE_PATH="$prefix/node_modules" node -e '
const solc = require("solc");
const fs = require("fs");
const input = { language: "Solidity",
  sources: { "FluxTestUSD.sol": { content: fs.readFileSync("contracts/FluxTestUSD.sol", "utf8") } },
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun",
    metadata: { bytecodeHash: "none" },
    outputSelection: { "*": { "*": ["evm.deployedBytecode.object"] } } } };
const res = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of res.errors || []) { if (e.severity === "error") { console.error(e.formattedMessage); process.exit(1); } }
process.stdout.write("0x" + res.contracts["FluxTestUSD.sol"].FluxTestUSD.evm.deployedBytecode.object + "\n");
')
if [ "${1:-}" = "--check" ]; then
  [ "$out" = "$(cat contracts/FluxTestUSD.runtime.hex)" ] || { echo "contracts/FluxTestUSD.runtime.hex is stale" >&2; exit 1; }
else
  printf '%s' "$out" > contracts/FluxTestUSD.runtime.hex
  echo "wrote contracts/FluxTestUSD.runtime.hex ($(( (${#out} - 3) / 2 )) bytes)" >&2
fi
