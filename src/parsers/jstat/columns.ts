// Reference: jdk.jcmd jstat's option table, src/jdk.jcmd/share/classes/sun/tools/jstat/resources/jstat_options
// (JDK 9+), jdk8u jdk/src/share/classes/sun/tools/jstat/resources/jstat_options (JDK 8) and the JDK 7
// one (PermGen columns). Each option prints a fixed list of columns; this module is our own copy of
// that knowledge: which columns each option prints per JDK generation, and what each column means.

import type { JstatOption } from './types.js';

export type JstatColumnUnit = 'KB' | 'percent' | 'count' | 'seconds' | 'text' | 'bytes';

export interface JstatColumnInfo {
  /** Plain-English meaning, for the report (the seed's engineer needed a page of notes for these). */
  meaning: string;
  unit: JstatColumnUnit;
}

/** The column sets each option prints, per JDK generation. JDK 9 added CGC/CGCT; JDK 8 replaced PermGen (P*) by Metaspace (M*, CCS*). */
export const JSTAT_OPTION_COLUMNS: Record<Exclude<JstatOption, 'unknown'>, { jdk7?: string[]; jdk8?: string[]; jdk9?: string[] }> = {
  gc: {
    jdk7: ['S0C', 'S1C', 'S0U', 'S1U', 'EC', 'EU', 'OC', 'OU', 'PC', 'PU', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT'],
    jdk8: ['S0C', 'S1C', 'S0U', 'S1U', 'EC', 'EU', 'OC', 'OU', 'MC', 'MU', 'CCSC', 'CCSU', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT'],
    jdk9: ['S0C', 'S1C', 'S0U', 'S1U', 'EC', 'EU', 'OC', 'OU', 'MC', 'MU', 'CCSC', 'CCSU', 'YGC', 'YGCT', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT'],
  },
  gccapacity: {
    jdk7: ['NGCMN', 'NGCMX', 'NGC', 'S0C', 'S1C', 'EC', 'OGCMN', 'OGCMX', 'OGC', 'OC', 'PGCMN', 'PGCMX', 'PGC', 'PC', 'YGC', 'FGC'],
    jdk8: ['NGCMN', 'NGCMX', 'NGC', 'S0C', 'S1C', 'EC', 'OGCMN', 'OGCMX', 'OGC', 'OC', 'MCMN', 'MCMX', 'MC', 'CCSMN', 'CCSMX', 'CCSC', 'YGC', 'FGC'],
    jdk9: ['NGCMN', 'NGCMX', 'NGC', 'S0C', 'S1C', 'EC', 'OGCMN', 'OGCMX', 'OGC', 'OC', 'MCMN', 'MCMX', 'MC', 'CCSMN', 'CCSMX', 'CCSC', 'YGC', 'FGC', 'CGC'],
  },
  gcutil: {
    jdk7: ['S0', 'S1', 'E', 'O', 'P', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT'],
    jdk8: ['S0', 'S1', 'E', 'O', 'M', 'CCS', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT'],
    jdk9: ['S0', 'S1', 'E', 'O', 'M', 'CCS', 'YGC', 'YGCT', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT'],
  },
  gccause: {
    jdk7: ['S0', 'S1', 'E', 'O', 'P', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT', 'LGCC', 'GCC'],
    jdk8: ['S0', 'S1', 'E', 'O', 'M', 'CCS', 'YGC', 'YGCT', 'FGC', 'FGCT', 'GCT', 'LGCC', 'GCC'],
    jdk9: ['S0', 'S1', 'E', 'O', 'M', 'CCS', 'YGC', 'YGCT', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT', 'LGCC', 'GCC'],
  },
  gcnew: {
    jdk8: ['S0C', 'S1C', 'S0U', 'S1U', 'TT', 'MTT', 'DSS', 'EC', 'EU', 'YGC', 'YGCT'],
  },
  gcnewcapacity: {
    jdk8: ['NGCMN', 'NGCMX', 'NGC', 'S0CMX', 'S0C', 'S1CMX', 'S1C', 'ECMX', 'EC', 'YGC', 'FGC'],
    jdk9: ['NGCMN', 'NGCMX', 'NGC', 'S0CMX', 'S0C', 'S1CMX', 'S1C', 'ECMX', 'EC', 'YGC', 'FGC', 'CGC'],
  },
  gcold: {
    jdk7: ['PC', 'PU', 'OC', 'OU', 'YGC', 'FGC', 'FGCT', 'GCT'],
    jdk8: ['MC', 'MU', 'CCSC', 'CCSU', 'OC', 'OU', 'YGC', 'FGC', 'FGCT', 'GCT'],
    jdk9: ['MC', 'MU', 'CCSC', 'CCSU', 'OC', 'OU', 'YGC', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT'],
  },
  gcoldcapacity: {
    jdk8: ['OGCMN', 'OGCMX', 'OGC', 'OC', 'YGC', 'FGC', 'FGCT', 'GCT'],
    jdk9: ['OGCMN', 'OGCMX', 'OGC', 'OC', 'YGC', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT'],
  },
  gcmetacapacity: {
    jdk8: ['MCMN', 'MCMX', 'MC', 'CCSMN', 'CCSMX', 'CCSC', 'YGC', 'FGC', 'FGCT', 'GCT'],
    jdk9: ['MCMN', 'MCMX', 'MC', 'CCSMN', 'CCSMX', 'CCSC', 'YGC', 'FGC', 'FGCT', 'CGC', 'CGCT', 'GCT'],
  },
  gcpermcapacity: {
    jdk7: ['PGCMN', 'PGCMX', 'PGC', 'PC', 'YGC', 'FGC', 'FGCT', 'GCT'],
  },
  class: { jdk8: ['Loaded', 'Bytes', 'Unloaded', 'Bytes', 'Time'] },
  compiler: { jdk8: ['Compiled', 'Failed', 'Invalid', 'Time', 'FailedType', 'FailedMethod'] },
  printcompilation: { jdk8: ['Compiled', 'Size', 'Type', 'Method'] },
};

/** Columns whose cells are free text (possibly with spaces), always at the end of a row. */
export const JSTAT_TEXT_COLUMNS = new Set(['LGCC', 'GCC', 'FailedMethod', 'Method']);

/** The -t option's leading column (seconds since the JVM started). */
export const JSTAT_TIMESTAMP_COLUMN = 'Timestamp';

const KB = 'KB' as const;
const COLUMN_INFO: Record<string, JstatColumnInfo> = {
  S0C: { meaning: 'survivor space 0 capacity (current)', unit: KB },
  S1C: { meaning: 'survivor space 1 capacity (current)', unit: KB },
  S0U: { meaning: 'survivor space 0 used', unit: KB },
  S1U: { meaning: 'survivor space 1 used', unit: KB },
  EC: { meaning: 'Eden space capacity (current)', unit: KB },
  EU: { meaning: 'Eden space used', unit: KB },
  OC: { meaning: 'old space capacity (current)', unit: KB },
  OU: { meaning: 'old space used', unit: KB },
  MC: { meaning: 'Metaspace committed size (current capacity)', unit: KB },
  MU: { meaning: 'Metaspace used', unit: KB },
  CCSC: { meaning: 'compressed class space committed size (current capacity)', unit: KB },
  CCSU: { meaning: 'compressed class space used', unit: KB },
  PC: { meaning: 'permanent generation capacity (current; JDK 7 and older)', unit: KB },
  PU: { meaning: 'permanent generation used (JDK 7 and older)', unit: KB },
  YGC: { meaning: 'number of young-generation collections since the JVM started', unit: 'count' },
  YGCT: { meaning: 'total time spent in young-generation collections', unit: 'seconds' },
  FGC: { meaning: 'number of full collections (old generation; with CMS/G1 also concurrent-cycle pauses on JDK 8)', unit: 'count' },
  FGCT: { meaning: 'total time spent in full collections', unit: 'seconds' },
  CGC: { meaning: 'number of stop-the-world pauses of concurrent collections (e.g. G1 remark and cleanup; JDK 9+)', unit: 'count' },
  CGCT: { meaning: 'total time of the stop-the-world pauses of concurrent collections (JDK 9+)', unit: 'seconds' },
  GCT: { meaning: 'total garbage collection time (YGCT + FGCT, + CGCT on JDK 9+)', unit: 'seconds' },
  NGCMN: { meaning: 'new (young) generation minimum capacity', unit: KB },
  NGCMX: { meaning: 'new (young) generation maximum capacity', unit: KB },
  NGC: { meaning: 'new (young) generation current capacity', unit: KB },
  OGCMN: { meaning: 'old generation minimum capacity', unit: KB },
  OGCMX: { meaning: 'old generation maximum capacity', unit: KB },
  OGC: { meaning: 'old generation current capacity', unit: KB },
  MCMN: { meaning: 'Metaspace minimum capacity', unit: KB },
  MCMX: { meaning: 'Metaspace maximum capacity (the reserved address range; about 1 GB or more even without MaxMetaspaceSize)', unit: KB },
  CCSMN: { meaning: 'compressed class space minimum capacity', unit: KB },
  CCSMX: { meaning: 'compressed class space maximum capacity (CompressedClassSpaceSize, 1 GB by default)', unit: KB },
  PGCMN: { meaning: 'permanent generation minimum capacity (JDK 7 and older)', unit: KB },
  PGCMX: { meaning: 'permanent generation maximum capacity (MaxPermSize; JDK 7 and older)', unit: KB },
  PGC: { meaning: 'permanent generation current capacity (JDK 7 and older)', unit: KB },
  S0CMX: { meaning: 'survivor space 0 maximum capacity', unit: KB },
  S1CMX: { meaning: 'survivor space 1 maximum capacity', unit: KB },
  ECMX: { meaning: 'Eden space maximum capacity', unit: KB },
  S0: { meaning: 'survivor space 0 utilisation (% of its current capacity)', unit: 'percent' },
  S1: { meaning: 'survivor space 1 utilisation (% of its current capacity)', unit: 'percent' },
  E: { meaning: 'Eden space utilisation (% of its current capacity)', unit: 'percent' },
  O: { meaning: 'old space utilisation (% of its current capacity)', unit: 'percent' },
  M: { meaning: 'Metaspace utilisation (% of the committed size, not of MaxMetaspaceSize)', unit: 'percent' },
  CCS: { meaning: 'compressed class space utilisation (% of the committed size)', unit: 'percent' },
  P: { meaning: 'permanent generation utilisation (% of its current capacity; JDK 7 and older)', unit: 'percent' },
  LGCC: { meaning: 'cause of the last garbage collection (e.g. Allocation Failure, G1 Evacuation Pause, Metadata GC Threshold)', unit: 'text' },
  GCC: { meaning: 'cause of the collection in progress ("No GC" when none)', unit: 'text' },
  TT: { meaning: 'tenuring threshold: collections an object survives before promotion to the old generation', unit: 'count' },
  MTT: { meaning: 'maximum tenuring threshold (MaxTenuringThreshold)', unit: 'count' },
  DSS: { meaning: 'desired survivor size', unit: KB },
  Timestamp: { meaning: 'seconds since the JVM started, when the sample was taken (jstat -t)', unit: 'seconds' },
};

/** Per-option meanings where a column name means something else than in the GC options. */
const OPTION_COLUMN_INFO: Partial<Record<JstatOption, Record<string, JstatColumnInfo>>> = {
  class: {
    Loaded: { meaning: 'number of classes loaded', unit: 'count' },
    Bytes: { meaning: 'size of the classes loaded', unit: KB },
    Unloaded: { meaning: 'number of classes unloaded', unit: 'count' },
    UnloadedBytes: { meaning: 'size of the classes unloaded', unit: KB },
    Time: { meaning: 'time spent loading and unloading classes', unit: 'seconds' },
  },
  compiler: {
    Compiled: { meaning: 'number of JIT compilation tasks performed', unit: 'count' },
    Failed: { meaning: 'number of JIT compilation tasks that failed', unit: 'count' },
    Invalid: { meaning: 'number of JIT compilation tasks invalidated', unit: 'count' },
    Time: { meaning: 'time spent in JIT compilation', unit: 'seconds' },
    FailedType: { meaning: 'compile type of the last failed compilation', unit: 'count' },
    FailedMethod: { meaning: 'class and method of the last failed compilation', unit: 'text' },
  },
  printcompilation: {
    Compiled: { meaning: 'number of JIT compilation tasks performed by the most recently compiled method', unit: 'count' },
    Size: { meaning: 'bytecode size of the most recently compiled method', unit: 'bytes' },
    Type: { meaning: 'compilation type of the most recently compiled method', unit: 'count' },
    Method: { meaning: 'class and method name of the most recently compiled method', unit: 'text' },
  },
};

/**
 * What a column means, in plain words, with its unit. `column` is the unique key the parser uses
 * (`UnloadedBytes` for the second `Bytes` of -class). Undefined for a column we do not know.
 */
export function jstatColumnInfo(option: JstatOption, column: string): JstatColumnInfo | undefined {
  return OPTION_COLUMN_INFO[option]?.[column] ?? COLUMN_INFO[column];
}

/** Every column name any jstat option prints (for sniffing). */
export const JSTAT_COLUMN_NAMES: ReadonlySet<string> = new Set(
  Object.values(JSTAT_OPTION_COLUMNS).flatMap((v) => [...(v.jdk7 ?? []), ...(v.jdk8 ?? []), ...(v.jdk9 ?? [])]).concat([JSTAT_TIMESTAMP_COLUMN]),
);

export type JstatColumnSet = 'jdk7' | 'jdk8' | 'jdk9+';

/**
 * Which option printed a header, and for which JDK generation, by exact match of its column list
 * (the Timestamp column aside). `columnSet` is undefined when the option prints the same columns on
 * several generations (gcnew, class, compiler…); the option is 'unknown' when nothing matches.
 */
export function identifyJstatHeader(columns: string[]): { option: JstatOption; columnSet?: JstatColumnSet } {
  const cols = columns[0] === JSTAT_TIMESTAMP_COLUMN ? columns.slice(1) : columns;
  const key = cols.join(' ');
  for (const [option, sets] of Object.entries(JSTAT_OPTION_COLUMNS) as [Exclude<JstatOption, 'unknown'>, { jdk7?: string[]; jdk8?: string[]; jdk9?: string[] }][]) {
    const hits: JstatColumnSet[] = [];
    if (sets.jdk7?.join(' ') === key) hits.push('jdk7');
    if (sets.jdk8?.join(' ') === key) hits.push('jdk8');
    if (sets.jdk9?.join(' ') === key) hits.push('jdk9+');
    if (hits.length === 0) continue;
    // An option with one column list for all generations (gcnew, class…) says nothing about the JDK.
    const generations = [sets.jdk7, sets.jdk8, sets.jdk9].filter((s) => s !== undefined).length;
    return { option, columnSet: generations > 1 && hits.length === 1 ? hits[0] : undefined };
  }
  return { option: 'unknown' };
}
