// How one object refers to another, in words ("ArrayList.elementData", "Object[][123]", "static field
// ORDERS of BigGraph"): one set of functions for the naming pass over the whole dump (naming-pass.ts)
// and for the lazy names of a kept heap model (lazy-names.ts), so both say the same.

import { TYPE, typeSize } from '../hprof/constants.js';
import type { ClassInfo, HeapIndex } from '../hprof/heap-index.js';
import { javaClassName } from './class-names.js';

export function simpleName(javaName: string): string {
  const dot = javaName.lastIndexOf('.');
  return dot < 0 ? javaName : javaName.slice(dot + 1);
}

export function shortClassName(k: ClassInfo | undefined): string {
  return k ? simpleName(javaClassName(k.jvmName)) : '?';
}

/** A class object `k` (its mirror) referring to `child`: statics first, then the class dump's other references. */
export function classReferenceLabel(classes: ClassInfo[], k: ClassInfo | undefined, child: number): string {
  const cname = shortClassName(k);
  if (!k) return `constant pool of ${cname}`;
  const st = k.staticFields.find((f) => f.type === TYPE.OBJECT && f.objectValue === child);
  if (st) return `static field ${st.name ?? '?'} of ${cname}`;
  if (k.superIndex >= 0 && classes[k.superIndex]?.classId === child) return `superclass of ${cname}`;
  if (k.loaderId === child) return `class loader of ${cname}`;
  if (k.protectionDomainId === child) return `protection domain of ${cname}`;
  if (k.signersId === child) return `signers of ${cname}`;
  return `constant pool of ${cname}`;
}

/** An instance of class `ci` (its field bytes at buf[start…]) referring to `child`. */
export function instanceReferenceLabel(index: Pick<HeapIndex, 'classes' | 'idSize'>, ci: number, buf: Buffer, start: number, length: number, child: number, isThread: boolean): string {
  const idSize = index.idSize;
  const cname = shortClassName(index.classes[ci]);
  let offset = 0;
  for (let c = ci, guard = 0; c >= 0 && guard < 10000; c = index.classes[c].superIndex, guard++) {
    for (const f of index.classes[c].instanceFields) {
      if (f.type === TYPE.OBJECT && offset + idSize <= length) {
        const v = idSize === 4 ? buf.readUInt32BE(start + offset) : buf.readUInt32BE(start + offset) * 4294967296 + buf.readUInt32BE(start + offset + 4);
        if (v === child) return `${cname}.${f.name}`;
      }
      offset += typeSize(f.type, idSize);
    }
  }
  if (index.classes[ci].classId === child) return `class of ${cname}`;
  if (isThread) return `local variable in thread ${cname}`;
  return `${cname} (reference)`;
}

export function arrayElementLabel(k: ClassInfo | undefined, i: number): string {
  return `${shortClassName(k)}[${i}]`;
}

export function arrayClassLabel(k: ClassInfo | undefined): string {
  return `class of ${shortClassName(k)}`;
}
