import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { heapGrowth } from './heap-growth.js';
import { Case } from '../evidence/case.js';
import { runRuleOn } from './testing.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import { dumpGrowingCacheTwice, hasJdk, javac, repoRoot, tempDir } from '../../test/e2e/heap-jvm.js';

const N = 3000;

test('two dumps of one JVM whose cache doubled: the growth, the class and the path', { timeout: 120_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-growth-');
  try {
    javac(tmp.dir, 'GrowingCache.java');
    const [before, after] = await dumpGrowingCacheTwice(tmp.dir, tmp.dir, N);
    const c = new Case();
    // Given in either order: the dumps' own timestamps say which is earlier.
    c.heaps.push({ file: after, report: await analyzeHeapDump(after, { cache: false }) }, { file: before, report: await analyzeHeapDump(before, { cache: false }) });
    const [f, ...rest] = runRuleOn(heapGrowth, c);
    assert.equal(rest.length, 0);
    assert.ok(f, 'a finding');
    assert.ok(f.facts!.growthBytes as number >= N * (24 + 528));
    assert.equal(f.evidence[0].file, before);
    assert.equal(f.evidence[1].file, after);
    const row = f.tables![0].rows.find((r) => r[0] === 'GrowingCache$Entry');
    assert.deepEqual(row?.slice(0, 3), ['GrowingCache$Entry', N, N * (24 + 528)]);
    assert.match(f.recommendations[0].detail, /static field CACHE of GrowingCache/);

    // The same dump twice (a copy: same application, same heap) did not grow.
    const copy = join(tmp.dir, 'copy.hprof');
    copyFileSync(before, copy);
    const same = new Case();
    same.heaps.push({ file: before, report: await analyzeHeapDump(before, { cache: false }) }, { file: copy, report: await analyzeHeapDump(copy, { cache: false }) });
    assert.deepEqual(runRuleOn(heapGrowth, same), []);
  } finally {
    tmp.cleanup();
  }
});

test('dumps of two different applications are not compared', async () => {
  const dir = join(repoRoot, 'fixtures', 'hprof-jdk8');
  const a = join(dir, 'jdk8u111-deepUnderstandingJvm-dump.hprof.gz');
  const b = join(dir, 'jdk8u162-sun-shining-concurrency-dump.hprof.gz');
  const c = new Case();
  c.heaps.push({ file: a, report: await analyzeHeapDump(a, { cache: false }) }, { file: b, report: await analyzeHeapDump(b, { cache: false }) });
  assert.deepEqual(runRuleOn(heapGrowth, c), []);
});

test('nothing from one dump', () => {
  assert.deepEqual(runRuleOn(heapGrowth, new Case()), []);
});
