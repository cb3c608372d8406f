// A collection run: named steps, each with a timeout and a byte cap, its duration and status recorded
// for the manifest, its outputs kept in memory until the end. Then every text is redacted (secrets
// learned from all of them first, so a password seen in the command line is removed from a log too)
// and the bundle is written in one streaming pass. A step that fails or times out never stops the others.

import { hostname } from 'node:os';
import type { Manifest, StepRecord, StepStatus, CollectTargetInfo } from './manifest.js';
import { Redactor } from './redact.js';
import { TarGzWriter } from './tar-writer.js';
import { version } from '../util/version.js';
import { describeRun, type CommandRunner, type RunResult } from './runner.js';

export interface BundleFile {
  name: string;
  content: string | Buffer;
  /** A big binary file (a heap dump) streamed from disk instead of held in memory; content is then empty. */
  path?: string;
}

/** One line per finished step on a TTY ("[4/18] hsperfdata ok 3.1 s"), nothing in pipes. */
export interface StepProgress {
  start(step: string): void;
  end(rec: StepRecord): void;
}

export const silentSteps: StepProgress = { start() {}, end() {} };

export function ttySteps(stream: NodeJS.WriteStream): StepProgress {
  let n = 0;
  return {
    start(step) {
      stream.write(`\r\x1b[2Kcollect: ${step} …`);
    },
    end(rec) {
      n++;
      const mark = rec.status === 'ok' ? '✔' : rec.status === 'skipped' ? '–' : '✘';
      const why = rec.reason ? ` — ${rec.reason}` : '';
      stream.write(`\r\x1b[2K${mark} ${String(n).padStart(2)} ${rec.step} (${rec.durationMs} ms)${why}`.slice(0, (stream.columns || 120) - 1) + '\n');
    },
  };
}

export interface StepResult {
  status?: StepStatus;
  reason?: string;
  note?: string;
  command?: string;
  exitCode?: number | null;
  truncated?: boolean;
}

export interface StepApi {
  add(name: string, content: string | Buffer): void;
  /** Records an outside command's end on the step (exit code, truncation) and returns its stdout as text when it succeeded. */
  ran(cmd: string, args: string[], r: RunResult): string | undefined;
}

export class StepTimeout extends Error {}

export class Collection {
  readonly steps: StepRecord[] = [];
  readonly files: BundleFile[] = [];
  readonly notGathered: { what: string; why: string }[] = [];
  readonly notes: string[] = [];
  readonly redactor = new Redactor();
  readonly startedAt = new Date();
  target: CollectTargetInfo = { kind: 'pid' };
  options: Record<string, unknown> = {};

  constructor(readonly run: CommandRunner, readonly progress: StepProgress = silentSteps) {}

  private uniqueName(name: string): string {
    if (!this.files.some((f) => f.name === name)) return name;
    const dot = name.lastIndexOf('.');
    for (let i = 2; ; i++) {
      const n = dot > name.lastIndexOf('/') ? `${name.slice(0, dot)}-${i}${name.slice(dot)}` : `${name}-${i}`;
      if (!this.files.some((f) => f.name === n)) return n;
    }
  }

  /** Runs one step; never throws for the step's own failures (recorded), only for bugs in the caller. */
  async step(name: string, timeoutMs: number, fn: (api: StepApi) => Promise<StepResult | void>): Promise<StepRecord> {
    const started = Date.now();
    const rec: StepRecord = { step: name, status: 'ok', files: [], startedAt: new Date(started).toISOString(), durationMs: 0 };
    this.progress.start(name);
    const written: BundleFile[] = [];
    const api: StepApi = {
      add: (file, content) => {
        const f = { name: this.uniqueName(file), content };
        written.push(f);
        this.files.push(f);
      },
      ran: (cmd, args, r) => {
        rec.command = [cmd, ...args].join(' ');
        rec.exitCode = r.code;
        if (r.truncated) rec.truncated = true;
        if (r.spawnError || r.timedOut || r.code !== 0) {
          rec.status = r.timedOut ? 'timeout' : 'failed';
          rec.reason = describeRun(cmd, r);
          return undefined;
        }
        return r.stdout.toString('utf8');
      },
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        fn(api),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new StepTimeout(`step did not finish within ${timeoutMs} ms`)), timeoutMs); }),
      ]);
      if (result) {
        if (result.status) rec.status = result.status;
        if (result.reason) rec.reason = result.reason;
        if (result.note) rec.note = result.note;
        if (result.command) rec.command = result.command;
        if (result.exitCode !== undefined) rec.exitCode = result.exitCode;
        if (result.truncated) rec.truncated = true;
      }
    } catch (e) {
      rec.status = e instanceof StepTimeout ? 'timeout' : 'failed';
      rec.reason = (e as Error).message;
      if (!(e instanceof StepTimeout) && !isExpected(e)) rec.reason = `unexpected error: ${(e as Error).stack ?? e}`;
    } finally {
      clearTimeout(timer);
    }
    rec.files = written.map((f) => f.name);
    rec.bytes = written.reduce((n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length), 0);
    if (rec.status === 'ok' && written.length === 0 && !rec.note) rec.note = 'nothing to bundle';
    rec.durationMs = Date.now() - started;
    if (rec.status !== 'ok' && rec.reason) this.notGathered.push({ what: name, why: rec.reason });
    this.steps.push(rec);
    this.progress.end(rec);
    return rec;
  }

  /** Redacts every text and writes the bundle with manifest.json first; returns the manifest. */
  async write(path: string): Promise<Manifest> {
    const texts = this.files.filter((f) => typeof f.content === 'string' && !f.path) as { name: string; content: string }[];
    // First pass learns every secret value, the second removes them wherever they appear.
    for (const f of texts) this.redactor.learn(f.content);
    for (const f of texts) f.content = this.redactor.redact(f.content, f.name);
    for (const s of this.steps) if (s.command) s.command = this.redactor.redact(s.command, 'manifest.json');
    for (const s of this.notGathered) s.why = this.redactor.redact(s.why, 'manifest.json');
    const finished = new Date();
    const manifest: Manifest = {
      tool: 'jvmdoctor collect',
      schemaVersion: 1,
      version: version(),
      host: hostname(),
      startedAt: this.startedAt.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - this.startedAt.getTime(),
      target: this.target,
      options: this.options,
      steps: this.steps,
      notGathered: this.notGathered,
      redactions: mergeRedactions(this.redactor.redactions),
      notes: this.notes.map((n) => this.redactor.redact(n, 'manifest.json')),
    };
    const writer = new TarGzWriter(path);
    await writer.add('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    for (const f of this.files) await (f.path ? writer.addFile(f.name, f.path) : writer.add(f.name, f.content));
    await writer.finish();
    return manifest;
  }
}

function mergeRedactions(list: { name: string; file: string; count: number }[]) {
  const m = new Map<string, { name: string; file: string; count: number }>();
  for (const r of list) {
    const k = `${r.name}\0${r.file}`;
    const e = m.get(k);
    if (e) e.count += r.count;
    else m.set(k, { ...r });
  }
  return [...m.values()];
}

/** Errors a step may meet on a real system (a file gone, no permission): recorded as the step's reason. */
function isExpected(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' || (e as Error)?.name === 'TargetError' || (e as Error)?.name === 'PerfDataError';
}

export function defaultBundleName(pid: number | string, when = new Date()): string {
  const stamp = when.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `jvmdoctor-${hostname().replace(/[^\w.-]/g, '_')}-${pid}-${stamp}.tar.gz`;
}
