import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcLiveSet } from './gc-live-set.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('a leaking JDK 17 G1 run is a leak, with a time to OOM and the log lines', () => {
  const [f] = runRule(gcLiveSet, gcFixture('jdk17-g1-leak.log'));
  assert.equal(f.facts?.verdict, 'leak');
  assert.match(f.title, /^Heap leak/);
  assert.ok(typeof f.facts?.hoursToOom === 'number');
  assert.ok(f.evidence.every((e) => e.line && /Pause/.test(e.excerpt) || /Using|Version|flags/.test(e.excerpt)));
});

test('an undersized JDK 17 heap is called undersized, never a leak, with the -Xmx to set', () => {
  for (const name of ['jdk17-g1-undersized.log', 'jdk17-parallel-undersized.log']) {
    const fs = runRule(gcLiveSet, gcFixture(name));
    assert.equal(fs.length, 1, name);
    assert.equal(fs[0].facts?.verdict, 'undersized', name);
    assert.ok(fs[0].recommendations.some((r) => r.flags?.some((x) => x.startsWith('-Xmx'))), name);
  }
});

test('steady runs: no leak, no undersized', () => {
  for (const name of ['jdk17-z-steady.log', 'jdk17-shenandoah-steady.log', 'jdk17-serial-steady.log', 'jdk17-g1-steady.log']) {
    for (const f of runRule(gcLiveSet, gcFixture(name))) assert.equal(f.severity, 'info', name);
  }
});
