// The heap the web UI walks, over the kept heap model (src/heap/model.ts, mapped from the binary
// index beside the dump, or built and kept on first use): dominator-tree children on demand (paged;
// optionally grouped by class, class loader or package), the path from the GC roots to any object
// (named by fields, as the report names them), class-name search and the retained set of a class.

import { CLASS_CLASS_INDEX } from '../hprof/heap-index.js';
import { analyzeHeapDump, nodeOf, openHeapModel, type HeapModel, type OpenedHeapModel } from '../heap/analyze.js';
import { sortedChildren } from '../graph/retained.js';
import { children as modelChildren, hexId, pathTo, type ChildRow, type ChildrenPage as ModelChildrenPage } from '../heap/queries.js';
import { objectClassName } from '../heap/model.js';
import { javaClassName } from '../heap/class-names.js';
import { ROOT_KIND_NAME } from '../hprof/constants.js';
import type { PathStep } from '../model/heap-report.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';

export type GroupBy = 'none' | 'class' | 'package' | 'loader';
export type { ChildRow };

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

export interface ChildrenPage extends ModelChildrenPage {
  groups?: GroupRow[];
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
/** Ids remembered for resolve() before the map starts over. */
const SHOWN_MAX = 200_000;

export class HeapExplorer {
  /**
   * Ordinals of the objects the UI was shown, by id: the model's id → ordinal lookup scans every
   * object (~0.1 s on 25 M objects), and the next request almost always names one of these.
   */
  private readonly shown = new Map<string, number>();

  private constructor(
    readonly file: string,
    private readonly opened: OpenedHeapModel,
    readonly openMs: number,
  ) {}

  /** Maps the dump's heap index, building (and keeping) it first when there is none. */
  static async open(file: string, progress: ProgressSink = silentProgress): Promise<HeapExplorer> {
    const t0 = performance.now();
    const opened = await openHeapModel(file, { progress });
    return new HeapExplorer(file, opened, performance.now() - t0);
  }

  private get m(): HeapModel {
    return this.opened.model;
  }

  /** Why a kept index could not be used, when it could not. */
  get note(): string | undefined {
    return this.opened.note;
  }

  close(): void {
    this.opened.close();
  }

  /** 'root' → the super-root; an id → its ordinal; undefined when no object has it. */
  resolve(node: string): number | undefined {
    if (!/^(root|0x[0-9a-f]{1,16}|\d{1,20})$/i.test(node.trim())) return undefined;
    const known = this.shown.get(node.trim().toLowerCase());
    if (known !== undefined) return known;
    const o = nodeOf(this.m, node);
    return o >= 0 ? o : undefined;
  }

  private remember(rows: ChildRow[], ordinals: ArrayLike<number>, from = 0): void {
    if (this.shown.size > SHOWN_MAX) this.shown.clear();
    for (let i = 0; i < rows.length; i++) this.shown.set(rows[i].objectId, ordinals[from + i]);
  }

  private row(o: number): ChildRow {
    const m = this.m;
    if (this.shown.size > SHOWN_MAX) this.shown.clear();
    const heap = m.retained[m.superRoot];
    const { childStart } = m.tree;
    const objectId = hexId(m.index.objectIds.idOf(o));
    this.shown.set(objectId, o);
    return {
      objectId,
      className: objectClassName(m.index, o),
      shallowBytes: m.shallow.sizeOf(o),
      retainedBytes: m.retained[o],
      percentOfHeap: heap > 0 ? Math.round((10000 * m.retained[o]) / heap) / 100 : 0,
      children: childStart[o + 1] - childStart[o],
    };
  }

  private groupKey(o: number, by: GroupBy): string {
    const { index } = this.m;
    const name = objectClassName(index, o);
    if (by === 'class') return name;
    if (by === 'package') {
      const n = name.startsWith('class ') ? name.slice(6) : name;
      const dot = n.replace(/(\[\])+$/, '').lastIndexOf('.');
      return dot > 0 ? n.slice(0, dot) : '<default package>';
    }
    const ci = index.objectClass[o] === CLASS_CLASS_INDEX && index.objectAux[o] > 0 ? index.objectAux[o] - 1 : index.objectClass[o];
    const loader = index.classes[ci].loaderId;
    if (loader === 0) return '<bootstrap class loader>';
    return `${this.m.loaderNames.get(loader) ?? 'class loader'} ${hexId(loader)}`;
  }

