// `jvmdoctor gc`: GC logs → the report document with one `sections.gc` entry per log and the findings
// of the rules that read GC logs (so --fail-on means what it means for diagnose). Files that are not
// GC logs are listed as unused, with what they were taken for.

import { ingest, type IngestOptions } from '../evidence/ingest.js';
import { Case } from '../evidence/case.js';
import type { ReportDocument } from '../model/document.js';
import { RULES } from '../rules/index.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';
import { diagnose } from './diagnose.js';
import { buildDocument } from './report.js';

export interface RunGcOptions extends Omit<IngestOptions, 'progress'> {
  progress?: ProgressSink;
}

export async function runGc(paths: string[], opts: RunGcOptions = {}): Promise<ReportDocument> {
  const progress = opts.progress ?? silentProgress;
  const { case: all } = await ingest(paths, { ...opts, progress });
  const c = new Case();
  for (const item of all.items) {
    if (item.kind === 'gc-log') c.add(item as never);
    else c.skip(item.file, 'other', `read as ${item.kind}, not a GC log (use \`jvmdoctor diagnose\` for every kind of evidence)`, item.kind);
  }
  for (const u of all.unused) c.unused.push(u);
  return buildDocument('gc', c, diagnose(c, RULES.filter((r) => r.reads.includes('gc-log'))));
}
