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
  constructor(
    readonly count: number,
    readonly minId: number,
    private readonly sizes: { sizeOf(ordinal: number): number },
    readonly checkpoint: Uint32Array,
    readonly exceptionOrdinal: Uint32Array,
    readonly exceptionKey: Uint32Array,
  ) {}

  /**
   * The ordinal of `id`, or -1. Keys rise within a stride unless an exception is inside it, so only
   * the strides whose range can hold the key (and the few with exceptions) are replayed.
   */
  ordinalOf(id: number): number {
    const rel = id - this.minId;
    if (rel < 0 || rel % ID_ALIGNMENT !== 0) return -1;
    const key = rel / ID_ALIGNMENT;
    const cp = this.checkpoint;
    const exo = this.exceptionOrdinal;
    let e = 0;
    for (let c = 0; c < cp.length; c++) {
      const first = c << SHIFT;
      const last = Math.min(this.count, first + STRIDE + 1);
      while (e < exo.length && exo[e] <= first) e++;
      const hasException = e < exo.length && exo[e] < last;
      if (!hasException && (key < cp[c] || (c + 1 < cp.length && key >= cp[c + 1]))) continue;
      let k = cp[c];
      if (k === key) return first;
      for (let o = first + 1, x = e, end = Math.min(this.count, first + STRIDE); o < end; o++) {
        if (x < exo.length && exo[x] === o) k = this.exceptionKey[x++];
        else k += this.sizes.sizeOf(o - 1) / ID_ALIGNMENT;
        if (k === key) return o;
      }
    }
    return -1;
  }

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
