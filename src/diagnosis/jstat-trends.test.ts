import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveJstat, growing, jstatIntervalSeconds } from './jstat-trends.js';
import { jstatParser } from '../parsers/jstat/parse.js';
import { parseText } from '../parsers/parser.js';
import type { JstatReport } from '../parsers/jstat/types.js';

const FIX = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'jstat');
const parse = (name: string) => parseText(jstatParser, readFileSync(join(FIX, name), 'utf8')) as JstatReport;

test('interval from the command line', () => {
  assert.equal(jstatIntervalSeconds('jstat -gc -t 17717 1000 10'), 1);
  assert.equal(jstatIntervalSeconds('jstat -gcutil 1 250ms'), 0.25);
  assert.equal(jstatIntervalSeconds('jstat -gcutil 1 2s 5'), 2);
  assert.equal(jstatIntervalSeconds('jstat -gccapacity 1'), undefined);
});

test('real growing JVM, -gc -t: rates from the Timestamp column, old gen rising after each full GC, metaspace growth', () => {
  const r = parse('jdk17-grow-gc-t-samples.txt');
  const s = r.samples;
  const d = deriveJstat(r);
  assert.equal(d.timeBasis, 'Timestamp column (-t)');
  assert.equal(d.wallSeconds, s[s.length - 1].timestamp! - s[0].timestamp!);
  assert.equal(d.youngGcs, s[s.length - 1].values.YGC! - s[0].values.YGC!);
  assert.equal(d.fullGcs, s[s.length - 1].values.FGC! - s[0].values.FGC!);
  assert.ok(Math.abs(d.youngGcPerMinute! - (d.youngGcs! * 60) / d.wallSeconds!) < 1e-9);
  assert.ok(Math.abs(d.gcTimeShare! - (s[s.length - 1].values.GCT! - s[0].values.GCT!) / d.wallSeconds!) < 1e-9);
  assert.equal(d.old?.column, 'OU');
  assert.ok(growing(d.metaspace), 'Grow.java defines classes in new loaders');
  assert.ok(d.oldAfterFullGcRising, 'Grow.java keeps more after every full GC');
});

test('-gcutil without -t: interval from the command line; -class: loaded classes trend; one sample: no rates', () => {
  const u = deriveJstat(parse('jdk17-grow-gcutil-samples.txt'));
  assert.equal(u.timeBasis, 'interval on the command line');
  assert.equal(u.wallSeconds, 9);
  assert.equal(u.old?.column, 'O');
  const c = deriveJstat(parse('jdk17-grow-class-samples.txt'));
  assert.ok(growing(c.classes, 0.05));
  assert.equal(c.classes?.unloaded, 0);
  const one = deriveJstat(parse('seed-jdk8-gccapacity.txt'));
  assert.equal(one.samples, 1);
  assert.equal(one.wallSeconds, undefined);
  const h3 = deriveJstat(parse('jdk17-gcutil-t-h3-samples.txt'));
  assert.equal(h3.samples, 7, 'repeated headers are not samples');
  assert.ok(Math.abs(h3.wallSeconds! - 1.5) < 1e-9);
});
