import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeMemoryParser, nmtCommitted } from './parse.js';
import { parseEveryWay } from '../testing.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'native-memory');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const KB = 1024;
const MB = 1024 * KB;

/** The KB figures of a line, as printed, for cross-checking the parser against the raw text. */
const kbOf = (text: string, re: RegExp) => Number(re.exec(text)![1]) * KB;

test('real JDK 17 summary (scale KB): total, every category, counts, details', () => {
  const text = fixture('jdk17-nmt-summary.txt');
  assert.ok(nativeMemoryParser.sniff('nmt.txt', text) > 0.9);
  const r = parseEveryWay(nativeMemoryParser, text)!;
  assert.equal(r.problem, undefined);
  assert.equal(r.diff, false);
  assert.equal(r.scale, 'KB');
  assert.equal(r.pid, Number(/^(\d+):/.exec(text)![1]));
  assert.equal(r.total!.value.committedBytes, kbOf(text, /^Total: reserved=\d+KB, committed=(\d+)KB/m));
  assert.equal(r.total!.value.mallocBytes, kbOf(text, /^\s+malloc: (\d+)KB/m));
  const names = r.categories.map((c) => c.name);
  for (const n of ['Java Heap', 'Class', 'Thread', 'Code', 'GC', 'Internal', 'Symbol', 'Native Memory Tracking', 'Metaspace']) assert.ok(names.includes(n), n);
  // The categories add up to the total (NMT omits those under 1 KB, so allow that much per missing one).
  const sum = r.categories.reduce((s, c) => s + c.committedBytes, 0);
  assert.ok(Math.abs(sum - r.total!.value.committedBytes) <= 4 * KB, `${sum} vs ${r.total!.value.committedBytes}`);
  // -Xmx192m: the heap reserves exactly that.
  assert.equal(r.categories.find((c) => c.name === 'Java Heap')!.reservedBytes, 192 * MB);
  assert.equal(nmtCommitted(r, 'Java Heap'), kbOf(text, /Java Heap \(reserved=\d+KB, committed=(\d+)KB/));
  assert.equal(r.threads, Number(/\(thread #(\d+)\)/.exec(text)![1]));
  assert.equal(r.classes, Number(/\(classes #(\d+)\)/.exec(text)![1]));
  const thread = r.categories.find((c) => c.name === 'Thread')!;
  assert.equal(thread.line, text.split('\n').findIndex((l) => /-\s+Thread \(/.test(l)) + 1);
  assert.equal(nmtCommitted(r, 'No Such Category'), 0);
});

test('scale=MB and summary.diff (deltas against a baseline, including negative ones)', () => {
  const mb = parseEveryWay(nativeMemoryParser, fixture('jdk17-nmt-summary-scale-mb.txt'))!;
  assert.equal(mb.scale, 'MB');
  assert.equal(mb.categories.find((c) => c.name === 'Java Heap')!.reservedBytes, 192 * MB);
  const text = fixture('jdk17-nmt-summary-diff.txt');
  const d = parseEveryWay(nativeMemoryParser, text)!;
  assert.equal(d.diff, true);
  assert.equal(d.total!.value.committedDeltaBytes, kbOf(text, /^Total: .*committed=\d+KB \+(\d+)KB/m));
  const arena = d.categories.find((c) => c.name === 'Arena Chunk');
  if (arena && /Arena Chunk \(reserved=\d+KB -(\d+)KB/.test(text)) assert.ok(arena.reservedDeltaBytes! < 0);
  const heap = d.categories.find((c) => c.name === 'Java Heap')!;
  assert.ok(heap.committedDeltaBytes! > 0, 'the heap grew while Grow ran');
});

test('JDK 8 shape and NMT switched off', () => {
  // JDK 8u prints the same category lines, without the malloc/mmap lines under Total.
  const jdk8 = [
    '30164:', '', 'Native Memory Tracking:', '', 'Total: reserved=5845913KB, committed=4719093KB',
    '-                 Java Heap (reserved=4194304KB, committed=3773440KB)', '                            (mmap: reserved=4194304KB, committed=3773440KB)', ' ',
    '-                     Class (reserved=1880153KB, committed=853817KB)', '                            (classes #96321)', '                            (malloc=12345KB #130000)', ' ',
    '-                    Thread (reserved=374022KB, committed=374022KB)', '                            (thread #363)', '                            (stack: reserved=372408KB, committed=372408KB)',
  ].join('\n');
  const r = parseEveryWay(nativeMemoryParser, jdk8)!;
  assert.equal(r.pid, 30164);
  assert.equal(r.threads, 363);
  assert.equal(r.classes, 96321);
  assert.equal(r.categories.find((c) => c.name === 'Class')!.mallocBytes, 12345 * KB);
  const off = parseEveryWay(nativeMemoryParser, '4242:\nNative memory tracking is not enabled\n')!;
  assert.match(off.problem!, /-XX:NativeMemoryTracking=summary/);
  assert.equal(parseEveryWay(nativeMemoryParser, 'hello\nworld\n'), undefined);
  assert.equal(nativeMemoryParser.sniff('x.txt', 'Total: 5 items\n'), 0);
});
