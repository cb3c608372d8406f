// The HotSpot performance-data file (/tmp/hsperfdata_<user>/<pid>): the counters jstat prints, read
// without a JDK, without attaching, and still readable after the JVM died (an OOM-killed container leaves
// it behind). Layout, as read by the JDK's own reader (jdk.internal.jvmstat,
// sun.jvmstat.perfdata.monitor.v2_0.PerfDataBufferPrologue / PerfDataBuffer; written by HotSpot's
// perfMemory.hpp PerfDataPrologue and PerfDataEntry):
//   prologue (32 bytes): magic 0xCAFEC0C0 (always those bytes), byte_order (0 big, 1 little endian),
//     major 2, minor 0, accessible, used, overflow, mod_time_stamp (8), entry_offset, num_entries;
//   entries from entry_offset, each: entry_length, name_offset, vector_length, data_type (a JNI type
//     char: 'J' long, 'B' byte array …), flags, data_units (1 none, 2 bytes, 3 ticks, 4 events,
//     5 string, 6 hertz), data_variability (1 constant, 2 monotonic, 3 variable), data_offset — offsets
//     relative to the entry; a name is NUL-terminated; a string is a 'B' vector, NUL-padded.
// Column definitions of the jstat output produced here: jdk.jcmd sun/tools/jstat/resources/jstat_options.

export const PERFDATA_MAGIC = 0xcafec0c0;

export type PerfValue = bigint | string | number[];

export interface PerfEntry {
  name: string;
  type: string;
  units: number;
  variability: number;
  value: PerfValue;
}

export interface PerfData {
  major: number;
  minor: number;
  littleEndian: boolean;
  accessible: boolean;
  used: number;
  modTimeStamp: bigint;
  entries: Map<string, PerfEntry>;
  /** What could not be read (a truncated file, an entry pointing outside it); the entries before it are kept. */
  problems: string[];
}

export class PerfDataError extends Error {
  override name = 'PerfDataError';
}

export function looksLikePerfData(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0xca && head[1] === 0xfe && head[2] === 0xc0 && head[3] === 0xc0;
}

const UNITS_STRING = 5;

export function parsePerfData(buf: Uint8Array): PerfData {
  if (buf.length < 32) throw new PerfDataError(`${buf.length} bytes: shorter than the 32-byte hsperfdata prologue`);
  if (!looksLikePerfData(buf)) throw new PerfDataError('not an hsperfdata file (no CAFEC0C0 magic)');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const byteOrder = buf[4];
  if (byteOrder !== 0 && byteOrder !== 1) throw new PerfDataError(`unknown byte order ${byteOrder}`);
  const le = byteOrder === 1;
  const major = buf[5];
  const minor = buf[6];
  if (major !== 2) throw new PerfDataError(`hsperfdata version ${major}.${minor}: only 2.0 (JDK 1.5+) is read`);
  const used = view.getInt32(8, le);
  const entryOffset = view.getInt32(24, le);
  const numEntries = view.getInt32(28, le);
  const entries = new Map<string, PerfEntry>();
  const problems: string[] = [];
  const end = Math.min(buf.length, used > 0 ? used : buf.length);
  let off = entryOffset;
  for (let i = 0; i < numEntries; i++) {
    if (off + 20 > end) { problems.push(`entry ${i} of ${numEntries} lies past the ${end} bytes in use: the file is truncated`); break; }
    const length = view.getInt32(off, le);
    const nameOffset = view.getInt32(off + 4, le);
    const vectorLength = view.getInt32(off + 8, le);
    const type = String.fromCharCode(buf[off + 12]);
    const units = buf[off + 14];
    const variability = buf[off + 15];
    const dataOffset = view.getInt32(off + 16, le);
    if (length > 0 && off + length > buf.length) {
      problems.push(`entry ${i} of ${numEntries} runs past the end of the file (${buf.length} bytes): the file is truncated; ${entries.size} entries read`);
      break;
    }
    if (length <= 0 || off + length > end || nameOffset >= length || dataOffset >= length) {
      problems.push(`entry ${i} at byte ${off} is malformed (length ${length}); ${entries.size} entries read`);
      break;
    }
    const nameStart = off + nameOffset;
    let nameEnd = nameStart;
    while (nameEnd < off + length && buf[nameEnd] !== 0) nameEnd++;
    const name = latin1(buf, nameStart, nameEnd);
    const d = off + dataOffset;
    let value: PerfValue;
    if (vectorLength === 0) {
      value = type === 'J' ? view.getBigInt64(d, le) : type === 'I' ? BigInt(view.getInt32(d, le)) : BigInt(buf[d]);
    } else if (type === 'B') {
      let e = d;
      const max = Math.min(d + vectorLength, off + length);
      if (units === UNITS_STRING) {
        while (e < max && buf[e] !== 0) e++;
        value = utf8(buf, d, e);
      } else {
        value = Array.from(buf.subarray(d, max));
      }
    } else {
      value = [];
    }
    entries.set(name, { name, type, units, variability, value });
    off += length;
  }
  return { major, minor, littleEndian: le, accessible: buf[7] !== 0, used, modTimeStamp: view.getBigInt64(16, le), entries, problems };
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
  return s;
}

function utf8(buf: Uint8Array, start: number, end: number): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(start, end));
}

export function counter(pd: PerfData, name: string): bigint | undefined {
  const v = pd.entries.get(name)?.value;
  return typeof v === 'bigint' ? v : undefined;
}

export function text(pd: PerfData, name: string): string | undefined {
  const v = pd.entries.get(name)?.value;
  return typeof v === 'string' ? v : undefined;
}

