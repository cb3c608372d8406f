// analyzeHeapDump: the whole heap analysis as a readable list of phases, each announced to the
// injected progress sink (devtools' HeapSnapshot.initialize() style):
//   1. index     — pass 1 over the file: classes, names, roots, one typed-array row per object
//   2. sizes     — JVM shallow sizes (pointer mode detected from the dump)
//   3. ids       — object id → ordinal index
//   4. graph     — pass 2: references as a CSR graph with a super-root over all GC roots
//   5. dominators, retained sizes, dominator tree, shortest paths from roots
//   6. report    — histogram, top objects, leak suspects, threads
//   7. names     — pass 3: field names along the reported paths, thread names
// A finished report is cached beside the dump (see cache.ts).

import { ROOT_KIND_NAME } from '../hprof/constants.js';
import { buildHeapGraph } from '../graph/edge-pass.js';
import { CLASS_CLASS_INDEX, type HeapIndex } from '../hprof/heap-index.js';
import { buildHeapIndex } from '../hprof/index-pass.js';
import { BufferPool } from '../graph/buffer-pool.js';
import { computeDominators } from '../graph/dominators.js';
import { IdIndex } from '../graph/id-index.js';
import { pathFromRoot, shortestPathParents } from '../graph/paths.js';
import { buildDominatorTree, computeRetainedSizes, retainedByClass } from '../graph/retained.js';
import { formatBytes } from '../util/bytes.js';
import { silentProgress, type ProgressSink } from '../util/progress.js';
import { cacheKeyFor, readCachedReport, writeCachedReport } from './cache.js';
import { javaClassName } from './class-names.js';
import { buildHistogram } from './histogram.js';
import { nameReferences, simpleName } from './naming-pass.js';
import type { ClassLoaderEntry, DominatorEntry, HeapReport, LeakSuspect, PathStep, ThreadEntry } from '../model/heap-report.js';
import { DerivedIds } from './derived-ids.js';
import { computeShallowSizes, detectLayoutMode } from './shallow-sizes.js';
import { findLeakSuspects } from './suspects.js';
import { lifecycleStateNames, subclassesOf, WEBAPP_LOADER_BASE, WEBAPP_LOADER_FIELDS, webappLoaderState } from './class-loaders.js';
import { fieldValues } from './field-values.js';
import { decodeSystemProperties, propertiesObjects, systemPropsId } from './system-properties.js';

export interface AnalyzeOptions {
  progress?: ProgressSink;
  /** How many biggest objects to list (default 20). */
  top?: number;
  /** An object id (0x… or decimal) whose path from the GC roots to report. */
  pathTo?: string;
  /** Read and write the cache beside the dump (default true). */
  cache?: boolean;
  /** Parser chunk size (tests force tiny chunks). */
  chunkSize?: number;
  /** Leak-suspect threshold as a fraction of the reachable heap (default 0.1). */
  suspectThreshold?: number;
}

const CACHED_TOP_MIN = 50;
/** Class loaders other than Tomcat's webapp loaders listed in `classLoaders` (the biggest). */
const OTHER_LOADERS = 10;
const DOMINATED_SHARE = 0.9;
/** Paths longer than 2 × PATH_KEEP steps (a 100 000-node linked list) keep both ends only. */
const PATH_KEEP = 8;

/** Keeps the first and last PATH_KEEP steps; the middle becomes one step saying how many were left out. */
function elide(steps: PathStep[]): PathStep[] {
  if (steps.length <= 2 * PATH_KEEP + 1) return steps;
  const left = steps.length - 2 * PATH_KEEP;
  return [...steps.slice(0, PATH_KEEP), { objectId: '', className: '', field: `… ${left.toLocaleString('en-US')} more references …` }, ...steps.slice(-PATH_KEEP)];
}

export function hexId(id: number): string {
  return '0x' + id.toString(16);
}

export function parseObjectId(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}

