// Builds jvmdoctor as a Node single-executable application (for hosts and containers without Node):
// esbuild bundles the compiled CLI (dist/) into one CommonJS file, Node writes the SEA blob
// (--experimental-sea-config), and postject injects it into a copy of this node binary.
// Output: dist-sea/jvmdoctor-<platform>-<arch>. Run: npm run build:sea
// Limits: the file-reading worker thread (plain logs ≥ 96 MB, src/evidence/threaded-lines.ts) needs a
// separate file and is not available in the executable; everything else is.

import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-sea');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const bundle = join(out, 'jvmdoctor.cjs');
await build({
  stdin: {
    contents: `import { main } from './dist/src/cli/cli.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.exitCode = 3; throw e; });`,
    resolveDir: root,
    sourcefile: 'sea-main.js',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'warning',
  // import.meta.url has no CommonJS meaning: the executable's own path stands in for it.
  banner: { js: 'const __jvmdoctorUrl = require("node:url").pathToFileURL(process.execPath).href;' },
  define: { 'import.meta.url': '__jvmdoctorUrl' },
  plugins: [{
    // The version is read from package.json at run time; in the executable it is fixed at build time.
    name: 'fixed-version',
    setup(b) {
      b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]util[\\/]version\.js$/ }, () => ({ contents: `export function version() { return ${JSON.stringify(pkg.version)}; }`, loader: 'js' }));
    },
  }],
});

const blob = join(out, 'sea-prep.blob');
writeFileSync(join(out, 'sea-config.json'), JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ['--experimental-sea-config', join(out, 'sea-config.json')], { stdio: 'inherit' });
const exe = join(out, `jvmdoctor-${process.platform}-${process.arch}`);
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
const require = createRequire(import.meta.url);
const { inject } = require('postject');
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
const size = statSync(exe).size;
process.stdout.write(`${exe}: ${(size / 1024 / 1024).toFixed(1)} MB (bundle ${(statSync(bundle).size / 1024).toFixed(0)} KB)\n`);
