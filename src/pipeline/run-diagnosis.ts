// The one place that sequences a run: sources → evidence (ingest) → heap dumps → rules → the report
// document. Commands (diagnose, heap; gc, collect --diagnose and serve next) parse their arguments
// and call these; they never chain the steps themselves.

import { ingest, type IngestOptions } from '../evidence/ingest.js';
import { Case } from '../evidence/case.js';
import type { ReportDocument } from '../model/document.js';
import { analyzeHeapDump, type AnalyzeOptions } from '../heap/analyze.js';
import { RULES } from '../rules/index.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';
import { diagnose } from './diagnose.js';
import { analyzeHeapDumps } from './heap-dumps.js';
import { buildDocument } from './report.js';

export interface RunDiagnosisOptions extends Omit<IngestOptions, 'progress'> {
  progress?: ProgressSink;
}

export async function runDiagnosis(paths: string[], opts: RunDiagnosisOptions = {}): Promise<ReportDocument> {
  const progress = opts.progress ?? silentProgress;
  const { case: c, heapDumps } = await ingest(paths, { ...opts, progress });
  await analyzeHeapDumps(c, heapDumps, progress);
  return buildDocument('diagnose', c, diagnose(c));
}

/**
 * `jvmdoctor heap`: one dump → the document with one `sections.heaps` entry, and the findings of the
 * rules that read heap dumps (so --fail-on means the same as for diagnose).
 */
export async function runHeap(path: string, opts: AnalyzeOptions = {}): Promise<ReportDocument> {
  const report = await analyzeHeapDump(path, opts);
  const c = new Case();
  c.heaps.push({ file: path, report });
  return buildDocument('heap', c, diagnose(c, RULES.filter((r) => r.reads.includes('hprof'))));
}
