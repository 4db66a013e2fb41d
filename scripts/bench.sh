#!/usr/bin/env bash
# The benchmark: on one generated corpus, times `etl run` with --jobs 1 and one job per core
# (--full, in turn), against the floor: OpenCC 1.4's CLI over the same text decoded to one UTF-8
# file, piped into `zstd -3 -T1`, plus libxml2's parse (parse only, one thread, one process) of
# every HTML page of the corpus. Also a no-change re-run, a re-run with one new file, peak RSS at
# 1,000 and N files, each stage in-process, and the libraries alone on the pipeline's work (the
# bound of a one-thread run). Each ratio is also given against the old floor (the pipe alone).
#
#   scripts/bench.sh            (make bench)
#   BENCH_N=2000 BENCH_RUNS=5 scripts/bench.sh
#
# BENCH_N files (10000), BENCH_RUNS timed runs each, median reported (3), BENCH_SEED (1),
# BENCH_RSS_LARGE a third corpus size for peak RSS (unset: none),
# BENCH_DIR work folder (.bench), BENCH_SCRATCH swift build folder (.build). Not part of `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
N="${BENCH_N:-10000}"
RUNS="${BENCH_RUNS:-3}"
SEED="${BENCH_SEED:-1}"
WORK="${BENCH_DIR:-$ROOT/.bench}"
SCRATCH="${BENCH_SCRATCH:-$ROOT/.build}"
CORES="$(nproc)"  # the multi-job runs use every core
OPENCC_HOME="$ROOT/.deps/opencc"
export PKG_CONFIG_PATH="$OPENCC_HOME/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

[ -x "$OPENCC_HOME/bin/opencc" ] || { echo "bench: run scripts/setup.sh first (needs OpenCC 1.4 in .deps/opencc)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

echo "bench: building (release)" >&2
swift build --scratch-path "$SCRATCH" -c release --product etl >&2
swift build --scratch-path "$SCRATCH" -c release --product etl-gen >&2
BIN="$(swift build --scratch-path "$SCRATCH" -c release --show-bin-path)"
mkdir -p "$WORK"

corpus() {  # corpus N -> folder (generated once per seed and size)
  local n="$1" dir="$WORK/corpus-s$SEED-n$1"
  if [ ! -f "$dir/answers.jsonl" ] || [ "$(wc -l < "$dir/answers.jsonl")" -ne "$n" ]; then
    rm -rf "$dir"
    "$BIN/etl-gen" --output "$dir" --count "$n" --seed "$SEED" >&2
  fi
  echo "$dir"
}
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
config() {  # config INPUT OUTPUT -> path of a pipeline.json
  local cfg="$WORK/pipeline-$(basename "$1").json"
  printf '{"input": "%s", "output": "%s", "jobs": 0, "compression": "zstd", "zstd_level": 3}\n' "$1" "$2" > "$cfg"
  echo "$cfg"
}

CORPUS="$(corpus "$N")"
rm -f "$CORPUS/zz-bench-new.txt"  # left by an interrupted benchmark
trap 'rm -f "$CORPUS/zz-bench-new.txt"' EXIT
SMALL="$(corpus 1000)"
BYTES="$(find "$CORPUS" -type f ! -name answers.jsonl -printf '%s\n' | awk '{s+=$1} END {print s}')"
MB="$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b/1e6}')"
echo "bench: corpus $CORPUS: $N files, $MB MB" >&2

# The floor's input, untimed: every file decoded to UTF-8 (OpenCC stops at an invalid byte), one file.
FLOOR_IN="$WORK/floor-s$SEED-n$N.txt"
if [ ! -f "$FLOOR_IN" ]; then
  python3 - "$CORPUS" "$FLOOR_IN" <<'PY'
import json, sys, os
root, out = sys.argv[1], sys.argv[2]
codecs = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "big5": "big5"}
with open(out, "w", encoding="utf-8", newline="") as f:
    for line in open(os.path.join(root, "answers.jsonl"), encoding="utf-8"):
        a = json.loads(line)
        f.write(open(os.path.join(root, a["file"]), "rb").read().decode(codecs[a["encoding"]], errors="replace"))
PY
fi
T2S="$OPENCC_HOME/share/opencc/t2s.json"
floor=()
for _ in $(seq "$RUNS"); do
  t0=$(now); "$OPENCC_HOME/bin/opencc" -c "$T2S" -i "$FLOOR_IN" | zstd -3 -T1 -q -c > /dev/null; t1=$(now)
  floor+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
