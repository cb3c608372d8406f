import type { Sourced } from '../parser.js';

/** Which jstat option printed this table, inferred from its header columns. */
export type JstatOption =
  | 'gc' | 'gccapacity' | 'gcutil' | 'gccause' | 'gcnew' | 'gcnewcapacity' | 'gcold'
  | 'gcoldcapacity' | 'gcmetacapacity' | 'gcpermcapacity' | 'class' | 'compiler' | 'printcompilation' | 'unknown';

export interface JstatSample {
  /** Column name → value; capacities/usages in KB as jstat prints them, percentages as numbers;
   * null where jstat printed "-". Text columns (LGCC, GCC, …) are in `texts`. */
  values: Record<string, number | null>;
  texts: Record<string, string>;
  /** The -t Timestamp column (seconds since JVM start), when present. */
  timestamp?: number;
  line: number;
  text: string;
}

export interface JstatReport {
  option: JstatOption;
  columns: string[];
  header: Sourced<string[]>;
  /** Every data row, in order (repeated headers are skipped). */
  samples: JstatSample[];
}
