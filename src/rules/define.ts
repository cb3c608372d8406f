// The rule contract (typescript-eslint's createRule + context.report, memlab's ordered tiers): a rule
// is a typed object literal registered in rules/index.ts — an id that names its doc
// (docs/rules/<id>.md) and test (<id>.test.ts), the evidence kinds it reads, the most severe finding
// it may report, its tier — and a pure run() over the Case that calls report() for each finding.
// report() stamps the rule's id and tier, and refuses a severity above maxSeverity: that is a bug in
// the rule, thrown as one (RuleContractError), never a finding the user sees.

import type { Case } from '../evidence/case.js';
import type { Facts } from '../diagnosis/facts.js';
import type { EvidenceKind } from '../model/kinds.js';
import type { DocumentFinding, Tier } from '../model/document.js';
import { SEVERITY_ORDER, type Severity } from '../model/finding.js';

export interface RuleContext {
  case: Case;
  facts: Facts;
}

/** What a rule hands to report(): a finding without the id (stamped) and, usually, without a tier. */
export type FindingDraft = Omit<DocumentFinding, 'ruleId' | 'tier'> & {
  /** Only when this finding ranks differently from the rule's own tier (an OOM kill vs a sizing hint). */
  tier?: Tier;
};

export type Report = (finding: FindingDraft) => void;

export interface RuleSpec {
  /** kebab-case; the file is src/rules/<id>.ts and the doc docs/rules/<id>.md. */
  id: string;
  /** One sentence: what the rule detects. */
  description: string;
  /**
   * The evidence kinds the rule's findings come from (directly or through facts). The rule tests
   * feed exactly these kinds between them (src/rules/testing.ts checks it), and the doc's example
   * uses some of them.
   */
  reads: readonly EvidenceKind[];
  /** The most severe finding this rule may report; report() throws on anything above it. */
  maxSeverity: Severity;
  /** Where its findings rank within a severity: cause, consequence, context (then rule order). */
  tier: Tier;
  /** Reports findings in the order the rule wants them (when it has several, it orders them itself). */
  run(ctx: RuleContext, report: Report): undefined;
}

export interface Rule extends RuleSpec {
  /** Runs the rule and returns its findings, stamped. */
  evaluate(ctx: RuleContext): DocumentFinding[];
}

/** A rule broke its own contract (a severity above its maxSeverity): a bug, never shown as a finding. */
export class RuleContractError extends Error {
  override name = 'RuleContractError';
}

export function defineRule(spec: RuleSpec): Rule {
  return {
    ...spec,
    evaluate(ctx) {
      const out: DocumentFinding[] = [];
      spec.run(ctx, (draft) => {
        if (SEVERITY_ORDER[draft.severity] > SEVERITY_ORDER[spec.maxSeverity]) {
          throw new RuleContractError(`rule ${spec.id} reported a ${draft.severity} finding ("${draft.title}") but its maxSeverity is ${spec.maxSeverity}`);
        }
        const { tier, ...rest } = draft;
        out.push({ ruleId: spec.id, ...rest, tier: tier ?? spec.tier } as DocumentFinding);
      });
      return out;
    },
  };
}
