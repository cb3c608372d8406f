// Test-only helpers: where the repo's fixtures and the shared third-party corpus live, found from
// this compiled file's location (dist/src/parsers/log/ → repo root) so tests run from any cwd.

import { join, resolve } from 'node:path';

export { repoRoot } from '../../util/repo-root.js';
import { repoRoot } from '../../util/repo-root.js';

export function fixturePath(...parts: string[]): string {
  return join(repoRoot(), 'fixtures', 'log', ...parts);
}

/** `<repo>/../shared/corpus/<rel>` — third-party corpora, read in place and never copied. */
export function corpusPath(rel: string): string {
  return resolve(repoRoot(), '..', 'shared', 'corpus', rel);
}
