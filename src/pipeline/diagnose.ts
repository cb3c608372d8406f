// Runs every rule over the Case and ranks what they found: severity first, then the named tier
// (cause, consequence, context), then rule order (rules/index.ts), then the order the rule reported
// them in — no scores. Sorting is stable, so the last two come for free.

import type { Case } from '../evidence/case.js';
import type { Finding } from '../model/document.js';
import { TIERS } from '../model/document.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/define.js';
import { deriveFacts } from '../diagnosis/facts.js';

export function diagnose(c: Case, rules: readonly Rule[] = RULES): Finding[] {
  const facts = deriveFacts(c);
  const found = rules.flatMap((rule) => rule.evaluate({ case: c, facts }));
  return rankFindings(found).map(dedupeEvidence);
}

/** Severity, then tier; Array.prototype.sort is stable, so rule order and report order break ties. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier),
  );
}

/** Several facts often come from one line (jstat's single sample): list each line once. */
function dedupeEvidence(f: Finding): Finding {
  const seen = new Set<string>();
  const evidence = f.evidence.filter((e) => {
    const key = `${e.file}:${e.line ?? ''}:${e.excerpt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return evidence.length === f.evidence.length ? f : { ...f, evidence };
}
