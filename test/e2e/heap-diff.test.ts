// `heap diff` and the heap-growth rule on a real JVM dumped twice: a cache grown from N to 2N entries
// (test/java/heap/GrowingCache.java). The delta must be exactly N entries, found through the same path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runDiagnosis, runHeapDiff } from '../../src/pipeline/run-diagnosis.js';
import type { HeapDiff } from '../../src/model/heap-diff.js';
import { dumpGrowingCacheTwice, hasJdk, javac, tempDir } from './heap-jvm.js';
import { runCli } from '../support.js';

const N = 5000;

test('heap diff: a cache grown from N to 2N entries shows exactly N more entries, through the same path', { timeout: 240_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-diff-');
  try {
    javac(tmp.dir, 'GrowingCache.java');
    const [before, after] = await dumpGrowingCacheTwice(tmp.dir, tmp.dir, N);

    const doc = await runHeapDiff(before, after, { cache: false });
    const d = doc.sections.heapDiff as HeapDiff;
    const entry = d.classes.find((c) => c.className === 'GrowingCache$Entry');
    assert.ok(entry, 'the entry class changed');
    assert.equal(entry.instancesBefore, N);
    assert.equal(entry.instancesAfter, 2 * N);
    assert.equal(entry.instancesDelta, N);
    // Entry 24 + byte[512] 528 each (compressed oops); the key String is the map node's, not the entry's.
    assert.equal(entry.retainedDelta, N * (24 + 528));
    const nodes = d.classes.find((c) => c.className === 'java.util.HashMap$Node')!;
    assert.ok(nodes.instancesDelta >= N, `at least N more map nodes: ${nodes.instancesDelta}`);
    // Sorted by retained growth.
    for (let i = 1; i < d.classes.length; i++) assert.ok(d.classes[i - 1].retainedDelta >= d.classes[i].retainedDelta);
    assert.ok(d.reachableDelta > N * (24 + 528));
    // The objects that grew are matched by their path (ids differ between the dumps).
    const viaCache = d.grown.find((g) => g.kind === 'accumulation point' && /static field CACHE of GrowingCache/.test(g.path));
    assert.ok(viaCache, `a grown object through GrowingCache.CACHE: ${JSON.stringify(d.grown.slice(0, 3))}`);
    assert.ok(viaCache.countBefore > 0, 'the same path exists in the earlier dump');
    assert.ok(viaCache.retainedDelta >= N * (24 + 528), JSON.stringify(d.grown.slice(0, 4), null, 1));
    // The finding.
    const f = doc.findings.find((x) => x.ruleId === 'heap-growth');
    assert.ok(f, 'heap-growth reports the growth');
    assert.match(f.summary, /GrowingCache/);

    // diagnose given both dumps reports it too.
    const dx = await runDiagnosis([before, after], { });
    const g = dx.findings.find((x) => x.ruleId === 'heap-growth');
    assert.ok(g, 'diagnose reports the growth of two dumps of one JVM');
    assert.match(g.title, /^Heap grew by /);
    assert.ok(g.tables![0].rows.some((r) => r[0] === 'GrowingCache$Entry' && r[1] === N));

    // The CLI, in every format.
    const json = runCli(['heap', 'diff', before, after, '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.schemaVersion, 2);
    assert.equal(parsed.sections.heapDiff.classes.find((c: { className: string }) => c.className === 'GrowingCache$Entry').instancesDelta, N);
    const text = runCli(['heap', 'diff', before, after]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Classes by retained growth/);
    assert.match(text.stdout, /\+5,000 +.*GrowingCache\$Entry/);
    const md = runCli(['heap', 'diff', before, after, '--format', 'md']);
    assert.match(md.stdout, /\| GrowingCache\$Entry \|/);
    const html = runCli(['heap', 'diff', before, after, '--format', 'html']);
    assert.equal(html.status, 0, html.stderr);
    assert.match(html.stdout, /<h2 id="heap-diff-h">Heap diff<\/h2>/);
    assert.match(html.stdout, /GrowingCache\$Entry/);
    const bad = runCli(['heap', 'diff', before]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /give two heap dump files/);
  } finally {
    tmp.cleanup();
  }
});
