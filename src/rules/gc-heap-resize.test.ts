import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcHeapResize } from './gc-heap-resize.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 Parallel with -Xmx only: the heap resizes, and -Xms = -Xmx is suggested', () => {
  const [f] = runRule(gcHeapResize, gcFixture('jdk17-parallel-sysgc.log'));
  assert.ok((f.facts?.resizes as number) >= 5);
  assert.ok(f.recommendations[0].flags?.some((x) => x.startsWith('-Xms')));
});

test('a fixed heap does not resize', () => {
  assert.deepEqual(runRule(gcHeapResize, gcFixture('jdk17-g1-undersized.log')), []);
});
