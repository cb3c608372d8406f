// Test helpers shared by parser tests: run a parser over text through the real streaming line
// splitter, whole and in tiny chunks (chunk-boundary bugs are the classic streaming bug).

import type { LineParser, ParseHint } from './parser.js';
import { LineSplitter } from '../input/lines.js';

export function parseBytes<T>(spec: { create(hint?: ParseHint): LineParser<T> }, bytes: Uint8Array, chunkSize = 64 * 1024, encoding = 'utf-8', hint?: ParseHint): T {
  const parser = spec.create(hint);
  const splitter = new LineSplitter(encoding, (text, lineNo) => parser.line(text, lineNo));
  for (let i = 0; i < bytes.length; i += chunkSize) splitter.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  splitter.end();
  return parser.finish();
}

/** Parses `text` whole and again in 1-, 3- and 7-byte chunks; returns the whole result after checking all agree. */
export function parseEveryWay<T>(spec: { create(hint?: ParseHint): LineParser<T> }, text: string | Uint8Array, hint?: ParseHint): T {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const whole = parseBytes(spec, bytes, 64 * 1024, 'utf-8', hint);
  const expected = JSON.stringify(whole);
  for (const size of [1, 3, 7]) {
    const got = JSON.stringify(parseBytes(spec, bytes, size, 'utf-8', hint));
    if (got !== expected) throw new Error(`parser result differs when fed in ${size}-byte chunks:\n${got}\n!==\n${expected}`);
  }
  return whole;
}
