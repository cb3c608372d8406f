#!/usr/bin/env node
// HTML report page sizes and the serve UI's heap queries, measured once:
//   node bench/serve.mjs [dump.hprof]          (default: bench/out/heap-orders/orders.hprof)
// Page sizes: `diagnose --format html` of examples/seed-incident and `heap --format html` of the dump
// given (raw and gzip). Queries: the explorer built over the dump (time, RSS), then over HTTP through
// a real `startServer` on 127.0.0.1 — root children, three levels down the biggest child, the path
// from the GC roots to the third level, the root grouped by class and by package, a class search and
// a class's retained set. Each query runs 5 times; the table shows the median and the first run.
// Needs a build (npm run build).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dump = process.argv[2] ?? join(root, 'bench', 'out', 'heap-orders', 'orders.hprof');
const cli = join(root, 'bin', 'jvmdoctor.js');
const { startServer } = await import(join(root, 'dist', 'src', 'serve', 'server.js'));

const tmp = mkdtempSync(join(tmpdir(), 'jvmdoctor-bench-serve-'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
try {
  console.log(`# serve / html bench — ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (shared machine)\n`);
  console.log('| page | bytes | gzip |\n| --- | ---: | ---: |');
  const seedHtml = join(tmp, 'seed.html');
  execFileSync(process.execPath, [cli, 'diagnose', join(root, 'examples', 'seed-incident'), '--format', 'html', '--out', seedHtml, '--fail-on', 'none'], { stdio: 'ignore' });
  const pages = [['diagnose seed-incident', seedHtml]];
  if (existsSync(dump)) {
    const heapHtml = join(tmp, 'heap.html');
    execFileSync(process.execPath, [cli, 'heap', dump, '--format', 'html', '--out', heapHtml, '--no-cache'], { stdio: 'ignore' });
    pages.push([`heap ${dump.split('/').pop()}`, heapHtml]);
  }
  for (const [name, p] of pages) {
    const b = readFileSync(p);
    console.log(`| ${name} | ${b.length} (${kb(b.length)}) | ${gzipSync(b).length} (${kb(gzipSync(b).length)}) |`);
  }
  if (!existsSync(dump)) {
    console.log(`\n(no dump at ${dump}: queries skipped)`);
    process.exit(0);
  }

  const s = await startServer({ paths: [dump] });
  try {
    const get = async (path) => {
      const t0 = performance.now();
      const r = await fetch(`http://127.0.0.1:${s.port}${path}${path.includes('?') ? '&' : '?'}token=${s.token}`);
      const body = await r.json();
      if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`);
      return { body, ms: performance.now() - t0, server: Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? NaN) };
    };
    const rss0 = process.memoryUsage().rss;
    const hadIndex = existsSync(`${dump}.jvmdoctor-index`);
    const t0 = performance.now();
    const first = await get('/api/heap/children?dump=0&node=root&limit=50');
    const build = performance.now() - t0;
    console.log(`\nExplorer opened (${hadIndex ? 'mapping the index kept beside the dump' : 'no index yet: built and kept beside the dump'}) over ${dump} (${(Number(execFileSync('stat', ['-c', '%s', dump]).toString()) / 2 ** 30).toFixed(2)} GiB) in ${(build / 1000).toFixed(1)} s; RSS of this process ${((process.memoryUsage().rss) / 2 ** 20).toFixed(0)} MB (from ${(rss0 / 2 ** 20).toFixed(0)} MB).\n`);
    const queries = [];
    let node = 'root';
    const names = [];
    for (let d = 0; d < 3; d++) {
      const page = (await get(`/api/heap/children?dump=0&node=${node}&limit=50`)).body;
      node = page.rows[0].objectId;
      names.push(page.rows[0].className);
      queries.push([`children of level ${d + 1} (${page.className}, ${page.total} children)`, `/api/heap/children?dump=0&node=${d === 0 ? 'root' : page.objectId}&limit=50`]);
    }
    queries.push([`path from the GC roots to ${names[2]}`, `/api/heap/path?dump=0&object=${node}`]);
    queries.push(['root children grouped by class', '/api/heap/children?dump=0&node=root&group=class']);
    queries.push(['root children grouped by package', '/api/heap/children?dump=0&node=root&group=package']);
    queries.push(['class search "Order"', '/api/heap/classes?dump=0&q=Order']);
    const top = first.body.rows[0].className.replace(/^class /, '');
    queries.push([`retained set of ${top}`, `/api/heap/instances?dump=0&class=${encodeURIComponent(top)}`]);
    console.log('| query (HTTP round trip on 127.0.0.1) | first ms | median ms | in the server, median ms |\n| --- | ---: | ---: | ---: |');
    for (const [name, path] of queries) {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await get(path));
      const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`| ${name} | ${runs[0].ms.toFixed(1)} | ${med(runs.map((r) => r.ms)).toFixed(1)} | ${med(runs.map((r) => r.server)).toFixed(1)} |`);
    }
  } finally {
    await s.close();
  }
  // A second server over the same dump: the explorer now maps the index the first one kept.
  const s2 = await startServer({ paths: [dump] });
  try {
    const t1 = performance.now();
    const r = await fetch(`http://127.0.0.1:${s2.port}/api/heap/children?dump=0&node=root&limit=50&token=${s2.token}`);
    await r.json();
    console.log(`\nSecond server, kept index: first tree query (opening the mapped index) in ${(performance.now() - t1).toFixed(0)} ms; RSS of this process ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`);
  } finally {
    await s2.close();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
