import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jstatReadings } from './jstat-readings.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';
import { JSTAT_OPTION_COLUMNS } from '../parsers/jstat/columns.js';

const fx = (name: string) => readFileSync(join(repoRoot(), 'fixtures', 'jstat', name), 'utf8');

test('every column of every real JDK 17 jstat option is explained in plain words', () => {
  for (const opt of Object.keys(JSTAT_OPTION_COLUMNS).filter((o) => o !== 'gcpermcapacity')) {
    const [f] = runRule(jstatReadings, { [`jstat-${opt}.txt`]: fx(`jdk17-${opt}.txt`) });
    assert.ok(f, opt);
    assert.equal(f.facts?.option, opt);
    for (const row of f.tables![0]!.rows) assert.notEqual(row[1], 'not a column jvmdoctor knows', `${opt} ${row[0]}`);
    assert.ok(f.tables![0]!.rows.length >= 4, opt);
  }
});

test('seed -gccapacity (JDK 8, one sample): info, sizes in MB/GB, asks for repeated samples', () => {
  const [f] = runRule(jstatReadings, { 'jstat-gccapacity.txt': fx('seed-jdk8-gccapacity.txt') });
  assert.equal(f.severity, 'info');
  const mc = f.tables![0]!.rows.find((r) => r[0] === 'MC')!;
  assert.equal(mc[2], '794 MB');
  assert.equal(f.facts?.fullToYoungRatio, 0.505);
  assert.match(f.recommendations[0].detail, /jstat -gcutil -t/);
});

test('real growing JVM (-gc -t every second): GC rates, rising live set, growing metaspace → warning', () => {
  const [f] = runRule(jstatReadings, { 'jstat.txt': fx('jdk17-grow-gc-t-samples.txt') });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.samples, 10);
  assert.equal(f.facts?.oldAfterFullGcRising, true);
  assert.equal(f.facts?.metaspaceGrowing, true);
  assert.ok((f.facts?.youngGcPerMinute as number) > 0);
  assert.match(f.title, /live set grows after every full GC/);
  const ou = f.tables![0]!.rows.find((r) => r[0] === 'OU')!;
  assert.match(String(ou[3]), /→/);
});

test('short real samples of an idle-ish JVM stay informational; -gcutil utilisation and repeated headers', () => {
  const [f] = runRule(jstatReadings, { 'jstat.txt': fx('jdk17-gcutil-t-h3-samples.txt') });
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.samples, 7);
  assert.match(f.summary, /Utilisation now: S0 98 %/);
  assert.deepEqual(runRule(jstatReadings, { 'jps.txt': '1 Bootstrap\n7959 Jps\n' }), []);
});
