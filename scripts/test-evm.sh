#!/usr/bin/env bash
# Only the settlement tests (a developer shortcut; scripts/test.sh runs them with everything
# else): prepares the real peers (anvil, eth-account, viem, ethers), then runs the `evm` feature's
# anvil integration, sandbox byte-identity cross-checks and keystore tests, plus the token
# bytecode check. Idempotent; quiet on success.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
log="$FLUX_CACHE/test-evm.log"
: > "$log"
fail() { echo "test-evm: $1 failed; see $log" >&2; tail -n 60 "$log" >&2; exit 1; }

scripts/prepare-test-peers.sh >>"$log" 2>&1 || fail "test peers"
FLUX_ANVIL_BIN=$(scripts/ensure-anvil.sh 2>>"$log") || fail "anvil install"
export FLUX_ANVIL_BIN
FLUX_PYTHON="$(scripts/ensure-venv.sh 2>>"$log")/bin/python" || fail "venv"
export FLUX_PYTHON
if [ -f "$FLUX_CACHE/npm/solc-0.8.26/node_modules/solc/soljson.js" ]; then
  scripts/compile-token.sh --check >>"$log" 2>&1 || fail "token bytecode check"
fi
cargo test -q -p flux-core --features evm --test evm_anvil --test evm_faults --test sandbox_crosscheck >>"$log" 2>&1 || fail "cargo test --features evm"
cargo test -q -p flux-core --features evm --lib settle >>"$log" 2>&1 || fail "settle unit tests"
