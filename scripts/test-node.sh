#!/usr/bin/env bash
# Node: builds the addon (napi-rs, release, into the shared target tree with the one target
# triple), checks the committed loader and type definitions are fresh, runs node:test (the binding
# and every vector in testdata/), packs the npm package and installs the tarball into
# examples/nextjs as a real dependency, builds the example (`next build`), serves it on a loopback
# port it binds itself, runs the HTTP contract suite (tests/contract) and the Chromium dashboard
# test against it (screenshots in $FLUX_CACHE/test-output/nextjs), and stops the server.
# Idempotent; quiet on success (one summary line per stage); prints the log on failure.
# Usage: scripts/test-node.sh [--build-only]   (--build-only: addon, package and example built; no tests)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export NEXT_TELEMETRY_DISABLED=1
work="$FLUX_CACHE/node"
shots="$FLUX_CACHE/test-output/nextjs"
mkdir -p "$work/fresh" "$work/pack" "$shots"
log=$(mktemp)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT
fail() {
  cat "$log" >&2
  echo "test-node: FAILED ($1)" >&2
  exit 1
}
run() { # run STAGE CMD...: quiet unless it fails
  local stage=$1
  shift
  "$@" >"$log" 2>&1 || fail "$stage"
}
summary() { grep -E '^# (pass|fail)' "$log" | tr '\n' ' ' | sed 's/# //g'; }

# npm packages of a directory, installed again only when its package.json (or a given file) changes.
# `npm ci` fails for @napi-rs/cli (optional platform packages missing from the lock): npm install.
ensure_npm() {
  local dir=$1 extra=${2:-} lock=${3:-}
  local want stamp="$dir/node_modules/.flux-stamp"
  want=$(cat "$dir/package.json" ${extra:+"$extra"} | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    # A changed local tarball keeps its version: drop the installed copy so npm unpacks the new one
    # (the example has no lock file: its tarball's hash changes with every build).
    rm -rf "$dir/node_modules/fluxos" "$dir/node_modules/.package-lock.json"
    (cd "$dir" && npm install --no-audit --no-fund ${lock:+--no-package-lock}) >"$log" 2>&1 || fail "npm install in $dir"
    echo "$want" >"$stamp"
  fi
}

# Debian's Chromium for the browser test (installed when missing, as root, quietly).
FLUX_CHROMIUM=$(scripts/ensure-chromium.sh 2>"$log") || fail "install chromium"
export FLUX_CHROMIUM

# 1. The addon: napi's CLI passes --target; CARGO_BUILD_TARGET (env.sh) makes it the same tree as
#    cargo and maturin. Generated files go to a scratch dir and are compared with the committed ones.
ensure_npm flux-node flux-node/package-lock.json
rm -f "$work/fresh"/*
run "napi build" bash -c "cd flux-node && npx napi build --platform --release --js native.cjs --dts native.d.ts -o '$work/fresh'"
cp "$work/fresh"/fluxos.*.node flux-node/

# 2. node:test: the binding, the vectors, the freshness of native.cjs / native.d.ts.
build_only=$([ "${1:-}" = "--build-only" ] && echo 1 || true)
if [ -z "$build_only" ]; then
  FLUX_NODE_FRESH_DIR="$work/fresh" run "node:test (flux-node)" node --test flux-node/__test__/
  echo "test-node (flux-node node:test): $(summary)"
fi

# 3. npm pack → installed into the example as a real dependency (not a workspace symlink: Next.js
#    does not externalize symlinked native packages).
rm -f "$work/pack"/fluxos-*.tgz
run "npm pack" npm pack --pack-destination "$work/pack" ./flux-node
tarball=$(ls "$work/pack"/fluxos-*.tgz)
# The tarball installs into an empty project and loads from both entries.
smoke="$work/smoke"
rm -rf "$smoke" && mkdir -p "$smoke" && echo '{"private": true}' >"$smoke/package.json"
run "npm install of the packed tarball" bash -c "cd '$smoke' && npm install --no-audit --no-fund --no-package-lock '$tarball' \
  && node -e \"const f = require('fluxos'); if (new f.Flux().settler !== 'sandbox') process.exit(1)\" \
  && node --input-type=module -e \"import { Flux, FluxError } from 'fluxos'; if (!(new Flux().policy.hash && FluxError)) process.exit(1)\""
mkdir -p examples/nextjs/vendor
cmp -s "$tarball" "examples/nextjs/vendor/$(basename "$tarball")" || cp "$tarball" examples/nextjs/vendor/
ensure_npm examples/nextjs "examples/nextjs/vendor/$(basename "$tarball")" no-lock

# 4. next build (Turbopack), then serve on a port the server binds itself (port 0).
run "next build" bash -c 'cd examples/nextjs && npx next build'
[ -n "$build_only" ] && exit 0
(cd examples/nextjs && exec node server.mjs) >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^listening \(http:[^ ]*\)$/\1/p' "$work/server.log")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cp "$work/server.log" "$log"; fail "the Next.js server exited"; }
  sleep 0.1
done
[ -n "$url" ] || { cp "$work/server.log" "$log"; fail "the Next.js server did not start"; }

# 5. The HTTP contract suite, unchanged, against the Next.js routes.
FLUX_PYTHON="${FLUX_PYTHON:-$(scripts/ensure-venv.sh)/bin/python}"
FLUX_CONTRACT_URL="$url" run "contract suite against Next.js" "$FLUX_PYTHON" -m pytest -q -p no:cacheprovider tests/contract
echo "test-node (contract suite against Next.js): $(tail -n 1 "$log" | sed 's/=//g; s/^ *//; s/ *$//')"

# 6. The dashboard in Chromium.
FLUX_DASHBOARD_URL="$url" FLUX_TEST_OUTPUT="$shots" run "Chromium dashboard test" node --test examples/nextjs/tests/
echo "test-node (dashboard in Chromium): $(summary); screenshots in $shots"
