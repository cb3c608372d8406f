import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { BusiestMinute } from './busiest-minute.js';

test('busiest minute of an exception group and of a repeated catalogue error, through the parser', () => {
  // 1 at 10:00, 3 at 10:05, 2 at 10:07: the peak is 10:05 with 3.
  const at = ['10:00:01', '10:05:00', '10:05:30', '10:05:59', '10:07:00', '10:07:10'];
  const text = at
    .map((t) => `23-Mar-2023 ${t}.000 SEVERE [exec-1] x.Y.z failed\n\tjava.lang.IllegalStateException: boom\n\t\tat a.B.c(B.java:1)\n23-Mar-2023 ${t}.500 SEVERE [exec-1] x.Y.z java.lang.OutOfMemoryError: Direct buffer memory`)
    .join('\n');
  const r = parseEveryWay(logParser, text + '\n');
  const g = r.exceptions.find((x) => x.throwable.className === 'java.lang.IllegalStateException')!;
  assert.equal(g.count, 6);
  assert.deepEqual([g.peak?.time, g.peak?.count, g.peak?.line], ['23-Mar-2023 10:05:00.000', 3, 6]);
  const e = r.errors.find((x) => x.id === 'oom-direct-buffer')!;
  assert.deepEqual([e.count, e.peak?.time, e.peak?.count], [6, '23-Mar-2023 10:05:00.500', 3]);
});

test('no peak for a single occurrence or untimed lines; the earliest minute wins a tie', () => {
  const r = parseEveryWay(logParser, 'java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n');
  assert.equal(r.exceptions[0].count, 2);
  assert.equal(r.exceptions[0].peak, undefined);
  const m = new BusiestMinute();
  for (const ms of [0, 1000, 120_000, 121_000]) m.add({ line: ms, epochMs: ms });
  assert.deepEqual(m.result(), { line: 0, epochMs: 0, count: 2 });
});
