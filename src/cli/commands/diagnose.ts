// `jvmdoctor diagnose <path…>`: read every piece of evidence, run the rules, print a ranked diagnosis.

import type { Command } from '../command.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { progressFor } from '../../util/progress.js';
import { runDiagnosis } from '../../pipeline/run-diagnosis.js';
import { emit, OUTPUT_OPTIONS, outputChoice } from '../output.js';

export const diagnoseCommand: Command = {
  name: 'diagnose',
  description: 'Explain an out-of-memory incident from logs, free/top, jstat, JVM flags, … (files, folders, .tar.gz, .zip)',
  usage: `Usage: jvmdoctor diagnose <path…> [options]

Reads every file given (folders recursively; .tar.gz/.tgz/.zip/.gz bundles as streams), sniffs each
file's kind, and prints a ranked diagnosis: root cause, evidence (file:line), and what to change.

Options:
  --format <text|json|md|html>  output format (default: text); html is one self-contained page
  --redact                  leave out host names, addresses, paths and system properties (to share)
  --json                    same as --format json
  --out <file>              write the report to a file instead of stdout
  --fail-on <level>         exit 1 when a finding is at or above: critical (default), warning, info, none
  --no-color                plain text even on a terminal
  --debug                   show stack traces of errors (and of internal errors, exit code 3)
  -h, --help                this help

Examples:
  jvmdoctor diagnose examples/seed-incident
  jvmdoctor diagnose catalina.out free.txt jstat-gccapacity.txt catalina.sh
  jvmdoctor diagnose evidence.tar.gz --format md --out incident.md
  jvmdoctor diagnose examples/seed-incident --format html --redact --out incident.html
  jvmdoctor diagnose /var/log/tomcat --json --fail-on warning
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, OUTPUT_OPTIONS);
    if (positionals.length === 0) throw new UsageError('diagnose needs at least one file or folder');
    const choice = outputChoice('diagnose', values, 'critical');
    const progress = progressFor({ quiet: choice.quiet });
    let doc;
    try {
      doc = await runDiagnosis(positionals, { progress });
    } finally {
      progress.done();
    }
    // Nothing given exists: a mistyped command line, not an incident with no evidence.
    if (doc.inputs.length === 0 && doc.unused.length > 0 && doc.unused.every((u) => u.code === 'not-found')) {
      throw new UsageError(doc.unused.map((u) => `${u.file}: ${u.reason}`).join('; '));
    }
    return emit(doc, choice);
  },
};
