// Thread dumps across the Case: which dumps came from the same JVM, in time order, so rules can compare
// a JVM with itself a minute later and the budget can take the latest thread count.

import type { Case } from '../evidence/case.js';
import type { ThreadDump, ThreadDumpReport } from '../parsers/thread-dump/types.js';
import type { LogReport } from '../parsers/log/types.js';

export interface DumpRef {
  file: string;
  dump: ThreadDump;
  /** Position in input order (files as given, dumps in file order). */
  order: number;
}

export interface JvmDumps {
  /** How the dumps were tied together: "Reference Handler tid=0x…", "pid 4242", or the file. */
  identity: string;
  /** Oldest first (see `orderedBy`). */
  dumps: DumpRef[];
  /**
   * How the dumps were ordered: by the age (`elapsed=`, JDK 11+) of the thread that identifies the JVM —
   * exact to the millisecond and immune to clock changes —, else by their printed timestamps, else as given.
   */
  orderedBy: 'thread uptime' | 'timestamp' | 'input order';
}

/**
 * Groups every thread dump of the Case by JVM. The native address of a thread created at VM start
 * ("Reference Handler", else "main") is the same in every dump of one process and differs between
 * processes, so it ties a jstack dump to a jcmd dump of the same JVM even when no PID is printed.
 */
export function threadDumpsByJvm(c: Case): JvmDumps[] {
  const jvms = new Map<string, JvmDumps>();
  let order = 0;
  // kill -3 dumps printed into a log (catalina.out) count as much as jstack files.
  const sources: { file: string; dumps: readonly ThreadDump[] }[] = [];
  for (const item of c.items) {
    if (item.kind === 'thread-dump') sources.push({ file: item.file, dumps: (item.data as ThreadDumpReport).dumps });
    else if (item.kind === 'log' && (item.data as LogReport).threadDumps) sources.push({ file: item.file, dumps: (item.data as LogReport).threadDumps! });
  }
  for (const item of sources) {
    for (const dump of item.dumps) {
      const identity = identityOf(dump, item.file);
      let j = jvms.get(identity);
      if (!j) {
        j = { identity, dumps: [], orderedBy: 'input order' };
        jvms.set(identity, j);
      }
      j.dumps.push({ file: item.file, dump, order: order++ });
    }
  }
  for (const j of jvms.values()) {
    const uptime = j.dumps.map((d) => identityThread(d.dump)?.elapsedSeconds);
    if (uptime.every((u) => u !== undefined)) {
      const age = new Map(j.dumps.map((d, i) => [d, uptime[i]!]));
      j.dumps.sort((a, b) => age.get(a)! - age.get(b)! || a.order - b.order);
      j.orderedBy = 'thread uptime';
    } else if (j.dumps.every((d) => d.dump.epochMs !== undefined)) {
      j.dumps.sort((a, b) => a.dump.epochMs! - b.dump.epochMs! || a.order - b.order);
      j.orderedBy = 'timestamp';
    }
  }
  return [...jvms.values()];
}

/** A thread created at VM start that lives as long as the JVM. */
function identityThread(dump: ThreadDump) {
  for (const name of ['Reference Handler', 'main']) {
    const t = dump.threads.find((x) => x.name === name && x.tid);
    if (t) return t;
  }
  return undefined;
}

function identityOf(dump: ThreadDump, file: string): string {
  const t = identityThread(dump);
  if (t) return `${t.name} tid=${t.tid}${dump.vmVersion ? ` on ${dump.vmVersion}` : ''}`;
  if (dump.pid !== undefined) return `pid ${dump.pid}`;
  return `file ${file}`;
}

/** The most recent dump of all: the newest of a single JVM, else the latest timestamp, else the last in input order. */
export function latestDump(c: Case): DumpRef | undefined {
  const jvms = threadDumpsByJvm(c);
  if (jvms.length === 1) return jvms[0].dumps[jvms[0].dumps.length - 1];
  const all = jvms.flatMap((j) => j.dumps);
  if (all.length === 0) return undefined;
  if (all.every((d) => d.dump.epochMs !== undefined)) return all.reduce((a, b) => (b.dump.epochMs! > a.dump.epochMs! || (b.dump.epochMs === a.dump.epochMs && b.order > a.order) ? b : a));
  return all.reduce((a, b) => (b.order > a.order ? b : a));
}
