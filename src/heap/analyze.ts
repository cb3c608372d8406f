// analyzeHeapDump: the heap analysis as phases and queries.
//   build   model.ts — passes 1–2 over the dump and the graph phases, each announced to progress
//   select  queries.ts — which objects the report shows (pure queries over the model)
//   names   naming-pass.ts — pass 3: how the references on those paths are named, thread names
//   words   wording.ts — the report's sentences
// The model is kept beside the dump as a binary index (store.ts). A later run answers from it: the
// finished report as kept, `--path` and `--children` (and a larger --top) as queries over the mapped
// arrays, naming the few references they need from single records (lazy-names.ts).

import { silentProgress, type ProgressSink } from '../util/progress.js';
import { DEFAULT_SEMANTICS, type HeapSemantics } from '../graph/edge-semantics.js';
import type { DominatorEntry, HeapReport } from '../model/heap-report.js';
import { fieldValues } from './field-values.js';
import { analyzeWaste } from './waste.js';
import { WEBAPP_LOADER_FIELDS } from './class-loaders.js';
import { ModelNames } from './lazy-names.js';
import { buildHeapModel, phaseTimer, type HeapModel } from './model.js';
import { nameReferences } from './naming-pass.js';
import { children, ordinalOfId, parseObjectId, type ChildrenPage } from './queries.js';
import { beginIndexWrite, indexKeyFor, IndexUnusableError, openIndex, type OpenedIndex, type StoredNames } from './store.js';
import { decodeSystemProperties } from './system-properties.js';
import { heapReport, referencesToName, requestedPath, selectReported, type HeapNames, type ReportOptions } from './wording.js';

export { hexId, parseObjectId } from './queries.js';
export { objectClassName } from './model.js';
export type { HeapModel } from './model.js';
export type { ChildrenPage, ChildRow } from './queries.js';

export interface AnalyzeOptions {
  progress?: ProgressSink;
  /** How many biggest objects to list (default 20). */
  top?: number;
  /** An object id (0x… or decimal) whose path from the GC roots to report. */
  pathTo?: string;
  /** Read and write the heap index beside the dump (default true). */
  cache?: boolean;
  /** Parser chunk size (tests force tiny chunks). */
  chunkSize?: number;
  /** Leak-suspect threshold as a fraction of the reachable heap (default 0.1). */
  suspectThreshold?: number;
  /** Which references retained sizes follow: 'mat' (default) or 'strong' (graph/edge-semantics.ts). */
  semantics?: HeapSemantics;
}

/** The kept report always lists at least this many top objects (a smaller --top is a slice of it). */
const KEPT_TOP_MIN = 50;

/** Analyses one HPROF dump (plain or .gz). Throws InputError for unusable input. */
export async function analyzeHeapDump(path: string, opts: AnalyzeOptions = {}): Promise<HeapReport> {
  const progress = opts.progress ?? silentProgress;
  const top = Math.max(0, opts.top ?? 20);
  const useIndex = opts.cache !== false && opts.chunkSize === undefined;
  let note: string | undefined;
  if (useIndex) {
    const t0 = performance.now();
    const r = await openIndex(path, opts.semantics ?? DEFAULT_SEMANTICS);
    note = r.note;
    if (r.opened) {
      try {
        const report = await fromIndex(r.opened, { ...opts, top }, progress);
        progress.done();
        return { ...report, cached: true, timings: { ...report.timings, cacheRead: (performance.now() - t0) / 1000 } };
      } catch (e) {
        if (!(e instanceof IndexUnusableError)) throw e;
        note = `the heap index ${r.opened.path} could not be used (${e.message}); it was rebuilt`;
      } finally {
        r.opened.close();
      }
    }
  }
  const { report } = await analyzeAndKeep(path, { ...opts, top }, progress, useIndex);
  progress.done();
  return note ? { ...report, indexNote: note } : report;
}

