// Retained sizes under both semantics (graph/edge-semantics.ts) against an independent brute force:
// for an object X, the objects reachable from the GC roots that are no longer reachable once X is
// removed are exactly what X retains. Run on a real JVM built so that the semantics differ
// (test/java/heap/SoftCache.java) and on the real JDK 8 dumps of fixtures/hprof-jdk8/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildHeapModel, type HeapModel } from '../../src/heap/model.js';
import { buildHeapIndex } from '../../src/hprof/index-pass.js';
import { IdIndex } from '../../src/graph/id-index.js';
import { buildHeapGraph, type HeapGraph } from '../../src/graph/edge-pass.js';
import { classEdgeOf } from '../../src/graph/class-edges.js';
import type { HeapSemantics } from '../../src/graph/edge-semantics.js';
import { analyzeHeapDump } from '../../src/heap/analyze.js';
import { silentProgress } from '../../src/util/progress.js';
import { lcg } from '../../src/graph/testing.js';
import { dumpJvm, hasJdk, javac, repoRoot, tempDir } from './heap-jvm.js';

/**
 * The graph read with referents (always), so that each semantics is a choice made here — not by the
 * edge pass under test: `followReferents` false skips every Reference's referent edge.
 */
async function fullGraph(dump: string): Promise<HeapGraph> {
  const index = await buildHeapIndex(dump, {});
  return buildHeapGraph(dump, index, new IdIndex(index.objectIds), { semantics: 'mat' });
}

function reachable(g: HeapGraph, followReferents: boolean, removed: number): Uint8Array {
  const seen = new Uint8Array(g.nodeCount);
  const stack = new Uint32Array(g.nodeCount + 1);
  let sp = 0;
  seen[g.root] = 1;
  stack[sp++] = g.root;
  const push = (w: number) => {
    if (w >= 0 && w !== removed && !seen[w]) {
      seen[w] = 1;
      stack[sp++] = w;
    }
  };
  while (sp > 0) {
    const v = stack[--sp];
    push(classEdgeOf(g.classEdges, v));
    let e = g.firstEdge[v];
    if (!followReferents && g.referents.has(v)) e++;
    for (const end = g.firstEdge[v + 1]; e < end; e++) push(g.edgeTarget[e]);
  }
  return seen;
}

/** Checks retained[X] for the biggest objects and a pseudo-random sample; returns how many were checked. */
function checkAgainstBruteForce(m: HeapModel, g: HeapGraph, semantics: HeapSemantics, label: string): number {
  const follow = semantics === 'mat';
  const all = reachable(g, follow, -1);
  const n = m.n;
  let reachableCount = 0;
  for (let v = 0; v < n; v++) {
    if (all[v]) reachableCount++;
    // Reachability itself agrees (idom −1 ⇔ unreachable).
    if ((m.idom[v] >= 0) !== (all[v] === 1)) assert.fail(`${label}: object ${v} reachable ${all[v]} but idom ${m.idom[v]}`);
  }
  assert.equal(m.reachableObjects, reachableCount, `${label}: reachable objects`);
  const byRetained = Array.from({ length: n }, (_, v) => v).filter((v) => all[v]).sort((a, b) => m.retained[b] - m.retained[a]);
  const rnd = lcg(7);
  const sample = new Set([...byRetained.slice(0, 12), ...Array.from({ length: 20 }, () => byRetained[Math.floor(rnd() * byRetained.length)])]);
  for (const x of sample) {
    const without = reachable(g, follow, x);
    let bytes = 0;
    for (let v = 0; v < n; v++) if (all[v] && !without[v]) bytes += m.shallow.sizeOf(v);
    assert.equal(m.retained[x], bytes, `${label}: retained size of object ${x} (${semantics})`);
  }
  return sample.size;
}

/** Every object a strong path reaches has its path over strong references only. */
function checkPathsAvoidReferents(m: HeapModel, g: HeapGraph, label: string): void {
  const strong = reachable(g, false, -1);
  for (let v = 0; v < m.n; v++) {
    const p = m.parents[v];
    if (!strong[v] || p < 0 || p === m.superRoot) continue;
    assert.ok(strong[p], `${label}: the path to ${v} leaves the strongly reachable objects`);
    if (g.referents.has(p) && g.edgeTarget[g.firstEdge[p]] === v) {
      // Allowed only if another, strong edge p → v exists as well.
      let other = classEdgeOf(g.classEdges, p) === v;
      for (let e = g.firstEdge[p] + 1; e < g.firstEdge[p + 1] && !other; e++) other = g.edgeTarget[e] === v;
      assert.ok(other, `${label}: the path to ${v} goes through a referent`);
    }
  }
}

