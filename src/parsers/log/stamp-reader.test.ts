import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StampReader } from './stamp-reader.js';
import { parseStamp } from './timestamps.js';

test('the day-cached reader agrees with parseStamp on every shape, valid or not, in any order', () => {
  const days = ['23-Mar-2023', '24-Mar-2023', '31-Feb-2023', '29-Feb-2024', '01-Jan-0099', '23-Foo-2023', '99-Mar-2023', '23-mar-2023'];
  const times = ['00:00:00', '13:12:50', '23:59:59', '23:59:60', '24:00:00', '12:60:00', '99:99:99'];
  const fracs = ['', '.0', '.5', '.05', '.636', '.6369', ',123', '.', '.x'];
  const tails = ['', ' INFO [main] x', 'Z', ' 严重 [h] y'];
  const inputs: string[] = [];
  for (const d of days) for (const t of times) for (const f of fracs) for (const tail of tails) inputs.push(`${d} ${t}${f}${tail}`);
  inputs.push('2023-03-23 13:12:50.636 INFO x', '3-Mar-2023 01:02:03.004 x', '23-3月-2023 13:12:50.636 x', 'Mar 23, 2023 1:12:50 PM x', '', 'plain');
  // Shuffled, so the cache meets each day after other days and after invalid ones.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const order = inputs.map((s) => [rnd(), s] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  const reader = new StampReader();
  let cached = 0;
  for (const s of [...order, ...order]) {
    const want = parseStamp(s);
    const got = reader.read(s);
    assert.deepEqual(got, want, s);
    if (want?.epochMs !== undefined) cached++;
  }
  assert.ok(cached > 100, 'valid stamps were compared');
});
