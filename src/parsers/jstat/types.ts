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
  /**
   * The key of each column in `values`/`texts`, parallel to `columns`: the column name, except that a
   * repeated name gets the previous column's name in front (-class prints Bytes twice → Bytes, UnloadedBytes).
   */
  keys?: string[];
  /** Which JDK generation's columns: 'jdk7' (PermGen P*), 'jdk8' (no CGC), 'jdk9+' (CGC/CGCT); absent when the option's columns never changed. */
  columnSet?: 'jdk7' | 'jdk8' | 'jdk9+';
  /** The jstat command line when the file shows it (a pasted prompt such as `# jstat -gccapacity 1`). */
  command?: Sourced<string>;
  /** More tables with a different header in the same file (someone ran several options into one file). */
  more?: JstatReport[];
  /** What was wrong when nothing (or not everything) could be read: no header, rows that do not fit the header. */
  problem?: string;
}
