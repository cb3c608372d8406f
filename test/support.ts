// Test-only helpers: where the repo and ../shared are, temp folders, running the built CLI.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

export { repoRoot } from '../src/util/repo-root.js';
import { repoRoot } from '../src/util/repo-root.js';

/** ../shared/corpus beside the repo, or undefined when absent (a user's clone has none). */
export function sharedCorpus(): string | undefined {
  // JVMDOCTOR_SHARED: the shared folder when the checkout is not beside it (a git worktree elsewhere).
  const p = resolve(process.env.JVMDOCTOR_SHARED ?? resolve(repoRoot(), '..', 'shared'), 'corpus');
  return existsSync(p) ? p : undefined;
}

export function tempDir(prefix = 'jvmdoctor-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (bin/jvmdoctor.js) as a user would. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'jvmdoctor.js'), ...args], {
    cwd: opts.cwd ?? repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
