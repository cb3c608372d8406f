// The parts of a finding (see ../shared/design/ARCHITECTURE.md); the finding itself is DocumentFinding in
// document.ts. Text is written for the user, with numbers and units ("metaspace 794 MB committed", never "MC high").

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

export interface EvidenceRef {
  file: string;
  line?: number;
  excerpt: string;
}

export interface Recommendation {
  /** What to do, imperative and short: "Set -Dorg.bytedeco.javacpp.maxPhysicalBytes explicitly". */
  action: string;
  /** Why and how, with the concrete value. */
  detail: string;
  /** The exact options to add or change, when the fix is a flag. */
  flags?: string[];
}
