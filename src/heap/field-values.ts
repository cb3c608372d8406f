// Field values of a few objects — a Tomcat class loader's `state`, the strings of the JVM's system
// properties. The graph keeps references only, without field names or primitive values, so the
// records of those objects are copied during the naming pass (naming-pass.ts, `records`) and decoded
// here by field name.

import { TYPE, typeSize } from '../hprof/constants.js';
import type { HeapIndex } from '../hprof/heap-index.js';
import { fieldOffset } from '../graph/edge-pass.js';

export interface FieldRequest {
  /** JVM name of the class that declares the field ("org/apache/catalina/loader/WebappClassLoaderBase"). */
  declaring: string;
  field: string;
}

export type ObjectRecord =
  | { kind: 'instance'; data: Buffer }
  | { kind: 'objArray'; elements: number[] }
  | { kind: 'primArray'; type: number; data: Buffer };

/** ordinal → a copy of its record (instance field bytes, array elements). */
export type ObjectRecords = Map<number, ObjectRecord>;

/**
 * The value of one instance field read from a record: an object id (0 for null) for a reference, the
 * number for a primitive (booleans 0/1); undefined when the class has no such field or it is a
 * long/double (not needed so far).
 */
export function fieldValue(index: HeapIndex, classIndex: number, record: ObjectRecord | undefined, f: FieldRequest): number | undefined {
  if (!record || record.kind !== 'instance') return undefined;
  const offset = fieldOffset(index, classIndex, f.declaring, f.field);
  if (offset < 0) return undefined;
  const type = index.classes.find((k) => k.jvmName === f.declaring)?.instanceFields.find((x) => x.name === f.field)?.type;
  if (type === undefined) return undefined;
  const buf = record.data;
  const idSize = index.idSize;
  if (offset + typeSize(type, idSize) > buf.length) return undefined;
  switch (type) {
    case TYPE.OBJECT: return idSize === 4 ? buf.readUInt32BE(offset) : buf.readUInt32BE(offset) * 4294967296 + buf.readUInt32BE(offset + 4);
    case TYPE.BOOLEAN: case TYPE.BYTE: return buf.readInt8(offset);
    case TYPE.CHAR: return buf.readUInt16BE(offset);
    case TYPE.SHORT: return buf.readInt16BE(offset);
    case TYPE.INT: return buf.readInt32BE(offset);
    case TYPE.FLOAT: return buf.readFloatBE(offset);
    default: return undefined;
  }
}

/** ordinal → field name → value (see fieldValue), for the requested fields the object's class has. */
export type FieldValues = Map<number, Map<string, number>>;

export function fieldValues(index: HeapIndex, records: ObjectRecords, ordinals: number[], fields: FieldRequest[]): FieldValues {
  const out: FieldValues = new Map();
  for (const o of ordinals) {
    const values = new Map<string, number>();
    for (const f of fields) {
      const v = fieldValue(index, index.objectClass[o], records.get(o), f);
      if (v !== undefined) values.set(f.field, v);
    }
    out.set(o, values);
  }
  return out;
}
