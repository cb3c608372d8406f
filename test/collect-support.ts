// Test-only: long-running JVMs for the collect tests, each tracked by PID and killed by PID in the
// test's after hook (stopAll), also when the test failed. Wrappers (unshare, setpriv) are killed with
// their whole process group so the JVM inside goes too.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { haveJdk } from './java.js';
import { repoRoot } from './support.js';

export { haveJdk };

export interface StartedJvm {
  child: ChildProcess;
  /** Host PID of the java process itself (not the wrapper). */
  pid: number;
  output(): string;
}

const started: ChildProcess[] = [];
let idleClasses: string | undefined;

/**
 * Idle.class in a world-readable folder outside /tmp: JVMs run as another uid must read it, and a JVM
 * in its own mount namespace gets a private tmpfs on /tmp that would hide it.
 */
export function idleClasspath(): string {
  if (idleClasses) return idleClasses;
  const dir = mkdtempSync('/var/tmp/jvmdoctor-collect-java-');
  const r = spawnSync('javac', ['-d', dir, join(repoRoot(), 'test', 'java', 'collect', 'Idle.java')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`javac failed: ${r.stderr}`);
  chmodSync(dir, 0o755);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  idleClasses = dir;
  return dir;
}

/** The java process under `wrapperPid` (itself, or a descendant when wrapped by unshare/setpriv). */
function findJava(rootPid: number): number | undefined {
  const queue = [rootPid];
  while (queue.length) {
    const p = queue.shift()!;
    try {
      const exe = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0];
      if (/(^|\/)java$/.test(exe)) return p;
    } catch { continue; }
    for (const t of safeList(`/proc/${p}/task`)) {
      const kids = readIf(`/proc/${p}/task/${t}/children`);
      if (kids) queue.push(...kids.trim().split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return undefined;
}

function safeList(d: string): string[] {
  try { return readdirSync(d); } catch { return []; }
}
function readIf(p: string): string | undefined {
  try { return readFileSync(p, 'utf8'); } catch { return undefined; }
}

/**
 * Starts `prefix… java jvmArgs… -cp <Idle> Idle <seconds>` and waits until the JVM has printed its first
 * line and created its hsperfdata file (unless -XX:-UsePerfData). `prefix` is a wrapper command (unshare …).
 */
export async function startIdleJvm(opts: { jvmArgs?: string[]; prefix?: string[]; seconds?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<StartedJvm> {
  const cp = idleClasspath();
  const argv = [...(opts.prefix ?? []), 'java', ...(opts.jvmArgs ?? []), '-cp', cp, 'Idle', String(opts.seconds ?? 120)];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: opts.env ?? process.env, cwd: opts.cwd });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const deadline = Date.now() + 30_000;
  while (!out.includes('Idle started')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`JVM exited early: ${out}`);
    if (Date.now() > deadline) throw new Error(`JVM did not start in 30 s: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = findJava(child.pid!);
  if (pid === undefined) throw new Error(`no java process under ${child.pid}`);
  return { child, pid, output: () => out };
}

/** Kills every JVM (and wrapper) started here, by process group then PID. */
export function stopAll(): void {
  for (const c of started.splice(0)) {
    if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue;
    try { process.kill(-c.pid, 'SIGKILL'); } catch { /* group gone */ }
    try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

export function haveCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export function fileExists(p: string): boolean {
  return existsSync(p);
}
