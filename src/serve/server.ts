// `jvmdoctor serve`: the local web UI. node:http only (a router of a dozen fixed routes does not need a
// framework). Security model, all enforced here:
// - bound to 127.0.0.1 only; a random free port unless one is asked for;
// - a random token on every request (query `token=` or header `X-Jvmdoctor-Token`), compared in
//   constant time, so another local user who finds the port cannot drive it;
// - no path ever comes from a request: the inputs are the paths given on the command line and the
//   files uploaded into a temporary workspace (named by the server, removed on close); requests
//   name them by their number in that list;
// - uploads are capped in size (Content-Length checked first, bytes counted while streaming);
// - every page is served with a CSP allowing only its own hashed script/style and fetches to itself.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, readdir, realpath } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runDiagnosis } from '../pipeline/run-diagnosis.js';
import type { ReportDocument } from '../model/document.js';
import { renderHtml } from '../report/html.js';
import type { ProgressSink } from '../util/progress.js';
import { HeapExplorer, type GroupBy } from './heap-explorer.js';
import { CONTEXT_SCRIPT, explorerBody, EXPLORER_SCRIPT, startPage } from './ui.js';

export const DEFAULT_UPLOAD_CAP = 2 * 1024 ** 3;

export interface ServeOptions {
  paths: string[];
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  uploadCapBytes?: number;
  /** Told about each request-independent event (diagnosis phases), for the terminal. */
  log?: (line: string) => void;
}

export interface InputEntry {
  /** As the user gave it, or the uploaded file's name. */
  name: string;
  path: string;
  uploaded: boolean;
  heapDump: boolean;
}

interface RunState {
  state: 'idle' | 'running' | 'done' | 'failed';
  phase: string;
  phaseBytes: number;
  phaseTotal: number;
  startedAt?: number;
  ms?: number;
  error?: string;
  doc?: ReportDocument;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  workspace: string;
  close(): Promise<void>;
}

const HEAP_DUMP = /\.hprof(\.gz)?$/i;
/** Lines shown above and below an evidence line. */
const CONTEXT_LINES = 6;

