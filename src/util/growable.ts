// Append-only typed arrays for the passes that do not know their final length up front.
// Growth by 1.5× keeps the transient peak (old + new copy) modest on 25 M-element arrays.
// One class for every element type (there used to be three drifted copies).

type Typed = Uint8Array | Uint32Array | Float64Array;

export class Growable<T extends Typed> {
  data: T;
  length = 0;
  constructor(private readonly make: (length: number) => T, capacity = 1024) {
    this.data = make(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  grow(min = 0): void {
    const next = this.make(Math.max(min, Math.ceil(this.data.length * 1.5) + 16));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /**
   * The filled part, without a copy: the unused tail of the buffer was never written, so its pages
   * are not resident (a copy would briefly double a 100 MB array).
   */
  toArray(): T {
    return (this.data.length === this.length ? this.data : this.data.subarray(0, this.length)) as T;
  }
}

export class GrowableU8 extends Growable<Uint8Array> {
  constructor(capacity = 1024) {
    super((n) => new Uint8Array(n), capacity);
  }
}

export class GrowableU32 extends Growable<Uint32Array> {
  constructor(capacity = 1024) {
    super((n) => new Uint32Array(n), capacity);
  }
}

export class GrowableF64 extends Growable<Float64Array> {
  constructor(capacity = 1024) {
    super((n) => new Float64Array(n), capacity);
  }
}
