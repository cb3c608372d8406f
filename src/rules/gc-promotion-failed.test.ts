import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcPromotionFailed } from './gc-promotion-failed.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: CMS promotion failed (garbagecat dataset115, GCViewer 1.7 tenuring sample)', (t) => {
  const a = gcCorpus('garbagecat/dataset115.txt');
  const b = gcCorpus('gcviewer/openjdk/SampleSun1_7_0CMS_PrintTenuringDistributionPromotionFailure.txt');
  if (!a || !b) return t.skip('../shared/corpus/gclogs absent');
  assert.equal(runRule(gcPromotionFailed, a)[0].facts?.promotionFailed, 1);
  const [f] = runRule(gcPromotionFailed, b);
  assert.equal(f.severity, 'critical', 'a 130 s pause');
  assert.match(f.evidence[0].excerpt, /promotion failed|ParNew/);
});

test('JDK 17 runs never report promotion failed', () => {
  for (const name of ['jdk17-parallel-undersized.log', 'jdk17-serial-steady.log']) assert.deepEqual(runRule(gcPromotionFailed, gcFixture(name)), []);
});