done
FLOOR="$(printf '%s\n' "${floor[@]}" | median)"

OUT="$WORK/out"
CFG="$(config "$CORPUS" "$OUT")"
CPU_TIMES="$WORK/cpu-times.txt"
etl_run() {  # etl_run ARGS... -> seconds of one run; appends "ARGS cpu-seconds" to CPU_TIMES
  local t0 t1
  t0=$(now)
  # (A failed run times nothing: the bench stops, with etl's message above.)
  /usr/bin/time -f "%U %S" -o "$WORK/time-cpu.txt" "$BIN/etl" run --config "$CFG" --quiet "$@" > /dev/null \
    || { echo "bench: etl run $* failed" >&2; exit 1; }
  t1=$(now)
  echo "$* $(awk '{print $1 + $2}' "$WORK/time-cpu.txt")" >> "$CPU_TIMES"
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}
etl_runs() {  # etl_runs ARGS... -> median seconds over RUNS
  local times=()
  for _ in $(seq "$RUNS"); do times+=("$(etl_run "$@")"); done
  printf '%s\n' "${times[@]}" | median
}
cpu_median() { grep -F -- "$1 " "$CPU_TIMES" | awk '{print $NF}' | median; }
: > "$CPU_TIMES"
# One job and one job per core in turn, so that a noisy machine slows both alike.
echo "bench: etl --jobs 1 and --jobs $CORES, in turn" >&2
j1=(); j2=()
for _ in $(seq "$RUNS"); do
  j1+=("$(etl_run --jobs 1 --full)")
  j2+=("$(etl_run --jobs "$CORES" --full)")
done
J1="$(printf '%s\n' "${j1[@]}" | median)"; J1_CPU="$(cpu_median "--jobs 1 --full")"
J2="$(printf '%s\n' "${j2[@]}" | median)"; J2_CPU="$(cpu_median "--jobs $CORES --full")"
echo "bench: no-change re-run" >&2; RERUN="$(etl_runs --jobs "$CORES")"
# One new file among the unchanged ones: the cache path (every other report re-assembled from
# its cache entry), not the kept-outputs shortcut of a run whose inputs did not change at all.
NEW_FILE="$CORPUS/zz-bench-new.txt"
one_new_runs() {
  local times=() first
  first="$(find "$CORPUS" -type f -name '*.txt' | sort | head -1)"
  for _ in $(seq "$RUNS"); do
    { cat "$first"; echo; } > "$NEW_FILE"
    t0=$(now); "$BIN/etl" run --config "$CFG" --quiet --jobs "$CORES" > /dev/null || exit 1; t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    rm -f "$NEW_FILE"
    "$BIN/etl" run --config "$CFG" --quiet --jobs "$CORES" > /dev/null || exit 1
  done
  printf '%s\n' "${times[@]}" | median
}
echo "bench: re-run with one new file" >&2; ONE_NEW="$(one_new_runs)"

rss() {  # rss CORPUS -> peak RSS in MB of a full --jobs CORES run
  # An output folder per corpus: a smaller corpus into the folder a larger one filled is a
  # shrinking run, which etl refuses (and which would measure nothing).
  local cfg; cfg="$(config "$1" "$WORK/out-rss-$(basename "$1")")"
  /usr/bin/time -v "$BIN/etl" run --config "$cfg" --quiet --jobs "$CORES" --full 2> "$WORK/time-v.txt" > /dev/null \
    || { echo "bench: the run on $1 failed:" >&2; cat "$WORK/time-v.txt" >&2; exit 1; }
  awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/time-v.txt"
}
echo "bench: peak RSS" >&2
RSS_SMALL="$(rss "$SMALL")"
RSS_N="$(rss "$CORPUS")"
RSS_LINE="1000 files $RSS_SMALL MB, $N files $RSS_N MB"
# BENCH_RSS_LARGE=30000: also a larger corpus, to see whether memory grows with the file count.
if [ -n "${BENCH_RSS_LARGE:-}" ]; then
  RSS_LINE="$RSS_LINE, $BENCH_RSS_LARGE files $(rss "$(corpus "$BENCH_RSS_LARGE")") MB"
fi

