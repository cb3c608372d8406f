// The kept heap model: what the phases of one analysis compute, as typed arrays (never an object per
// heap object), so that every report section and every later query (`--path`, `--children`, the web
// UI's lazy dominator tree) is a pure function of it. `buildHeapModel` runs the phases over the dump,
// each announced to the progress sink; store.ts writes the model beside the dump and maps it back.
//
//   1. index       pass 1: classes, names, roots, one typed-array row per object, record offsets
//   2. sizes       JVM shallow sizes (pointer mode detected from the dump)
//   3. ids         object id → ordinal index
//   4. graph       pass 2: references as a CSR graph with a super-root over all GC roots
//   5. paths       shortest-path parents from the GC roots (BFS)
//   6. dominators  semi-NCA immediate dominators
//   7. retained    retained sizes, the dominator tree (CSR, biggest child first), retained per class

import { buildHeapGraph } from '../graph/edge-pass.js';
import { DEFAULT_SEMANTICS, type HeapSemantics } from '../graph/edge-semantics.js';
import type { HeapIndex } from '../hprof/heap-index.js';
import { buildHeapIndex } from '../hprof/index-pass.js';
import { RecordOffsets } from '../hprof/record-offsets.js';
import { BufferPool } from '../graph/buffer-pool.js';
import { computeDominators } from '../graph/dominators.js';
import { IdIndex } from '../graph/id-index.js';
import { shortestPathParents } from '../graph/paths.js';
import { buildDominatorTree, computeRetainedSizes, retainedByClass, sortLongChildRanges, type DominatorTree, type SizeArray } from '../graph/retained.js';
import type { ProgressSink } from '../util/progress.js';
import { javaClassName as javaName } from './class-names.js';
import { DerivedIds } from './derived-ids.js';
import type { LayoutMode } from './object-layout.js';
import { computeShallowSizes, detectLayoutMode, type ShallowSizes } from './shallow-sizes.js';
import { propertiesObjects, systemPropsId } from './system-properties.js';

export interface HeapModel {
  /** The dump this model was built from. */
  file: string;
  /** Classes, roots, threads, stacks, and per object: class index, aux (array length / mirrored class), id. */
  index: HeapIndex;
  /** Heap objects (ordinals 0 … n−1); the super-root is ordinal n. */
  n: number;
  superRoot: number;
  mode: LayoutMode;
  /** Which references the dominator tree and retained sizes follow (graph/edge-semantics.ts). */
  semantics: HeapSemantics;
  /** Objects reachable only through a Reference.referent ('mat' semantics; zero under 'strong'). */
  referentOnly: { objects: number; bytes: number };
  shallow: ShallowSizes;
  /** Retained bytes per node (super-root included: the reachable heap). */
  retained: SizeArray;
  /** Immediate dominator per node (super-root → itself, unreachable → −1). */
  idom: Int32Array;
  /** Dominator-tree children as CSR, biggest retained first (tree.parent = idom). */
  tree: DominatorTree;
  /** Shortest-path parent per node from the GC roots (−1 super-root, −2 unreachable). */
  parents: Int32Array;
  /** Retained bytes per class index (MAT's definition, see graph/retained.ts). */
  classRetained: Float64Array;
  /** Where each object's record starts in the dump (plain dumps), for lazy names. */
  offsets: RecordOffsets | null;
  /** Objects reachable from the GC roots. */
  reachableObjects: number;
  danglingReferences: number;
  /** Thread object ordinal per `index.threads` entry (−1 when absent). */
  threadOrdinals: number[];
  /** Class-loader ordinal → classes it defined; loader id → its class name. */
  definedClasses: Map<number, number>;
  loaderNames: Map<number, string>;
  /** Set only while building: what the naming pass of this same analysis needs. */
  build?: {
    threadNameIds: Map<number, number>;
    propsOrdinal: number;
    propsObjects: number[];
  };
  timings: Record<string, number>;
}

export interface BuildOptions {
  progress: ProgressSink;
  /** Parser chunk size (tests force tiny chunks). */
  chunkSize?: number;
  /** Default 'mat': referents count for dominators and retained sizes. */
  semantics?: HeapSemantics;
}

