#!/usr/bin/env bash
# Installs (once) what the Kotlin test of flux-mobile needs and prints the kotlinc path:
# the JVM Kotlin compiler from the npm package kotlin-compiler (into $FLUX_CACHE/npm; Debian's
# kotlin 1.3 is too old for uniffi's generated code) with the kotlinx-coroutines-core-jvm jar it
# ships in lib/ (1.8; Debian's libkotlinx-coroutines-java is 1.0.1, which lacks the
# DelicateCoroutinesApi that uniffi's async code imports), and from Debian JNA (libjna-java) and
# Gson (libgoogle-gson-java, to read the test vectors), and a JDK if there is no java. Re-runs
# only check the files are there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
version="${FLUX_KOTLIN_VERSION:-2.4.20}"
prefix="$FLUX_CACHE/npm/kotlin-$version"
kotlinc="$prefix/node_modules/kotlin-compiler/bin/kotlinc"
if [ ! -x "$kotlinc" ]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "kotlin-compiler@$version" >&2 2>/dev/null \
    || npm install --no-audit --no-fund --prefix "$prefix" "kotlin-compiler@$version" >&2
  chmod +x "$prefix/node_modules/kotlin-compiler/bin/"*
fi
debs=(libjna-java libgoogle-gson-java)
command -v java >/dev/null || debs+=(default-jdk-headless)
jars=(/usr/share/java/jna.jar /usr/share/java/gson.jar "$prefix/node_modules/kotlin-compiler/lib/kotlinx-coroutines-core-jvm.jar")
missing=0
for j in "${jars[@]}"; do [ -f "$j" ] || missing=1; done
command -v java >/dev/null || missing=1
if [ "$missing" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q "${debs[@]}" || { apt-get update -q && apt-get install -y -q "${debs[@]}"; }; } >&2
fi
for j in "${jars[@]}"; do [ -f "$j" ] || { echo "ensure-kotlin: $j missing after install" >&2; exit 1; }; done
echo "$kotlinc"
