// Test-only: build a CSR graph from an edge list ("a tiny named graph"), as the tests of
// dominators/retained sizes need.

export interface TestGraph {
  nodeCount: number;
  firstEdge: Uint32Array;
  edgeTarget: Uint32Array;
}

export function graphFromEdges(nodeCount: number, edges: [number, number][]): TestGraph {
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (const [a] of edges) firstEdge[a + 1]++;
  for (let v = 0; v < nodeCount; v++) firstEdge[v + 1] += firstEdge[v];
  const fill = firstEdge.slice(0, nodeCount);
  const edgeTarget = new Uint32Array(edges.length);
  for (const [a, b] of edges) edgeTarget[fill[a]++] = b;
  return { nodeCount, firstEdge, edgeTarget };
}

/** Nodes reachable from `root` when `removed` is deleted (plain BFS, the definition of dominance). */
export function reachableWithout(g: TestGraph, root: number, removed: number): Uint8Array {
  const seen = new Uint8Array(g.nodeCount);
  if (root === removed) return seen;
  const queue = [root];
  seen[root] = 1;
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (let e = g.firstEdge[v]; e < g.firstEdge[v + 1]; e++) {
      const w = g.edgeTarget[e];
      if (w !== removed && !seen[w]) {
        seen[w] = 1;
        queue.push(w);
      }
    }
  }
  return seen;
}

/** A deterministic pseudo-random generator (tests must be reproducible). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
