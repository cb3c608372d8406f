// Tomcat leak warnings as two rules read them (tomcat-classloader-leak groups them, log-timeline
// places them in time): shared here because rules never import rules.

import type { Facts } from './facts.js';

/**
 * Warnings within this many ms of each other belong to one stop/reload of the webapp: Tomcat runs all
 * its checks for one stop back to back (milliseconds apart), while a reload and the next stop are a second or more apart.
 */
export const EVENT_GAP_MS = 1_000;

/**
 * Tomcat's console and file handlers write the same records to catalina.out and catalina.<date>.log:
 * the same warning (time, webapp, subject) in two files is one warning. Repeats within one file are
 * real (three ThreadLocals of one type are three warnings), so for each key we keep the occurrences of
 * the file that has the most of them.
 */
export function uniqueLeaks(leaks: Facts['leaks']): Facts['leaks'] {
  const byKey = new Map<string, Map<string, Facts['leaks']>>();
  const out: Facts['leaks'] = [];
  for (const item of leaks) {
    const l = item.leak;
    if (l.time === undefined) {
      out.push(item); // no timestamp: cannot tell repeats from duplicates
      continue;
    }
    const key = `${l.time}|${l.webapp}|${l.kind}|${l.threadName ?? ''}|${l.keyType ?? ''}|${l.valueType ?? ''}|${l.subject ?? ''}`;
    let files = byKey.get(key);
    if (!files) byKey.set(key, (files = new Map()));
    if (!files.has(item.file)) files.set(item.file, []);
    files.get(item.file)!.push(item);
  }
  for (const files of byKey.values()) {
    out.push(...[...files.values()].reduce((a, b) => (b.length > a.length ? b : a)));
  }
  return out.sort((a, b) => (a.leak.epochMs ?? 0) - (b.leak.epochMs ?? 0));
}