  /** Immediate dominator-tree children of `node`, biggest first; grouped over all of them when asked. */
  children(node: number, opts: { offset?: number; limit?: number; groupBy?: GroupBy } = {}): ChildrenPage {
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(opts.limit ?? PAGE)));
    const by = opts.groupBy ?? 'none';
    if (by === 'none') {
      const page = modelChildren(this.m, node, { offset, limit });
      // The model's rows are the sorted children from `offset`: remember their ordinals for the next click.
      this.remember(page.rows, sortedChildren(this.m.tree, this.m.retained, node), offset);
      return page;
    }
    const page: ChildrenPage = { ...modelChildren(this.m, node, { offset: 0, limit: 0 }), offset, limit };
    const { retained, shallow } = this.m;
    // Children biggest first (graph/retained.ts sortedChildren), so a group's first members are its biggest.
    const kids = sortedChildren(this.m.tree, retained, node);
    const groups = new Map<string, { objects: number; shallow: number; retained: number; sample: number[] }>();
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      const k = this.groupKey(c, by);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { objects: 0, shallow: 0, retained: 0, sample: [] }));
      g.objects++;
      g.shallow += shallow.sizeOf(c);
      g.retained += retained[c];
      if (g.sample.length < SAMPLE) g.sample.push(c);
    }
    const heap = retained[this.m.superRoot];
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

  /**
   * From a GC root down to `o` over strong references (weak/soft/phantom referents do not count),
   * each step named by the field or element that holds the next — the heap analysis's `--path`
   * answer from the index. If that cannot name them, the steps carry the class names only.
   */
  async path(o: number): Promise<PathStep[]> {
    const m = this.m;
    if (o === m.superRoot) return [];
    const id = hexId(m.index.objectIds.idOf(o));
    try {
      const r = await analyzeHeapDump(this.file, { pathTo: id, top: 0 });
      if (r.requestedPath) return r.requestedPath.pathToRoot;
    } catch {
      /* fall back to unnamed steps below */
    }
    const rootKind = new Map<number, number>();
    for (let r = 0; r < m.index.rootKind.length; r++) if (!rootKind.has(m.index.rootId[r])) rootKind.set(m.index.rootId[r], m.index.rootKind[r]);
    return pathTo(m, o).map((v, i) => {
      const vid = m.index.objectIds.idOf(v);
      return { objectId: hexId(vid), className: objectClassName(m.index, v), field: i === 0 ? `GC root: ${ROOT_KIND_NAME[rootKind.get(vid) ?? -1] ?? 'unknown'}` : 'references' };
    });
  }

  /** Classes whose name contains `q` (case-insensitive), by retained size. */
  searchClasses(q: string, limit = PAGE): ClassMatch[] {
    const { index, shallow, classRetained } = this.m;
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const want = new Uint8Array(index.classes.length);
    let any = false;
    index.classes.forEach((k, ci) => {
      if (javaClassName(k.jvmName).toLowerCase().includes(needle)) {
        want[ci] = 1;
        any = true;
      }
    });
    if (!any) return [];
    const counts = new Float64Array(index.classes.length);
    const bytes = new Float64Array(index.classes.length);
    const oc = index.objectClass;
    for (let o = 0; o < index.objectCount; o++) {
      const ci = oc[o];
      if (want[ci]) {
        counts[ci]++;
        bytes[ci] += shallow.sizeOf(o);
      }
    }
    const out: ClassMatch[] = [];
    for (let ci = 0; ci < want.length; ci++) {
      if (want[ci] && counts[ci] > 0) out.push({ className: javaClassName(index.classes[ci].jvmName), instances: counts[ci], shallowBytes: bytes[ci], retainedBytes: classRetained[ci] });
    }
    return out.sort((x, y) => y.retainedBytes - x.retainedBytes).slice(0, limit);
  }

  /** The retained set of a class: its instances by retained size (one page) and the class total. */
  instancesOf(className: string, opts: { offset?: number; limit?: number } = {}): { className: string; instances: number; retainedBytes: number; rows: ChildRow[] } | undefined {
    const { index, retained, classRetained } = this.m;
    const cis = index.classes.filter((k) => javaClassName(k.jvmName) === className).map((k) => k.index);
    if (!cis.length) return undefined;
    const want = new Uint8Array(index.classes.length);
    for (const ci of cis) want[ci] = 1;
    const members: number[] = [];
    const oc = index.objectClass;
    for (let o = 0; o < index.objectCount; o++) if (want[oc[o]]) members.push(o);
    members.sort((x, y) => retained[y] - retained[x]);
    const offset = Math.max(0, opts.offset ?? 0);
    const limit = Math.min(MAX_PAGE, Math.max(1, opts.limit ?? PAGE));
    return {
      className,
      instances: members.length,
      retainedBytes: cis.reduce((s, ci) => s + classRetained[ci], 0),
      rows: members.slice(offset, offset + limit).map((o) => this.row(o)),
    };
  }
}
