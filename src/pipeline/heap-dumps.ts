// Heap dumps met while ingesting a case are analysed with the same engine as `jvmdoctor heap`
// (cached beside the dump, so a second diagnose of the same folder is instant) and added to the Case.

import type { Case } from '../evidence/case.js';
import type { HeapDumpInput } from '../evidence/ingest.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import type { ProgressSink } from '../util/progress.js';
import { isKnownError } from '../util/errors.js';

export async function analyzeHeapDumps(c: Case, dumps: HeapDumpInput[], progress?: ProgressSink): Promise<void> {
  for (const d of dumps) {
    if (!d.localPath) {
      c.skip(d.file, 'unsupported-archive', 'a heap dump inside an archive is not analysed (the analyzer needs the file on disk): extract it and pass the .hprof', 'hprof');
      continue;
    }
    try {
      c.heaps.push({ file: d.file, report: await analyzeHeapDump(d.localPath, { progress, top: 10 }) });
    } catch (e) {
      if (!isKnownError(e)) throw e;
      c.skip(d.file, 'unreadable', e.message.replace(`${d.localPath}: `, ''), 'hprof');
    }
  }
}
