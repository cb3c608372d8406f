// Object id (a 64-bit address) → ordinal, without a Map entry per object.
// Ids are kept as 32-bit keys ((id - minId) / 8: HotSpot objects are 8-byte aligned, so this is exact
// for any heap spanning < 32 GB), sorted (radix sort, usually a no-op: dumps list objects in address
// order), plus a bucket table over the key range so a lookup is a short binary search.
// Falls back to Float64 keys and a plain binary search for unaligned or very sparse heaps.

export class IdIndex {
  private readonly minId: number;
  private readonly key32: Uint32Array | null;
  private readonly key64: Float64Array | null;
  /** sorted position → ordinal; null when the dump order is already sorted. */
  private readonly sortedOrdinal: Uint32Array | null;
  private readonly bucketStart: Uint32Array | null;
  private readonly shift: number;
  readonly count: number;

  constructor(ids: Float64Array) {
    const n = ids.length;
    this.count = n;
    let min = Infinity;
    let max = -Infinity;
    let aligned = true;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const v = ids[i];
      if (v < min) min = v;
      if (v > max) max = v;
      if (v % 8 !== 0) aligned = false;
      if (i > 0 && v <= ids[i - 1]) sorted = false;
    }
    if (n === 0) {
      min = 0;
      max = 0;
    }
    this.minId = min;
    const compact = aligned && (max - min) / 8 < 4294967296;
    if (compact) {
      const keys = new Uint32Array(n);
      for (let i = 0; i < n; i++) keys[i] = (ids[i] - min) / 8;
      if (sorted) {
        this.key32 = keys;
        this.sortedOrdinal = null;
      } else {
        const order = radixSortOrder(keys);
        const sortedKeys = new Uint32Array(n);
        for (let i = 0; i < n; i++) sortedKeys[i] = keys[order[i]];
        this.key32 = sortedKeys;
        this.sortedOrdinal = order;
      }
      this.key64 = null;
      // Buckets: about one per two objects over the key range.
      const range = n === 0 ? 1 : this.key32[n - 1] + 1;
      let shift = 0;
      while (range / 2 ** shift > Math.max(1, n / 2)) shift++;
      this.shift = shift;
      const nb = Math.floor((range - 1) / 2 ** shift) + 2;
      const bs = new Uint32Array(nb + 1);
      const k = this.key32;
      let j = 0;
      for (let b = 0; b <= nb; b++) {
        const firstKey = b * 2 ** shift;
        while (j < n && k[j] < firstKey) j++;
        bs[b] = j;
      }
      this.bucketStart = bs;
    } else {
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      if (!sorted) order.sort((a, b) => ids[a] - ids[b]);
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = ids[order[i]];
      this.key64 = keys;
      this.key32 = null;
      this.sortedOrdinal = sorted ? null : order;
      this.bucketStart = null;
      this.shift = 0;
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
      if (d < 0 || d % 8 !== 0) return -1;
      const key = d / 8;
      if (key > 4294967295) return -1;
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
      const k64 = this.key64!;
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
    return this.sortedOrdinal === null ? pos : this.sortedOrdinal[pos];
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
