/** One row of a class histogram: instances and shallow bytes of a class. */
export interface HistogramRow {
  rank: number;
  /** Java source name: "byte[]", "java.util.HashMap$Node", "<methodKlass>" (JDK 7 metadata) as printed. */
  className: string;
  instances: number;
  bytes: number;
  /** "java.base@17" — JDK 9+ print the module in parentheses. */
  module?: string;
  line: number;
  text: string;
}

/** One `jmap -histo[:live]` / `jcmd GC.class_histogram` table. */
export interface ClassHistogram {
  line: number;
  /** The biggest rows (MAX_ROWS), in the order printed (bytes descending). */
  rows: HistogramRow[];
  /** Rows printed (all of them, also past MAX_ROWS). */
  rowCount: number;
  /** The "Total" line, or the sum of the rows when it was cut off. */
  totalInstances: number;
  totalBytes: number;
  totalPrinted: boolean;
  /** The table ended without its Total line (a paste cut off). */
  cut: boolean;
}

export interface ClassHistogramReport {
  histograms: ClassHistogram[];
}
