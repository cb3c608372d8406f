// The layers of src/ (src/README.md): imports run one way only. Every non-test file's relative imports
// are read; an import of a folder that comes later in LAYERS than the importer's own folder fails, and
// so does a folder missing from LAYERS (a new folder must be given its place).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from './support.js';

/** Lowest first: a folder may import only itself and the folders before it. */
export const LAYERS = [
  'util', 'model', 'input', 'knowledge', 'hprof', 'graph', 'heap', 'parsers', 'evidence', 'gc',
  'diagnosis', 'rules', 'pipeline', 'report', 'collect', 'serve', 'cli',
] as const;

const IMPORT = /(?:^|[^\w.])(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

test('src/ folders import only their own folder and the layers below it', () => {
  const src = join(repoRoot(), 'src');
  const bad: string[] = [];
  const rank = new Map<string, number>(LAYERS.map((l, i) => [l, i]));
  const files = sourceFiles(src);
  assert.ok(files.length > 100, `found only ${files.length} source files under ${src}`);
  for (const file of files) {
    const from = relative(src, file).split('/')[0];
    if (!rank.has(from)) { bad.push(`src/${from}/ is not in LAYERS (test/layers.test.ts, src/README.md)`); continue; }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = relative(src, resolve(dirname(file), m[1]));
      if (target.startsWith('..')) { bad.push(`${relative(src, file)} imports ${m[1]}, outside src/`); continue; }
      const to = target.split('/')[0];
      if (to === from) continue;
      if (!rank.has(to)) bad.push(`${relative(src, file)} imports src/${to}/, which is not in LAYERS`);
      else if (rank.get(to)! > rank.get(from)!) bad.push(`${relative(src, file)} (${from}) imports ${m[1]} (${to}, a higher layer)`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the layer check itself sees a violation', () => {
  // A guard against a regex that silently matches nothing: the CLI must be seen importing lower layers.
  const cli = readFileSync(join(repoRoot(), 'src', 'cli', 'cli.ts'), 'utf8');
  assert.ok([...cli.matchAll(IMPORT)].length > 0, 'no import found in src/cli/cli.ts');
});