/** Analyses one HPROF dump (plain or .gz). Throws InputError for unusable input. */
export async function analyzeHeapDump(path: string, opts: AnalyzeOptions = {}): Promise<HeapReport> {
  const progress = opts.progress ?? silentProgress;
  const top = Math.max(0, opts.top ?? 20);
  const useCache = opts.cache !== false && opts.chunkSize === undefined;
  const key = useCache ? await cacheKeyFor(path, Math.max(top, CACHED_TOP_MIN)) : undefined;
  if (key && !opts.pathTo) {
    const t0 = performance.now();
    const hit = await readCachedReport(path, { ...key, top });
    if (hit) {
      progress.done();
      return trimReport({ ...hit, cached: true, timings: { ...hit.timings, cacheRead: (performance.now() - t0) / 1000 } }, top);
    }
  }
  const report = await analyzeUncached(path, { ...opts, progress, top: key ? Math.max(top, CACHED_TOP_MIN) : top });
  if (key && !opts.pathTo && report.summary.warnings.length === 0) await writeCachedReport(path, key, report);
  progress.done();
  return trimReport(report, top);
}

function trimReport(r: HeapReport, top: number): HeapReport {
  return { ...r, dominators: r.dominators.slice(0, top) };
}

async function analyzeUncached(path: string, opts: AnalyzeOptions & { progress: ProgressSink; top: number }): Promise<HeapReport> {
  const { progress } = opts;
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t) / 1000;
    t = now;
    if (process.env.JVMDOCTOR_DEBUG_MEMORY) {
      // Under `node --expose-gc`, collect first: shows what is live rather than what awaits the GC.
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      process.stderr.write(`[memory] after ${name}: rss ${(m.rss / 2 ** 20).toFixed(0)} MB, array buffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)} MB, js heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB\n`);
    }
  };
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

  const graph = await buildHeapGraph(path, index, ids, { ...readOpts, phase: 'Reading references' });
  lap('graph');

  // Shortest paths first: afterwards the forward graph is only needed until the dominator
  // computation has built its predecessor lists, and is then released.
  progress.phase('Finding paths from GC roots');
  const n = index.objectCount;
  const parents = shortestPathParents(graph.nodeCount, graph.root, graph.firstEdge, graph.edgeTarget, graph.classEdges, pool);
  lap('paths');

  // The objects that make up System.props, found on the graph while it is whole (read back later).
  const propsId = systemPropsId(index);
  const propsOrdinal = propsId !== 0 ? ids.ordinalOf(propsId) : -1;
  const propsObjects = propsOrdinal >= 0 ? propertiesObjects(index, propsOrdinal, graph.firstEdge, graph.edgeTarget) : [];

  // Everything later needs ids only for a handful of objects: look them up now and drop the index.
  const threadOrdinals = index.threads.map((th) => ids!.ordinalOf(th.id));
  let requested: number | undefined;
  if (opts.pathTo !== undefined) {
    const id = parseObjectId(opts.pathTo);
    requested = id === undefined ? -1 : ids.ordinalOf(id);
  }
  // Class loaders by id, for "class X loaded by Y" (few: one per loader that defined a class).
  const loaderNames = new Map<number, string>();
  // Loaders that defined classes: ordinal → number of classes (for `classLoaders`).
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
  pool.clear();
  lap('retained');

  progress.phase('Building report');
  const histogram = buildHistogram(index, shallow, classRetained);
  const reachableBytes = retained[superRoot];
  const unreachableObjects = n - (dom.order.length - 1);

  // Biggest objects by retained size, with chains collapsed: an object that carries >= 90 % of its
  // immediate dominator's retained size adds nothing its dominator does not already show (otherwise
  // a linked list or HashMap → table → array fills the whole list with the same memory).
  const topOrdinals: number[] = [];
  if (opts.top > 0) {
    const order = dom.order;
    const idom = dom.idom;
    let floor = -1;
    for (let i = 1; i < order.length; i++) {
      const v = order[i];
      const r = retained[v];
      if (topOrdinals.length >= opts.top && r <= floor) continue;
      const d = idom[v];
      if (d !== superRoot && r >= DOMINATED_SHARE * retained[d]) continue;
      let j = topOrdinals.length;
      while (j > 0 && retained[topOrdinals[j - 1]] < r) j--;
      topOrdinals.splice(j, 0, v);
      if (topOrdinals.length > opts.top) topOrdinals.pop();
      floor = retained[topOrdinals[topOrdinals.length - 1]];
    }
  }

  const containerClass = containerClasses(index);
  const suspects = findLeakSuspects(tree, superRoot, retained, index.objectClass, opts.suspectThreshold ?? 0.1, CLASS_CLASS_INDEX, (o) => containerClass[index.objectClass[o]] === 1);

  // Class loaders: every Tomcat webapp loader, and the biggest others that defined classes.
  const webappClass = subclassesOf(index, WEBAPP_LOADER_BASE);
  const webappLoaders: number[] = [];
  if (webappClass.some((x) => x === 1)) for (let o = 0; o < n; o++) if (webappClass[index.objectClass[o]] === 1 && dom.idom[o] >= 0) webappLoaders.push(o);
  const otherLoaders = [...definedClasses.keys()]
    .filter((o) => webappClass[index.objectClass[o]] !== 1 && dom.idom[o] >= 0)
    .sort((a, b) => retained[b] - retained[a])
    .slice(0, OTHER_LOADERS);
  const loaderOrdinals = [...webappLoaders, ...otherLoaders].sort((a, b) => retained[b] - retained[a]);

  // Collect every path we will print, and name its references in one more pass.
  const paths = new Map<number, number[]>();
  const wantPath = (o: number) => {
    if (o >= 0 && o < n && !paths.has(o)) paths.set(o, pathFromRoot(parents, superRoot, o));
  };
  topOrdinals.forEach(wantPath);
  for (const s of suspects) {
    wantPath(s.ordinal);
    wantPath(s.accumulation);
    if (s.spread) wantPath(s.spread.example);
  }
  loaderOrdinals.forEach(wantPath);
  if (requested !== undefined && requested >= 0) wantPath(requested);
  const edgesToName = new Map<number, number[]>();
  for (const p of paths.values()) {
    for (let i = 1; i < p.length; i++) {
      const list = edgesToName.get(p[i - 1]) ?? [];
      list.push(index.objectIds.idOf(p[i]));
      edgesToName.set(p[i - 1], list);
    }
  }
  // The reference from a suspect to the first node of its accumulation walk (a class's static field).
  for (const s of suspects) {
    if (s.via < 0) continue;
    const list = edgesToName.get(s.ordinal) ?? [];
    list.push(index.objectIds.idOf(s.via));
    edgesToName.set(s.ordinal, list);
  }
  const stringReq = new Set(threadNameIds.values());
  lap('report');
  // The same read copies the records of the few objects whose field values the report needs.
  const naming = await nameReferences(path, index, { edges: edgesToName, strings: stringReq, records: [...webappLoaders, ...propsObjects] }, { ...readOpts, phase: 'Naming references' });
  lap('names');
  const records = naming.records;
  const loaderFields = fieldValues(index, records, webappLoaders, WEBAPP_LOADER_FIELDS);
  const systemProperties = propsOrdinal >= 0
    ? decodeSystemProperties(index, records, propsOrdinal, new Map(propsObjects.map((o) => [index.objectIds.idOf(o), o])))
    : undefined;


  const rootKindOf = new Map<number, number>();
  for (let r = 0; r < index.rootKind.length; r++) if (!rootKindOf.has(index.rootId[r])) rootKindOf.set(index.rootId[r], index.rootKind[r]);
  const className = (o: number) => objectClassName(index, o);
  const steps = (o: number): PathStep[] => {
    const p = paths.get(o) ?? [];
    return p.map((v, i) => {
      const id = index.objectIds.idOf(v);
      let field: string;
      if (i === 0) {
        const kind = rootKindOf.get(id);
        field = `GC root: ${kind === undefined ? 'unknown' : ROOT_KIND_NAME[kind] ?? 'unknown'}`;
      } else field = naming.labels.get(`${p[i - 1]}:${id}`) ?? '?';
      return { objectId: hexId(id), className: className(v), field };
    });
  };
  const pathText = (s: PathStep[]) => {
    if (s.length === 0) return '(unreachable)';
    const c = s[0].className;
    const f = s[0].field;
    const head = c.startsWith('class ') ? `${f} ${f.endsWith('system class') ? '' : 'class '}${simpleName(c.slice(6))}` : `${f} ${simpleName(c)}`;
    return [head, ...s.slice(1).map((x) => x.field)].join(' → ');
  };
  const entry = (o: number): DominatorEntry => {
    const s = elide(steps(o));
    return { objectId: hexId(index.objectIds.idOf(o)), className: className(o), shallowBytes: shallow.sizeOf(o), retainedBytes: retained[o], pathToRoot: s, path: pathText(s) };
  };

  const pct = (b: number) => (reachableBytes > 0 ? Math.round((1000 * b) / reachableBytes) / 10 : 0);
  const leakSuspects: LeakSuspect[] = suspects.map((s, i) => {
    const cname = javaClassName(index.classes[s.classIndex].jvmName);
    const isClassObject = s.classIndex === CLASS_CLASS_INDEX;
    const shown = isClassObject ? className(s.ordinal) : cname;
    const loader = s.container >= 0 ? className(s.container) : undefined;
    // "class demo.quotes.QuoteCache loaded by jdk.internal.loader.ClassLoaders$AppClassLoader" (MAT's wording).
    const definedBy = isClassObject && index.objectAux[s.ordinal] > 0 ? index.classes[index.objectAux[s.ordinal] - 1].loaderId : -1;
    const loadedBy = definedBy < 0 ? undefined : definedBy === 0 ? '<system class loader>' : loaderNames.get(definedBy) ?? '?';
    const named = loadedBy ? `${shown} loaded by ${loadedBy}` : shown;
    const s1 = elide(steps(s.ordinal));
    const accName = className(s.accumulation);
    const acc = s.accumulation !== s.ordinal
      ? { objectId: hexId(index.objectIds.idOf(s.accumulation)), className: accName, retainedBytes: retained[s.accumulation], dominatedObjects: s.accumulationChildren }
      : undefined;
    const viaLabel = s.via >= 0 ? naming.labels.get(`${s.ordinal}:${index.objectIds.idOf(s.via)}`) : undefined;
    const field = viaLabel?.startsWith('static field ') ? viaLabel : undefined;
    const who = s.instances === 1 ? `One ${describe(named)}` : `${s.instances} instances of ${shown}`;
    let description = `${who} ${s.instances === 1 ? 'retains' : 'together retain'} ${formatBytes(s.retainedBytes)} (${pct(s.retainedBytes)}% of the ${formatBytes(reachableBytes)} reachable heap).`;
    if (s.container >= 0 && !isClassObject) description += ` It is held below ${loader} ${hexId(index.objectIds.idOf(s.container))}.`;
    if (field) description += ` The memory is held by its ${field} (one ${className(s.via)}, ${formatBytes(retained[s.via])}).`;
    if (acc) {
      const accPath = elide(steps(s.accumulation));
      const holds = acc.dominatedObjects >= 2 ? `, which directly holds ${acc.dominatedObjects.toLocaleString('en-US')} objects,` : '';
      description += ` The memory accumulates in one ${accName} (${formatBytes(acc.retainedBytes)}, ${pct(acc.retainedBytes)}%)${holds} reached by: ${pathText(accPath)}.`;
    } else if (s1.length > 0) description += ` It is reached by: ${pathText(s1)}.`;
    let spread: LeakSuspect['spread'];
    if (s.spread) {
      const sp = s.spread;
      const spName = className(sp.example);
      const spPath = elide(steps(sp.example));
      spread = { className: javaClassName(index.classes[sp.classIndex].jvmName), instances: sp.count, retainedBytes: sp.bytes, examplePath: pathText(spPath) };
      description += ` ${acc ? 'There' : 'Below it'}, ${sp.count.toLocaleString('en-US')} ${spread.className} objects pile up (${formatBytes(sp.bytes)}, ${pct(sp.bytes)}%)`;
      // Below an accumulation point the example's path is that point's plus one step: said already.
      description += acc ? '.' : `; the biggest, one ${spName} (${formatBytes(retained[sp.example])}), is reached by: ${spread.examplePath}.`;
    }
    return {
      title: `Problem suspect ${i + 1}: ${s.instances === 1 ? named : `${s.instances} × ${shown}`} retains ${pct(s.retainedBytes)}% of the heap`,
      objectId: hexId(index.objectIds.idOf(s.ordinal)),
      className: shown,
      retainedBytes: s.retainedBytes,
      percentOfHeap: pct(s.retainedBytes),
      description,
      instances: s.instances,
      accumulationPoint: acc,
      pathToRoot: s1,
      path: pathText(s1),
      ...(loader ? { container: { objectId: hexId(index.objectIds.idOf(s.container)), className: loader } } : {}),
      ...(loadedBy ? { loadedBy } : {}),
      ...(field ? { field } : {}),
      ...(spread ? { spread } : {}),
    };
  });

  const threadName = (id: string) => {
    const th = index.threads.find((x) => hexId(x.id) === id);
    const nameId = th ? threadNameIds.get(th.id) : undefined;
    return nameId === undefined ? undefined : naming.strings.get(nameId);
  };
  const stateNames = lifecycleStateNames(index);
  const classLoaders: ClassLoaderEntry[] = loaderOrdinals.map((o) => {
    const e = entry(o);
    const thread = e.pathToRoot.length > 0 ? threadName(e.pathToRoot[0].objectId) : undefined;
    return {
      className: e.className,
      objectId: e.objectId,
      retainedBytes: e.retainedBytes,
      definedClasses: definedClasses.get(o) ?? 0,
      ...(webappClass[index.objectClass[o]] === 1 ? webappLoaderState(loaderFields, o, stateNames) : {}),
      pathToRoot: e.pathToRoot,
      path: e.path,
      ...(thread !== undefined ? { thread } : {}),
    };
  });

  const threads: ThreadEntry[] = index.threads.map((th, ti) => {
    const o = threadOrdinals[ti];
    const nameId = threadNameIds.get(th.id);
    const name = nameId === undefined ? '?' : naming.strings.get(nameId) ?? '?';
    const frames = index.stackTraces.get(th.stackSerial) ?? [];
    const stack = frames.map((f) => {
      const fr = index.stackFrames.get(f);
      if (!fr) return 'at ?';
      const ci = index.classSerialToIndex.get(fr.classSerial);
      const cls = ci === undefined ? '?' : javaClassName(index.classes[ci].jvmName);
      const where = fr.line > 0 ? `${fr.sourceFile}:${fr.line}` : fr.line === -3 ? 'Native Method' : fr.sourceFile || 'Unknown Source';
      return `at ${cls}.${fr.method}(${where})`;
    });
    return { name, objectId: hexId(th.id), retainedBytes: o >= 0 ? retained[o] : 0, stack };
  }).sort((a, b) => b.retainedBytes - a.retainedBytes);

  const gcRoots: Record<string, number> = {};
  for (let r = 0; r < index.rootKind.length; r++) {
    const k = ROOT_KIND_NAME[index.rootKind[r]] ?? 'unknown';
    gcRoots[k] = (gcRoots[k] ?? 0) + 1;
  }
  let unreachableBytes = 0;
  for (let o = 0; o < n; o++) if (dom.idom[o] < 0) unreachableBytes += shallow.sizeOf(o);
  const warnings: string[] = [];
  if (index.warning) warnings.push(index.warning);

  const report: HeapReport = {
    schemaVersion: 1,
    summary: {
      file: path,
      fileBytes: index.fileBytes,
      idSize: index.idSize,
      objects: n,
      classes: index.classes.filter((k) => k.dumped).length,
      gcRoots,
      shallowBytes: shallow.total,
      reachableBytes,
      unreachableObjects,
      compressedOops: detection.mode.compressedOops,
      compressedClassPointers: detection.mode.compressedClassPointers,
      unreachableBytes,
      timestamp: new Date(index.timestampMs).toISOString(),
      format: index.format,
      gzip: index.gzip,
      danglingReferences: danglingReferences,
      warnings,
      ...(systemProperties ? { systemProperties } : {}),
    },
    histogram,
    dominators: topOrdinals.map(entry),
    leakSuspects,
    threads,
    classLoaders,
    timings,
  };
  if (requested !== undefined) {
    if (requested < 0) report.summary.warnings.push(`--path ${opts.pathTo}: no object with that id in the dump`);
    else report.requestedPath = entry(requested);
  }
  lap('assemble');
  timings.total = Math.round(Object.values(timings).reduce((a, b) => a + b, 0) * 1000) / 1000;
  return report;
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

function describe(className: string): string {
  return className.startsWith('class ') ? className : `instance of ${className}`;
}

/** "java.util.ArrayList", or "class com.x.BigGraph" for a class object. */
export function objectClassName(index: HeapIndex, o: number): string {
  const ci = index.objectClass[o];
  if (ci === CLASS_CLASS_INDEX && index.objectAux[o] > 0) return `class ${javaClassName(index.classes[index.objectAux[o] - 1].jvmName)}`;
  return javaClassName(index.classes[ci].jvmName);
}
