import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OOM_ERRORS, OOM_IDS } from './oom-errors.js';

test('every out-of-memory id has one complete entry: label, patterns, meaning, limit and fixes', () => {
  assert.deepEqual(Object.keys(OOM_ERRORS).sort(), [...OOM_IDS].sort());
  for (const id of OOM_IDS) {
    const e = OOM_ERRORS[id];
    assert.ok(e.label && e.title && e.meaning.length > 40, `${id}: words`);
    assert.ok(id === 'oom-other' || e.patterns.length > 0, `${id}: patterns`);
    assert.equal(typeof e.limit({}, {}), 'string', `${id}: limit`);
    assert.ok(e.fixes({}, {}).length > 0, `${id}: fixes`);
  }
});

test('the OutOfMemoryError kinds\' patterns recognise the JVM\'s own messages', () => {
  const samples: Partial<Record<(typeof OOM_IDS)[number], string>> = {
    'oom-heap': 'Java heap space',
    'oom-gc-overhead': 'GC overhead limit exceeded',
    'oom-metaspace': 'Metaspace',
    'oom-compressed-class': 'Compressed class space',
    'oom-direct-buffer': 'Cannot reserve 1048576 bytes of direct buffer memory (allocated: 33554432, limit: 33554432)',
    'oom-native-thread': 'unable to create native thread: possibly out of memory or process/resource limits reached',
    'oom-array-size': 'Requested array size exceeds VM limit',
    'oom-map-failed': 'Map failed',
  };
  for (const [id, message] of Object.entries(samples)) {
    const hit = OOM_IDS.find((k) => k.startsWith('oom-') && OOM_ERRORS[k].patterns[0]?.test(message));
    assert.equal(hit, id, message);
  }
});
