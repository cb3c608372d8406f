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
 * in ordinal (dump) order — except that a node with more than SORTED_ABOVE children (a collection's backing
 * array: 1.5 M) has them biggest retained size first (ties in dump order), so a paged `children` query
 * needs no sort of millions; a short range is sorted when read (`sortedChildren`). Sorting every
 * range at build time cost ~5 % of a first run in random reads of `retained`. idom is the parent
 * link. The same two arrays serve the report's walks, the kept heap model and its queries, and cost
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
  // Counts, then inclusive prefix sums (the end of each range), then filled from the back so that
  // each range ends up in ordinal (dump) order and childStart[v] at its beginning. Walking the
  // ordinals rather than `order` reads idom sequentially: a third of the time of a walk in preorder.
  const root = order.length > 0 ? order[0] : -1;
  for (let v = 0; v < nodeCount; v++) {
    const d = idom[v];
    if (d >= 0 && v !== root) childStart[d]++;
  }
  for (let v = 1; v <= nodeCount; v++) childStart[v] += childStart[v - 1];
  for (let v = nodeCount - 1; v >= 0; v--) {
    const d = idom[v];
    if (d >= 0 && v !== root) children[--childStart[d]] = v;
  }
  const tree = { childStart, children, parent: idom };
  if (retained) sortLongChildRanges(tree, retained, pool);
  return tree;
}

/**
 * Sorts the ranges of more than SORTED_ABOVE children by retained size (see DominatorTree). Walk the
 * whole tree (retainedByClass) before: in dump order the walk reads memory nearly in sequence, in
 * retained order 3× slower.
 */
export function sortLongChildRanges(tree: DominatorTree, retained: SizeArray, pool?: BufferPool): void {
  sortChildren(tree.childStart, tree.children, tree.childStart.length - 1, retained, pool);
}

/** Ranges longer than this are sorted (biggest retained first) when the tree is built. */
export const SORTED_ABOVE = 32;

/** The children of `v`, biggest retained first (ties in dump order): the kept order or a sorted copy. */
export function sortedChildren(tree: DominatorTree, retained: SizeArray, v: number): Uint32Array {
  const range = tree.children.subarray(tree.childStart[v], tree.childStart[v + 1]);
  if (range.length > SORTED_ABOVE || range.length < 2) return range;
  const copy = range.slice();
  insertionSortDesc(copy, 0, copy.length, retained);
  return copy;
}

function insertionSortDesc(arr: Uint32Array, a: number, b: number, retained: SizeArray): void {
  for (let i = a + 1; i < b; i++) {
    const x = arr[i];
    const rx = retained[x];
    let j = i - 1;
    while (j >= a && retained[arr[j]] < rx) {
      arr[j + 1] = arr[j];
      j--;
    }
    arr[j + 1] = x;
  }
}

/**
 * The long child ranges by retained size, biggest first; stable, so equal sizes keep dump order: a
 * bottom-up merge sort through one typed scratch array (from the pool when given), so no JS array
 * of millions of numbers is made.
 */
function sortChildren(childStart: Uint32Array, children: Uint32Array, nodeCount: number, retained: SizeArray, pool?: BufferPool): void {
  // Scratch: the ordinals' other half and the sizes read once into two key arrays, so the merges
  // run over sequential memory instead of one random read of `retained` per comparison.
  let vals: Uint32Array | null = null;
  let keys: Float64Array | null = null;
  for (let v = 0; v < nodeCount; v++) {
    const a = childStart[v];
    const k = childStart[v + 1] - a;
    if (k <= SORTED_ABOVE) continue;
    if (!vals || vals.length < k) {
      if (vals) pool?.give(vals);
      if (keys) pool?.give(keys);
      vals = pool ? pool.takeU32(k) : new Uint32Array(k);
      const kb = pool ? pool.takeU32(4 * k) : new Uint32Array(4 * k);
      keys = new Float64Array(kb.buffer, kb.byteOffset, 2 * k);
    }
    mergeSortDesc(children, a, k, vals, keys!, retained);
  }
  if (vals) pool?.give(vals);
  if (keys) pool?.give(keys);
}

function mergeSortDesc(arr: Uint32Array, base: number, k: number, scratch: Uint32Array, keys: Float64Array, retained: SizeArray): void {
  // Runs of 32 by insertion sort, then merges of doubling width, alternating between the halves.
  let srcV: Uint32Array = arr.subarray(base, base + k);
  let srcK = keys.subarray(0, k);
  let dstV: Uint32Array = scratch.subarray(0, k);
  let dstK = keys.subarray(k, 2 * k);
  for (let i = 0; i < k; i++) srcK[i] = retained[srcV[i]];
  const RUN = 32;
  for (let s = 0; s < k; s += RUN) {
    const e = Math.min(k, s + RUN);
    for (let i = s + 1; i < e; i++) {
      const x = srcV[i];
      const rx = srcK[i];
      let j = i - 1;
      while (j >= s && srcK[j] < rx) {
        srcV[j + 1] = srcV[j];
        srcK[j + 1] = srcK[j];
        j--;
      }
      srcV[j + 1] = x;
      srcK[j + 1] = rx;
    }
  }
  for (let width = RUN; width < k; width *= 2) {
    for (let lo = 0; lo < k; lo += 2 * width) {
      const mid = Math.min(k, lo + width);
      const hi = Math.min(k, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        // Take from the right run only when strictly bigger: stable.
        if (srcK[j] > srcK[i]) {
          dstK[o] = srcK[j];
          dstV[o++] = srcV[j++];
        } else {
          dstK[o] = srcK[i];
          dstV[o++] = srcV[i++];
        }
      }
      while (i < mid) {
        dstK[o] = srcK[i];
        dstV[o++] = srcV[i++];
      }
      while (j < hi) {
        dstK[o] = srcK[j];
        dstV[o++] = srcV[j++];
      }
    }
    [srcV, dstV] = [dstV, srcV];
    [srcK, dstK] = [dstK, srcK];
  }
  if (srcV.buffer !== arr.buffer || srcV.byteOffset !== arr.byteOffset + base * 4) arr.set(srcV, base);
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
