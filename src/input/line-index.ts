// Lines found ahead of the parser: a LineSplitter whose fast-path hook records each line's place in
// the chunk and the parser's byte-level verdict on it (TextParserSpec.classify) instead of deciding.
// Run on a worker thread (src/evidence/line-worker.ts) it takes the splitting and the per-byte tests of a
// big log — half the work — off the thread that runs the parser. replayChunk then feeds the parser
// exactly what an in-thread LineSplitter would have: the same lines, numbers, skip offers and stats.

import { deliverLine, LineSplitter, type LineSink, type LineSkip, type LineStats, MAX_LINE_CHARS, type SliceableBuffer } from './lines.js';

/** The largest verdict a parser's classify may return (the line splitter keeps 254 and 255 for itself). */
export const MAX_CLASS = 253;

/** `cls` of a line the splitter decoded itself (never offered to skip: a carried or unclean line): its text is in `texts`. */
export const LINE_TEXT = 255;
/** `cls` of a line dropped as binary data (already counted in the splitter's stats). */
export const LINE_DROPPED = 254;

export type Classify = (bytes: Uint8Array, start: number, end: number) => number;

/** One chunk's lines: `bytes` and the three arrays are plain transferable memory (postMessage moves them). */
export interface IndexedChunk {
  bytes: Uint8Array;
  /** Line number of the first record. */
  firstLine: number;
  count: number;
  /** Per line: [start, end) in `bytes`, and the verdict (or LINE_TEXT / LINE_DROPPED). */
  starts: Int32Array;
  ends: Int32Array;
  cls: Uint8Array;
  texts: string[];
  /** Input bytes this chunk stands for (progress). */
  inputBytes: number;
  /** False when the lines were split but not classified (the `cls` of byte lines is 0): see classifyChunk. */
  classified: boolean;
}

export class LineIndexer {
  private readonly splitter: LineSplitter;
  private current: Buffer | undefined;
  private nextLine = 1;
  private count = 0;
  private capacity = 16 * 1024;
  private starts: Int32Array<ArrayBufferLike> = new Int32Array(this.capacity);
  private ends: Int32Array<ArrayBufferLike> = new Int32Array(this.capacity);
  private cls: Uint8Array<ArrayBufferLike> = new Uint8Array(this.capacity);
  private texts: string[] = [];
  private classifying = true;
  /** Arrays of replayed chunks, given back (reuse): a worker that allocates three per chunk spends its time in GC. */
  private readonly spares: { starts: Int32Array; ends: Int32Array; cls: Uint8Array }[] = [];

  constructor(
    private readonly classify: Classify,
    maxChars = MAX_LINE_CHARS,
  ) {
    const sink: LineSink = (text, lineNo) => this.record(lineNo, 0, 0, LINE_TEXT, text);
    const skip: LineSkip = (bytes, start, end, lineNo) => {
      // A carried line lives in the splitter's own buffer, not in the chunk that travels: decoded here.
      if (bytes !== this.current) return false;
      const k = this.classifying ? this.classify(bytes, start, end) : 0;
      if (!(k >= 0 && k <= MAX_CLASS)) throw new Error(`classify returned ${k}, outside 0…${MAX_CLASS}`);
      this.record(lineNo, start, end, k, undefined);
      return true;
    };
    this.splitter = new LineSplitter('utf-8', sink, maxChars, skip);
  }

  /**
   * Splits one chunk (a Buffer this indexer may hand on: it is not reused by the caller) and, unless
   * told not to, classifies its lines — leaving that to whoever replays it (classifyChunk) when the
   * parsing thread has time on its hands.
   */
  push(chunk: Buffer, classify = true): IndexedChunk {
    const first = this.nextLine;
    this.current = chunk;
    this.classifying = classify;
    this.splitter.push(chunk);
    this.current = undefined;
    this.fillDropped(this.splitter.stats.lines + 1);
    const c = this.take(chunk, first, chunk.length);
    c.classified = classify;
    return c;
  }

  /** Arrays of a chunk whoever replayed it is done with, to be filled again. */
  reuse(starts: Int32Array, ends: Int32Array, cls: Uint8Array): void {
    if (starts.length === ends.length && ends.length === cls.length && this.spares.length < 4) this.spares.push({ starts, ends, cls });
  }

