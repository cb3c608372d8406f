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
