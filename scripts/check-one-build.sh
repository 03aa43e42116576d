#!/usr/bin/env bash
# Checks that every host built in release (the Rust example server, the MCP server, the Python
# wheel through maturin, the npm addon through napi) resolves its shared dependencies with the
# same features, so one release build of flux-core serves them all. Cargo resolves features per
# selected package; when one host asks a shared crate for a feature the others do not, that
# crate and everything above it (reqwest, alloy, flux-core) is built once more for it. The fix
# is to add the named feature to workspace-hack/Cargo.toml. Reads `cargo tree` only: no build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
hosts=(flux-server flux-mcp flux-py flux-node)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each host's graph as `package version|features`, one line per build of a package.
for h in "${hosts[@]}"; do
  cargo tree -q -p "$h" -e normal,build -f '{p}|{f}' --prefix none | sed 's/ (\*)$//; s/ (proc-macro)//' | sort -u >"$work/$h"
  grep -q '^flux-core ' "$work/$h" || { echo "check-one-build: $h does not depend on flux-core" >&2; exit 1; }
done
# The packages every host builds (flux-core and all it depends on among them) ...
cut -d'|' -f1 "$work/${hosts[0]}" | sort -u >"$work/shared"
for h in "${hosts[@]:1}"; do
  cut -d'|' -f1 "$work/$h" | sort -u | comm -12 "$work/shared" - >"$work/next" && mv "$work/next" "$work/shared"
done
# ... must have the same features in each.
status=0
for h in "${hosts[@]}"; do
  awk -F'|' 'NR == FNR { shared[$0]; next } ($1 in shared)' "$work/shared" "$work/$h" >"$work/$h.shared"
  if [ "$h" != "${hosts[0]}" ] && ! diff "$work/${hosts[0]}.shared" "$work/$h.shared" >"$work/diff"; then
    echo "check-one-build: ${hosts[0]} (<) and $h (>) build shared dependencies with different features:" >&2
    cat "$work/diff" >&2
    status=1
  fi
done
[ "$status" = 0 ] || { echo "check-one-build: add the missing features to workspace-hack/Cargo.toml" >&2; exit 1; }
echo "check-one-build: ${#hosts[@]} release hosts share one build of $(wc -l <"$work/shared") crates"
