// Stand-alone entry for `heap` until the command is wired into src/cli/cli.ts:
//   node dist/src/cli/commands/heap-main.js <dump> [--json] [--top N] [--path id] [--no-cache]
// Known errors print one line and exit 2, like the CLI.

import { isKnownError } from '../../util/errors.js';
import { heapCommand } from './heap.js';

const argv = process.argv.slice(2);
try {
  if (argv.includes('--help') || argv.includes('-h')) process.stdout.write(heapCommand.usage);
  else process.exitCode = await heapCommand.run(argv);
} catch (e) {
  if (!isKnownError(e)) throw e;
  process.stderr.write(`jvmdoctor: ${e.message}\n`);
  if (argv.includes('--debug') && e.stack) process.stderr.write(e.stack + '\n');
  process.exitCode = 2;
}
