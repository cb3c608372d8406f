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
 * The dominator tree as first-child / next-sibling links (-1 = none) plus the idom array as the
 * parent link: two arrays, and walks need neither a stack nor a cursor per level.
 * Children are listed in DFS preorder.
 */
export interface DominatorTree {
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** idom: the parent link (the root maps to itself, unreachable nodes to -1). */
  parent: Int32Array;
}

export function buildDominatorTree(nodeCount: number, idom: Int32Array, order: Uint32Array, pool?: BufferPool): DominatorTree {
  const firstChild = pool ? pool.takeI32(nodeCount) : new Int32Array(nodeCount);
  const nextSibling = pool ? pool.takeI32(nodeCount) : new Int32Array(nodeCount);
  firstChild.fill(-1);
  nextSibling.fill(-1);
  for (let i = order.length - 1; i >= 1; i--) {
    const v = order[i];
    const d = idom[v];
    nextSibling[v] = firstChild[d];
    firstChild[d] = v;
  }
  return { firstChild, nextSibling, parent: idom };
}

/** Number of immediate children of `v` in the dominator tree. */
export function childCount(tree: DominatorTree, v: number): number {
  let c = 0;
  for (let w = tree.firstChild[v]; w >= 0; w = tree.nextSibling[w]) c++;
  return c;
}

/**
 * Retained bytes per class, MAT's definition: the retained sizes of a class's instances summed over
 * those with no instance of the same class above them in the dominator tree (so nested instances —
 * a linked list's nodes — are not counted twice). One iterative walk of the tree (down by first
 * child, across by next sibling, up by idom).
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
  const { firstChild, nextSibling, parent } = tree;
  let v = firstChild[root];
  while (v >= 0) {
    if (v < n) {
      const k = objectClass[v];
      if (active[k] === 0) out[k] += retained[v];
      active[k]++;
    }
    if (firstChild[v] >= 0) {
      v = firstChild[v];
      continue;
    }
    // Leave v and every ancestor that has no next sibling.
    for (;;) {
      if (v < n) active[objectClass[v]]--;
      const s = nextSibling[v];
      if (s >= 0) {
        v = s;
        break;
      }
      v = parent[v];
      if (v === root || v < 0) {
        v = -1;
        break;
      }
    }
  }
  return out;
}
