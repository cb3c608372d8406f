// Append-only typed arrays for the passes that do not know their final length up front.
// Growth by 1.5× keeps the transient peak (old + new copy) modest on 25 M-element arrays.

export class GrowableU32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  grow(min = 0): void {
    const next = new Uint32Array(Math.max(min, Math.ceil(this.data.length * 1.5) + 16));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /**
   * The filled part, without a copy: the unused tail of the buffer was never written, so its pages
   * are not resident (a copy would briefly double a 100 MB array).
   */
  toArray(): Uint32Array {
    return this.data.length === this.length ? this.data : this.data.subarray(0, this.length);
  }
}

export class GrowableF64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(Math.ceil(this.data.length * 1.5) + 16);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }
}

export class GrowableU8 {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(Math.ceil(this.data.length * 1.5) + 16);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Uint8Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }
}
