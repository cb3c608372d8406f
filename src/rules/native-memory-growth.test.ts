import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeMemoryGrowth } from './native-memory-growth.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const wild = (c: string, f: string) => readFileSync(join(repoRoot(), 'fixtures', 'wild', c, f), 'utf8');

test('summary.diff cut off mid-line: Thread +16.5 GB reserved, named as a thread leak', () => {
  const [f] = runRule(nativeMemoryGrowth, { 'nmt-diff.txt': wild('nmt-summary-diff-thread-growth-neo4j', 'nmt-diff.txt') });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.category, 'Thread');
  assert.equal(f.facts?.growthBytes, 17255840 * 1024);
  assert.match(f.title, /Thread.*\+16\.5 GB reserved/);
  assert.match(f.summary, /thread leak/);
});

test('healthy NMT summaries stay silent (jmx_exporter#726, a bare JVM with PrintNMTStatistics)', () => {
  assert.deepEqual(runRule(nativeMemoryGrowth, { 'nmt.txt': wild('nmt-summary-healthy-jmx-exporter', 'nmt.txt') }), []);
  assert.deepEqual(runRule(nativeMemoryGrowth, { 'nmt.txt': readFileSync(join(repoRoot(), 'fixtures', 'native-memory', 'jdk17-nmt-summary.txt'), 'utf8') }), []);
});

test('a category larger than the heap in a plain summary', () => {
  const text = 'Native Memory Tracking:\n\nTotal: reserved=3145728KB, committed=2097152KB\n-                 Java Heap (reserved=524288KB, committed=524288KB)\n-                    Other (reserved=1048576KB, committed=1048576KB)\n';
  const [f] = runRule(nativeMemoryGrowth, { 'nmt.txt': text });
  assert.equal(f.facts?.category, 'Other');
  assert.match(f.summary, /direct ByteBuffers/);
});
