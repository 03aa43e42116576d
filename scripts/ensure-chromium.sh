#!/usr/bin/env bash
# Installs Debian's chromium (once) for the browser tests; they drive it with playwright-core and
# never download a browser of their own. Prints its path.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  { apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; } >&2
fi
echo /usr/bin/chromium
