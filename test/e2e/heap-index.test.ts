// The kept heap model (src/heap/store.ts) on a real dump (test/java/heap/Retention.java): the report,
// `--path` and `--children` answered from the index equal a fresh analysis of the dump; an index cut
// short, damaged or of another format is rebuilt with a note; a folder that cannot take the index
// sends it to the cache dir; a gzip dump's index names paths with one sequential pass.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzeHeapDump, childrenOf, nodeOf, openHeapModel } from '../../src/heap/analyze.js';
import { buildHeapModel } from '../../src/heap/model.js';
import { children, pathTo } from '../../src/heap/queries.js';
import { besideDumpPath, cacheDirPath } from '../../src/heap/store.js';
import type { HeapReport } from '../../src/model/heap-report.js';
import type { ReportDocument } from '../../src/model/document.js';
import type { ChildrenPage } from '../../src/heap/queries.js';
import { silentProgress } from '../../src/util/progress.js';
import { dumpJvm, hasJdk, javac, repoRoot, tempDir } from './heap-jvm.js';

const jdk = hasJdk();
const tmp = tempDir('jvmdoctor-index-');
let dump = '';
let fresh: HeapReport;

before(async () => {
  if (!jdk) return;
  javac(tmp.dir, 'Retention.java');
  const leakyDir = join(tmp.dir, 'leaky');
  javac(leakyDir, 'leaky/Leaky.java');
  dump = (await dumpJvm({ classDir: tmp.dir, main: 'Retention', jvmArgs: ['-Xmx256m'], args: [leakyDir], dump: join(tmp.dir, 'r.hprof') })).dump;
  fresh = await analyzeHeapDump(dump, { cache: false, top: 30 });
});
after(() => tmp.cleanup());

const comparable = (r: HeapReport) => ({
  h: r.histogram, d: r.dominators, l: r.leakSuspects, t: r.threads, cl: r.classLoaders, s: { ...r.summary, file: '' },
});

function copyOf(name: string): string {
  const p = join(tmp.dir, name);
  copyFileSync(dump, p);
  return p;
}

/** Objects whose paths the kept report does not name (so their names come from single records). */
async function someObjects(p: string): Promise<string[]> {
  const m = await buildHeapModel(p, { progress: silentProgress });
  const picked: string[] = [];
  // Down the biggest children three levels, and the last children of a few wide nodes.
  let page = children(m, m.superRoot, { limit: 5 });
  for (let level = 0; level < 3 && page.rows.length > 0; level++) {
    picked.push(...page.rows.map((r) => r.objectId));
    const wide = page.rows.find((r) => r.children > 3) ?? page.rows[0];
    page = childrenOf(m, wide.objectId, { limit: 5, offset: Math.max(0, wide.children - 5) })!;
  }
  picked.push(...page.rows.map((r) => r.objectId));
  return [...new Set(picked)];
}

test('report, --path and --children from the index equal a fresh analysis', { timeout: 180_000 }, async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const p = copyOf('a.hprof');
  const first = await analyzeHeapDump(p, { top: 30 });
  assert.ok(!first.cached);
  assert.ok(existsSync(besideDumpPath(p)), 'index beside the dump');
  assert.deepEqual(comparable(first), comparable(fresh));
  const second = await analyzeHeapDump(p, { top: 30 });
  assert.equal(second.cached, true);
  assert.deepEqual(comparable(second), comparable(fresh));
  // A larger --top than the kept report: computed from the kept model, same as a fresh analysis.
  const wider = await analyzeHeapDump(p, { top: 80 });
  assert.equal(wider.cached, true);
  assert.deepEqual(comparable(wider), comparable(await analyzeHeapDump(dump, { cache: false, top: 80 })));

  const ids = await someObjects(p);
  assert.ok(ids.length >= 8, ids.join(' '));
  for (const id of ids) {
    const want = await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: id });
    const got = await analyzeHeapDump(p, { top: 0, pathTo: id });
    assert.equal(got.cached, true);
    assert.ok(want.requestedPath && want.requestedPath.pathToRoot.length > 0, id);
    assert.deepEqual(got.requestedPath, want.requestedPath, `--path ${id}`);
    assert.ok(!got.requestedPath!.path.includes('?'), got.requestedPath!.path);
  }
  const none = await analyzeHeapDump(p, { top: 0, pathTo: '0x10' });
  assert.equal(none.requestedPath, undefined);
  assert.match(none.summary.warnings.join(' '), /no object with that id/);

  // Children: the mapped index against a model built from the dump now; retained sizes add up.
  const kept = await openHeapModel(p);
  const built = await buildHeapModel(dump, { progress: silentProgress });
  try {
    let nodes = ['root'];
    for (let level = 0; level < 3; level++) {
      const next: string[] = [];
      for (const node of nodes) {
        const a = childrenOf(kept.model, node, { limit: 1000 })!;
        const b = childrenOf(built, node, { limit: 1000 })!;
        assert.deepEqual(a, b, `children of ${node}`);
        for (let i = 1; i < a.rows.length; i++) assert.ok(a.rows[i - 1].retainedBytes >= a.rows[i].retainedBytes, 'biggest first');
        if (a.total <= 1000) {
          // retained = own shallow size + what the children retain (the super-root has no size).
          const sum = a.rows.reduce((s, r) => s + r.retainedBytes, 0);
          const o = nodeOf(built, node);
          assert.equal(sum + (o === built.superRoot ? 0 : built.shallow.sizeOf(o)), a.retainedBytes, `children of ${node} add up`);
          if (o !== built.superRoot) assert.ok(pathTo(built, o).length > 0);
        }
        next.push(...a.rows.slice(0, 3).map((r) => r.objectId));
      }
      nodes = next;
    }
    const pageTwo = childrenOf(kept.model, 'root', { offset: 2, limit: 3 })!;
    assert.deepEqual(pageTwo.rows, childrenOf(built, 'root', { limit: 5 })!.rows.slice(2, 5));
    assert.equal(childrenOf(kept.model, '0x10'), undefined);
    // The web UI's path query on the same opened model.
    assert.deepEqual(await kept.pathTo(ids[1]), (await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: ids[1] })).requestedPath);
    assert.equal(await kept.pathTo('0x10'), undefined);
  } finally {
    kept.close();
  }

  // The CLI answers from the same index.
  const entry = join(repoRoot, 'bin', 'jvmdoctor.js');
  const cli = JSON.parse(execFileSync('node', [entry, 'heap', p, '--children', 'root', '--limit', '4', '--json'], { encoding: 'utf8' })) as ChildrenPage;
  assert.deepEqual(cli, childrenOf(built, 'root', { limit: 4 }));
  const text = execFileSync('node', [entry, 'heap', p, '--children', cli.rows[0].objectId, '--limit', '2'], { encoding: 'utf8' });
  assert.match(text, /immediate children in the dominator tree/);
  const doc = JSON.parse(execFileSync('node', [entry, 'heap', p, '--path', ids[ids.length - 1], '--json'], { encoding: 'utf8' })) as ReportDocument;
  const viaCli = doc.sections.heaps![0];
  assert.equal(viaCli.cached, true);
  assert.deepEqual(viaCli.requestedPath, (await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: ids[ids.length - 1] })).requestedPath);
});

