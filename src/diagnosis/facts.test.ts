import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFacts } from './facts.js';
import { caseFrom } from '../rules/testing.js';
import { repoRoot } from '../../test/support.js';

const fx = (p: string) => readFileSync(join(repoRoot(), 'fixtures', p), 'utf8');
const MB = 1024 ** 2;
const GB = 1024 ** 3;

test('JVM option precedence: JAVA_TOOL_OPTIONS < JDK_JAVA_OPTIONS < command line < _JAVA_OPTIONS (as JDK 17 does it)', () => {
  const env = (vars: Record<string, string>) =>
    JSON.stringify([{ Id: 'abc', Name: '/svc', Image: 'eclipse-temurin:17', State: { Pid: 42 }, HostConfig: { Memory: 2 * GB }, Config: { Env: Object.entries(vars).map(([k, v]) => `${k}=${v}`) }, Mounts: [] }], null, 2);
  const both = deriveFacts(caseFrom({ 'inspect.json': env({ JDK_JAVA_OPTIONS: '-Xmx200m', JAVA_TOOL_OPTIONS: '-Xmx100m' }) }));
  assert.equal(both.heapMaxBytes?.value, 200 * MB);
  const cmd = deriveFacts(caseFrom({ 'inspect.json': env({ JAVA_TOOL_OPTIONS: '-Xmx100m', _JAVA_OPTIONS: '-Xmx400m' }), 'setenv.sh': 'JAVA_OPTS="-Xmx300m"\n' }));
  assert.equal(cmd.heapMaxBytes?.value, 400 * MB);
  assert.equal(cmd.heapMaxBytes?.ref.file, 'inspect.json');
  const noUnderscore = deriveFacts(caseFrom({ 'inspect.json': env({ JAVA_TOOL_OPTIONS: '-Xmx100m' }), 'setenv.sh': 'JAVA_OPTS="-Xmx300m"\n' }));
  assert.equal(noUnderscore.heapMaxBytes?.value, 300 * MB);
  assert.equal(noUnderscore.containerLimit?.value, 2 * GB);
  assert.equal(noUnderscore.containerLimitSource, 'docker inspect HostConfig.Memory');
});

test('container limit: cgroup files beat Kubernetes and docker; Kubernetes env feeds the options', () => {
  const f = deriveFacts(caseFrom({ 'memory.max': '1610612736\n', 'deploy.yaml': fx('kubernetes/deployment.yaml') }));
  assert.equal(f.containerLimit?.value, 1.5 * GB);
  assert.equal(f.containerLimitSource, 'cgroup memory limit');
  assert.equal(f.flags.maxRamPercentage?.value, 90);
  assert.equal(f.threadStackBytes?.value, 512 * 1024);
  assert.equal(f.container.cpus?.value, 2);
  const k = deriveFacts(caseFrom({ 'deploy.yaml': fx('kubernetes/deployment.yaml') }));
  assert.equal(k.containerLimit?.value, 2 * GB, 'the JVM container, not the 128Mi log shipper');
  assert.equal(k.defaultHeap?.bytes, Math.floor(2 * GB * 0.9));
  assert.match(k.containerLimitSource!, /container app/);
});

test('RSS from smaps_rollup, host from /proc/meminfo, threads and PID from NMT', () => {
  const f = deriveFacts(caseFrom({ 'nmt.txt': fx('native-memory/jdk17-nmt-summary.txt'), 'smaps_rollup': fx('smaps-rollup/jdk17-smaps-rollup.txt'), 'meminfo': fx('meminfo/proc-meminfo.txt') }));
  assert.equal(f.javaRss?.value, Number(/^Rss:\s+(\d+)/m.exec(fx('smaps-rollup/jdk17-smaps-rollup.txt'))![1]) * 1024);
  assert.equal(f.host?.totalBytes, Number(/^MemTotal:\s+(\d+)/m.exec(fx('meminfo/proc-meminfo.txt'))![1]) * 1024);
  assert.equal(f.threads?.value, Number(/\(thread #(\d+)\)/.exec(fx('native-memory/jdk17-nmt-summary.txt'))![1]));
  assert.equal(f.javaPid, Number(/^(\d+):/.exec(fx('native-memory/jdk17-nmt-summary.txt'))![1]));
  assert.equal(f.defaultHeap?.memorySource, 'host RAM');
});
