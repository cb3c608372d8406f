import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcLongPauses } from './gc-long-pauses.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: a 21.8 s G1 full GC explained from its numbers (garbagecat dataset145)', (t) => {
  const files = gcCorpus('garbagecat/dataset145.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcLongPauses, files);
  assert.equal(f.severity, 'critical');
  assert.match(f.summary, /triggered by "Allocation Failure"/);
  assert.match(f.summary, /from 3 GB to 3 GB of 3 GB/);
});

test('short JDK 17 pauses raise nothing', () => {
  for (const name of ['jdk17-g1-steady.log', 'jdk17-z-steady.log', 'jdk17-parallel-sysgc.log']) assert.deepEqual(runRule(gcLongPauses, gcFixture(name)), []);
});
