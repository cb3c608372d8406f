// `jvmdoctor gc <log…>`: analyse GC logs (any JDK format, any collector) — per JVM run the pauses,
// throughput, causes, live-set trend with a leak-or-undersized verdict — and the gc-* findings.

import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';
import { runGc } from '../../pipeline/run-gc.js';
import { emit, OUTPUT_OPTIONS, outputChoice } from '../output.js';
import { renderMarkdown } from '../../report/markdown.js';
import { redactDocument } from '../../report/redact.js';
import { gcCharts } from '../../report/svg-chart.js';
import { SEVERITY_ORDER, type Severity } from '../../model/finding.js';

export const gcCommand: Command = {
  name: 'gc',
  description: 'Analyse GC logs (JDK 5–25, every collector): pauses, throughput, causes, leak or undersized heap',
  usage: `Usage: jvmdoctor gc <log…> [options]

Reads GC logs — JDK 9+ unified logging (-Xlog:gc*, any decorations) and JDK 5–8 -XX:+PrintGCDetails or
-verbose:gc, from Serial, Parallel, CMS, G1, ZGC (also generational) and Shenandoah; rotated files,
.gz and bundles too — and reports per JVM run: pauses (count, total, p50/p95/p99, max) by kind and
cause, throughput, the live set after full collections with its trend (leak or undersized heap, time
to OOM), failures, safepoints, and the gc-* findings with the log lines behind them.

Options:
  --format <text|json|md|html>  output format (default: text); md with --out writes SVG charts beside it
  --json                    same as --format json
  --out <file>              write the report to a file instead of stdout
  --fail-on <level>         exit 1 when a finding is at or above: critical (default), warning, info, none
  --redact                  leave out host names, addresses and paths
  --no-color                plain text even on a terminal
  --debug                   show stack traces of errors
  -h, --help                this help

Examples:
  jvmdoctor gc gc.log
  jvmdoctor gc gc.log.0 gc.log.1 gc.log.2.current --json
  jvmdoctor gc /var/log/app/gc.log --format md --out gc-report.md
  jvmdoctor gc gc.log --format html --out gc.html --fail-on warning
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, OUTPUT_OPTIONS);
    if (positionals.length === 0) throw new UsageError('gc needs at least one GC log');
    const choice = outputChoice('gc', values, 'critical');
    const progress = progressFor({ quiet: choice.quiet });
    let doc;
    try {
      doc = await runGc(positionals, { progress });
    } finally {
      progress.done();
    }
    if (doc.inputs.length === 0 && doc.unused.length > 0 && doc.unused.every((u) => u.code === 'not-found')) {
      throw new UsageError(doc.unused.map((u) => `${u.file}: ${u.reason}`).join('; '));
    }
    if (!doc.sections.gc?.length) {
      // Not an internal error and not a finding: the user gave files that hold no GC log.
      process.stderr.write(`jvmdoctor gc: no GC log among the ${positionals.length} input(s)${doc.unused.length ? `: ${doc.unused.map((u) => `${u.file} (${u.reason})`).join('; ')}` : ''}\n`);
      return EXIT.error;
    }
    if (choice.format === 'md' && choice.out) return writeMarkdownWithCharts(choice.redact ? redactDocument(doc) : doc, choice.out, choice.failOn);
    return emit(doc, choice);
  },
};

/** Markdown with one SVG file per chart beside it (<out>-charts/…), linked relatively. */
async function writeMarkdownWithCharts(doc: Awaited<ReturnType<typeof runGc>>, out: string, failOn: string): Promise<number> {
  const dir = `${basename(out, extname(out))}-charts`;
  const abs = join(dirname(out), dir);
  await mkdir(abs, { recursive: true });
  const links: { path: string; title: string }[][][] = [];
  let n = 0;
  for (const [si, g] of (doc.sections.gc ?? []).entries()) {
    const perRun: { path: string; title: string }[][] = [];
    for (const [ri, r] of g.runs.entries()) {
      const files: { path: string; title: string }[] = [];
      for (const c of gcCharts(r.series ?? [])) {
        const name = `gc${si + 1}-run${ri + 1}-${c.name}.svg`;
        await writeFile(join(abs, name), c.svg);
        files.push({ path: `${dir}/${name}`, title: c.title });
        n++;
      }
      perRun.push(files);
    }
    links.push(perRun);
  }
  await writeFile(out, renderMarkdown(doc, { gcCharts: links }));
  process.stderr.write(`jvmdoctor: report written to ${out} (${n} chart(s) in ${join(dirname(out), dir)})\n`);
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return doc.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}