async function fromIndex(ix: OpenedIndex, opts: ReportOptions & AnalyzeOptions, progress: ProgressSink): Promise<HeapReport> {
  const m = ix.model;
  const names = new ModelNames(m, ix.names);
  const trimmed = { ...ix.report, dominators: ix.report.dominators.slice(0, opts.top) };
  if (opts.top > ix.reportTop || opts.suspectThreshold !== undefined) {
    // Another selection than the kept one: the same queries and words over the kept model.
    const sel = selectReported(m, opts);
    await names.ensure(referencesToName(m, sel), progress);
    const again = heapReport(m, sel, names, opts);
    return ix.report.waste ? { ...again, waste: ix.report.waste } : again;
  }
  if (opts.pathTo === undefined) return trimmed;
  const id = parseObjectId(opts.pathTo);
  const sel = { top: [], suspects: [], loaders: [], webappLoaders: [], webappClass: new Uint8Array(0), requested: id === undefined ? -1 : ordinalOfId(m, id) };
  await names.ensure(referencesToName(m, sel), progress);
  const req = requestedPath(m, sel, names, opts);
  const out: HeapReport = { ...trimmed, summary: { ...trimmed.summary, warnings: [...trimmed.summary.warnings] } };
  if (req.warning) out.summary.warnings.push(req.warning);
  if (req.entry) out.requestedPath = req.entry;
  return out;
}

/** Builds the model, names what the report shows, words it, and keeps the model as an index. */
async function analyzeAndKeep(path: string, opts: ReportOptions & AnalyzeOptions, progress: ProgressSink, keep: boolean): Promise<{ report: HeapReport; model: HeapModel }> {
  const semantics = opts.semantics ?? DEFAULT_SEMANTICS;
  const key = keep ? await indexKeyFor(path, semantics) : undefined;
  const m = await buildHeapModel(path, { progress, chunkSize: opts.chunkSize, semantics });
  const timings = m.timings;
  const lap = phaseTimer(timings);
  progress.phase('Building report');
  const reportTop = key ? Math.max(opts.top, KEPT_TOP_MIN) : opts.top;
  const sel = selectReported(m, { ...opts, top: reportTop });
  const edges = referencesToName(m, sel);
  const build = m.build!;
  const threadNameIds = build.threadNameIds;
  lap('report');
  // A dump read only in part (cut short, still being written) is not kept: the next run reads it again.
  const write = key && !m.index.warning ? await beginIndexWrite(path, key, m) : undefined;
  // The same read copies the records of the few objects whose field values the report needs.
  const naming = await nameReferences(path, m.index, { edges, strings: new Set(threadNameIds.values()), records: [...sel.webappLoaders, ...build.propsObjects] }, { progress, chunkSize: opts.chunkSize, phase: 'Naming references' });
  lap('names');
  const records = naming.records;
  const systemProperties = build.propsOrdinal >= 0
    ? decodeSystemProperties(m.index, records, build.propsOrdinal, new Map(build.propsObjects.map((o) => [m.index.objectIds.idOf(o), o])))
    : undefined;
  const threadNames = new Map<number, string>();
  for (const [threadId, nameId] of threadNameIds) {
    const s = naming.strings.get(nameId);
    if (s !== undefined) threadNames.set(threadId, s);
  }
  const names: HeapNames = {
    label: (p, c) => naming.labels.get(`${p}:${c}`),
    threadName: (id) => threadNames.get(id),
    loaderFields: fieldValues(m.index, records, sel.webappLoaders, WEBAPP_LOADER_FIELDS),
    ...(systemProperties ? { systemProperties } : {}),
  };
  const full = heapReport(m, { ...sel, requested: undefined }, names, opts);
  lap('assemble');
  full.waste = await analyzeWaste(m, full, progress, opts.chunkSize);
  lap('waste');
  timings.total = Math.round(Object.values(timings).reduce((a, b) => a + b, 0) * 1000) / 1000;
  full.timings = { ...timings };
  if (write) {
    progress.phase('Writing heap index');
    const stored: StoredNames = {
      labels: [...naming.labels].map(([k, l]) => {
        const c = k.indexOf(':');
        return [Number(k.slice(0, c)), Number(k.slice(c + 1)), l];
      }),
      threadNames: [...threadNames],
      loaderFields: [...names.loaderFields].map(([o, vs]) => [o, [...vs]]),
      ...(systemProperties ? { systemProperties } : {}),
    };
    await write.finish(stored, full, reportTop);
  }
  delete m.build;
  const report: HeapReport = { ...full, dominators: full.dominators.slice(0, opts.top), summary: { ...full.summary, warnings: [...full.summary.warnings] } };
  const req = requestedPath(m, sel, names, opts);
  if (req.warning) report.summary.warnings.push(req.warning);
  if (req.entry) report.requestedPath = req.entry;
  return { report, model: m };
}

