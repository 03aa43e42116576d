#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (once) for the multi-instance ledger tests; prints the
# directory of its server binaries (initdb, pg_ctl, postgres).
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  { apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }; } >&2
  bin=$(find_bin)
fi
[ -x "$bin/initdb" ] || { echo "ensure-postgres: no initdb after installing postgresql" >&2; exit 1; }
echo "$bin"
