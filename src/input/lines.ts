// Bytes → lines, streaming. Drops a trailing \r (CRLF files) and a leading BOM, and caps a line's
// length so a 50 MB single line costs 64 K characters of memory, not 50 MB.
//
// UTF-8 (and plain ASCII) input is split on the raw bytes: Buffer.indexOf finds each \n (memchr), and a
// line is decoded only when it is delivered — and a parser that offers a `skip` hook can decline a line
// from its bytes, so a 1 GB log whose lines are mostly boring is never decoded as a whole. Decoding
// every line costs ~2× grep alone (measured: bench/LOGS.md). Other encodings (UTF-16, GB18030, latin1)
// go through TextDecoder's stream mode and a string split, as before.

import { isUtf8 } from 'node:buffer';

export const MAX_LINE_CHARS = 64 * 1024;

export interface LineStats {
  lines: number;
  /** Lines longer than MAX_LINE_CHARS: their number and full length in characters. */
  longLines: { line: number; chars: number }[];
  /** Lines that look like binary data (control characters, undecodable bytes), by count. */
  binaryLines: number;
  firstBinaryLine?: number;
}

export type LineSink = (text: string, lineNo: number) => void;

/**
 * A parser's fast path: look at a line's bytes (UTF-8, `bytes[start..end)`, no terminator) and return
 * true when the line needs no decoding (it was handled or is of no interest). Called only for lines
 * of valid UTF-8 without NULs; the bytes must not be kept after the call returns unless copied — the
 * splitter never reuses them, but a source may.
 */
export type LineSkip = (bytes: Buffer, start: number, end: number, lineNo: number, cls?: number) => boolean;

// Characters that count against a line in looksBinary: C0 controls other than tab, FF, ESC; U+FFFD.
const SUSPECT = /[\x00-\x08\x0a\x0b\x0d-\x1a\x1c-\x1f\ufffd]/;

/** True when a line is mostly not text: NULs, C0 controls other than tab, or U+FFFD replacements. */
export function looksBinary(text: string): boolean {
  if (text.length === 0 || !SUSPECT.test(text)) return false;
  let bad = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 12 && c !== 27) || c === 0xfffd) bad++;
  }
  return bad > 2 && bad / n > 0.1;
}

// Buffer's own UTF-8 slice (what toString('utf8', s, e) calls after its argument checks); untyped in @types/node.
export type SliceableBuffer = Buffer & { utf8Slice(start: number, end: number): string };

/**
 * Hands a decoded line to `sink`, unless it looks binary: then it is only counted in `stats` (the
 * splitter's and the threaded replay's one rule for what reaches a parser).
 */
