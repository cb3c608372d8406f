import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcLocker } from './gc-locker.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('corpus: GCLocker Initiated GC (garbagecat dataset269, GCViewer Parallel sample)', (t) => {
  const a = gcCorpus('garbagecat/dataset269.txt');
  if (!a) return t.skip('../shared/corpus/gclogs absent');
  const [f] = runRule(gcLocker, a);
  assert.equal(f.facts?.gcLockerGcs, 2);
  assert.match(f.evidence[0].excerpt, /GCLocker Initiated GC/);
});

test('no JNI critical sections in the JDK 17 runs', () => {
  assert.deepEqual(runRule(gcLocker, gcFixture('jdk17-g1-humongous.log')), []);
});
