// Leak suspects in the manner of Eclipse MAT's "Leak Suspects" report (FindLeaksQuery): among the
// top of the dominator tree (objects whose immediate dominator is the virtual root), a single object
// retaining more than `threshold` of the reachable heap is a suspect; so is a class whose top-level
// instances together retain more than that. For each, the accumulation point is found by walking
// down the biggest dominator-tree child while it keeps most (80 %) of its parent's retained size:
// where the walk stops, memory is spread over many small children (the collection's backing array).
//
// Containers: a class loader dominates every class it defined (it holds them in its `classes` list,
// ClassLoader.java) and so every static field of those classes; a ThreadGroup dominates its threads.
// Reporting "AppClassLoader retains 82 %" names no culprit, so a container over the threshold is
// replaced by the objects below it that are themselves over the threshold (usually one class object
// whose static field holds the leak), as MAT does ("class X loaded by Y occupies …"); the container
// stays a suspect only when nothing below it is big enough on its own (a leaked loader whose memory
// is spread over its classes), or when what remains after the promoted children still is.

import type { ClassIndexArray } from '../hprof/heap-index.js';
import { childCount, type DominatorTree, type SizeArray } from '../graph/retained.js';

export interface SuspectCandidate {
  /** Ordinal of the suspect object (for a group: its biggest instance). */
  ordinal: number;
  classIndex: number;
  instances: number;
  retainedBytes: number;
  accumulation: number;
  accumulationChildren: number;
  /** The first node below the suspect on the walk to the accumulation point (-1 if none): for a
   *  class object, the value of the static field that holds the memory. */
  via: number;
  /** The container (class loader, thread group) the suspect was found below, or -1. */
  container: number;
  /** At the accumulation point, the class whose dominated children hold the most (when ≥ 2 of them). */
  spread?: { classIndex: number; count: number; bytes: number; example: number };
}

const KEEP_RATIO = 0.8;

export function findAccumulationPoint(tree: DominatorTree, retained: SizeArray, start: number, objectClass?: ClassIndexArray): { node: number; children: number; via: number } {
  let cur = start;
  let via = -1;
  for (let guard = 0; guard < 100000; guard++) {
    let best = -1;
    for (let i = tree.childStart[cur], end = tree.childStart[cur + 1]; i < end; i++) {
      const c = tree.children[i];
      if (best < 0 || retained[c] > retained[best]) best = c;
    }
    if (best < 0 || retained[best] < KEEP_RATIO * retained[cur]) break;
    // A linked structure (a node holding the next node of its own class): its first node is the
    // accumulation point, not the 100 000th.
    if (objectClass && cur < objectClass.length && best < objectClass.length && objectClass[cur] === objectClass[best]) break;
    cur = best;
    if (via < 0) via = best;
  }
  return { node: cur, children: childCount(tree, cur), via };
}

/** The class whose instances among `node`'s dominator-tree children retain the most together. */
export function biggestChildGroup(tree: DominatorTree, retained: SizeArray, node: number, objectClass: ClassIndexArray): SuspectCandidate['spread'] {
  const groups = new Map<number, { count: number; bytes: number; example: number }>();
  for (let i = tree.childStart[node], end = tree.childStart[node + 1]; i < end; i++) {
    const c = tree.children[i];
    if (c >= objectClass.length) continue;
    const k = objectClass[c];
    const g = groups.get(k);
    if (!g) groups.set(k, { count: 1, bytes: retained[c], example: c });
    else {
      g.count++;
      g.bytes += retained[c];
      if (retained[c] > retained[g.example]) g.example = c;
    }
  }
  let best: SuspectCandidate['spread'];
  for (const [classIndex, g] of groups) if (g.count >= 2 && (!best || g.bytes > best.bytes)) best = { classIndex, ...g };
  return best;
}

export function findLeakSuspects(
  tree: DominatorTree,
  root: number,
  retained: SizeArray,
  objectClass: ClassIndexArray,
  threshold = 0.1,
  classClassIndex = 0,
  isContainer: (ordinal: number) => boolean = () => false,
): SuspectCandidate[] {
  const total = retained[root];
  if (total <= 0) return [];
  const limit = threshold * total;
  const out: SuspectCandidate[] = [];
  const single = (v: number, container: number) => {
    const acc = findAccumulationPoint(tree, retained, v, objectClass);
    const spread = acc.children >= 2 ? biggestChildGroup(tree, retained, acc.node, objectClass) : undefined;
    out.push({ ordinal: v, classIndex: objectClass[v], instances: 1, retainedBytes: retained[v], accumulation: acc.node, accumulationChildren: acc.children, via: acc.via, container, spread });
  };
  // A container is searched below for the nearest class objects and nested containers over the
  // threshold, through whatever bookkeeping lies between (the loader's `classes` ArrayList and its
  // Object[]); explicit work lists, never recursion, and a bounded number of visits.
  const expand = (start: number) => {
    const containers: Array<[number, number]> = [[start, -1]];
    for (let guard = 0; containers.length > 0 && guard < 1000; guard++) {
      const [v, parent] = containers.pop()!;
      let promoted = 0;
      const below: number[] = [];
      for (let i = tree.childStart[v], end = tree.childStart[v + 1]; i < end; i++) below.push(tree.children[i]);
      for (let visits = 0; below.length > 0 && visits < 5000; visits++) {
        const c = below.pop()!;
        if (c >= objectClass.length || retained[c] <= limit) continue;
        if (isContainer(c)) {
          promoted += retained[c];
          containers.push([c, v]);
        } else if (objectClass[c] === classClassIndex) {
          promoted += retained[c];
          single(c, v);
        } else for (let i = tree.childStart[c], end = tree.childStart[c + 1]; i < end; i++) below.push(tree.children[i]);
      }
      if (promoted === 0 || retained[v] - promoted > limit) single(v, parent);
    }
  };
  const byClass = new Map<number, { sum: number; count: number; biggest: number }>();
  for (let i = tree.childStart[root], end = tree.childStart[root + 1]; i < end; i++) {
    const v = tree.children[i];
    if (v >= objectClass.length) continue;
    const r = retained[v];
    if (r > limit) {
      if (isContainer(v)) expand(v);
      else single(v, -1);
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
    const spread = acc.children >= 2 ? biggestChildGroup(tree, retained, acc.node, objectClass) : undefined;
    out.push({ ordinal: g.biggest, classIndex: k, instances: g.count, retainedBytes: g.sum, accumulation: acc.node, accumulationChildren: acc.children, via: acc.via, container: -1, spread });
  }
  return out.sort((a, b) => b.retainedBytes - a.retainedBytes);
}
