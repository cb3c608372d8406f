// Running an outside command (docker, kubectl, free, top) with a timeout and a byte cap. Injected into
// the collectors so the container and pod paths run against whatever CLI is on PATH (a real docker, a
// kubectl stand-in in tests) the same way. A command that outlives its timeout is killed by its PID.

import { spawn } from 'node:child_process';

export interface RunOptions {
  timeoutMs?: number;
  /** Output kept per stream; the rest is read and dropped (the child is never blocked on a full pipe). */
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  /** Exit code; null when killed by a signal or it never started. */
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
  truncated: boolean;
  durationMs: number;
  /** Set when the command could not be started (ENOENT: not installed). */
  spawnError?: string;
}

export type CommandRunner = (cmd: string, args: string[], opts?: RunOptions) => Promise<RunResult>;

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export const runCommand: CommandRunner = (cmd, args, opts = {}) => {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    let spawnError: string | undefined;
    const keep = (into: Buffer[], b: Buffer, have: number): number => {
      const room = maxBytes - have;
      if (room <= 0) { truncated = true; return have; }
      if (b.length > room) { truncated = true; into.push(b.subarray(0, room)); return maxBytes; }
      into.push(b);
      return have + b.length;
    };
    child.stdout.on('data', (b: Buffer) => { outBytes = keep(out, b, outBytes); });
    child.stderr.on('data', (b: Buffer) => { errBytes = keep(err, b, errBytes); });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }, timeoutMs);
    child.on('error', (e) => { spawnError = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd}: not installed (not on PATH)` : e.message; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut, truncated, durationMs: Date.now() - started, spawnError });
    });
  });
};

/** One line saying how a command ended, for the manifest and for messages. */
export function describeRun(cmd: string, r: RunResult): string {
  if (r.spawnError) return r.spawnError;
  if (r.timedOut) return `${cmd}: killed after its timeout (${r.durationMs} ms)`;
  if (r.code !== 0) {
    const first = r.stderr.toString('utf8').trim().split('\n')[0] || r.stdout.toString('utf8').trim().split('\n')[0] || '';
    return `${cmd}: exit ${r.code ?? r.signal}${first ? `: ${first}` : ''}`;
  }
  return `${cmd}: ok`;
}
