// The header lines of a HotSpot thread dump.
// Reference: hotspot/share/runtime/threads.cpp (Threads::print_on: "Full thread dump %s (%s %s):"),
// javaThread.cpp / thread.cpp (JavaThread::print_on, Thread::print_on, os::print_... : the
// `"name" #id [os-tid] daemon prio= os_prio= cpu= elapsed= tid= nid= <os state> [<last Java sp>]` line;
// `#id` since JDK 8, `os_prio` since 8u, `cpu=`/`elapsed=` since 11, `[os-tid]` since 19,
// `allocated=`/`defined_classes=` with jstack -e), JDK 5–6 print the stack range `[0x…..0x…]`.

import type { JavaThread } from './types.js';

/** What a thread's header line says: the JavaThread fields it carries (types.ts documents them). */
export type ThreadHeader = Pick<
  JavaThread,
  'name' | 'id' | 'osThreadId' | 'daemon' | 'virtual' | 'priority' | 'osPriority' | 'cpuMs' | 'elapsedSeconds' | 'tid' | 'nid' | 'osState'
>;

/** Attributes that only a thread header carries after the quoted name (the deadlock report's `"name":` has none). */
const HEADER_ATTRIBUTES = /(?:^| )(?:#\d+|prio=\d|os_prio=|tid=0x|nid=)/;

/** Parses a `"name" #12 daemon prio=5 … tid=0x… nid=0x… waiting on condition [0x…]` line; undefined if it is not one. */
export function parseThreadHeader(text: string): ThreadHeader | undefined {
  if (text.charCodeAt(0) !== 0x22 /* " */) return undefined;
  // Attributes never contain a quote, so the last quote closes the name even when the name holds quotes.
  const close = text.lastIndexOf('"');
  if (close <= 0) return undefined;
  const rest = text.slice(close + 1);
  if (!HEADER_ATTRIBUTES.test(rest)) return undefined;
  const h: ThreadHeader = { name: text.slice(1, close), daemon: false, virtual: false };
  let stateStart = -1;
  const token = /\S+/g;
  for (let m = token.exec(rest); m; m = token.exec(rest)) {
    const t = m[0];
    const eq = t.indexOf('=');
    if (eq > 0) {
      const key = t.slice(0, eq);
      const value = t.slice(eq + 1);
      switch (key) {
        case 'prio': h.priority = Number(value); break;
        case 'os_prio': h.osPriority = Number(value); break;
        case 'cpu': h.cpuMs = parseFloat(value); break;
        case 'elapsed': h.elapsedSeconds = parseFloat(value); break;
        case 'tid': h.tid = value; break;
        case 'nid': h.nid = value; break;
      }
      stateStart = token.lastIndex;
    } else if (stateStart < 0) {
      if (/^#\d+$/.test(t)) h.id = Number(t.slice(1));
      else if (/^\[\d+\]$/.test(t)) h.osThreadId = Number(t.slice(1, -1));
      else if (t === 'daemon') h.daemon = true;
      else if (t === 'virtual') h.virtual = true;
    } else break;
  }
  if (stateStart >= 0) {
    const osState = rest.slice(stateStart).replace(/\[0x[0-9a-fA-F.x]*\]\s*$/, '').trim();
    if (osState) h.osState = osState;
  }
  for (const k of ['priority', 'osPriority', 'cpuMs', 'elapsedSeconds'] as const) if (Number.isNaN(h[k])) delete h[k];
  return h;
}

export interface VmHeader {
  vm: string;
  vmVersion?: string;
  javaFeature?: number;
}

const FULL_DUMP = /^Full thread dump (.*?):?\s*$/;

/** "Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):". */
export function parseFullDumpLine(text: string): VmHeader | undefined {
  const m = FULL_DUMP.exec(text);
  if (!m) return undefined;
  const vm = m[1];
  const v = /\(([^\s()]+)[^()]*\)$/.exec(vm);
  const header: VmHeader = { vm };
  if (v) {
    header.vmVersion = v[1];
    const feature = javaFeatureOf(v[1]);
    if (feature !== undefined) header.javaFeature = feature;
  }
  return header;
}

/**
 * The Java feature release from the VM version a dump prints: "1.6.0_03-b05" → 6, "17.0.15+6" → 17,
 * "25+36-LTS" → 25. JDK 7 and 8 print HotSpot's own version ("25.91-b14" is HotSpot 25 = JDK 8,
 * HotSpot 21–24 shipped with JDK 7); older HotSpot numbers ("11.0-b15") map to several JDKs: undefined.
 */
export function javaFeatureOf(vmVersion: string): number | undefined {
  let m = /^1\.(\d+)\./.exec(vmVersion);
  if (m) return Number(m[1]);
  m = /^(\d+)\.\d+-b\d+$/.exec(vmVersion);
  if (m) {
    const hs = Number(m[1]);
    return hs === 25 ? 8 : hs >= 21 && hs <= 24 ? 7 : undefined;
  }
  m = /^(\d+)(?:[.+-]|$)/.exec(vmVersion);
  if (m && Number(m[1]) >= 9) return Number(m[1]);
  return undefined;
}

/** jstack/jcmd print the VM's local time before the header: "2026-11-24 21:39:20". */
export const DUMP_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\s*$/;

/** The local time read as UTC: only the differences between dumps matter. */
export function timestampMs(text: string): number | undefined {
  const m = DUMP_TIMESTAMP.exec(text) ?? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?Z$/.exec(text.trim());
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
