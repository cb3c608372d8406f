// Pure queries over a HeapModel (model.ts): which objects a report shows, paths from the GC roots,
// dominator-tree children, id ↔ ordinal. No wording here (wording.ts) and no I/O.

import { CLASS_CLASS_INDEX, type HeapIndex } from '../hprof/heap-index.js';
import { pathFromRoot } from '../graph/paths.js';
import { sortedChildren } from '../graph/retained.js';
import { buildHistogram } from './histogram.js';
import { subclassesOf, WEBAPP_LOADER_BASE } from './class-loaders.js';
import { findLeakSuspects, type SuspectCandidate } from './suspects.js';
import { objectClassName, type HeapModel } from './model.js';
import type { HistogramRow } from '../model/heap-report.js';

/** Class loaders other than Tomcat's webapp loaders listed in `classLoaders` (the biggest). */
const OTHER_LOADERS = 10;
const DOMINATED_SHARE = 0.9;

export function histogram(m: HeapModel): HistogramRow[] {
  return buildHistogram(m.index, m.shallow, m.classRetained);
}

/**
 * Biggest objects by retained size, with chains collapsed: an object that carries ≥ 90 % of its
 * immediate dominator's retained size adds nothing its dominator does not already show (otherwise
 * a linked list or HashMap → table → array fills the whole list with the same memory).
 */
export function topDominators(m: HeapModel, top: number): number[] {
  const out: number[] = [];
  if (top <= 0) return out;
  const { retained, idom, superRoot, n } = m;
  let floor = -1;
  for (let v = 0; v < n; v++) {
    const d = idom[v];
    if (d < 0) continue;
    const r = retained[v];
    if (out.length >= top && r <= floor) continue;
    if (d !== superRoot && r >= DOMINATED_SHARE * retained[d]) continue;
    let j = out.length;
    while (j > 0 && retained[out[j - 1]] < r) j--;
    out.splice(j, 0, v);
    if (out.length > top) out.pop();
    floor = retained[out[out.length - 1]];
  }
  return out;
}

export function leakSuspects(m: HeapModel, threshold = 0.1): SuspectCandidate[] {
  const containerClass = containerClasses(m.index);
  return findLeakSuspects(m.tree, m.superRoot, m.retained, m.index.objectClass, threshold, CLASS_CLASS_INDEX, (o) => containerClass[m.index.objectClass[o]] === 1);
}

/** Every reachable Tomcat webapp loader, and the biggest other loaders that defined classes, by retained size. */
export function classLoaderOrdinals(m: HeapModel): { webappLoaders: number[]; loaders: number[]; webappClass: Uint8Array } {
  const { index, idom, retained, n } = m;
  const webappClass = subclassesOf(index, WEBAPP_LOADER_BASE);
  const webappLoaders: number[] = [];
  if (webappClass.some((x) => x === 1)) for (let o = 0; o < n; o++) if (webappClass[index.objectClass[o]] === 1 && idom[o] >= 0) webappLoaders.push(o);
  const others = [...m.definedClasses.keys()]
    .filter((o) => webappClass[index.objectClass[o]] !== 1 && idom[o] >= 0)
    .sort((a, b) => retained[b] - retained[a])
    .slice(0, OTHER_LOADERS);
  return { webappLoaders, loaders: [...webappLoaders, ...others].sort((a, b) => retained[b] - retained[a]), webappClass };
}

/** Ordinals from a GC root down to `o` (super-root excluded); [] when unreachable. */
export function pathTo(m: HeapModel, o: number): number[] {
  return o >= 0 && o < m.n ? pathFromRoot(m.parents, m.superRoot, o) : [];
}

/** An object id as the CLI takes it: 0x… or decimal. */
export function parseObjectId(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}

export function hexId(id: number): string {
  return '0x' + id.toString(16);
}

/** The ordinal of an object id, or −1 when no object has it. */
export function ordinalOfId(m: HeapModel, id: number): number {
  const ci = m.index.classIdToIndex.get(id);
  if (ci !== undefined) {
    // Class mirrors come first (class dumps), where the id replay does not hold.
    for (let o = 0; o < m.n && m.index.objectClass[o] === CLASS_CLASS_INDEX; o++) if (m.index.objectAux[o] === ci + 1) return o;
  }
  const ids = m.index.objectIds as { ordinalOf?(id: number): number } & HeapIndex['objectIds'];
  if (ids.ordinalOf) return ids.ordinalOf(id);
  for (let o = 0; o < m.n; o++) if (ids.idOf(o) === id) return o;
  return -1;
}

export interface ChildRow {
  objectId: string;
  className: string;
  shallowBytes: number;
  retainedBytes: number;
  /** Of the reachable heap. */
  percentOfHeap: number;
  /** Its own dominator-tree children (0 = a leaf). */
  children: number;
}

export interface ChildrenPage {
  /** The node asked for: 'root' for the super-root (the GC roots' side of the tree). */
  objectId: string;
  className: string;
  retainedBytes: number;
  /** All its children (rows hold one page of them). */
  total: number;
  offset: number;
  limit: number;
  rows: ChildRow[];
}

/** Immediate dominator-tree children of `node` (an ordinal, or the super-root), biggest retained first (ties in dump order), one page. */
export function children(m: HeapModel, node: number, page: { offset?: number; limit?: number } = {}): ChildrenPage {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.max(0, Math.floor(page.limit ?? 50));
  const { childStart } = m.tree;
  const kids = sortedChildren(m.tree, m.retained, node);
  const total = kids.length;
  const heap = m.retained[m.superRoot];
  const rows: ChildRow[] = [];
  for (let i = offset; i < total && rows.length < limit; i++) {
    const c = kids[i];
    rows.push({
      objectId: hexId(m.index.objectIds.idOf(c)),
      className: objectClassName(m.index, c),
      shallowBytes: m.shallow.sizeOf(c),
      retainedBytes: m.retained[c],
      percentOfHeap: heap > 0 ? Math.round((10000 * m.retained[c]) / heap) / 100 : 0,
      children: childStart[c + 1] - childStart[c],
    });
  }
  const isRoot = node === m.superRoot;
  return {
    objectId: isRoot ? 'root' : hexId(m.index.objectIds.idOf(node)),
    className: isRoot ? '<GC roots>' : objectClassName(m.index, node),
    retainedBytes: m.retained[node],
    total, offset, limit, rows,
  };
}

/**
 * Classes whose instances are containers for leak suspects (see suspects.ts): subclasses of
 * java.lang.ClassLoader (they hold their classes, hence all their statics) and of java.lang.ThreadGroup.
 */
function containerClasses(index: HeapIndex): Uint8Array {
  const out = new Uint8Array(index.classes.length);
  const roots = new Set(['java/lang/ClassLoader', 'java/lang/ThreadGroup']);
  for (let ci = 0; ci < index.classes.length; ci++) {
    for (let c = ci, guard = 0; c >= 0 && guard < 1000; c = index.classes[c].superIndex, guard++) {
      if (roots.has(index.classes[c].jvmName)) {
        out[ci] = 1;
        break;
      }
    }
  }
  return out;
}
