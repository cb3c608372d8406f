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

/** Runs GrowingCache, dumps it after READY and again after one GROWN; kills the JVM by PID. */
export async function dumpGrowingCacheTwice(classDir: string, dir: string, N: number): Promise<[string, string]> {
  const child = spawn('java', ['-Xmx256m', '-cp', classDir, 'GrowingCache', String(N)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid!;
  let out = '';
  let err = '';
  child.stdout!.on('data', (b) => (out += String(b)));
  child.stderr!.on('data', (b) => (err += String(b)));
  const waitFor = (word: string) => new Promise<void>((resolve, reject) => {
    const start = Date.now();
    const tick = setInterval(() => {
      if (out.includes(word)) {
        clearInterval(tick);
        resolve();
      } else if (Date.now() - start > 30_000 || child.exitCode !== null) {
        clearInterval(tick);
        reject(new Error(`GrowingCache did not print ${word}: ${err}`));
      }
    }, 50);
  });
  try {
    const jcmd = (...a: string[]) => execFileSync('jcmd', [String(pid), ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const before = join(dir, 'before.hprof');
    const after = join(dir, 'after.hprof');
    await waitFor('READY');
    jcmd('GC.heap_dump', before);
    child.stdin!.write('grow\n');
    await waitFor('GROWN');
    jcmd('GC.heap_dump', after);
    return [before, after];
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

