// The server's guarantees, over real HTTP on 127.0.0.1: the token, the host check, no path
// traversal, the upload cap, the workspace removed on close; and the CLI's graceful shutdown on
// SIGINT/SIGTERM, checked on its PID.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { repoRoot } from '../util/repo-root.js';
import { startServer } from './server.js';

const seed = join(repoRoot(), 'examples', 'seed-incident');

interface Reply {
  status: number;
  body: string;
}

function http(port: number, method: string, path: string, opts: { body?: Buffer | string; headers?: Record<string, string>; chunked?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: -1, body: e.code }) : reject(e)));
    if (opts.body !== undefined) {
      if (opts.chunked) {
        // No Content-Length: the cap must hold while streaming.
        const b = Buffer.from(opts.body);
        const step = 64 * 1024;
        for (let i = 0; i < b.length; i += step) req.write(b.subarray(i, i + step));
      } else req.write(opts.body);
    }
    req.end();
  });
}

test('serve: every request needs the token; a wrong or missing one gets 403', async () => {
  const s = await startServer({ paths: [seed] });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    assert.equal((await http(s.port, 'GET', '/')).status, 403);
    assert.equal((await http(s.port, 'GET', '/?token=wrong')).status, 403);
    assert.equal((await http(s.port, 'GET', `/?token=${s.token.slice(0, -1)}`)).status, 403, 'a prefix of the token');
    assert.equal((await http(s.port, 'GET', '/api/status')).status, 403);
    assert.equal((await http(s.port, 'POST', '/api/run', { headers: { 'X-Jvmdoctor-Token': 'nope' } })).status, 403);
    assert.equal((await http(s.port, 'GET', `/?token=${s.token}`)).status, 200);
    assert.equal((await http(s.port, 'GET', '/api/status', { headers: { 'X-Jvmdoctor-Token': s.token } })).status, 200);
    // A page elsewhere reaching us under another host name (DNS rebinding) is refused.
    assert.equal((await http(s.port, 'GET', `/?token=${s.token}`, { headers: { Host: 'evil.example:80' } })).status, 421);
  } finally {
    await s.close();
  }
});

test('serve: no path traversal — requests never name a file; uploads are named by the server', async () => {
  const s = await startServer({ paths: [seed] });
  const t = `token=${s.token}`;
  try {
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/examples/seed-incident/top.txt', `/${seed}/top.txt`, '/api/../../etc/passwd', '/report/../../etc/passwd']) {
      const r = await http(s.port, 'GET', `${p}?${t}`);
      assert.ok(r.status === 404 || r.status === 409, `${p} → ${r.status}`);
      assert.doesNotMatch(r.body, /root:x:0:0|JAVA_OPTS/);
    }
    for (const d of ['../../etc/passwd', '/etc/passwd', '-1', '1e9', '0x0']) {
      const r = await http(s.port, 'GET', `/api/heap/children?${t}&dump=${encodeURIComponent(d)}`);
      assert.equal(r.status, 404, `dump=${d}`);
    }
    const before = new Set(readdirSync(tmpdir()));
    const up = await http(s.port, 'POST', `/api/upload?${t}&name=${encodeURIComponent('../../../../tmp/evil.hprof')}`, { body: 'not really a dump' });
    assert.equal(up.status, 201);
    const saved = readdirSync(s.workspace);
    assert.deepEqual(saved, ['1-evil.hprof'], 'stored inside the workspace under a server-made name');
    assert.ok(!existsSync('/tmp/evil.hprof'));
    assert.deepEqual([...new Set(readdirSync(tmpdir()))].filter((n) => !before.has(n) && n.includes('evil')), []);
    // The uploaded "dump" is listed and fails with a clear message, not a crash.
    const bad = await http(s.port, 'GET', `/api/heap/children?${t}&dump=0`);
    assert.equal(bad.status, 422);
    assert.match(JSON.parse(bad.body).error, /evil\.hprof could not be read: /);
    const r2 = await http(s.port, 'POST', `/api/upload?${t}&name=${encodeURIComponent('..\\..\\win.log')}`, { body: 'x' });
    assert.equal(JSON.parse(r2.body).name, 'win.log');
  } finally {
    await s.close();
  }
  assert.equal(existsSync(s.workspace), false, 'workspace removed on close');
});

