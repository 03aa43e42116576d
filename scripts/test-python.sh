#!/usr/bin/env bash
# Python: builds the `fluxos` wheel (maturin, release, abi3) into the cache venv and runs pytest
# for the binding, the shared vectors in testdata/ and the example server (examples/python, a real
# uvicorn on loopback). Idempotent; quiet on success (prints one summary line); a few minutes on a
# warm cache. Usage: scripts/test-python.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
venv=$(scripts/ensure-venv.sh)
wheels="$FLUX_VENV/wheels"  # per venv: two checkouts testing at once never swap wheels
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Build: cargo makes this incremental. Install only when the wheel's bytes changed.
if ! "$venv/bin/maturin" build --release -q -m flux-py/Cargo.toml -o "$wheels" >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-python: maturin build failed" >&2
  exit 1
fi
wheel=$(ls -t "$wheels"/fluxos-*.whl | head -n 1)
sum=$(sha256sum "$wheel" | cut -d' ' -f1)
stamp="$venv/.fluxos-wheel.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ] || ! "$venv/bin/python" -c "import fluxos" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel" >"$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
  echo "$sum" > "$stamp"
fi

# The EVM end-to-end test needs anvil (installed once into the cache); without it, it is skipped.
FLUX_ANVIL="${FLUX_ANVIL:-$(scripts/ensure-anvil.sh 2>/dev/null || true)}"
export FLUX_ANVIL

# Run from the repo root against the installed wheel (never the source tree's python/ dir).
# The HTTP contract suite runs on its own: its conftest is not the binding tests' conftest.
for suite in "flux-py/tests examples/python" "tests/contract"; do
  # shellcheck disable=SC2086 # the suite's paths are words
  if ! "$venv/bin/python" -m pytest -q -p no:cacheprovider $suite "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "test-python: FAILED ($suite)" >&2
    exit 1
  fi
  echo "test-python ($suite): $(tail -n 1 "$log" | sed 's/=//g; s/^ *//; s/ *$//')"
done
