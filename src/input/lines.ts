// Bytes → lines, streaming: decodes chunk by chunk (multi-byte characters split across chunks are
// handled by TextDecoder's stream mode), splits on \n, drops a trailing \r (CRLF files), and caps a
// line's length so a 10 MB single line costs 64 K characters of memory, not 10 MB.

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

/** True when a line is mostly not text: NULs, C0 controls other than tab, or U+FFFD replacements. */
export function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let bad = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 12 && c !== 27) || c === 0xfffd) bad++;
  }
  return bad > 2 && bad / n > 0.1;
}

export class LineSplitter {
  private decoder: TextDecoder;
  private pending = '';
  private pendingChars = 0; // full length of the current line, including what was dropped
  private lineNo = 0;
  readonly stats: LineStats = { lines: 0, longLines: [], binaryLines: 0 };

  constructor(encoding: string, private readonly sink: LineSink, private readonly maxChars = MAX_LINE_CHARS) {
    // fatal:false — undecodable bytes become U+FFFD and are counted as binary, never a crash.
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  }

  push(chunk: Uint8Array): void {
    this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  end(): LineStats {
    this.consume(this.decoder.decode());
    if (this.pendingChars > 0) this.emit();
    return this.stats;
  }

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
    if (looksBinary(text)) {
      this.stats.binaryLines++;
      this.stats.firstBinaryLine ??= this.lineNo;
    } else {
      this.sink(text, this.lineNo);
    }
    this.pending = '';
    this.pendingChars = 0;
    this.stats.lines = this.lineNo;
  }
}