test('serve: uploads over the cap are refused, declared or streamed, and leave nothing behind', async () => {
  const s = await startServer({ paths: [], uploadCapBytes: 100_000 });
  const t = `token=${s.token}`;
  try {
    const declared = await http(s.port, 'POST', `/api/upload?${t}&name=big.log`, { body: Buffer.alloc(200_000, 0x41) });
    assert.ok(declared.status === 413 || declared.status === -1, `declared: ${declared.status}`);
    const streamed = await http(s.port, 'POST', `/api/upload?${t}&name=big2.log`, { body: Buffer.alloc(300_000, 0x42), chunked: true });
    assert.ok(streamed.status === 413 || streamed.status === -1, `streamed: ${streamed.status}`);
    assert.deepEqual(readdirSync(s.workspace), [], 'no partial upload kept');
    const ok = await http(s.port, 'POST', `/api/upload?${t}&name=small.log`, { body: Buffer.alloc(99_000, 0x43), chunked: true });
    assert.equal(ok.status, 201);
    assert.equal(statSync(join(s.workspace, readdirSync(s.workspace)[0])).size, 99_000);
    const inputs = JSON.parse((await http(s.port, 'GET', `/api/inputs?${t}`)).body);
    assert.deepEqual(inputs.inputs.map((i: { name: string }) => i.name), ['small.log']);
  } finally {
    await s.close();
  }
});

test('serve: runs the diagnosis of the paths given through the pipeline, with progress, and serves the report', async () => {
  const s = await startServer({ paths: [seed] });
  const t = `token=${s.token}`;
  try {
    assert.equal((await http(s.port, 'GET', `/report?${t}`)).status, 409);
    assert.equal((await http(s.port, 'POST', `/api/run?${t}`)).status, 202);
    let st: { state: string; phase: string; findings?: number };
    do {
      await new Promise((r) => setTimeout(r, 50));
      st = JSON.parse((await http(s.port, 'GET', `/api/status?${t}`)).body);
    } while (st.state === 'running');
    assert.equal(st.state, 'done');
    assert.match(st.phase, /Reading /);
    const doc = JSON.parse((await http(s.port, 'GET', `/api/report?${t}`)).body);
    assert.equal(doc.schemaVersion, 2);
    assert.equal(doc.findings[0].ruleId, 'javacpp-native-cap');
    const page = await http(s.port, 'GET', `/report?${t}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /connect-src &#39;self&#39;/);
    assert.ok(page.body.includes(doc.findings[0].title.replace(/'/g, '&#39;')));
    // Evidence lines expand to their context — from input files only.
    const ctx = JSON.parse((await http(s.port, 'GET', `/api/context?${t}&file=${encodeURIComponent(join(seed, 'top.txt'))}&line=9`)).body);
    assert.deepEqual(ctx.lines.map((l: { n: number }) => l.n), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].filter((n) => n <= ctx.lines.at(-1).n));
    assert.match(ctx.lines.find((l: { n: number }) => l.n === 9).text, /30164 root/);
    for (const f of ['/etc/passwd', join(seed, '..', '..', 'package.json'), join(seed, '..', 'seed-incident-other', 'x'), 'package.json', seed]) {
      const r = await http(s.port, 'GET', `/api/context?${t}&file=${encodeURIComponent(f)}&line=1`);
      assert.equal(r.status, 404, `context of ${f}`);
      assert.doesNotMatch(r.body, /root:x:|"name"/);
    }
  } finally {
    await s.close();
  }
});

async function cliServe(signal: NodeJS.Signals): Promise<void> {
  const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'jvmdoctor.js'), 'serve', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (c) => reject(new Error(`serve exited early (${c})`)));
    });
    const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)$/.exec(first);
    assert.ok(m, `first line is the URL: ${first}`);
    const port = Number(m![1]);
    const r = await http(port, 'POST', `/api/upload?token=${m![2]}&name=note.log`, { body: 'hello' });
    assert.equal(r.status, 201);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(pid, signal);
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    assert.equal(code, 0, `exit code after ${signal}`);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    assert.equal(alive, false, 'process gone');
    const refused = await http(port, 'GET', '/').then(() => false, () => true);
    assert.equal(refused, true, 'port closed');
    const ws = /uploads kept in (\S+) until/.exec(stderr)?.[1];
    assert.ok(ws, stderr);
    assert.equal(existsSync(ws!), false, 'upload workspace removed');
    assert.match(stderr, new RegExp(`${signal}, stopping`));
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already stopped */
    }
  }
}

test('serve CLI: SIGTERM stops it gracefully (exit 0, port closed)', () => cliServe('SIGTERM'));
test('serve CLI: SIGINT stops it gracefully (exit 0, port closed)', () => cliServe('SIGINT'));
