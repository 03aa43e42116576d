#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary directory,
# listening on a free loopback port (checked to be this server's), trust authentication for the
# local user only. FLUX_TEST_POSTGRES_URL names it for the command; the server and its directory
# are removed afterwards, whatever the command did.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(scripts/ensure-postgres.sh)
dir=$(mktemp -d /tmp/flux-pg.XXXXXX)
user=$(id -un)
as_db() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the packages' `postgres` user.
  user=postgres
  chown postgres "$dir"
  as_db() { runuser -u postgres -- "$@"; }
fi
stop() {
  as_db "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_db "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
for _ in 1 2 3 4 5; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  if as_db "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null 2>&1; then
    break
  fi
  port=""
done
[ -n "$port" ] || { cat "$dir/server.log" >&2; echo "with-postgres: the server did not start" >&2; exit 1; }
# The server that answers on $port is ours: its pid file names this port.
sed -n 4p "$dir/data/postmaster.pid" | grep -qx "$port" || { echo "with-postgres: port $port is not ours" >&2; exit 1; }
export FLUX_TEST_POSTGRES_URL="postgres://$user@127.0.0.1:$port/postgres"
"$@"
