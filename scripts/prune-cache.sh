#!/usr/bin/env bash
# Bounds the shared build cache: removes what cargo leaves behind and never removes itself —
# test and example executables and incremental-compilation sessions — when neither read nor
# written for FLUX_CACHE_KEEP_DAYS days (default 7). Libraries and build-script outputs stay, so
# a later build only relinks what it needs. Every CI run on a long-lived machine adds a set of
# test executables (100-200 MB each); without this the cache grows until the disk is full.
#
# Usage: scripts/prune-cache.sh   (run by scripts/test.sh before it builds)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

keep_days="${FLUX_CACHE_KEEP_DAYS:-7}"
case "$keep_days" in
  '' | *[!0-9]*) echo "prune-cache: FLUX_CACHE_KEEP_DAYS must be a whole number of days, not '$keep_days'" >&2; exit 2 ;;
esac

# Another build may write to the cache meanwhile: a file that vanishes mid-walk is not an error.
size_kib() { local kib; kib=$(du -sk "$CARGO_TARGET_DIR" 2>/dev/null | cut -f1) || true; echo "${kib:-0}"; }
before=$(size_kib)
for profile in "$FLUX_TARGET_TREE"/*/; do
  profile=${profile%/}
  [ -d "$profile/deps" ] || continue
  # Executables only: libraries (.rlib, .rmeta, .so, .d) are shared by every build.
  for dir in "$profile/deps" "$profile/examples"; do
    [ -d "$dir" ] || continue
    find "$dir" -maxdepth 1 -ignore_readdir_race -type f -perm -u+x ! -name '*.so' ! -name '*.rlib' ! -name '*.rmeta' \
      -atime +"$keep_days" -mtime +"$keep_days" -delete || true
  done
  # One directory per crate and session; a missing one only means a full rebuild of that crate.
  if [ -d "$profile/incremental" ]; then
    find "$profile/incremental" -mindepth 1 -maxdepth 1 -ignore_readdir_race -type d -mtime +"$keep_days" -exec rm -rf {} + || true
  fi
done
after=$(size_kib)
echo "build cache $CARGO_TARGET_DIR: $((after / 1024)) MiB (freed $(((before - after) / 1024)) MiB of outputs unused for $keep_days days)"
