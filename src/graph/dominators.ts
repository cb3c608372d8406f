// Immediate dominators over a CSR graph from one root, with the semi-NCA algorithm:
//   1. iterative DFS numbering (preorder) and DFS-tree parents;
//   2. semidominators in reverse preorder with Lengauer–Tarjan's link/eval (path compression,
//      done with an explicit stack);
//   3. idom(w) = nearest common ancestor of parent(w) and semi(w) in the tree built so far
//      (walk up from parent(w) while above semi(w)).
// References: Lengauer & Tarjan, "A fast algorithm for finding dominators in a flowgraph" (TOPLAS
// 1979); Georgiadis, "Linear-Time Algorithms for Dominators and Related Problems" (PhD thesis,
// Princeton 2005), SNCA. No recursion anywhere: heap graphs have chains of millions of nodes.
//
// Memory (the peak of a whole heap analysis is here): every array is indexed by preorder number and
// reused across steps — the DFS stack is the DFS-parent chain (no stack arrays), the preorder map is
// applied to the edge targets in place and its buffer then holds the predecessor offsets, the DFS
// cursors' buffer holds the predecessor lists, the forward arrays' buffers become `ancestor` and
// `semi`, and the results are views of buffers already allocated (order = vertex[1..R]).
// Predecessor edges into a direct child of the root (other than the root's own edge) are not stored:
// such a node's semidominator is the root whatever its other predecessors are (the root has the
// smallest preorder number), and a node's predecessors matter for nothing but its own semidominator.
// On heap graphs that drops most edges into system classes and other GC roots. Nor are DFS-tree
// edges (parent(w) → w) stored: parent(w) < w is always a candidate, so the minimum starts there.
// Together these leave ~18 M of 58 M predecessor edges on the 25 M-object benchmark dump.

import type { BufferPool } from './buffer-pool.js';
import { classEdgeOf, type ClassEdges } from './class-edges.js';

export interface DominatorResult {
  /** Node → immediate dominator node; the root maps to itself; -1 for nodes not reachable from the root. */
  idom: Int32Array;
  /** Reachable nodes in DFS preorder (order[0] = root). Parents come before children. */
  order: Uint32Array;
  /** Predecessor edges that had to be stored (for memory diagnostics). */
  predecessorEdges: number;
}

export interface ForwardGraph {
  firstEdge: Uint32Array | null;
  edgeTarget: Uint32Array | null;
  /** Implicit object → class edges (see class-edges.ts), visited before each node's stored edges. */
  classEdges?: ClassEdges;
}

/**
 * With `release`, the function owns `graph`'s arrays: it rewrites them, reuses their buffers and sets
 * the fields to null. Without it the caller's arrays are left untouched (copied first). Scratch
 * buffers come from and go back to `pool` when one is given.
 */
