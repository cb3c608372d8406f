// The reader on real dumps cut, corrupted, compressed and read 7 bytes at a time; the cache; the
// command's exit codes. One small dump (test/java/heap/Histo.java) is made once for all tests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzeHeapDump } from '../../src/heap/analyze.js';
import { besideDumpPath } from '../../src/heap/store.js';
import type { HeapReport } from '../../src/model/heap-report.js';
import type { ReportDocument } from '../../src/model/document.js';
import { InputError } from '../../src/util/errors.js';
import { dumpJvm, hasJdk, javac, repoRoot, tempDir } from './heap-jvm.js';

const jdk = hasJdk();
const tmp = tempDir('jvmdoctor-reader-');
let dump = '';
let full: HeapReport;

before(async () => {
  if (!jdk) return;
  javac(tmp.dir, 'Histo.java');
  dump = (await dumpJvm({ classDir: tmp.dir, main: 'Histo', jvmArgs: ['-Xmx128m'], dump: join(tmp.dir, 'd.hprof') })).dump;
  full = await analyzeHeapDump(dump, { cache: false, top: 10 });
});
after(() => tmp.cleanup());

const comparable = (r: HeapReport) => ({ h: r.histogram, d: r.dominators, l: r.leakSuspects, t: r.threads, cl: r.classLoaders, sp: r.summary.systemProperties, o: r.summary.objects, rb: r.summary.reachableBytes });

test('7-byte reads give the same analysis as 8 MB reads', { timeout: 120_000 }, async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const tiny = await analyzeHeapDump(dump, { cache: false, top: 10, chunkSize: 7 });
  assert.deepEqual(comparable(tiny), comparable(full));
  assert.ok(full.summary.objects > 10_000);
  // What the naming pass copies for field values survives tiny reads too (compared above).
  assert.ok(Object.keys(full.summary.systemProperties ?? {}).length > 20);
});

test('a gzip-compressed dump (detected by content, not name) gives the same analysis', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const gz = join(tmp.dir, 'dump-compressed.bin');
  writeFileSync(gz, gzipSync(readFileSync(dump), { level: 1 }));
  const r = await analyzeHeapDump(gz, { cache: false, top: 10 });
  assert.equal(r.summary.gzip, true);
  assert.deepEqual(comparable(r), comparable(full));
});

test('a truncated dump is analysed as far as it goes, with a warning', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const bytes = readFileSync(dump);
  const cut = join(tmp.dir, 'cut.hprof');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  const r = await analyzeHeapDump(cut, { cache: false, top: 5 });
  assert.equal(r.summary.warnings.length, 1);
  assert.match(r.summary.warnings[0], /truncated/);
  assert.ok(r.summary.objects > 1000 && r.summary.objects < full.summary.objects, String(r.summary.objects));
  const gzCut = join(tmp.dir, 'cut.hprof.gz');
  const gz = gzipSync(bytes);
  writeFileSync(gzCut, gz.subarray(0, Math.floor(gz.length * 0.85)));
  const r2 = await analyzeHeapDump(gzCut, { cache: false, top: 5 });
  assert.match(r2.summary.warnings.join(' '), /gzip stream is damaged or cut short|truncated/);
  assert.ok(r2.summary.objects > 0);
});

test('a dump corrupted part-way is read up to the damage, with a warning', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const bytes = Buffer.from(readFileSync(dump));
  const at = Math.floor(bytes.length * 0.6);
  const bad = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(4096, 0x99)]);
  const p = join(tmp.dir, 'bad.hprof');
  writeFileSync(p, bad);
  const r = await analyzeHeapDump(p, { cache: false, top: 5 });
  assert.equal(r.summary.warnings.length, 1);
  assert.match(r.summary.warnings[0], /corrupt|truncated/);
  assert.ok(r.summary.objects > 0 && r.summary.objects < full.summary.objects);
});

