import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcPrematurePromotion } from './gc-premature-promotion.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 Serial with tiny survivor spaces: the tenuring threshold drops to 1', () => {
  const [f] = runRule(gcPrematurePromotion, gcFixture('jdk17-serial-tenuring.log'));
  assert.equal(f.facts?.tenuringMin, 1);
  assert.equal(f.facts?.tenuringMax, 15);
  assert.match(f.evidence[0].excerpt, /new threshold 1/);
});

test('corpus: thresholds of 4–15 are no premature promotion (GCViewer Parallel tenuring sample)', (t) => {
  const files = gcCorpus('gcviewer/openjdk/SampleSun1_8_0Parallel_Tenuring_PrintGCCause.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  assert.deepEqual(runRule(gcPrematurePromotion, files), []);
});
