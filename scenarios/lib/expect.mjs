// A scenario's expectations, written once in its scenario.mjs and checked both by the standalone runner
// (printed as ✔/✘) and by test/e2e/scenarios.test.ts (asserted, with `what` as the failure message).
//
// Evidence expectations look at the saved files:
//   { what, file: 'app.log' | /regex on the base name/, contains: 'text' }
//   { what, file, matches: /regex/g, count: { min, max } }      (count of matches; default min 1)
//   { what, file, bytes: { min, max } }
// Diagnosis expectations look at `jvmdoctor diagnose --format json` of the evidence folder:
//   { what, needs: { rules: [...], parsers: [...] }, top: { ruleId, severity?, facts? } }   first finding
//   { what, needs, top: [ {…}, {…} ] }                          first finding, matching one of these
//   { what, needs, finding: { ruleId?, severity?, facts? } }           some finding (of any rule without ruleId)
//   { what, needs, none: { ruleId, facts? } }                                             no such finding
//   { what, needs, noCritical: true }
// `todo: 'why'` marks an expectation that states the right behaviour but is known to fail in this build
// (a bug found by the scenario, reported and not fixed yet): the tests report it as a todo with that text.
// A finding matcher may also say `title: 'regex'` (the finding's title matches), and
// `mentions: ['text', …]`: each text appears somewhere in the finding; `mentionsAny`: at least one does
// (title, summary, evidence excerpts, recommendations) — for names that are not facts, like a path.
// Fact matchers: a plain value (equal), { includes: [...] } (array or string contains each),
// { min, max } (number), { match: 'regex' } (string).
// `needs` names the rules and parsers the expectation depends on; while one is not registered in the
// build, the expectation is "waiting" (the tests mark it todo) instead of failing.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';

function filesMatching(dir, file) {
  if (typeof file === 'string') return existsSync(join(dir, file)) ? [file] : [];
  return readdirSync(dir).filter((f) => file.test(f)).sort();
}

/** @returns {{ok: boolean, detail: string}} */
export function checkEvidence(dir, exp) {
  const files = filesMatching(dir, exp.file);
  if (files.length === 0) return { ok: false, detail: `no file ${exp.file} in ${dir} (has: ${readdirSync(dir).join(', ')})` };
  const name = files[0];
  const path = join(dir, name);
  if (exp.bytes) {
    const size = statSync(path).size;
    const ok = (exp.bytes.min === undefined || size >= exp.bytes.min) && (exp.bytes.max === undefined || size <= exp.bytes.max);
    return { ok, detail: `${name} is ${size} bytes (want ${exp.bytes.min ?? 0}..${exp.bytes.max ?? '∞'})` };
  }
  const text = readFileSync(path, 'utf8');
  if (exp.contains !== undefined) {
    return { ok: text.includes(exp.contains), detail: `${name} ${text.includes(exp.contains) ? 'contains' : 'lacks'} "${exp.contains}"` };
  }
  if (exp.matches) {
    const re = exp.matches.global ? exp.matches : new RegExp(exp.matches.source, exp.matches.flags + 'g');
    const n = [...text.matchAll(re)].length;
    const min = exp.count?.min ?? 1;
    const max = exp.count?.max;
    return { ok: n >= min && (max === undefined || n <= max), detail: `${name}: ${n} match(es) of ${re} (want ${min}..${max ?? '∞'})` };
  }
  return { ok: true, detail: `${name} present` };
}

function matchValue(actual, want) {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if ('includes' in want) {
      const hay = Array.isArray(actual) ? actual.map(String) : typeof actual === 'string' ? actual : undefined;
      if (hay === undefined) return false;
      return want.includes.every((w) => (Array.isArray(hay) ? hay.includes(w) : hay.includes(w)));
    }
    if ('min' in want || 'max' in want) {
      return typeof actual === 'number' && (want.min === undefined || actual >= want.min) && (want.max === undefined || actual <= want.max);
    }
    if ('match' in want) return typeof actual === 'string' && new RegExp(want.match).test(actual);
  }
  return isDeepStrictEqual(actual, want);
}

