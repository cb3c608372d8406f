// Test helper for rules: builds a Case from small named texts through the real sniffing and parsers,
// so a rule test exercises exactly what `diagnose` would do with those files.
// It also keeps each rule's `reads` honest: a finding citing a file of a kind the rule does not
// declare fails at once, and when the test file ends, every kind the rule declares must have been fed
// by one of its tests (each rule test file runs in its own process, so the tally is per rule).

import { after } from 'node:test';
import { Case } from '../evidence/case.js';
import { detectTextKind } from '../evidence/detect.js';
import { PARSERS } from '../evidence/parser-registry.js';
import { parseText, type TextParserSpec } from '../parsers/parser.js';
import { deriveFacts } from '../diagnosis/facts.js';
import type { Rule } from './define.js';
import type { Finding } from '../model/document.js';
import type { EvidenceKind } from '../model/kinds.js';
import type { HeapReport } from '../model/heap-report.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../util/repo-root.js';

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

const fed = new Map<Rule, Set<EvidenceKind>>();

// Registered when this module loads (at the test file's top level, so it runs after all its tests).
after(() => {
  if (process.env.JVMDOCTOR_READS_REPORT) {
    for (const [r, seen] of fed) console.error(`READS ${r.id} ${[...seen].sort().join(',')}`);
    return;
  }
  // Only in the rule's own test file (src/rules/<id>.test.ts): other tests may use a rule in passing.
  const own = (process.argv[1] ?? '').replace(/\\/g, '/').split('/').pop();
  for (const [r, seen] of fed) {
    if (own !== `${r.id}.test.js`) continue;
    const never = r.reads.filter((k) => !seen.has(k));
    if (never.length) throw new Error(`rule ${r.id} declares reads ${never.join(', ')} but no test feeds it that evidence`);
  }
});

/** The kinds an item is evidence of: a log that carries thread dumps (kill -3 into catalina.out) is thread-dump evidence too. */
function kindsOf(i: Case['items'][number]): EvidenceKind[] {
  return i.kind === 'log' && (i.data as { threadDumps?: unknown[] }).threadDumps?.length ? ['log', 'thread-dump'] : [i.kind];
}

/** Records what a rule was given (a test may feed other kinds too, to show the rule ignores them). */
function feed(rule: Rule, c: Case): void {
  const kinds = [...c.items.flatMap(kindsOf), ...(c.heaps.length ? (['hprof'] as const) : [])];
  if (!fed.has(rule)) fed.set(rule, new Set());
  for (const k of kinds) fed.get(rule)!.add(k);
}

/** A finding may cite only evidence of kinds the rule declares it reads. */
function checkCitations(rule: Rule, c: Case, findings: Finding[]): void {
  const kindOf = new Map<string, EvidenceKind[]>([...c.items.map((i) => [i.file, kindsOf(i)] as [string, EvidenceKind[]]), ...c.heaps.map((h) => [h.file, ['hprof']] as [string, EvidenceKind[]])]);
  for (const f of findings) {
    for (const e of f.evidence) {
      const k = kindOf.get(e.file);
      if (k !== undefined && !k.some((x) => rule.reads.includes(x))) throw new Error(`rule ${rule.id} cites ${e.file} (${k}), a kind its \`reads\` does not declare (${rule.reads.join(', ')})`);
    }
  }
}

/** Runs a rule over a Case as the pipeline does (facts derived first, findings stamped). */
export function runRuleOn(rule: Rule, c: Case): Finding[] {
  feed(rule, c);
  const findings = rule.evaluate({ case: c, facts: deriveFacts(c) });
  checkCitations(rule, c, findings);
  return findings;
}

export function runRule(rule: Rule, files: Record<string, string>): Finding[] {
  return runRuleOn(rule, caseFrom(files));
}

/** A Case holding analysed heap dumps (the heap rules' input). */
export function caseWithHeaps(...heaps: { file: string; report: HeapReport }[]): Case {
  const c = new Case();
  c.heaps.push(...heaps);
  return c;
}

/** A real GC log from src/gc/fixtures (JDK 17 runs of test/java/gc/GcWorkload.java), as a Case file. */
export function gcFixture(name: string): Record<string, string> {
  return { [`${name}`]: readFileSync(join(repoRoot(), 'src', 'gc', 'fixtures', name), 'utf8') };
}

/** A log of ../shared/corpus/gclogs, or undefined when the corpus is absent (the caller skips). */
export function gcCorpus(rel: string): Record<string, string> | undefined {
  // As test/support.ts sharedCorpus(): ../shared beside the checkout, or JVMDOCTOR_SHARED.
  const root = resolve(process.env.JVMDOCTOR_SHARED ?? resolve(repoRoot(), '..', 'shared'), 'corpus');
  const p = join(root, 'gclogs', rel);
  if (!existsSync(p)) return undefined;
  return { [rel.split('/').pop()!.replace(/\.txt$/, '.gc.log')]: readFileSync(p, 'utf8') };
}
