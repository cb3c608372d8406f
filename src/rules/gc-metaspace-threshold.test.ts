import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcMetaspaceThreshold } from './gc-metaspace-threshold.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: Metadata GC Threshold and Last ditch collection (garbagecat dataset74/76), Metaspace allocation failed (dataset288)', (t) => {
  const a = gcCorpus('garbagecat/dataset76.txt');
  const b = gcCorpus('garbagecat/dataset288.txt');
  if (!a || !b) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcMetaspaceThreshold, a);
  assert.equal(f.severity, 'critical');
  assert.ok((f.facts?.metaspaceThresholdGcs as number) >= 2);
  assert.equal(runRule(gcMetaspaceThreshold, b)[0].facts?.metaspaceAllocationFailures, 1);
});

test('no metaspace-driven GC in the JDK 17 runs', () => {
  for (const name of ['jdk17-g1-leak.log', 'jdk17-parallel-sysgc.log']) assert.deepEqual(runRule(gcMetaspaceThreshold, gcFixture(name)), []);
});
