// Retained sizes from the dominator tree: an object's retained size is its shallow size plus the
// retained sizes of the objects it immediately dominates. Computed bottom-up in reverse DFS preorder
// (every node's idom precedes it). Unreachable objects retain nothing and count toward no one (MAT's
// default: they would be collected). Sums are exact: Uint32 when the whole heap is below 4 GiB
// (no retained size can exceed the total), Float64 otherwise (exact up to 2^53 bytes).

import type { BufferPool } from './buffer-pool.js';

export type SizeArray = Float64Array | Uint32Array;

export function computeRetainedSizes(
  nodeCount: number,
  shallow: { sizeOf(node: number): number; total?: number },
  idom: Int32Array,
  order: Uint32Array,
  pool?: BufferPool,
): SizeArray {
  const narrow = shallow.total !== undefined && shallow.total < 2 ** 32;
  const retained: SizeArray = narrow ? (pool ? pool.takeU32(nodeCount, true) : new Uint32Array(nodeCount)) : new Float64Array(nodeCount);
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    retained[v] = shallow.sizeOf(v);
  }
  for (let i = order.length - 1; i >= 1; i--) {
    const v = order[i];
    retained[idom[v]] += retained[v];
  }
  return retained;
}

/**
 * The dominator tree as CSR: the children of `v` are `children[childStart[v] .. childStart[v + 1])`,
 * biggest retained size first (ties in DFS preorder), and idom is the parent link. The same two
 * arrays serve the report's walks, the kept heap model and its paged `children` query, and cost
 * what the earlier first-child / next-sibling links did (two words per node).
 */
export interface DominatorTree {
  childStart: Uint32Array;
  children: Uint32Array;
  /** idom: the parent link (the root maps to itself, unreachable nodes to -1). */
  parent: Int32Array;
}

export function buildDominatorTree(nodeCount: number, idom: Int32Array, order: Uint32Array, pool?: BufferPool, retained?: SizeArray): DominatorTree {
  const childStart = pool ? pool.takeU32(nodeCount + 1, true) : new Uint32Array(nodeCount + 1);
  const children = pool ? pool.takeU32(Math.max(0, order.length - 1)) : new Uint32Array(Math.max(0, order.length - 1));
  // Counts, then inclusive prefix sums (the end of each range), then filled from the back in reverse
  // preorder so that each range ends up in preorder and childStart[v] at its beginning.
  for (let i = 1; i < order.length; i++) childStart[idom[order[i]]]++;
  for (let v = 1; v <= nodeCount; v++) childStart[v] += childStart[v - 1];
  for (let i = order.length - 1; i >= 1; i--) {
    const v = order[i];
    children[--childStart[idom[v]]] = v;
  }
  if (retained) sortChildren(childStart, children, nodeCount, retained, pool);
  return { childStart, children, parent: idom };
}

/**
 * Each node's children by retained size, biggest first; stable, so equal sizes keep preorder.
 * Small ranges (nearly all) by insertion sort; big ones (a collection's backing array: 1.5 M
 * children) by a bottom-up merge sort through one typed scratch array (from the pool when given),
 * so no JS array of millions of numbers is made.
 */
function sortChildren(childStart: Uint32Array, children: Uint32Array, nodeCount: number, retained: SizeArray, pool?: BufferPool): void {
  let scratch: Uint32Array | null = null;
  for (let v = 0; v < nodeCount; v++) {
    const a = childStart[v];
    const b = childStart[v + 1];
    const k = b - a;
    if (k < 2) continue;
    if (k <= 32) {
      for (let i = a + 1; i < b; i++) {
        const x = children[i];
        const rx = retained[x];
        let j = i - 1;
        while (j >= a && retained[children[j]] < rx) {
          children[j + 1] = children[j];
          j--;
        }
        children[j + 1] = x;
      }
      continue;
    }
    if (!scratch || scratch.length < k) {
      if (scratch) pool?.give(scratch);
      scratch = pool ? pool.takeU32(k) : new Uint32Array(k);
    }
    mergeSortDesc(children, a, k, scratch, retained);
  }
  if (scratch) pool?.give(scratch);
}

function mergeSortDesc(arr: Uint32Array, base: number, k: number, scratch: Uint32Array, retained: SizeArray): void {
  // Runs of 32 by insertion sort, then merges of doubling width, alternating between arr and scratch.
  const RUN = 32;
  for (let s = 0; s < k; s += RUN) {
    const e = Math.min(k, s + RUN);
    for (let i = base + s + 1; i < base + e; i++) {
      const x = arr[i];
      const rx = retained[x];
      let j = i - 1;
      while (j >= base + s && retained[arr[j]] < rx) {
        arr[j + 1] = arr[j];
        j--;
      }
      arr[j + 1] = x;
    }
  }
  let src: Uint32Array = arr;
  let srcBase = base;
  let dst: Uint32Array = scratch;
  let dstBase = 0;
  for (let width = RUN; width < k; width *= 2) {
    for (let lo = 0; lo < k; lo += 2 * width) {
      const mid = Math.min(k, lo + width);
      const hi = Math.min(k, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        // Take from the right run only when strictly bigger: stable.
        if (retained[src[srcBase + j]] > retained[src[srcBase + i]]) dst[dstBase + o++] = src[srcBase + j++];
        else dst[dstBase + o++] = src[srcBase + i++];
      }
      while (i < mid) dst[dstBase + o++] = src[srcBase + i++];
      while (j < hi) dst[dstBase + o++] = src[srcBase + j++];
    }
    const t = src;
    src = dst;
    dst = t;
    const tb = srcBase;
    srcBase = dstBase;
    dstBase = tb;
  }
  if (src !== arr) arr.set(src.subarray(srcBase, srcBase + k), base);
}

/** Number of immediate children of `v` in the dominator tree. */
export function childCount(tree: DominatorTree, v: number): number {
  return tree.childStart[v + 1] - tree.childStart[v];
}

/**
 * Retained bytes per class, MAT's definition: the retained sizes of a class's instances summed over
 * those with no instance of the same class above them in the dominator tree (so nested instances —
 * a linked list's nodes — are not counted twice). One iterative depth-first walk; the stack holds a
 * cursor into `children` per level (as deep as the tree: a linked list of a million nodes is 4 MB).
 */
export function retainedByClass(
  tree: DominatorTree,
  root: number,
  objectClass: Uint16Array | Uint32Array,
  classCount: number,
  retained: SizeArray,
): Float64Array {
  const out = new Float64Array(classCount);
  const active = new Uint32Array(classCount);
  const n = objectClass.length;
  const { childStart, children } = tree;
  let cursor = new Uint32Array(1024);
  let node = new Uint32Array(1024);
  let depth = 0;
  node[0] = root;
  cursor[0] = childStart[root];
  while (depth >= 0) {
    const p = node[depth];
    if (cursor[depth] < childStart[p + 1]) {
      const v = children[cursor[depth]++];
      if (v < n) {
        const k = objectClass[v];
        if (active[k] === 0) out[k] += retained[v];
        active[k]++;
      }
      if (++depth === cursor.length) {
        const c2 = new Uint32Array(cursor.length * 2);
        c2.set(cursor);
        cursor = c2;
        const n2 = new Uint32Array(node.length * 2);
        n2.set(node);
        node = n2;
      }
      node[depth] = v;
      cursor[depth] = childStart[v];
    } else {
      if (p < n && depth > 0) active[objectClass[p]]--;
      depth--;
    }
  }
  return out;
}
