// Known errors: each says in one line what was wrong. The CLI prints their message (no stack unless
// --debug) and exits 2; anything else is a bug and is re-thrown (knip's pattern).

export class JvmdoctorError extends Error {
  override name = 'JvmdoctorError';
}

/** The command line itself is wrong (unknown flag, missing argument). */
export class UsageError extends JvmdoctorError {
  override name = 'UsageError';
}

/** An input cannot be used: missing, unreadable, empty, of the wrong kind, corrupt or truncated. */
export class InputError extends JvmdoctorError {
  override name = 'InputError';
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

export function isKnownError(e: unknown): e is JvmdoctorError {
  return e instanceof JvmdoctorError;
}

/**
 * A bug in jvmdoctor itself, caught where it can be named (a parser that threw on a line). Never a
 * JvmdoctorError: the CLI prints it as an internal error (exit code 3, stack with --debug), never as
 * bad input or as "reading stopped".
 */
export class InternalError extends Error {
  override name = 'InternalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A parser threw: which file, which parser, which line. */
export class ParserBug extends InternalError {
  override name = 'ParserBug';
  constructor(readonly file: string, readonly parser: string, readonly line: number | undefined, cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`the ${parser} parser failed on ${file}${line !== undefined ? ` line ${line}` : ' at the end of the input'}: ${what}`, { cause });
  }
}
