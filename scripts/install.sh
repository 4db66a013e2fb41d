#!/usr/bin/env bash
# scripts/install.sh PREFIX BIN_DIR: copies etl and etl-gen from BIN_DIR into PREFIX/bin and the
# OpenCC dictionaries etl was built with into PREFIX/share/gov-disclosure-etl/opencc and the
# division tables into PREFIX/share/gov-disclosure-etl/regions, where the
# installed etl finds them relative to itself (`etl --version` says which it uses). `make install`
# calls it with the release build.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/install.sh PREFIX BIN_DIR" >&2; exit 2; }
PREFIX="$1"
BIN="$2"
for exe in etl etl-gen; do
  [ -x "$BIN/$exe" ] || { echo "install: $BIN/$exe not found (build it first: make install)" >&2; exit 1; }
done

# The binary names its dictionaries: the build's (.deps/opencc), or none with Debian's libopencc,
# which reads its own /usr/share/opencc. An empty environment, so ETL_OPENCC_DATA cannot interfere.
version="$(env -i "$BIN/etl" --version)"
data="$(printf '%s\n' "$version" | sed -n 's/^.*dictionaries: \(.*\) (\(build\|installed\))$/\1/p')"

mkdir -p "$PREFIX/bin" "$PREFIX/share/gov-disclosure-etl"
for exe in etl etl-gen; do
  install -m 755 "$BIN/$exe" "$PREFIX/bin/$exe.new"
  mv -f "$PREFIX/bin/$exe.new" "$PREFIX/bin/$exe"
done
target="$PREFIX/share/gov-disclosure-etl/opencc"
if [ -n "$data" ]; then
  if [ "$(cd "$data" && pwd -P)" != "$(mkdir -p "$target" && cd "$target" && pwd -P)" ]; then
    rm -rf "$target.new"
    cp -R "$data" "$target.new"
    rm -rf "$target"
    mv "$target.new" "$target"
  fi
  echo "install: etl, etl-gen into $PREFIX/bin; OpenCC dictionaries from $data into $target"
else
  rm -rf "$target"
  echo "install: etl, etl-gen into $PREFIX/bin; etl uses Debian's libopencc and its own dictionaries (no copy)"
fi
# The national division tables (data/regions) the agencies are placed against.
regions="$PREFIX/share/gov-disclosure-etl/regions"
rm -rf "$regions.new"
cp -R "$(dirname "$0")/../data/regions" "$regions.new"
rm -rf "$regions"
mv "$regions.new" "$regions"
echo "install: division tables into $regions"
env -i "$PREFIX/bin/etl" --version
