import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeParser } from './parse.js';
import { parseEveryWay } from '../testing.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'free');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

test('the seed free -h: 31G total, 14G available, swap unused', () => {
  const text = fixture('seed-free-h.txt');
  assert.ok(freeParser.sniff('free.txt', text) > 0.9);
  const r = parseEveryWay(freeParser, text);
  assert.equal(r.unit, 'h');
  assert.equal(r.mem?.value.total, 31 * GiB);
  assert.equal(r.mem?.value.used, 15 * GiB);
  assert.equal(r.mem?.value.free, Math.round(7.4 * GiB));
  assert.equal(r.mem?.value.shared, 35 * MiB);
  assert.equal(r.mem?.value.buffCache, 8 * GiB);
  assert.equal(r.mem?.value.available, 14 * GiB);
  assert.equal(r.mem?.line, 2);
  assert.equal(r.swap?.value.total, 2 * GiB);
  assert.equal(r.swap?.value.used, 0);
  assert.equal(r.swap?.line, 3);
  assert.equal(r.unitGuessed, undefined);
});

test('decimal commas read as the same amounts', () => {
  const a = parseEveryWay(freeParser, fixture('decimal-comma-free-h.txt'));
  const b = parseEveryWay(freeParser, fixture('seed-free-h.txt'));
  assert.deepEqual(a.mem?.value, b.mem?.value);
  assert.deepEqual(a.swap?.value, b.swap?.value);
});

test('procps 4 in every unit agrees (real outputs from one machine, taken seconds apart)', () => {
  const k = parseEveryWay(freeParser, fixture('procps4-free-k.txt'));
  assert.equal(k.unit, 'k');
  assert.equal(k.unitGuessed, true);
  const total = k.mem!.value.total;
  assert.equal(total % KiB, 0);
  for (const [file, unit, tolerance] of [
    ['procps4-free-b.txt', 'b', KiB], ['procps4-free-m.txt', 'm', MiB], ['procps4-free-g.txt', 'g', GiB], ['procps4-free-h.txt', 'h', GiB],
  ] as const) {
    const r = parseEveryWay(freeParser, fixture(file));
    assert.equal(r.unit, unit, file);
    assert.ok(Math.abs(r.mem!.value.total - total) <= tolerance, `${file}: ${r.mem!.value.total} vs ${total}`);
    assert.ok(r.mem!.value.available! > 0, file);
    assert.equal(r.swap?.value.total, 0, file);
  }
  // procps 4 -h spells binary units Gi/Mi; they are the same binary multiples as the old G/M.
  const h = parseEveryWay(freeParser, fixture('procps4-free-h.txt'));
  assert.match(h.mem!.text, /Gi/);
});

test('free -w splits buffers and cache; -t adds the Total row', () => {
  const w = parseEveryWay(freeParser, fixture('procps4-free-w.txt'));
  const m = w.mem!.value;
  assert.equal(m.buffCache, m.buffers! + m.cached!);
  const t = parseEveryWay(freeParser, fixture('procps4-free-h-t.txt'));
  assert.ok(t.total && t.total.value.total >= t.mem!.value.total);
});

test('old procps: the -/+ buffers/cache line, buffers + cached', () => {
  const r = parseEveryWay(freeParser, fixture('procps3.2-free-k.txt'));
  assert.equal(r.unit, 'k');
  assert.equal(r.mem?.value.total, 32778416 * KiB);
  assert.equal(r.mem?.value.buffers, 412345 * KiB);
  assert.equal(r.mem?.value.cached, 13456789 * KiB);
  assert.equal(r.mem?.value.buffCache, (412345 + 13456789) * KiB);
  assert.equal(r.mem?.value.available, undefined);
  assert.deepEqual(r.buffersCache?.value, { used: 16254322 * KiB, free: 16524094 * KiB });
  assert.equal(r.buffersCache?.line, 3);
  // The -/+ line is exactly used − buffers − cached (that is what old free printed).
  assert.equal(r.buffersCache!.value.used, r.mem!.value.used - r.mem!.value.buffCache!);
  const h = parseEveryWay(freeParser, fixture('procps3.3.9-free-h.txt'));
  assert.equal(h.unit, 'h');
  assert.equal(h.buffersCache?.value.free, 15 * GiB);
  assert.equal(h.mem?.value.shared, 0);
});

test('a pasted `free -m` prompt decides the unit; free -s blocks keep the latest', () => {
  const text = '[root@host ~]# free -m\n' + fixture('procps4-free-m.txt');
  const r = parseEveryWay(freeParser, text);
  assert.equal(r.unit, 'm');
  assert.equal(r.unitGuessed, undefined);
  const g = parseEveryWay(freeParser, '$ free --giga\n' + fixture('procps4-free-g.txt'));
  assert.equal(g.unit, 'g');
  const twice = fixture('procps3.2-free-k.txt') + '\n' + fixture('procps3.2-free-k.txt').replace('30123456', '30123457');
  const s = parseEveryWay(freeParser, twice);
  assert.equal(s.samples, 2);
  assert.equal(s.mem?.value.used, 30123457 * KiB);
  assert.equal(s.mem?.line, 7);
});

test('does not claim top, vmstat or prose; a headerless file says why', () => {
  assert.ok(freeParser.sniff('free.txt', 'hello') <= 0.5);
  assert.equal(freeParser.sniff('top.txt', 'top - 09:15:10 up 21 days\nMem:  32778416k total, 31000000k used,  1778416k free,   500000k buffers\n'), 0);
  assert.equal(freeParser.sniff('x.txt', 'KiB Mem : 32778416 total,  7825416 free, 16587464 used,  8365536 buff/cache\n'), 0);
  const r = parseEveryWay(freeParser, 'Mem: 1 2 3\n');
  assert.equal(r.mem, undefined);
  assert.match(r.problem ?? '', /no free header/);
});