  /** The input is over: the last (carried) line, if any, and the splitter's statistics. */
  end(): { chunk: IndexedChunk; stats: LineStats } {
    const first = this.nextLine;
    const stats = this.splitter.end();
    this.fillDropped(stats.lines + 1);
    return { chunk: this.take(new Uint8Array(0), first, 0), stats };
  }

  private fillDropped(upTo: number): void {
    while (this.nextLine < upTo) this.record(this.nextLine, 0, 0, LINE_DROPPED, undefined);
  }

  private record(lineNo: number, start: number, end: number, k: number, text: string | undefined): void {
    this.fillDropped(lineNo);
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.cls[i] = k;
    if (text !== undefined) this.texts.push(text);
    this.nextLine = lineNo + 1;
  }

  private grow(): void {
    this.capacity *= 2;
    this.starts = widened(this.starts, new Int32Array(this.capacity));
    this.ends = widened(this.ends, new Int32Array(this.capacity));
    this.cls = widened(this.cls, new Uint8Array(this.capacity));
  }

  private take(bytes: Uint8Array, firstLine: number, inputBytes: number): IndexedChunk {
    const chunk: IndexedChunk = {
      bytes,
      firstLine,
      count: this.count,
      starts: this.starts,
      ends: this.ends,
      cls: this.cls,
      texts: this.texts,
      inputBytes,
      classified: true,
    };
    // Other arrays for the next chunk: these may be transferred to another thread (and so detached).
    const want = Math.max(1024, this.count + (this.count >> 2));
    const spare = this.spares.pop();
    if (spare !== undefined && spare.starts.length >= want) {
      ({ starts: this.starts, ends: this.ends, cls: this.cls } = spare);
      this.capacity = spare.starts.length;
    } else {
      this.capacity = want;
      this.starts = new Int32Array(want);
      this.ends = new Int32Array(want);
      this.cls = new Uint8Array(want);
    }
    this.texts = [];
    this.count = 0;
    return chunk;
  }
}

/** `to` holding `from`'s elements first (a grown copy). */
function widened<T extends Int32Array<ArrayBufferLike> | Uint8Array<ArrayBufferLike>>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Classifies the lines of a chunk that was split without (LineIndexer.push with classify false). */
export function classifyChunk(c: IndexedChunk, classify: Classify): void {
  if (c.classified) return;
  const { bytes, starts, ends, cls } = c;
  for (let i = 0; i < c.count; i++) if (cls[i] <= MAX_CLASS) cls[i] = classify(bytes, starts[i], ends[i]);
  c.classified = true;
}

/** The parser side of a replay: LineParser's line-level methods (src/parsers/parser.ts). */
export interface LineConsumer {
  line(text: string, lineNo: number): void;
  skip(bytes: Buffer, start: number, end: number, lineNo: number, cls?: number): boolean;
  release?(): void;
  skipLines?(bytes: Buffer, starts: Int32Array, ends: Int32Array, cls: Uint8Array, from: number, to: number, firstLine: number): number;
}

/**
 * Feeds one indexed chunk to a parser: `skip` (or `skipLines`, a stretch at a time) gets each line the
 * splitter would have offered it, with the verdict computed ahead; declined lines are decoded and —
 * unless they look binary, counted in `stats` — given to line(), exactly as LineSplitter.emitBytes does.
 */
export function replayChunk(c: IndexedChunk, p: LineConsumer, stats: LineStats): void {
  const b = Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength) as SliceableBuffer;
  const { starts, ends, cls, texts, firstLine } = c;
  const count = c.count;
  const batch = p.skipLines !== undefined;
  const sink: LineSink = (text, n) => p.line(text, n);
  let t = 0;
  for (let i = 0; i < count; i++) {
    const k = cls[i];
    const lineNo = firstLine + i;
    if (k === LINE_TEXT) {
      p.line(texts[t++], lineNo);
      continue;
    }
    if (k === LINE_DROPPED) continue;
    if (batch) {
      const n = p.skipLines!(b, starts, ends, cls, i, count, firstLine);
      if (n > 0) {
        i += n - 1;
        continue;
      }
    } else if (p.skip(b, starts[i], ends[i], lineNo, k)) {
      continue;
    }
    deliverLine(b.utf8Slice(starts[i], ends[i]), lineNo, stats, sink);
  }
  p.release?.();
}
