import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcInvertedParallelism } from './gc-inverted-parallelism.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 Parallel GC with 4 threads on one contended CPU: user + sys < real', () => {
  const [f] = runRule(gcInvertedParallelism, gcFixture('jdk17-parallel-inverted.log'));
  assert.ok((f.facts?.invertedParallelism as number) >= 3);
});

test('Serial is single-threaded by design; an uncontended Parallel run is silent', () => {
  assert.deepEqual(runRule(gcInvertedParallelism, gcFixture('jdk17-serial-steady.log')), []);
  assert.deepEqual(runRule(gcInvertedParallelism, gcFixture('jdk17-parallel-sysgc.log')), []);
});
