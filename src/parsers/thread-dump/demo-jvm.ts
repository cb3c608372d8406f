// Test support: compiles and runs fixtures/thread-dump/java/ThreadLeakDemo.java (thread pools shaped
// like a leaking webapp's plus two deadlocks), then takes real dumps of it with jcmd, jstack and
// kill -3. The JVM is tracked by PID and must be stopped with stop() in a finally/after hook.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../util/repo-root.js';


export const DEMO_SOURCE = join(repoRoot(), 'fixtures', 'thread-dump', 'java', 'ThreadLeakDemo.java');

/** Whether javac, java, jcmd and jstack are all on the PATH (CI installs openjdk-17-jdk-headless). */
export function jdkAvailable(): boolean {
  return ['javac', 'java', 'jcmd', 'jstack'].every((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).error === undefined);
}

export function compileDemo(outDir: string): void {
  const r = spawnSync('javac', ['-d', outDir, DEMO_SOURCE], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`javac failed: ${r.stderr || r.error?.message}`);
}

export interface DemoJvm {
  pid: number;
  /** Everything the JVM printed so far (its catalina.out: log lines, and kill -3 dumps). */
  stdout(): string;
  /** Creates n more never-shut-down per-request executors; resolves with the JVM's thread count. */
  grow(n: number): Promise<number>;
  /** Prints a log line in Tomcat's one-line format. */
  log(text: string): Promise<void>;
  /** Runs a tool against the JVM and returns its output ("jcmd", ["Thread.print"]). */
  tool(cmd: 'jcmd' | 'jstack', args: string[]): string;
  /** Sends SIGQUIT and resolves once the dump it prints has ended. */
  kill3(): Promise<string>;
  /** Kills the JVM by its PID (idempotent). */
  stop(): void;
}

export async function startDemo(classDir: string, threadsPerPool: number, deadlock = true, timeoutMs = 30_000): Promise<DemoJvm> {
  const child: ChildProcessWithoutNullStreams = spawn(
    'java',
    ['-Xss512k', '-Xmx64m', '-XX:+UseSerialGC', '-cp', classDir, 'ThreadLeakDemo', String(threadsPerPool), deadlock ? 'deadlock' : 'no-deadlock'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) throw new Error('java could not be started');
  const pid = child.pid;
  let out = '';
  let err = '';
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of [...waiters]) if (w.test()) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((out += d), wake()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  let exited = false;
  child.on('exit', () => ((exited = true), wake()));
  const until = (test: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${err}`)), timeoutMs);
      const w = { test: () => test() || exited, resolve: () => (clearTimeout(timer), exited ? reject(new Error(`JVM exited: ${err}`)) : resolve()) };
      waiters.push(w);
      wake();
    });
  const stop = () => {
    if (!exited) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  try {
    await until(() => /^READY \d+$/m.test(out), 'READY');
  } catch (e) {
    stop();
    throw e;
  }
  return {
    pid,
    stdout: () => out,
    async grow(n) {
      const before = out.length;
      child.stdin.write(`grow ${n}\n`);
      await until(() => /READY (\d+)/.test(out.slice(before)), 'grow');
      return Number(/READY (\d+)/.exec(out.slice(before))![1]);
    },
    async log(text) {
      const before = out.length;
      child.stdin.write(`log ${text}\n`);
      await until(() => out.slice(before).includes('LOGGED'), 'log');
    },
    tool(cmd, args) {
      const r = spawnSync(cmd, cmd === 'jcmd' ? [String(pid), ...args] : [...args, String(pid)], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
      return r.stdout;
    },
    async kill3() {
      const before = out.length;
      process.kill(pid, 'SIGQUIT');
      // HotSpot ends a SIGQUIT dump with the heap summary (its last line: "  class space    used …").
      await until(() => /^Heap\n(?:.*\n)*? +class space +used/m.test(out.slice(before)) || /^Heap\n(?:.*\n)*?\n/m.test(out.slice(before)), 'kill -3 dump');
      return out.slice(before);
    },
    stop,
  };
}