/** Runs the phases over the dump. Throws InputError for unusable input. */
export async function buildHeapModel(path: string, opts: BuildOptions): Promise<HeapModel> {
  const { progress } = opts;
  const timings: Record<string, number> = {};
  const lap = phaseTimer(timings);
  const readOpts = { progress, chunkSize: opts.chunkSize };

  const index = await buildHeapIndex(path, { ...readOpts, phase: 'Indexing heap dump' });
  lap('index');

  progress.phase('Computing object sizes');
  const detection = detectLayoutMode(index);
  const shallow = computeShallowSizes(index, detection.mode);
  lap('sizes');

  // Scratch buffers are handed from phase to phase instead of waiting for the GC (buffer-pool.ts).
  const pool = new BufferPool();
  progress.phase('Indexing object ids');
  let ids: IdIndex | null = new IdIndex(index.objectIds);
  lap('ids');

  const semantics = opts.semantics ?? DEFAULT_SEMANTICS;
  const graph = await buildHeapGraph(path, index, ids, { ...readOpts, phase: 'Reading references', semantics });
  lap('graph');

  // Shortest paths first: afterwards the forward graph is only needed until the dominator
  // computation has built its predecessor lists, and is then released.
  progress.phase('Finding paths from GC roots');
  const n = index.objectCount;
  // Objects no strong path reaches (the second round of paths.ts): only a referent keeps them.
  const referentOnly = { objects: 0, bytes: 0 };
  const parents = shortestPathParents(graph.nodeCount, graph.root, graph.firstEdge, graph.edgeTarget, graph.classEdges, pool, graph.referents, (v) => {
    referentOnly.objects++;
    referentOnly.bytes += shallow.sizeOf(v);
  });
  lap('paths');

  // The objects that make up System.props, found on the graph while it is whole (read back later).
  const propsId = systemPropsId(index);
  const propsOrdinal = propsId !== 0 ? ids.ordinalOf(propsId) : -1;
  const propsObjects = propsOrdinal >= 0 ? propertiesObjects(index, propsOrdinal, graph.firstEdge, graph.edgeTarget) : [];

  // Everything later needs ids only for a handful of objects: look them up now and drop the index.
  const threadOrdinals = index.threads.map((th) => ids!.ordinalOf(th.id));
  // Class loaders by id, for "class X loaded by Y" (few: one per loader that defined a class), and
  // the loaders that defined classes: ordinal → number of classes (for `classLoaders`).
  const loaderNames = new Map<number, string>();
  const definedClasses = new Map<number, number>();
  for (const k of index.classes) {
    if (k.loaderId === 0) continue;
    const o = ids.ordinalOf(k.loaderId);
    if (o >= 0) definedClasses.set(o, (definedClasses.get(o) ?? 0) + 1);
    if (!loaderNames.has(k.loaderId)) loaderNames.set(k.loaderId, o >= 0 ? objectClassName(index, o) : '?');
  }
  ids.release(pool);
  ids = null;
  // From here on ids are needed only for the objects a report names: replay them from the sizes
  // and hand the 4-byte-per-object keys to the pool (the dominator computation reuses them).
  const derived = DerivedIds.from(index.objectIds, shallow);
  if (derived) {
    pool.give(index.objectIds.keys);
    index.objectIds = derived;
  }
  const { nodeCount, root: superRoot, danglingReferences, threadNameIds } = graph;
  const forward = { firstEdge: graph.firstEdge as Uint32Array | null, edgeTarget: graph.edgeTarget as Uint32Array | null, classEdges: graph.classEdges };
  (graph as { firstEdge: unknown }).firstEdge = null;
  (graph as { edgeTarget: unknown }).edgeTarget = null;

  progress.phase('Computing dominators');
  const dom = computeDominators(nodeCount, superRoot, forward, true, pool);
  if (process.env.JVMDOCTOR_DEBUG_MEMORY) process.stderr.write(`[memory] dominators: ${dom.order.length} reachable nodes, ${dom.predecessorEdges} predecessor edges stored\n`);
  lap('dominators');

  progress.phase('Computing retained sizes');
  const retained = computeRetainedSizes(nodeCount, shallow, dom.idom, dom.order, pool);
  const tree = buildDominatorTree(nodeCount, dom.idom, dom.order, pool);
  const classRetained = retainedByClass(tree, superRoot, index.objectClass, index.classes.length, retained);
  sortLongChildRanges(tree, retained, pool);
  const reachableObjects = dom.order.length - 1;
  pool.clear();
  lap('retained');

  const offsets = index.recordOffsets ? new RecordOffsets(index.recordOffsets, index.idSize, index.classes, index.objectClass, index.objectAux) : null;
  return {
    file: path, index, n, superRoot, mode: detection.mode, semantics, referentOnly, shallow, retained, idom: dom.idom, tree, parents, classRetained, offsets,
    reachableObjects, danglingReferences, threadOrdinals, definedClasses, loaderNames,
    build: { threadNameIds, propsOrdinal, propsObjects },
    timings,
  };
}

/** Records into `timings` the seconds since the previous lap (or since this call) under each phase's name. */
export function phaseTimer(timings: Record<string, number>): (name: string) => void {
  let t = performance.now();
  return (name) => {
    const now = performance.now();
    timings[name] = Math.round(now - t) / 1000;
    t = now;
    memoryNote(name);
  };
}

export function memoryNote(name: string): void {
  if (!process.env.JVMDOCTOR_DEBUG_MEMORY) return;
  // Under `node --expose-gc`, collect first: shows what is live rather than what awaits the GC.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stderr.write(`[memory] after ${name}: rss ${(m.rss / 2 ** 20).toFixed(0)} MB, array buffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)} MB, js heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB\n`);
}

/** "java.util.ArrayList", or "class com.x.BigGraph" for a class object. */
export function objectClassName(index: Pick<HeapIndex, 'classes' | 'objectClass' | 'objectAux'>, o: number): string {
  const ci = index.objectClass[o];
  if (ci === 0 && index.objectAux[o] > 0) return `class ${javaName(index.classes[index.objectAux[o] - 1].jvmName)}`;
  const k = index.classes[ci];
  return k ? javaName(k.jvmName) : '?';
}

