// Shortest paths from the GC roots: one breadth-first search from the super-root over the edges that
// count for paths (graph/edge-semantics.ts): never a Reference.referent, whatever the semantics of
// the dominator tree — as MAT's "path to GC roots excluding weak/soft references". parent[v] is the
// node v was first reached from. Objects that only a referent keeps (reachable under the 'mat'
// semantics alone) then get their path through it, in a second round that starts from the referent
// edges of what the first round reached: a retained object always has a path, strong where one exists.

import type { BufferPool } from './buffer-pool.js';
import { classEdgeOf, type ClassEdges } from './class-edges.js';
import type { ReferentEdges } from './edge-semantics.js';

export function shortestPathParents(
  nodeCount: number,
  root: number,
  firstEdge: Uint32Array,
  edgeTarget: Uint32Array,
  classEdges?: ClassEdges,
  pool?: BufferPool,
  /** Referent edges stored in the graph (skipped here). */
  referents?: ReferentEdges,
  /** Called for each node only a referent reaches (the second round). */
  onReferentOnly?: (v: number) => void,
): Int32Array {
  const parent = new Int32Array(nodeCount).fill(-2);
  // (+ 2: the buffer is reused for per-node arrays with a little more room, see dominators.ts)
  const queue = pool ? pool.takeU32(nodeCount + 2) : new Uint32Array(nodeCount + 2);
  let head = 0;
  let tail = 0;
  parent[root] = -1;
  queue[tail++] = root;
  const visit = (followReferents: boolean) => {
    while (head < tail) {
      const v = queue[head++];
      if (classEdges) {
        const w = classEdgeOf(classEdges, v);
        if (w >= 0 && parent[w] === -2) {
          parent[w] = v;
          queue[tail++] = w;
        }
      }
      let e = firstEdge[v];
      // The one referent a node can have is its first stored edge (edge-semantics.ts).
      if (!followReferents && referents !== undefined && referents.has(v)) e++;
      for (const end = firstEdge[v + 1]; e < end; e++) {
        const w = edgeTarget[e];
        if (parent[w] === -2) {
          parent[w] = v;
          queue[tail++] = w;
        }
      }
    }
  };
  visit(false);
  if (referents !== undefined && referents.count > 0) {
    const reached = tail;
    for (let i = 0; i < reached; i++) {
      const v = queue[i];
      if (!referents.has(v)) continue;
      const w = edgeTarget[firstEdge[v]];
      if (parent[w] === -2) {
        parent[w] = v;
        queue[tail++] = w;
      }
    }
    visit(true);
    if (onReferentOnly) for (let i = reached; i < tail; i++) onReferentOnly(queue[i]);
  }
  pool?.give(queue);
  return parent;
}

/** Node ordinals from a GC root down to `target` (super-root excluded); [] when unreachable. */
export function pathFromRoot(parent: Int32Array, root: number, target: number): number[] {
  if (target < 0 || target >= parent.length || parent[target] === -2) return [];
  const path: number[] = [];
  for (let v = target, guard = 0; v !== root && v >= 0 && guard < parent.length; v = parent[v], guard++) path.push(v);
  return path.reverse();
}
