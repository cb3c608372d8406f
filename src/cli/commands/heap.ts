// `jvmdoctor heap <dump>`: analyse one HPROF heap dump (plain or .gz).

import { analyzeHeapDump } from '../../heap/analyze.js';
import { renderHeapReport } from '../../heap/text-report.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';
import { writeFile } from 'node:fs/promises';
import { heapReportFindings } from '../../heap/findings.js';
import { renderHtml } from '../../report/html.js';
import { documentFromHeap } from '../../report/document-from-v1.js';

const usage = `Usage: jvmdoctor heap <dump.hprof[.gz]> [--top N] [--json | --format html [--redact] [--out FILE]] [--path <objectId>] [--no-cache]

Analyses a HotSpot heap dump: class histogram (the JVM's own sizes), biggest objects by retained
size with their paths from GC roots, leak suspects, threads.

Options:
  --top N            how many biggest objects to list (default 20)
  --json             print the report as one JSON document (schemaVersion 1), no progress
  --format html      one self-contained HTML page (histogram, dominators, suspects with paths)
  --redact           html: leave out host names, paths and system properties
  --out FILE         write the report to FILE
  --path <objectId>  also show the path from the GC roots to this object (0x… or decimal id)
  --no-cache         ignore and do not write the cache file beside the dump
  --debug            print stack traces of errors

Examples:
  jvmdoctor heap java_pid1234.hprof
  jvmdoctor heap dump.hprof.gz --json > heap.json
  jvmdoctor heap dump.hprof --path 0x7ff001234
`;

export const heapCommand = {
  name: 'heap',
  description: 'analyse a heap dump: histogram, biggest objects, leak suspects, threads',
  usage,
  async run(argv: string[]): Promise<number> {
    const parsed = parseCommandArgs(argv, {
      top: { type: 'string' },
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      out: { type: 'string' },
      redact: { type: 'boolean', default: false },
      path: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'heap: give the heap dump file' : 'heap: give exactly one heap dump file');
    let top = 20;
    if (values.top !== undefined) {
      if (!/^\d+$/.test(values.top)) throw new UsageError(`heap: --top wants a number, got "${values.top}"`);
      top = Number(values.top);
    }
    const format = values.json === true ? 'json' : values.format ?? 'text';
    if (!['text', 'json', 'html'].includes(format)) throw new UsageError(`heap: --format must be text, json or html (got "${format}")`);
    const json = format === 'json';
    const progress = progressFor({ quiet: json || Boolean(values.out) });
    const report = await analyzeHeapDump(positionals[0], { progress, top, pathTo: values.path, cache: !values['no-cache'] });
    progress.done();
    const out = json
      ? JSON.stringify(report, null, 2) + '\n'
      : format === 'html'
        ? renderHtml(documentFromHeap(report, heapReportFindings(report)), { redact: values.redact === true })
        : renderHeapReport(report);
    if (values.out) {
      await writeFile(values.out, out);
      process.stderr.write(`jvmdoctor: report written to ${values.out}\n`);
    } else process.stdout.write(out);
    return 0;
  },
};
