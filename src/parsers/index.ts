// The explicit registry of text parsers, one per evidence kind (no discovery magic: grep finds them).

import type { TextKind } from '../evidence/kinds.js';
import type { EvidenceDataMap } from '../evidence/case.js';
import type { TextParserSpec } from './parser.js';
import { freeParser } from './free/parse.js';
import { javaVersionParser } from './java-version/parse.js';
import { jpsParser } from './jps/parse.js';
import { jstatParser } from './jstat/parse.js';
import { topParser } from './top/parse.js';
import { procStatusParser } from './proc-status/parse.js';
import { jvmOptionsParser } from './jvm-options/parse.js';
import { dockerInspectParser } from './docker-inspect/parse.js';
import { logParser } from './log/parse.js';
import { threadDumpParser } from './thread-dump/parse.js';

type Registry = { [K in TextKind]?: TextParserSpec<EvidenceDataMap[K] | undefined> };

export const PARSERS: Registry = {
  'java-version': javaVersionParser,
  free: freeParser,
  jps: jpsParser,
  jstat: jstatParser,
  top: topParser,
  'proc-status': procStatusParser,
  'jvm-options': jvmOptionsParser,
  'docker-inspect': dockerInspectParser,
  log: logParser,
  'thread-dump': threadDumpParser,
};
