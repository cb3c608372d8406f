// `jvmdoctor heap <dump>`: analyse one HPROF heap dump (plain or .gz) into the report document (one
// `sections.heaps` entry plus the heap rules' findings), drawn like every other document.
// `--children` is a query over the kept heap model, answered without the document.

import { childrenOf, openHeapModel } from '../../heap/analyze.js';
import { renderChildren } from '../../heap/children-text.js';
import { HEAP_SEMANTICS, type HeapSemantics } from '../../graph/edge-semantics.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor, type ProgressSink } from '../../util/progress.js';
import { runHeap, runHeapDiff } from '../../pipeline/run-diagnosis.js';
import { emit, OUTPUT_OPTIONS, outputChoice } from '../output.js';
import type { Command } from '../command.js';

const usage = `Usage: jvmdoctor heap <dump.hprof[.gz]> [--top N] [--path <objectId>] [--format text|md|json|html] [--redact] [--out FILE] [--fail-on LEVEL] [--no-cache]
       jvmdoctor heap <dump.hprof[.gz]> --children <objectId|root> [--limit N] [--offset N] [--json]
<<<<<<< HEAD
       jvmdoctor heap diff <before.hprof> <after.hprof> [--top N] [--format text|md|json] [--out FILE]
=======
>>>>>>> heapmodel

Analyses a HotSpot heap dump: class histogram (the JVM's own sizes), biggest objects by retained
size with their paths from GC roots, leak suspects, class loaders, threads.
\`heap diff\`: what grew between two dumps of one JVM — per class instances, shallow and retained
bytes before, after and the delta (biggest retained growth first), and the biggest objects and
accumulation points that grew, matched by their path from the GC roots.

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
  --children <objectId|root>
<<<<<<< HEAD
                            list the object's immediate children in the dominator tree (what it alone
                            keeps alive), biggest retained size first; "root" for the top of the tree
  --limit N                 children per page (default 50)   --offset N   first child shown (default 0)
  --semantics <mat|strong>  which references retained sizes follow: mat (default) as Eclipse MAT,
                            Weak/Soft/Phantom references keep their referents; strong: only strong
                            references (what a GC clearing every soft reference would free)
=======
                            list the object's immediate children in the dominator tree (what it
                            alone keeps alive), biggest retained size first; "root": the top of the tree
  --limit N, --offset N     the page of children shown (default 50 from 0)
>>>>>>> heapmodel
  --no-cache                ignore and do not write the heap index beside the dump
  --no-color                plain text even on a terminal
  --debug                   print stack traces of errors

Examples:
  jvmdoctor heap java_pid1234.hprof
  jvmdoctor heap dump.hprof.gz --json > heap.json
  jvmdoctor heap dump.hprof --format md --out heap.md --fail-on critical
  jvmdoctor heap dump.hprof --format html --out heap.html
  jvmdoctor heap dump.hprof --path 0x7ff001234
  jvmdoctor heap dump.hprof --children root --limit 20
  jvmdoctor heap diff monday.hprof tuesday.hprof --format md --out growth.md

The first run keeps the analysed heap beside the dump (<dump>.jvmdoctor-index, or in
$XDG_CACHE_HOME/jvmdoctor when that folder is read-only); later runs, --path and --children answer from it.
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
      children: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      semantics: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    });
    const semantics = (values.semantics ?? 'mat') as HeapSemantics;
    if (!HEAP_SEMANTICS.includes(semantics)) throw new UsageError(`heap: --semantics must be one of ${HEAP_SEMANTICS.join(', ')} (got "${values.semantics}")`);
    const diff = positionals[0] === 'diff' && positionals.length !== 1;
    if (diff && positionals.length !== 3) throw new UsageError('heap diff: give two heap dump files, the earlier first');
    if (diff && (values.children !== undefined || values.path !== undefined)) throw new UsageError('heap diff: --children and --path are for one dump');
    if (!diff && positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'heap: give the heap dump file' : 'heap: give exactly one heap dump file');
    let top = 20;
    if (values.top !== undefined) {
      if (!/^\d+$/.test(values.top)) throw new UsageError(`heap: --top wants a number, got "${values.top}"`);
      top = Number(values.top);
    }
    // Default none: `heap` exited 0 on any dump before it had findings; --fail-on opts in.
    const choice = outputChoice('heap', values, 'none');
    const progress = progressFor({ quiet: choice.quiet });
    if (values.children !== undefined) return children(positionals[0], values.children, values, choice.format === 'json', progress, semantics);
    let doc;
    try {
      if (diff) {
        doc = await runHeapDiff(positionals[1], positionals[2], { progress, top, cache: !values['no-cache'], semantics });
      } else doc = await runHeap(positionals[0], { progress, top, pathTo: values.path, cache: !values['no-cache'], semantics });
    } finally {
      progress.done();
    }
    // An index that had to be rebuilt is worth a line (the report itself is complete).
    for (const h of doc.sections?.heaps ?? []) if (h.indexNote) process.stderr.write(`note: ${h.indexNote}\n`);
    return emit(doc, choice);
  },
};

/** `--children`: one page of the dominator tree, answered from the heap index (built first if missing). */
async function children(dump: string, node: string, values: { limit?: string; offset?: string }, json: boolean, progress: ProgressSink, semantics: HeapSemantics): Promise<number> {
  const count = (name: 'limit' | 'offset', dflt: number) => {
    const v = values[name];
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v)) throw new UsageError(`heap: --${name} wants a number, got "${v}"`);
    return Number(v);
  };
  const page = { limit: count('limit', 50), offset: count('offset', 0) };
  let opened;
  try {
    opened = await openHeapModel(dump, { progress, semantics });
  } finally {
    progress.done();
  }
  try {
    const rows = childrenOf(opened.model, node, page);
    if (!rows) throw new UsageError(`heap: --children ${node}: no object with that id in the dump (give an object id, 0x… or decimal, or "root")`);
    if (opened.note) process.stderr.write(`note: ${opened.note}\n`);
    process.stdout.write(json ? JSON.stringify(rows, null, 2) + '\n' : renderChildren(rows));
  } finally {
    opened.close();
  }
  return 0;
}
