#!/usr/bin/env bash
# Installs what the build needs and is missing on a Debian machine with the Swift toolchain.
set -euo pipefail

need=()
for pkg in libssl-dev libpoppler-cpp-dev poppler-data libopencc-dev libzstd-dev zstd zlib1g-dev libuchardet-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxlsxwriter-dev pkg-config python3 python3-pip time; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# OpenCC 1.4 into .deps/opencc (the Makefile puts it first on PKG_CONFIG_PATH); Debian's 1.1 is ~20x slower.
if ! bash "$(dirname "$0")/setup-opencc.sh"; then
  deps="$(cd "$(dirname "$0")/.." && pwd)/.deps/opencc"
  # A copy for another machine would be linked first: it goes.
  if [ -f "$deps/machine" ] && [ "$(cat "$deps/machine")" != "$(uname -m)" ]; then
    echo "setup: removing $deps (built for $(cat "$deps/machine"), not $(uname -m))" >&2
    rm -rf "$deps"
  fi
  debian="$(dpkg-query -W -f='${Version}' libopencc-dev 2>/dev/null || echo unknown)"
  echo "setup: warning: OpenCC 1.4.2 could not be installed from its PyPI wheel (see above)." >&2
  echo "setup: falling back to Debian's libopencc-dev $debian and its dictionaries in /usr/share/opencc:" >&2
  echo "setup: the build works the same, but converting traditional characters is about 20x slower" >&2
  echo "setup: (README, Performance); 'etl --version' shows the OpenCC in use." >&2
fi
