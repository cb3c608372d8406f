// The Finding contract (see ../shared/design/ARCHITECTURE.md): what a rule reports. Text is written
// for the user, with numbers and units ("metaspace 794 MB committed", never "MC high").

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

/** A small table attached to a finding (the memory budget, a jstat reading). */
export interface FindingTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  summary: string;
  evidence: EvidenceRef[];
  explanation: string;
  recommendations: Recommendation[];
  /** Machine-readable numbers behind the text (bytes, counts, ratios), for scripts and the UI. */
  facts?: Record<string, number | string | boolean>;
  table?: FindingTable;
  /** Ranking within a severity: higher first. Rules set it from how strong the evidence is. */
  score?: number;
}
