// The explicit registry of text parsers, one per evidence kind (no discovery magic: grep finds them).

import type { TextKind } from '../model/kinds.js';
import type { EvidenceDataMap } from './case.js';
import type { TextParserSpec } from '../parsers/parser.js';
import { freeParser } from '../parsers/free/parse.js';
import { javaVersionParser } from '../parsers/java-version/parse.js';
import { jpsParser } from '../parsers/jps/parse.js';
import { jstatParser } from '../parsers/jstat/parse.js';
import { topParser } from '../parsers/top/parse.js';
import { procStatusParser } from '../parsers/proc-status/parse.js';
import { jvmOptionsParser } from '../parsers/jvm-options/parse.js';
import { dockerInspectParser } from '../parsers/docker-inspect/parse.js';
import { logParser } from '../parsers/log/parse.js';
import { threadDumpParser } from '../parsers/thread-dump/parse.js';
import { cgroupParser } from '../parsers/cgroup/parse.js';
import { meminfoParser } from '../parsers/meminfo/parse.js';
import { smapsRollupParser } from '../parsers/smaps-rollup/parse.js';
import { nativeMemoryParser } from '../parsers/native-memory/parse.js';
import { classHistogramParser } from '../parsers/class-histogram/parse.js';
import { kubernetesParser } from '../parsers/kubernetes/parse.js';
import { gcLogParser } from '../parsers/gc-log/parse.js';

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
  cgroup: cgroupParser,
  meminfo: meminfoParser,
  'smaps-rollup': smapsRollupParser,
  'native-memory': nativeMemoryParser,
  'class-histogram': classHistogramParser,
  kubernetes: kubernetesParser,
  'gc-log': gcLogParser,
};
