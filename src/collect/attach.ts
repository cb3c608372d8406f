// The HotSpot attach mechanism, spoken by Node (what jcmd does, without a JDK on the host or in the image):
//   1. the JVM listens on the UNIX socket /tmp/.java_pid<nspid> once its attach listener runs;
//   2. if the socket is not there, create the trigger file .attach_pid<nspid> in the JVM's cwd (or /tmp)
//      and send SIGQUIT: the JVM's signal handler sees the trigger and starts the listener instead of
//      printing a thread dump;
//   3. per command, connect, send "1\0jcmd\0<command line>\0\0\0" (protocol 1, the operation, three
//      arguments), and read "<result code>\n<output>" to EOF.
// Everything goes through /proc/<pid>/root and /proc/<pid>/cwd, so a JVM in a container (another
// mount and PID namespace) is reached from the host with its namespaced PID in the file names.
// Reference: JDK 17 src/jdk.attach/linux/classes/sun/tools/attach/VirtualMachineImpl.java and
// HotSpot attachListener_linux.cpp. Safety (issue 14): SIGQUIT only when the JVM catches it (SigCgt
// bit 3: without a handler, SIGQUIT kills the process with a core dump) and one attempt, no retry loop
// (each failed attempt makes a JDK 17 JVM print a thread dump into the application's log).

import { connect } from 'node:net';
import { stat, unlink, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JvmTarget } from './targets.js';

export interface AttachSession {
  socket: string;
  /** True when this collection started the attach listener (the trigger file and SIGQUIT). */
  triggered: boolean;
}

export type AttachOutcome = { ok: true; session: AttachSession; note?: string } | { ok: false; reason: string };

export interface JcmdResult {
  ok: boolean;
  code: number;
  output: string;
  /** Why the command did not produce output worth bundling (JVM's own error text, timeout …). */
  error?: string;
  durationMs: number;
}

const exists = async (p: string) => {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
};

/** -XX:+DisableAttachMechanism in the command line, JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS or the JVM's own args. */
export function attachDisabledBy(sources: { name: string; text: string }[]): string | undefined {
  const on: string[] = [];
  for (const s of sources) {
    // Within one source the last occurrence wins, as the JVM parses them; -XX:-DisableAttachMechanism turns it back off.
    let state: boolean | undefined;
    for (const m of s.text.matchAll(/-XX:([+-])DisableAttachMechanism\b/g)) state = m[1] === '+';
    if (state) on.push(s.name);
  }
  return on.length ? on.join(', ') : undefined;
}

export async function openAttach(target: JvmTarget, opts: { timeoutMs?: number; disabledBy?: string } = {}): Promise<AttachOutcome> {
  const socket = join(target.root, 'tmp', `.java_pid${target.nspid}`);
  if (await exists(socket)) return { ok: true, session: { socket, triggered: false }, note: 'attach listener already running' };
  if (opts.disabledBy) return { ok: false, reason: `the JVM runs with -XX:+DisableAttachMechanism (${opts.disabledBy}): no attach listener can be started` };
  if (!target.catchesSigquit) {
    return { ok: false, reason: 'the JVM has no SIGQUIT handler (SigCgt bit 3 clear: -Xrs, or not a HotSpot JVM): SIGQUIT would kill it, so it was not sent' };
  }
  // The JVM looks for the trigger in its cwd first, then in /tmp (as jcmd creates it).
  const candidates = [join(`/proc/${target.pid}`, 'cwd', `.attach_pid${target.nspid}`), join(target.root, 'tmp', `.attach_pid${target.nspid}`)];
  let trigger: string | undefined;
  const failures: string[] = [];
  for (const c of candidates) {
    try {
      await writeFile(c, '', { flag: 'wx' });
      trigger = c;
      break;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST') { trigger = c; break; }
      failures.push(`${c}: ${err.code ?? err.message}`);
    }
  }
  if (!trigger) return { ok: false, reason: `cannot create the attach trigger file (read-only filesystem?): ${failures.join('; ')}` };
  try {
    try {
      process.kill(target.pid, 'SIGQUIT');
    } catch (e) {
      return { ok: false, reason: `SIGQUIT could not be sent: ${(e as Error).message}` };
    }
    // One attempt: wait for this JVM to open its socket (as jcmd does, up to its attach timeout), never re-signal.
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    let delay = 20;
    while (Date.now() < deadline) {
      if (await exists(socket)) return { ok: true, session: { socket, triggered: true } };
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 200);
    }
    return { ok: false, reason: `the JVM did not open its attach socket within ${opts.timeoutMs ?? 10_000} ms after SIGQUIT (attach listener disabled or the JVM is hung)` };
  } finally {
    await unlink(trigger).catch(() => {});
  }
}

