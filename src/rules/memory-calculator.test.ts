import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryCalculator } from './memory-calculator.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const wild = (c: string, f: string) => readFileSync(join(repoRoot(), 'fixtures', 'wild', c, f), 'utf8');
const MB = 1024 * 1024;

test('"JVM Memory Configuration:" of a 768M container: 79 MB heap behind 240 MB code cache, 250 stacks, 189 MB metaspace', () => {
  const [f] = runRule(memoryCalculator, { 'cf-logs.txt': wild('cf-memory-calculator-config-line', 'cf-logs.txt') });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.heapBytes, 81033 * 1024);
  assert.equal(f.facts?.nonHeapBytes, 240 * MB + 250 * MB + 193398 * 1024 + 10 * MB);
  assert.match(f.summary, /240 MB code cache/);
  assert.match(f.summary, /250 threads/);
});

test('the calculator refusing 256M: critical, the non-heap sum against the total', () => {
  const [f] = runRule(memoryCalculator, { 'paste.txt': wild('cf-memory-calculator-allocated-greater', 'paste.txt') });
  assert.equal(f.severity, 'critical');
  assert.equal(f.facts?.totalBytes, 256 * MB);
  assert.equal(f.facts?.threads, 4);
  assert.equal(f.facts?.nonHeapBytes, 240 * MB + 4 * MB + 70312 * 1024 + 10 * MB);
  assert.match(f.title, /256 MB/);
});

test('silent on ordinary JVM options', () => {
  assert.deepEqual(runRule(memoryCalculator, { 'setenv.sh': 'export CATALINA_OPTS="-Xmx2g -Xss1M"\n' }), []);
});
