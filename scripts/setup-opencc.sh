#!/usr/bin/env bash
# Installs OpenCC 1.4.2 into .deps/opencc (project-local, git-ignored) from the PyPI wheel, which
# ships the C++ library prebuilt: static libopencc.a + libmarisa.a, headers, the CLI and the .ocd2
# dictionaries. Debian's libopencc 1.1 converts ~20x slower (upstream BYVoid/OpenCC#478).
#
# Writes .deps/opencc/lib/pkgconfig/opencc.pc with the prefix fixed and the static link line, and
# etl_opencc_config.h beside opencc.h defining ETL_OPENCC_DATADIR, the dictionaries that belong to
# this library (Sources/COpenCC/shim.h includes it when present).
# The Makefile puts that folder first on PKG_CONFIG_PATH. Exits non-zero when the wheel cannot be
# had; setup.sh then says so and the build falls back to Debian's libopencc-dev.
#
# The wheel is the machine's (`uname -m`): x86_64 or aarch64. `setup-opencc.sh --platform
# [MACHINE]` prints the wheel platform it would use and exits (1 for a machine without a wheel).
set -euo pipefail

VERSION=1.4.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="$ROOT/.deps/opencc"
PC="$PREFIX/lib/pkgconfig/opencc.pc"

wheel_platform() {
  case "$1" in
    x86_64|amd64) echo manylinux2014_x86_64 ;;
    aarch64|arm64) echo manylinux2014_aarch64 ;;
    *) echo "setup: OpenCC $VERSION has no Linux wheel for machine '$1' (only x86_64 and aarch64)" >&2; return 1 ;;
  esac
}

machine="$(uname -m)"
if [ "${1:-}" = "--platform" ]; then
  wheel_platform "${2:-$machine}"
  exit
fi
platform="$(wheel_platform "$machine")"

# Installed for this machine (no `machine` file: installed before it was recorded, on x86_64).
if [ -f "$PC" ] && [ -f "$PREFIX/include/opencc/etl_opencc_config.h" ] && grep -q "^Version: $VERSION\$" "$PC" && grep -q -- "-l:libopencc.a" "$PC" && grep -q "prefix=$PREFIX\$" "$PC" \
   && [ -f "$PREFIX/lib/libopencc.a" ] && [ -f "$PREFIX/share/opencc/t2s.json" ] \
   && [ "$(cat "$PREFIX/machine" 2>/dev/null || echo x86_64)" = "$machine" ]; then
  exit 0
fi

echo "setup: installing OpenCC $VERSION (PyPI wheel for $platform) into $PREFIX"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The wheel is for CPython 3.11; only its C++ part is used, so the local Python's version does
# not matter.
python3 -m pip download "opencc==$VERSION" --no-deps --only-binary=:all: \
  --platform "$platform" --python-version 3.11 --implementation cp \
  --dest "$tmp" --quiet --disable-pip-version-check
wheel="$(ls "$tmp"/opencc-"$VERSION"-*.whl | head -1)"
python3 -m zipfile -e "$wheel" "$tmp/x"
clib="$tmp/x/opencc/clib"
for f in lib64/libopencc.a lib64/libmarisa.a include/opencc/opencc.h bin/opencc share/opencc/t2s.json; do
  [ -e "$clib/$f" ] || { echo "setup: the wheel has no $f" >&2; exit 1; }
done

rm -rf "$PREFIX.new"
mkdir -p "$PREFIX.new/lib/pkgconfig" "$PREFIX.new/bin"
cp "$clib"/lib64/*.a "$PREFIX.new/lib/"
cp -r "$clib/include" "$clib/share" "$PREFIX.new/"
cp "$clib/bin/opencc" "$PREFIX.new/bin/"
chmod +x "$PREFIX.new/bin/opencc"
echo "$machine" > "$PREFIX.new/machine"
cat > "$PREFIX.new/lib/pkgconfig/opencc.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include
datadir=\${prefix}/share/opencc

Name: opencc
Description: Open Chinese Convert $VERSION (PyPI wheel, static, project-local)
Version: $VERSION
Libs: -L\${libdir} -l:libopencc.a -l:libmarisa.a -lstdc++
Cflags: -I\${includedir}/opencc
EOF
# `-l:libopencc.a`: a plain -lopencc would find Debian's libopencc.so first whenever another
# package's -L/usr/lib/... comes earlier on the link line. SwiftPM refuses -D flags from
# pkg-config: the data folder travels in a header beside opencc.h.
cat > "$PREFIX.new/include/opencc/etl_opencc_config.h" <<EOF
/* Written by scripts/setup-opencc.sh: the OpenCC this project links, and its dictionaries. */
#define ETL_OPENCC_DATADIR "$PREFIX/share/opencc"
#define ETL_OPENCC_VERSION "$VERSION"
EOF
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
# The CLI must run here (the benchmark's floor uses it).
echo "乾坤 區(qū)" | "$PREFIX/bin/opencc" -c "$PREFIX/share/opencc/t2s.json" >/dev/null
echo "setup: OpenCC $VERSION ready ($PC)"
