import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meminfoParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { procStatusParser } from '../proc-status/parse.js';

const text = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'meminfo', 'proc-meminfo.txt'), 'utf8');
const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;

test('real /proc/meminfo: totals in bytes, every line kept, hugepage counts unscaled', () => {
  assert.ok(meminfoParser.sniff('meminfo', text) > 0.9);
  assert.ok(meminfoParser.sniff('evidence.txt', text) > 0.9);
  assert.equal(procStatusParser.sniff('evidence.txt', text), 0, 'not mistaken for /proc/PID/status');
  const r = parseEveryWay(meminfoParser, text)!;
  assert.equal(r.totalBytes?.value, kb('MemTotal'));
  assert.equal(r.availableBytes?.value, kb('MemAvailable'));
  assert.equal(r.swapTotalBytes?.value, kb('SwapTotal'));
  assert.equal(r.committedAsBytes?.value, kb('Committed_AS'));
  assert.equal(r.fields.HugePages_Total.value, Number(/^HugePages_Total:\s+(\d+)/m.exec(text)![1]));
  assert.equal(r.totalBytes?.line, 1);
});

test('a grep of two lines is enough; unrelated key: value text is not meminfo', () => {
  const r = parseEveryWay(meminfoParser, 'MemTotal:       32779468 kB\nMemAvailable:   14680064 kB\n')!;
  assert.equal(r.availableBytes?.value, 14680064 * 1024);
  assert.equal(meminfoParser.sniff('x.txt', 'Name: web\nState: running\n'), 0);
  assert.equal(parseEveryWay(meminfoParser, 'Rss: 5 kB\n'), undefined);
});