export function deliverLine(text: string, lineNo: number, stats: LineStats, sink: LineSink): void {
  if (looksBinary(text)) {
    stats.binaryLines++;
    if (stats.firstBinaryLine === undefined || lineNo < stats.firstBinaryLine) stats.firstBinaryLine = lineNo;
    return;
  }
  sink(text, lineNo);
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** UTF-16 code units that UTF-8 bytes decode to (a 4-byte sequence is a surrogate pair). */
function utf16Units(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

export class LineSplitter {
  private readonly bytesMode: boolean;
  private lineNo = 0;
  readonly stats: LineStats = { lines: 0, longLines: [], binaryLines: 0 };

  // Byte mode: the unfinished line carried over from earlier chunks (at most maxChars × 3 bytes kept).
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private carryActive = false;
  /** UTF-16 length of carried bytes beyond the kept ones (a runaway line is counted, not stored). */
  private droppedUnits = 0;
  private readonly maxBytes: number;

  // String mode.
  private decoder: TextDecoder | undefined;
  private pending = '';
  private pendingChars = 0; // full length of the current line, including what was dropped

  constructor(
    encoding: string,
    private readonly sink: LineSink,
    private readonly maxChars = MAX_LINE_CHARS,
    private readonly skip?: LineSkip,
    /** Called after each chunk's lines were offered to `skip` (LineParser.release). */
    private readonly release?: () => void,
  ) {
    this.bytesMode = /^utf-?8$/i.test(encoding);
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: keeping maxChars × 3 bytes keeps maxChars characters.
    this.maxBytes = maxChars * 3;
    // fatal:false — undecodable bytes become U+FFFD and are counted as binary, never a crash.
    if (!this.bytesMode) this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  }

  push(chunk: Uint8Array): void {
    if (!this.bytesMode) return this.consume(this.decoder!.decode(chunk, { stream: true }));
    const buf = asBuffer(chunk);
    const n = buf.length;
    let from = 0;
    if (this.carryActive) {
      const nl = buf.indexOf(10);
      if (nl < 0) return this.addCarry(buf, 0, n);
      this.addCarry(buf, 0, nl);
      this.emitCarry();
      from = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    if (last >= from) {
      // Whole lines [from, last]: one validity check for all of them decides whether `skip` may see them.
      const region = buf.subarray(from, last);
      const clean = this.skip !== undefined && isUtf8(region) && region.indexOf(0) < 0;
      let i = from;
      while (i <= last) {
        const nl = buf.indexOf(10, i);
        this.emitBytes(buf, i, nl, clean);
        i = nl + 1;
      }
      from = last + 1;
    }
    if (from < n) this.addCarry(buf, from, n);
    this.release?.();
  }

  end(): LineStats {
    if (this.bytesMode) {
      if (this.carryActive) this.emitCarry();
      this.release?.();
    } else {
      this.consume(this.decoder!.decode());
      if (this.pendingChars > 0) this.emit();
    }
    return this.stats;
  }

  // ---- byte mode ----

  private addCarry(buf: Buffer, start: number, end: number): void {
    this.carryActive = true;
    const room = this.maxBytes - this.carryBytes;
    const keep = Math.max(0, Math.min(room, end - start));
    // Copied: the source may reuse its buffer for the next chunk.
    if (keep > 0) {
      this.carry.push(Buffer.from(buf.subarray(start, start + keep)));
      this.carryBytes += keep;
    }
    if (start + keep < end) this.droppedUnits += utf16Units(buf, start + keep, end);
  }

  private emitCarry(): void {
    const line = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryBytes);
    const dropped = this.droppedUnits;
    this.carry = [];
    this.carryBytes = 0;
    this.carryActive = false;
    this.droppedUnits = 0;
    // A carried line may hold a multi-byte character cut by a chunk boundary: never offered to `skip`
    // without a validity check of its own.
    this.emitBytes(line, 0, line.length, this.skip !== undefined && dropped === 0 && isUtf8(line) && line.indexOf(0) < 0, dropped);
  }

  private emitBytes(buf: Buffer, start: number, end: number, clean: boolean, droppedUnits = 0): void {
    const lineNo = ++this.lineNo;
    this.stats.lines = lineNo;
    if (end > start && buf[end - 1] === 13 && droppedUnits === 0) end--;
    // UTF-8 BOM at the start of the input.
    if (lineNo === 1 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    if (clean && end - start <= this.maxChars && this.skip!(buf, start, end, lineNo)) return;
    let text: string;
    if (end - start <= this.maxChars) {
      text = (buf as SliceableBuffer).utf8Slice(start, end);
    } else {
      const cut = Math.min(end, start + this.maxBytes);
      text = (buf as SliceableBuffer).utf8Slice(start, cut);
      let units = text.length + droppedUnits;
      if (cut < end) units += utf16Units(buf, cut, end);
      if (units > this.maxChars) {
        this.stats.longLines.push({ line: lineNo, chars: units });
        text = text.slice(0, this.maxChars);
      }
    }
    deliverLine(text, lineNo, this.stats, this.sink);
  }

  // ---- string mode (UTF-16, GB18030, latin1) ----

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const piece = nl < 0 ? text.slice(start) : text.slice(start, nl);
      this.append(piece);
      if (nl < 0) break;
      this.emit();
      start = nl + 1;
    }
  }

  private append(piece: string): void {
    if (piece.length === 0) return;
    this.pendingChars += piece.length;
    const room = this.maxChars - this.pending.length;
    if (room > 0) this.pending += piece.length <= room ? piece : piece.slice(0, room);
  }

  private emit(): void {
    this.lineNo++;
    let text = this.pending;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.pendingChars > this.maxChars) this.stats.longLines.push({ line: this.lineNo, chars: this.pendingChars });
    deliverLine(text, this.lineNo, this.stats, this.sink);
    this.pending = '';
    this.pendingChars = 0;
    this.stats.lines = this.lineNo;
  }
}
