import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectIdsFrom } from '../hprof/object-ids.js';
import { BufferPool } from './buffer-pool.js';
import { IdIndex } from './id-index.js';
import { lcg } from './testing.js';

/** Ids laid out like HotSpot writes them: `prefix` class mirrors anywhere, then objects in address order. */
function dumpLikeIds(rand: () => number, n: number, prefix: number, base: number, align = 8): Float64Array {
  const ids = new Float64Array(n);
  let a = base;
  for (let i = prefix; i < n; i++) {
    a += align * (2 + Math.floor(rand() * 6));
    ids[i] = a;
  }
  for (let i = 0; i < prefix; i++) ids[i] = base + align * (1 + 2 * Math.floor(rand() * n)) + align; // odd slots: never an object's
  return ids;
}

function checkAll(ids: Float64Array, rand: () => number): void {
  const oi = objectIdsFrom(ids);
  const index = new IdIndex(oi);
  for (let o = 0; o < ids.length; o++) {
    assert.equal(oi.idOf(o), ids[o]);
    assert.equal(index.ordinalOf(ids[o]), o, `ordinal of ${ids[o]}`);
  }
  const present = new Set(ids);
  for (let i = 0; i < 2000; i++) {
    const probe = Math.floor(rand() * (ids.length * 64 + 1024));
    if (!present.has(probe)) assert.equal(index.ordinalOf(probe), -1, `absent ${probe}`);
  }
  const pool = new BufferPool();
  index.release(pool);
  assert.throws(() => index.ordinalOf(ids[0] + 1e6 * 8 + 3.5));
}

test('id index: class-dump prefix then address order (the keys are searched in place)', () => {
  const rand = lcg(3);
  const ids = dumpLikeIds(rand, 5000, 40, 0x7_4000_0000);
  // mirrors must be distinct from objects: shift them above the objects
  for (let i = 0; i < 40; i++) ids[i] = 0x7_4000_0000 + 8 * (10_000_000 + i * 3);
  checkAll(ids, rand);
});

test('id index: unsorted ids (radix-sorted copy), wide ids (unaligned) and an empty dump', () => {
  const rand = lcg(5);
  const sorted = dumpLikeIds(rand, 3000, 0, 0x1000);
  const shuffled = Float64Array.from(sorted);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  assert.notEqual(objectIdsFrom(shuffled).keys, null);
  checkAll(shuffled, rand);
  const unaligned = dumpLikeIds(rand, 2000, 0, 0x1004, 4).map((v, i) => v + (i % 2));
  assert.equal(objectIdsFrom(unaligned).keys, null);
  checkAll(unaligned, rand);
  const huge = Float64Array.from([8, 2 ** 40, 2 ** 41]);
  assert.equal(objectIdsFrom(huge).keys, null, 'a range over 32 GiB keeps Float64 ids');
  checkAll(huge, rand);
  const empty = new IdIndex(objectIdsFrom(new Float64Array(0)));
  assert.equal(empty.ordinalOf(8), -1);
});
