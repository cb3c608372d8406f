// Shortest paths from the GC roots: one breadth-first search from the super-root over the same
// edges the dominators use (so weak/soft/phantom referents are excluded, as in MAT's
// "path to GC roots excluding weak references"). parent[v] is the node v was first reached from.

export function shortestPathParents(nodeCount: number, root: number, firstEdge: Uint32Array, edgeTarget: Uint32Array): Int32Array {
  const parent = new Int32Array(nodeCount).fill(-2);
  const queue = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  parent[root] = -1;
  queue[tail++] = root;
  while (head < tail) {
    const v = queue[head++];
    for (let e = firstEdge[v], end = firstEdge[v + 1]; e < end; e++) {
      const w = edgeTarget[e];
      if (parent[w] === -2) {
        parent[w] = v;
        queue[tail++] = w;
      }
    }
  }
  return parent;
}

/** Node ordinals from a GC root down to `target` (super-root excluded); [] when unreachable. */
export function pathFromRoot(parent: Int32Array, root: number, target: number): number[] {
  if (target < 0 || target >= parent.length || parent[target] === -2) return [];
  const path: number[] = [];
  for (let v = target, guard = 0; v !== root && v >= 0 && guard < parent.length; v = parent[v], guard++) path.push(v);
  return path.reverse();
}
