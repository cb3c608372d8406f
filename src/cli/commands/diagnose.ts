// `jvmdoctor diagnose <path…>`: read every piece of evidence, run the rules, print a ranked diagnosis.

import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';
import { runDiagnosis } from '../../pipeline/run-diagnosis.js';
import { FORMATS, render, type Format } from '../../report/index.js';
import { styleFor } from '../../report/style.js';
import { SEVERITY_ORDER, type Severity } from '../../model/finding.js';
import { renderHtml } from '../../report/html.js';
import { documentFromDiagnosis } from '../../report/document-from-v1.js';

const FAIL_ON = ['critical', 'warning', 'info', 'none'] as const;

export const diagnoseCommand: Command = {
  name: 'diagnose',
  description: 'Explain an out-of-memory incident from logs, free/top, jstat, JVM flags, … (files, folders, .tar.gz, .zip)',
  usage: `Usage: jvmdoctor diagnose <path…> [options]

Reads every file given (folders recursively; .tar.gz/.tgz/.zip/.gz bundles as streams), sniffs each
file's kind, and prints a ranked diagnosis: root cause, evidence (file:line), and what to change.

Options:
  --format <text|json|md|html>  output format (default: text); html is one self-contained page
  --redact                  html: leave out host names, addresses, paths and system properties
  --json                    same as --format json
  --out <file>              write the report to a file instead of stdout
  --fail-on <level>         exit 1 when a finding is at or above: critical (default), warning, info, none
  --no-color                plain text even on a terminal
  --debug                   show stack traces of errors
  -h, --help                this help

Examples:
  jvmdoctor diagnose examples/seed-incident
  jvmdoctor diagnose catalina.out free.txt jstat-gccapacity.txt catalina.sh
  jvmdoctor diagnose evidence.tar.gz --format md --out incident.md
  jvmdoctor diagnose examples/seed-incident --format html --redact --out incident.html
  jvmdoctor diagnose /var/log/tomcat --json --fail-on warning
`,
  async run(argv) {
    const parsed = parseCommandArgs(argv, {
      format: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      redact: { type: 'boolean' },
    });
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('diagnose needs at least one file or folder');
    const format = (values.json ? 'json' : values.format ?? 'text') as Format | 'html';
    if (format !== 'html' && !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${[...FORMATS, 'html'].join(', ')} (got "${values.format}")`);
    const failOn = (values['fail-on'] ?? 'critical') as (typeof FAIL_ON)[number];
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);

    const progress = progressFor({ quiet: format === 'json' || Boolean(values.out && format !== 'text') });
    let report;
    try {
      report = await runDiagnosis(positionals, { progress });
    } finally {
      progress.done();
    }
    if (report.inputs.length === 0 && report.unused.length > 0 && report.unused.every((u) => /no such file or folder/.test(u.reason))) {
      throw new UsageError(report.unused.map((u) => `${u.file}: ${u.reason}`).join('; '));
    }
    const style = styleFor(process.stdout, Boolean(values['no-color']) || Boolean(values.out));
    const text = format === 'html' ? renderHtml(documentFromDiagnosis(report), { redact: Boolean(values.redact) }) : render(report, format, style);
    if (values.out) {
      await writeFile(values.out, text);
      process.stderr.write(`jvmdoctor: report written to ${values.out}\n`);
    } else {
      process.stdout.write(text);
    }
    if (failOn === 'none') return EXIT.ok;
    const threshold = SEVERITY_ORDER[failOn as Severity];
    return report.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
  },
};
