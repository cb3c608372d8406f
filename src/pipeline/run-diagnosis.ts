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
import { diffHeapReports } from '../heap/diff.js';

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

/** Top objects each side lists for matching by path (more than a report shows: growth hides below). */
const DIFF_TOP = 200;

/**
 * `jvmdoctor heap diff`: both dumps analysed (each kept beside its dump, so a diff against the next
 * dump reuses this one), the diff as `sections.heapDiff`, and the heap rules' findings about the pair
 * (heap-growth) — not the single-dump findings, which `heap` on each dump gives.
 */
export async function runHeapDiff(before: string, after: string, opts: AnalyzeOptions = {}): Promise<ReportDocument> {
  const top = Math.max(opts.top ?? 20, DIFF_TOP);
  const b = await analyzeHeapDump(before, { ...opts, top, pathTo: undefined });
  const a = await analyzeHeapDump(after, { ...opts, top, pathTo: undefined });
  const c = new Case();
  c.heaps.push({ file: before, report: b }, { file: after, report: a });
  const doc = buildDocument('heap', c, diagnose(c, RULES.filter((r) => r.id === 'heap-growth')));
  return { ...doc, sections: { heapDiff: diffHeapReports(before, b, after, a, { grown: opts.top ?? 20 }) } };
}
