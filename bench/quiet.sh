# Sourced by bench/heap.sh and bench/logs.sh. The machine is shared (2 cores): other work running beside a
# measured run slows it down. wait_quiet waits (up to BENCH_QUIET_WAIT s, default 900) until the whole
# machine was < BENCH_QUIET_BUSY % busy (default 15) over 3 s; busy_jiffies lets a script record how much
# CPU other processes used while a run went on.
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
total_jiffies() { awk '/^cpu / { s = 0; for (i = 2; i <= 9; i++) s += $i; print s }' /proc/stat; }
wait_quiet() {
  local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-900})) b0 t0 b1 t1 pct
  while :; do
    b0=$(busy_jiffies); t0=$(total_jiffies); sleep 3; b1=$(busy_jiffies); t1=$(total_jiffies)
    pct=$(( (b1 - b0) * 100 / (t1 - t0 > 0 ? t1 - t0 : 1) ))
    ((pct < ${BENCH_QUIET_BUSY:-15})) && return 0
    if ((SECONDS > deadline)); then
      echo "$(basename "$0"): machine still ${pct}% busy; measuring anyway" >&2
      return 0
    fi
    echo "   waiting for a quiet machine (${pct}% busy)" >&2
  done
}
