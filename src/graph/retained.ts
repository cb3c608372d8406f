// Retained sizes from the dominator tree: an object's retained size is its shallow size plus the
// retained sizes of the objects it immediately dominates. Computed bottom-up in reverse DFS preorder
// (every node's idom precedes it), exact in Float64. Unreachable objects retain nothing and count
// toward no one (MAT's default: they would be collected).

export function computeRetainedSizes(nodeCount: number, shallow: { sizeOf(node: number): number }, idom: Int32Array, order: Uint32Array): Float64Array {
  const retained = new Float64Array(nodeCount);
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

/** Children lists of the dominator tree as CSR (children of node v: childNode[childFirst[v] .. childFirst[v+1])). */
export interface DominatorTree {
  childFirst: Uint32Array;
  childNode: Uint32Array;
}

export function buildDominatorTree(nodeCount: number, idom: Int32Array, order: Uint32Array): DominatorTree {
  const childFirst = new Uint32Array(nodeCount + 1);
  for (let i = 1; i < order.length; i++) childFirst[idom[order[i]] + 1]++;
  for (let v = 0; v < nodeCount; v++) childFirst[v + 1] += childFirst[v];
  const fill = childFirst.slice(0, nodeCount);
  const childNode = new Uint32Array(Math.max(0, order.length - 1));
  for (let i = 1; i < order.length; i++) {
    const v = order[i];
    childNode[fill[idom[v]]++] = v;
  }
  return { childFirst, childNode };
}

/**
 * Retained bytes per class, MAT's definition: the retained sizes of a class's instances summed over
 * those with no instance of the same class above them in the dominator tree (so nested instances —
 * a linked list's nodes — are not counted twice). One iterative walk of the tree.
 */
export function retainedByClass(
  tree: DominatorTree,
  root: number,
  objectClass: Uint32Array,
  classCount: number,
  retained: Float64Array,
): Float64Array {
  const out = new Float64Array(classCount);
  const active = new Uint32Array(classCount);
  const n = objectClass.length;
  const stackNode = new Uint32Array(tree.childNode.length + 1);
  const stackCursor = new Uint32Array(tree.childNode.length + 1);
  let sp = 0;
  stackNode[0] = root;
  stackCursor[0] = tree.childFirst[root];
  sp = 1;
  const { childFirst, childNode } = tree;
  while (sp > 0) {
    const v = stackNode[sp - 1];
    const c = stackCursor[sp - 1];
    if (c < childFirst[v + 1]) {
      stackCursor[sp - 1] = c + 1;
      const w = childNode[c];
      if (w < n) {
        const k = objectClass[w];
        if (active[k] === 0) out[k] += retained[w];
        active[k]++;
      }
      stackNode[sp] = w;
      stackCursor[sp] = childFirst[w];
      sp++;
    } else {
      if (v < n && v !== root) active[objectClass[v]]--;
      sp--;
    }
  }
  return out;
}