test('an index cut short, damaged, of another format or garbage is rebuilt with a note', { timeout: 180_000 }, async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const p = copyOf('b.hprof');
  await analyzeHeapDump(p, { top: 30 });
  const ix = besideDumpPath(p);
  const good = readFileSync(ix);
  // (A damaged array section is found when a query first reads it: the kept report, in the meta
  // data, is still served as it is.)
  const damage: [string, () => void, RegExp, boolean?][] = [
    ['cut short', () => truncateSync(ix, Math.floor(good.length / 2)), /cut short|end marker/],
    ['a section overwritten', () => {
      const b = Buffer.from(good);
      for (let i = 64; i < Math.min(b.length - 64, 64 + 65536); i++) b[i] = 0xa5;
      writeFileSync(ix, b);
    }, /damaged/, true],
    ['another format version', () => {
      const b = Buffer.from(good);
      b.writeUInt32LE(99, 8);
      writeFileSync(ix, b);
    }, /index format 99/],
    ['garbage', () => writeFileSync(ix, 'not an index at all, but long enough to have a header and a trailer'), /not a jvmdoctor heap index/],
    ['empty', () => writeFileSync(ix, ''), /only 0 bytes/],
  ];
  for (const [what, spoil, note, arraysOnly] of damage) {
    spoil();
    for (const ask of [...(arraysOnly ? [] : [{ top: 30 }]), { top: 0, pathTo: fresh.dominators[3].objectId }]) {
      const r = await analyzeHeapDump(p, ask);
      assert.equal(r.cached, undefined, what);
      assert.match(r.indexNote ?? '', note, what);
      assert.deepEqual(comparable({ ...r, dominators: r.dominators.slice(0, 30) }).h, comparable(fresh).h, what);
      if (ask.pathTo) assert.deepEqual(r.requestedPath, (await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: ask.pathTo })).requestedPath, what);
      assert.equal((await analyzeHeapDump(p, { top: 30 })).cached, true, `${what}: rebuilt`);
      spoil();
    }
    writeFileSync(ix, good);
  }
  // A dump changed since (new mtime): the old index is replaced, silently.
  const later = new Date(statSync(p).mtimeMs + 5000);
  execFileSync('touch', ['-d', later.toISOString(), p]);
  const r = await analyzeHeapDump(p, { top: 30 });
  assert.equal(r.cached, undefined);
  assert.equal(r.indexNote, undefined);
});

test('a dump folder that cannot take the index uses the cache dir', { timeout: 120_000 }, async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const dir = join(tmp.dir, 'ro');
  mkdirSync(dir);
  const p = join(dir, 'c.hprof');
  copyFileSync(dump, p);
  const xdg = join(tmp.dir, 'xdg');
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = xdg;
  // root ignores permission bits: there, a folder standing where the index would go blocks it instead.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) mkdirSync(besideDumpPath(p));
  else chmodSync(dir, 0o555);
  try {
    assert.ok(!(await analyzeHeapDump(p, { top: 30 })).cached);
    assert.ok(existsSync(cacheDirPath(p)), 'index in the cache dir');
    const again = await analyzeHeapDump(p, { top: 0, pathTo: fresh.dominators[0].objectId });
    assert.equal(again.cached, true);
    assert.deepEqual(again.requestedPath, fresh.dominators[0]);
    const m = await openHeapModel(p);
    assert.deepEqual(childrenOf(m.model, 'root', { limit: 10 }), childrenOf(await buildHeapModel(dump, { progress: silentProgress }), 'root', { limit: 10 }));
    m.close();
  } finally {
    if (!asRoot) chmodSync(dir, 0o755);
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});

test('a gzip dump: its index names new paths with one sequential pass', { timeout: 120_000 }, async (t) => {
  if (!jdk) return t.skip('JDK absent');
  const gz = join(tmp.dir, 'd.hprof.gz');
  writeFileSync(gz, gzipSync(readFileSync(dump)));
  await analyzeHeapDump(gz, { top: 30 });
  const ids = (await someObjects(dump)).slice(-3);
  for (const id of ids) {
    const got = await analyzeHeapDump(gz, { top: 0, pathTo: id });
    assert.equal(got.cached, true);
    assert.deepEqual(got.requestedPath, (await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: id })).requestedPath, id);
  }
});
