import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metaspaceSize } from './metaspace-size.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const fx = (p: string) => readFileSync(join(repoRoot(), p), 'utf8');

test('seed: 794 MB of metaspace committed (jstat MC) → warning with a cap above it', () => {
  const [f] = runRule(metaspaceSize, { 'jstat-gccapacity.txt': fx('examples/seed-incident/jstat-gccapacity.txt') });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.metaspaceCommittedBytes, 812632 * 1024);
  assert.ok(f.recommendations.some((r) => r.flags?.includes('-XX:MaxMetaspaceSize=1152m')));
  assert.match(JSON.stringify(f.recommendations), /VM\.classloader_stats/);
});

test('NMT: a real small JVM stays silent; a JDK 8 NMT with 834 MB under Class fires', () => {
  assert.deepEqual(runRule(metaspaceSize, { 'nmt.txt': fx('fixtures/native-memory/jdk17-nmt-summary.txt') }), []);
  const jdk8 = 'Native Memory Tracking:\n\nTotal: reserved=5845913KB, committed=4719093KB\n-                     Class (reserved=1880153KB, committed=853817KB)\n                            (classes #96321)\n';
  const [f] = runRule(metaspaceSize, { 'nmt.txt': jdk8 });
  assert.equal(f.facts?.metaspaceCommittedBytes, 853817 * 1024);
  assert.equal(f.facts?.classes, 96321);
});

test('does not fire on a normal JDK 17 jstat', () => {
  assert.deepEqual(runRule(metaspaceSize, { 'jstat.txt': fx('fixtures/jstat/jdk17-gccapacity.txt') }), []);
});
