// Compiling a scenario's Java sources with the machine's javac, and waiting for a JVM's log to say
// something (the program's own markers, or the JVM's OutOfMemoryError lines).

import { readdirSync, readFileSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './proc.mjs';

export function javaSources(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.java')) out.push(p);
    }
  }
  return out.sort();
}

/** javac every .java under `srcDir` into `outDir` (no build tool: the JDK is all a scenario needs). */
export async function compileJava(srcDir, outDir, classpath = []) {
  mkdirSync(outDir, { recursive: true });
  const sources = javaSources(srcDir);
  if (sources.length === 0) throw new Error(`no .java files under ${srcDir}`);
  const args = ['-encoding', 'UTF-8', '-nowarn', '-d', outDir];
  if (classpath.length) args.push('-cp', classpath.join(':'));
  const r = await run('javac', [...args, ...sources], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`javac failed for ${srcDir}:\n${r.stderr || r.stdout}`);
  return outDir;
}

/**
 * Polls `file` until `pattern` matches its text (or `proc` exits, or `timeoutMs` passes).
 * Returns the match, or throws saying what was awaited and the tail of the log.
 */
export async function waitForLog(file, pattern, { timeoutMs = 60_000, proc, what = String(pattern) } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const m = text.match(pattern);
    if (m) return m;
    if (proc && proc.exitCode() !== undefined) {
      throw new Error(`${proc.label} exited (${proc.exitCode()}) before ${what}; last log lines:\n${tail(text)}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${file}; last log lines:\n${tail(text)}`);
    await sleep(100);
  }
}

/** Waits until a file stops growing (a heap dump being written by the JVM). */
export async function waitForStableFile(file, { timeoutMs = 60_000, quietMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const size = existsSync(file) ? statSync(file).size : -1;
    if (size !== last) {
      last = size;
      since = Date.now();
    } else if (size > 0 && Date.now() - since >= quietMs) return size;
    await sleep(100);
  }
  throw new Error(`${file} still changing (or absent) after ${timeoutMs} ms`);
}

function tail(text, n = 15) {
  return text.split('\n').slice(-n).join('\n');
}

/** The -Xlog option an engineer adds to keep a GC log (JDK 9+ unified logging). */
export function gcLogOption(file) {
  return `-Xlog:gc*:file=${file}:time,uptime,level,tags`;
}
