// `jvmdoctor heap <dump>`: analyse one HPROF heap dump (plain or .gz) into the report document (one
// `sections.heaps` entry plus the heap rules' findings), drawn like every other document.

import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';
import { runHeap } from '../../pipeline/run-diagnosis.js';
import { emit, OUTPUT_OPTIONS, outputChoice } from '../output.js';
import type { Command } from '../command.js';

const usage = `Usage: jvmdoctor heap <dump.hprof[.gz]> [--top N] [--path <objectId>] [--format text|md|json|html] [--redact] [--out FILE] [--fail-on LEVEL] [--no-cache]

Analyses a HotSpot heap dump: class histogram (the JVM's own sizes), biggest objects by retained
size with their paths from GC roots, leak suspects, class loaders, threads.

Options:
  --top N                   how many biggest objects to list (default 20)
  --format <text|json|md|html>  output format (default: text); json is the report document
                            (schemaVersion 2) with the analysis in sections.heaps[0]; html one
                            self-contained page (sortable histogram and dominators, suspects)
  --redact                  leave out host names, paths and system properties (to share)
  --json                    same as --format json
  --out <file>              write the report to a file instead of stdout
  --fail-on <level>         exit 1 when a finding (leak suspect, stopped class loader) is at or
                            above: critical, warning, info, none (default: none)
  --path <objectId>         also show the path from the GC roots to this object (0x… or decimal id)
  --no-cache                ignore and do not write the cache file beside the dump
  --no-color                plain text even on a terminal
  --debug                   print stack traces of errors

Examples:
  jvmdoctor heap java_pid1234.hprof
  jvmdoctor heap dump.hprof.gz --json > heap.json
  jvmdoctor heap dump.hprof --format md --out heap.md --fail-on critical
  jvmdoctor heap dump.hprof --format html --out heap.html
  jvmdoctor heap dump.hprof --path 0x7ff001234
`;

export const heapCommand: Command = {
  name: 'heap',
  description: 'analyse a heap dump: histogram, biggest objects, leak suspects, threads',
  usage,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      ...OUTPUT_OPTIONS,
      top: { type: 'string' },
      path: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'heap: give the heap dump file' : 'heap: give exactly one heap dump file');
    let top = 20;
    if (values.top !== undefined) {
      if (!/^\d+$/.test(values.top)) throw new UsageError(`heap: --top wants a number, got "${values.top}"`);
      top = Number(values.top);
    }
    // Default none: `heap` exited 0 on any dump before it had findings; --fail-on opts in.
    const choice = outputChoice('heap', values, 'none');
    const progress = progressFor({ quiet: choice.quiet });
    let doc;
    try {
      doc = await runHeap(positionals[0], { progress, top, pathTo: values.path, cache: !values['no-cache'] });
    } finally {
      progress.done();
    }
    return emit(doc, choice);
  },
};
