// The explicit registry of text parsers, one per evidence kind (no discovery magic: grep finds them).

import type { TextKind } from '../evidence/kinds.js';
import type { EvidenceDataMap } from '../evidence/case.js';
import type { TextParserSpec } from './parser.js';
import { javaVersionParser } from './java-version/parse.js';
import { jpsParser } from './jps/parse.js';
import { threadDumpParser } from './thread-dump/parse.js';

type Registry = { [K in TextKind]?: TextParserSpec<EvidenceDataMap[K] | undefined> };

export const PARSERS: Registry = {
  'java-version': javaVersionParser,
  jps: jpsParser,
  'thread-dump': threadDumpParser,
};
