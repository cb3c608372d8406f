import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectIdsFrom } from '../hprof/object-ids.js';
import { lcg } from '../graph/testing.js';
import { DerivedIds } from './derived-ids.js';

test('ids replayed from shallow sizes equal the dumped ids, gaps and a class-dump prefix included', () => {
  const rand = lcg(11);
  const n = 20_000;
  const size = new Float64Array(n);
  const ids = new Float64Array(n);
  for (let o = 0; o < n; o++) size[o] = 8 * (2 + Math.floor(rand() * 9));
  // 30 class mirrors first, at unrelated addresses; then objects back to back with a few gaps
  let a = 0x7_4000_0000;
  for (let o = 30; o < n; o++) {
    ids[o] = a;
    a += size[o] + (rand() < 0.01 ? 8 * (1 + Math.floor(rand() * 20)) : 0);
  }
  for (let o = 0; o < 30; o++) ids[o] = a + 8 * 1000 * (30 - o);
  const sizes = { sizeOf: (o: number) => size[o] };
  const d = DerivedIds.from(objectIdsFrom(ids), sizes);
  assert.ok(d, 'few exceptions: derivable');
  for (let o = 0; o < n; o++) assert.equal(d.idOf(o), ids[o], `ordinal ${o}`);
  // and back: id → ordinal (class-dump prefix, gaps and stride boundaries included)
  for (let o = 0; o < n; o += o < 100 ? 1 : 37) assert.equal(d.ordinalOf(ids[o]), o, `id of ordinal ${o}`);
  assert.equal(d.ordinalOf(ids[40] + 4), -1, 'unaligned id');
  assert.equal(d.ordinalOf(a + 8 * 5_000_000), -1, 'id past the heap');
  // sizes that explain nothing: too many exceptions → null (the caller keeps the keys)
  assert.equal(DerivedIds.from(objectIdsFrom(ids), { sizeOf: () => 8 }), null);
  // wide ids cannot be derived
  assert.equal(DerivedIds.from(objectIdsFrom(Float64Array.from([8, 2 ** 40])), sizes), null);
});
