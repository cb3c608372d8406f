// Scores jvmdoctor's real diagnosis on the real-world corpus in fixtures/wild/: pastes from public
// GitHub issues and blog posts, kept exactly as pasted (see fixtures/wild/README.md). Each case holds
// evidence files plus SOURCE.md (where it came from, what was concluded) and expected.json (the facts a
// correct answer states). Only the evidence files are given to `diagnose`: the expected answers are
// never where the tool reads.
//
// A fact counts as stated when one of its patterns matches the words a reader sees — title, summary,
// explanation, recommendations (action, detail, flags) and the finding's table — never the quoted
// evidence or the machine `facts`. Run `node dist/test/wild/score.js [case…]` for a per-case report.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runDiagnosis } from '../../src/pipeline/run-diagnosis.js';
import type { Finding } from '../../src/model/document.js';
import { formatBytes } from '../../src/util/bytes.js';
import { repoRoot } from '../../src/util/repo-root.js';

export interface Expected {
  facts: { id: string; any: string[] }[];
  /** Rule ids that must not fire on this case. */
  mustNotFire?: string[];
  /** Patterns that must not appear in the visible text (a wrong claim). */
  mustNotSay?: string[];
  /** The case has a cause a correct answer explains: it must get at least one finding. */
  hasCause: boolean;
}

export interface CaseScore {
  name: string;
  factsNeeded: number;
  factsStated: number;
  missed: string[];
  findings: string[];
  /** A case with a cause and no finding at all. */
  noFinding: boolean;
  /** Why this case counts as a false alarm (empty: it does not). */
  falseAlarms: string[];
}

export interface CorpusScore {
  cases: CaseScore[];
  factsNeeded: number;
  factsStated: number;
  noFinding: number;
  falseAlarmCases: number;
}

/** Files of a case that are the answer or its provenance, never evidence. */
const NOT_EVIDENCE = new Set(['SOURCE.md', 'expected.json']);

export function wildRoot(): string {
  return join(repoRoot(), 'fixtures', 'wild');
}

export function caseNames(): string[] {
  const root = wildRoot();
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function evidenceFiles(name: string): string[] {
  const dir = join(wildRoot(), name);
  return readdirSync(dir)
    .filter((f) => !NOT_EVIDENCE.has(f))
    .sort()
    .map((f) => join(dir, f));
}

export function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(wildRoot(), name, 'expected.json'), 'utf8')) as Expected;
}

/** The words a reader sees of a finding (not its quoted evidence, not its machine facts). */
export function visibleText(f: Finding): string {
  const parts = [f.title, f.summary, f.explanation];
  for (const r of f.recommendations) parts.push(r.action, r.detail, ...(r.flags ?? []));
  for (const t of f.tables ?? []) {
    parts.push([t.title ?? '', ...t.columns.map((c) => c.label)].join(' '));
    for (const r of t.rows) parts.push(r.map((v, i) => (typeof v === 'number' && t.columns[i]?.type === 'bytes' ? formatBytes(v) : String(v ?? '—'))).join(' '));
  }
  return parts.join('\n');
}

export async function scoreCase(name: string): Promise<CaseScore & { report: Finding[] }> {
  const expected = readExpected(name);
  const report = await runDiagnosis(evidenceFiles(name));
  const text = report.findings.map(visibleText).join('\n\n');
  const missed: string[] = [];
  for (const fact of expected.facts) {
    if (!fact.any.some((p) => new RegExp(p, 'iu').test(text))) missed.push(fact.id);
  }
  const falseAlarms: string[] = [];
  const fired = new Set(report.findings.map((f) => f.ruleId));
  for (const id of expected.mustNotFire ?? []) if (fired.has(id)) falseAlarms.push(`fired ${id}`);
  for (const p of expected.mustNotSay ?? []) {
    const m = new RegExp(p, 'iu').exec(text);
    if (m) falseAlarms.push(`said "${m[0]}"`);
  }
  if (!expected.hasCause) {
    for (const f of report.findings) if (f.severity !== 'info') falseAlarms.push(`${f.severity} ${f.ruleId} on a healthy case`);
  }
  return {
    name,
    factsNeeded: expected.facts.length,
    factsStated: expected.facts.length - missed.length,
    missed,
    findings: report.findings.map((f) => `${f.severity[0]}:${f.ruleId}`),
    noFinding: expected.hasCause && report.findings.length === 0,
    falseAlarms,
    report: report.findings,
  };
}

export async function scoreCorpus(names = caseNames()): Promise<CorpusScore> {
  const cases: CaseScore[] = [];
  for (const n of names) {
    const { report: _report, ...s } = await scoreCase(n);
    cases.push(s);
  }
  return {
    cases,
    factsNeeded: cases.reduce((a, c) => a + c.factsNeeded, 0),
    factsStated: cases.reduce((a, c) => a + c.factsStated, 0),
    noFinding: cases.filter((c) => c.noFinding).length,
    falseAlarmCases: cases.filter((c) => c.falseAlarms.length > 0).length,
  };
}

export function formatScore(s: CorpusScore): string {
  const pct = s.factsNeeded ? ((100 * s.factsStated) / s.factsNeeded).toFixed(1) : '100';
  const lines = [
    `wild corpus: ${s.cases.length} cases, facts ${s.factsStated}/${s.factsNeeded} (${pct} %), ` +
      `cases with a cause but no finding ${s.noFinding}, cases with a false alarm ${s.falseAlarmCases}`,
  ];
  for (const c of s.cases) {
    if (!c.missed.length && !c.noFinding && !c.falseAlarms.length) continue;
    lines.push(
      `  ${c.name}: ${c.factsStated}/${c.factsNeeded}` +
        (c.missed.length ? ` missed [${c.missed.join(', ')}]` : '') +
        (c.noFinding ? ' NO FINDING' : '') +
        (c.falseAlarms.length ? ` FALSE ALARM ${c.falseAlarms.join('; ')}` : '') +
        ` — findings ${c.findings.join(' ') || 'none'}`,
    );
  }
  return lines.join('\n');
}

// `node dist/test/wild/score.js [case…] [--text]`: the score, or each named case's visible text.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const args = process.argv.slice(2);
  const showText = args.includes('--text');
  const names = args.filter((a) => !a.startsWith('--'));
  if (showText) {
    for (const n of names) {
      const s = await scoreCase(n);
      console.log(`=== ${n}: ${s.factsStated}/${s.factsNeeded} missed [${s.missed.join(', ')}] ${s.falseAlarms.join('; ')}`);
      for (const f of s.report) console.log(`--- ${f.severity} ${f.ruleId}\n${visibleText(f)}\n`);
    }
  } else {
    console.log(formatScore(await scoreCorpus(names.length ? names : undefined)));
  }
}
