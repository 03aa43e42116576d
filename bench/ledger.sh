#!/usr/bin/env bash
# Ledger benchmarks in one run: reserve + commit on the embedded SQLite ledger, in memory, and on
# PostgreSQL with two instances (a throwaway server started by scripts/with-postgres.sh), and a
# policy decision with three rolling windows over 100,000 past settlements.
# Usage: bench/ledger.sh [criterion args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/with-postgres.sh cargo bench -q -p flux-core --features postgres --bench ledger -- "$@"