export function computeDominators(nodeCount: number, root: number, graph: ForwardGraph, release = false, pool?: BufferPool): DominatorResult {
  const take = (len: number, zero: boolean) => (pool ? pool.takeU32(len, zero) : new Uint32Array(len));
  const implicit = graph.classEdges;
  const firstEdge = release ? graph.firstEdge! : graph.firstEdge!.slice();
  let edgeTarget: Uint32Array | null = release ? graph.edgeTarget! : graph.edgeTarget!.slice();
  if (release) {
    graph.firstEdge = null;
    graph.edgeTarget = null;
  }

  // --- 1. DFS preorder (numbers start at 1; 0 = not visited) ---
  // pre is sized nodeCount + 2 because its buffer later holds the predecessor offsets (R + 2).
  const pre = take(nodeCount + 2, true);
  const vertex = take(nodeCount + 1, false);
  const parent = take(nodeCount + 1, false);
  // cursor[k]: firstEdge[v] = class edge still to visit; c > firstEdge[v]: stored edge c - 1 next.
  // Its buffer later holds the predecessor lists, so it is allocated for the most there can be:
  // the pages past nodeCount are not touched (not resident) until those lists are written.
  const predBound = firstEdge[nodeCount] + (implicit ? implicit.nodeClass.length : 0);
  const cursor = take(Math.max(nodeCount + 1, predBound), false).subarray(0, nodeCount + 1);
  let R = 1;
  pre[root] = 1;
  vertex[1] = root;
  parent[1] = 0;
  cursor[1] = firstEdge[root];
  for (let cur = 1; cur !== 0;) {
    const v = vertex[cur];
    const c = cursor[cur];
    const first = firstEdge[v];
    let w: number;
    if (c === first) {
      cursor[cur] = c + 1;
      if (implicit === undefined) continue;
      w = classEdgeOf(implicit, v);
      if (w < 0) continue;
    } else if (c <= firstEdge[v + 1]) {
      cursor[cur] = c + 1;
      w = edgeTarget[c - 1];
    } else {
      cur = parent[cur];
      continue;
    }
    if (pre[w] === 0) {
      R++;
      pre[w] = R;
      vertex[R] = w;
      parent[R] = cur;
      cursor[R] = firstEdge[w];
      cur = R;
    }
  }

  // --- predecessors in preorder numbering, by counting sort ---
  const edgeEnd = firstEdge[nodeCount];
  for (let e = 0; e < edgeEnd; e++) edgeTarget[e] = pre[edgeTarget[e]];
  const classPre = implicit ? new Uint32Array(implicit.classTarget.length) : null;
  if (implicit && classPre) for (let k = 0; k < classPre.length; k++) classPre[k] = implicit.classTarget[k] >= 0 ? pre[implicit.classTarget[k]] : 0;
  const classPreOf = (v: number): number => {
    const t = classEdgeOf(implicit!, v);
    return t < 0 ? 0 : classPre![implicit!.nodeClass[v]];
  };
  // Bit set by preorder number: the root's direct children (other than the root itself).
  const rootChildBits = new Uint32Array((R >>> 5) + 1);
  for (let e = firstEdge[root], end = firstEdge[root + 1]; e < end; e++) {
    const w = edgeTarget[e];
    if (w > 1) rootChildBits[w >>> 5] |= 1 << (w & 31);
  }
  const rootChild = (w: number) => (rootChildBits[w >>> 5] & (1 << (w & 31))) !== 0;
  // predFirst[w] counts, then (inclusive prefix sums) ends, then (filled by decrementing) starts.
  const predFirst = pre.fill(0, 0, R + 2).subarray(0, R + 2);
  for (let k = 1; k <= R; k++) {
    const v = vertex[k];
    if (implicit) {
      const w = classPreOf(v);
      if (w !== 0 && parent[w] !== k && !rootChild(w)) predFirst[w]++;
    }
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      const w = edgeTarget[e];
      if (w !== 0 && parent[w] !== k && (k === 1 || !rootChild(w))) predFirst[w]++;
    }
  }
  for (let k = 1; k <= R + 1; k++) predFirst[k] += predFirst[k - 1];
  const predCount = predFirst[R + 1];
  const predSrc = predCount <= cursor.buffer.byteLength / 4 ? new Uint32Array(cursor.buffer, 0, predCount) : take(predCount, false);
  if (predSrc.buffer !== cursor.buffer) pool?.give(cursor);
  for (let k = 1; k <= R; k++) {
    const v = vertex[k];
    if (implicit) {
      const w = classPreOf(v);
      if (w !== 0 && parent[w] !== k && !rootChild(w)) predSrc[--predFirst[w]] = k;
    }
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      const w = edgeTarget[e];
      if (w !== 0 && parent[w] !== k && (k === 1 || !rootChild(w))) predSrc[--predFirst[w]] = k;
    }
  }

  // --- 2. semidominators (all arrays indexed by preorder number) ---
  // The forward graph is no longer needed: its buffers become `ancestor`, `semi` and (when the edge
  // buffer has room, which pass 2 provides) `label`.
  const ancestor = new Uint32Array(firstEdge.buffer, firstEdge.byteOffset, R + 1).fill(0);
  const room = (edgeTarget.buffer.byteLength - edgeTarget.byteOffset) / 4;
  const semi = room >= R + 1 ? new Uint32Array(edgeTarget.buffer, edgeTarget.byteOffset, R + 1) : take(R + 1, false);
  const label = room >= 2 * (R + 1) ? new Uint32Array(edgeTarget.buffer, edgeTarget.byteOffset + (R + 1) * 4, R + 1) : take(R + 1, false);
  if (room < R + 1) pool?.give(edgeTarget);
  edgeTarget = null;
  // Path-compression stack: as deep as the longest uncompressed forest path, grown on demand.
  let stack = new Uint32Array(1 << 16);
  for (let k = 1; k <= R; k++) {
    semi[k] = k;
    label[k] = k;
  }
  for (let w = R; w >= 2; w--) {
    // semi[w] starts at w; the DFS parent (a predecessor not stored) is smaller.
    let s = rootChild(w) ? 1 : parent[w];
    for (let e = predFirst[w], end = predFirst[w + 1]; e < end; e++) {
      const v = predSrc[e];
      let u: number;
      if (ancestor[v] === 0) u = v;
      else {
        // eval(v) with iterative path compression
        let sp = 0;
        let x = v;
        while (ancestor[ancestor[x]] !== 0) {
          if (sp === stack.length) {
            const bigger = new Uint32Array(stack.length * 2);
            bigger.set(stack);
            stack = bigger;
          }
          stack[sp++] = x;
          x = ancestor[x];
        }
        while (sp > 0) {
          x = stack[--sp];
          const a = ancestor[x];
          if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
          ancestor[x] = ancestor[a];
        }
        u = label[v];
      }
      if (semi[u] < s) s = semi[u];
    }
    semi[w] = s;
    ancestor[w] = parent[w]; // link
  }

  // --- 3. idom by nearest common ancestor (reuse `label` as idom, preorder numbers) ---
  const idomPre = label;
  idomPre[1] = 1;
  for (let w = 2; w <= R; w++) {
    let x = parent[w];
    const s = semi[w];
    while (x > s) x = idomPre[x];
    idomPre[w] = x;
  }

  // Results in buffers already held: idom over the predecessor offsets' buffer (sized nodeCount + 2).
  const idom = new Int32Array(pre.buffer, pre.byteOffset, nodeCount).fill(-1);
  for (let k = 1; k <= R; k++) idom[vertex[k]] = vertex[idomPre[k]];
  const order = vertex.subarray(1, R + 1);
  if (pool) {
    pool.give(parent);
    if (label.buffer !== semi.buffer) pool.give(label);
    pool.give(predSrc);
    pool.give(semi);
    pool.give(ancestor);
  }
  return { idom, order, predecessorEdges: predCount };
}
