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
