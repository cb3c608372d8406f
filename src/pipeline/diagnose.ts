// Runs every rule over the Case and ranks what they found: severity first, then each rule's score
// (how strong its evidence is), then rule order as a stable tie-break.

import type { Case } from '../evidence/case.js';
import type { Finding } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { RULES } from '../rules/index.js';
import { deriveFacts } from '../diagnosis/facts.js';
export function diagnose(c: Case): Finding[] {
  const facts = deriveFacts(c);
  const ranked: { f: Finding; order: number }[] = [];
  RULES.forEach((rule, order) => {
    for (const f of rule.run({ case: c, facts })) ranked.push({ f, order });
  });
  ranked.sort(
    (a, b) =>
      SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity] || (b.f.score ?? 0) - (a.f.score ?? 0) || a.order - b.order,
  );
  return ranked.map((r) => dedupeEvidence(r.f));
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
