import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcGenerations } from './gc-generations.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const SEED = readFileSync(join(repoRoot(), 'examples', 'seed-incident', 'jstat-gccapacity.txt'), 'utf8');

test('seed jstat -gccapacity: young at max (capacity, not occupancy), NewRatio 2, shrunk survivors, frequent full GCs', () => {
  const [f] = runRule(gcGenerations, { 'jstat-gccapacity.txt': SEED });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.youngAtMax, true);
  assert.equal(f.facts?.inferredNewRatio, 2);
  assert.equal(f.facts?.inferredSurvivorRatio, 53.8);
  assert.equal(f.facts?.fullToYoungRatio, 0.505);
  assert.match(f.explanation, /capacities, not occupancy/);
  assert.match(f.explanation, /adaptive size policy/);
  assert.deepEqual(f.evidence.map((e) => `${e.file}:${e.line}`), ['jstat-gccapacity.txt:2']);
});

test('a real JDK 17 jstat -gc with few full GCs is only informational', () => {
  const text = readFileSync(join(repoRoot(), 'fixtures', 'jstat', 'jdk17-gc.txt'), 'utf8');
  const [f] = runRule(gcGenerations, { 'jstat-gc.txt': text });
  assert.ok(f, 'reports the readings');
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.youngAtMax, undefined);
});

test('does not fire without jstat', () => {
  assert.deepEqual(runRule(gcGenerations, { 'jps.txt': '1 Bootstrap\n7959 Jps\n' }), []);
});
