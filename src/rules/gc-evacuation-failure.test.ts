import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcEvacuationFailure } from './gc-evacuation-failure.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 G1 at its limit: to-space exhausted', () => {
  const [f] = runRule(gcEvacuationFailure, gcFixture('jdk17-g1-undersized.log'));
  assert.ok((f.facts?.toSpaceExhausted as number) > 0);
  assert.match(f.evidence[0].excerpt, /Evacuation Failure|To-space exhausted|Pause/);
});

test('JDK 17 ZGC allocation stalls are reported; a steady Serial run is silent', () => {
  const fs = runRule(gcEvacuationFailure, gcFixture('jdk17-z-steady.log'));
  assert.ok(fs.every((f) => (f.facts?.allocationStalls as number) > 0));
  assert.deepEqual(runRule(gcEvacuationFailure, gcFixture('jdk17-serial-steady.log')), []);
});

test('corpus: Shenandoah degenerated GC (GCViewer SampleOpenJdk1_8_0-332)', (t) => {
  const files = gcCorpus('gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  assert.ok(runRule(gcEvacuationFailure, files).some((f) => f.facts?.degenerated === 1));
});
