// Test-only helpers: where the repo's fixtures and the shared third-party corpus live, found from
// this compiled file's location (dist/src/parsers/log/ → repo root) so tests run from any cwd.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor holding package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export function fixturePath(...parts: string[]): string {
  return join(repoRoot(), 'fixtures', 'log', ...parts);
}

/** `<repo>/../shared/corpus/<rel>` — third-party corpora, read in place and never copied. */
export function corpusPath(rel: string): string {
  return resolve(repoRoot(), '..', 'shared', 'corpus', rel);
}
