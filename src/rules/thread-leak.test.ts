import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { threadLeak, PER_REQUEST_MIN_POOLS, LARGE_POOL_THREADS } from './thread-leak.js';
import { runRule, caseFrom } from './testing.js';
import { deriveFacts } from '../diagnosis/facts.js';
import { buildBudget } from '../diagnosis/budget.js';
import { repoRoot } from '../../test/support.js';

const MB = 1024 ** 2;
// Real JDK 17 dumps of fixtures/thread-dump/java/ThreadLeakDemo (see fixtures/thread-dump/regenerate.mjs):
// leak-1 with 50 threads per pool, leak-2 a moment later after 30 more per-request executors.
const fixture = (name: string) => {
  const bytes = readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', name));
  return name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
};
const leak1 = fixture('jdk17-leak-1.jcmd.txt.gz');
const leak2 = fixture('jdk17-leak-2.jcmd.txt.gz');

test('one dump: per-request executors and the idle library pools fire, with stack cost', () => {
  const findings = runRule(threadLeak, { 'jcmd-threads.txt': leak1 });
  const perRequest = findings.find((f) => f.facts?.family === 'pool-#-thread-');
  assert.ok(perRequest, 'pool-1-thread-1 … pool-50-thread-1');
  assert.equal(perRequest.severity, 'warning');
  assert.equal(perRequest.facts?.pools, 50);
  assert.equal(perRequest.facts?.threads, 50);
  assert.equal(perRequest.facts?.reservedStackBytes, 50 * MB, '50 threads × the 1 MB default -Xss');
  assert.match(perRequest.summary, /50 threads × 1 MB = 50 MB of reserved stack/);
  assert.match(perRequest.evidence[1].excerpt, /^"pool-\d+-thread-1" #\d+/);
  assert.ok(perRequest.evidence.every((e) => e.file === 'jcmd-threads.txt' && e.line! > 0));

  const pools = findings.filter((f) => f.facts?.pool).map((f) => [f.facts?.pool, f.facts?.library, f.facts?.threads]);
  assert.deepEqual(pools.sort(), [
    ['elasticsearch[_client_][generic]', 'elasticsearch-transport-client', 50],
    ['nioEventLoopGroup-2-', 'netty', 50],
  ]);
  const es = findings.find((f) => f.facts?.library === 'elasticsearch-transport-client')!;
  assert.ok(es.recommendations.some((r) => /client\.close\(\)/.test(r.detail)));
  assert.equal(findings.length, 3, 'no growth finding from a single dump');
});

test('-Xss from the JVM options prices the stacks', () => {
  const findings = runRule(threadLeak, { 'jcmd-threads.txt': leak1, 'jps.txt': '4242 org.apache.catalina.startup.Bootstrap -Xss512k -Dcatalina.base=/opt/tomcat\n7959 Jps\n' });
  const perRequest = findings.find((f) => f.facts?.family === 'pool-#-thread-')!;
  assert.equal(perRequest.facts?.reservedStackBytes, 50 * 512 * 1024);
  assert.match(perRequest.summary, /× 512 KB = 25 MB/);
});

test('two dumps of the same JVM: growth is reported whichever order the files come in', () => {
  for (const files of [{ 'a.txt': leak1, 'b.txt': leak2 }, { 'b.txt': leak2, 'a.txt': leak1 }]) {
    const growth = runRule(threadLeak, files).find((f) => f.facts?.addedThreads !== undefined);
    assert.ok(growth, 'growth finding');
    assert.equal(growth.facts?.addedThreads, 30);
    assert.equal(growth.facts?.topFamily, 'pool-#-thread-');
    assert.deepEqual(growth.tables![0]?.rows[0], ['pool-#-thread-', 50, 80]);
    assert.match(growth.title, /grew from \d+ to \d+/);
    assert.equal(growth.evidence[0].file, 'a.txt', 'the older dump first (both carry the same second: elapsed= orders them)');
    assert.match(growth.explanation, /ordered by how long that thread had been running/);
  }
});

test('does not fire on a healthy JVM, or on small pools and a handful of pool numbers', () => {
  assert.deepEqual(runRule(threadLeak, { 'jstack.txt': fixture('jdk17-idle.jstack.txt') }), []);
  // ThreadLeakDemo with 3 threads per pool: 3 pool numbers and 3-thread library pools are normal.
  const small = fixture('jdk17-small-deadlocks.jstack-l.txt');
  assert.ok(3 < PER_REQUEST_MIN_POOLS && 3 < LARGE_POOL_THREADS);
  assert.deepEqual(runRule(threadLeak, { 'jstack.txt': small }), []);
  // The same dump twice is not growth.
  assert.deepEqual(runRule(threadLeak, { 'one.txt': small, 'two.txt': small }), []);
});

test('the thread count of the latest dump feeds the memory budget', () => {
  const c = caseFrom({ 'a.txt': leak1, 'b.txt': leak2 });
  const facts = deriveFacts(c);
  const latest = c.of('thread-dump')[1].data.dumps[0];
  assert.equal(facts.threads?.value, latest.counts.platform);
  assert.equal(facts.threads?.ref.file, 'b.txt');
  const budget = buildBudget(facts)!;
  const stacks = budget.rows.find((r) => r.area === 'Thread stacks')!;
  assert.equal(stacks.bytes, latest.counts.platform * MB);
});
