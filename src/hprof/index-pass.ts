// Pass 1: read every record once and build the HeapIndex (classes, names, roots, stacks and one
// typed-array row per heap object). Object references are NOT resolved here (pass 2 does that, once
// every object id is known).

import { GrowableF64, GrowableU32, GrowableU8 } from '../util/growable.js';
import { PRIM_ARRAY_NAME, SUB, TYPE, typeSize } from './constants.js';
import { CLASS_CLASS_INDEX, ClassKind, type ClassInfo, type HeapIndex, type StackFrameInfo, type ThreadRoot } from './heap-index.js';
import { objectIdsFrom } from './object-ids.js';
import { RecordOffsetsBuilder, recordLength } from './record-offsets.js';
import { readHprof, type ReadOptions } from './read-dump.js';
import type { ClassDumpRecord, HprofRecordParser, HprofVisitor } from './record-parser.js';

const PRIM_TYPES = [TYPE.BOOLEAN, TYPE.CHAR, TYPE.FLOAT, TYPE.DOUBLE, TYPE.BYTE, TYPE.SHORT, TYPE.INT, TYPE.LONG];

function newClass(index: number, classId: number, jvmName: string): ClassInfo {
  return {
    index, classId, jvmName, superIndex: -1, loaderId: 0, signersId: 0, protectionDomainId: 0,
    constantPoolRefs: [], instanceFields: [], staticFields: [], dumped: false,
    kind: jvmName.startsWith('[') ? (jvmName.length === 2 ? ClassKind.PrimitiveArray : ClassKind.ObjectArray) : ClassKind.Instance,
    elementType: 0,
  };
}

