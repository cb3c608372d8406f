import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topParser, topRowFor } from './parse.js';
import { parseEveryWay } from '../testing.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'top');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const KiB = 1024;
const GiB = 1024 ** 3;

test('the seed top: KiB summaries, avail Mem, the java row at 15.4g VIRT / 7.6g RES', () => {
  const text = fixture('seed-top.txt');
  assert.ok(topParser.sniff('top.txt', text) > 0.9);
  const r = parseEveryWay(topParser, text);
  assert.equal(r.mode, 'processes');
  assert.deepEqual(r.header?.value, { time: '09:15:10', uptime: '21 days, 22:59', loadAverage: [0.16, 0.23, 0.21] });
  assert.deepEqual(r.tasks?.value, { total: 303, running: 1, sleeping: 302, stopped: 0, zombie: 0 });
  assert.deepEqual(r.mem?.value, { total: 32778416 * KiB, free: 7825416 * KiB, used: 16587464 * KiB, buffCache: 8365536 * KiB });
  assert.equal(r.mem?.line, 4);
  assert.deepEqual(r.swap?.value, { total: 2097148 * KiB, free: 2097148 * KiB, used: 0, availMem: 15711900 * KiB });
  assert.equal(r.cpu?.value.id, 96.1);
  const java = topRowFor(r, 30164)!;
  assert.equal(java.command, 'java');
  assert.equal(java.virtBytes, Math.round(15.4 * GiB));
  assert.equal(java.resBytes, Math.round(7.6 * GiB));
  assert.equal(java.shrBytes, 18000 * KiB);
  assert.equal(java.memPercent, 24.3);
  assert.equal(java.cpuPercent, 3.2);
  assert.equal(java.time, '540:05.34');
  assert.equal(java.line, 9);
  assert.equal(r.rows.length, 5);
  assert.equal(r.problem, undefined);
});

test('the seed top -Hp: thread mode with 363 threads', () => {
  const r = parseEveryWay(topParser, fixture('seed-top-Hp.txt'));
  assert.equal(r.mode, 'threads');
  assert.equal(r.tasks?.value.total, 363);
  assert.equal(r.rows.length, 8);
  assert.ok(r.rows.every((row) => row.command === 'java' && row.resBytes === Math.round(7.6 * GiB)));
});

test('real procps-ng 4 screens from this machine: MiB summaries, thread names with spaces', () => {
  const p = parseEveryWay(topParser, fixture('jdk17-top-b-n1.txt'));
  assert.equal(p.mode, 'processes');
  assert.ok(p.mem!.value.total > 256 * 1024 ** 2);
  assert.ok(p.mem!.value.total % 1 === 0);
  assert.ok(p.swap?.value.availMem !== undefined);
  assert.ok(p.rows.length > 10);
  assert.ok(p.rows.some((row) => row.pid === 1 && row.user === 'root'));
  assert.ok(p.rows.every((row) => Number.isFinite(row.resBytes) && Number.isFinite(row.memPercent)));
  const h = parseEveryWay(topParser, fixture('jdk17-top-H-p.txt'));
  assert.equal(h.mode, 'threads');
  assert.equal(h.rows.length, h.tasks?.value.total);
  const names = h.rows.map((row) => row.command);
  assert.ok(names.includes('VM Thread'), names.join(','));
  assert.ok(names.includes('idle-pool-7'));
  assert.ok(names.some((n) => n.startsWith('GC Thread#')));
  // Every thread of one process shows the same process-wide RES.
  assert.equal(new Set(h.rows.map((row) => row.resBytes)).size, 1);
});

test('procps 3.2 (k-suffixed Mem:/Swap:, cached on the Swap line) and procps-ng 3.3.9 (cached Mem)', () => {
  const old = parseEveryWay(topParser, fixture('procps3.2-top-b.txt'));
  assert.deepEqual(old.mem?.value, {
    total: 32778416 * KiB, used: 30123456 * KiB, free: 2654960 * KiB, buffers: 412345 * KiB,
    cached: 13456789 * KiB, buffCache: (412345 + 13456789) * KiB,
  });
  assert.equal(old.swap?.value.availMem, undefined);
  assert.equal(old.cpu?.value.us, 6.2);
  const tomcat = topRowFor(old, 2817)!;
  assert.equal(tomcat.resBytes, Math.round(6.2 * GiB));
  assert.equal(tomcat.shrBytes, 14 * 1024 ** 2);
  assert.equal(topRowFor(old, 1204)!.virtBytes, 4290 * 1024 ** 2);
  const mid = parseEveryWay(topParser, fixture('procps3.3.9-top-b.txt'));
  assert.equal(mid.mem?.value.cached, 3120456 * KiB);
  assert.equal(mid.mem?.value.buffCache, (201232 + 3120456) * KiB);
  assert.equal(mid.header?.value.uptime, '1 day,  3:41');
  assert.equal(topRowFor(mid, 3012)!.resBytes, Math.round(2.81 * GiB));
});

test('decimal commas in the summary, the load average and the rows', () => {
  const r = parseEveryWay(topParser, fixture('decimal-comma-top-b.txt'));
  assert.deepEqual(r.header?.value.loadAverage, [0.16, 0.23, 0.21]);
  assert.equal(r.mem?.value.total, Math.round(32010.2 * 1024 ** 2));
  assert.equal(r.swap?.value.availMem, Math.round(15343.7 * 1024 ** 2));
  const java = topRowFor(r, 30164)!;
  assert.equal(java.resBytes, Math.round(7.6 * GiB));
  assert.equal(java.cpuPercent, 3.2);
});

test('top -n 2 keeps the last screen; ANSI colour codes are ignored', () => {
  const one = fixture('seed-top.txt');
  const r = parseEveryWay(topParser, one + one.replace('09:15:10', '09:15:13'));
  assert.equal(r.iterations, 2);
  assert.equal(r.header?.value.time, '09:15:13');
  assert.equal(r.rows.length, 5);
  const coloured = one.replace('top - ', '\x1b[H\x1b[2Jtop - ').replace(/30164 root/, '\x1b[1m30164 root');
  const c = parseEveryWay(topParser, coloured);
  assert.equal(topRowFor(c, 30164)?.command, 'java');
});

test('does not claim free, logs or prose; an empty screen says why', () => {
  assert.equal(topParser.sniff('x.txt', readFileSync(join(FIXTURES, '..', 'free', 'seed-free-h.txt'), 'utf8')), 0);
  assert.equal(topParser.sniff('x.txt', 'hello\n'), 0);
  assert.ok(topParser.sniff('top.txt', 'hello\n') <= 0.5);
  const r = parseEveryWay(topParser, 'nothing here\n');
  assert.match(r.problem ?? '', /no top summary/);
});
