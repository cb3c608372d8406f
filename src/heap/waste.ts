// Where memory is wasted (MAT's "duplicate strings", "collections fill ratio", "boxed primitives" …)
// and the histogram grouped by package and by class loader. Two more streaming reads of the dump:
//   A  field values of Strings, collections, DirectByteBuffers (by ordinal, as the other passes
//      count them) and the zero bytes of big primitive arrays;
//   B  only the arrays A asked for, by id: String contents hashed (and a short preview kept),
//      collections' backing-array lengths.
// Owners are the references of the shortest paths from the GC roots (model.parents), named like
// every other path step (lazy-names.ts). Only reachable objects count: the rest is garbage.

import { fieldOffset } from '../graph/edge-pass.js';
import { CLASS_CLASS_INDEX, type HeapIndex } from '../hprof/heap-index.js';
import { TYPE, typeSize } from '../hprof/constants.js';
import { readHprof } from '../hprof/read-dump.js';
import type { HprofVisitor } from '../hprof/record-parser.js';
import type { ProgressSink } from '../util/progress.js';
import type { BoxedWaste, CollectionWaste, DuplicateString, GroupRow, HeapReport, HeapWaste, WasteOwner } from '../model/heap-report.js';
import { javaClassName } from './class-names.js';
import { subclassesOf } from './class-loaders.js';
import { ModelNames } from './lazy-names.js';
import type { HeapModel } from './model.js';
import { hexId } from './queries.js';

const ZERO_ARRAY_MIN_BYTES = 1024;
const ZERO_SHARE = 0.9;
const SPARSE_FILL = 0.25;
const TOP = 20;
/** Objects per group whose owner is counted (owners repeat: one named reference serves many). */
const OWNER_SAMPLE = 20_000;
const PREVIEW_BYTES = 160;

const enum Role { None, String, HashMap, Hashtable, ConcurrentHashMap, ArrayList, Vector, DirectBuffer, Box }

const BOXES: Record<string, number> = {
  'java/lang/Integer': 4, 'java/lang/Long': 8, 'java/lang/Short': 2, 'java/lang/Byte': 1,
  'java/lang/Character': 2, 'java/lang/Float': 4, 'java/lang/Double': 8, 'java/lang/Boolean': 1,
};

interface CollectionSpec { role: Role; base: string; array: [string, string]; size: [string, string] }
const COLLECTIONS: CollectionSpec[] = [
  { role: Role.HashMap, base: 'java/util/HashMap', array: ['java/util/HashMap', 'table'], size: ['java/util/HashMap', 'size'] },
  { role: Role.Hashtable, base: 'java/util/Hashtable', array: ['java/util/Hashtable', 'table'], size: ['java/util/Hashtable', 'count'] },
  { role: Role.ConcurrentHashMap, base: 'java/util/concurrent/ConcurrentHashMap', array: ['java/util/concurrent/ConcurrentHashMap', 'table'], size: ['java/util/concurrent/ConcurrentHashMap', 'baseCount'] },
  { role: Role.ArrayList, base: 'java/util/ArrayList', array: ['java/util/ArrayList', 'elementData'], size: ['java/util/ArrayList', 'size'] },
  { role: Role.Vector, base: 'java/util/Vector', array: ['java/util/Vector', 'elementData'], size: ['java/util/Vector', 'elementCount'] },
];

