import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { smapsRollupParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { procStatusParser } from '../proc-status/parse.js';

const FIX = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const text = readFileSync(join(FIX, 'smaps-rollup', 'jdk17-smaps-rollup.txt'), 'utf8');
const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;

test('real smaps_rollup of a JDK 17 JVM: Rss, Pss, Anonymous in bytes', () => {
  assert.ok(smapsRollupParser.sniff('smaps_rollup', text) > 0.9);
  assert.equal(procStatusParser.sniff('smaps_rollup', text), 0);
  const r = parseEveryWay(smapsRollupParser, text)!;
  assert.equal(r.rssBytes?.value, kb('Rss'));
  assert.equal(r.pssBytes?.value, kb('Pss'));
  assert.equal(r.anonymousBytes?.value, kb('Anonymous'));
  assert.ok(r.anonymousBytes!.value <= r.rssBytes!.value);
  // Taken at the same moment as /proc/PID/status: its Rss is VmRSS (within the pages touched in between).
  const status = readFileSync(join(FIX, 'proc-status', 'jdk17-grow-proc-status.txt'), 'utf8');
  const vmRss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
  assert.ok(Math.abs(vmRss - r.rssBytes!.value) / vmRss < 0.1, `${vmRss} vs ${r.rssBytes!.value}`);
});

test('a grep with the path names the PID; no Rss, no report', () => {
  const r = parseEveryWay(smapsRollupParser, '/proc/4242/smaps_rollup:Rss:   1024 kB\n/proc/4242/smaps_rollup:Pss:  900 kB\n')!;
  assert.equal(r.pid, 4242);
  assert.equal(r.rssBytes?.value, 1024 * 1024);
  assert.equal(parseEveryWay(smapsRollupParser, 'Pss: 5 kB\n'), undefined);
});
