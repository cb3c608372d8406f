// Entry point: picks the command, prints known errors in one line (stack only with --debug) and
// re-throws unknown ones — a bug should look like a bug, not like bad input.

import type { Command } from './command.js';
import { EXIT } from './command.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { heapCommand } from './commands/heap.js';
import { gcCommand } from './commands/gc.js';
import { collectCommand } from './commands/collect.js';
import { serveCommand } from './commands/serve.js';
import { isKnownError, UsageError } from '../util/errors.js';
import { version } from '../util/version.js';

const COMMANDS: Command[] = [diagnoseCommand, heapCommand, gcCommand, collectCommand, serveCommand];


function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'jvmdoctor — why is my JVM running out of memory, and what should I change?',
    '',
    'Usage: jvmdoctor <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.description}`),
    '',
    'Run `jvmdoctor <command> --help` for a command\'s options and examples.',
    'Exit codes: 0 no finding at or above --fail-on, 1 such a finding, 2 usage or input error,',
    '            3 internal error (a bug in jvmdoctor: --debug prints its stack; please report it).',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? EXIT.ok : EXIT.error;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(version() + '\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.usage);
      return EXIT.ok;
    }
    return await command.run(rest);
  } catch (e) {
    if (!isKnownError(e)) {
      // Our own bug: one line that says so (a ParserBug names the file, parser and line), never
      // dressed up as bad input; the stack only with --debug.
      const err = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`jvmdoctor: internal error: ${err.message}\n`);
      if (debug) {
        process.stderr.write((err.stack ?? String(err)) + '\n');
        if (err.cause instanceof Error && err.cause.stack) process.stderr.write(`Caused by: ${err.cause.stack}\n`);
      } else process.stderr.write('This is a bug in jvmdoctor; run again with --debug for the stack trace, and please report it.\n');
      return EXIT.internal;
    }
    process.stderr.write(`jvmdoctor: ${e.message}\n`);
    if (e instanceof UsageError) process.stderr.write(`Run \`jvmdoctor ${command ? command.name + ' ' : ''}--help\` for usage.\n`);
    if (debug && e.stack) process.stderr.write(e.stack + '\n');
    return EXIT.error;
  }
}
