// Every sentence of a heap report in one place: turns a HeapModel (model.ts), the objects the
// queries picked (queries.ts) and the names of their references (naming-pass.ts at build time,
// lazy-names.ts on a kept model) into the HeapReport of src/model/heap-report.ts.

import type { HeapSemantics } from '../graph/edge-semantics.js';
import { ROOT_KIND_NAME } from '../hprof/constants.js';
import { CLASS_CLASS_INDEX } from '../hprof/heap-index.js';
import { formatBytes } from '../util/bytes.js';
import type { ClassLoaderEntry, DominatorEntry, HeapReport, LeakSuspect, PathStep, ThreadEntry } from '../model/heap-report.js';
import { javaClassName } from './class-names.js';
import { lifecycleStateNames, webappLoaderState } from './class-loaders.js';
import type { FieldValues } from './field-values.js';
import { simpleName } from './labels.js';
import { objectClassName, type HeapModel } from './model.js';
import { classLoaderOrdinals, hexId, histogram, leakSuspects, parseObjectId, ordinalOfId, pathTo, topDominators } from './queries.js';
import type { SuspectCandidate } from './suspects.js';

/** Paths longer than 2 × PATH_KEEP steps (a 100 000-node linked list) keep both ends only. */
const PATH_KEEP = 8;

/** What a report needs named: how each step of a path refers to the next, thread names, field values. */
export interface HeapNames {
  /** How object `parent` (ordinal) refers to the object with id `childId`; undefined when unknown. */
  label(parent: number, childId: number): string | undefined;
  threadName(threadId: number): string | undefined;
  /** Field values of the Tomcat webapp loaders (field-values.ts). */
  loaderFields: FieldValues;
  systemProperties?: Record<string, string>;
}

export interface ReportOptions {
  top: number;
  /** An object id (0x… or decimal) whose path from the GC roots to report. */
  pathTo?: string;
  suspectThreshold?: number;
}

/** The objects one report shows (pure queries over the model). */
export interface ReportSelection {
  top: number[];
  suspects: SuspectCandidate[];
  webappLoaders: number[];
  loaders: number[];
  webappClass: Uint8Array;
  /** The ordinal asked for with --path (−1: no such object). */
  requested?: number;
}

export function selectReported(m: HeapModel, opts: ReportOptions): ReportSelection {
  const { webappLoaders, loaders, webappClass } = classLoaderOrdinals(m);
  let requested: number | undefined;
  if (opts.pathTo !== undefined) {
    const id = parseObjectId(opts.pathTo);
    requested = id === undefined ? -1 : ordinalOfId(m, id);
  }
  return { top: topDominators(m, opts.top), suspects: leakSuspects(m, opts.suspectThreshold ?? 0.1), webappLoaders, loaders, webappClass, requested };
}

/** Every path the selection prints, and the references to name: parent ordinal → child ids. */
export function referencesToName(m: HeapModel, sel: ReportSelection): Map<number, number[]> {
  const paths: number[][] = [];
  const want = (o: number) => {
    if (o >= 0 && o < m.n) paths.push(pathTo(m, o));
  };
  sel.top.forEach(want);
  for (const s of sel.suspects) {
    want(s.ordinal);
    want(s.accumulation);
    if (s.spread) want(s.spread.example);
  }
  sel.loaders.forEach(want);
  if (sel.requested !== undefined) want(sel.requested);
  const edges = new Map<number, number[]>();
  const add = (parent: number, child: number) => {
    const list = edges.get(parent) ?? [];
    const id = m.index.objectIds.idOf(child);
    if (!list.includes(id)) list.push(id);
    edges.set(parent, list);
  };
  for (const p of paths) for (let i = 1; i < p.length; i++) add(p[i - 1], p[i]);
  // The reference from a suspect to the first node of its accumulation walk (a class's static field).
  for (const s of sel.suspects) if (s.via >= 0) add(s.ordinal, s.via);
  return edges;
}

/** Keeps the first and last PATH_KEEP steps; the middle becomes one step saying how many were left out. */
function elide(steps: PathStep[]): PathStep[] {
  if (steps.length <= 2 * PATH_KEEP + 1) return steps;
  const left = steps.length - 2 * PATH_KEEP;
  return [...steps.slice(0, PATH_KEEP), { objectId: '', className: '', field: `… ${left.toLocaleString('en-US')} more references …` }, ...steps.slice(-PATH_KEEP)];
}

function describe(className: string): string {
  return className.startsWith('class ') ? className : `instance of ${className}`;
}

