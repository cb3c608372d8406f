import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcHumongous } from './gc-humongous.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 G1 with 2 MB arrays in 1 MB regions: humongous, and a region size to set', () => {
  const [f] = runRule(gcHumongous, gcFixture('jdk17-g1-humongous.log'));
  assert.ok((f.facts?.humongousPauses as number) >= 3);
  assert.ok(f.recommendations.some((r) => r.flags?.includes('-XX:G1HeapRegionSize=4m')));
});

test('not on other collectors, nor a G1 run without humongous objects', () => {
  assert.deepEqual(runRule(gcHumongous, gcFixture('jdk17-parallel-steady.log')), []);
  assert.deepEqual(runRule(gcHumongous, gcFixture('jdk17-g1-steady.log')), []);
});