export interface OpenedHeapModel {
  model: HeapModel;
  /** Why a kept index could not be used and was rebuilt (or why none could be written). */
  note?: string;
  /** The path from the GC roots to an object (`--path`): steps named as the report names them; undefined when there is no such object. */
  pathTo(idOrOrdinal: string | number): Promise<DominatorEntry | undefined>;
  /** Releases the index file (a model built in memory has none). */
  close(): void;
}

/**
 * The heap model of a dump: mapped from its index, or — when there is none yet — built (and kept)
 * first. For `--children` and the web UI's lazy dominator tree and paths.
 */
export async function openHeapModel(dump: string, opts: { progress?: ProgressSink; semantics?: HeapSemantics } = {}): Promise<OpenedHeapModel> {
  const semantics = opts.semantics ?? DEFAULT_SEMANTICS;
  const first = await openIndex(dump, semantics);
  if (first.opened) {
    try {
      // What the tree queries read, loaded (and checked) now rather than half-way through a query.
      const m = first.opened.model;
      void [m.tree.childStart, m.tree.children, m.retained, m.index.objectClass, m.index.objectAux, m.index.objectIds, m.shallow];
      return opened(m, first.opened.names, first.opened.close);
    } catch (e) {
      first.opened.close();
      if (!(e instanceof IndexUnusableError)) throw e;
      first.note = `the heap index ${first.opened.path} could not be used (${e.message}); it was rebuilt`;
    }
  }
  const progress = opts.progress ?? silentProgress;
  const { model: built } = await analyzeAndKeep(dump, { top: 20, semantics }, progress, true);
  progress.done();
  const again = await openIndex(dump, semantics);
  if (again.opened) return { ...opened(again.opened.model, again.opened.names, again.opened.close), ...(first.note ? { note: first.note } : {}) };
  const note = first.note ?? 'the heap index could not be written (read-only folders, or a dump read only in part): the model was built for this run only';
  return { ...opened(built, { labels: [], threadNames: [], loaderFields: [] }, () => undefined), note };
}

function opened(model: HeapModel, stored: StoredNames, close: () => void): OpenedHeapModel {
  const names = new ModelNames(model, stored);
  return {
    model,
    close,
    async pathTo(idOrOrdinal) {
      const o = typeof idOrOrdinal === 'number' ? idOrOrdinal : nodeOf(model, idOrOrdinal);
      if (o < 0 || o >= model.n) return undefined;
      const sel = { top: [], suspects: [], loaders: [], webappLoaders: [], webappClass: new Uint8Array(0), requested: o };
      await names.ensure(referencesToName(model, sel));
      return requestedPath(model, sel, names, {}).entry;
    },
  };
}

/** "root" or an object id (0x… / decimal) → the node's ordinal in the model (−1: none). */
export function nodeOf(m: HeapModel, idOrRoot: string): number {
  if (idOrRoot.trim().toLowerCase() === 'root') return m.superRoot;
  const id = parseObjectId(idOrRoot);
  return id === undefined ? -1 : ordinalOfId(m, id);
}

/** Immediate dominator-tree children of `root` or an object id, biggest first, one page; undefined when there is no such object. */
export function childrenOf(m: HeapModel, idOrRoot: string, page: { offset?: number; limit?: number } = {}): ChildrenPage | undefined {
  const node = nodeOf(m, idOrRoot);
  return node < 0 ? undefined : children(m, node, page);
}
