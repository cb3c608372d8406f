// The Case: everything known about one incident — each parsed evidence file with its provenance,
// and the files that could not be used, with the reason. Rules read only the Case.

import type { EvidenceKind, TextKind } from '../model/kinds.js';
import type { LogReport } from '../parsers/log/types.js';
import type { FreeReport } from '../parsers/free/types.js';
import type { TopReport } from '../parsers/top/types.js';
import type { ProcStatusReport } from '../parsers/proc-status/types.js';
import type { JstatReport } from '../parsers/jstat/types.js';
import type { JavaVersionReport } from '../parsers/java-version/types.js';
import type { JpsReport } from '../parsers/jps/types.js';
import type { JvmOptionsReport } from '../parsers/jvm-options/types.js';
import type { DockerInspectReport } from '../parsers/docker-inspect/types.js';
import type { HeapReport } from '../model/heap-report.js';
import type { InputNote, UnusedCode, UnusedInput } from '../model/document.js';
import type { ThreadDumpReport } from '../parsers/thread-dump/types.js';
import type { CgroupReport } from '../parsers/cgroup/types.js';
import type { MeminfoReport } from '../parsers/meminfo/types.js';
import type { SmapsRollupReport } from '../parsers/smaps-rollup/types.js';
import type { NativeMemoryReport } from '../parsers/native-memory/types.js';
import type { ClassHistogramReport } from '../parsers/class-histogram/types.js';
import type { KubernetesReport } from '../parsers/kubernetes/types.js';
import type { GcLogReport } from '../parsers/gc-log/types.js';

/** kind → what its parser returns. */
export interface EvidenceDataMap {
  log: LogReport;
  free: FreeReport;
  top: TopReport;
  'proc-status': ProcStatusReport;
  jstat: JstatReport;
  'java-version': JavaVersionReport;
  jps: JpsReport;
  'jvm-options': JvmOptionsReport;
  'docker-inspect': DockerInspectReport;
  'thread-dump': ThreadDumpReport;
  cgroup: CgroupReport;
  meminfo: MeminfoReport;
  'smaps-rollup': SmapsRollupReport;
  'native-memory': NativeMemoryReport;
  'class-histogram': ClassHistogramReport;
  kubernetes: KubernetesReport;
  'gc-log': GcLogReport;
}

export interface EvidenceItem<K extends TextKind = TextKind> {
  /** Display path: as given on the command line, or "bundle.tar.gz!/member/path". */
  file: string;
  kind: K;
  data: EvidenceDataMap[K];
  bytes: number;
  lines: number;
  /** Encoding the text was decoded from ("utf-8", "gb18030", "utf-16le", …). */
  encoding: string;
  /** For a section of a terminal transcript: the command whose output it is, and its lines. */
  section?: string;
  /** Problems met while reading that did not stop the analysis (truncated long lines, binary runs…). */
  notes: string[];
  /** The same with their level, plus what the parser itself said (its `problem`, its `notes`). */
  problems?: InputNote[];
}

export type UnusedFile = UnusedInput;

/** A heap dump analysed by src/heap/ (binary evidence: not an EvidenceItem). */
export interface HeapEvidence {
  file: string;
  report: HeapReport;
}

export class Case {
  readonly items: EvidenceItem[] = [];
  readonly unused: UnusedFile[] = [];
  readonly heaps: HeapEvidence[] = [];

  add<K extends TextKind>(item: EvidenceItem<K>): void {
    this.items.push(item as unknown as EvidenceItem);
  }

  skip(file: string, code: UnusedCode, reason: string, kind?: EvidenceKind): void {
    this.unused.push(kind === undefined ? { file, code, reason } : { file, code, reason, kind });
  }

  /** Every item of one kind, in input order. */
  of<K extends TextKind>(kind: K): EvidenceItem<K>[] {
    return this.items.filter((i) => i.kind === kind) as unknown as EvidenceItem<K>[];
  }
}
