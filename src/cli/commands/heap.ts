// `jvmdoctor heap <dump>`: analyse one HPROF heap dump (plain or .gz).

import { analyzeHeapDump } from '../../heap/analyze.js';
import { renderHeapReport } from '../../heap/text-report.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';

const usage = `Usage: jvmdoctor heap <dump.hprof[.gz]> [--top N] [--json] [--path <objectId>] [--no-cache]

Analyses a HotSpot heap dump: class histogram (the JVM's own sizes), biggest objects by retained
size with their paths from GC roots, leak suspects, threads.

Options:
  --top N            how many biggest objects to list (default 20)
  --json             print the report as one JSON document (schemaVersion 1), no progress
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
    const json = values.json === true;
    const progress = progressFor({ quiet: json });
    const report = await analyzeHeapDump(positionals[0], { progress, top, pathTo: values.path, cache: !values['no-cache'] });
    progress.done();
    if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else process.stdout.write(renderHeapReport(report));
    return 0;
  },
};
