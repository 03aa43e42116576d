#!/usr/bin/env bash
# Runs every test of the repository: formatting and lints, the Rust workspace with all features
# (kernel, determinism vectors, LLM parser against a local Chat Completions server, settlement on
# a real anvil node, cross-checks against eth-account / viem / ethers), the quickstart, the
# Python package with its example server, the Rust example server against the same HTTP
# contract, both servers called from another origin in headless Chromium, the npm package with
# its Next.js example (contract suite and the dashboard in Chromium), and the mobile binding
# (Kotlin on the JVM, Python through uniffi, the Swift sources checked), and the MCP server with the
# Python MCP SDK as its client. Installs what it needs
# into $FLUX_CACHE (default ~/.cache/flux) on first use; later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# Each step says how long the one before it took, so a slow run (a cold cache, say) shows where
# its time went; the last step's time is printed with the total.
started=$SECONDS
step_name=""
step_started=$SECONDS
step_done() { [ -z "$step_name" ] || printf '(%ss: %s)\n' "$((SECONDS - step_started))" "$step_name"; }
step() {
    step_done
    step_name="$*"
    step_started=$SECONDS
    printf '\n== %s\n' "$*"
}

step "build cache: prune outputs unused for a week"
scripts/prune-cache.sh

step "rustfmt"
cargo fmt --all --check

step "embedded catalog: the committed JSON is scripts/gen-catalog.py's output"
python3 scripts/gen-catalog.py --check

step "one build: every release host resolves flux-core's dependencies alike"
scripts/check-one-build.sh

step "test peers: anvil, Python venv, Node packages"
scripts/prepare-test-peers.sh
FLUX_ANVIL_BIN=$(scripts/ensure-anvil.sh)
FLUX_PYTHON="$(scripts/ensure-venv.sh)/bin/python"
export FLUX_ANVIL_BIN FLUX_PYTHON
scripts/compile-token.sh --check
echo "test peers ready; the committed token bytecode reproduces from contracts/FluxTestUSD.sol"

step "clippy (all targets, all features)"
cargo clippy --workspace --all-targets --all-features -q -- -D warnings

step "cargo test (workspace, all features; the PostgreSQL ledger on a throwaway server)"
FLUX_REQUIRE_POSTGRES=1 scripts/with-postgres.sh cargo test --workspace --all-features

step "quickstart (embedded defaults, offline)"
cargo run -q --example quickstart >"$FLUX_CACHE/quickstart.out"
grep -q "ALLOW" "$FLUX_CACHE/quickstart.out"
grep -q "sandbox" "$FLUX_CACHE/quickstart.out"
# A reader that stops early ("| head") ends it quietly; a bad argument is a typed error, never a default.
cargo run -q --example quickstart 2>"$FLUX_CACHE/quickstart.err" | head -n 1 >/dev/null
if grep -q panicked "$FLUX_CACHE/quickstart.err"; then cat "$FLUX_CACHE/quickstart.err"; exit 1; fi
if cargo run -q --example quickstart -- snacks 100 3d 2>"$FLUX_CACHE/quickstart.err"; then echo "deadline 3d was accepted"; exit 1; fi
grep -q "error \[INVALID_INTENT\]: deadline_days" "$FLUX_CACHE/quickstart.err"
echo "quickstart: ok"

step "python (fluxos wheel, pytest, example server)"
scripts/test-python.sh

step "verification, secret scan and bad-input corpus (Rust and Python)"
scripts/test-verify.sh

step "rust example server (axum) against the HTTP contract suite"
scripts/test-rust-example.sh

step "browser: the dashboard's calls from another origin (headless Chromium)"
scripts/test-browser.sh

step "node (fluxos npm package, node:test, Next.js example: contract suite and Chromium)"
scripts/test-node.sh

step "mobile (uniffi: bindings fresh, Kotlin on the JVM, Python through uniffi, Swift header)"
scripts/test-mobile.sh

step "mcp (flux-mcp with the Python MCP SDK over stdio and Streamable HTTP; the hostile-agent corpus)"
scripts/test-mcp.sh

step_done
printf '\nall tests passed in %ss\n' "$((SECONDS - started))"
