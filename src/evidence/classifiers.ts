// The byte-level line classifiers (TextParserSpec.classify) by evidence kind, apart from the parser
// registry: the line worker (src/evidence/line-worker.ts) imports only these, not every parser —
// a worker starts in ~20 ms, loading all parsers would double that. index.test.ts keeps the two
// registries in step.

import type { TextKind } from '../model/kinds.js';
import type { Classify } from '../input/line-index.js';
import { classifyLogLine } from '../parsers/log/line-bytes.js';

export const CLASSIFIERS: { [K in TextKind]?: Classify } = {
  log: classifyLogLine,
};
