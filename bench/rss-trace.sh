#!/usr/bin/env bash
# Where does a run's memory go over time? Runs a command, samples its resident set size from
# /proc/<pid>/status every INTERVAL seconds (default 0.25) and prints "seconds rss_MiB anon_MiB file_MiB"
# lines to stderr (RssAnon = heap/typed arrays, RssFile = mapped files and code), then the peak.
# Line these up with the phase timings of `jvmdoctor heap --json` (`timings`) to see which phase peaks.
#   bench/rss-trace.sh node dist/src/cli/commands/heap-main.js bench/out/heap-orders/orders.hprof --json --no-cache >/dev/null
# The command's own stdout is passed through; its exit code is returned.
set -euo pipefail
interval="${INTERVAL:-0.25}"
[[ $# -ge 1 ]] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

"$@" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' INT TERM
start=$(date +%s.%N)
peak=0
peak_at=0
while kill -0 "$pid" 2>/dev/null; do
  if status="$(cat "/proc/$pid/status" 2>/dev/null)"; then
    read -r rss anon file < <(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { print r + 0, a + 0, f + 0 }' <<<"$status")
    now=$(date +%s.%N)
    t=$(awk -v a="$now" -v b="$start" 'BEGIN { printf "%.2f", a - b }')
    printf '%s %d %d %d\n' "$t" $((rss / 1024)) $((anon / 1024)) $((file / 1024)) >&2
    if ((rss > peak)); then peak=$rss; peak_at=$t; fi
  fi
  sleep "$interval"
done
set +e
wait "$pid"
rc=$?
echo "peak RSS $((peak / 1024)) MiB at ${peak_at} s (sampled every ${interval} s)" >&2
exit "$rc"
