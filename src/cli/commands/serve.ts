// `jvmdoctor serve [paths…] [--port N]`: the local web UI (src/serve/). Prints the URL with its token
// on the first line of stdout, then serves until SIGINT/SIGTERM, when it closes every connection and
// removes the upload workspace before exiting.

import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../../util/errors.js';
import { parseCommandArgs } from '../args.js';
import { parseBytes } from '../../util/bytes.js';
import { DEFAULT_UPLOAD_CAP, startServer } from '../../serve/server.js';

export const serveCommand: Command = {
  name: 'serve',
  description: 'local web UI on 127.0.0.1: run the diagnosis, read the report, walk the heap dump',
  usage: `Usage: jvmdoctor serve [path…] [--port N] [--max-upload SIZE]

Starts a web UI on 127.0.0.1 only and prints its address (with an access token) on the first line.
It reads only the paths given and the files uploaded through the page (kept in a temporary folder
that is removed when the server stops). Stop it with Ctrl-C.

Options:
  --port N            port to listen on (default: a free port)
  --max-upload SIZE   largest upload accepted (default 2g)
  --debug             show stack traces of errors

Examples:
  jvmdoctor serve examples/seed-incident
  jvmdoctor serve evidence.tar.gz java_pid1234.hprof --port 8765
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      'max-upload': { type: 'string' },
      debug: { type: 'boolean' },
    });
    let port = 0;
    if (values.port !== undefined) {
      if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port wants a port number 0–65535 (got "${values.port}")`);
      port = Number(values.port);
    }
    let cap = DEFAULT_UPLOAD_CAP;
    if (values['max-upload'] !== undefined) {
      const b = parseBytes(values['max-upload']);
      if (b === undefined) throw new UsageError(`--max-upload wants a size such as 500m or 2g (got "${values['max-upload']}")`);
      cap = b;
    }
    const server = await startServer({ paths: positionals, port, uploadCapBytes: cap, log: (l) => process.stderr.write(`jvmdoctor serve: ${l}\n`) }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use on 127.0.0.1: pick another with --port, or leave it out for a free one`);
      throw e;
    });
    process.stdout.write(`${server.url}\n`);
    process.stderr.write(`jvmdoctor serve: listening on 127.0.0.1:${server.port} only; uploads kept in ${server.workspace} until it stops; Ctrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        process.stderr.write(`jvmdoctor serve: ${sig}, stopping\n`);
        void server.close().then(resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return EXIT.ok;
  },
};
