// Loaded with `node --import` by parser-bug.test.ts: swaps the registry's `free` parser for one that
// throws a TypeError on its third line, as a real bug would. Run alone (node --test picks up every
// file under test/), it only swaps the parser of its own process.

import { PARSERS } from '../../src/evidence/parser-registry.js';
import type { LineParser } from '../../src/parsers/parser.js';

// JVMDOCTOR_TEST_THROW=log breaks the log parser instead, on its byte-level fast path (skip) as well.
if (process.env.JVMDOCTOR_TEST_THROW === 'log') {
  const log = PARSERS.log!;
  PARSERS.log = {
    ...log,
    create(hint) {
      const real = log.create(hint) as LineParser<unknown>;
      const boom = (lineNo: number) => {
        if (lineNo === 3) void (undefined as unknown as { x: number }).x;
      };
      return {
        line(text: string, lineNo: number) {
          boom(lineNo);
          real.line(text, lineNo);
        },
        ...(real.skip ? { skip: (b: Buffer, s: number, e: number, n: number, c?: number) => (boom(n), real.skip!(b, s, e, n, c)) } : {}),
        ...(real.release ? { release: () => real.release!() } : {}),
        finish: () => real.finish(),
      };
    },
  } as typeof log;
}

const original = PARSERS.free!;
PARSERS.free = {
  ...original,
  create(hint) {
    const real = original.create(hint) as LineParser<unknown>;
    return {
      line(text: string, lineNo: number) {
        if (lineNo === 3) void (undefined as unknown as { x: number }).x;
        real.line(text, lineNo);
      },
      finish: () => real.finish(),
    };
  },
} as typeof original;
