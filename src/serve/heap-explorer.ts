// The heap the web UI walks: dominator-tree children on demand (paged, optionally grouped by class,
// class loader or package), the path from the GC roots to any object, class-name search and the
// retained set of a class. Built once per dump from the graph primitives and kept in memory for the
// session (typed arrays only: per object a class index, an id, a retained size, a tree slot).
//
// Bridge: the kept heap model with its binary index beside the dump (branch `heapmodel`:
// HeapModel + queries.children/pathTo) replaces the build here when it is on main; the query
// shapes below follow that module's ChildrenPage so the UI does not change.

import { CLASS_CLASS_INDEX, type HeapIndex } from '../hprof/heap-index.js';
import { ROOT_KIND_NAME } from '../hprof/constants.js';
import { buildHeapIndex } from '../hprof/index-pass.js';
import { buildHeapGraph } from '../graph/edge-pass.js';
import { IdIndex } from '../graph/id-index.js';
import { computeDominators } from '../graph/dominators.js';
import { shortestPathParents, pathFromRoot } from '../graph/paths.js';
import { buildDominatorTree, computeRetainedSizes, retainedByClass, type DominatorTree, type SizeArray } from '../graph/retained.js';

import { computeShallowSizes, detectLayoutMode } from '../heap/shallow-sizes.js';
import { javaClassName } from '../heap/class-names.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';

export type GroupBy = 'none' | 'class' | 'package' | 'loader';

export interface ChildRow {
  objectId: string;
  className: string;
  shallowBytes: number;
  retainedBytes: number;
  percentOfHeap: number;
  /** Its own dominator-tree children (0 = a leaf). */
  children: number;
}

export interface GroupRow {
  /** Class, package or class-loader name. */
  group: string;
  objects: number;
  shallowBytes: number;
  retainedBytes: number;
  percentOfHeap: number;
  /** A few of the group's biggest objects, to drill into. */
  sample: ChildRow[];
}

export interface ChildrenPage {
  objectId: string;
  className: string;
  retainedBytes: number;
  total: number;
  offset: number;
  limit: number;
  rows: ChildRow[];
  groups?: GroupRow[];
}

export interface PathRow {
  objectId: string;
  className: string;
  /** For the first step, the GC root kind; later steps: "references". */
  via: string;
}

export interface ClassMatch {
  className: string;
  instances: number;
  shallowBytes: number;
  retainedBytes: number;
}

export const PAGE = 50;
const MAX_PAGE = 500;
const SAMPLE = 5;

function hexId(id: number): string {
  return '0x' + id.toString(16);
}

export function parseObjectId(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^0x[0-9a-f]{1,16}$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d{1,20}$/.test(t)) return Number(t);
  return undefined;
}

export class HeapExplorer {
  private constructor(
    readonly file: string,
    private readonly index: HeapIndex,
    private readonly ids: IdIndex,
    private readonly shallow: { sizeOf(o: number): number },
    private readonly retained: SizeArray,
    private readonly tree: DominatorTree,
    private readonly parents: Int32Array,
    private readonly superRoot: number,
    private readonly classRetained: Float64Array,
    private readonly rootKindOf: Map<number, string>,
    readonly buildMs: number,
  ) {}

