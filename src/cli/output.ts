// What diagnose and heap (and the next commands) share after the pipeline has made the document:
// --format/--json, --out, --fail-on and the exit code that follows from the findings.

import { writeFile } from 'node:fs/promises';
import { EXIT } from './command.js';
import { UsageError } from '../util/errors.js';
import { FORMATS, render, type Format } from '../report/index.js';
import { styleFor } from '../report/style.js';
import { SEVERITY_ORDER, type Severity } from '../model/finding.js';
import type { ReportDocument } from '../model/document.js';

export const FAIL_ON = ['critical', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const OUTPUT_OPTIONS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'fail-on': { type: 'string' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  redact: { type: 'boolean' },
} as const;

export interface OutputChoice {
  format: Format;
  failOn: FailOn;
  out?: string;
  noColor: boolean;
  /** --redact: host names, addresses, paths and system properties left out. */
  redact: boolean;
  /** Progress is drawn only for text on a terminal: never for JSON or a report written to a file. */
  quiet: boolean;
}

export function outputChoice(
  command: string,
  values: { format?: string; json?: boolean; out?: string; 'fail-on'?: string; 'no-color'?: boolean; redact?: boolean },
  defaultFailOn: FailOn,
): OutputChoice {
  const format = (values.json ? 'json' : values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`${command}: --format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  const failOn = (values['fail-on'] ?? defaultFailOn) as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`${command}: --fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  return { format, failOn, out: values.out, noColor: Boolean(values['no-color']), redact: Boolean(values.redact), quiet: format === 'json' || Boolean(values.out && format !== 'text') };
}

/** Renders and writes the document; returns the exit code its findings call for. */
export async function emit(doc: ReportDocument, choice: OutputChoice): Promise<number> {
  const style = styleFor(process.stdout, choice.noColor || Boolean(choice.out));
  const text = render(doc, choice.format, style, { redact: choice.redact });
  if (choice.out) {
    await writeFile(choice.out, text);
    process.stderr.write(`jvmdoctor: report written to ${choice.out}\n`);
  } else {
    process.stdout.write(text);
  }
  if (choice.failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_ORDER[choice.failOn as Severity];
  return doc.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}
