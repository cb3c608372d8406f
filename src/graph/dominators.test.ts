import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDominators } from './dominators.js';
import { computeRetainedSizes, buildDominatorTree, retainedByClass } from './retained.js';
import { shortestPathParents, pathFromRoot } from './paths.js';
import { graphFromEdges, lcg, reachableWithout } from './testing.js';

test('diamond and chain by hand', () => {
  // 0 root → 1; 1 → 2, 3; 2 → 4; 3 → 4; 4 → 5
  const g = graphFromEdges(6, [[0, 1], [1, 2], [1, 3], [2, 4], [3, 4], [4, 5]]);
  const d = computeDominators(g.nodeCount, 0, { firstEdge: g.firstEdge, edgeTarget: g.edgeTarget });
  assert.deepEqual(Array.from(d.idom), [0, 0, 1, 1, 1, 4]);
  const sizes = { sizeOf: (v: number) => (v === 0 ? 0 : 10 * v) };
  const r = computeRetainedSizes(6, sizes, d.idom, d.order);
  assert.deepEqual(Array.from(r), [150, 150, 20, 30, 90, 50]);
});

test('a 1 000 000-node chain needs no recursion', () => {
  const n = 1_000_000;
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
  const g = graphFromEdges(n, edges);
  const d = computeDominators(n, 0, { firstEdge: g.firstEdge, edgeTarget: g.edgeTarget });
  assert.equal(d.idom[n - 1], n - 2);
  const r = computeRetainedSizes(n, { sizeOf: () => 1 }, d.idom, d.order);
  assert.equal(r[0], n);
  assert.equal(pathFromRoot(shortestPathParents(n, 0, g.firstEdge, g.edgeTarget), 0, n - 1).length, n - 1);
});

test('dominators and retained sizes equal the brute-force definition on random graphs', () => {
  const rand = lcg(42);
  for (let round = 0; round < 300; round++) {
    const n = 2 + Math.floor(rand() * 25);
    const m = Math.floor(rand() * n * 3);
    const edges: [number, number][] = [];
    for (let i = 0; i < m; i++) edges.push([Math.floor(rand() * n), Math.floor(rand() * n)]);
    const g = graphFromEdges(n, edges);
    const d = computeDominators(n, 0, { firstEdge: g.firstEdge, edgeTarget: g.edgeTarget });
    const reach = reachableWithout(g, 0, -1);
    // dominates[u][v]: v unreachable once u is removed
    const dom: Uint8Array[] = [];
    for (let u = 0; u < n; u++) {
      const without = reachableWithout(g, 0, u);
      dom.push(Uint8Array.from({ length: n }, (_, v) => (reach[v] && !without[v] ? 1 : 0)));
    }
    for (let v = 0; v < n; v++) {
      if (!reach[v]) {
        assert.equal(d.idom[v], -1, `round ${round}: ${v} unreachable`);
        continue;
      }
      if (v === 0) continue;
      // idom = the strict dominator dominated by every other strict dominator
      const strict = [...Array(n).keys()].filter((u) => u !== v && dom[u][v]);
      const idom = strict.find((u) => strict.every((w) => dom[w][u]));
      assert.equal(d.idom[v], idom, `round ${round}: idom of ${v}`);
    }
    const size = (v: number) => 1 + (v % 7);
    const r = computeRetainedSizes(n, { sizeOf: size }, d.idom, d.order);
    for (let u = 0; u < n; u++) {
      if (!reach[u]) continue;
      let want = 0;
      for (let v = 0; v < n; v++) if (dom[u][v]) want += size(v);
      assert.equal(r[u], want, `round ${round}: retained of ${u}`);
    }
  }
});

test('retained per class counts nested instances of a class once', () => {
  // super-root 4 → 0 (A) → 1 (A) → 2 (B); 4 → 3 (B)
  const g = graphFromEdges(5, [[4, 0], [0, 1], [1, 2], [4, 3]]);
  const d = computeDominators(5, 4, { firstEdge: g.firstEdge, edgeTarget: g.edgeTarget });
  const r = computeRetainedSizes(5, { sizeOf: (v: number) => (v === 4 ? 0 : 10 + v) }, d.idom, d.order);
  const byClass = retainedByClass(buildDominatorTree(5, d.idom, d.order), 4, Uint32Array.from([0, 0, 1, 1]), 2, r);
  assert.deepEqual(Array.from(byClass), [10 + 11 + 12, 12 + 13]);
});
