#!/usr/bin/env bash
# flux-mobile (uniffi): builds the library and uniffi-bindgen from the workspace build that
# `cargo test --workspace --all-features` already made (one copy of the core), generates the
# Kotlin, Swift and Python bindings into $FLUX_CACHE/mobile/gen and checks them against the
# committed flux-mobile/bindings/, checks the Swift FFI header against the library's symbols,
# then compiles and runs the Kotlin test on the JVM (JNA, kotlinx-coroutines) and runs the Python
# test through uniffi's Python bindings. Idempotent; quiet on success (one summary line).
# Usage: scripts/test-mobile.sh [--bless]   (--bless rewrites flux-mobile/bindings/)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
work="$FLUX_CACHE/mobile"
gen="$work/gen"
committed=flux-mobile/bindings
log=$(mktemp)
trap 'rm -f "$log"' EXIT
fail() { cat "$log" >&2; echo "test-mobile: FAILED: $1" >&2; exit 1; }
mkdir -p "$work"

kotlinc=$(scripts/ensure-kotlin.sh 2>"$log") || fail "installing the Kotlin compiler, JNA and Gson"
venv=$(scripts/ensure-venv.sh 2>"$log") || fail "the Python venv"

# 1. The cdylib and uniffi-bindgen, from the build `cargo test --workspace --all-features` made:
#    the same selection and features, and `--tests`, without which cargo would resolve features
#    without the dev-dependencies and compile the core once more.
cargo build -q --workspace --all-features --lib --bins --tests >"$log" 2>&1 || fail "cargo build"
lib="$FLUX_TARGET_TREE/debug/libflux_mobile.so"
bindgen="$FLUX_TARGET_TREE/debug/uniffi-bindgen"

# 2. Bindings from the built library, checked against the committed ones.
rm -rf "$gen"
for lang in kotlin swift python; do
  "$bindgen" generate --no-format --library "$lib" --language "$lang" --out-dir "$gen/$lang" >"$log" 2>&1 \
    || fail "uniffi-bindgen $lang"
done
kt="$gen/kotlin/com/fluxcommerce/flux/flux_mobile.kt"
for f in "$kt" "$gen/swift/FluxMobile.swift" "$gen/swift/FluxMobileFFI.h" "$gen/swift/FluxMobileFFI.modulemap" \
  "$gen/python/flux_mobile.py"; do
  [ -s "$f" ] || { : >"$log"; fail "uniffi-bindgen did not produce ${f#"$gen"/}"; }
done
if [ "${1:-}" = "--bless" ]; then
  rm -rf "$committed" && cp -r "$gen" "$committed"
fi
diff -r "$committed" "$gen" >"$log" 2>&1 \
  || fail "the committed bindings differ from the library's: run scripts/test-mobile.sh --bless, review and commit $committed"

# 3. Swift (no Swift toolchain here): the FFI header parses as C, and every function it declares
#    is exported by the library.
gcc -fsyntax-only -D_Nullable= -D_Nonnull= -x c "$gen/swift/FluxMobileFFI.h" >"$log" 2>&1 || fail "the Swift FFI header does not parse"
grep -oE '\b(uniffi|ffi)_flux_mobile_[a-z0-9_]+\(' "$gen/swift/FluxMobileFFI.h" | tr -d '(' | sort -u >"$work/header.syms"
nm -D --defined-only "$lib" | awk '{print $3}' | grep -E '^(uniffi|ffi)_flux_mobile_' | sort -u >"$work/library.syms"
comm -23 "$work/header.syms" "$work/library.syms" >"$log"
[ ! -s "$log" ] || fail "functions declared in the Swift FFI header but missing from the library"
symbols=$(wc -l <"$work/header.syms")

# 4. Kotlin on the JVM: compile (only when the sources or the compiler changed) and run.
klib="$(dirname "$kotlinc")/../lib"
cp="/usr/share/java/jna.jar:/usr/share/java/gson.jar:$klib/kotlinx-coroutines-core-jvm.jar"
jar="$work/kotlin-test.jar"
want=$(cat "$kt" flux-mobile/tests/kotlin/*.kt <(echo "$kotlinc $cp") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$jar.sha256" 2>/dev/null)" != "$want" ] || [ ! -f "$jar" ]; then
  "$kotlinc" -nowarn -cp "$cp" -include-runtime -d "$jar" "$kt" flux-mobile/tests/kotlin/*.kt >"$log" 2>&1 || fail "kotlinc"
  echo "$want" >"$jar.sha256"
fi
java -Djna.library.path="$(dirname "$lib")" -cp "$jar:$cp" FluxMobileTestKt testdata >"$log" 2>&1 || fail "the Kotlin test"
kotlin=$(tail -n 1 "$log")

# 5. Python through uniffi's bindings (a second foreign language on the same library).
py="$work/python"
rm -rf "$py" && mkdir -p "$py" && cp "$gen/python/flux_mobile.py" "$lib" "$py/"
PYTHONPATH="$py" "$venv/bin/python" -m pytest -q -p no:cacheprovider flux-mobile/tests/python >"$log" 2>&1 || fail "the Python test"
python=$(tail -n 1 "$log" | sed 's/=//g; s/^ *//; s/ *$//; s/ in [0-9.]*s$//')

echo "test-mobile: bindings fresh (kotlin, swift, python; $symbols FFI functions in the library); $kotlin; python: $python"
