#!/usr/bin/env bash
# Benchmark of `jvmdoctor heap` against VisualVM's heap library on the heap-orders workload (issue 3,
# "Speed and memory"). One run measures, on the same dump and the same machine, one after another:
#   (a) peer            VisualVM's heap library (bench/visualvm-harness/HeapBench.java): parse, class
#                       histogram, biggest objects by retained size; its `<dump>.hwcache/` index removed first
#   (b) jvmdoctor cold  `jvmdoctor heap <dump> --json`, full analysis, its cache beside the dump removed
#   (c) jvmdoctor warm  the same command again, now with what the first run cached
# each under `/usr/bin/time -v` (wall time and peak RSS), and prints a Markdown table with the ratios.
#
#   bench/heap.sh                 generate bench/out/heap-orders/orders.hprof if missing, then measure
#   bench/heap.sh --regen         regenerate the dump first
#   BENCH_DUMP=/x.hprof bench/heap.sh   measure another dump (left as is; only its caches are removed)
#   bench/heap.sh --peer-only     only (a): validates the workload and the peer without jvmdoctor
#
# Env: ORDERS (workload size, default 1500000), TOP (objects asked for, default 20),
#      PEER_XMX (the harness JVM's -Xmx, default 768m = what Debian's VisualVM ships in
#      /usr/share/visualvm/etc/visualvm.conf), BENCH_SKIP_BUILD=1 (use the existing dist/),
#      JVMDOCTOR_NODE_OPTIONS (`node` flags for jvmdoctor, default --max-old-space-size=8192 as
#      bench/API-NOTE.md advises; it only raises V8's limit, it reserves nothing).
# Needs: JDK 17 (java, javac, jcmd), Debian packages `visualvm` and `time` (GNU time for -v), node 20.
# Outputs (gitignored): bench/out/heap/{peer,jvmdoctor-cold,jvmdoctor-warm}.{out,time}, results.md
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$here/out/heap"
peer_jar=/usr/share/visualvm/visualvm/modules/org-graalvm-visualvm-lib-jfluid-heap.jar
top="${TOP:-20}"
peer_xmx="${PEER_XMX:-768m}"

regen=0
peer_only=0
for arg in "$@"; do
  case "$arg" in
    --regen) regen=1 ;;
    --peer-only) peer_only=1 ;;
    *) echo "usage: $0 [--regen] [--peer-only]" >&2; exit 2 ;;
  esac
done

die() { echo "bench/heap.sh: $*" >&2; exit 1; }
for tool in java javac jcmd node; do
  command -v "$tool" >/dev/null || die "$tool not found (needs JDK 17 and node 20)"