export async function buildHeapIndex(path: string, opts: ReadOptions = {}): Promise<HeapIndex> {
  const strings = new Map<number, string>();
  const classes: ClassInfo[] = [];
  const classIdToIndex = new Map<number, number>();
  const classIdToNameId = new Map<number, number>();
  const classSerialToIndex = new Map<number, number>();
  const stackFrames = new Map<number, StackFrameInfo>();
  const stackFrameRaw: { id: number; m: number; s: number; f: number; c: number; l: number }[] = [];
  const stackTraces = new Map<number, number[]>();
  const threads: ThreadRoot[] = [];

  // Reserved classes: java.lang.Class (index 0) and the eight primitive array classes, so objects
  // can be classified before (or without) their LOAD_CLASS record.
  classes.push(newClass(CLASS_CLASS_INDEX, 0, 'java/lang/Class'));
  const primClassIndex = new Int32Array(16).fill(-1);
  for (const t of PRIM_TYPES) {
    const c = newClass(classes.length, 0, PRIM_ARRAY_NAME[t]);
    c.kind = ClassKind.PrimitiveArray;
    c.elementType = t;
    primClassIndex[t] = c.index;
    classes.push(c);
  }
  const reservedByName = new Map<string, number>(classes.map((c) => [c.jvmName, c.index]));

  let idSize = 0;
  let timestampMs = 0;
  let format = '';
  const objectId = new GrowableF64(1 << 16);
  const objectClass = new GrowableU32(1 << 16);
  const objectAux = new GrowableU32(1 << 16);
  const rootKind = new GrowableU8(1024);
  const rootId = new GrowableF64(1024);
  const rootThreadSerial = new GrowableU32(1024);

  const classIndexOf = (classId: number): number => {
    let i = classIdToIndex.get(classId);
    if (i === undefined) {
      i = classes.length;
      classes.push(newClass(i, classId, ''));
      classIdToIndex.set(classId, i);
    }
    return i;
  };

  // Record offsets (record-offsets.ts), for queries that later read one record of a plain dump.
  const offsets = new RecordOffsetsBuilder();
  let parser: HprofRecordParser | undefined;
  const visitor: HprofVisitor = {
    attach(p) {
      parser = p;
    },
    header(h) {
      idSize = h.idSize;
      timestampMs = h.timestampMs;
      format = h.format;
    },
    utf8(id, buf, start, end) {
      strings.set(id, buf.toString('utf8', start, end));
    },
    loadClass(serial, classId, _stack, nameId) {
      classIdToNameId.set(classId, nameId);
      const name = strings.get(nameId);
      const reserved = name === undefined ? undefined : reservedByName.get(name);
      let index: number;
      if (reserved !== undefined && classes[reserved].classId === 0 && !classIdToIndex.has(classId)) {
        classes[reserved].classId = classId;
        classIdToIndex.set(classId, reserved);
        index = reserved;
      } else index = classIndexOf(classId);
      classSerialToIndex.set(serial, index);
    },
    stackFrame(id, m, s, f, c, l) {
      stackFrameRaw.push({ id, m, s, f, c, l });
    },
    stackTrace(serial, _threadSerial, frames) {
      stackTraces.set(serial, frames);
    },
    root(kind, id, threadSerial, extra) {
      rootKind.push(kind);
      rootId.push(id);
      rootThreadSerial.push(threadSerial);
      if (kind === SUB.ROOT_THREAD_OBJECT) {
        threads.push({ id, threadSerial, stackSerial: extra });
      }
    },
    classDump(c: ClassDumpRecord) {
      const ci = classIndexOf(c.classId);
      const k = classes[ci];
      k.dumped = true;
      k.superIndex = c.superId === 0 ? -1 : classIndexOf(c.superId);
      k.loaderId = c.loaderId;
      k.signersId = c.signersId;
      k.protectionDomainId = c.protectionDomainId;
      k.constantPoolRefs = c.constantPoolRefs;
      k.instanceFields = c.instanceFields.map((f) => ({ name: strings.get(f.nameId) ?? `field@${f.nameId}`, type: f.type }));
      k.staticFields = c.staticFields.map((f) => ({ ...f, name: strings.get(f.nameId) ?? `field@${f.nameId}` }));
      // The class object itself is a heap object (a java.lang.Class mirror holding the statics).
      objectId.push(c.classId);
      objectClass.push(CLASS_CLASS_INDEX);
      objectAux.push(ci + 1);
      offsets.add(parser!.recordOffset, -1);
    },
    instance(id, classId, _buf, _start, length) {
      const ci = classIndexOf(classId);
      const at = parser!.recordOffset;
      offsets.add(at, at + recordLength(idSize, ClassKind.Instance, length, 0, 0));
      offsets.instance(ci, length);
      objectId.push(id);
      objectClass.push(ci);
      objectAux.push(0);
    },
    objArray(id, arrayClassId, length) {
      const ci = classIndexOf(arrayClassId);
      const at = parser!.recordOffset;
      offsets.add(at, at + recordLength(idSize, ClassKind.ObjectArray, 0, length, 0));
      objectId.push(id);
      objectClass.push(ci);
      objectAux.push(length);
      return false;
    },
    primArray(id, elementType, length) {
      const at = parser!.recordOffset;
      offsets.add(at, at + recordLength(idSize, ClassKind.PrimitiveArray, 0, length, elementType));
      objectId.push(id);
      objectClass.push(primClassIndex[elementType]);
      objectAux.push(length);
      return false;
    },
  };

  const read = await readHprof(path, visitor, { ...opts, phase: opts.phase ?? 'Indexing heap dump' });

  // Names: LOAD_CLASS gives each class id its name; classes seen only by id stay "unknown class 0x…".
  for (const k of classes) {
    if (k.jvmName) continue;
    const nameId = classIdToNameId.get(k.classId);
    const name = nameId === undefined ? undefined : strings.get(nameId);
    k.jvmName = name ?? `<unknown class 0x${k.classId.toString(16)}>`;
    if (name?.startsWith('[')) k.kind = name.length === 2 ? ClassKind.PrimitiveArray : ClassKind.ObjectArray;
  }
  for (const f of stackFrameRaw) {
    stackFrames.set(f.id, {
      method: strings.get(f.m) ?? '?',
      signature: strings.get(f.s) ?? '',
      sourceFile: strings.get(f.f) ?? '',
      classSerial: f.c,
      line: f.l,
    });
  }

  return {
    idSize, timestampMs, format,
    fileBytes: read.fileBytes,
    gzip: read.gzip,
    warning: read.warning,
    classes, classIdToIndex,
    objectCount: objectId.length,
    objectIds: objectIdsFrom(objectId.data.subarray(0, objectId.length)),
    objectClass: narrowClassIndexes(objectClass.toArray(), classes.length),
    objectAux: objectAux.toArray(),
    rootKind: rootKind.toArray(),
    rootId: rootId.toArray(),
    rootThreadSerial: rootThreadSerial.toArray(),
    threads, stackFrames, stackTraces, classSerialToIndex,
    recordOffsets: read.gzip ? null : offsets.finish(),
  };
}

/** 2 bytes per object instead of 4 when every class index fits (saves 50 MB on a 25 M-object dump). */
function narrowClassIndexes(wide: Uint32Array, classCount: number): Uint16Array | Uint32Array {
  if (classCount > 65536) return wide;
  const narrow = new Uint16Array(wide.length);
  narrow.set(wide);
  return narrow;
}