export async function analyzeWaste(m: HeapModel, report: HeapReport, progress: ProgressSink, chunkSize?: number): Promise<HeapWaste> {
  const index = m.index;
  const idSize = index.idSize;
  const nClasses = index.classes.length;
  const role = new Uint8Array(nClasses);
  const arrayOff = new Int32Array(nClasses).fill(-1);
  const sizeOff = new Int32Array(nClasses).fill(-1);
  const strValueOff = new Int32Array(nClasses).fill(-1);
  const strCoderOff = new Int32Array(nClasses).fill(-1);
  const capOff = new Int32Array(nClasses).fill(-1);
  const cleanerOff = new Int32Array(nClasses).fill(-1);
  for (const k of index.classes) {
    if (k.kind !== 0) continue;
    if (k.jvmName === 'java/lang/String') {
      role[k.index] = Role.String;
      strValueOff[k.index] = fieldOffset(index, k.index, 'java/lang/String', 'value');
      strCoderOff[k.index] = fieldOffset(index, k.index, 'java/lang/String', 'coder');
    } else if (BOXES[k.jvmName] !== undefined) role[k.index] = Role.Box;
  }
  for (const spec of COLLECTIONS) {
    const sub = subclassesOf(index, spec.base);
    for (let ci = 0; ci < nClasses; ci++) {
      if (!sub[ci] || role[ci] !== Role.None || index.classes[ci].kind !== 0) continue;
      const a = fieldOffset(index, ci, spec.array[0], spec.array[1]);
      const s = fieldOffset(index, ci, spec.size[0], spec.size[1]);
      if (a < 0 || s < 0) continue;
      role[ci] = spec.role;
      arrayOff[ci] = a;
      sizeOff[ci] = s;
    }
  }
  const dbb = subclassesOf(index, 'java/nio/DirectByteBuffer');
  for (let ci = 0; ci < nClasses; ci++) {
    if (!dbb[ci] || index.classes[ci].kind !== 0) continue;
    const c = fieldOffset(index, ci, 'java/nio/Buffer', 'capacity');
    if (c < 0) continue;
    role[ci] = Role.DirectBuffer;
    capOff[ci] = c;
    cleanerOff[ci] = fieldOffset(index, ci, 'java/nio/DirectByteBuffer', 'cleaner');
  }
  const readId = (buf: Buffer, p: number) => (idSize === 4 ? buf.readUInt32BE(p) : buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4));
  const reachable = (o: number) => m.idom[o] >= 0;

  // --- pass A ---
  const strOrd: number[] = [];
  const strCoder: number[] = [];
  const wantString = new Map<number, number[]>(); // value array id → string indexes
  const collOrd: number[] = [];
  const collSize: number[] = [];
  const collArrayLen: number[] = [];
  const wantCollection = new Map<number, number[]>(); // backing array id → collection indexes
  const buffers: { ord: number; capacity: number; owns: boolean }[] = [];
  const zero: { ord: number; bytes: number }[] = [];
  let ordinal = 0;
  const n = m.n;
  const objectClass = index.objectClass;
  const visitA: HprofVisitor = {
    classDump() {
      ordinal++;
    },
    instance(_id, _classId, buf, start) {
      if (ordinal >= n) return;
      const o = ordinal++;
      const ci = objectClass[o];
      const r = role[ci];
      if (r === Role.None || r === Role.Box) return;
      if (r === Role.DirectBuffer) {
        // Unreachable ones too: their native memory is freed only when a GC runs their cleaner.
        buffers.push({ ord: o, capacity: buf.readInt32BE(start + capOff[ci]), owns: cleanerOff[ci] < 0 || readId(buf, start + cleanerOff[ci]) !== 0 });
        return;
      }
      if (!reachable(o)) return;
      if (r === Role.String) {
        if (strValueOff[ci] < 0) return;
        const v = readId(buf, start + strValueOff[ci]);
        if (v === 0) return;
        const k = strOrd.length;
        strOrd.push(o);
        strCoder.push(strCoderOff[ci] >= 0 ? buf[start + strCoderOff[ci]] : -1);
        const list = wantString.get(v);
        if (list) list.push(k);
        else wantString.set(v, [k]);
      } else {
        const a = readId(buf, start + arrayOff[ci]);
        const k = collOrd.length;
        collOrd.push(o);
        collSize.push(buf.readInt32BE(start + sizeOff[ci]));
        collArrayLen.push(-1);
        if (a !== 0) {
          const list = wantCollection.get(a);
          if (list) list.push(k);
          else wantCollection.set(a, [k]);
        }
      }
    },
    objArray() {
      if (ordinal < n) ordinal++;
      return false;
    },
    primArray(_id, type, length) {
      if (ordinal >= n) return false;
      const o = ordinal++;
      return length * typeSize(type, idSize) >= ZERO_ARRAY_MIN_BYTES && reachable(o) ? (current = o, true) : false;
    },
    primArrayBody(_id, _type, buf, start, byteLength) {
      let zeros = 0;
      for (let i = start, end = start + byteLength; i < end; i++) if (buf[i] === 0) zeros++;
      if (zeros >= ZERO_SHARE * byteLength) zero.push({ ord: current, bytes: m.shallow.sizeOf(current) });
    },
  };
  let current = -1;
  await readHprof(m.file, visitA, { progress, chunkSize, phase: 'Looking for wasted memory' });

  // --- pass B: the arrays asked for ---
  const strLen = new Int32Array(strOrd.length).fill(-1);
  const strArrayBytes = new Float64Array(strOrd.length);
  const strType = new Uint8Array(strOrd.length);
  const strHash = new Array<string>(strOrd.length);
  const preview = new Map<number, Buffer>(); // string index of the first of its content → bytes
  let bOrdinal = 0;
  const visitB: HprofVisitor = {
    classDump() {
      bOrdinal++;
    },
    instance() {
      bOrdinal++;
    },
    objArray(id, _c, length) {
      const o = bOrdinal++;
      const list = wantCollection.get(id);
      if (list) for (const k of list) collArrayLen[k] = o < n ? length : -1;
      return false;
    },
    primArray(id, type, length) {
      const o = bOrdinal++;
      const list = wantString.get(id);
      if (!list) return false;
      for (const k of list) {
        strLen[k] = length;
        strType[k] = type;
        strArrayBytes[k] = o < n ? m.shallow.sizeOf(o) : 0;
      }
      return true;
    },
    primArrayBody(id, _type, buf, start, byteLength) {
      const list = wantString.get(id)!;
      // Two 32-bit FNV-1a variants: a collision of both on equal lengths is not a practical concern.
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193;
      for (let i = start, end = start + byteLength; i < end; i++) {
        h1 = Math.imul(h1 ^ buf[i], 0x01000193);
        h2 = Math.imul(h2 ^ buf[i], 0x5bd1e995);
      }
      const key = `${byteLength}:${h1 >>> 0}:${h2 >>> 0}`;
      for (const k of list) strHash[k] = key;
      if (!preview.has(list[0])) preview.set(list[0], Buffer.from(buf.subarray(start, start + Math.min(byteLength, PREVIEW_BYTES))));
    },
  };
  await readHprof(m.file, visitB, { progress, chunkSize, phase: 'Reading strings' });

  const names = new ModelNames(m, { labels: [], threadNames: [], loaderFields: [] });
  const ownerSets: number[][] = [];
  const need = new Map<number, number[]>();
  // The owner of o: the reference into the first object up its path that is not a collection's
  // insides (arrays, java.util nodes and the collections themselves) — "static field CACHE of X"
  // says more than "Object[][17]".
  const internal = (o: number) => {
    const k = index.classes[objectClass[o]];
    return k.kind === 1 || (k.jvmName.startsWith('java/util/') && objectClass[o] !== CLASS_CLASS_INDEX);
  };
  const ownerEdge = (o: number): [number, number] => {
    let c = o;
    for (let step = 0; step < 8; step++) {
      const p = m.parents[c];
      if (p < 0 || p === m.superRoot || !internal(p)) return [p, c];
      c = p;
    }
    return [m.parents[c], c];
  };
  const ask = (objs: number[]) => {
    for (const o of objs.slice(0, OWNER_SAMPLE)) {
      const [p, c] = ownerEdge(o);
      if (p < 0 || p === m.superRoot) continue;
      const id = index.objectIds.idOf(c);
      const list = need.get(p);
      if (!list) need.set(p, [id]);
      else if (list.length < 64 && !list.includes(id)) list.push(id);
    }
    ownerSets.push(objs);
  };

  // Duplicate strings.
  const groups = new Map<string, number[]>();
  for (let k = 0; k < strOrd.length; k++) {
    const h = strHash[k];
    if (h === undefined) continue;
    const key = `${strType[k]}:${strCoder[k]}:${h}`;
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  }
  let dupWasted = 0;
  let dupStrings = 0;
  const dupGroups: { ks: number[]; wasted: number }[] = [];
  for (const ks of groups.values()) {
    if (ks.length < 2) continue;
    const per = m.shallow.sizeOf(strOrd[ks[0]]) + strArrayBytes[ks[0]];
    const wasted = (ks.length - 1) * per;
    dupWasted += wasted;
    dupStrings += ks.length;
    dupGroups.push({ ks, wasted });
  }
  dupGroups.sort((a, b) => b.wasted - a.wasted);
  const topDup = dupGroups.slice(0, TOP);
  for (const g of topDup) ask(g.ks.map((k) => strOrd[k]));

  // Collections.
  const byColl = new Map<string, { c: CollectionWaste; size: number; cap: number; wastedOrds: number[] }>();
  const ref = m.mode.compressedOops ? 4 : idSize;
  for (let k = 0; k < collOrd.length; k++) {
    const o = collOrd[k];
    const name = javaClassName(index.classes[objectClass[o]].jvmName);
    let e = byColl.get(name);
    if (!e) byColl.set(name, (e = { c: { className: name, instances: 0, empty: 0, sparse: 0, fillRatio: 0, wastedBytes: 0, owners: [] }, size: 0, cap: 0, wastedOrds: [] }));
    e.c.instances++;
    const cap = collArrayLen[k];
    if (cap <= 0) continue;
    const size = Math.max(0, Math.min(collSize[k], cap));
    e.size += size;
    e.cap += cap;
    if (size === 0) {
      e.c.empty++;
      e.c.wastedBytes += 16 + cap * ref;
      e.wastedOrds.push(o);
    } else if (size < SPARSE_FILL * cap) {
      e.c.sparse++;
      e.c.wastedBytes += (cap - size) * ref;
      e.wastedOrds.push(o);
    }
  }
  const colls = [...byColl.values()].filter((e) => e.c.empty + e.c.sparse > 0).sort((a, b) => b.c.wastedBytes - a.c.wastedBytes).slice(0, TOP);
  for (const e of colls) {
    e.c.fillRatio = e.cap > 0 ? Math.round((1000 * e.size) / e.cap) / 1000 : 0;
    ask(e.wastedOrds);
  }

  // Boxed primitives.
  const boxed = new Map<number, BoxedWaste>();
  const objArrayClass = (o: number) => o >= 0 && o < n && index.classes[objectClass[o]].kind === 1;
  const holderClass = (o: number) => {
    if (o < 0 || o >= n) return false;
    const j = index.classes[objectClass[o]].jvmName;
    return /(Node|Entry)$/.test(j) && j.startsWith('java/util/');
  };
  for (let o = 0; o < n; o++) {
    const ci = objectClass[o];
    if (role[ci] !== Role.Box || !reachable(o)) continue;
    let b = boxed.get(ci);
    if (!b) boxed.set(ci, (b = { className: javaClassName(index.classes[ci].jvmName), instances: 0, inCollections: 0, wastedBytes: 0 }));
    b.instances++;
    b.wastedBytes += m.shallow.sizeOf(o) - BOXES[index.classes[ci].jvmName];
    const p = m.parents[o];
    if (objArrayClass(p) || holderClass(p)) b.inCollections++;
  }

  // Zero arrays.
  const zeroBy = new Map<string, { className: string; arrays: number; bytes: number; ords: number[] }>();
  for (const z of zero) {
    const name = javaClassName(index.classes[objectClass[z.ord]].jvmName);
    let e = zeroBy.get(name);
    if (!e) zeroBy.set(name, (e = { className: name, arrays: 0, bytes: 0, ords: [] }));
    e.arrays++;
    e.bytes += z.bytes;
    e.ords.push(z.ord);
  }
  const zeroRows = [...zeroBy.values()].sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
  for (const z of zeroRows) ask(z.ords);

  // Direct buffers.
  const owning = buffers.filter((b) => b.owns && reachable(b.ord));
  const dead = buffers.filter((b) => b.owns && !reachable(b.ord));
  ask(owning.map((b) => b.ord));

  await names.ensure(need, progress);
  const ownerRows = (objs: number[], bytesOf: (o: number) => number): WasteOwner[] => {
    const by = new Map<string, WasteOwner>();
    for (const o of objs.slice(0, OWNER_SAMPLE)) {
      const [p, c] = ownerEdge(o);
      const field = p === m.superRoot ? 'GC root' : p < 0 ? '?' : ownerText(names.label(p, index.objectIds.idOf(c)) ?? '?', ownerClass(index, p));
      let r = by.get(field);
      if (!r) by.set(field, (r = { field, count: 0, bytes: 0 }));
      r.count++;
      r.bytes += bytesOf(o);
    }
    return [...by.values()].sort((a, b) => b.bytes - a.bytes || b.count - a.count).slice(0, 5);
  };
  const top: DuplicateString[] = topDup.map((g) => {
    const k0 = g.ks[0];
    return {
      text: decodePreview(preview.get(k0), strType[k0], strCoder[k0]),
      length: stringLength(strLen[k0], strType[k0], strCoder[k0]),
      count: g.ks.length,
      wastedBytes: g.wasted,
      owners: ownerRows(g.ks.map((k) => strOrd[k]), (o) => m.shallow.sizeOf(o)),
    };
  });
  for (const e of colls) e.c.owners = ownerRows(e.wastedOrds, (o) => m.retained[o]);

  const capacityOf = new Map(owning.map((b) => [b.ord, b.capacity]));

  return {
    duplicateStrings: { strings: dupStrings, distinct: dupGroups.length, wastedBytes: dupWasted, top },
    collections: colls.map((e) => e.c),
    boxed: [...boxed.values()].sort((a, b) => b.wastedBytes - a.wastedBytes),
    zeroArrays: {
      arrays: zero.length,
      bytes: zero.reduce((s, z) => s + z.bytes, 0),
      byClass: zeroRows.map((z) => ({ className: z.className, arrays: z.arrays, bytes: z.bytes, owners: ownerRows(z.ords, (o) => m.shallow.sizeOf(o)) })),
    },
    directBuffers: {
      reachable: owning.length,
      capacityBytes: owning.reduce((s, b) => s + b.capacity, 0),
      unreachable: dead.length,
      unreachableCapacityBytes: dead.reduce((s, b) => s + b.capacity, 0),
      owners: ownerRows(owning.map((b) => b.ord), (o) => capacityOf.get(o) ?? 0),
    },
    byPackage: byPackage(report),
    byClassLoader: byClassLoader(m),
  };
}

