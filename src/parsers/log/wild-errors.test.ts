// Out-of-memory messages as people paste them (fixtures/wild/, real issues): YARN and Spark container
// kills, unified-logging thread-start warnings, memory-cgroup usage lines, hs_err heads with tabs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { logParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import type { ErrorHit } from './types.js';
import { repoRoot } from './testkit.js';

function errors(name: string): ErrorHit[] {
  const dir = join(repoRoot(), 'fixtures', 'wild', name);
  const file = readdirSync(dir).find((f) => f !== 'SOURCE.md' && f !== 'expected.json')!;
  return parseEveryWay(logParser, readFileSync(join(dir, file))).errors;
}

test('YARN: physical limit with the process tree (the JVM\'s -Xmx), virtual limit, Spark\'s wording', () => {
  const [easy] = errors('yarn-physical-limit-easyrec');
  assert.equal(easy.id, 'yarn-container-killed');
  assert.deepEqual(easy.values, {
    pid: 8788, containerId: 'container_1598507699008_0094_01_000010', kind: 'physical', physicalUsed: '9.8 GB', physicalLimit: '9.8 GB',
    virtualUsed: '43.0 GB', virtualLimit: '47.6 TB', usedBytes: Math.round(9.8 * 1024 ** 3), limitBytes: Math.round(9.8 * 1024 ** 3), exitStatus: -104, javaXmx: '-Xmx256M',
  });
  const [pai] = errors('yarn-virtual-limit-xmx4g-in-1g-pai');
  assert.equal(pai.values.kind, 'virtual');
  assert.equal(pai.values.virtualUsed, '2.8 GB');
  assert.equal(pai.values.javaXmx, '-Xmx4096m');
  const spark = errors('spark-yarn-killed-memoryoverhead-tfos');
  assert.deepEqual(spark.map((e) => [e.id, e.values.kind, e.values.virtualUsed, e.values.virtualLimit, e.count ?? 1]), [['yarn-container-killed', 'virtual', '7.2 GB', '4.2 GB', 2]]);
});

test('unified logging: pthread_create EAGAIN with the stack size, and the named Java threads', () => {
  const named = errors('ul-pthread-eagain-named-thread-24m-stack');
  assert.deepEqual(named.map((e) => [e.id, e.values.errno, e.values.stackBytes, e.values.threadName]), [
    ['oom-native-thread', 'EAGAIN', 24576 * 1024, undefined],
    ['oom-native-thread', undefined, undefined, 'Thread-16'],
  ]);
  const comma = errors('ul-pthread-eagain-comma-decimal-kafka-lag');
  assert.equal(comma.reduce((n, e) => n + (e.count ?? 1), 0), 5, 'Failed and Unable, with comma-decimal uptimes');
  const triton = errors('ul-pthread-named-executor-leak-triton').map((e) => e.values.threadName).filter(Boolean);
  assert.deepEqual(triton, ['Triton - Task Executor #11314', 'Triton - Task Executor #11315', 'Triton - Task Executor #11316', 'Triton - Task Executor #11317']);
});

test('memory cgroup: usage and limit lines of the OOM report, terminal-wrapped lines kept apart', () => {
  const k = errors('dmesg-memcg-limit-512m-kubedirector');
  const usage = k.find((e) => e.values.event === 'memcg usage')!;
  assert.deepEqual(usage.values, { event: 'memcg usage', usageBytes: 524288 * 1024, limitBytes: 524288 * 1024, failcnt: 0 });
  assert.ok(k.some((e) => e.values.process === 'bash' && e.values.cgroup === 'memcg'));
  const s = errors('syslog-memcg-limit-100m-sundial');
  assert.deepEqual(s.map((e) => e.values.limitBytes), [102400 * 1024]);
});

test('hs_err heads indented by a tab, with the os::commit_memory warning before them', () => {
  const e = errors('hserr-tab-prefixed-eventhubs').filter((h) => h.id === 'hs-err-native');
  assert.ok(e.some((h) => h.values.requestedBytes === 103428096 && h.values.errno === 12));
  assert.ok(e.some((h) => h.values.allocator === 'mmap' && h.values.pid === 9179));
});
