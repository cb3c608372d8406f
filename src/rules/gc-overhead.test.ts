import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcOverhead } from './gc-overhead.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('the undersized G1 run spirals: consecutive full GCs freeing nothing', () => {
  const [f] = runRule(gcOverhead, gcFixture('jdk17-g1-undersized.log'));
  assert.equal(f.severity, 'critical');
  assert.ok((f.facts?.ineffectiveFullGcStreak as number) >= 3);
});

test('System.gc() on a near-empty heap is no spiral; steady runs have no overhead', () => {
  for (const name of ['jdk17-parallel-sysgc.log', 'jdk17-g1-steady.log', 'jdk17-z-steady.log']) assert.deepEqual(runRule(gcOverhead, gcFixture(name)), [], name);
});

test('corpus: GC time is exceeding GCTimeLimit (garbagecat dataset28)', (t) => {
  const files = gcCorpus('garbagecat/dataset28.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcOverhead, files);
  assert.equal(f.facts?.gcTimeLimit, 1);
});
