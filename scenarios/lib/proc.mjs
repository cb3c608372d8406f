// Processes a scenario starts: every one is registered by PID and stopped by PID — on success, on failure,
// and when the runner itself is interrupted. Never by name (pkill/killall would hit other people's JVMs).

import { spawn } from 'node:child_process';
import { openSync, closeSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** PID → label, for every child still believed alive. */
const live = new Map();

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// Last resort when the runner dies first (Ctrl-C, test timeout): SIGKILL by PID, synchronously.
function killAllNow() {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAllNow();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig] ?? 0));
  });
}

/**
 * Starts a long-running process with stdout and stderr both appended to `logFile` (one fd, so the two
 * streams interleave as they would in `cmd > app.log 2>&1`). Returns {pid, exited, exitCode()}.
 */
export function startLogged(label, cmd, args, { logFile, cwd, env, stdin = 'ignore' }) {
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(cmd, args, { cwd, env, stdio: [stdin, fd, fd] });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  if (child.pid === undefined) throw new Error(`${label}: could not start ${cmd}`);
  live.set(child.pid, label);
  let code;
  const exited = new Promise((resolve) => {
    child.on('exit', (c, signal) => {
      live.delete(child.pid);
      code = c ?? signal;
      resolve(code);
    });
    child.on('error', (e) => {
      live.delete(child.pid);
      code = e.message;
      resolve(code);
    });
  });
  return { pid: child.pid, label, child, exited, exitCode: () => code };
}

/** SIGTERM by PID (a JVM runs its shutdown hooks: Tomcat stops its webapps), then SIGKILL after `graceMs`. */
export async function stop(proc, graceMs = 10_000) {
  if (!live.has(proc.pid) && !alive(proc.pid)) return { signal: null };
  try {
    process.kill(proc.pid, 'SIGTERM');
  } catch {
    return { signal: null };
  }
  const done = await Promise.race([proc.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (done) return { signal: 'SIGTERM' };
  try {
    process.kill(proc.pid, 'SIGKILL');
  } catch {
    /* exited meanwhile */
  }
  await Promise.race([proc.exited, sleep(5_000)]);
  return { signal: 'SIGKILL' };
}

/**
 * Runs a short command to completion (bounded by `timeoutMs`, killed by PID if it overruns) and returns
 * {code, stdout, stderr}. Used for javac, jcmd, jstat, free, top.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 60_000, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (child.pid !== undefined) live.set(child.pid, cmd);
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      live.delete(child.pid);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    };
    child.on('close', (code, signal) => finish(code ?? (signal ? `killed by ${signal} after ${timeoutMs} ms` : -1)));
    child.on('error', (e) => finish(e.message));
  });
}

/** Runs a command and saves its stdout into `file` exactly as `cmd > file` would; returns the run result. */
export async function saveOutput(file, cmd, args, opts) {
  const r = await run(cmd, args, opts);
  writeFileSync(file, r.stdout);
  return r;
}

export function livePids() {
  return [...live.entries()].map(([pid, label]) => ({ pid, label }));
}
