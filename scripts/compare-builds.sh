#!/usr/bin/env bash
# Two builds of etl on one corpus, run in turn (A B A B …) so that a noisy machine slows both
# alike: median wall and CPU seconds of each, the ratio, and whether every output is the same
# bytes (SHA-256 of every file but manifest.json and report.html, which carry the run's times).
#
#   scripts/compare-builds.sh OLD_ETL NEW_ETL CORPUS [RUNS] [JOBS]
#
# RUNS runs of each (3), `--jobs JOBS --full` (1). Exits 1 when any output differs.
# ETL_DATA_DIR must name the data folder when a binary was copied away from its checkout.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
A="$1" B="$2" CORPUS="$3" RUNS="${4:-3}" JOBS="${5:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/compare-builds.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

run() {  # run BIN NAME -> appends "wall cpu" to $WORK/NAME.times; outputs in $WORK/out-NAME
  printf '{"input": "%s", "output": "%s", "cache": "%s", "jobs": %s, "compression": "zstd", "zstd_level": 3}\n' \
    "$CORPUS" "$WORK/out-$2" "$WORK/cache-$2" "$JOBS" > "$WORK/$2.json"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$1" run --config "$WORK/$2.json" --quiet --full --allow-shrink > /dev/null
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') $(awk '{print $1 + $2}' "$WORK/cpu")" >> "$WORK/$2.times"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for _ in $(seq "$RUNS"); do run "$A" a; run "$B" b; done
for side in a b; do
  (cd "$WORK/out-$side" && find . -type f ! -name manifest.json ! -name report.html -print0 | sort -z |
     xargs -0 sha256sum) > "$WORK/$side.sha"
done
WA="$(awk '{print $1}' "$WORK/a.times" | median)" WB="$(awk '{print $1}' "$WORK/b.times" | median)"
CA="$(awk '{print $2}' "$WORK/a.times" | median)" CB="$(awk '{print $2}' "$WORK/b.times" | median)"
echo "corpus $CORPUS, --jobs $JOBS --full, median of $RUNS runs in turn"
printf 'A %-50s wall %7.2f s  cpu %7.2f s\n' "$A" "$WA" "$CA"
printf 'B %-50s wall %7.2f s  cpu %7.2f s\n' "$B" "$WB" "$CB"
awk -v a="$WA" -v b="$WB" 'BEGIN {printf "B faster by %.2fx (wall)\n", a/b}'
if diff "$WORK/a.sha" "$WORK/b.sha" > "$WORK/diff"; then
  echo "outputs: identical ($(wc -l < "$WORK/a.sha") files)"
else
  echo "outputs: DIFFER"; cat "$WORK/diff"; exit 1
fi
