// Test helpers shared by parser tests: run a parser over text through the real streaming line
// splitter, whole and in tiny chunks (chunk-boundary bugs are the classic streaming bug).

import type { LineParser, ParseHint } from './parser.js';
import { LineSplitter, type LineStats } from '../input/lines.js';
import { classifyChunk, LineIndexer, replayChunk, type LineConsumer } from '../input/line-index.js';

type Spec<T> = { create(hint?: ParseHint): LineParser<T>; classify?(bytes: Uint8Array, start: number, end: number): number };

export function parseBytes<T>(
  spec: { create(hint?: ParseHint): LineParser<T> },
  bytes: Uint8Array,
  chunkSize = 64 * 1024,
  encoding = 'utf-8',
  hint?: ParseHint,
  fastPath = true,
): T {
  const parser = spec.create(hint);
  const skip = fastPath && parser.skip ? parser.skip.bind(parser) : undefined;
  const release = fastPath && parser.release ? parser.release.bind(parser) : undefined;
  const splitter = new LineSplitter(encoding, (text, lineNo) => parser.line(text, lineNo), undefined, skip, release);
  // Like a source that reuses its read buffer: what a parser keeps of the bytes past release() is garbage.
  const scratch = Buffer.alloc(Math.min(chunkSize, bytes.length));
  for (let i = 0; i < bytes.length; i += chunkSize) {
    const n = Math.min(chunkSize, bytes.length - i);
    scratch.set(bytes.subarray(i, i + n));
    splitter.push(scratch.subarray(0, n));
    scratch.fill(0x3f);
  }
  splitter.end();
  return parser.finish();
}

/** The threaded path's way (src/input/line-index.ts), on this thread: lines split and classified ahead, then replayed. */
export function parseClassifiedAhead<T>(spec: Spec<T>, bytes: Uint8Array, chunkSize: number, hint?: ParseHint, batch = true): T {
  const parser = spec.create(hint);
  const indexer = new LineIndexer(spec.classify!);
  const stats: LineStats = { lines: 0, longLines: [], binaryLines: 0 };
  // Without `batch` the replay offers lines one by one to skip(), as for a parser without skipLines.
  const consumer: LineConsumer = batch
    ? (parser as LineConsumer)
    : { line: (t, n) => parser.line(t, n), skip: parser.skip!.bind(parser), release: parser.release?.bind(parser) };
  for (let i = 0, n = 0; i < bytes.length; i += chunkSize, n++) {
    // Every other chunk split but not classified, classified by the replaying side (as the threaded
    // path does when the parser waits for the worker).
    const deferred = n % 2 === 1;
    const chunk = indexer.push(Buffer.from(bytes.subarray(i, Math.min(bytes.length, i + chunkSize))), !deferred);
    if (deferred) classifyChunk(chunk, spec.classify!);
    replayChunk(chunk, consumer, stats);
  }
  replayChunk(indexer.end().chunk, consumer, stats);
  return parser.finish();
}

/**
 * Parses `text` whole and again in 1-, 3- and 7-byte chunks, and whole without the parser's `skip`
 * fast path, and (for a spec with `classify`) split and classified ahead as the threaded path does;
 * returns the whole result after checking all agree.
 */
export function parseEveryWay<T>(spec: Spec<T>, text: string | Uint8Array, hint?: ParseHint): T {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const whole = parseBytes(spec, bytes, 64 * 1024, 'utf-8', hint);
  const expected = JSON.stringify(whole);
  const slow = JSON.stringify(parseBytes(spec, bytes, 64 * 1024, 'utf-8', hint, false));
  if (slow !== expected) throw new Error(`parser result differs without its skip fast path:\n${slow}\n!==\n${expected}`);
  for (const size of [1, 3, 7]) {
    const got = JSON.stringify(parseBytes(spec, bytes, size, 'utf-8', hint));
    if (got !== expected) throw new Error(`parser result differs when fed in ${size}-byte chunks:\n${got}\n!==\n${expected}`);
  }
  if (spec.classify && spec.create(hint).skip) {
    for (const [size, batch] of [[64 * 1024, true], [64 * 1024, false], [7, true]] as const) {
      const got = JSON.stringify(parseClassifiedAhead(spec, bytes, size, hint, batch));
      if (got !== expected) throw new Error(`parser result differs with lines classified ahead (${size}-byte chunks${batch ? '' : ', line by line'}):\n${got}\n!==\n${expected}`);
    }
  }
  return whole;
}

/** A spec whose parsers count the lines their fast path (skip) took: tests check it was really used. */
export function countingSkips<T>(spec: Spec<T>): Spec<T> & { skipped: number } {
  const counting = {
    skipped: 0,
    create(hint?: ParseHint) {
      const p = spec.create(hint);
      const skip = p.skip!.bind(p);
      p.skip = (b, s, e, n, cls) => (skip(b, s, e, n, cls) ? (counting.skipped++, true) : false);
      return p;
    },
  };
  return counting;
}