export function pathText(s: PathStep[]): string {
  if (s.length === 0) return '(unreachable)';
  const c = s[0].className;
  const f = s[0].field;
  const head = s[0].threadName !== undefined
    ? `${f} "${s[0].threadName}"`
    : c.startsWith('class ') ? `${f} ${f.endsWith('system class') ? '' : 'class '}${simpleName(c.slice(6))}` : `${f} ${simpleName(c)}`;
  return [head, ...s.slice(1).map((x) => x.field)].join(' → ');
}

/** Builds the steps and one-line paths of objects (shared by the report and the `--path` query). */
export function pathWords(m: HeapModel, names: Pick<HeapNames, 'label'> & Partial<Pick<HeapNames, 'threadName'>>) {
  const index = m.index;
  let rootKindOf: Map<number, number> | undefined;
  const threadIds = new Set(index.threads.map((t) => t.id));
  const className = (o: number) => objectClassName(index, o);
  const steps = (o: number): PathStep[] => {
    if (!rootKindOf) {
      rootKindOf = new Map();
      for (let r = 0; r < index.rootKind.length; r++) if (!rootKindOf.has(index.rootId[r])) rootKindOf.set(index.rootId[r], index.rootKind[r]);
    }
    const p = pathTo(m, o);
    return p.map((v, i) => {
      const id = index.objectIds.idOf(v);
      let field: string;
      if (i === 0) {
        const kind = rootKindOf!.get(id);
        field = `GC root: ${kind === undefined ? 'unknown' : ROOT_KIND_NAME[kind] ?? 'unknown'}`;
        // A thread root is named by the thread ("GC root: thread "main""), not by its class.
        const threadName = threadIds.has(id) ? names.threadName?.(id) : undefined;
        if (threadName !== undefined) return { objectId: hexId(id), className: className(v), field, threadName };
      } else field = names.label(p[i - 1], id) ?? '?';
      return { objectId: hexId(id), className: className(v), field };
    });
  };
  const entry = (o: number): DominatorEntry => {
    const s = elide(steps(o));
    return { objectId: hexId(index.objectIds.idOf(o)), className: className(o), shallowBytes: m.shallow.sizeOf(o), retainedBytes: m.retained[o], pathToRoot: s, path: pathText(s) };
  };
  return { className, steps, entry };
}

/** What the retained sizes mean, said in every report (graph/edge-semantics.ts). */
export const SEMANTICS_NOTE: Record<HeapSemantics, string> = {
  mat: 'retained sizes as Eclipse MAT computes them: Weak/Soft/Phantom/Final references keep their referents (paths prefer strong references)',
  strong: 'retained sizes over strong references only: what a GC that clears every Weak/Soft/Phantom reference would free (--semantics strong)',
};

