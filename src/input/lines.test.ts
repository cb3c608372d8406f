import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, looksBinary } from './lines.js';

function split(bytes: Uint8Array, chunk: number, encoding = 'utf-8', max?: number) {
  const lines: [number, string][] = [];
  const s = new LineSplitter(encoding, (t, n) => lines.push([n, t]), max);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  return { lines, stats: s.end() };
}

test('CRLF, no final newline, multi-byte characters split across chunks', () => {
  const bytes = new TextEncoder().encode('23-Mar-2023 警告 a\r\nsecond 严重\r\nlast');
  for (const chunk of [1, 2, 3, 5, 1024]) {
    const { lines, stats } = split(bytes, chunk);
    assert.deepEqual(lines, [[1, '23-Mar-2023 警告 a'], [2, 'second 严重'], [3, 'last']], `chunk ${chunk}`);
    assert.equal(stats.lines, 3);
  }
});

test('a huge line is cut and reported, and the lines after it still arrive', () => {
  const big = 'x'.repeat(10 * 1024 * 1024);
  const bytes = new TextEncoder().encode(`first\n${big}\nafter\n`);
  const { lines, stats } = split(bytes, 65536, 'utf-8', 1000);
  assert.equal(lines.length, 3);
  assert.equal(lines[1][1].length, 1000);
  assert.equal(lines[2][1], 'after');
  assert.deepEqual(stats.longLines, [{ line: 2, chars: big.length }]);
});

test('binary runs are counted and skipped, text around them kept', () => {
  const garbage = new Uint8Array(300).map((_, i) => (i * 7919) % 32);
  const parts = [new TextEncoder().encode('before\n'), garbage, new TextEncoder().encode('\nafter\n')];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  const { lines, stats } = split(bytes, 17);
  assert.deepEqual(lines.map((l) => l[1]).filter((t) => /before|after/.test(t)), ['before', 'after']);
  assert.ok(stats.binaryLines >= 1);
});

test('looksBinary', () => {
  assert.equal(looksBinary('plain\ttext with tabs'), false);
  assert.equal(looksBinary('\u0000\u0001\u0002\u0003abc\u0004\u0005'), true);
});

test('UTF-16LE with BOM decodes', () => {
  const text = 'Threads:\t363\r\n';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff; bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
  const { lines } = split(bytes, 3, 'utf-16le');
  assert.deepEqual(lines, [[1, 'Threads:\t363']]);
});
