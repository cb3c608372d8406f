// Object id (a 64-bit address) → ordinal, without a Map entry per object.
// Compact ids (32-bit keys, see hprof/object-ids.ts) are searched through a bucket table over the key
// range, so a lookup is a short binary search. HotSpot writes every CLASS_DUMP first and then the
// objects in address order, so the keys are sorted after a short prefix: then the keys are searched
// where they are (no copy) and the prefix goes into a Map. Otherwise (another writer, or JDK 21's
// parallel dump) a sorted copy and its permutation are built (radix sort).
// Wide ids fall back to a Float64 sorted copy and a plain binary search.

import type { BufferPool } from './buffer-pool.js';
import { ID_ALIGNMENT, type ObjectIds } from '../hprof/object-ids.js';

/** Up to this many unsorted leading rows (class dumps) go into a Map instead of a sorted copy. */
const MAX_PREFIX = 1 << 20;

export class IdIndex {
  private readonly minId: number;
  /** Sorted keys (a view of the ids' own keys when they are sorted after the prefix). */
  private key32: Uint32Array | null;
  private key64: Float64Array | null;
  /** Ordinal of key32[0] when key32 is the ids' own sorted suffix. */
  private readonly base: number;
  private readonly prefix: Map<number, number> | null;
  /** sorted position → ordinal; null when positions are ordinals (− base). */
  private sortedOrdinal: Uint32Array | null;
  private bucketStart: Uint32Array | null;
  private readonly shift: number;
  private readonly owned: (Uint32Array | Float64Array)[] = [];
  readonly count: number;

  constructor(ids: ObjectIds) {
    const n = ids.count;
    this.count = n;
    this.minId = ids.minId;
    this.prefix = null;
    this.base = 0;
    this.key64 = null;
    this.key32 = null;
    this.sortedOrdinal = null;
    this.bucketStart = null;
    this.shift = 0;
    const keys = ids.keys;
    if (keys !== null) {
      // Longest strictly increasing suffix.
      let start = n === 0 ? 0 : n - 1;
      while (start > 0 && keys[start - 1] < keys[start]) start--;
      if (start <= MAX_PREFIX) {
        this.base = start;
        this.key32 = keys.subarray(start);
        if (start > 0) {
          this.prefix = new Map();
          for (let o = 0; o < start; o++) if (!this.prefix.has(keys[o])) this.prefix.set(keys[o], o);
        }
      } else {
        const order = radixSortOrder(keys);
        const sortedKeys = new Uint32Array(n);
        for (let i = 0; i < n; i++) sortedKeys[i] = keys[order[i]];
        this.key32 = sortedKeys;
        this.sortedOrdinal = order;
        this.owned.push(sortedKeys, order);
      }
      // Buckets: about one per two objects over the key range.
      const k = this.key32;
      const m = k.length;
      const range = m === 0 ? 1 : k[m - 1] + 1;
      let shift = 0;
      while (range / 2 ** shift > Math.max(1, m / 2)) shift++;
      this.shift = shift;
      const nb = Math.floor((range - 1) / 2 ** shift) + 2;
      const bs = new Uint32Array(nb + 1);
      let j = 0;
      for (let b = 0; b <= nb; b++) {
        const firstKey = b * 2 ** shift;
        while (j < m && k[j] < firstKey) j++;
        bs[b] = j;
      }
      this.bucketStart = bs;
      this.owned.push(bs);
    } else {
      const wide = ids.wide;
      if (wide === null) throw new Error('IdIndex needs the ids as keys or Float64 values');
      let sorted = true;
      for (let i = 1; i < n; i++) if (wide[i] <= wide[i - 1]) sorted = false;
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      if (!sorted) order.sort((a, b) => wide[a] - wide[b]);
      const sortedIds = new Float64Array(n);
      for (let i = 0; i < n; i++) sortedIds[i] = wide[order[i]];
      this.key64 = sortedIds;
      this.sortedOrdinal = sorted ? null : order;
      this.owned.push(sortedIds, order);
    }
  }

  /** Ordinal of the object with this id, or -1 when the dump has no such object. */
  ordinalOf(id: number): number {
    let lo: number;
    let hi: number;
    let pos = -1;
    const k32 = this.key32;
    if (k32 !== null) {
      const d = id - this.minId;
      if (d < 0 || d % ID_ALIGNMENT !== 0) return -1;
      const key = d / ID_ALIGNMENT;
      if (key > 4294967295) return -1;
      if (this.prefix !== null) {
        const p = this.prefix.get(key);
        if (p !== undefined) return p;
      }
      const b = Math.floor(key / 2 ** this.shift);
      const bs = this.bucketStart!;
      if (b + 1 >= bs.length) return -1;
      lo = bs[b];
      hi = bs[b + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = k32[mid];
        if (v < key) lo = mid + 1;
        else if (v > key) hi = mid;
        else {
          pos = mid;
          break;
        }
      }
    } else {
      const k64 = this.key64;
      if (k64 === null) throw new Error('IdIndex used after release()');
      lo = 0;
      hi = k64.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = k64[mid];
        if (v < id) lo = mid + 1;
        else if (v > id) hi = mid;
        else {
          pos = mid;
          break;
        }
      }
    }
    if (pos < 0) return -1;
    return this.sortedOrdinal === null ? pos + this.base : this.sortedOrdinal[pos];
  }

  /** Hands the index's own arrays (not the ids' keys) to `pool`; the index is unusable afterwards. */
  release(pool?: BufferPool): void {
    // The bucket table is smaller than any per-node array: left to the GC rather than held in the pool.
    for (const a of this.owned) if (a !== this.bucketStart) pool?.give(a);
    this.owned.length = 0;
    this.key32 = null;
    this.key64 = null;
    this.sortedOrdinal = null;
    this.bucketStart = null;
  }
}

/** Stable LSD radix sort (two 16-bit digits): returns the permutation that sorts `keys`. */
export function radixSortOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
    for (let i = 0; i < n; i++) {
      const o = order[i];
      next[counts[(keys[o] >>> shift) & 0xffff]++] = o;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
