// Leak suspects in the manner of Eclipse MAT's "Leak Suspects" report (FindLeaksQuery): among the
// top of the dominator tree (objects whose immediate dominator is the virtual root), a single object
// retaining more than `threshold` of the reachable heap is a suspect; so is a class whose top-level
// instances together retain more than that. For each, the accumulation point is found by walking
// down the biggest dominator-tree child while it keeps most (80 %) of its parent's retained size:
// where the walk stops, memory is spread over many small children (the collection's backing array).

import type { DominatorTree } from '../graph/retained.js';

export interface SuspectCandidate {
  /** Ordinal of the suspect object (for a group: its biggest instance). */
  ordinal: number;
  classIndex: number;
  instances: number;
  retainedBytes: number;
  accumulation: number;
  accumulationChildren: number;
}

const KEEP_RATIO = 0.8;

export function findAccumulationPoint(tree: DominatorTree, retained: Float64Array, start: number, objectClass?: Uint32Array): { node: number; children: number } {
  let cur = start;
  for (let guard = 0; guard < 100000; guard++) {
    let best = -1;
    for (let e = tree.childFirst[cur], end = tree.childFirst[cur + 1]; e < end; e++) {
      const c = tree.childNode[e];
      if (best < 0 || retained[c] > retained[best]) best = c;
    }
    if (best < 0 || retained[best] < KEEP_RATIO * retained[cur]) break;
    // A linked structure (a node holding the next node of its own class): its first node is the
    // accumulation point, not the 100 000th.
    if (objectClass && cur < objectClass.length && best < objectClass.length && objectClass[cur] === objectClass[best]) break;
    cur = best;
  }
  return { node: cur, children: tree.childFirst[cur + 1] - tree.childFirst[cur] };
}

export function findLeakSuspects(
  tree: DominatorTree,
  root: number,
  retained: Float64Array,
  objectClass: Uint32Array,
  threshold = 0.1,
  classClassIndex = 0,
): SuspectCandidate[] {
  const total = retained[root];
  if (total <= 0) return [];
  const limit = threshold * total;
  const out: SuspectCandidate[] = [];
  const byClass = new Map<number, { sum: number; count: number; biggest: number }>();
  for (let e = tree.childFirst[root], end = tree.childFirst[root + 1]; e < end; e++) {
    const v = tree.childNode[e];
    if (v >= objectClass.length) continue;
    const r = retained[v];
    if (r > limit) {
      const acc = findAccumulationPoint(tree, retained, v, objectClass);
      out.push({ ordinal: v, classIndex: objectClass[v], instances: 1, retainedBytes: r, accumulation: acc.node, accumulationChildren: acc.children });
      continue;
    }
    const k = objectClass[v];
    // Class objects are top-level by nature (system classes are roots); grouping them says nothing.
    if (k === classClassIndex) continue;
    const g = byClass.get(k);
    if (!g) byClass.set(k, { sum: r, count: 1, biggest: v });
    else {
      g.sum += r;
      g.count++;
      if (r > retained[g.biggest]) g.biggest = v;
    }
  }
  for (const [k, g] of byClass) {
    if (g.count < 2 || g.sum <= limit) continue;
    const acc = findAccumulationPoint(tree, retained, g.biggest, objectClass);
    out.push({ ordinal: g.biggest, classIndex: k, instances: g.count, retainedBytes: g.sum, accumulation: acc.node, accumulationChildren: acc.children });
  }
  return out.sort((a, b) => b.retainedBytes - a.retainedBytes);
}
