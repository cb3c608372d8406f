// The JVM's system properties, read from the heap: HotSpot dumps have no record for them (unlike
// IBM's), but they are ordinary objects — java.lang.System's static `props` (System.java), a
// java.util.Properties whose entries live in a ConcurrentHashMap `map` (JDK 9+, Properties.java) or,
// on JDK 8, in Hashtable's own `table` of Hashtable$Entry. Keys and values are Strings: `value` is a
// byte[] with `coder` 0 = Latin-1, 1 = UTF-16 (JDK 9+ compact strings, String.java), or a char[] (JDK 8).
//
// Only the few hundred objects below `props` are read back from the dump (field-values.ts); which ones
// is found on the reference graph, through objects of the classes that make up a Properties only.

import { TYPE } from '../hprof/constants.js';
import type { HeapIndex } from '../hprof/heap-index.js';
import { fieldValue, type ObjectRecords } from './field-values.js';

const STRUCTURE = [
  'java/util/Properties', 'java/util/concurrent/ConcurrentHashMap', '[Ljava/util/concurrent/ConcurrentHashMap$Node;',
  'java/util/concurrent/ConcurrentHashMap$Node', 'java/util/Hashtable', '[Ljava/util/Hashtable$Entry;', 'java/util/Hashtable$Entry',
  'java/lang/String', '[B', '[C',
];
/** More than any real JVM's properties need (a few hundred objects); a bound on the walk. */
const MAX_OBJECTS = 100_000;

/** The id of the Properties in java.lang.System's static `props`, or 0. */
export function systemPropsId(index: HeapIndex): number {
  const system = index.classes.find((k) => k.jvmName === 'java/lang/System');
  return system?.staticFields.find((f) => f.name === 'props')?.objectValue ?? 0;
}

/** Ordinals of the objects below `start` (itself included) made of Properties' classes, by BFS. */
export function propertiesObjects(index: HeapIndex, start: number, firstEdge: Uint32Array, edgeTarget: Uint32Array): number[] {
  const allowed = new Uint8Array(index.classes.length);
  for (const k of index.classes) if (STRUCTURE.includes(k.jvmName)) allowed[k.index] = 1;
  const n = index.objectCount;
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length && queue.length < MAX_OBJECTS; head++) {
    const v = queue[head];
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
      const w = edgeTarget[e];
      if (w < n && !seen.has(w) && allowed[index.objectClass[w]] === 1) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return queue;
}

/** Decodes the properties from the records of `propertiesObjects`; ordinalOf maps their ids. */
export function decodeSystemProperties(index: HeapIndex, records: ObjectRecords, propsOrdinal: number, ordinalOf: Map<number, number>): Record<string, string> | undefined {
  const field = (id: number, declaring: string, name: string) => {
    const o = ordinalOf.get(id);
    return o === undefined ? undefined : fieldValue(index, index.objectClass[o], records.get(o), { declaring, field: name });
  };
  const elements = (id: number) => {
    const r = ordinalOf.has(id) ? records.get(ordinalOf.get(id)!) : undefined;
    return r?.kind === 'objArray' ? r.elements : [];
  };
  const text = (id: number): string | undefined => {
    const valueId = field(id, 'java/lang/String', 'value');
    const r = valueId ? records.get(ordinalOf.get(valueId) ?? -1) : undefined;
    if (r?.kind !== 'primArray') return undefined;
    if (r.type === TYPE.CHAR) return Buffer.from(r.data).swap16().toString('utf16le'); // HPROF writes chars big-endian
    return field(id, 'java/lang/String', 'coder') === 1 ? r.data.toString('utf16le') : r.data.toString('latin1');
  };
  const propsId = index.objectIds.idOf(propsOrdinal);
  // JDK 9+: Properties.map (a ConcurrentHashMap); JDK 8: Properties is a Hashtable.
  const map = field(propsId, 'java/util/Properties', 'map');
  const [tableId, entryClass, valueField] = map
    ? [field(map, 'java/util/concurrent/ConcurrentHashMap', 'table'), 'java/util/concurrent/ConcurrentHashMap$Node', 'val']
    : [field(propsId, 'java/util/Hashtable', 'table'), 'java/util/Hashtable$Entry', 'value'];
  if (!tableId) return undefined;
  const out: Record<string, string> = {};
  let entries = 0;
  for (const head of elements(tableId)) {
    for (let e = head, guard = 0; e !== 0 && guard < MAX_OBJECTS; e = field(e, entryClass, 'next') ?? 0, guard++) {
      const k = field(e, entryClass, 'key');
      const v = field(e, entryClass, valueField);
      const key = k ? text(k) : undefined;
      const value = v ? text(v) : undefined;
      if (key !== undefined && value !== undefined) {
        out[key] = value;
        entries++;
      }
    }
  }
  if (entries === 0) return undefined;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
