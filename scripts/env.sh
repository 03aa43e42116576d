# Shared settings for the project's scripts (source it: `. scripts/env.sh`).
# Build outputs and installed tools live in a cache outside the clone, reused across runs and CI.
FLUX_CACHE="${FLUX_CACHE:-$HOME/.cache/flux}"
export FLUX_CACHE
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$FLUX_CACHE/target}"
export FLUX_VENV="${FLUX_VENV:-$FLUX_CACHE/venv}"
mkdir -p "$FLUX_CACHE"
