# Shared settings for the project's scripts (source it: `. scripts/env.sh`).
# Build outputs and installed tools live in a cache outside the clone, reused across runs and CI.
FLUX_CACHE="${FLUX_CACHE:-$HOME/.cache/flux}"
export FLUX_CACHE
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$FLUX_CACHE/target}"
# One target triple for cargo, maturin and napi (whose CLI always passes --target), so all three
# build into one tree (target/<triple>/{debug,release}) and share their dependencies.
export CARGO_BUILD_TARGET="${CARGO_BUILD_TARGET:-$(rustc -vV | sed -n 's/^host: //p')}"
export FLUX_TARGET_TREE="$CARGO_TARGET_DIR/$CARGO_BUILD_TARGET"
export FLUX_VENV="${FLUX_VENV:-$FLUX_CACHE/venv}"
mkdir -p "$FLUX_CACHE"
# Tests and benchmarks use an in-memory ledger unless a test asks for another: a durable default
# ledger would carry idempotency keys and spend from one run into the next.
export FLUX_LEDGER="${FLUX_LEDGER:-memory}"