function findingMatches(f, want) {
  const problems = [];
  if (want.ruleId !== undefined && f.ruleId !== want.ruleId) problems.push(`ruleId ${f.ruleId} ≠ ${want.ruleId}`);
  if (want.severity && f.severity !== want.severity) problems.push(`severity ${f.severity} ≠ ${want.severity}`);
  for (const [k, v] of Object.entries(want.facts ?? {})) {
    if (!matchValue(f.facts?.[k], v)) problems.push(`facts.${k} = ${JSON.stringify(f.facts?.[k])}, want ${JSON.stringify(v)}`);
  }
  if (want.title && !new RegExp(want.title).test(f.title)) problems.push(`title "${f.title}" does not match /${want.title}/`);
  const text = JSON.stringify(f);
  for (const m of want.mentions ?? []) if (!text.includes(m)) problems.push(`does not mention "${m}"`);
  if (want.mentionsAny && !want.mentionsAny.some((m) => text.includes(m))) problems.push(`mentions none of ${want.mentionsAny.map((m) => `"${m}"`).join(', ')}`);
  return problems;
}

function brief(findings) {
  return findings.length ? findings.map((f) => `${f.severity}:${f.ruleId}`).join(', ') : 'no findings';
}

/** @returns {{ok: boolean, detail: string}} */
export function checkDiagnosis(report, exp) {
  const findings = report.findings ?? [];
  if (exp.noCritical) {
    const critical = findings.filter((f) => f.severity === 'critical');
    return { ok: critical.length === 0, detail: critical.length ? `critical: ${brief(critical)}` : `no critical finding (${brief(findings)})` };
  }
  if (exp.top) {
    const alternatives = Array.isArray(exp.top) ? exp.top : [exp.top];
    const names = alternatives.map((a) => a.ruleId).join(' or ');
    if (findings.length === 0) return { ok: false, detail: `no findings; want ${names} first` };
    const tries = alternatives.map((a) => findingMatches(findings[0], a));
    const ok = tries.some((p) => p.length === 0);
    return { ok, detail: ok ? `top finding ${findings[0].ruleId} as expected` : `top finding: ${tries.map((p) => p.join('; ')).join(' | or | ')} (findings: ${brief(findings)})` };
  }
  if (exp.none) {
    const hits = findings.filter((f) => findingMatches(f, exp.none).length === 0);
    return { ok: hits.length === 0, detail: hits.length ? `unexpected: ${hits.map((f) => `${f.severity}:${f.ruleId} ${JSON.stringify(f.facts ?? {})}`).join('; ')}` : `no ${exp.none.ruleId} finding like that` };
  }
  if (exp.finding) {
    const same = exp.finding.ruleId === undefined ? findings : findings.filter((f) => f.ruleId === exp.finding.ruleId);
    if (same.length === 0) return { ok: false, detail: `no ${exp.finding.ruleId ?? ''} finding (findings: ${brief(findings)})` };
    const tries = same.map((f) => findingMatches(f, exp.finding));
    const ok = tries.some((p) => p.length === 0);
    const name = exp.finding.ruleId ?? 'a finding';
    return { ok, detail: ok ? `${name} found as expected` : `${name}: ${tries[0].join('; ')}${exp.finding.ruleId ? '' : ` (findings: ${brief(findings)})`}` };
  }
  throw new Error(`expectation "${exp.what}" has no top/finding/none/noCritical`);
}

/**
 * What an expectation still waits for in this build: rule ids not in RULES, parser kinds not in PARSERS.
 * @param {{rules: {id: string}[], parsers: Record<string, unknown>}} registry
 */
export function missingPieces(exp, registry) {
  const rules = (exp.needs?.rules ?? []).filter((id) => !registry.rules.some((r) => r.id === id)).map((id) => `rule ${id}`);
  const parsers = (exp.needs?.parsers ?? []).filter((k) => !registry.parsers[k]).map((k) => `${k} parser`);
  return [...rules, ...parsers];
}

/** The rule and parser registries of the built jvmdoctor (dist/), for missingPieces. */
export async function loadRegistry(repoRoot) {
  const dist = join(repoRoot, 'dist', 'src');
  if (!existsSync(join(dist, 'rules', 'index.js'))) throw new Error('jvmdoctor is not built: run `npm run build` (or `npm install`) first');
  const { RULES } = await import(pathToFileURL(join(dist, 'rules', 'index.js')).href);
  const { PARSERS } = await import(pathToFileURL(join(dist, 'evidence', 'parser-registry.js')).href);
  return { rules: RULES, parsers: PARSERS };
}
