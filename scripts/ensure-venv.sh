#!/usr/bin/env bash
# Creates (once) the project's Python virtualenv in the cache and installs the development
# requirements into it; re-runs are fast when nothing changed. Prints the venv path.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
req=scripts/requirements-dev.txt
stamp="$FLUX_VENV/.requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x "$FLUX_VENV/bin/python" ]; then
  python3 -m venv "$FLUX_VENV" >&2
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$FLUX_VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$FLUX_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  echo "$want" > "$stamp"
fi
echo "$FLUX_VENV"
