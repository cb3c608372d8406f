// A targeted pass (like naming-pass.ts): read the values of a few named instance fields of a few
// objects — a Tomcat class loader's `state`, say. The graph keeps references only, without field
// names or primitive values, so such values are read back from the dump's instance records on demand.

import { TYPE, typeSize } from '../hprof/constants.js';
import type { HeapIndex } from '../hprof/heap-index.js';
import { readHprof, type ReadOptions } from '../hprof/read-dump.js';
import { fieldOffset } from '../hprof/edge-pass.js';

export interface FieldRequest {
  /** JVM name of the class that declares the field ("org/apache/catalina/loader/WebappClassLoaderBase"). */
  declaring: string;
  field: string;
}

/**
 * ordinal → field name → value: an object id (0 for null) for a reference, the number for a
 * primitive (booleans 0/1; longs and doubles are not supported and are left out). Fields the
 * object's class does not have are left out too.
 */
export type FieldValues = Map<number, Map<string, number>>;

export async function readFieldValues(path: string, index: HeapIndex, ordinals: Iterable<number>, fields: FieldRequest[], opts: ReadOptions = {}): Promise<FieldValues> {
  const out: FieldValues = new Map();
  const n = index.objectCount;
  const wanted = new Uint8Array(n);
  let any = false;
  for (const o of ordinals) if (o >= 0 && o < n) (wanted[o] = 1), (any = true);
  if (!any) return out;
  // Offsets and types per class, computed once per class met.
  const layouts = new Map<number, Array<{ name: string; offset: number; type: number }>>();
  const layoutOf = (ci: number) => {
    let l = layouts.get(ci);
    if (!l) {
      l = [];
      for (const f of fields) {
        const offset = fieldOffset(index, ci, f.declaring, f.field);
        if (offset < 0) continue;
        const decl = index.classes.find((k) => k.jvmName === f.declaring);
        const type = decl?.instanceFields.find((x) => x.name === f.field)?.type;
        if (type !== undefined) l.push({ name: f.field, offset, type });
      }
      layouts.set(ci, l);
    }
    return l;
  };
  const idSize = index.idSize;
  let ordinal = 0;
  await readHprof(path, {
    classDump() { ordinal++; },
    instance(_id, _classId, buf, start, length) {
      const o = ordinal++;
      if (!wanted[o]) return;
      const values = new Map<string, number>();
      for (const f of layoutOf(index.objectClass[o])) {
        const p = start + f.offset;
        let v: number | undefined;
        switch (f.type) {
          case TYPE.OBJECT: v = idSize === 4 ? buf.readUInt32BE(p) : buf.readUInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4); break;
          case TYPE.BOOLEAN: case TYPE.BYTE: v = buf.readInt8(p); break;
          case TYPE.CHAR: v = buf.readUInt16BE(p); break;
          case TYPE.SHORT: v = buf.readInt16BE(p); break;
          case TYPE.INT: v = buf.readInt32BE(p); break;
          case TYPE.FLOAT: v = buf.readFloatBE(p); break;
        }
        if (v !== undefined && f.offset + typeSize(f.type, idSize) <= length) values.set(f.name, v);
      }
      out.set(o, values);
    },
    objArray() { ordinal++; return false; },
    primArray() { ordinal++; return false; },
  }, { ...opts, phase: opts.phase ?? 'Reading field values' });
  return out;
}