/** One jcmd command over the attach socket; never throws (the reason is in the result). */
export function jcmd(session: AttachSession, command: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<JcmdResult> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? 32 * 1024 * 1024;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let settled = false;
    const sock = connect({ path: session.socket });
    const finish = (r: Omit<JcmdResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ ...r, durationMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish({ ok: false, code: -1, output: Buffer.concat(chunks).toString('utf8'), error: `no complete answer within ${timeoutMs} ms` }), timeoutMs);
    sock.on('connect', () => {
      sock.write(Buffer.from(`1\0jcmd\0${command}\0\0\0`, 'utf8'));
    });
    sock.on('data', (b: Buffer) => {
      if (bytes + b.length > maxBytes) {
        truncated = true;
        chunks.push(b.subarray(0, Math.max(0, maxBytes - bytes)));
        bytes = maxBytes;
        sock.destroy();
        return;
      }
      chunks.push(b);
      bytes += b.length;
    });
    sock.on('error', (e) => finish({ ok: false, code: -1, output: '', error: `attach socket: ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    sock.on('close', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const nl = all.indexOf('\n');
      const code = nl > 0 ? Number(all.slice(0, nl).trim()) : NaN;
      if (!Number.isFinite(code)) return finish({ ok: false, code: -1, output: all, error: all === '' ? 'the JVM closed the attach socket without an answer' : 'the answer has no result code' });
      const output = all.slice(nl + 1) + (truncated ? `\n[jvmdoctor: output cut at ${maxBytes} bytes]\n` : '');
      const jvmError = code !== 0 ? firstLine(output) || `result code ${code}` : errorInOutput(command, output);
      finish(jvmError ? { ok: false, code, output, error: jvmError } : { ok: true, code, output });
    });
  });
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** jcmd reports many failures with result code 0 and an explanation as the output. */
export function errorInOutput(command: string, output: string): string | undefined {
  const t = output.trim();
  if (t === '') return 'empty answer';
  const first = firstLine(t);
  if (/^(java\.lang\.IllegalArgumentException|Unknown diagnostic command|Native memory tracking is not enabled|Heap dump file|Unable to create|Could not|Error)/i.test(first)
    && !/Heap dump file created/i.test(t)) return first;
  if (/^GC\.heap_dump/.test(command) && !/Heap dump file created/i.test(t)) return first;
  return undefined;
}

/**
 * When attach is impossible: one SIGQUIT (only if caught) makes the JVM print a thread dump to its stdout.
 * When that stdout is a regular file (catalina.out, a redirected log) its new tail is read back here;
 * in a container the dump lands in the container log, which the container path gathers afterwards.
 */
export async function sigquitThreadDump(target: JvmTarget, waitMs = 1500): Promise<{ sent: boolean; dump?: string; note: string }> {
  if (!target.catchesSigquit) return { sent: false, note: 'SIGQUIT not sent: the JVM does not catch it (it would be killed)' };
  const out = `/proc/${target.pid}/fd/1`;
  let before = -1;
  try {
    const st = await stat(out);
    if (st.isFile()) before = st.size;
  } catch { /* no stdout */ }
  try {
    process.kill(target.pid, 'SIGQUIT');
  } catch (e) {
    return { sent: false, note: `SIGQUIT could not be sent: ${(e as Error).message}` };
  }
  if (before < 0) return { sent: true, note: 'SIGQUIT sent: the thread dump went to the JVM\'s stdout (not a file readable here: see the container or service log)' };
  await new Promise((r) => setTimeout(r, waitMs));
  try {
    const all = await readFile(out);
    const tail = all.subarray(before).toString('utf8');
    const start = tail.search(/^Full thread dump/m);
    if (start < 0) return { sent: true, note: 'SIGQUIT sent, but no thread dump appeared in the JVM\'s stdout file' };
    return { sent: true, dump: tail.slice(Math.max(0, tail.lastIndexOf('\n', start - 2) + 1)), note: 'thread dump from SIGQUIT, read back from the JVM\'s stdout file' };
  } catch (e) {
    return { sent: true, note: `SIGQUIT sent; its stdout file could not be read back: ${(e as Error).message}` };
  }
}
