import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { detectEncoding } from './encoding.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** GB18030 bytes for a string, made by python3 (Node has no GB18030 encoder). */
function gb18030(s: string): Uint8Array | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'], { input: s });
  } catch {
    return undefined;
  }
}

test('BOMs', () => {
  assert.equal(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).encoding, 'utf-8');
  assert.equal(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).bom, true);
  assert.equal(detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0])).encoding, 'utf-16le');
  assert.equal(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x41])).encoding, 'utf-16be');
});

test('UTF-16 without BOM by its NUL pattern', () => {
  const le = new Uint8Array(40).map((_, i) => (i % 2 === 0 ? 0x41 + (i % 20) : 0));
  assert.equal(detectEncoding(le).encoding, 'utf-16le');
  const be = new Uint8Array(40).map((_, i) => (i % 2 === 1 ? 0x41 + (i % 20) : 0));
  assert.equal(detectEncoding(be).encoding, 'utf-16be');
});

test('UTF-8 Chinese, even when the sample cuts a character in half', () => {
  const bytes = utf8('23-Mar-2023 13:12:50.636 警告 [Catalina-utility-1]');
  assert.equal(detectEncoding(bytes).encoding, 'utf-8');
  const cut = utf8('警告警告').subarray(0, 10); // 3 whole characters + 1 byte of the 4th
  assert.equal(detectEncoding(cut).encoding, 'utf-8');
});

test('GB18030 Chinese logs', (t) => {
  const bytes = gb18030('23-Mar-2023 13:12:50.650 严重 [Catalina-utility-1] web应用程序[xxx]创建了一个ThreadLocal\n');
  if (!bytes) return t.skip('python3 not available to produce GB18030 bytes');
  const g = detectEncoding(bytes);
  assert.equal(g.encoding, 'gb18030');
  assert.match(new TextDecoder('gb18030').decode(bytes), /严重/);
});
