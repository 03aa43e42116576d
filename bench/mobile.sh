#!/usr/bin/env bash
# flux-mobile benchmarks, in one run (not part of the test command):
#  1. per-call overhead of the Kotlin binding on the JVM (JNA) over the Rust call: orchestrate and
#     authorize through the generated Kotlin bindings (bench/mobile/MobileBench.kt) against the same
#     core calls in Rust (flux-mobile/examples/core_calls.rs), both on the release library;
#  2. the size of the release cdylib, stripped: as a phone needs it (`--no-default-features`:
#     sandbox signing, no EVM broadcasting, no LLM client) and with every feature (`host`).
# Figures are for this machine's x86_64 Linux build; an Android arm64 build differs a little.
# Usage: bench/mobile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
kotlinc=$(scripts/ensure-kotlin.sh)
rel="$FLUX_TARGET_TREE/release"
work="$FLUX_CACHE/mobile/bench"
mkdir -p "$work"
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f MB", b / 1048576 }'; }

echo "== per-call overhead: Kotlin (JVM, JNA) over the Rust call, release build"
cargo build -q --release -p flux-mobile --lib --example core_calls
rust=$("$rel/examples/core_calls")
mkdir -p "$work/full" && cp "$rel/libflux_mobile.so" "$work/full/libflux_mobile.so"
klib="$(dirname "$kotlinc")/../lib"
cp="/usr/share/java/jna.jar:$klib/kotlinx-coroutines-core-jvm.jar"
"$kotlinc" -nowarn -cp "$cp" -include-runtime -d "$work/bench.jar" \
  flux-mobile/bindings/kotlin/com/fluxcommerce/flux/flux_mobile.kt bench/mobile/MobileBench.kt 2>/dev/null
kotlin=$(java -Djna.library.path="$work/full" -cp "$work/bench.jar:$cp" MobileBenchKt)
echo "$rust"
echo "$kotlin"
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
for call in orchestrate authorize; do
  r=$(field "$rust" "${call}_ns")
  c=$(field "$rust" "converted_${call}_ns")
  k=$(field "$kotlin" "${call}_ns")
  awk -v n="$call" -v r="$r" -v c="$c" -v k="$k" 'BEGIN {
    printf "%-12s rust %7.2f us | kotlin %7.2f us: overhead %7.2f us (x%.2f) = conversions %6.2f us + FFI/JNA %7.2f us\n",
      n, r/1000, k/1000, (k-r)/1000, k/r, (c-r)/1000, (k-c)/1000 }'
done
awk -v j="$(field "$rust" proposal_canonical_json_ns)" \
  'BEGIN { printf "             (of the conversions: the proposal'"'"'s canonical JSON, %.2f us in the core)\n", j/1000 }'
awk -v a="$(field "$kotlin" orchestrate_async_ns)" -v r="$(field "$rust" orchestrate_ns)" \
  'BEGIN { printf "%-12s kotlin suspend fun from runBlocking %.2f us (overhead %.2f us)\n", "orchestrate", a/1000, (a-r)/1000 }'
awk -v u="$(field "$kotlin" chain_id_ns)" -v v="$(field "$kotlin" version_ns)" \
  'BEGIN { printf "floor        kotlin chainId() %.2f us (a u64), version() %.2f us (a string): one uniffi call through JNA\n", u/1000, v/1000 }'

echo "== size: release cdylib, stripped"
strip --strip-all -o "$work/full.stripped.so" "$work/full/libflux_mobile.so"
cargo build -q --release -p flux-mobile --lib --no-default-features
strip --strip-all -o "$work/phone.stripped.so" "$rel/libflux_mobile.so"
echo "phone (signing only: --no-default-features)  $(mb "$work/phone.stripped.so")   (unstripped $(mb "$rel/libflux_mobile.so"))"
echo "full  (host: evm, llm, http-catalog, pdf)   $(mb "$work/full.stripped.so")   (unstripped $(mb "$work/full/libflux_mobile.so"))"