echo "bench: stages" >&2
STAGES="$("$BIN/etl" bench-stages --input "$CORPUS")"
# The libraries alone on the work the pipeline gives them (SHA-256, uchardet, iconv, libxml2,
# OpenCC, zstd on the contract's CSV): no one-thread run can be faster, whatever our code does.
echo "bench: libraries alone" >&2
deps=(); html=()
for _ in $(seq "$RUNS"); do
  DEPS="$("$BIN/etl" bench-stages --input "$CORPUS" --dependencies)"
  deps+=("$(echo "$DEPS" | awk '$1 == "total" {print $4}')")
  html+=("$(echo "$DEPS" | awk '/^libxml2 HTML parse/ {print $(NF-1)}')")
done
DEPS_S="$(printf '%s\n' "${deps[@]}" | median)"
HTML_S="$(printf '%s\n' "${html[@]}" | median)"
PIPE_FLOOR="$FLOOR"
FLOOR="$(awk -v a="$PIPE_FLOOR" -v b="$HTML_S" 'BEGIN {print a + b}')"

mbs() { awk -v b="$BYTES" -v t="$1" 'BEGIN {printf "%.1f", b/1e6/t}'; }
ratio() { awk -v f="$FLOOR" -v p="$PIPE_FLOOR" -v t="$1" 'BEGIN {printf "%.2f (%.2f)", f/t, p/t}'; }
REPORT="$WORK/results-s$SEED-n$N.txt"
{
  echo "date $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')"
  echo "corpus: $N generated reports (seed $SEED), $MB MB; median of $RUNS runs"
  printf '%-46s %8s %8s %20s\n' "" "seconds" "MB/s" "floor/t (old floor/t)"
  printf '%-46s %8.2f %8s %20s\n' "floor: pipe + libxml2 HTML parse" "$FLOOR" "$(mbs "$FLOOR")" "$(ratio "$FLOOR")"
  printf '%-46s %8.2f %8s %20s\n' "  opencc 1.4 t2s | zstd -3 -T1 (old floor)" "$PIPE_FLOOR" "$(mbs "$PIPE_FLOOR")" "$(ratio "$PIPE_FLOOR")"
  printf '%-46s %8.2f %8s %20s\n' "  libxml2 HTML parse, one thread" "$HTML_S" "$(mbs "$HTML_S")" ""
  printf '%-46s %8.2f %8s %20s\n' "etl run --jobs 1 --full" "$J1" "$(mbs "$J1")" "$(ratio "$J1")"
  printf '%-46s %8.2f %8s %20s\n' "etl run --jobs $CORES --full" "$J2" "$(mbs "$J2")" "$(ratio "$J2")"
  printf '%-46s %8.2f %8s %20s\n' "etl run, no change (outputs kept)" "$RERUN" "$(mbs "$RERUN")" "$(ratio "$RERUN")"
  printf '%-46s %8.2f %8s %20s\n' "etl run, one new file (cache)" "$ONE_NEW" "$(mbs "$ONE_NEW")" "$(ratio "$ONE_NEW")"
  printf '%-46s %8.2f %8s %20s\n' "libraries alone, one thread (bound of jobs 1)" "$DEPS_S" "$(mbs "$DEPS_S")" "$(ratio "$DEPS_S")"
  awk -v a="$J1" -v b="$J2" -v n="$CORES" 'BEGIN {printf "speedup 1 -> %d jobs: %.2fx\n", n, a/b}'
  # Cores kept busy (CPU seconds / wall seconds): the writer and zstd's threads run beside the
  # workers, so one job already uses more than one core.
  awk -v a="$J1_CPU" -v w1="$J1" -v b="$J2_CPU" -v w2="$J2" -v n="$CORES" \
    'BEGIN {printf "CPU seconds: --jobs 1 %.1f (%.2f cores busy), --jobs %d %.1f (%.2f cores busy)\n", a, a/w1, n, b, b/w2}'
  awk -v r="$RERUN" -v f="$J2" -v n="$CORES" 'BEGIN {printf "no-change re-run: %.1f%% of a full --jobs %d run\n", 100*r/f, n}'
  awk -v r="$ONE_NEW" -v f="$J2" -v n="$CORES" 'BEGIN {printf "re-run with one new file: %.1f%% of a full --jobs %d run\n", 100*r/f, n}'
  echo "peak RSS (--jobs $CORES --full): $RSS_LINE"
  echo "stages (one thread, in-process):"
  echo "$STAGES"
  echo "libraries alone (one thread, in-process; the last of the runs):"
  echo "$DEPS"
} | tee "$REPORT"
echo "bench: written to $REPORT" >&2
