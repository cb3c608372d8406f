// A rule is a typed object literal registered in rules/index.ts (typescript-eslint's createRule idea,
// without the magic): an id that names its doc (docs/rules/<id>.md) and test (<id>.test.ts), and a
// pure run() over the Case and the facts derived from it.

import type { Finding, Severity } from '../model/finding.js';
import type { Case } from '../evidence/case.js';
import type { Facts } from '../diagnosis/facts.js';

export interface RuleContext {
  case: Case;
  facts: Facts;
}

export interface Rule {
  /** kebab-case; the file is src/rules/<id>.ts and the doc docs/rules/<id>.md. */
  id: string;
  /** The most severe finding this rule can report. */
  maxSeverity: Severity;
  /** One sentence: what the rule detects. */
  description: string;
  run(ctx: RuleContext): Finding[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
