// Reads the text of `jcmd <pid> GC.class_histogram` (also `jmap -histo`):
//    num     #instances         #bytes  class name (module)
//      1:          9299         410520  [B (java.base@17.0.15)
// Used by the tests that check our shallow sizes against the JVM's own, and usable as evidence.
// Reference: src/hotspot/share/memory/heapInspection.cpp (KlassInfoHisto::print_elements).

import { javaClassName } from './class-names.js';

export interface JcmdHistogramRow {
  className: string;
  instances: number;
  bytes: number;
}

/** Rows keyed by Java source class name, aggregated when a name appears twice (several loaders). */
export function parseJcmdHistogram(text: string): Map<string, JcmdHistogramRow> {
  const out = new Map<string, JcmdHistogramRow>();
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)/.exec(line);
    if (!m) continue;
    // jcmd prints `[Ljava.lang.Object;` with dots; normalise to the dump's slashes first.
    const name = javaClassName(m[3].replace(/\./g, '/'));
    const row = out.get(name) ?? { className: name, instances: 0, bytes: 0 };
    row.instances += Number(m[1]);
    row.bytes += Number(m[2]);
    out.set(name, row);
  }
  return out;
}
