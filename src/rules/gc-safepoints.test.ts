import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcSafepoints } from './gc-safepoints.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: a 130 s stop (GCViewer 1.7 CMS sample, PrintGCApplicationStoppedTime)', (t) => {
  const files = gcCorpus('gcviewer/openjdk/SampleSun1_7_0CMS_PrintTenuringDistributionPromotionFailure.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcSafepoints, files);
  assert.ok((f.facts?.safepointMaxMs as number) > 100_000);
});

test('corpus: JDK 21 ZGC safepoints in microseconds raise nothing (garbagecat dataset243)', (t) => {
  const files = gcCorpus('garbagecat/dataset243.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  assert.deepEqual(runRule(gcSafepoints, files), []);
});

test('JDK 17 logs without safepoint logging raise nothing', () => {
  assert.deepEqual(runRule(gcSafepoints, gcFixture('jdk17-g1-leak.log')), []);
});
