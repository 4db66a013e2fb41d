#!/usr/bin/env bash
# The outputs loaded by the clients users have: DuckDB, pyarrow, pandas (pip) and R's readr and
# data.table (Debian packages). Installs what is missing, then runs both suites.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for pkg in r-base-core r-cran-readr r-cran-data.table; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "client-tests: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -c "import duckdb, pyarrow, pandas, zstandard, pytest, reportlab" 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check duckdb pyarrow pandas zstandard pytest reportlab

ETL_BIN="${ETL_BIN:-$(swift build --show-bin-path)/etl}"
[ -x "$ETL_BIN" ] || swift build --product etl
export ETL_BIN
ETL_GEN="${ETL_GEN:-$(dirname "$ETL_BIN")/etl-gen}"
[ -x "$ETL_GEN" ] || swift build --product etl-gen
export ETL_GEN

echo "== Python clients (DuckDB, pyarrow, pandas) and the PDF/Word round trip"
python3 -m pytest -q -p no:cacheprovider Tests/clients

echo "== R clients (readr, data.table)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for c in zstd gzip; do
  printf '{"input": "%s", "output": "%s", "compression": "%s"}' "$PWD/data/samples" "$work/$c" "$c" > "$work/$c.json"
  "$ETL_BIN" run --config "$work/$c.json" --quiet --full
done
Rscript Tests/clients/test_clients.R "$work/zstd" "$work/gzip"