test('garbage, empty and missing files are clear input errors', async () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['garbage.hprof', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), /not an HPROF heap dump/],
    ['empty.hprof', Buffer.alloc(0), /empty/],
    ['text.hprof', 'this is a log file, not a heap dump\n'.repeat(10), /not an HPROF heap dump/],
    ['idsize.hprof', Buffer.concat([Buffer.from('JAVA PROFILE 1.0.2\0'), Buffer.from([0, 0, 0, 3]), Buffer.alloc(8)]), /identifier size 3/],
    ['badtag.hprof', Buffer.concat([Buffer.from('JAVA PROFILE 1.0.2\0'), Buffer.from([0, 0, 0, 8]), Buffer.alloc(8), Buffer.from([0x77, 0, 0, 0, 0, 0, 0, 0, 0])]), /unknown record tag 0x77/],
  ];
  for (const [name, content, message] of cases) {
    const p = join(tmp.dir, name);
    writeFileSync(p, content);
    await assert.rejects(analyzeHeapDump(p, { cache: false }), (e: unknown) => e instanceof InputError && message.test(e.message), name);
  }
  await assert.rejects(analyzeHeapDump(join(tmp.dir, 'nope.hprof')), (e: unknown) => e instanceof InputError && /no such file/.test((e as Error).message));
});

test('the second run reads the cache beside the dump; a read-only folder falls back to the cache dir', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const copy = join(tmp.dir, 'cached.hprof');
  copyFileSync(dump, copy);
  const first = await analyzeHeapDump(copy, { top: 10 });
  assert.ok(!first.cached);
  assert.ok(existsSync(besideDumpPath(copy)));
  const second = await analyzeHeapDump(copy, { top: 5 });
  assert.equal(second.cached, true);
  assert.deepEqual(second.histogram, first.histogram);
  assert.deepEqual(second.dominators, first.dominators.slice(0, 5));
  // Unwritable place beside the dump (a folder where the cache file would go): use XDG_CACHE_HOME.
  const other = join(tmp.dir, 'other.hprof');
  copyFileSync(dump, other);
  mkdirSync(besideDumpPath(other));
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = join(tmp.dir, 'xdg');
  try {
    assert.ok(!(await analyzeHeapDump(other, { top: 5 })).cached);
    assert.equal((await analyzeHeapDump(other, { top: 5 })).cached, true);
    assert.ok(existsSync(join(tmp.dir, 'xdg', 'jvmdoctor')));
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});

test('the heap command prints JSON, and exits 2 with one line on bad input', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const entry = join(repoRoot, 'bin', 'jvmdoctor.js');
  const out = execFileSync('node', [entry, 'heap', dump, '--json', '--no-cache', '--top', '3'], { encoding: 'utf8' });
  // The report document (schemaVersion 2): the analysis is its one heap section.
  const doc = JSON.parse(out) as ReportDocument;
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.command, 'heap');
  assert.equal(doc.sections.heaps?.length, 1);
  const r = doc.sections.heaps![0];
  assert.equal(r.dominators.length, 3);
  assert.deepEqual(r.histogram, full.histogram);
  const text = execFileSync('node', [entry, 'heap', dump, '--no-cache'], { encoding: 'utf8' });
  assert.match(text, /Class histogram/);
  const bad = join(tmp.dir, 'bad-cli.hprof');
  writeFileSync(bad, 'hello');
  const res = spawnSync('node', [entry, 'heap', bad], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /not an HPROF heap dump/);
  assert.equal(spawnSync('node', [entry, 'heap', dump, '--top', 'x'], { encoding: 'utf8' }).status, 2);
});

test('a report becomes findings for diagnose', async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const { heapLeakSuspect } = await import('../../src/rules/heap-leak-suspect.js');
  const { heapTopConsumers } = await import('../../src/rules/heap-top-consumers.js');
  const { caseWithHeaps } = await import('../../src/rules/testing.js');
  const { deriveFacts } = await import('../../src/diagnosis/facts.js');
  const c = caseWithHeaps({ file: 'x.hprof', report: full });
  const findings = [heapLeakSuspect, heapTopConsumers].flatMap((r) => r.evaluate({ case: c, facts: deriveFacts(c) }));
  assert.equal(findings.filter((f) => f.ruleId === 'heap-leak-suspect').length, full.leakSuspects.length);
  const info = findings.find((f) => f.ruleId === 'heap-top-consumers');
  assert.ok(info && info.tables && info.tables[0].rows.length === 5);
  assert.equal(info.tables[0].rows[0][0], full.histogram[0].className);
});
