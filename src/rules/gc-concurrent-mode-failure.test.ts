import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcConcurrentModeFailure } from './gc-concurrent-mode-failure.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: 149 concurrent mode failures (GCViewer SampleSun1_5_0ConcurrentModeFailure)', (t) => {
  const files = gcCorpus('gcviewer/openjdk/SampleSun1_5_0ConcurrentModeFailure.txt');
  if (!files) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcConcurrentModeFailure, files);
  assert.equal(f.severity, 'critical');
  assert.ok((f.facts?.concurrentModeFailures as number) >= 100);
  assert.match(f.evidence[0].excerpt, /concurrent mode failure/);
});

test('no CMS, no concurrent mode failure', () => {
  assert.deepEqual(runRule(gcConcurrentModeFailure, gcFixture('jdk17-g1-undersized.log')), []);
});
