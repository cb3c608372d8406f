import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcSerialFallback } from './gc-serial-fallback.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 G1 leak run: G1 fell back to full GCs', () => {
  const [f] = runRule(gcSerialFallback, gcFixture('jdk17-g1-leak.log'));
  assert.ok((f.facts?.fullGcs as number) >= 3);
  assert.match(f.evidence[0].excerpt, /Pause Full/);
});

test('System.gc() full GCs and Parallel full GCs are not fallbacks', () => {
  assert.deepEqual(runRule(gcSerialFallback, gcFixture('jdk17-g1-sysgc.log')), []);
  assert.deepEqual(runRule(gcSerialFallback, gcFixture('jdk17-parallel-undersized.log')), []);
});