// --- jstat ------------------------------------------------------------------------------------------

interface Column {
  header: string;
  /** Returns undefined when a counter is missing (jstat prints "-"). */
  value(pd: PerfData): number | undefined;
  decimals: number;
}

const kb = (name: string) => (pd: PerfData) => {
  const v = counter(pd, name);
  return v === undefined ? undefined : Number(v) / 1024;
};
const raw = (name: string) => (pd: PerfData) => {
  const v = counter(pd, name);
  return v === undefined ? undefined : Number(v);
};
const seconds = (...names: string[]) => (pd: PerfData) => {
  const f = counter(pd, 'sun.os.hrt.frequency');
  let sum = 0n;
  for (const n of names) {
    const v = counter(pd, n);
    if (v === undefined) return undefined;
    sum += v;
  }
  return f === undefined || f === 0n ? undefined : Number(sum) / Number(f);
};

const K = (header: string, name: string): Column => ({ header, value: kb(name), decimals: 1 });
const N = (header: string, name: string): Column => ({ header, value: raw(name), decimals: 0 });
const T = (header: string, ...names: string[]): Column => ({ header, value: seconds(...names), decimals: 3 });

export const JSTAT_OPTIONS = {
  gccapacity: [
    K('NGCMN', 'sun.gc.generation.0.minCapacity'), K('NGCMX', 'sun.gc.generation.0.maxCapacity'), K('NGC', 'sun.gc.generation.0.capacity'),
    K('S0C', 'sun.gc.generation.0.space.1.capacity'), K('S1C', 'sun.gc.generation.0.space.2.capacity'), K('EC', 'sun.gc.generation.0.space.0.capacity'),
    K('OGCMN', 'sun.gc.generation.1.minCapacity'), K('OGCMX', 'sun.gc.generation.1.maxCapacity'), K('OGC', 'sun.gc.generation.1.capacity'),
    K('OC', 'sun.gc.generation.1.space.0.capacity'),
    K('MCMN', 'sun.gc.metaspace.minCapacity'), K('MCMX', 'sun.gc.metaspace.maxCapacity'), K('MC', 'sun.gc.metaspace.capacity'),
    K('CCSMN', 'sun.gc.compressedclassspace.minCapacity'), K('CCSMX', 'sun.gc.compressedclassspace.maxCapacity'), K('CCSC', 'sun.gc.compressedclassspace.capacity'),
    N('YGC', 'sun.gc.collector.0.invocations'), N('FGC', 'sun.gc.collector.1.invocations'), N('CGC', 'sun.gc.collector.2.invocations'),
  ],
  gc: [
    K('S0C', 'sun.gc.generation.0.space.1.capacity'), K('S1C', 'sun.gc.generation.0.space.2.capacity'),
    K('S0U', 'sun.gc.generation.0.space.1.used'), K('S1U', 'sun.gc.generation.0.space.2.used'),
    K('EC', 'sun.gc.generation.0.space.0.capacity'), K('EU', 'sun.gc.generation.0.space.0.used'),
    K('OC', 'sun.gc.generation.1.space.0.capacity'), K('OU', 'sun.gc.generation.1.space.0.used'),
    K('MC', 'sun.gc.metaspace.capacity'), K('MU', 'sun.gc.metaspace.used'),
    K('CCSC', 'sun.gc.compressedclassspace.capacity'), K('CCSU', 'sun.gc.compressedclassspace.used'),
    N('YGC', 'sun.gc.collector.0.invocations'), T('YGCT', 'sun.gc.collector.0.time'),
    N('FGC', 'sun.gc.collector.1.invocations'), T('FGCT', 'sun.gc.collector.1.time'),
    N('CGC', 'sun.gc.collector.2.invocations'), T('CGCT', 'sun.gc.collector.2.time'),
    { header: 'GCT', decimals: 3, value: (pd) => {
      // jstat sums the collectors that exist (a Serial/Parallel JVM has no collector.2).
      const names = ['sun.gc.collector.0.time', 'sun.gc.collector.1.time', 'sun.gc.collector.2.time'].filter((n) => counter(pd, n) !== undefined);
      return names.length ? seconds(...names)(pd) : undefined;
    } },
  ],
} satisfies Record<string, Column[]>;

export type JstatOption = keyof typeof JSTAT_OPTIONS;

/** One row of numbers as jstat computes them (undefined: counter absent, printed "-"). */
export function jstatRow(pd: PerfData, option: JstatOption): (number | undefined)[] {
  return JSTAT_OPTIONS[option].map((c) => c.value(pd));
}

/** `jstat -<option> <pid> <interval> <count>` output: one header, a row per sample, right-aligned. */
export function formatJstat(samples: PerfData[], option: JstatOption): string {
  const cols = JSTAT_OPTIONS[option];
  const cells = samples.map((pd) => cols.map((c) => {
    const v = c.value(pd);
    return v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(c.decimals);
  }));
  const widths = cols.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)) + 1);
  const line = (row: string[]) => row.map((s, i) => s.padStart(widths[i])).join(' ');
  return [line(cols.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Every counter as `name=value` lines (jcmd PerfCounter.print's shape), for the bundle. */
export function formatCounters(pd: PerfData): string {
  const lines: string[] = [];
  for (const e of pd.entries.values()) {
    const v = Array.isArray(e.value) ? `[${e.value.length} bytes]` : typeof e.value === 'string' ? `"${e.value}"` : e.value.toString();
    lines.push(`${e.name}=${v}`);
  }
  return lines.join('\n') + '\n';
}
