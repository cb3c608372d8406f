import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryBudget } from './memory-budget.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const seed = (name: string) => readFileSync(join(repoRoot(), 'examples', 'seed-incident', name), 'utf8');
const MB = 1024 ** 2;
const KB = 1024;

test('seed: heap + metaspace + 363 stacks + code cache against 7.6 GB RSS leaves ~2.6 GB unexplained', () => {
  const [f] = runRule(memoryBudget, {
    'jstat-gccapacity.txt': seed('jstat-gccapacity.txt'),
    'proc-30164-status.txt': seed('proc-30164-status.txt'),
    'top.txt': seed('top.txt'),
  });
  assert.equal(f.severity, 'warning');
  const heap = (1397760 + 2375680) * KB;
  const meta = 812632 * KB;
  const stacks = 363 * MB;
  const code = 240 * MB;
  assert.equal(f.facts?.accountedBytes, heap + meta + stacks + code);
  assert.equal(f.facts?.unexplainedBytes, (f.facts?.rssBytes as number) - (heap + meta + stacks + code));
  assert.equal(f.facts?.heapMaxBytes, (1397760 + 2796544) * KB);
  assert.ok(f.recommendations.some((r) => r.flags?.includes('-XX:NativeMemoryTracking=summary')));
  assert.ok(f.recommendations.some((r) => r.flags?.includes('-XX:MaxMetaspaceSize=1152m')));
});

test('an RSS the JVM areas explain is only informational', () => {
  const [f] = runRule(memoryBudget, {
    'jstat-gccapacity.txt': seed('jstat-gccapacity.txt'),
    'status.txt': 'Name:\tjava\nPid:\t42\nVmRSS:\t 4500000 kB\nThreads:\t40\n',
  });
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.rssBytes, 4500000 * KB);
});

test('no RSS and no container limit: nothing to budget against', () => {
  assert.deepEqual(runRule(memoryBudget, { 'jstat-gccapacity.txt': seed('jstat-gccapacity.txt') }), []);
});

const fx = (p: string) => readFileSync(join(repoRoot(), 'fixtures', p), 'utf8');

test('real NMT + smaps_rollup: the budget is NMT\'s, the remainder is "outside NMT"', () => {
  const nmtText = fx('native-memory/jdk17-nmt-summary.txt');
  const [f] = runRule(memoryBudget, { 'nmt.txt': nmtText, 'smaps_rollup': fx('smaps-rollup/jdk17-smaps-rollup.txt') });
  const total = Number(/^Total: reserved=\d+KB, committed=(\d+)KB/m.exec(nmtText)![1]) * KB;
  const rss = Number(/^Rss:\s+(\d+) kB/m.exec(fx('smaps-rollup/jdk17-smaps-rollup.txt'))![1]) * KB;
  assert.equal(f.facts?.budgetSource, 'nmt');
  assert.equal(f.facts?.nmtCommittedBytes, total);
  assert.equal(f.facts?.accountedBytes, total);
  assert.equal(f.facts?.rssBytes, rss);
  assert.equal(f.facts?.unexplainedBytes, rss - total);
  assert.equal(f.severity, 'info', 'a plain JVM: RSS ≈ NMT');
  const rows = f.tables![0]!.rows.map((r) => r[0]);
  assert.ok(rows.includes('Java Heap (NMT)') && rows.includes('Outside NMT (JNI/JavaCPP/malloc arenas)'), rows.join(', '));
  assert.match(JSON.stringify(f.recommendations), /VM\.native_memory baseline/);
});

test('NMT far below RSS (a native leak) → warning', () => {
  const [f] = runRule(memoryBudget, { 'nmt.txt': fx('native-memory/jdk17-nmt-summary.txt'), 'status.txt': 'Name:\tjava\nPid:\t42\nVmRSS:\t 1500000 kB\nThreads:\t40\n' });
  assert.equal(f.severity, 'warning');
  assert.ok((f.facts?.unexplainedBytes as number) > 1.2 * 1024 * MB);
});

test('configured ceiling over the cgroup limit → critical with a fitting -Xmx; the default heap gets a row without -Xmx', () => {
  const [f] = runRule(memoryBudget, {
    'memory.max': '2147483648\n',
    'setenv.sh': 'JAVA_OPTS="-Xmx1800m -XX:MaxDirectMemorySize=512m"\n',
    'nmt.txt': fx('native-memory/jdk17-nmt-summary.txt'),
    'smaps_rollup': fx('smaps-rollup/jdk17-smaps-rollup.txt'),
  });
  assert.equal(f.severity, 'critical', 'what is resident now fits; what the settings allow does not');
  const ceiling = f.facts?.ceilingBytes as number;
  assert.ok(ceiling > 1800 * MB + 36 * MB + 240 * MB + 512 * MB && ceiling < 1800 * MB + 36 * MB + 240 * MB + 512 * MB + 64 * MB, `${ceiling / MB} MB`);
  assert.match(f.title, /configured footprint .* exceeds the 2 GB container limit/);
  const xmx = f.recommendations[0].flags![0];
  assert.match(xmx, /^-Xmx\d+m$/);
  assert.ok(Number(xmx.slice(4, -1)) * MB + (ceiling - 1800 * MB) < 2 * 1024 * MB);
  const [d] = runRule(memoryBudget, { 'memory.max': '2147483648\n', 'java-version.txt': 'openjdk version "17.0.15" 2025-04-15\n', 'status.txt': 'Name:\tjava\nPid:\t42\nVmRSS:\t 600000 kB\nThreads:\t30\n' });
  const heap = d.tables![0]!.rows.find((r) => r[0] === 'Java heap (max, JDK default)')!;
  assert.equal(heap[1], 512 * 1024 * 1024);
  assert.match(String(heap[3]), /JDK default, no -Xmx: 25 %/);
});
