// Where each object's record starts in the (uncompressed) dump, without 8 bytes per object: records
// follow each other inside a heap-dump segment, so a record's offset is the previous one's plus its
// length — except after a class dump, a segment header or a root record. Pass 1 keeps one offset per
// STRIDE ordinals and every exception; a lookup replays the lengths in between (as derived-ids.ts
// does for ids). With it, a query on the kept heap model reads the one record it needs (to name a
// field on a path) instead of the whole dump.

import { GrowableF64, GrowableU32 } from '../util/growable.js';
import { TYPE, typeSize } from './constants.js';
import type { ClassIndexArray, ClassInfo } from './heap-index.js';
import { CLASS_CLASS_INDEX, ClassKind } from './heap-index.js';

const SHIFT = 6;
const STRIDE = 1 << SHIFT;

export interface RecordOffsetParts {
  checkpoint: Float64Array;
  exceptionOrdinal: Uint32Array;
  exceptionOffset: Float64Array;
  /** Instance data bytes per class (-1: no instance seen). */
  instanceBytes: Int32Array;
}

/** Filled during pass 1: `add(offset, length)` for every object record in dump order. */
export class RecordOffsetsBuilder {
  private count = 0;
  private expected = -1;
  private readonly checkpoint = new GrowableF64(1 << 12);
  private readonly exOrd = new GrowableU32(1 << 10);
  private readonly exOff = new GrowableF64(1 << 10);
  private instanceBytes = new Int32Array(64).fill(-1);
  /** False once something does not replay (an instance size that differs within one class). */
  usable = true;

  /** `nextExpected` = the offset where the next record would start; -1 when it cannot be replayed (a class dump). */
  add(offset: number, nextExpected: number): void {
    const o = this.count++;
    if ((o & (STRIDE - 1)) === 0) this.checkpoint.push(offset);
    else if (offset !== this.expected) {
      this.exOrd.push(o);
      this.exOff.push(offset);
    }
    this.expected = nextExpected;
  }

  instance(classIndex: number, dataBytes: number): void {
    if (classIndex >= this.instanceBytes.length) {
      const next = new Int32Array(Math.max(classIndex + 1, this.instanceBytes.length * 2)).fill(-1);
      next.set(this.instanceBytes);
      this.instanceBytes = next;
    }
    const seen = this.instanceBytes[classIndex];
    if (seen === -1) this.instanceBytes[classIndex] = dataBytes;
    else if (seen !== dataBytes) this.usable = false;
  }

  finish(): RecordOffsetParts | null {
    if (!this.usable) return null;
    return {
      checkpoint: this.checkpoint.toArray(),
      exceptionOrdinal: this.exOrd.toArray(),
      exceptionOffset: this.exOff.toArray(),
      instanceBytes: this.instanceBytes,
    };
  }
}

/** Bytes of an object's record (tag included), the way HotSpot writes it. */
export function recordLength(idSize: number, kind: number, dataBytes: number, length: number, elementType: number): number {
  if (kind === ClassKind.ObjectArray) return 1 + idSize + 4 + 4 + idSize + length * idSize;
  if (kind === ClassKind.PrimitiveArray) return 1 + idSize + 4 + 4 + 1 + length * typeSize(elementType || TYPE.BYTE, idSize);
  return 1 + idSize + 4 + idSize + 4 + dataBytes;
}

export class RecordOffsets {
  constructor(
    readonly parts: RecordOffsetParts,
    private readonly idSize: number,
    private readonly classes: ClassInfo[],
    private readonly objectClass: ClassIndexArray,
    private readonly objectAux: Uint32Array,
  ) {}

  private lengthOf(o: number): number {
    const ci = this.objectClass[o];
    const k = this.classes[ci];
    // A class mirror's record is a class dump: never replayed (always an exception after it).
    if (ci === CLASS_CLASS_INDEX && this.objectAux[o] > 0) return NaN;
    return recordLength(this.idSize, k.kind, this.parts.instanceBytes[ci] ?? 0, this.objectAux[o], k.elementType);
  }

  /** File offset of object `o`'s record in the uncompressed dump. */
  offsetOf(o: number): number {
    const { checkpoint, exceptionOrdinal: exo, exceptionOffset } = this.parts;
    const c = o >>> SHIFT;
    let j = c << SHIFT;
    let off = checkpoint[c];
    let lo = 0;
    let hi = exo.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (exo[mid] <= j) lo = mid + 1;
      else hi = mid;
    }
    for (j++; j <= o; j++) {
      if (lo < exo.length && exo[lo] === j) off = exceptionOffset[lo++];
      else off += this.lengthOf(j - 1);
    }
    return off;
  }
}
