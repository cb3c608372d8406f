// Test-only: compile and run small Java programs on the machine's JDK. Every JVM started here is
// tracked by its PID and killed (by PID) when it outlives its timeout or the test, even on failure.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const haveJdk = spawnSync('javac', ['-version']).status === 0;

/** javac the sources into a fresh temp folder; returns the folder (the classpath). */
export function compileJava(sources: string[], prefix = 'jvmdoctor-java-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const r = spawnSync('javac', ['-d', dir, ...sources], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`javac failed: ${r.stderr}`);
  return dir;
}

/** Runs `java args…` with stdout and stderr interleaved, as a container log holds them. */
export async function runJava(cwd: string, args: string[], timeoutMs = 60_000): Promise<{ out: string; code: number | null }> {
  const child = spawn('java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`java ${args.join(' ')} still running after ${timeoutMs} ms`)), timeoutMs);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    return { out: Buffer.concat(chunks).toString('utf8'), code };
  } finally {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }
}