  static async open(file: string, progress: ProgressSink = silentProgress): Promise<HeapExplorer> {
    const t0 = performance.now();
    const index = await buildHeapIndex(file, { progress, phase: 'Indexing heap dump' });
    progress.phase('Computing object sizes');
    const shallow = computeShallowSizes(index, detectLayoutMode(index).mode);
    const ids = new IdIndex(index.objectIds);
    const graph = await buildHeapGraph(file, index, ids, { progress, phase: 'Reading references' });
    progress.phase('Finding paths from GC roots');
    const parents = shortestPathParents(graph.nodeCount, graph.root, graph.firstEdge, graph.edgeTarget, graph.classEdges);
    progress.phase('Computing dominators');
    const dom = computeDominators(graph.nodeCount, graph.root, { firstEdge: graph.firstEdge, edgeTarget: graph.edgeTarget, classEdges: graph.classEdges }, true);
    const retained = computeRetainedSizes(graph.nodeCount, shallow, dom.idom, dom.order);
    // CSR, each node's children biggest retained first (what the UI pages through).
    const tree = buildDominatorTree(graph.nodeCount, dom.idom, dom.order, undefined, retained);
    const classRetained = retainedByClass(tree, graph.root, index.objectClass, index.classes.length, retained);
    // Root kind per rooted object (first seen wins), for the first step of a path.
    const rootKindOf = new Map<number, string>();
    for (let i = 0; i < index.rootKind.length; i++) {
      const o = ids.ordinalOf(index.rootId[i]);
      if (o >= 0 && !rootKindOf.has(o)) rootKindOf.set(o, ROOT_KIND_NAME[index.rootKind[i]] ?? 'GC root');
    }
    progress.done();
    return new HeapExplorer(file, index, ids, shallow, retained, tree, parents, graph.root, classRetained, rootKindOf, performance.now() - t0);
  }

  get reachableBytes(): number {
    return this.retained[this.superRoot];
  }

  private className(o: number): string {
    const ci = this.index.objectClass[o];
    if (ci === CLASS_CLASS_INDEX && this.index.objectAux[o] > 0) return `class ${javaClassName(this.index.classes[this.index.objectAux[o] - 1].jvmName)}`;
    return javaClassName(this.index.classes[ci].jvmName);
  }

  /** 'root' → the super-root; an id → its ordinal; undefined when no object has it. */
  resolve(node: string): number | undefined {
    if (node === 'root') return this.superRoot;
    const id = parseObjectId(node);
    if (id === undefined) return undefined;
    const o = this.ids.ordinalOf(id);
    return o >= 0 ? o : undefined;
  }

  private row(o: number): ChildRow {
    const heap = this.reachableBytes;
    const { childStart } = this.tree;
    return {
      objectId: hexId(this.index.objectIds.idOf(o)),
      className: this.className(o),
      shallowBytes: this.shallow.sizeOf(o),
      retainedBytes: this.retained[o],
      percentOfHeap: heap > 0 ? Math.round((10000 * this.retained[o]) / heap) / 100 : 0,
      children: childStart[o + 1] - childStart[o],
    };
  }

  private groupKey(o: number, by: GroupBy): string {
    const name = this.className(o);
    if (by === 'class') return name;
    if (by === 'package') {
      const n = name.startsWith('class ') ? name.slice(6) : name;
      const dot = n.replace(/\[\]+$/, '').lastIndexOf('.');
      return dot > 0 ? n.slice(0, dot) : '<default package>';
    }
    const ci = this.index.objectClass[o] === CLASS_CLASS_INDEX && this.index.objectAux[o] > 0 ? this.index.objectAux[o] - 1 : this.index.objectClass[o];
    const loader = this.index.classes[ci].loaderId;
    if (loader === 0) return '<bootstrap class loader>';
    const lo = this.ids.ordinalOf(loader);
    return lo >= 0 ? `${this.className(lo)} ${hexId(loader)}` : hexId(loader);
  }

