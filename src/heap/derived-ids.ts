// Object ids without 4 bytes per object, once the id → ordinal index is no longer needed.
// HotSpot writes the heap's objects in address order, back to back, so an object's id is the previous
// object's id plus the previous object's shallow size — except after the dump's few gaps (dead space
// and filler objects are not dumped; class dumps come first). We keep one key per STRIDE ordinals and
// every exception (≈ 17 000 on a 25 M-object dump), and replay the sizes in between: exact by
// construction (an exception is recorded wherever the replay would differ), a few µs per lookup,
// and only needed for the handful of objects a report names.

import type { ObjectIds } from '../hprof/object-ids.js';
import { ID_ALIGNMENT } from '../hprof/object-ids.js';

const SHIFT = 6;
const STRIDE = 1 << SHIFT;

export class DerivedIds implements ObjectIds {
  readonly keys = null;
  readonly wide = null;
  private constructor(
    readonly count: number,
    readonly minId: number,
    private readonly sizes: { sizeOf(ordinal: number): number },
    private readonly checkpoint: Uint32Array,
    private readonly exceptionOrdinal: Uint32Array,
    private readonly exceptionKey: Uint32Array,
  ) {}

  /** Null when the ids are not compact keys or too many differ from the size replay. */
  static from(ids: ObjectIds, sizes: { sizeOf(ordinal: number): number }): DerivedIds | null {
    const keys = ids.keys;
    if (keys === null) return null;
    const n = keys.length;
    const limit = Math.max(1024, n >>> 4);
    const exOrd: number[] = [];
    const exKey: number[] = [];
    for (let o = 1; o < n; o++) {
      if (keys[o] !== keys[o - 1] + sizes.sizeOf(o - 1) / ID_ALIGNMENT) {
        if (exOrd.length === limit) return null;
        exOrd.push(o);
        exKey.push(keys[o]);
      }
    }
    const checkpoint = new Uint32Array(Math.ceil(n / STRIDE));
    for (let c = 0; c < checkpoint.length; c++) checkpoint[c] = keys[c * STRIDE];
    return new DerivedIds(n, ids.minId, sizes, checkpoint, Uint32Array.from(exOrd), Uint32Array.from(exKey));
  }

  idOf(o: number): number {
    const c = o >>> SHIFT;
    let j = c << SHIFT;
    let key = this.checkpoint[c];
    const exo = this.exceptionOrdinal;
    // first exception > j
    let lo = 0;
    let hi = exo.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (exo[mid] <= j) lo = mid + 1;
      else hi = mid;
    }
    for (j++; j <= o; j++) {
      if (lo < exo.length && exo[lo] === j) key = this.exceptionKey[lo++];
      else key += this.sizes.sizeOf(j - 1) / ID_ALIGNMENT;
    }
    return this.minId + key * ID_ALIGNMENT;
  }
}
