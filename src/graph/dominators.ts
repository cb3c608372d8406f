// Immediate dominators over a CSR graph from one root, with the semi-NCA algorithm:
//   1. iterative DFS numbering (preorder) and DFS-tree parents;
//   2. semidominators in reverse preorder with Lengauer–Tarjan's link/eval (path compression,
//      done with an explicit stack);
//   3. idom(w) = nearest common ancestor of parent(w) and semi(w) in the tree built so far
//      (walk up from parent(w) while above semi(w)).
// References: Lengauer & Tarjan, "A fast algorithm for finding dominators in a flowgraph" (TOPLAS
// 1979); Georgiadis, "Linear-Time Algorithms for Dominators and Related Problems" (PhD thesis,
// Princeton 2005), SNCA. No recursion anywhere: heap graphs have chains of millions of nodes.

export interface DominatorResult {
  /** Node → immediate dominator node; the root maps to itself; -1 for nodes not reachable from the root. */
  idom: Int32Array;
  /** Reachable nodes in DFS preorder (order[0] = root). Parents come before children. */
  order: Uint32Array;
}

export interface ForwardGraph {
  firstEdge: Uint32Array | null;
  edgeTarget: Uint32Array | null;
}

/**
 * `graph`'s arrays are only read until the predecessor lists exist; with `release` the function then
 * drops them (sets the fields to null) so their memory can be reclaimed during the rest of the work.
 */
export function computeDominators(nodeCount: number, root: number, graph: ForwardGraph, release = false): DominatorResult {
  // --- 1. DFS preorder (numbers start at 1; 0 = not visited) ---
  let pre: Uint32Array | null = new Uint32Array(nodeCount);
  const vertex = new Uint32Array(nodeCount + 1);
  const parent = new Uint32Array(nodeCount + 1);
  // The DFS stacks are reused afterwards as `semi` and `ancestor` (one allocation less of each).
  const stackNode = new Uint32Array(nodeCount + 1);
  const stackCursor = new Uint32Array(nodeCount + 1);
  let R = 0;
  let predFirst: Uint32Array;
  let predSrc: Uint32Array;
  {
  // The forward arrays are block-scoped so nothing holds them once `release` drops the graph's.
  const firstEdge = graph.firstEdge!;
  const edgeTarget = graph.edgeTarget!;
  {
    let sp = 0;
    let k = 1;
    pre![root] = 1;
    vertex[1] = root;
    stackNode[0] = root;
    stackCursor[0] = firstEdge[root];
    sp = 1;
    while (sp > 0) {
      const v = stackNode[sp - 1];
      const c = stackCursor[sp - 1];
      if (c < firstEdge[v + 1]) {
        stackCursor[sp - 1] = c + 1;
        const w = edgeTarget[c];
        if (pre![w] === 0) {
          k++;
          pre![w] = k;
          vertex[k] = w;
          parent[k] = pre![v];
          stackNode[sp] = w;
          stackCursor[sp] = firstEdge[w];
          sp++;
        }
      } else sp--;
    }
    R = k;
  }

  // --- predecessors in preorder numbering, by counting sort ---
  predFirst = new Uint32Array(R + 2);
  for (let k = 1; k <= R; k++) {
    const v = vertex[k];
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      const w = pre![edgeTarget[e]];
      if (w !== 0) predFirst[w + 1]++;
    }
  }
  for (let k = 1; k <= R; k++) predFirst[k + 1] += predFirst[k];
  predSrc = new Uint32Array(predFirst[R + 1]);
  {
    const fill = predFirst.slice(0, R + 1);
    for (let k = 1; k <= R; k++) {
      const v = vertex[k];
      for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
        const w = pre![edgeTarget[e]];
        if (w !== 0) predSrc[fill[w]++] = k;
      }
    }
  }
  pre = null;
  if (release) {
    graph.firstEdge = null;
    graph.edgeTarget = null;
  }
  }

  // --- 2. semidominators (all arrays indexed by preorder number) ---
  const semi = stackNode;
  const label = new Uint32Array(R + 1);
  const ancestor = stackCursor.fill(0);
  // Path-compression stack: as deep as the longest uncompressed forest path, grown on demand.
  let stack = new Uint32Array(1 << 16);
  for (let k = 1; k <= R; k++) {
    semi[k] = k;
    label[k] = k;
  }
  for (let w = R; w >= 2; w--) {
    let s = semi[w];
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

  const idom = new Int32Array(nodeCount).fill(-1);
  const order = new Uint32Array(R);
  for (let k = 1; k <= R; k++) {
    const v = vertex[k];
    idom[v] = vertex[idomPre[k]];
    order[k - 1] = v;
  }
  return { idom, order };
}
