// The contract every text parser follows: a pure, line-at-a-time consumer. It never reads files,
// prints, exits or reads the clock, so it can be fed from a 1 GB stream, a tar member or a test
// string alike, and its tests can replay the same input in tiny chunks (speedscope's lesson).

export interface LineParser<T> {
  /** One line of the input, without its line terminator; `lineNo` is 1-based. */
  line(text: string, lineNo: number): void;
  /** The input is over: return what was learned. Called exactly once. */
  finish(): T;
  /**
   * Optional fast path for big inputs: given a line's UTF-8 bytes (no terminator), return true when
   * the line needs no `line()` call — the parser handled it from its bytes or has no use for it. The
   * result must be what `line()` on the decoded text would have produced: parseEveryWay checks it
   * (whole-chunk runs take this path, tiny-chunk runs mostly do not). See src/input/lines.ts LineSkip.
   * `cls`, when given, is the spec's `classify` of these very bytes, computed ahead (on another
   * thread for big files, src/input/line-worker.ts): the parser uses it instead of looking again.
   */
  skip?(bytes: Buffer, start: number, end: number, lineNo: number, cls?: number): boolean;
  /**
   * Called after the lines of each chunk were offered to `skip`: the bytes it was given may be reused
   * from now on, so a parser that kept a reference to them (to copy only what it still needs, once per
   * chunk rather than once per line) copies it now.
   */
  release?(): void;
  /**
   * Optional batch form of `skip` for lines split and classified ahead (src/input/line-index.ts):
   * line `firstLine + i` is bytes[starts[i]..ends[i]) with verdict cls[i]. Skips lines from `from`
   * (exclusive of `to`) as `skip` would, one after another, and returns how many; the next line is
   * then decoded and given to line(). cls values above MAX_CLASS are the splitter's own marks (a
   * decoded or dropped line): stop there.
   */
  skipLines?(bytes: Buffer, starts: Int32Array, ends: Int32Array, cls: Uint8Array, from: number, to: number, firstLine: number): number;
}

/**
 * What the pipeline knows about a text besides its lines: the file's base name, or the command that
 * printed it in a terminal transcript. Parsers that cannot tell their input apart by content alone
 * (a cgroup file holding one number) use it; every other parser ignores it.
 */
export interface ParseHint {
  name?: string;
  command?: string;
}

export { MAX_CLASS } from '../input/line-index.js';

/** Everything the pipeline needs to know about one evidence kind's text parser. */
export interface TextParserSpec<T> {
  /**
   * How sure we are that this file is of this kind, 0 (no) … 1 (certain), from its base name and
   * the first ~64 KB of its decoded text. Name alone should never score above 0.5: content decides.
   */
  sniff(name: string, head: string): number;
  create(hint?: ParseHint): LineParser<T>;
  /**
   * Optional companion of LineParser.skip: what can be told of one line from its bytes alone, as a
   * small number (0…253) that `skip` understands. A pure function of the bytes — no parser state —
   * so it can run ahead of the parser, on another thread, while the parser works on earlier lines.
   */
  classify?(bytes: Uint8Array, start: number, end: number): number;
}

/** Feeds a whole string through a parser (tests, small inputs). */
export function parseText<T>(spec: { create(hint?: ParseHint): LineParser<T> }, text: string, hint?: ParseHint): T {
  const p = spec.create(hint);
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => p.line(l, i + 1));
  return p.finish();
}

export type { Sourced } from '../model/sourced.js';
