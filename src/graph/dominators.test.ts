import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDominators } from './dominators.js';
import { computeRetainedSizes, buildDominatorTree, retainedByClass, SORTED_ABOVE, sortedChildren } from './retained.js';
import { shortestPathParents, pathFromRoot } from './paths.js';
import { graphFromEdges, lcg, reachableWithout } from './testing.js';
import { BufferPool } from './buffer-pool.js';

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

test('implicit class edges give the same dominators, retained sizes and paths as stored ones; pooled buffers too', () => {
  const rand = lcg(7);
  for (let round = 0; round < 200; round++) {
    // nodes 0..n-1 are objects, node n the root; the first `classes` objects act as class objects
    const n = 3 + Math.floor(rand() * 20);
    const classes = 1 + Math.floor(rand() * Math.min(3, n - 1));
    const root = n;
    const nodeClass = new Uint32Array(n);
    const nodeAux = new Uint32Array(n);
    const classTarget = new Int32Array(classes + 1).fill(-1);
    for (let k = 0; k < classes; k++) classTarget[k + 1] = k; // class index k+1 → object k
    for (let v = 0; v < n; v++) {
      if (v < classes) {
        nodeClass[v] = 0; // mirrors: class index 0 with aux > 0, no class edge
        nodeAux[v] = v + 1;
      } else nodeClass[v] = 1 + Math.floor(rand() * classes);
    }
    const stored: [number, number][] = [];
    const m = Math.floor(rand() * n * 2);
    for (let i = 0; i < m; i++) stored.push([Math.floor(rand() * n), Math.floor(rand() * n)]);
    const roots = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < roots; i++) stored.push([root, Math.floor(rand() * n)]);
    // Explicit version: the class edge first, as pass 2 used to store it.
    const explicit: [number, number][] = [];
    for (let v = 0; v <= n; v++) {
      if (v < n && nodeAux[v] === 0) explicit.push([v, classTarget[nodeClass[v]]]);
      for (const [a, b] of stored) if (a === v) explicit.push([a, b]);
    }
    const ge = graphFromEdges(n + 1, explicit);
    const gi = graphFromEdges(n + 1, stored.slice().sort((x, y) => x[0] - y[0]));
    const classEdges = { nodeClass, nodeAux, mirrorClass: 0, classTarget };
    const de = computeDominators(n + 1, root, { firstEdge: ge.firstEdge, edgeTarget: ge.edgeTarget });
    const pool = new BufferPool();
    pool.give(new Uint32Array(3)); // a too-small buffer must not be picked
    const fi = { firstEdge: gi.firstEdge.slice() as Uint32Array | null, edgeTarget: gi.edgeTarget.slice() as Uint32Array | null, classEdges };
    const pi = shortestPathParents(n + 1, root, gi.firstEdge, gi.edgeTarget, classEdges, pool);
    const di = computeDominators(n + 1, root, fi, true, pool);
    assert.equal(fi.firstEdge, null);
    assert.deepEqual(Array.from(di.idom), Array.from(de.idom), `round ${round}: idom`);
    assert.deepEqual(Array.from(di.order), Array.from(de.order), `round ${round}: order`);
    assert.deepEqual(Array.from(pi), Array.from(shortestPathParents(n + 1, root, ge.firstEdge, ge.edgeTarget)), `round ${round}: paths`);
    const size = { sizeOf: (v: number) => (v === root ? 0 : 1 + (v % 5)), total: 1000 };
    const re = computeRetainedSizes(n + 1, { sizeOf: size.sizeOf }, de.idom, de.order);
    const ri = computeRetainedSizes(n + 1, size, di.idom, di.order, pool);
    assert.ok(ri instanceof Uint32Array);
    assert.deepEqual(Array.from(ri), Array.from(re), `round ${round}: retained`);
    const bc = retainedByClass(buildDominatorTree(n + 1, di.idom, di.order, pool), root, nodeClass, classes + 1, ri);
    // brute force: instances with no same-class instance among their strict dominators
    const want = new Float64Array(classes + 1);
    for (let v = 0; v < n; v++) {
      if (de.idom[v] < 0) continue;
      let nested = false;
      for (let d = de.idom[v]; d !== root; d = de.idom[d]) if (nodeClass[d] === nodeClass[v]) nested = true;
      if (!nested) want[nodeClass[v]] += re[v];
    }
    assert.deepEqual(Array.from(bc), Array.from(want), `round ${round}: retained by class`);
  }
});

test('dominator tree as CSR: every node once under its idom, long ranges biggest retained first, ties in dump order', () => {
  const rand = lcg(99);
  for (const [n, fanout] of [[50, 3], [400, 400], [3000, 2000]] as const) {
    // A root with one wide node (the merge-sort path) and random others below it.
    const root = n;
    const edges: [number, number][] = [[root, 0]];
    for (let v = 1; v < n; v++) edges.push([v < fanout ? 0 : Math.floor(rand() * v), v]);
    for (let i = 0; i < n; i++) edges.push([Math.floor(rand() * n), Math.floor(rand() * n)]);
    const g = graphFromEdges(n + 1, edges);
    const d = computeDominators(n + 1, root, { firstEdge: g.firstEdge, edgeTarget: g.edgeTarget });
    const sizes = { sizeOf: (v: number) => (v === root ? 0 : 8 * (1 + Math.floor(rand() * 3))) };
    const r = computeRetainedSizes(n + 1, sizes, d.idom, d.order);
    const plain = buildDominatorTree(n + 1, d.idom, d.order);
    const tree = buildDominatorTree(n + 1, d.idom, d.order, new BufferPool(), r);
    let seen = 0;
    for (let v = 0; v <= n; v++) {
      const kids = Array.from(tree.children.subarray(tree.childStart[v], tree.childStart[v + 1]));
      seen += kids.length;
      for (const c of kids) assert.equal(d.idom[c], v, `child ${c} of ${v}`);
      const inOrder = Array.from(plain.children.subarray(plain.childStart[v], plain.childStart[v + 1]));
      assert.deepEqual(inOrder, inOrder.slice().sort((a, b) => a - b), 'plain: ordinal order');
      const want = inOrder.slice().sort((a, b) => r[b] - r[a] || a - b);
      assert.deepEqual(kids, kids.length > SORTED_ABOVE ? want : inOrder, `kept order of the children of ${v} (n ${n})`);
      assert.deepEqual(Array.from(sortedChildren(tree, r, v)), want, `sorted children of ${v} (n ${n})`);
    }
    assert.equal(seen, d.order.length - 1);
  }
});
