// Loaded with `node --import` by parser-bug.test.ts: swaps the registry's `free` parser for one that
// throws a TypeError on its third line, as a real bug would. Run alone (node --test picks up every
// file under test/), it only swaps the parser of its own process.

import { PARSERS } from '../../src/evidence/parser-registry.js';
import type { LineParser } from '../../src/parsers/parser.js';

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