  /** Immediate dominator-tree children of `node`, biggest first; grouped over all of them when asked. */
  children(node: number, opts: { offset?: number; limit?: number; groupBy?: GroupBy } = {}): ChildrenPage {
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(opts.limit ?? PAGE)));
    const { childStart, children: kids } = this.tree;
    const a = childStart[node];
    const b = childStart[node + 1];
    const rows: ChildRow[] = [];
    const by = opts.groupBy ?? 'none';
    const isRoot = node === this.superRoot;
    const page: ChildrenPage = {
      objectId: isRoot ? 'root' : hexId(this.index.objectIds.idOf(node)),
      className: isRoot ? '<GC roots>' : this.className(node),
      retainedBytes: this.retained[node],
      total: b - a,
      offset,
      limit,
      rows,
    };
    if (by === 'none') {
      for (let i = a + offset; i < b && rows.length < limit; i++) rows.push(this.row(kids[i]));
      return page;
    }
    // Children are stored biggest first, so a group's first members are its biggest.
    const groups = new Map<string, { objects: number; shallow: number; retained: number; sample: number[] }>();
    for (let i = a; i < b; i++) {
      const c = kids[i];
      const k = this.groupKey(c, by);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { objects: 0, shallow: 0, retained: 0, sample: [] }));
      g.objects++;
      g.shallow += this.shallow.sizeOf(c);
      g.retained += this.retained[c];
      if (g.sample.length < SAMPLE) g.sample.push(c);
    }
    const heap = this.reachableBytes;
    const all = [...groups.entries()].sort((x, y) => y[1].retained - x[1].retained);
    page.total = all.length;
    page.groups = all.slice(offset, offset + limit).map(([group, g]) => ({
      group,
      objects: g.objects,
      shallowBytes: g.shallow,
      retainedBytes: g.retained,
      percentOfHeap: heap > 0 ? Math.round((10000 * g.retained) / heap) / 100 : 0,
      sample: g.sample.map((o) => this.row(o)),
    }));
    return page;
  }

  /** From a GC root down to `o` over strong references (weak/soft/phantom referents excluded by the graph). */
  path(o: number): PathRow[] {
    if (o === this.superRoot) return [];
    const chain = pathFromRoot(this.parents, this.superRoot, o);
    return chain.map((v, i) => ({
      objectId: hexId(this.index.objectIds.idOf(v)),
      className: this.className(v),
      via: i === 0 ? `GC root: ${this.rootKindOf.get(v) ?? 'root'}` : 'references',
    }));
  }

  /** Classes whose name contains `q` (case-insensitive), by retained size. */
  searchClasses(q: string, limit = PAGE): ClassMatch[] {
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const counts = new Float64Array(this.index.classes.length);
    const shallow = new Float64Array(this.index.classes.length);
    const matches: number[] = [];
    this.index.classes.forEach((k, ci) => {
      if (javaClassName(k.jvmName).toLowerCase().includes(needle)) matches.push(ci);
    });
    if (!matches.length) return [];
    const want = new Uint8Array(this.index.classes.length);
    for (const ci of matches) want[ci] = 1;
    const oc = this.index.objectClass;
    for (let o = 0; o < this.index.objectCount; o++) {
      const ci = oc[o];
      if (want[ci]) {
        counts[ci]++;
        shallow[ci] += this.shallow.sizeOf(o);
      }
    }
    return matches
      .map((ci) => ({ className: javaClassName(this.index.classes[ci].jvmName), instances: counts[ci], shallowBytes: shallow[ci], retainedBytes: this.classRetained[ci] }))
      .filter((m) => m.instances > 0)
      .sort((x, y) => y.retainedBytes - x.retainedBytes)
      .slice(0, limit);
  }

  /** The retained set of a class: its instances by retained size (one page) and the class total. */
  instancesOf(className: string, opts: { offset?: number; limit?: number } = {}): { className: string; instances: number; retainedBytes: number; rows: ChildRow[] } | undefined {
    const cis = this.index.classes.filter((k) => javaClassName(k.jvmName) === className).map((k) => k.index);
    if (!cis.length) return undefined;
    const want = new Set(cis);
    const members: number[] = [];
    const oc = this.index.objectClass;
    for (let o = 0; o < this.index.objectCount; o++) if (want.has(oc[o])) members.push(o);
    members.sort((x, y) => this.retained[y] - this.retained[x]);
    const offset = Math.max(0, opts.offset ?? 0);
    const limit = Math.min(MAX_PAGE, Math.max(1, opts.limit ?? PAGE));
    return {
      className,
      instances: members.length,
      retainedBytes: cis.reduce((s, ci) => s + this.classRetained[ci], 0),
      rows: members.slice(offset, offset + limit).map((o) => this.row(o)),
    };
  }
}
