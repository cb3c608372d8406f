// A pull reader over an async stream of byte chunks: peek at the head (to sniff a file's kind), read
// exact byte counts (tar headers), or hand the rest on as chunks — without ever holding more than one
// chunk plus what was asked for.

export class ByteReader {
  private iter: AsyncIterator<Uint8Array>;
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  private ended = false;
  /** A failure of the underlying stream (truncated gzip, I/O error), raised once the data before it is used up. */
  private failure: Error | undefined;
  /** Bytes handed out so far (for progress). */
  consumed = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iter = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    let r: IteratorResult<Uint8Array>;
    try {
      r = await this.iter.next();
    } catch (e) {
      this.failure = e as Error;
      this.ended = true;
      return false;
    }
    if (r.done) {
      this.ended = true;
      return false;
    }
    if (r.value.length > 0) {
      this.buffered.push(r.value);
      this.bufferedBytes += r.value.length;
    }
    return true;
  }

  /** Up to `n` bytes from the current position, without consuming them; never throws (a sniffer wants what there is). */
  async peek(n: number): Promise<Uint8Array> {
    while (this.bufferedBytes < n && (await this.fill()));
    return concat(this.buffered, Math.min(n, this.bufferedBytes));
  }

  /** The stream's failure, if it failed. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Exactly `n` bytes, or fewer at a clean end of stream; throws if the stream failed before `n`. */
  async read(n: number): Promise<Uint8Array> {
    const out = await this.peek(n);
    if (out.length < n && this.failure) throw this.failure;
    this.drop(out.length);
    return out;
  }

  /** Skips `n` bytes; returns how many were actually skipped (fewer at end of stream). */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.bufferedBytes === 0 && !(await this.fill())) {
        if (this.failure) throw this.failure;
        break;
      }
      const take = Math.min(left, this.bufferedBytes);
      this.drop(take);
      left -= take;
    }
    return n - left;
  }

  /** The next `limit` bytes (or all that is left) as chunks, consumed as they are yielded. */
  async *chunks(limit = Infinity): AsyncGenerator<Uint8Array> {
    let left = limit;
    while (left > 0) {
      if (this.bufferedBytes === 0 && !(await this.fill())) {
        if (this.failure) throw this.failure;
        return;
      }
      if (this.bufferedBytes === 0) continue;
      const first = this.buffered[0];
      const take = Math.min(left, first.length);
      const piece = take === first.length ? first : first.subarray(0, take);
      this.drop(take);
      left -= take;
      yield piece;
    }
  }

  /** Lets go of the underlying stream (closes files early when a consumer stops). */
  async close(): Promise<void> {
    this.buffered = [];
    this.bufferedBytes = 0;
    if (!this.ended) {
      this.ended = true;
      await this.iter.return?.();
    }
  }

  private drop(n: number): void {
    this.consumed += n;
    this.bufferedBytes -= n;
    while (n > 0) {
      const first = this.buffered[0];
      if (first.length <= n) {
        n -= first.length;
        this.buffered.shift();
      } else {
        this.buffered[0] = first.subarray(n);
        n = 0;
      }
    }
  }
}

function concat(parts: Uint8Array[], n: number): Uint8Array {
  if (parts.length > 0 && parts[0].length >= n) return parts[0].subarray(0, n);
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    if (at >= n) break;
    const take = Math.min(p.length, n - at);
    out.set(p.subarray(0, take), at);
    at += take;
  }
  return out;
}
