import type { Sourced } from '../parser.js';

/** A shell variable assignment that carries JVM options (JAVA_OPTS="$JAVA_OPTS -Xmx4g"). */
export interface OptionAssignment {
  variable: string;
  /** The assigned text with quotes removed and $VAR references left as written. */
  value: string;
  /** true when the value starts with a reference to the same variable (accumulation). */
  appends: boolean;
  line: number;
  text: string;
}

/** catalina.sh / setenv.sh / JAVA_OPTS / a bare java command line, reduced to JVM options. */
export interface JvmOptionsReport {
  assignments: OptionAssignment[];
  /** Every JVM option token in the order the JVM would see it (-Xmx4g, -XX:+UseG1GC, -Dk=v). */
  options: Sourced<string>[];
}
