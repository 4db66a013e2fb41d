#!/usr/bin/env bash
# The outputs loaded by the clients users have: DuckDB, pyarrow, pandas, openpyxl, frictionless
# (pip), R's readr and data.table (Debian packages), LibreOffice and Chromium headless. Installs what
# is missing, then runs both suites on a generated corpus of 500 reports (etl-gen --mix uniform).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for pkg in r-base-core r-cran-readr r-cran-data.table r-cran-r.utils libreoffice-calc-nogui chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "client-tests: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -c "import duckdb, pyarrow, pandas, zstandard, pytest, openpyxl, frictionless, reportlab" 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check duckdb pyarrow pandas zstandard pytest openpyxl frictionless reportlab

ETL_BIN="${ETL_BIN:-$(swift build --show-bin-path)/etl}"
ETL_GEN_BIN="${ETL_GEN_BIN:-$(dirname "$ETL_BIN")/etl-gen}"
[ -x "$ETL_BIN" ] || swift build --product etl
[ -x "$ETL_GEN_BIN" ] || swift build --product etl-gen
export ETL_BIN ETL_GEN_BIN

echo "== Python clients (DuckDB, pyarrow, pandas) and the PDF/Word round trip"
python3 -m pytest -q -p no:cacheprovider Tests/clients

echo "== R clients (readr, data.table)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ETL_GEN_BIN" --output "$work/corpus/generated" --count 500 --seed 18 --mix uniform >/dev/null
cp -r data/samples "$work/corpus/seeds"
for c in zstd gzip; do
  printf '{"input": "%s", "output": "%s", "compression": "%s"}' "$work/corpus" "$work/$c" "$c" > "$work/$c.json"
  "$ETL_BIN" run --config "$work/$c.json" --quiet --full
done
Rscript Tests/clients/test_clients.R "$work/zstd" "$work/gzip"
