import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { heapWaste } from './heap-waste.js';
import { Case } from '../evidence/case.js';
import { runRuleOn } from './testing.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import { dumpJvm, hasJdk, javac, repoRoot, tempDir } from '../../test/e2e/heap-jvm.js';

test('a real JVM with three 4 MB direct buffers: the native memory and who holds it; small waste stays quiet', { timeout: 120_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-waste-rule-');
  try {
    javac(tmp.dir, 'Waste.java');
    const { dump } = await dumpJvm({ classDir: tmp.dir, main: 'Waste', jvmArgs: ['-Xmx256m'], dump: join(tmp.dir, 'w.hprof') });
    const c = new Case();
    const report = await analyzeHeapDump(dump, { cache: false });
    c.heaps.push({ file: dump, report });
    const found = runRuleOn(heapWaste, c);
    const direct = found.find((f) => /direct buffers hold/.test(f.title));
    assert.ok(direct, found.map((f) => f.title).join('\n'));
    assert.ok((direct.facts!.capacityBytes as number) >= 3 * 4 * 1024 * 1024);
    assert.match(direct.summary, /static field BUFFERS of Waste/);
    // Duplicates: ~64 KB of a heap of several MB — below 5 %: not a finding (the section still lists them).
    const dupWasted = report.waste!.duplicateStrings.wastedBytes;
    const dup = found.find((f) => /Duplicate strings/.test(f.title));
    assert.equal(Boolean(dup), dupWasted >= 0.05 * report.summary.reachableBytes);
  } finally {
    tmp.cleanup();
  }
});

test('boxed primitives and duplicates on a real JDK 8 dump: findings only above 5 % of the heap', async () => {
  const dump = join(repoRoot, 'fixtures', 'hprof-jdk8', 'jdk8u162-sun-shining-concurrency-dump.hprof.gz');
  const report = await analyzeHeapDump(dump, { cache: false });
  const c = new Case();
  c.heaps.push({ file: dump, report });
  for (const f of runRuleOn(heapWaste, c)) {
    const wasted = f.facts!.wastedBytes as number | undefined;
    if (wasted !== undefined) assert.ok(wasted >= 0.05 * report.summary.reachableBytes, f.title);
  }
});

test('nothing without a dump', () => {
  assert.deepEqual(runRuleOn(heapWaste, new Case()), []);
});
