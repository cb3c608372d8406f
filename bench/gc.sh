#!/bin/sh
# GC-log speed: jvmdoctor gc on a ~1 GB unified G1 log (a real JDK 17 -Xlog:gc* log repeated with
# shifted uptimes, bench/gen-gc-log.mjs) against `grep -c Pause` on the same file, one after the
# other, with wall time and peak RSS from /usr/bin/time. The machine's load average is printed: the
# figures are only comparable within one run. Peers (GCViewer, garbagecat) are not built here yet.
# Usage: sh bench/gc.sh [work dir, default /tmp/jvmdoctor-bench-gc] [size in MB, default 1024]
set -e
cd "$(dirname "$0")/.."
W=${1:-/tmp/jvmdoctor-bench-gc}
MB=${2:-1024}
mkdir -p "$W"
if [ ! -f "$W/source.log" ]; then
  javac -d "$W/cls" test/java/gc/GcWorkload.java
  java -XX:+UseG1GC -Xmx64m -Xlog:gc*:file="$W/source.log":time,uptime,level,tags -cp "$W/cls" GcWorkload steady 10 > /dev/null
fi
[ -f "$W/g1-$MB.log" ] || node bench/gen-gc-log.mjs "$W/source.log" "$W/g1-$MB.log" $((MB * 1024 * 1024))
F="$W/g1-$MB.log"
echo "file: $F, $(wc -c < "$F") bytes, $(wc -l < "$F") lines; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$F" > /dev/null
/usr/bin/time -f "grep -c Pause: %e s wall, %M KB peak RSS" grep -c Pause "$F"
/usr/bin/time -f "jvmdoctor gc --json: %e s wall, %M KB peak RSS" node bin/jvmdoctor.js gc "$F" --json --fail-on none > "$W/report.json"
node -e "const d=JSON.parse(require('fs').readFileSync('$W/report.json','utf8'));const r=d.sections.gc[0].runs[0];console.log('events', r.events, 'pauses', r.pauses.count, 'max pause', r.pauses.maxMs, 'ms, throughput', r.throughputPercent, '%')"
