#!/usr/bin/env bash
# Builds the heap-orders workload and dumps it, the way an engineer would on a live service:
#   scenarios/heap-orders/run.sh <outdir> [orders]      (or ORDERS=50000 scenarios/heap-orders/run.sh <outdir>)
# Writes into <outdir>:
#   orders.hprof   `jcmd <pid> GC.heap_dump` (live objects, JDK default format, uncompressed)
#   histogram.txt  `jcmd <pid> GC.class_histogram`, taken just before the dump on the same JVM, so a heap
#                  analyzer's instance counts and shallow bytes per class can be checked against it
#   jvm.log        the scenario's stdout/stderr
# The JVM is tracked by PID and killed by PID on exit, also when a step fails.
# Env: ORDERS (default 1500000), HEAP_ORDERS_XMX (default 3g), HEAP_ORDERS_JAVA_OPTS (extra JVM flags,
# e.g. -XX:-UseCompressedOops), READY_TIMEOUT seconds (default 600).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 <outdir> [orders]" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
outdir="$(cd "$1" && pwd)"
orders="${2:-${ORDERS:-1500000}}"
xmx="${HEAP_ORDERS_XMX:-3g}"
ready_timeout="${READY_TIMEOUT:-600}"

jvm_pid=""
cleanup() {
  if [[ -n "$jvm_pid" ]] && kill -0 "$jvm_pid" 2>/dev/null; then
    kill "$jvm_pid" 2>/dev/null || true
    # Give it a moment to exit, then make sure.
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$jvm_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$jvm_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

classes="$outdir/classes"
mkdir -p "$classes"
javac -d "$classes" "$here/HeapOrders.java"

rm -f "$outdir/orders.hprof" "$outdir/histogram.txt"
# shellcheck disable=SC2086 # HEAP_ORDERS_JAVA_OPTS is a list of flags
java -Xms"$xmx" -Xmx"$xmx" ${HEAP_ORDERS_JAVA_OPTS:-} -cp "$classes" HeapOrders "$orders" \
  >"$outdir/jvm.log" 2>&1 &
jvm_pid=$!
echo "heap-orders: JVM pid $jvm_pid building $orders orders (-Xmx$xmx)" >&2

deadline=$((SECONDS + ready_timeout))
until grep -q '^READY' "$outdir/jvm.log" 2>/dev/null; do
  if ! kill -0 "$jvm_pid" 2>/dev/null; then
    echo "heap-orders: JVM exited before READY; its output:" >&2
    cat "$outdir/jvm.log" >&2
    exit 1
  fi
  if ((SECONDS > deadline)); then
    echo "heap-orders: no READY after ${ready_timeout}s" >&2
    exit 1
  fi
  sleep 0.5
done
grep '^READY' "$outdir/jvm.log" >&2

# Histogram first, then the dump: both force a full GC, so both see the same live set.
jcmd "$jvm_pid" GC.class_histogram >"$outdir/histogram.txt"
dump_out="$(jcmd "$jvm_pid" GC.heap_dump "$outdir/orders.hprof")"
echo "$dump_out" >&2
if ! grep -q 'Heap dump file created' <<<"$dump_out"; then
  echo "heap-orders: jcmd GC.heap_dump failed" >&2
  exit 1
fi
tail -n 1 "$outdir/histogram.txt" >&2