/** Heap dumps among the inputs: the files given, and those one or two folder levels below a folder given. */
async function heapDumpsIn(path: string, depth = 2): Promise<string[]> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return [];
  if (s.isFile()) return HEAP_DUMP.test(path) ? [path] : [];
  if (!s.isDirectory() || depth === 0) return [];
  const out: string[] = [];
  for (const name of (await readdir(path)).sort()) out.push(...(await heapDumpsIn(join(path, name), depth - 1)));
  return out;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const cap = opts.uploadCapBytes ?? DEFAULT_UPLOAD_CAP;
  const workspace = await mkdtemp(join(tmpdir(), 'jvmdoctor-serve-'));
  const log = opts.log ?? (() => {});
  const inputs: InputEntry[] = [];
  for (const p of opts.paths) {
    inputs.push({ name: p, path: p, uploaded: false, heapDump: HEAP_DUMP.test(p) });
  }
  // Dumps the explorer can open: numbered separately, as the UI lists them.
  const dumps: string[] = [];
  for (const p of opts.paths) for (const d of await heapDumpsIn(p)) if (!dumps.includes(d)) dumps.push(d);
  const explorers = new Map<number, Promise<HeapExplorer>>();
  // What each explorer build is doing (a 1 GB dump takes minutes without the kept index): phase and bytes.
  const building = new Map<number, { phase: string; bytes: number; total: number; startedAt: number }>();
  const run: RunState = { state: 'idle', phase: '', phaseBytes: 0, phaseTotal: 0 };
  let uploads = 0;

  function explorer(n: number): Promise<HeapExplorer> {
    let e = explorers.get(n);
    if (!e) {
      const b = { phase: 'Starting', bytes: 0, total: 0, startedAt: Date.now() };
      building.set(n, b);
      const sink: ProgressSink = {
        phase(name, total) {
          Object.assign(b, { phase: name, bytes: 0, total: total ?? 0 });
        },
        advance(bytes) {
          b.bytes += bytes;
        },
        done() {},
      };
      e = HeapExplorer.open(dumps[n], sink);
      explorers.set(n, e);
      e.then(() => building.delete(n), () => {
        building.delete(n);
        explorers.delete(n);
      });
    }
    return e;
  }

  const progress: ProgressSink = {
    phase(name, total) {
      run.phase = name;
      run.phaseBytes = 0;
      run.phaseTotal = total ?? 0;
    },
    advance(bytes) {
      run.phaseBytes += bytes;
    },
    done() {},
  };

  async function startRun(): Promise<void> {
    if (run.state === 'running') return;
    Object.assign(run, { state: 'running', phase: 'Starting', phaseBytes: 0, phaseTotal: 0, startedAt: Date.now(), error: undefined, doc: undefined });
    try {
      run.doc = await runDiagnosis(inputs.map((i) => i.path), { progress });
      run.state = 'done';
      log(`diagnosis done: ${run.doc.findings.length} finding(s)`);
    } catch (e) {
      run.state = 'failed';
      run.error = e instanceof Error ? e.message : String(e);
      log(`diagnosis failed: ${run.error}`);
    } finally {
      run.ms = Date.now() - (run.startedAt ?? Date.now());
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      // A bug of ours: say so (500) and keep serving; the stack goes to the terminal.
      log(`error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error (see the terminal running jvmdoctor serve)');
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // uploads of big dumps take their time; the cap bounds them

  function authorised(req: IncomingMessage, url: URL): boolean {
    const given = url.searchParams.get('token') ?? (req.headers['x-jvmdoctor-token'] as string | undefined) ?? '';
    const buf = Buffer.from(given);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A page of another site could make the browser send requests here (DNS rebinding): only our host name.
    const host = req.headers.host ?? '';
    if (!/^127\.0\.0\.1(:\d+)?$/.test(host)) return send(res, 421, 'text/plain', 'wrong host');
    if (!authorised(req, url)) return send(res, 403, 'text/plain', 'missing or wrong token: use the URL jvmdoctor serve printed');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return sendPage(res, startPage({ token, inputs, dumps, capBytes: cap, state: run.state }));
      case 'GET /report': {
        if (!run.doc) return send(res, 409, 'text/plain', 'no diagnosis yet: run it from the start page');
        const page = renderHtml(run.doc, {
          connect: true,
          redact: url.searchParams.get('redact') === '1',
          extraBody: explorerBody(dumps.map((d) => basename(d))),
          extraScript: CONTEXT_SCRIPT + EXPLORER_SCRIPT,
        });
        return sendPage(res, page);
      }
      case 'GET /api/inputs':
        return json(res, 200, { inputs: inputs.map((i, n) => ({ n, name: i.name, uploaded: i.uploaded })), dumps: dumps.map((d, n) => ({ n, name: basename(d) })) });
      case 'POST /api/run':
        void startRun();
        return json(res, 202, { state: run.state });
      case 'GET /api/status':
        return json(res, 200, { state: run.state, phase: run.phase, bytes: run.phaseBytes, total: run.phaseTotal, ms: run.state === 'running' ? Date.now() - (run.startedAt ?? 0) : run.ms, error: run.error, findings: run.doc?.findings.length });
      case 'GET /api/report':
        return run.doc ? json(res, 200, run.doc) : json(res, 409, { error: 'no diagnosis yet' });
      case 'GET /api/context':
        return context(res, url);
      case 'POST /api/upload':
        return upload(req, res, url);
      case 'GET /api/heap/status': {
        const n = Number(url.searchParams.get('dump') ?? '0');
        const b = building.get(n);
        return json(res, 200, b ? { state: 'building', phase: b.phase, bytes: b.bytes, total: b.total, ms: Date.now() - b.startedAt } : { state: explorers.has(n) ? 'ready' : 'idle' });
      }
      case 'GET /api/heap/children':
      case 'GET /api/heap/path':
      case 'GET /api/heap/classes':
      case 'GET /api/heap/instances':
        return heapQuery(res, url);
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  }

  async function heapQuery(res: ServerResponse, url: URL): Promise<void> {
    const n = Number(url.searchParams.get('dump') ?? '0');
    if (!Number.isInteger(n) || n < 0 || n >= dumps.length) return json(res, 404, { error: `no heap dump ${url.searchParams.get('dump')}: the dumps are numbered 0–${dumps.length - 1}` });
    const x = await explorer(n).catch((e: Error) => e);
    if (x instanceof Error) return json(res, 422, { error: `heap dump ${basename(dumps[n])} could not be read: ${x.message}` });
    const t0 = performance.now();
    const q = url.searchParams;
    const num = (k: string) => (q.get(k) !== null && /^\d{1,9}$/.test(q.get(k)!) ? Number(q.get(k)) : undefined);
    let body: unknown;
    switch (url.pathname) {
      case '/api/heap/children': {
        const node = x.resolve(q.get('node') ?? 'root');
        if (node === undefined) return json(res, 404, { error: `no object ${q.get('node')} in this dump` });
        const g = (q.get('group') ?? 'none') as GroupBy;
        if (!['none', 'class', 'package', 'loader'].includes(g)) return json(res, 400, { error: 'group must be none, class, package or loader' });
        body = x.children(node, { offset: num('offset'), limit: num('limit'), groupBy: g });
        break;
      }
      case '/api/heap/path': {
        const node = x.resolve(q.get('object') ?? '');
        if (node === undefined) return json(res, 404, { error: `no object ${q.get('object')} in this dump` });
        body = { objectId: q.get('object'), steps: await x.path(node) };
        break;
      }
      case '/api/heap/classes':
        body = { classes: x.searchClasses((q.get('q') ?? '').slice(0, 200)) };
        break;
      case '/api/heap/instances': {
        const r = x.instancesOf(q.get('class') ?? '', { offset: num('offset'), limit: num('limit') });
        if (!r) return json(res, 404, { error: `no class ${q.get('class')} in this dump` });
        body = r;
        break;
      }
    }
    res.setHeader('Server-Timing', `query;dur=${(performance.now() - t0).toFixed(1)}`);
    return json(res, 200, body);
  }

  /**
   * Lines around an evidence line, for a file that is an input or inside a folder given as one (by
   * real path, so neither `..` nor a symlink leads outside); members of archives are not served.
   */
  async function context(res: ServerResponse, url: URL): Promise<void> {
    const file = url.searchParams.get('file') ?? '';
    const line = Number(url.searchParams.get('line') ?? '');
    if (!file || !Number.isInteger(line) || line < 1) return json(res, 400, { error: 'context wants file and line' });
    const real = await realpath(file).catch(() => undefined);
    const st = real ? await stat(real).catch(() => undefined) : undefined;
    let allowed = false;
    if (real && st?.isFile()) {
      for (const i of inputs) {
        const root = await realpath(i.path).catch(() => undefined);
        if (root && (real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) allowed = true;
      }
    }
    if (!allowed) return json(res, 404, { error: 'not an input file' });
    const from = Math.max(1, line - CONTEXT_LINES);
    const to = line + CONTEXT_LINES;
    const lines: { n: number; text: string }[] = [];
    const rl = createInterface({ input: createReadStream(real!, { encoding: 'utf8', highWaterMark: 64 * 1024 }), crlfDelay: Infinity });
    let n = 0;
    for await (const text of rl) {
      n++;
      if (n >= from) lines.push({ n, text: text.length > 2000 ? text.slice(0, 2000) + '…' : text });
      if (n >= to) break;
    }
    rl.close();
    return json(res, 200, { file, line, lines });
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > cap) {
      req.resume();
      res.setHeader('Connection', 'close');
      return json(res, 413, { error: `upload of ${declared} bytes is over the ${cap}-byte cap` });
    }
    // The server names the file; the user's name survives only as a sanitised suffix.
    const given = basename((url.searchParams.get('name') ?? 'upload').replace(/\\/g, '/'));
    const safe = given.replace(/[^\w.+-]/g, '_').replace(/^\.+/, '').slice(0, 120) || 'upload';
    const path = join(workspace, `${++uploads}-${safe}`);
    const out = createWriteStream(path, { flags: 'wx' });
    let bytes = 0;
    let over = false;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > cap && !over) {
          over = true;
          req.unpipe(out);
          out.destroy();
          resolve();
          return;
        }
      });
      req.pipe(out);
      out.on('finish', resolve);
      out.on('error', reject);
      req.on('error', reject);
    });
    if (over) {
      await rm(path, { force: true });
      res.setHeader('Connection', 'close');
      json(res, 413, { error: `upload is over the ${cap}-byte cap` });
      req.destroy();
      return;
    }
    inputs.push({ name: safe, path, uploaded: true, heapDump: HEAP_DUMP.test(safe) });
    if (HEAP_DUMP.test(safe)) dumps.push(path);
    return json(res, 201, { n: inputs.length - 1, name: safe, bytes });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    workspace,
    close() {
      closing ??= (async () => {
        for (const e of explorers.values()) await e.then((x) => x.close(), () => {});
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rm(workspace, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': `${type}; charset=utf-8` });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

/** Pages carry their CSP in a meta tag (renderHtml); the header adds what a meta tag cannot. */
function sendPage(res: ServerResponse, html: string): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "frame-ancestors 'none'" });
  res.end(html);
}
