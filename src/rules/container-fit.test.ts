import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerFit } from './container-fit.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const fx = (p: string) => readFileSync(join(repoRoot(), 'fixtures', p), 'utf8');
const GB = 1024 ** 3;
const MB = 1024 ** 2;

test('cgroup v2 folder: 4 OOM kills → critical; -Xmx1900m in a 2 GiB limit is 93 % of it', () => {
  const [f] = runRule(containerFit, {
    'memory.max': fx('cgroup/v2-oom-killed/memory.max'),
    'memory.events': fx('cgroup/v2-oom-killed/memory.events'),
    'setenv.sh': 'JAVA_OPTS="-Xmx1900m"\n',
  });
  assert.equal(f.severity, 'critical');
  assert.equal(f.facts?.oomKills, 4);
  assert.equal(f.facts?.containerLimitBytes, 2 * GB);
  assert.equal(f.facts?.heapShareOfLimit, Number((1900 / 2048).toFixed(3)));
  assert.ok(f.recommendations.some((r) => r.flags?.includes(`-Xmx${Math.floor((2 * GB * 0.7) / MB)}m`)));
  assert.ok(f.evidence.some((e) => e.file === 'memory.events' && e.line === 5));
});

test('Kubernetes pod: OOMKilled, the 512m request, -Xmx900m (JDK_JAVA_OPTIONS) in a decimal 1G limit', () => {
  const [f] = runRule(containerFit, { 'pod.yaml': fx('kubernetes/pod-oomkilled.yaml') });
  assert.equal(f.severity, 'critical');
  assert.equal(f.facts?.oomKilledReported, true);
  assert.equal(f.facts?.containerLimitBytes, 1e9);
  assert.equal(f.facts?.heapBytes, 900 * MB);
  assert.match(f.summary, /512m.*milli/);
  assert.match(f.summary, /restarted 7 time/);
});

test('no -Xmx: the default heap is 25 % of the limit (info, suggests MaxRAMPercentage); 90 % via JAVA_TOOL_OPTIONS warns', () => {
  const [low] = runRule(containerFit, { 'java-version.txt': 'openjdk version "17.0.15" 2025-04-15\n', 'memory.max': '4294967296\n' });
  assert.equal(low.severity, 'info');
  assert.equal(low.facts?.heapIsDefault, true);
  assert.equal(low.facts?.heapBytes, 1 * GB);
  assert.ok(low.recommendations.some((r) => r.flags?.includes('-XX:MaxRAMPercentage=70')));
  const [high] = runRule(containerFit, { 'deploy.yaml': fx('kubernetes/deployment.yaml') });
  assert.equal(high.severity, 'warning');
  assert.equal(high.facts?.heapBytes, Math.floor(2 * GB * 0.9), 'MaxRAMPercentage=90 from JAVA_TOOL_OPTIONS');
});

test('JDK 8u181 ignores the limit: heap from host RAM → critical when it exceeds the limit', () => {
  const [f] = runRule(containerFit, {
    'java-version.txt': 'java version "1.8.0_181"\nJava(TM) SE Runtime Environment (build 1.8.0_181-b13)\nJava HotSpot(TM) 64-Bit Server VM (build 25.181-b13, mixed mode)\n',
    'free.txt': fx('free/seed-free-h.txt'),
    'memory.limit_in_bytes': `${2 * GB}\n`,
  });
  assert.equal(f.severity, 'critical');
  assert.match(f.title, /from the host/);
});

test('does not fire without a container or with a sane heap share', () => {
  assert.deepEqual(runRule(containerFit, { 'free.txt': fx('free/seed-free-h.txt') }), []);
  assert.deepEqual(runRule(containerFit, { 'memory.max': '2147483648\n', 'setenv.sh': 'JAVA_OPTS="-Xmx1400m"\n' }), []);
  assert.deepEqual(runRule(containerFit, { 'memory.limit_in_bytes': fx('cgroup/v1-host/memory.limit_in_bytes'), 'memory.oom_control': fx('cgroup/v1-host/memory.oom_control') }), [], 'unlimited and no kills');
});