test('SoftReference cache: MAT semantics keep the soft values, strong semantics free them; both equal the brute force', { timeout: 240_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-semantics-');
  try {
    javac(tmp.dir, 'SoftCache.java');
    const { dump } = await dumpJvm({ classDir: tmp.dir, main: 'SoftCache', jvmArgs: ['-Xmx256m'], dump: join(tmp.dir, 's.hprof') });
    const g = await fullGraph(dump);
    const mat = await buildHeapModel(dump, { progress: silentProgress, semantics: 'mat' });
    const strong = await buildHeapModel(dump, { progress: silentProgress, semantics: 'strong' });
    assert.ok(checkAgainstBruteForce(mat, g, 'mat', 'SoftCache') >= 20);
    assert.ok(checkAgainstBruteForce(strong, g, 'strong', 'SoftCache') >= 20);
    checkPathsAvoidReferents(mat, g, 'SoftCache');

    // By construction: Value 16 + byte[65536] 65552 + SoftReference 32 (JDK 17 compressed oops), 32 of them.
    const r = await analyzeHeapDump(dump, { cache: false, semantics: 'mat' });
    const s = await analyzeHeapDump(dump, { cache: false, semantics: 'strong' });
    const holder = (rep: typeof r) => rep.histogram.find((h) => h.className === 'SoftCache$Holder')!;
    const listBytes = holder(s).retainedBytes; // Holder + ArrayList + Object[] + the SoftReferences themselves
    assert.equal(holder(r).retainedBytes - listBytes, 32 * (16 + 65552), 'the soft values are retained by the holder under mat only');
    assert.equal(r.summary.semantics, 'mat');
    assert.equal(s.summary.semantics, 'strong');
    assert.ok(r.summary.referentOnlyObjects! >= 64, `soft values + their arrays are kept only by referents: ${r.summary.referentOnlyObjects}`);
    assert.equal(s.summary.referentOnlyObjects, 0);
    // The weakly referenced byte[10000] is held strongly too: the same under both.
    assert.equal(r.histogram.find((h) => h.className === 'SoftCache$Strong')!.retainedBytes, s.histogram.find((h) => h.className === 'SoftCache$Strong')!.retainedBytes);
    // A soft value has a path under mat — through the referent, named as the field it is.
    const valueClass = mat.index.classes.find((k) => k.jvmName === 'SoftCache$Value')!.index;
    let valueOrdinal = -1;
    for (let v = 0; v < mat.n && valueOrdinal < 0; v++) if (mat.index.objectClass[v] === valueClass) valueOrdinal = v;
    const valueId = '0x' + mat.index.objectIds.idOf(valueOrdinal).toString(16);
    const withPath = await analyzeHeapDump(dump, { cache: false, pathTo: valueId });
    const steps = withPath.requestedPath!.pathToRoot;
    assert.match(steps[steps.length - 1].field, /referent/);
    assert.match(steps.map((x) => x.field).join(' '), /static field HOLDER/);
    assert.ok(!s.dominators.some((d) => d.className === 'SoftCache$Value'), 'no soft value is reachable under strong');
    assert.notEqual(r.summary.reachableBytes, s.summary.reachableBytes);
  } finally {
    tmp.cleanup();
  }
});

test('real JDK 8 dumps: retained sizes equal the brute force under both semantics', { timeout: 240_000 }, async (t) => {
  const dir = join(repoRoot, 'fixtures', 'hprof-jdk8');
  const dumps = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.hprof.gz')).map((f) => join(dir, f)) : [];
  if (dumps.length === 0) return t.skip('fixtures/hprof-jdk8 absent');
  for (const dump of dumps) {
    const g = await fullGraph(dump);
    assert.ok(g.referents.count > 0, 'JDK 8 heaps hold Reference objects with referents');
    for (const semantics of ['mat', 'strong'] as const) {
      const m = await buildHeapModel(dump, { progress: silentProgress, semantics });
      checkAgainstBruteForce(m, g, semantics, `${dump} ${semantics}`);
      if (semantics === 'mat') checkPathsAvoidReferents(m, g, dump);
    }
  }
});
