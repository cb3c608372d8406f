// A pool of released typed-array buffers, so that the phases of one analysis reuse each other's
// scratch memory instead of allocating fresh 100 MB arrays while the previous ones still wait for
// V8's garbage collector (dropping a reference does not free an ArrayBuffer until the next GC, so
// "free then allocate" can briefly hold both — that was the peak-RSS problem on 25 M-object dumps).
// Arrays taken from the pool are NOT zeroed unless asked; every taker must treat them as garbage.

export class BufferPool {
  private free: ArrayBuffer[] = [];

  /** A Uint32Array of `length` elements, from the smallest free buffer that fits, else new. */
  takeU32(length: number, zero = false): Uint32Array {
    const bytes = length * 4;
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i];
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.free[best].byteLength)) best = i;
    }
    if (best < 0) return new Uint32Array(length);
    const buf = this.free.splice(best, 1)[0];
    const a = new Uint32Array(buf, 0, length);
    if (zero) a.fill(0);
    return a;
  }

  takeI32(length: number): Int32Array {
    const a = this.takeU32(length);
    return new Int32Array(a.buffer, 0, length);
  }

  /** Hands an array's whole buffer back; the caller must not use any view of it afterwards. */
  give(a: { buffer: ArrayBufferLike } | null | undefined): void {
    if (!a) return;
    const buf = a.buffer as ArrayBuffer;
    if (buf.byteLength === 0 || this.free.includes(buf)) return;
    this.free.push(buf);
  }

  /** Bytes currently held for reuse. */
  get heldBytes(): number {
    return this.free.reduce((s, b) => s + b.byteLength, 0);
  }

  /** Forget every buffer (they become garbage for the next GC). */
  clear(): void {
    this.free = [];
  }
}
