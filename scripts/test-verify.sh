#!/usr/bin/env bash
# "Money that holds": receipt-bundle forgeries, the secret scan and the bad-input corpus — the
# Rust suites (bundle_forgery, secrets, bad_input) and their Python twins through the installed
# fluxos wheel (scripts/test-python.sh builds it; the HTTP corpus runs in both example servers'
# contract suites). Idempotent; quiet on success (one summary line).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The workspace selection and features of `cargo test --workspace --all-features`: its build, reused.
if ! cargo test -q --workspace --all-features --test bundle_forgery --test secrets --test bad_input >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-verify: cargo test failed" >&2
  exit 1
fi
rust=$(grep -E "^test result" "$log" | awk '{p += $4; f += $6} END {print p " passed, " f " failed"}')
venv=$(scripts/ensure-venv.sh)
if ! "$venv/bin/python" -c "import fluxos" 2>/dev/null; then
  echo "test-verify: fluxos is not installed in $venv (run scripts/test-python.sh first)" >&2
  exit 1
fi
if ! "$venv/bin/python" -m pytest -q -p no:cacheprovider flux-py/tests/test_bad_input.py flux-py/tests/test_secrets.py \
  flux-py/tests/test_verify_forgery.py >"$log" 2>&1; then
  cat "$log" >&2
  echo "test-verify: pytest failed" >&2
  exit 1
fi
echo "test-verify: rust $rust; python $(tail -n 1 "$log" | sed 's/=//g; s/^ *//; s/ *$//')"
