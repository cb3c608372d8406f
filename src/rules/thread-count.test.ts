import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadCount } from './thread-count.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

test('1500 threads (/proc status) with -Xss512k → warning with the stack reserve', () => {
  const [f] = runRule(threadCount, { 'status.txt': 'Name:\tjava\nPid:\t42\nVmRSS:\t 4500000 kB\nThreads:\t1500\n', 'setenv.sh': 'JAVA_OPTS="-Xss512k"\n' });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.threads, 1500);
  assert.equal(f.facts?.stackReserveBytes, 1500 * 512 * 1024);
});

test('400 threads on a 2-CPU Kubernetes limit is 200 per CPU → warning; the seed\'s 363 with unknown CPUs is not', () => {
  const deploy = readFileSync(join(repoRoot(), 'fixtures', 'kubernetes', 'deployment.yaml'), 'utf8');
  const [f] = runRule(threadCount, { 'status.txt': 'Name:\tjava\nPid:\t42\nThreads:\t400\n', 'deploy.yaml': deploy });
  assert.equal(f.facts?.cpus, 2);
  const seed = readFileSync(join(repoRoot(), 'examples', 'seed-incident', 'proc-30164-status.txt'), 'utf8');
  assert.deepEqual(runRule(threadCount, { 'status.txt': seed }), []);
});
