// Object ids (64-bit addresses) per ordinal, in 4 bytes each where the dump allows it.
// HotSpot objects are 8-byte aligned (MinObjAlignmentInBytes, hotspot/share/runtime/globals.hpp),
// so (id − minId) / 8 is an exact 32-bit key for any heap spanning < 32 GiB. Dumps whose ids are not
// aligned, or span more, keep the Float64 ids (exact up to 2^53).

export interface ObjectIds {
  readonly count: number;
  /** The id of object `ordinal`. */
  idOf(ordinal: number): number;
  /** 32-bit keys in ordinal order (`minId + 8 * key` is the id), or null for wide ids. */
  readonly keys: Uint32Array | null;
  readonly minId: number;
  /** Float64 ids (when the keys are null; both are null once ids are derived, heap/derived-ids.ts). */
  readonly wide: Float64Array | null;
}

export const ID_ALIGNMENT = 8;

class CompactIds implements ObjectIds {
  readonly wide = null;
  constructor(readonly keys: Uint32Array, readonly minId: number) {}
  get count(): number {
    return this.keys.length;
  }
  idOf(o: number): number {
    return this.minId + this.keys[o] * ID_ALIGNMENT;
  }
}

class WideIds implements ObjectIds {
  readonly keys = null;
  readonly minId: number;
  constructor(readonly wide: Float64Array) {
    let min = Infinity;
    for (let i = 0; i < wide.length; i++) if (wide[i] < min) min = wide[i];
    this.minId = wide.length === 0 ? 0 : min;
  }
  get count(): number {
    return this.wide.length;
  }
  idOf(o: number): number {
    return this.wide[o];
  }
}

/** Compact 32-bit keys when every id is aligned and the range fits, else the Float64 ids as they are. */
export function objectIdsFrom(ids: Float64Array): ObjectIds {
  const n = ids.length;
  let min = Infinity;
  let max = -Infinity;
  let aligned = true;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v % ID_ALIGNMENT !== 0) aligned = false;
  }
  if (n === 0) return new CompactIds(new Uint32Array(0), 0);
  if (!aligned || (max - min) / ID_ALIGNMENT > 4294967295) return new WideIds(ids);
  // 3 spare slots: once the keys are no longer needed their buffer is reused for per-node arrays of
  // the graph (objects + super-root, + 1 for CSR offsets), see heap/analyze.ts.
  const keys = new Uint32Array(n + 3).subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = (ids[i] - min) / ID_ALIGNMENT;
  return new CompactIds(keys, min);
}
