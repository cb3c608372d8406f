// Pass 3 (only for the few objects a report shows): read the dump once more to name references
// ("ArrayList.elementData", "Object[][123]", "static field ORDERS of BigGraph") and to read the
// characters of a few strings (thread names), and to copy the records of a few objects whose field
// values the report needs (field-values.ts: Tomcat loaders' state, System.props). The graph keeps no
// field names per edge — that would cost 4 bytes per reference — so names are recovered from the
// records on demand, all in this one read.

import { TYPE } from '../hprof/constants.js';
import type { HeapIndex } from '../hprof/heap-index.js';
import { readHprof, type ReadOptions } from '../hprof/read-dump.js';
import type { HprofVisitor } from '../hprof/record-parser.js';
import { fieldOffset } from '../graph/edge-pass.js';
import type { ObjectRecords } from './field-values.js';
import { arrayClassLabel, arrayElementLabel, classReferenceLabel, instanceReferenceLabel } from './labels.js';

export { simpleName } from './labels.js';

export interface NamingRequest {
  /** parent ordinal → ids of the children whose reference we want named. */
  edges: Map<number, number[]>;
  /** ids of java.lang.String objects whose text we want (thread names). */
  strings: Set<number>;
  /** ordinals whose records to copy (see field-values.ts). */
  records?: Iterable<number>;
}

export interface NamingResult {
  /** `${parentOrdinal}:${childId}` → label. */
  labels: Map<string, string>;
  /** String object id → its text. */
  strings: Map<number, string>;
  /** The copied records, by ordinal. */
  records: ObjectRecords;
}

export async function nameReferences(path: string, index: HeapIndex, req: NamingRequest, opts: ReadOptions = {}): Promise<NamingResult> {
  const labels = new Map<string, string>();
  const strings = new Map<number, string>();
  const idSize = index.idSize;
  const n = index.objectCount;
  const wanted = new Uint8Array(n);
  for (const o of req.edges.keys()) if (o >= 0 && o < n) wanted[o] = 1;
  const records: ObjectRecords = new Map();
  const recordWanted = new Uint8Array(n);
  for (const o of req.records ?? []) if (o >= 0 && o < n) recordWanted[o] = 1;
  let recordElements: number[] | null = null;
  let recordPrim = -1;
  let ordinal = 0;
  // String → value array: usually the array follows its String (allocated right after it), so both
  // are read in this pass; otherwise one more pass picks up the arrays that came first.
  const stringClass = index.classes.findIndex((k) => k.jvmName === 'java/lang/String');
  const valueOffset = stringClass < 0 ? -1 : fieldOffset(index, stringClass, 'java/lang/String', 'value');
  const coderOffset = stringClass < 0 ? -1 : fieldOffset(index, stringClass, 'java/lang/String', 'coder');
  const valueOf = new Map<number, { stringId: number; coder: number }>();
  let arrayParent = -1;
  let arrayIndex = 0;
  let arrayTargets: Set<number> | null = null;
  const readId = (buf: Buffer, p: number) =>
    idSize === 4 ? buf.readUInt32BE(p) : buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4);
  const set = (parent: number, child: number, label: string) => {
    const key = `${parent}:${child}`;
    if (!labels.has(key)) labels.set(key, label);
  };

  const visitor: HprofVisitor = {
    classDump(c) {
      const o = ordinal++;
      if (!wanted[o]) return;
      const ci = index.classIdToIndex.get(c.classId);
      const k = ci === undefined ? undefined : index.classes[ci];
      for (const child of req.edges.get(o)!) set(o, child, classReferenceLabel(index.classes, k, child));
    },
    instance(id, _classId, buf, start, length) {
      const o = ordinal++;
      if (recordWanted[o]) records.set(o, { kind: 'instance', data: Buffer.from(buf.subarray(start, start + length)) });
      if (index.objectClass[o] === stringClass && valueOffset >= 0 && req.strings.has(id)) {
        valueOf.set(readId(buf, start + valueOffset), { stringId: id, coder: coderOffset >= 0 ? buf[start + coderOffset] : -1 });
      }
      if (!wanted[o]) return;
      const ci = index.objectClass[o];
      const isThread = index.threads.some((t) => t.id === id);
      for (const child of req.edges.get(o)!) set(o, child, instanceReferenceLabel(index, ci, buf, start, length, child, isThread));
    },
    objArray() {
      const o = ordinal++;
      if (recordWanted[o]) {
        recordElements = [];
        records.set(o, { kind: 'objArray', elements: recordElements });
      }
      if (!wanted[o]) return recordWanted[o] === 1;
      arrayParent = o;
      arrayIndex = 0;
      arrayTargets = new Set(req.edges.get(o)!);
      const k = index.classes[index.objectClass[o]];
      if (k.classId !== 0 && arrayTargets.has(k.classId)) set(o, k.classId, arrayClassLabel(k));
      return true;
    },
    objArrayElements(buf, start, count) {
      if (recordElements !== null) for (let i = 0; i < count; i++) recordElements.push(readId(buf, start + i * idSize));
      if (arrayTargets === null) return;
      const k = index.classes[index.objectClass[arrayParent]];
      for (let i = 0; i < count; i++, arrayIndex++) {
        const v = readId(buf, start + i * idSize);
        if (v !== 0 && arrayTargets.has(v)) set(arrayParent, v, arrayElementLabel(k, arrayIndex));
      }
    },
    primArray(id) {
      const o = ordinal++;
      recordPrim = recordWanted[o] ? o : -1;
      return valueOf.has(id) || recordPrim >= 0;
    },
    primArrayBody(id, type, buf, start, byteLength) {
      if (recordPrim >= 0) {
        records.set(recordPrim, { kind: 'primArray', type, data: Buffer.from(buf.subarray(start, start + byteLength)) });
        recordPrim = -1;
      }
      const v = valueOf.get(id);
      if (!v) return;
      let text: string;
      if (type === TYPE.CHAR) text = utf16be(buf, start, byteLength);
      else if (type === TYPE.BYTE && v.coder === 1) text = buf.toString('utf16le', start, start + byteLength);
      else text = buf.toString('latin1', start, start + byteLength);
      strings.set(v.stringId, text);
    },
  };
  // Array element callbacks arrive after objArray; reset the target set when the next record starts.
  const wrapped: HprofVisitor = {
    ...visitor,
    classDump(c) { arrayTargets = null; recordElements = null; visitor.classDump!(c); },
    instance(a, b, c, d, e) { arrayTargets = null; recordElements = null; visitor.instance!(a, b, c, d, e); },
    objArray(a, b, c) { arrayTargets = null; recordElements = null; return visitor.objArray!(a, b, c); },
    primArray(a, b, c) { arrayTargets = null; recordElements = null; return visitor.primArray!(a, b, c); },
  };
  await readHprof(path, wrapped, { ...opts, phase: opts.phase ?? 'Naming references' });
  if ([...valueOf.values()].some((v) => !strings.has(v.stringId))) {
    await readHprof(path, { primArray: (id) => valueOf.has(id) && !strings.has(valueOf.get(id)!.stringId), primArrayBody: visitor.primArrayBody }, { ...opts, phase: 'Reading strings' });
  }
  return { labels, strings, records };
}

function utf16be(buf: Buffer, start: number, len: number): string {
  const copy = Buffer.from(buf.subarray(start, start + len));
  copy.swap16();
  return copy.toString('utf16le');
}
