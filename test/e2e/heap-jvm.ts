// Test helpers: compile the small Java programs under test/java/heap, run one, wait for READY, take
// `jcmd GC.class_histogram` + `jcmd GC.heap_dump`, and kill the JVM by PID in a finally block.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot as findRepoRoot } from '../support.js';

export const repoRoot = findRepoRoot();
export const javaSrc = join(repoRoot, 'test', 'java', 'heap');

export function hasJdk(): boolean {
  try {
    execFileSync('javac', ['-version'], { stdio: 'ignore' });
    execFileSync('jcmd', ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function javac(outDir: string, ...sources: string[]): void {
  execFileSync('javac', ['-d', outDir, ...sources.map((s) => join(javaSrc, s))], { stdio: 'pipe' });
}

export interface DumpResult {
  dump: string;
  histogram: string;
  /** Output of each extra jcmd command asked for (`jcmds`), taken just before the dump. */
  outputs: Record<string, string>;
}

/**
 * Runs `java <jvmArgs> -cp classDir <main> <args>`, waits for READY, then: GC.run (so pending
 * cleaners settle), GC.class_histogram, GC.heap_dump. The JVM is killed by PID whatever happens.
 */
export async function dumpJvm(opts: { classDir: string; main: string; jvmArgs?: string[]; args?: string[]; dump: string; jcmds?: string[] }): Promise<DumpResult> {
  const child = spawn('java', [...(opts.jvmArgs ?? []), '-cp', opts.classDir, opts.main, ...(opts.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid!;
  try {
    await new Promise<void>((resolveReady, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`java ${opts.main} did not print READY in 30 s: ${err}`)), 30_000);
      child.stdout!.on('data', (b) => {
        out += String(b);
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolveReady();
        }
      });
      child.stderr!.on('data', (b) => (err += String(b)));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`java ${opts.main} exited early (${code}): ${err}`));
      });
    });
    const jcmd = (...a: string[]) => execFileSync('jcmd', [String(pid), ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    jcmd('GC.run');
    await new Promise((r) => setTimeout(r, 300));
    const histogram = jcmd('GC.class_histogram');
    const outputs: Record<string, string> = {};
    for (const c of opts.jcmds ?? []) outputs[c] = jcmd(c);
    jcmd('GC.heap_dump', opts.dump);
    return { dump: opts.dump, histogram, outputs };
  } finally {
    child.removeAllListeners('exit');
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
