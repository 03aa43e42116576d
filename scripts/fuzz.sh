#!/usr/bin/env bash
# Fuzzes flux-core's untrusted-input boundaries with cargo fuzz (libFuzzer): builds every target
# of fuzz/ once, then runs each for SECONDS (default 600), one after another (the machine is
# shared). Per target it reports executions and exec/s (libFuzzer's final stats), the corpus
# size, and crashes. Every crash, timeout or out-of-memory input is copied into
# flux-core/tests/fuzz_regressions/<target>/, where `cargo test -p flux-core --test
# fuzz_regressions` replays it; the script then exits non-zero.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 600 s, every target)
#
# Stable toolchain, no sanitizer (`cargo fuzz build -s none`): flux-core forbids unsafe code, so
# AddressSanitizer would find little and cost half the speed, and the build then needs no
# nightly flags. Coverage instrumentation, debug assertions and overflow checks stay on. The
# instrumented build has its own target directory ($FLUX_CACHE/fuzz/target); the growing corpus
# lives in $FLUX_CACHE/fuzz/corpus/<target> (the committed seeds in fuzz/corpus/<target> are read,
# never written), and each run's raw artifacts and log in $FLUX_CACHE/fuzz/runs/<target>.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

seconds="${1:-600}"
shift || true
all_targets=(cart_json policy_file chain_config intent llm_answer document flux_config)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
case "$seconds" in '' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

cargo_fuzz=$(scripts/ensure-cargo-fuzz.sh)
work="$FLUX_CACHE/fuzz"
export CARGO_TARGET_DIR="$work/target"
triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="$CARGO_TARGET_DIR/$triple/release"
mkdir -p "$work"

log="$work/build.log"
started=$SECONDS
if ! (cd fuzz && "$cargo_fuzz" build -s none --target "$triple") >"$log" 2>&1; then
  cat "$log" >&2
  echo "fuzz.sh: building the fuzz targets failed" >&2
  exit 1
fi
echo "fuzz.sh: built ${#all_targets[@]} targets in $((SECONDS - started))s; ${seconds}s per target"

final_stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }
failed=0
printf '%-13s %12s %8s %10s %8s %s\n' target executions exec/s corpus crashes note
for target in "${targets[@]}"; do
  bin="$bin_dir/$target"
  [ -x "$bin" ] || { echo "fuzz.sh: no such target: $target" >&2; exit 2; }
  corpus="$work/corpus/$target"
  run="$work/runs/$target"
  rm -rf "$run"
  mkdir -p "$corpus" "$run/artifacts"
  dict=()
  [ -f "fuzz/dict/$target.dict" ] && dict=("-dict=fuzz/dict/$target.dict")
  # New inputs go into the first corpus directory (the cache), never into the committed seeds.
  # -timeout: an input that runs 10 s is a hang; -rss_limit_mb: 2 GB is out of memory.
  set +e
  "$bin" "$corpus" "fuzz/corpus/$target" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$run/artifacts/" >"$run/fuzz.log" 2>&1
  status=$?
  set -e
  execs=$(final_stat number_of_executed_units "$run/fuzz.log")
  rate=$(final_stat average_exec_per_sec "$run/fuzz.log")
  size=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  found=()
  while IFS= read -r -d '' f; do found+=("$f"); done \
    < <(find "$run/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -print0)
  note=""
  if [ ${#found[@]} -gt 0 ]; then
    dest="flux-core/tests/fuzz_regressions/$target"
    mkdir -p "$dest"
    for f in "${found[@]}"; do cp "$f" "$dest/"; done
    note="inputs copied to $dest/; log: $run/fuzz.log"
    failed=1
  elif [ "$status" -ne 0 ]; then
    note="libFuzzer exited $status without an artifact; log: $run/fuzz.log"
    failed=1
  fi
  printf '%-13s %12s %8s %10s %8s %s\n' "$target" "${execs:-?}" "${rate:-?}" "$size ($((bytes / 1024)) KiB)" "${#found[@]}" "$note"
done

if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: FAILED: a target crashed, hung or ran out of memory (see above)" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, ${seconds}s each, no crash ($((SECONDS - started))s)"
