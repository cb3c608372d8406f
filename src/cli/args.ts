// Commands parse their flags with node:util parseArgs; a malformed command line is a UsageError
// (one line, exit 2), never a stack trace.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../util/errors.js';

export function parseCommandArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: options as NonNullable<T> });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
