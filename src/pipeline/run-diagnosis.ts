// The one place that sequences a diagnosis: sources → evidence (ingest) → heap dumps → rules → the
// report document. Commands (diagnose today; gc, collect --diagnose and serve next) parse their
// arguments and call this; they never chain the steps themselves.

import { ingest, type IngestOptions } from '../evidence/ingest.js';
import type { DiagnosisReport } from '../model/report.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';
import { diagnose } from './diagnose.js';
import { analyzeHeapDumps } from './heap-dumps.js';
import { buildReport } from './report.js';

export interface RunDiagnosisOptions extends Omit<IngestOptions, 'progress'> {
  progress?: ProgressSink;
}

export async function runDiagnosis(paths: string[], opts: RunDiagnosisOptions = {}): Promise<DiagnosisReport> {
  const progress = opts.progress ?? silentProgress;
  const { case: c, heapDumps } = await ingest(paths, { ...opts, progress });
  await analyzeHeapDumps(c, heapDumps, progress);
  return buildReport(c, diagnose(c));
}
