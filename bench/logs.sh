#!/usr/bin/env bash
# Log analysis at scale (issue 4): jvmdoctor vs `grep -c -E` on the same generated 1 GB log, in one run.
#   bench/logs.sh [size-MB]        # default 1024; needs `npm run build` first
# Generates bench/out/bench-<size>m.log once (fixtures/log/bench-log.mjs), then times, each RUNS times
# (default 3, best kept):
#   grep      grep -c -E 'Exception|Error|WARN|SEVERE|警告|严重' <file>
#   diagnose  node bin/jvmdoctor.js diagnose <file> --format json      (the whole CLI)
#   parser    node fixtures/log/bench-log.mjs run <file> nogrep       (line worker + log parser alone, as diagnose runs them)
#   parser-1t node fixtures/log/bench-log.mjs run <file> nogrep inline (LineSplitter + log parser on one thread)
# and prints wall time, CPU time (user+sys) and peak RSS (GNU time, Debian package `time`) with the
# ratio to grep. The file is read once beforehand so every contender finds it in the page cache.
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-1024}"
RUNS="${RUNS:-3}"
FILE="bench/out/bench-${MB}m.log"
mkdir -p bench/out
[ -s "$FILE" ] || node fixtures/log/bench-log.mjs generate "$FILE" "$MB" >&2
[ -f dist/src/cli/cli.js ] || npm run build >&2
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }
cat "$FILE" > /dev/null
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"

# Each row starts on a quiet machine (bench/quiet.sh: < BENCH_QUIET_BUSY % busy over 3 s).
. bench/quiet.sh
# measure CMD… → "wall_s cpu_s rss_mb" (best wall of RUNS)
measure() {
  local best="" line
  wait_quiet
  for _ in $(seq "$RUNS"); do
    # stdout to a file, not /dev/null: GNU grep stops at the first match when it sees /dev/null.
    line=$("$TIME" -f '%e %U %S %M' "$@" 2>&1 >bench/out/stdout.txt | tail -1)
    read -r wall user sys rss <<<"$line"
    line=$(awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN { printf "%.2f %.2f %.0f", w, u + s, r / 1024 }')
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$line"; fi
  done
  echo "$best"
}

read -r gw gc gr <<<"$(measure grep -c -E 'Exception|Error|WARN|SEVERE|警告|严重' "$FILE")"
read -r dw dc dr <<<"$(measure node bin/jvmdoctor.js diagnose "$FILE" --format json)"
read -r pw pc pr <<<"$(measure node fixtures/log/bench-log.mjs run "$FILE" nogrep)"
read -r iw ic ir <<<"$(measure node fixtures/log/bench-log.mjs run "$FILE" nogrep inline)"
SIZE=$(du -m "$FILE" | cut -f1)
LINES=$(node -e "process.stdout.write(String(JSON.parse(require('fs').readFileSync(0,'utf8')).inputs?.[0]?.lines ?? '?'))" < <(node bin/jvmdoctor.js diagnose "$FILE" --format json) 2>/dev/null || echo '?')
printf '%s: %s MB, %s lines; %s, node %s, %s CPU(s); best of %s runs; load average at the start %s\n' "$FILE" "$SIZE" "$LINES" "$(uname -m)" "$(node --version)" "$(nproc)" "$RUNS" "$LOADAVG"
printf '| %-9s | %7s | %6s | %7s | %6s | %9s |\n' run 'wall s' '× grep' 'CPU s' '× grep' 'peak RSS'
printf '|-----------|---------|--------|---------|--------|-----------|\n'
row() { printf '| %-9s | %7s | %6s | %7s | %6s | %6s MB |\n' "$1" "$2" "$(awk -v a="$2" -v b="$gw" 'BEGIN { printf "%.1f", a / b }')" "$3" "$(awk -v a="$3" -v b="$gc" 'BEGIN { printf "%.1f", a / b }')" "$4"; }
row grep "$gw" "$gc" "$gr"
row diagnose "$dw" "$dc" "$dr"
row parser "$pw" "$pc" "$pr"
row parser-1t "$iw" "$ic" "$ir"
