import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcExplicit } from './gc-explicit.js';
import { gcCorpus, gcFixture, runRule } from './testing.js';

test('JDK 17 System.gc() every 500 ms: seven calls, on G1 and on Parallel (young + full counted once)', () => {
  for (const name of ['jdk17-g1-sysgc.log', 'jdk17-parallel-sysgc.log']) {
    const [f] = runRule(gcExplicit, gcFixture(name));
    assert.equal(f.facts?.explicitGcs, 7, name);
    assert.ok(f.recommendations.some((r) => r.flags?.includes('-XX:+ExplicitGCInvokesConcurrent')));
    assert.match(f.evidence[0].excerpt, /System\.gc\(\)/);
  }
});

test('no explicit GC in the leak run', () => {
  assert.deepEqual(runRule(gcExplicit, gcFixture('jdk17-g1-leak.log')), []);
});
