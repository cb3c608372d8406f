import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcCpuStarvation } from './gc-cpu-starvation.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 Parallel GC sharing one CPU with three busy processes: real ≫ user + sys', () => {
  const [f] = runRule(gcCpuStarvation, gcFixture('jdk17-parallel-starved.log'));
  assert.ok((f.facts?.realOverCpu as number) >= 2);
  assert.match(f.evidence[0].excerpt, /Pause Young/);
});

test('an uncontended run is silent', () => {
  assert.deepEqual(runRule(gcCpuStarvation, gcFixture('jdk17-parallel-sysgc.log')), []);
});
