// The shared third-party corpus (../shared/corpus/threaddumps: TDA, Eclipse Jifa, jthreaddump samples,
// JDK 5 to 25), read through the real pipeline — ingest() sniffs, detects the encoding (UTF-16, CRLF)
// and parses — and asserted on the resulting Case. Skipped when the corpus is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../evidence/ingest.js';
import { sharedCorpus } from '../../../test/support.js';
import type { ThreadDumpReport } from './types.js';

const corpus = sharedCorpus();
const dir = corpus && join(corpus, 'threaddumps');

async function read(t: { skip(msg: string): void }, rel: string): Promise<ThreadDumpReport | undefined> {
  const path = dir && join(dir, rel);
  if (!path || !existsSync(path)) {
    t.skip(`../shared/corpus/threaddumps/${rel} absent`);
    return undefined;
  }
  const { case: c } = await ingest([path]);
  assert.deepEqual(c.unused, [], `${rel} is used`);
  const [item] = c.of('thread-dump');
  assert.ok(item, `${rel} is read as a thread dump`);
  return item.data;
}

test('corpus: UTF-16 dump decodes to exactly the same threads as its UTF-8 twin', async (t) => {
  const utf16 = await read(t, 'tda/java21dump_utf16.log');
  const utf8 = await read(t, 'tda/java21dump.log');
  if (!utf16 || !utf8) return;
  assert.deepEqual(utf16, utf8);
  const d = utf8.dumps[0];
  assert.equal(d.javaFeature, 21);
  assert.ok(d.counts.virtual > 0, 'JDK 21 virtual threads');
  assert.equal(d.counts.platform, d.counts.total - d.counts.virtual);
});

test('corpus: JDK 5, 6, 11, 18, 21, 25 headers', async (t) => {
  const expected: [string, number | undefined][] = [
    ['tda/test64bit.log', 5],
    ['tda/urlthread.log', 6],
    ['tda/java11dump.log', 11],
    ['jifa/jstack_8.log', 18],
    ['tda/jstack_dump.log', 21],
    ['jthreaddump/deadlock.txt', 25],
  ];
  for (const [rel, feature] of expected) {
    const r = await read(t, rel);
    if (!r) continue;
    assert.equal(r.dumps[0].javaFeature, feature, rel);
    assert.ok(r.dumps[0].counts.total > 0, rel);
  }
});

test('corpus: JDK 6 dump with very long lines — 41 threads BLOCKED, 30 on one identical stack', async (t) => {
  const r = await read(t, 'tda/urlthread.log');
  if (!r) return;
  const d = r.dumps[0];
  assert.equal(d.counts.byState.BLOCKED, 41);
  assert.equal(d.stacks[0].count, 30);
  assert.equal(d.stacks[0].state, 'BLOCKED');
});

test('corpus: deadlocks of JDK 25 dumps, three-way cycles included', async (t) => {
  const r = await read(t, 'jthreaddump/three-way-deadlock.txt');
  if (!r) return;
  const sizes = r.dumps[0].deadlocks.map((d) => d.participants.length);
  assert.deepEqual(sizes, [2, 2, 3]);
  const three = r.dumps[0].deadlocks[2].participants;
  assert.deepEqual(three.map((p) => p.heldBy), [three[1].thread, three[2].thread, three[0].thread], 'a closed cycle');
  assert.ok(r.dumps[0].smrThreadCount! > 0);
});

test('corpus: a file with two dumps a minute apart; a dump after a log line (JDK 5 with a class histogram)', async (t) => {
  const two = await read(t, 'tda/jdk11_long_running.log');
  if (two) {
    assert.equal(two.dumps.length, 2);
    assert.equal(two.dumps[1].epochMs! - two.dumps[0].epochMs!, 60_000);
  }
  const hist = await read(t, 'tda/testwithhistogram.log');
  if (hist) {
    assert.equal(hist.dumps.length, 1);
    assert.ok(hist.dumps[0].endLine < 82, 'the class histogram after the dump is not part of it');
  }
});

test('corpus: JDK 25 carriers and mounted virtual threads', async (t) => {
  const r = await read(t, 'jthreaddump/many-virtual-threads.txt');
  if (!r) return;
  const d = r.dumps[0];
  const carriers = d.threads.filter((x) => x.carryingVirtualId !== undefined);
  assert.ok(carriers.length > 0);
  const mounted = d.threads.filter((x) => x.virtual);
  assert.equal(mounted.length, d.counts.virtual);
  assert.ok(carriers.every((c) => mounted.some((m) => m.id === c.carryingVirtualId)), 'each carried thread is listed as a virtual thread');
});
