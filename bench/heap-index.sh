#!/usr/bin/env bash
# The kept heap model (issue 10 "Heap model and store", issue 13 "Heap queries from the index"):
# jvmdoctor's parts of bench/heap.sh only (no peer), on the same dump, one run after another:
#   base-cold   a baseline checkout's first run (`heap DUMP --json --top 20`, no cache) — e.g. main
#   cold        this tree's first run: the analysis plus writing <dump>.jvmdoctor-index
#   warm        the same command again (the kept report, from the index)
#   path-*      `heap DUMP --path ID --json` for objects the kept report does not name (lazy names)
#   children-*  `heap DUMP --children root|ID --json --limit 50`
# each under GNU `time -v`, waiting for a quiet machine first (bench/quiet.sh).
#
#   BASE=/tmp/main-checkout bench/heap-index.sh      # BASE: a built checkout to compare with (optional)
#   BENCH_DUMP=/x.hprof bench/heap-index.sh          # default bench/out/heap-orders/orders.hprof (bench/heap.sh makes it)
#   PAIRS=2 …                                        # base-cold / cold alternated this many times (noise)
# Outputs (gitignored): bench/out/heap-index/*.{out,time}, results.md
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$here/out/heap-index"
dump="${BENCH_DUMP:-$here/out/heap-orders/orders.hprof}"
[[ -f "$dump" ]] || { echo "bench/heap-index.sh: no dump at $dump (run bench/heap.sh once, or set BENCH_DUMP)" >&2; exit 1; }
mkdir -p "$out"
node_opts=(--max-old-space-size=8192)
. "$here/quiet.sh"

clean() { rm -f "$dump".jvmdoctor-index* "$dump".jvmdoctor-heap.json; }
measure() { # NAME CMD...
  local name="$1"; shift
  wait_quiet
  echo "== $name: $*" >&2
  local b0 b1
  b0=$(busy_jiffies)
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || { tail -n 20 "$out/$name.err" >&2; exit 1; }
  b1=$(busy_jiffies)
  awk -v d=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f\n", d / hz }' >"$out/$name.machine"
}
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$out/$1.time"; }
cpu_s() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$out/$1.time"; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/$1.time"; }
other_s() { awk -v m="$(cat "$out/$1.machine")" -v c="$(cpu_s "$1")" 'BEGIN { o = m - c; printf "%.0f", o < 0 ? 0 : o }'; }

cat "$dump" >/dev/null
loadavg="$(cut -d' ' -f1-3 /proc/loadavg)"
runs=()
for ((i = 1; i <= ${PAIRS:-1}; i++)); do
  sfx=""; ((i > 1)) && sfx="-$i"
  if [[ -n "${BASE:-}" ]]; then
    clean
    measure "base-cold$sfx" node "${node_opts[@]}" "$BASE/bin/jvmdoctor.js" heap "$dump" --json --top 20
    runs+=("base-cold$sfx")
  fi
  clean
  measure "cold$sfx" node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --json --top 20
  runs+=("cold$sfx")
done
measure warm node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --json --top 20
runs+=(warm)
# Objects to ask for: down the biggest children of the tree (from the index), the deepest first.
node "$repo/bin/jvmdoctor.js" heap "$dump" --children root --limit 3 --json >"$out/pick-0.json"
a=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).rows[0].objectId)' "$out/pick-0.json")
node "$repo/bin/jvmdoctor.js" heap "$dump" --children "$a" --limit 3 --json >"$out/pick-1.json"
b=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])).rows; console.log(r[0].objectId)' "$out/pick-1.json")
node "$repo/bin/jvmdoctor.js" heap "$dump" --children "$b" --limit 3 --json >"$out/pick-2.json"
c=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])).rows; console.log(r[0].objectId)' "$out/pick-2.json")
node "$repo/bin/jvmdoctor.js" heap "$dump" --children "$c" --limit 3 --offset 1000000 --json >"$out/pick-3.json"
d=$(node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(p.rows.length ? p.rows[0].objectId : "")' "$out/pick-3.json")
[[ -n "$d" ]] || d=$c
measure path-deep node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --path "$d" --json
measure path-top node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --path "$a" --json
measure children-root node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --children root --json --limit 50
measure children-wide node "${node_opts[@]}" "$repo/bin/jvmdoctor.js" heap "$dump" --children "$c" --json --limit 50 --offset 1000
runs+=(path-deep path-top children-root children-wide)

{
  echo "Dump: $dump ($(stat -c %s "$dump") bytes); $(nproc) cores; node $(node --version); load average before: $loadavg"
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ); commit $(cd "$repo" && git rev-parse --short HEAD)${BASE:+; base: $BASE ($(cd "$BASE" 2>/dev/null && git rev-parse --short HEAD 2>/dev/null || cat "$BASE/COMMIT" 2>/dev/null || echo ?))}"
  echo "Objects asked for: path-deep $d, path-top $a, children-wide $c"
  echo
  echo "| run | wall | CPU | peak RSS | other CPU meanwhile |"
  echo "|---|---:|---:|---:|---:|"
  for r in "${runs[@]}"; do echo "| $r | $(wall_s "$r") s | $(cpu_s "$r") s | $(rss_mib "$r") MiB | $(other_s "$r") s |"; done
  echo
  echo "index file: $(stat -c %s "$dump".jvmdoctor-index 2>/dev/null || echo none) bytes"
  node -e '
    const fs = require("fs");
    for (const f of process.argv.slice(1)) { try { const d = JSON.parse(fs.readFileSync(f, "utf8")); const r = d.sections?.heaps?.[0] ?? d; console.log(f.replace(/.*\//, "") + ": " + Object.entries(r.timings ?? {}).map(([k, v]) => `${k} ${Number(v).toFixed(2)}`).join("  ")); } catch {} }
  ' "$out"/base-cold*.out "$out"/cold*.out
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const r = d.sections?.heaps?.[0] ?? d; console.log("path-deep: " + (r.requestedPath?.path ?? "none"))' "$out/path-deep.out"
} | tee "$out/results.md"
