// Test helper for rules: builds a Case from small named texts through the real sniffing and parsers,
// so a rule test exercises exactly what `diagnose` would do with those files.

import { Case } from '../evidence/case.js';
import { detectTextKind } from '../evidence/detect.js';
import { PARSERS } from '../evidence/parser-registry.js';
import { parseText, type TextParserSpec } from '../parsers/parser.js';
import { deriveFacts } from '../diagnosis/facts.js';
import type { Rule } from './define.js';
import type { Finding } from '../model/finding.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/repo-root.js';
import { resolve } from 'node:path';

export function caseFrom(files: Record<string, string>): Case {
  const c = new Case();
  for (const [file, text] of Object.entries(files)) {
    const { kind } = detectTextKind(file, text);
    if (!kind) throw new Error(`test input ${file} was not recognised as any evidence kind`);
    const data: unknown = parseText(PARSERS[kind]! as TextParserSpec<unknown>, text, { name: file.split('/').pop() });
    if (data === undefined) throw new Error(`test input ${file} parsed to nothing as ${kind}`);
    c.add({ file, kind, data: data as never, bytes: text.length, lines: text.split('\n').length, encoding: 'utf-8', notes: [] });
  }
  return c;
}

export function runRule(rule: Rule, files: Record<string, string>): Finding[] {
  const c = caseFrom(files);
  return rule.run({ case: c, facts: deriveFacts(c) });
}

/** A real GC log from src/gc/fixtures (JDK 17 runs of test/java/gc/GcWorkload.java), as a Case file. */
export function gcFixture(name: string): Record<string, string> {
  return { [`${name}`]: readFileSync(join(repoRoot(), 'src', 'gc', 'fixtures', name), 'utf8') };
}

/** A log of ../shared/corpus/gclogs, or undefined when the corpus is absent (the caller skips). */
export function gcCorpus(rel: string): Record<string, string> | undefined {
  // As test/support.ts sharedCorpus(): ../shared beside the checkout, or JVMDOCTOR_SHARED.
  const root = resolve(process.env.JVMDOCTOR_SHARED ?? resolve(repoRoot(), '..', 'shared'), 'corpus');
  const p = root && join(root, 'gclogs', rel);
  if (!p || !existsSync(p)) return undefined;
  return { [rel.split('/').pop()!.replace(/\.txt$/, '.gc.log')]: readFileSync(p, 'utf8') };
}
