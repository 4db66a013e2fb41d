#!/usr/bin/env bash
# Installs what the build needs and is missing on a Debian machine with the Swift toolchain.
set -euo pipefail

need=()
for pkg in libssl-dev libpoppler-cpp-dev libopencc-dev libzstd-dev zstd zlib1g-dev libuchardet-dev libxml2-dev libxlsxwriter-dev pkg-config python3 python3-pip time; do
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
  echo "setup: warning: could not install OpenCC 1.4 from PyPI; building with Debian's slower libopencc-dev" >&2
fi
