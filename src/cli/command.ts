// What every command file exports: name, one-line description, usage with examples, and run().
// run() returns the exit code; it throws UsageError/InputError for the CLI to print in one line.

export interface Command {
  name: string;
  description: string;
  /** Full help text: usage line, options, examples. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Exit codes (a public contract: CI scripts gate on them). */
export const EXIT = {
  ok: 0,
  /** A finding at or above --fail-on. */
  findings: 1,
  /** Usage or input error. */
  error: 2,
  /** A bug in jvmdoctor (a parser or rule that threw): one line naming it; --debug prints the stack. */
  internal: 3,
} as const;
