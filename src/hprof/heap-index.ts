// The result of the first pass over a dump: classes, names, stacks, GC roots, and one row per heap
// object (in dump order: that order is the object's *ordinal* everywhere in graph/ and heap/).
// Per-object data lives in typed arrays only — never an object per heap object.

import type { ObjectIds } from './object-ids.js';
import type { StaticField } from './record-parser.js';
import type { RecordOffsetParts } from './record-offsets.js';

export interface FieldInfo {
  name: string;
  type: number;
}

export interface StaticFieldInfo extends StaticField {
  name: string;
}

export const enum ClassKind {
  Instance = 0,
  ObjectArray = 1,
  PrimitiveArray = 2,
}

export interface ClassInfo {
  index: number;
  /** The class object's id (its java.lang.Class mirror address); 0 for a class never seen in the dump. */
  classId: number;
  /** JVM internal name as the dump has it: `java/lang/String`, `[B`, `[Ljava/lang/Object;`. */
  jvmName: string;
  superIndex: number;
  loaderId: number;
  signersId: number;
  protectionDomainId: number;
  constantPoolRefs: number[];
  /** Declared in this class only, in dump order. */
  instanceFields: FieldInfo[];
  staticFields: StaticFieldInfo[];
  /** True once a CLASS_DUMP for it was read. */
  dumped: boolean;
  kind: ClassKind;
  /** For primitive arrays: element type (constants TYPE). */
  elementType: number;
}

export interface StackFrameInfo {
  method: string;
  signature: string;
  sourceFile: string;
  classSerial: number;
  line: number;
}

export interface ThreadRoot {
  id: number;
  threadSerial: number;
  stackSerial: number;
}

/** Class index per object (Uint16 for dumps with ≤ 65 536 classes — nearly all — else Uint32). */
export type ClassIndexArray = Uint16Array | Uint32Array;

export interface HeapIndex {
  idSize: number;
  timestampMs: number;
  format: string;
  fileBytes: number;
  gzip: boolean;
  warning?: string;
  classes: ClassInfo[];
  classIdToIndex: Map<number, number>;
  /** Object rows in dump order. */
  objectCount: number;
  /** Object id (address) per ordinal, 4 bytes each where possible. */
  objectIds: ObjectIds;
  /** Class index per object: 2 bytes each when the dump has at most 65 536 classes. */
  objectClass: ClassIndexArray;
  /** Arrays: element count. Class mirrors (from CLASS_DUMP): mirrored class index + 1. Else 0. */
  objectAux: Uint32Array;
  rootKind: Uint8Array;
  rootId: Float64Array;
  rootThreadSerial: Uint32Array;
  threads: ThreadRoot[];
  stackFrames: Map<number, StackFrameInfo>;
  /** Stack trace serial → frame ids. */
  stackTraces: Map<number, number[]>;
  /** Class serial (LOAD_CLASS) → class index. */
  classSerialToIndex: Map<number, number>;
  /** Where each object's record starts (plain dumps; null for gzip or when the lengths do not replay). */
  recordOffsets: RecordOffsetParts | null;
}

/** Reserved class indexes so that mirrors and primitive arrays have a class before LOAD_CLASS binds it. */
export const CLASS_CLASS_INDEX = 0;
