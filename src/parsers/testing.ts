// Test helpers shared by parser tests: run a parser over text through the real streaming line
// splitter, whole and in tiny chunks (chunk-boundary bugs are the classic streaming bug).

import type { LineParser, ParseHint } from './parser.js';
import { LineSplitter } from '../input/lines.js';

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
  const splitter = new LineSplitter(encoding, (text, lineNo) => parser.line(text, lineNo), undefined, skip);
  for (let i = 0; i < bytes.length; i += chunkSize) splitter.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  splitter.end();
  return parser.finish();
}

/**
 * Parses `text` whole and again in 1-, 3- and 7-byte chunks, and whole without the parser's `skip`
 * fast path; returns the whole result after checking all agree.
 */
export function parseEveryWay<T>(spec: { create(hint?: ParseHint): LineParser<T> }, text: string | Uint8Array, hint?: ParseHint): T {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const whole = parseBytes(spec, bytes, 64 * 1024, 'utf-8', hint);
  const expected = JSON.stringify(whole);
  const slow = JSON.stringify(parseBytes(spec, bytes, 64 * 1024, 'utf-8', hint, false));
  if (slow !== expected) throw new Error(`parser result differs without its skip fast path:\n${slow}\n!==\n${expected}`);
  for (const size of [1, 3, 7]) {
    const got = JSON.stringify(parseBytes(spec, bytes, size, 'utf-8', hint));
    if (got !== expected) throw new Error(`parser result differs when fed in ${size}-byte chunks:\n${got}\n!==\n${expected}`);
  }
  return whole;
}