/** "static field X of Y" names its class already; "Foo.bar" gets "in Foo" only when it adds to it. */
function ownerText(label: string, cls: string): string {
  const l = label.replace(/\[\d+\]/g, '[]');
  return /^static field |^GC root/.test(l) || l.startsWith(cls.split('.').pop() + '.') ? l : `${l} of ${cls}`;
}

function ownerClass(index: HeapIndex, o: number): string {
  const ci = index.objectClass[o];
  if (ci === CLASS_CLASS_INDEX && index.objectAux[o] > 0) return `class ${javaClassName(index.classes[index.objectAux[o] - 1].jvmName)}`;
  return javaClassName(index.classes[ci].jvmName);
}

function stringLength(arrayLength: number, type: number, coder: number): number {
  return type === TYPE.BYTE && coder === 1 ? arrayLength >> 1 : arrayLength;
}

function decodePreview(b: Buffer | undefined, type: number, coder: number): string {
  if (!b) return '';
  let s: string;
  if (type === TYPE.CHAR) {
    // HPROF writes char[] big-endian.
    const sw = Buffer.from(b.subarray(0, b.length & ~1));
    sw.swap16();
    s = sw.toString('utf16le');
  } else if (coder === 1) s = b.subarray(0, b.length & ~1).toString('utf16le'); // UTF16 byte[]: the JVM's (little-endian) order
  else s = b.toString('latin1');
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

/** Histogram rows grouped by package (arrays by their element's package; primitive arrays apart). */
export function byPackage(r: HeapReport): GroupRow[] {
  const by = new Map<string, GroupRow>();
  for (const h of r.histogram) {
    const base = h.className.replace(/(\[\])+$/, '');
    const name = base !== h.className && !base.includes('.') ? '<primitive arrays>' : base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : '<default package>';
    let g = by.get(name);
    if (!g) by.set(name, (g = { name, classes: 0, instances: 0, shallowBytes: 0, retainedBytes: 0 }));
    g.classes++;
    g.instances += h.instances;
    g.shallowBytes += h.shallowBytes;
    g.retainedBytes += h.retainedBytes;
  }
  return [...by.values()].sort((a, b) => b.shallowBytes - a.shallowBytes).slice(0, 30);
}

/** Instances of the classes each loader defined (the boot loader as "<boot>"). */
export function byClassLoader(m: HeapModel): GroupRow[] {
  const index = m.index;
  const count = new Float64Array(index.classes.length);
  const bytes = new Float64Array(index.classes.length);
  for (let o = 0; o < m.n; o++) {
    const ci = index.objectClass[o];
    count[ci]++;
    bytes[ci] += m.shallow.sizeOf(o);
  }
  const by = new Map<number, GroupRow>();
  for (const k of index.classes) {
    let g = by.get(k.loaderId);
    if (!g) by.set(k.loaderId, (g = { name: k.loaderId === 0 ? '<boot>' : `${m.loaderNames.get(k.loaderId) ?? '?'} ${hexId(k.loaderId)}`, classes: 0, instances: 0, shallowBytes: 0, retainedBytes: 0 }));
    g.classes++;
    g.instances += count[k.index];
    g.shallowBytes += bytes[k.index];
    g.retainedBytes += m.classRetained[k.index] ?? 0;
  }
  return [...by.values()].sort((a, b) => b.shallowBytes - a.shallowBytes).slice(0, 30);
}
