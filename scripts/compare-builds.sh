#!/usr/bin/env bash
# Two builds of etl on one corpus, run in turn (A B A B …) so that a noisy machine slows both
# alike: median wall and CPU seconds of each, the ratio, and whether every output is the same
# bytes (SHA-256 of every file but manifest.json and report.html, which carry the run's times),
# or, when the compressed bytes differ, the same decompressed CSV.
#
#   scripts/compare-builds.sh OLD_ETL NEW_ETL CORPUS [RUNS] [JOBS]
#
# RUNS runs of each (3), `--jobs JOBS --full` (1). MODE=one-new times instead a nightly run that
# finds one new file among the corpus (each build's cache and outputs filled first; the new file
# removed and the run repeated after each timing). Exits 1 when any output's content differs.
# ETL_DATA_DIR must name the data folder when a binary was copied away from its checkout.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
A="$1" B="$2" CORPUS="$3" RUNS="${4:-3}" JOBS="${5:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/compare-builds.XXXXXX")"

MODE="${MODE:-full}"
NEW_FILE="$CORPUS/zz-compare-new.txt"
trap 'rm -rf "$WORK"; rm -f "$NEW_FILE"' EXIT

run() {  # run BIN NAME [ARGS] -> appends "wall cpu" to $WORK/NAME.times; outputs in $WORK/out-NAME
  printf '{"input": "%s", "output": "%s", "cache": "%s", "jobs": %s, "compression": "zstd", "zstd_level": 3}\n' \
    "$CORPUS" "$WORK/out-$2" "$WORK/cache-$2" "$JOBS" > "$WORK/$2.json"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$1" run --config "$WORK/$2.json" --quiet --allow-shrink "${@:3}" > /dev/null
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') $(awk '{print $1 + $2}' "$WORK/cpu")" >> "$WORK/$2.times"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

if [ "$MODE" = one-new ]; then
  first="$(find "$CORPUS" -type f -name '*.txt' | sort | sed -n 1p)"
  for side in a b; do run "$([ $side = a ] && echo "$A" || echo "$B")" $side --full; done
  : > "$WORK/a.times"; : > "$WORK/b.times"
  for _ in $(seq "$RUNS"); do
    for side in a b; do
      bin="$([ $side = a ] && echo "$A" || echo "$B")"
      { cat "$first"; echo; } > "$NEW_FILE"
      run "$bin" $side
      rm -f "$NEW_FILE"
      "$bin" run --config "$WORK/$side.json" --quiet > /dev/null
    done
  done
  { cat "$first"; echo; } > "$NEW_FILE"  # the outputs compared are those of a run with the file
  for side in a b; do "$([ $side = a ] && echo "$A" || echo "$B")" run --config "$WORK/$side.json" --quiet > /dev/null; done
  rm -f "$NEW_FILE"
else
  for _ in $(seq "$RUNS"); do run "$A" a --full; run "$B" b --full; done
fi
for side in a b; do
  (cd "$WORK/out-$side" && find . -type f ! -name manifest.json ! -name report.html -print0 | sort -z |
     xargs -0 sha256sum) > "$WORK/$side.sha"
  (cd "$WORK/out-$side" && for f in $(find . -type f ! -name manifest.json ! -name report.html | sort); do
     case "$f" in *.zst) echo "$(zstd -dc "$f" | sha256sum | cut -c1-64)  $f" ;; *) sha256sum "$f" ;; esac
   done) > "$WORK/$side.content"
done
WA="$(awk '{print $1}' "$WORK/a.times" | median)" WB="$(awk '{print $1}' "$WORK/b.times" | median)"
CA="$(awk '{print $2}' "$WORK/a.times" | median)" CB="$(awk '{print $2}' "$WORK/b.times" | median)"
echo "corpus $CORPUS, --jobs $JOBS, $([ "$MODE" = one-new ] && echo "one new file" || echo "--full"), median of $RUNS runs in turn"
printf 'A %-50s wall %7.2f s  cpu %7.2f s\n' "$A" "$WA" "$CA"
printf 'B %-50s wall %7.2f s  cpu %7.2f s\n' "$B" "$WB" "$CB"
awk -v a="$WA" -v b="$WB" 'BEGIN {printf "B faster by %.2fx (wall)\n", a/b}'
if diff "$WORK/a.sha" "$WORK/b.sha" > "$WORK/diff"; then
  echo "outputs: identical ($(wc -l < "$WORK/a.sha") files)"
elif diff "$WORK/a.content" "$WORK/b.content" > "$WORK/diff"; then
  echo "outputs: the same content ($(wc -l < "$WORK/a.content") files; compressed bytes differ)"
else
  echo "outputs: DIFFER"; cat "$WORK/diff"; exit 1
fi
