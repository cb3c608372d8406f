import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { defaultMaxHeap, containerAware, BUILTIN_MAX_HEAP_BYTES } from './heap-default.js';
import { resolveJvmFlags } from './flags.js';
import { haveJdk } from '../../test/java.js';

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const flags = (...o: string[]) => resolveJvmFlags(o.map((value, i) => ({ value, line: i + 1, text: value })), 17);

test('25 % of the container limit on a container-aware JDK; 25 % of the host on 8u181; -Xmx wins', () => {
  const d = defaultMaxHeap({ flags: flags(), javaFeature: 17, containerLimitBytes: 2 * GB, hostRamBytes: 32 * GB })!;
  assert.equal(d.bytes, 512 * MB);
  assert.equal(d.memorySource, 'container limit');
  assert.match(d.basis, /25 % \(MaxRAMPercentage default\) of container limit/);
  const old = defaultMaxHeap({ flags: flags(), javaFeature: 8, javaUpdate: 181, containerLimitBytes: 2 * GB, hostRamBytes: 32 * GB })!;
  assert.equal(old.bytes, 8 * GB);
  assert.equal(old.containerAware, false);
  assert.match(old.basis, /ignores the container limit/);
  assert.equal(containerAware(8, 191, flags()), true);
  assert.equal(containerAware(17, 0, flags('-XX:-UseContainerSupport')), false);
  assert.equal(defaultMaxHeap({ flags: flags('-Xmx1g'), javaFeature: 17, containerLimitBytes: 2 * GB }), undefined);
  assert.equal(defaultMaxHeap({ flags: flags(), javaFeature: 17 }), undefined, 'nothing to take a share of');
});

test('MaxRAMPercentage, MaxRAMFraction, MaxRAM and the small-memory rule', () => {
  assert.equal(defaultMaxHeap({ flags: flags('-XX:MaxRAMPercentage=75'), javaFeature: 17, containerLimitBytes: 2 * GB })!.bytes, 1.5 * GB);
  assert.equal(defaultMaxHeap({ flags: flags('-XX:MaxRAMFraction=2'), javaFeature: 17, containerLimitBytes: 2 * GB })!.bytes, GB);
  assert.equal(defaultMaxHeap({ flags: flags('-XX:MaxRAM=200m'), javaFeature: 17, hostRamBytes: 32 * GB })!.bytes, 100 * MB, 'half of small memory');
  assert.equal(defaultMaxHeap({ flags: flags('-XX:MaxRAM=1g'), javaFeature: 17 })!.bytes, 256 * MB);
  assert.ok(BUILTIN_MAX_HEAP_BYTES > 124 * MB && BUILTIN_MAX_HEAP_BYTES < 125 * MB);
});

test('agrees with the JDK 17 on this machine (PrintFlagsFinal MaxHeapSize, within its 2 MB alignment)', { skip: !haveJdk && 'no JDK' }, () => {
  for (const ram of ['200m', '1g', '3g', '16g']) {
    const out = spawnSync('java', [`-XX:MaxRAM=${ram}`, '-XX:+PrintFlagsFinal', '-version'], { encoding: 'utf8' }).stdout;
    const jvm = Number(/\bMaxHeapSize\s+=\s+(\d+)/.exec(out)![1]);
    const ours = defaultMaxHeap({ flags: flags(`-XX:MaxRAM=${ram}`), javaFeature: 17 })!.bytes;
    assert.ok(Math.abs(jvm - ours) <= 2 * MB, `${ram}: JVM ${jvm}, ours ${ours}`);
  }
});
