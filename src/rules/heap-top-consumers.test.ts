import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heapTopConsumers } from './heap-top-consumers.js';
import { Case } from '../evidence/case.js';
import { runRuleOn } from './testing.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import { compileJava, haveJdk, runJava } from '../../test/java.js';
import { repoRoot } from '../../test/support.js';

test('names the biggest classes of a real dump (long[] fills a HeapOom heap)', { skip: !haveJdk && 'no JDK' }, async (t) => {
  const dir = compileJava([join(repoRoot(), 'fixtures', 'log', 'java', 'HeapOom.java')]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await runJava(dir, ['-Xmx16m', '-XX:+HeapDumpOnOutOfMemoryError', `-XX:HeapDumpPath=${dir}`, 'HeapOom']);
  const dump = join(dir, readdirSync(dir).find((f) => f.endsWith('.hprof'))!);
  const c = new Case();
  c.heaps.push({ file: dump, report: await analyzeHeapDump(dump, { cache: false }) });
  const [f] = runRuleOn(heapTopConsumers, c);
  assert.equal(f.severity, 'info');
  assert.equal(f.tables![0]?.rows[0][0], 'long[]');
  assert.match(f.summary, /^Biggest classes by shallow size: long\[\] \d/);
});

test('nothing without a dump', () => {
  const c = new Case();
  assert.deepEqual(runRuleOn(heapTopConsumers, c), []);
});
