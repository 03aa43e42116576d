#!/usr/bin/env bash
# Installs (once) the real peers the tests talk to, into $FLUX_CACHE and tests/js/node_modules:
# anvil (npm @foundry-rs/anvil-linux-amd64), the Python venv (eth-account, coincurve, web3,
# pytest, maturin, ...), and viem + ethers for the byte-identity cross-checks. Idempotent and
# quiet: later runs only compare stamps. Failures print the installer's log.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
log="$FLUX_CACHE/prepare-test-peers.log"
: >"$log"
fail() { echo "prepare-test-peers: $1 failed" >&2; tail -n 40 "$log" >&2; exit 1; }

scripts/ensure-anvil.sh >/dev/null 2>>"$log" || fail "anvil install"
scripts/ensure-venv.sh >/dev/null 2>>"$log" || fail "Python venv"
stamp=tests/js/node_modules/.flux-stamp
want=$(sha256sum tests/js/package.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  (cd tests/js && npm install --no-audit --no-fund --silent) >>"$log" 2>&1 || fail "npm install (tests/js)"
  echo "$want" >"$stamp"
fi
