// Groups one dump's threads the three ways a reader needs: by pool name (leaks, oversized pools),
// by state (how many are doing anything), and by identical stack (50 threads parked in the same
// LinkedBlockingQueue.take() are one idle pool; 50 threads in the same socket read are a stall).

import type { StackGroup, ThreadDump, ThreadPoolGroup, ThreadState } from './types.js';
import { poolFamily } from '../../knowledge/thread-names.js';

/** Fills counts, pools and stacks of a dump whose threads are read (counts may hold threads seen past the memory cap). */
export function summarizeDump(dump: ThreadDump): ThreadDump {
  const c = dump.counts;
  const pools = new Map<string, ThreadPoolGroup>();
  const stacks = new Map<string, StackGroup & { states: Map<ThreadState | undefined, number> }>();
  // Before JDK 8 no thread carries a "#id", and JDK 5 prints no Thread.State line: VM-internal threads
  // are then the ones with neither a state nor a frame.
  if (!dump.threads.some((t) => t.id !== undefined)) for (const t of dump.threads) t.internal = t.state === undefined && t.frames.length === 0;
  dump.threads.forEach((t, i) => {
    c.total++;
    if (!t.virtual) c.platform++;
    if (t.daemon) c.daemon++;
    if (t.virtual) c.virtual++;
    if (t.internal) c.internal++;
    const state = t.state ?? 'unknown';
    c.byState[state] = (c.byState[state] ?? 0) + 1;

    let pool = pools.get(t.pool);
    if (!pool) {
      pool = { pool: t.pool, family: poolFamily(t.pool), count: 0, daemon: 0, idle: 0, states: {}, threads: [] };
      pools.set(t.pool, pool);
    }
    pool.count++;
    if (t.daemon) pool.daemon++;
    if (t.state === 'WAITING' || t.state === 'TIMED_WAITING') pool.idle++;
    pool.states[state] = (pool.states[state] ?? 0) + 1;
    pool.threads.push(i);

    if (t.frames.length > 0) {
      const key = t.frames.join('\n');
      let s = stacks.get(key);
      if (!s) {
        s = { frames: t.frames, count: 0, threads: [], states: new Map() };
        stacks.set(key, s);
      }
      s.count++;
      s.threads.push(i);
      s.states.set(t.state, (s.states.get(t.state) ?? 0) + 1);
    }
  });
  dump.pools = [...pools.values()].sort((a, b) => b.count - a.count || a.pool.localeCompare(b.pool));
  dump.stacks = [...stacks.values()]
    .filter((s) => s.count > 1)
    .sort((a, b) => b.count - a.count || a.threads[0] - b.threads[0])
    .map(({ states, ...s }) => {
      const top = [...states.entries()].sort((a, b) => b[1] - a[1])[0];
      return top && top[0] !== undefined ? { ...s, state: top[0] } : s;
    });
  return dump;
}