done
[[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null || die "GNU time missing: apt-get install -y time"
[[ -f "$peer_jar" ]] || die "VisualVM heap library missing ($peer_jar): apt-get install -y visualvm"

mkdir -p "$out"

# --- the workload ------------------------------------------------------------------------------
if [[ -n "${BENCH_DUMP:-}" ]]; then
  dump="$(cd "$(dirname "$BENCH_DUMP")" && pwd)/$(basename "$BENCH_DUMP")"
  [[ -f "$dump" ]] || die "BENCH_DUMP $BENCH_DUMP is not a file"
else
  dump="$here/out/heap-orders/orders.hprof"
  if [[ $regen == 1 || ! -f "$dump" ]]; then
    echo "== generating the workload (scenarios/heap-orders/run.sh, ORDERS=${ORDERS:-1500000})" >&2
    "$repo/scenarios/heap-orders/run.sh" "$here/out/heap-orders"
  fi
fi
dump_bytes=$(stat -c %s "$dump")

# --- builds ------------------------------------------------------------------------------------
# The code measured is the working tree at build time: record its commit now, not when printing.
measured_commit="$(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git diff --quiet HEAD -- src bench scenarios package.json || echo '+uncommitted')"
javac -d "$out/harness-classes" -cp "$peer_jar" "$here/visualvm-harness/HeapBench.java"
if [[ $peer_only == 0 && "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$repo" && npm run --silent build)
fi

# Caches both tools keep beside the dump. Removed before the cold runs so each is a first open.
peer_cache="$dump.hwcache"
# jvmdoctor caches beside the dump (<dump>.jvmdoctor-heap.json) or, when that folder is read-only, in
# ${XDG_CACHE_HOME:-~/.cache}/jvmdoctor/<name>-<sha256(path)[0:16]>.json (src/heap/cache.ts).
jvmdoctor_cache_files() {
  local h
  h="$(printf '%s' "$dump" | sha256sum | cut -c1-16)"
  echo "$dump.jvmdoctor-heap.json" "${XDG_CACHE_HOME:-$HOME/.cache}/jvmdoctor/$(basename "$dump")-$h.json"
}
jvmdoctor_index() {
  # shellcheck disable=SC2046 # two paths
  rm -f $(jvmdoctor_cache_files) "$dump".jvmdoctor-index*
}
# The `heap` command: through bin/jvmdoctor.js once the CLI dispatches it, else the stand-alone entry
# heap-core ships until then (bench/API-NOTE.md).
if [[ -f "$repo/dist/src/cli/cli.js" ]]; then
  jvmdoctor_heap=("$repo/bin/jvmdoctor.js" heap)
else
  jvmdoctor_heap=("$repo/dist/src/cli/commands/heap-main.js")
fi

# Read the dump once so every measured run starts with it in the page cache (24 GB RAM holds it):
# otherwise whichever tool runs first would pay for the disk and the others would not.
cat "$dump" >/dev/null
loadavg="$(cut -d' ' -f1-3 /proc/loadavg)"

# Before each run, wait for a quiet machine and record how much CPU other processes used meanwhile.
. "$here/quiet.sh"
# measure NAME CMD... : runs CMD under GNU time; stdout → $out/NAME.out, time -v report → $out/NAME.time,
# CPU seconds used by the whole machine meanwhile → $out/NAME.machine
measure() {
  local name="$1"; shift
  wait_quiet
  echo "== $name: $*" >&2
  local b0 b1
  b0=$(busy_jiffies)
  if ! /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err"; then
    tail -n 20 "$out/$name.err" >&2
    die "$name failed (see $out/$name.err)"
  fi
  b1=$(busy_jiffies)
  awk -v d=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f\n", d / hz }' >"$out/$name.machine"
}
other_cpu_s() { # CPU seconds the rest of the machine used during the run (0 on a quiet machine)
  awk -v m="$(cat "$out/$1.machine")" -v c="$(cpu_s "$1")" 'BEGIN { o = m - c; printf "%.0f", o < 0 ? 0 : o }'
}
wall_s() { # GNU time prints "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.03"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$out/$1.time"
}
cpu_s() { # user + system CPU seconds: less sensitive than wall time to other work on the machine
  awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$out/$1.time"
}
rss_mib() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/$1.time"
}

# --- (a) the peer ------------------------------------------------------------------------------
rm -rf "$peer_cache"
measure peer java -Xmx"$peer_xmx" -cp "$peer_jar:$out/harness-classes" HeapBench "$dump" --top "$top"
rm -rf "$peer_cache"
grep '^timing\|^summary' "$out/peer.out" >&2

# --- (b), (c) jvmdoctor ------------------------------------------------------------------------
if [[ $peer_only == 0 ]]; then
  jvmdoctor_index
  # shellcheck disable=SC2086 # JVMDOCTOR_NODE_OPTIONS is a list of flags
  measure jvmdoctor-cold node ${JVMDOCTOR_NODE_OPTIONS---max-old-space-size=8192} "${jvmdoctor_heap[@]}" "$dump" --json --top "$top"
  # shellcheck disable=SC2086
  measure jvmdoctor-warm node ${JVMDOCTOR_NODE_OPTIONS---max-old-space-size=8192} "${jvmdoctor_heap[@]}" "$dump" --json --top "$top"
  jvmdoctor_index
fi

# --- the table ---------------------------------------------------------------------------------
objects=$(awk '/^summary/ { for (i = 2; i <= NF; i++) if ($i ~ /^objects=/) { sub("objects=", "", $i); print $i } }' "$out/peer.out")
{
  echo "Dump: $dump ($(awk -v b="$dump_bytes" 'BEGIN { printf "%.2f GB", b / 1e9 }'), $objects objects as counted by the peer)"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(java -version 2>&1 | head -n 1); node $(node --version)"
  echo "Load average before the runs: $loadavg. 'other CPU meanwhile' = CPU seconds used by other processes"
  echo "during the run (on 2 cores, anything well above 0 slowed the run down)."
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ); commit $measured_commit (at build time)"
  echo
  echo "| run | wall time | CPU (user+sys) | peak RSS | vs peer time | vs peer RSS | other CPU meanwhile |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  pw=$(wall_s peer); pr=$(rss_mib peer)
  echo "| VisualVM heap library (-Xmx$peer_xmx): parse, histogram, top $top by retained | ${pw} s | $(cpu_s peer) s | ${pr} MiB | 1 | 1 | $(other_cpu_s peer) s |"
  if [[ $peer_only == 0 ]]; then
    for run in jvmdoctor-cold jvmdoctor-warm; do
      w=$(wall_s $run); r=$(rss_mib $run)
      label="jvmdoctor heap --json, first run (no cache)"
      [[ $run == jvmdoctor-warm ]] && label="jvmdoctor heap --json, second run (cached)"
      echo "| $label | ${w} s | $(cpu_s $run) s | ${r} MiB | $(awk -v a="$w" -v b="$pw" 'BEGIN { printf "1/%.1f", b / a }') | $(awk -v a="$r" -v b="$pr" 'BEGIN { printf "1/%.1f", b / a }') | $(other_cpu_s $run) s |"
    done
    cw=$(wall_s jvmdoctor-cold); ww=$(wall_s jvmdoctor-warm)
    echo
    echo "Second run vs first: $(awk -v a="$cw" -v b="$ww" 'BEGIN { printf "%.1fx faster", a / b }')"
    echo "Targets (issue 3): first run <= 1/5 of the peer's time and <= 1/4 of its peak RSS; second run >= 10x faster."
    echo
    echo "Cross-check (same dump): objects peer $objects / jvmdoctor $(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), r = j.sections?.heaps?.[0] ?? j; process.stdout.write(String(r.summary?.objects))' "$out/jvmdoctor-cold.out");" \
      "biggest retained: peer $(awk '/^biggest objects/ { getline; print $2, $NF; exit }' "$out/peer.out") /" \
      "jvmdoctor $(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), d = (j.sections?.heaps?.[0] ?? j).dominators?.[0]; process.stdout.write(d ? d.retainedBytes + " " + d.className : "none")' "$out/jvmdoctor-cold.out")"
    echo
    echo "jvmdoctor phase timings (s) of the first run (its --json \`timings\`):"
    node -e '
      const fs = require("fs");
      // The report document (schemaVersion 2) holds the analysis in sections.heaps[0]; older builds printed it bare.
      const read = (f) => { try { const j = JSON.parse(fs.readFileSync(f, "utf8")); return j.sections?.heaps?.[0] ?? j; } catch (e) { return { error: String(e.message) }; } };
      const cold = read(process.argv[1]), warm = read(process.argv[2]);
      console.log("  " + Object.entries(cold.timings ?? {}).map(([k, v]) => `${k} ${Number(v).toFixed(2)}`).join("  "));
      // A cache hit returns the stored report (with the first run'"'"'s timings) plus its own read time.
      console.log(`second run: cached=${warm.cached}, cacheRead ${warm.timings?.cacheRead ?? "-"} s`);
    ' "$out/jvmdoctor-cold.out" "$out/jvmdoctor-warm.out"
  fi
  echo
  echo "Peer phase timings (s): $(awk '/^timing/ { printf "%s %s  ", $2, $3 }' "$out/peer.out")"
} | tee "$out/results.md"