export function heapReport(m: HeapModel, sel: ReportSelection, names: HeapNames, opts: ReportOptions): HeapReport {
  const index = m.index;
  const { retained, superRoot, n } = m;
  const { className, steps, entry } = pathWords(m, names);
  const reachableBytes = retained[superRoot];
  const pct = (b: number) => (reachableBytes > 0 ? Math.round((1000 * b) / reachableBytes) / 10 : 0);
  const idOf = (o: number) => index.objectIds.idOf(o);

  const leakSuspects: LeakSuspect[] = sel.suspects.map((s, i) => {
    const cname = javaClassName(index.classes[s.classIndex].jvmName);
    const isClassObject = s.classIndex === CLASS_CLASS_INDEX;
    const shown = isClassObject ? className(s.ordinal) : cname;
    const loader = s.container >= 0 ? className(s.container) : undefined;
    // "class demo.quotes.QuoteCache loaded by jdk.internal.loader.ClassLoaders$AppClassLoader" (MAT's wording).
    const definedBy = isClassObject && index.objectAux[s.ordinal] > 0 ? index.classes[index.objectAux[s.ordinal] - 1].loaderId : -1;
    const loadedBy = definedBy < 0 ? undefined : definedBy === 0 ? '<system class loader>' : m.loaderNames.get(definedBy) ?? '?';
    const named = loadedBy ? `${shown} loaded by ${loadedBy}` : shown;
    const s1 = elide(steps(s.ordinal));
    const accName = className(s.accumulation);
    const acc = s.accumulation !== s.ordinal
      ? { objectId: hexId(idOf(s.accumulation)), className: accName, retainedBytes: retained[s.accumulation], dominatedObjects: s.accumulationChildren }
      : undefined;
    const viaLabel = s.via >= 0 ? names.label(s.ordinal, idOf(s.via)) : undefined;
    const field = viaLabel?.startsWith('static field ') ? viaLabel : undefined;
    const who = s.instances === 1 ? `One ${describe(named)}` : `${s.instances} instances of ${shown}`;
    let description = `${who} ${s.instances === 1 ? 'retains' : 'together retain'} ${formatBytes(s.retainedBytes)} (${pct(s.retainedBytes)}% of the ${formatBytes(reachableBytes)} reachable heap).`;
    if (s.container >= 0 && !isClassObject) description += ` It is held below ${loader} ${hexId(idOf(s.container))}.`;
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
      objectId: hexId(idOf(s.ordinal)),
      className: shown,
      retainedBytes: s.retainedBytes,
      percentOfHeap: pct(s.retainedBytes),
      description,
      instances: s.instances,
      accumulationPoint: acc,
      pathToRoot: s1,
      path: pathText(s1),
      ...(loader ? { container: { objectId: hexId(idOf(s.container)), className: loader } } : {}),
      ...(loadedBy ? { loadedBy } : {}),
      ...(field ? { field } : {}),
      ...(spread ? { spread } : {}),
    };
  });

  const threadNameOf = (id: string) => {
    const th = index.threads.find((x) => hexId(x.id) === id);
    return th ? names.threadName(th.id) : undefined;
  };
  const stateNames = lifecycleStateNames(index);
  const classLoaders: ClassLoaderEntry[] = sel.loaders.map((o) => {
    const e = entry(o);
    const thread = e.pathToRoot.length > 0 ? threadNameOf(e.pathToRoot[0].objectId) : undefined;
    return {
      className: e.className,
      objectId: e.objectId,
      retainedBytes: e.retainedBytes,
      definedClasses: m.definedClasses.get(o) ?? 0,
      ...(sel.webappClass[index.objectClass[o]] === 1 ? webappLoaderState(names.loaderFields, o, stateNames) : {}),
      pathToRoot: e.pathToRoot,
      path: e.path,
      ...(thread !== undefined ? { thread } : {}),
    };
  });

  const threads: ThreadEntry[] = index.threads.map((th, ti) => {
    const o = m.threadOrdinals[ti];
    const name = names.threadName(th.id) ?? '?';
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
  for (let o = 0; o < n; o++) if (m.idom[o] < 0) unreachableBytes += m.shallow.sizeOf(o);
  const warnings: string[] = [];
  if (index.warning) warnings.push(index.warning);

  const report: HeapReport = {
    schemaVersion: 1,
    summary: {
      file: m.file,
      fileBytes: index.fileBytes,
      idSize: index.idSize,
      objects: n,
      classes: index.classes.filter((k) => k.dumped).length,
      gcRoots,
      shallowBytes: m.shallow.total,
      reachableBytes,
      unreachableObjects: n - m.reachableObjects,
      compressedOops: m.mode.compressedOops,
      compressedClassPointers: m.mode.compressedClassPointers,
      unreachableBytes,
      timestamp: new Date(index.timestampMs).toISOString(),
      format: index.format,
      gzip: index.gzip,
      danglingReferences: m.danglingReferences,
      semantics: m.semantics,
      semanticsNote: SEMANTICS_NOTE[m.semantics],
      referentOnlyObjects: m.referentOnly.objects,
      referentOnlyBytes: m.referentOnly.bytes,
      warnings,
      ...(names.systemProperties ? { systemProperties: names.systemProperties } : {}),
    },
    histogram: histogram(m),
    dominators: sel.top.map(entry),
    leakSuspects,
    threads,
    classLoaders,
    timings: { ...m.timings },
  };
  const req = requestedPath(m, sel, names, opts);
  if (req.warning) report.summary.warnings.push(req.warning);
  if (req.entry) report.requestedPath = req.entry;
  return report;
}

/** The `--path` answer: the entry, or a warning when the dump has no such object. */
export function requestedPath(m: HeapModel, sel: Pick<ReportSelection, 'requested'>, names: Pick<HeapNames, 'label'>, opts: Pick<ReportOptions, 'pathTo'>): { entry?: DominatorEntry; warning?: string } {
  if (sel.requested === undefined) return {};
  if (sel.requested < 0) return { warning: `--path ${opts.pathTo}: no object with that id in the dump` };
  return { entry: pathWords(m, names).entry(sel.requested) };
}
