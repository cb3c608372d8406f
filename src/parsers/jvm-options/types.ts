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
  /** true when the value ends with a reference to the same variable (JAVA_OPTS="-Xmx2g $JAVA_OPTS"): the older options come later and win. */
  prepends?: boolean;
  /** How it was written: shell (`X=…`, `export X=…`), Windows `set`, Dockerfile `ENV`, YAML, systemd `Environment=`, or the JVM's own "Picked up X: …" notice. */
  syntax?: 'shell' | 'bat' | 'dockerfile' | 'yaml' | 'systemd' | 'jvm-notice';
}

/** Where an option token was read from. */
export type JvmOptionSource =
  | 'assignment' // a shell/env/YAML assignment of an options variable
  | 'command-line' // a java command line (bare, `ps -ef`, catalina.sh's exec line)
  | 'vm-flags' // `jcmd <pid> VM.flags` (non-default flags, ergonomic ones included)
  | 'vm-command-line' // `jcmd <pid> VM.command_line` jvm_args / jvm_flags
  | 'flags-final' // `-XX:+PrintFlagsFinal` / `jcmd VM.flags -all`, only the entries that are not {default}
  | 'options-file'; // a line of bare options (jvm.options files, a pasted option list)

/** One JVM option token; the optional fields say where it came from (older code may read only value/line/text). */
export interface JvmOption extends Sourced<string> {
  source?: JvmOptionSource;
  /** The variable it was assigned to (JAVA_OPTS, CATALINA_OPTS, JAVA_TOOL_OPTIONS, …), for source 'assignment'. */
  variable?: string;
}

/** One `-XX:+PrintFlagsFinal` / `jcmd VM.flags -all` entry. */
export interface FinalFlag {
  type: string;
  value: string;
  /** JDK 9+: "default", "command line", "ergonomic", "environment", "config file", "management", … JDK 8: "default" or "non-default" (":="). */
  origin: string;
  /** "product", "pd product", "C2 product", "manageable", "experimental", … */
  kind?: string;
}

/** A java command line (bare, `ps -ef`, `jcmd VM.command_line`'s java_command). */
export interface JavaCommand {
  executable?: string;
  mainClass?: string;
  jar?: string;
  module?: string;
  /** Program arguments after the main class / jar (not JVM options). */
  args: string[];
}

/**
 * Cloud Foundry's / Paketo's java-buildpack-memory-calculator: "JVM Memory Configuration: -Xmx… -Xss…
 * -XX:ReservedCodeCacheSize=… -XX:MaxDirectMemorySize=… -XX:MaxMetaspaceSize=…" (its options are also in
 * `options`), or its refusal "allocated memory is greater than 256M available for allocation: …".
 */
export interface MemoryCalculatorLine {
  line: number;
  text: string;
  failed: boolean;
  /** The total memory it divided (the container's), when the line or a `--total-memory` says it. */
  totalBytes?: number;
  /** Threads it counted stacks for ("-Xss1M x 4 threads", `--thread-count`). */
  threads?: number;
}

/** catalina.sh / setenv.sh / JAVA_OPTS / a bare java command line, reduced to JVM options. */
export interface JvmOptionsReport {
  memoryCalculator?: MemoryCalculatorLine;
  assignments: OptionAssignment[];
  /** Every JVM option token in the order the JVM would see it (-Xmx4g, -XX:+UseG1GC, -Dk=v). */
  options: JvmOption[];
  /** What kind(s) of text the options came from, in order of first appearance. */
  formats?: JvmOptionSource[];
  /** PrintFlagsFinal / VM.flags -all entries by flag name (effective values, defaults included). */
  finalFlags?: Record<string, Sourced<FinalFlag>>;
  /** The first java command line seen (main class or jar, program arguments). */
  javaCommand?: Sourced<JavaCommand>;
  /** The PID a jcmd output names in its first line ("30164:"). */
  pid?: Sourced<number>;
  /** What was wrong when no option could be read. */
  problem?: string;
}
