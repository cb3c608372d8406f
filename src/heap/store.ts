// The heap index: a HeapModel (model.ts) kept on disk beside the dump as `<dump>.jvmdoctor-index`
// (or under $XDG_CACHE_HOME/jvmdoctor, else ~/.cache/jvmdoctor, when the dump's folder is not
// writable), so that the next run answers queries (`--path`, `--children`, the finished report) from
// it without reading the dump again. Valid only for the same dump size, mtime and analyzer version.
//
// Layout (little-endian, every section 8-byte aligned):
//   0   8  magic "JVMDHIDX"
//   8   4  u32 FORMAT_VERSION        12  4  u32 endianness probe 0x01020304
//   16  8  f64 meta offset           24  8  f64 meta bytes
//   32  …  sections: the typed arrays, raw, in the order the meta lists them
//   meta   JSON: key, sizes, classes, threads, names, the finished report, and per section
//          {name, type, offset, length, sample} (sample: a hash of every 4096th word, checked on load)
//   end 16 magic "JVMDHEND" + f64 total file bytes (a cut-short file has no valid trailer)
// Arrays are read back section by section when a query first touches them (a `--path` needs the
// parents but not the dominator tree), with plain reads into typed arrays.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { ClassInfo, HeapIndex, StackFrameInfo, ThreadRoot } from '../hprof/heap-index.js';
import type { ObjectIds } from '../hprof/object-ids.js';
import { RecordOffsets } from '../hprof/record-offsets.js';
import type { SizeArray } from '../graph/retained.js';
import { DEFAULT_SEMANTICS, HEAP_SEMANTICS, type HeapSemantics } from '../graph/edge-semantics.js';
import type { HeapReport } from '../model/heap-report.js';
import { DerivedIds } from './derived-ids.js';
import type { LayoutMode } from './object-layout.js';
import type { HeapModel } from './model.js';
import { ShallowSizes } from './shallow-sizes.js';

/** Bump when the model's content or computation changes (also invalidates the kept report). */
export const ANALYZER_VERSION = 4; // 4: MAT's semantics by default (referents followed), keyed by semantics, waste; 3: the kept heap model (binary index)
const FORMAT_VERSION = 2; // 2: no idom section (rebuilt from the tree)
const MAGIC = 'JVMDHIDX';
const END_MAGIC = 'JVMDHEND';
const HEAD = 32;
const TRAILER = 16;

export const INDEX_SUFFIX = '.jvmdoctor-index';
/** One index per semantics (a dominator tree is computed for one): MAT's beside the dump as before. */
export function indexSuffix(semantics: HeapSemantics): string {
  return semantics === DEFAULT_SEMANTICS ? INDEX_SUFFIX : `${INDEX_SUFFIX}-${semantics}`;
}
/** Files jvmdoctor itself writes beside dumps (the last: the report cache of analyzer version ≤ 2). */
export const CACHE_SUFFIXES = [...HEAP_SEMANTICS.map(indexSuffix), '.jvmdoctor-heap.json'];

export interface IndexKey {
  fileBytes: number;
  mtimeMs: number;
  version: number;
  semantics: HeapSemantics;
}

type ArrayType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
interface SectionInfo { name: string; type: ArrayType; offset: number; length: number; sample: number }

/** What the index keeps besides the arrays: names computed by the build's naming pass, the report. */
export interface StoredNames {
  /** [parentOrdinal, childId, label] for every reference the kept report names. */
  labels: [number, number, string][];
  threadNames: [number, string][];
  loaderFields: [number, [string, number][]][];
  systemProperties?: Record<string, string>;
}

interface Meta {
  key: IndexKey;
  file: string;
  n: number;
  idSize: number;
  timestampMs: number;
  format: string;
  fileBytes: number;
  gzip: boolean;
  warning?: string;
  mode: LayoutMode;
  shallowTotal: number;
  minId: number;
  ids: 'derived' | 'keys' | 'wide';
  classes: ClassInfo[];
  threads: ThreadRoot[];
  stackFrames: [number, StackFrameInfo][];
  stackTraces: [number, number[]][];
  classSerialToIndex: [number, number][];
  reachableObjects: number;
  referentOnly: { objects: number; bytes: number };
  danglingReferences: number;
  threadOrdinals: number[];
  definedClasses: [number, number][];
  loaderNames: [number, string][];
  timings: Record<string, number>;
  names: StoredNames;
  report: HeapReport;
  /** The report was computed with this many top objects (a smaller --top is served from it). */
  reportTop: number;
  sections: SectionInfo[];
}

export function besideDumpPath(dump: string, semantics: HeapSemantics = DEFAULT_SEMANTICS): string {
  return `${dump}${indexSuffix(semantics)}`;
}

export function cacheDirPath(dump: string, semantics: HeapSemantics = DEFAULT_SEMANTICS): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const h = createHash('sha256').update(resolve(dump)).digest('hex').slice(0, 16);
  return join(base, 'jvmdoctor', `${basename(dump)}-${h}${indexSuffix(semantics)}`);
}

/** undefined when the dump cannot be stat'ed (the reader then reports why, as an InputError). */
export async function indexKeyFor(dump: string, semantics: HeapSemantics = DEFAULT_SEMANTICS): Promise<IndexKey | undefined> {
  try {
    const s = await stat(dump);
    if (!s.isFile()) return undefined;
    return { fileBytes: s.size, mtimeMs: s.mtimeMs, version: ANALYZER_VERSION, semantics };
  } catch {
    return undefined;
  }
}

/** A kept index that is present but unusable (cut short, damaged, another version): rebuilt, with this note. */
export class IndexUnusableError extends Error {}

function typeOf(a: Typed): ArrayType {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f64';
}

function make(type: ArrayType, buf: ArrayBuffer, length: number): Typed {
  switch (type) {
    case 'u8': return new Uint8Array(buf, 0, length);
    case 'u16': return new Uint16Array(buf, 0, length);
    case 'u32': return new Uint32Array(buf, 0, length);
    case 'i32': return new Int32Array(buf, 0, length);
    default: return new Float64Array(buf, 0, length);
  }
}

const BYTES: Record<ArrayType, number> = { u8: 1, u16: 2, u32: 4, i32: 4, f64: 8 };

/** A cheap fingerprint: every 4096th byte-quad and the last ones (a full hash of 700 MB would cost seconds). */
function sample(a: Typed): number {
  const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5 ^ b.length;
  const step = 4096;
  for (let i = 0; i < b.length; i += step) h = Math.imul(h ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)), 0x01000193);
  for (let i = Math.max(0, b.length - 16); i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function modelArrays(m: HeapModel): [string, Typed][] {
  const ix = m.index;
  const out: [string, Typed][] = [
    // (idom is not written: it is the dominator tree's parent link, rebuilt from the CSR when read.)
    ['objectClass', ix.objectClass], ['objectAux', ix.objectAux], ['retained', m.retained],
    ['childStart', m.tree.childStart], ['children', m.tree.children], ['parents', m.parents], ['classRetained', m.classRetained],
    ['rootKind', ix.rootKind], ['rootId', ix.rootId], ['rootThreadSerial', ix.rootThreadSerial],
  ];
  const ids = ix.objectIds;
  if (ids instanceof DerivedIds) out.push(['idCheckpoint', ids.checkpoint], ['idExceptionOrdinal', ids.exceptionOrdinal], ['idExceptionKey', ids.exceptionKey]);
  else if (ids.keys) out.push(['idKeys', ids.keys]);
  else if (ids.wide) out.push(['idWide', ids.wide]);
  if (m.offsets) {
    const p = m.offsets.parts;
    out.push(['offCheckpoint', p.checkpoint], ['offExceptionOrdinal', p.exceptionOrdinal], ['offExceptionOffset', p.exceptionOffset], ['offInstanceBytes', p.instanceBytes]);
  }
  return out;
}

export interface IndexWrite {
  /** Writes the meta and makes the index visible; resolves to where it was written, or undefined. */
  finish(names: StoredNames, report: HeapReport, reportTop: number): Promise<string | undefined>;
  abort(): Promise<void>;
}

/**
 * Starts writing the model's arrays (the writes run on libuv's threads while the caller goes on with
 * the naming pass); `finish` adds the meta. Beside the dump, else in the cache dir.
 */
export async function beginIndexWrite(dump: string, key: IndexKey, m: HeapModel): Promise<IndexWrite | undefined> {
  let fh: FileHandle | undefined;
  let target = '';
  let tmp = '';
  for (const p of [besideDumpPath(dump, key.semantics), cacheDirPath(dump, key.semantics)]) {
    try {
      // Something else where the index would go (a folder): it could not be renamed over.
      if (!(await stat(p).then((st) => st.isFile(), () => true))) continue;
      await mkdir(dirname(p), { recursive: true });
      tmp = `${p}.${process.pid}.tmp`;
      fh = await open(tmp, 'w');
      target = p;
      break;
    } catch {
      // read-only folder: fall back to the cache dir
    }
  }
  if (!fh) return undefined;
  const handle = fh;
  const sections: SectionInfo[] = [];
  let offset = HEAD;
  // One write at a time: libuv's four threads also serve the naming pass's reads of the dump, and
  // ten concurrent 100 MB writes held them all (the naming pass waited).
  let chain: Promise<unknown> = Promise.resolve();
  for (const [name, a] of modelArrays(m)) {
    sections.push({ name, type: typeOf(a), offset, length: a.length, sample: sample(a) });
    const at = offset;
    chain = chain.then(() => writeAll(handle, new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at));
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  chain.catch(() => undefined);
  const writes = [chain];
  const metaOffset = offset;
  const abort = async () => {
    await Promise.allSettled(writes);
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
  };
  return {
    abort,
    async finish(names, report, reportTop) {
      try {
        await Promise.all(writes);
        const ix = m.index;
        const meta: Meta = {
          key, file: m.file, n: m.n, idSize: ix.idSize, timestampMs: ix.timestampMs, format: ix.format, fileBytes: ix.fileBytes, gzip: ix.gzip,
          ...(ix.warning ? { warning: ix.warning } : {}),
          mode: m.mode, shallowTotal: m.shallow.total, minId: ix.objectIds.minId,
          ids: ix.objectIds instanceof DerivedIds ? 'derived' : ix.objectIds.keys ? 'keys' : 'wide',
          classes: ix.classes, threads: ix.threads,
          stackFrames: [...ix.stackFrames], stackTraces: [...ix.stackTraces], classSerialToIndex: [...ix.classSerialToIndex],
          reachableObjects: m.reachableObjects, referentOnly: m.referentOnly, danglingReferences: m.danglingReferences, threadOrdinals: m.threadOrdinals,
          definedClasses: [...m.definedClasses], loaderNames: [...m.loaderNames], timings: m.timings,
          names, report, reportTop, sections,
        };
        const body = Buffer.from(JSON.stringify(meta));
        await handle.write(body, 0, body.length, metaOffset);
        const total = metaOffset + body.length + TRAILER;
        const trailer = Buffer.alloc(TRAILER);
        trailer.write(END_MAGIC, 0, 'latin1');
        trailer.writeDoubleLE(total, 8);
        await handle.write(trailer, 0, TRAILER, metaOffset + body.length);
        const head = Buffer.alloc(HEAD);
        head.write(MAGIC, 0, 'latin1');
        head.writeUInt32LE(FORMAT_VERSION, 8);
        head.writeUInt32LE(0x01020304, 12);
        head.writeDoubleLE(metaOffset, 16);
        head.writeDoubleLE(body.length, 24);
        await handle.write(head, 0, HEAD, 0);
        await handle.close();
        await rename(tmp, target);
        return target;
      } catch {
        await abort();
        return undefined;
      }
    },
  };
}

async function writeAll(h: FileHandle, b: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < b.length;) {
    const { bytesWritten } = await h.write(b, done, Math.min(b.length - done, 1 << 30), position + done);
    if (bytesWritten <= 0) throw new Error('short write');
    done += bytesWritten;
  }
}

export interface OpenedIndex {
  model: HeapModel;
  names: StoredNames;
  report: HeapReport;
  reportTop: number;
  /** Where the index was read from. */
  path: string;
  close(): void;
}

export interface OpenResult {
  opened?: OpenedIndex;
  /** Why an index that was there could not be used (it is rebuilt). */
  note?: string;
}

/** The kept model of `dump` if a valid index for its current size/mtime exists (beside it or in the cache dir). */
export async function openIndex(dump: string, semantics: HeapSemantics = DEFAULT_SEMANTICS): Promise<OpenResult> {
  const key = await indexKeyFor(dump, semantics);
  if (!key) return {};
  let note: string | undefined;
  for (const p of [besideDumpPath(dump, semantics), cacheDirPath(dump, semantics)]) {
    let fd: number;
    try {
      fd = openSync(p, 'r');
      if (!fstatSync(fd).isFile()) {
        closeSync(fd);
        continue;
      }
    } catch {
      continue;
    }
    try {
      return { opened: readIndex(fd, p, key, dump) };
    } catch (e) {
      closeSync(fd);
      if (e instanceof StaleIndex) continue;
      note = `the heap index ${p} could not be used (${(e as Error).message}); it was rebuilt`;
    }
  }
  return note ? { note } : {};
}

/** An index for another version of the dump (changed size/mtime): silently replaced. */
class StaleIndex extends Error {}

function readExactly(fd: number, bytes: number, position: number): Buffer {
  const b = Buffer.allocUnsafe(bytes);
  let got = 0;
  while (got < bytes) {
    const r = readSync(fd, b, got, bytes - got, position + got);
    if (r === 0) throw new IndexUnusableError(`cut short at byte ${position + got}`);
    got += r;
  }
  return b;
}

function readIndex(fd: number, path: string, key: IndexKey, dump: string): OpenedIndex {
  const size = fstatSync(fd).size;
  if (size < HEAD + TRAILER) throw new IndexUnusableError(`only ${size} bytes`);
  const head = readExactly(fd, HEAD, 0);
  if (head.toString('latin1', 0, 8) !== MAGIC) throw new IndexUnusableError('not a jvmdoctor heap index');
  if (head.readUInt32LE(12) !== 0x01020304) throw new IndexUnusableError('written on a machine of the other byte order');
  const version = head.readUInt32LE(8);
  if (version !== FORMAT_VERSION) throw new IndexUnusableError(`index format ${version}, this jvmdoctor reads ${FORMAT_VERSION}`);
  const metaOffset = head.readDoubleLE(16);
  const metaBytes = head.readDoubleLE(24);
  const trailer = readExactly(fd, TRAILER, size - TRAILER);
  if (trailer.toString('latin1', 0, 8) !== END_MAGIC || trailer.readDoubleLE(8) !== size || metaOffset + metaBytes + TRAILER !== size) {
    throw new IndexUnusableError('cut short or damaged (no valid end marker)');
  }
  let meta: Meta;
  try {
    meta = JSON.parse(readExactly(fd, metaBytes, metaOffset).toString('utf8')) as Meta;
  } catch (e) {
    if (e instanceof IndexUnusableError) throw e;
    throw new IndexUnusableError('damaged meta data');
  }
  if (!meta.key || meta.key.version !== key.version) throw new IndexUnusableError(`made by analyzer version ${meta.key?.version}, this is ${key.version}`);
  if (meta.key.semantics !== key.semantics) throw new IndexUnusableError(`made for the ${meta.key.semantics} semantics, this run wants ${key.semantics}`);
  if (meta.key.fileBytes !== key.fileBytes || meta.key.mtimeMs !== key.mtimeMs) throw new StaleIndex();
  const sections = new Map<string, SectionInfo>();
  for (const s of meta.sections) {
    if (!(s.type in BYTES) || s.offset < HEAD || s.offset + s.length * BYTES[s.type] > metaOffset) throw new IndexUnusableError(`section ${s.name} out of bounds`);
    sections.set(s.name, s);
  }
  const n = meta.n;
  const expect: Record<string, number> = { objectClass: n, objectAux: n, retained: n + 1, childStart: n + 2, parents: n + 1, classRetained: meta.classes.length };
  for (const [name, len] of Object.entries(expect)) {
    const s = sections.get(name);
    if (!s || s.length < len - (name === 'childStart' ? 1 : 0)) throw new IndexUnusableError(`section ${name} missing or short`);
  }
  let closed = false;
  const cache = new Map<string, Typed>();
  const load = (name: string): Typed => {
    const hit = cache.get(name);
    if (hit) return hit;
    const s = sections.get(name);
    if (!s) throw new IndexUnusableError(`section ${name} missing`);
    if (closed) throw new Error(`heap index ${path} is closed`);
    const bytes = s.length * BYTES[s.type];
    const buf = new ArrayBuffer(Math.ceil(bytes / 8) * 8);
    const view = new Uint8Array(buf, 0, bytes);
    let got = 0;
    while (got < bytes) {
      const r = readSync(fd, view, got, Math.min(bytes - got, 1 << 30), s.offset + got);
      if (r === 0) throw new IndexUnusableError(`section ${s.name} cut short`);
      got += r;
    }
    const a = make(s.type, buf, s.length);
    if (sample(a) !== s.sample) throw new IndexUnusableError(`section ${s.name} is damaged`);
    cache.set(name, a);
    return a;
  };

  const classIdToIndex = new Map<number, number>();
  for (const k of meta.classes) if (k.classId !== 0) classIdToIndex.set(k.classId, k.index);
  const index = {
    idSize: meta.idSize, timestampMs: meta.timestampMs, format: meta.format, fileBytes: meta.fileBytes, gzip: meta.gzip,
    ...(meta.warning ? { warning: meta.warning } : {}),
    classes: meta.classes, classIdToIndex, objectCount: n,
    threads: meta.threads, stackFrames: new Map(meta.stackFrames), stackTraces: new Map(meta.stackTraces), classSerialToIndex: new Map(meta.classSerialToIndex),
    recordOffsets: null,
  } as unknown as HeapIndex;
  lazy(index, 'objectClass', () => load('objectClass'));
  lazy(index, 'objectAux', () => load('objectAux'));
  lazy(index, 'rootKind', () => load('rootKind'));
  lazy(index, 'rootId', () => load('rootId'));
  lazy(index, 'rootThreadSerial', () => load('rootThreadSerial'));

  const model = {
    file: dump, index, n, superRoot: n, mode: meta.mode, semantics: meta.key.semantics, referentOnly: meta.referentOnly,
    reachableObjects: meta.reachableObjects, danglingReferences: meta.danglingReferences, threadOrdinals: meta.threadOrdinals,
    definedClasses: new Map(meta.definedClasses), loaderNames: new Map(meta.loaderNames), timings: meta.timings,
  } as unknown as HeapModel;
  lazy(model, 'shallow', () => new ShallowSizes(index, meta.mode, meta.shallowTotal));
  lazy(index, 'objectIds', (): ObjectIds => {
    if (meta.ids === 'derived') {
      return new DerivedIds(n, meta.minId, model.shallow, load('idCheckpoint') as Uint32Array, load('idExceptionOrdinal') as Uint32Array, load('idExceptionKey') as Uint32Array);
    }
    if (meta.ids === 'keys') {
      const keys = load('idKeys') as Uint32Array;
      return { count: n, keys, wide: null, minId: meta.minId, idOf: (o: number) => meta.minId + keys[o] * 8 };
    }
    const wide = load('idWide') as Float64Array;
    return { count: n, keys: null, wide, minId: meta.minId, idOf: (o: number) => wide[o] };
  });
  lazy(model, 'retained', () => load('retained') as SizeArray);
  lazy(model, 'idom', () => {
    const childStart = load('childStart') as Uint32Array;
    const kids = load('children') as Uint32Array;
    const idom = new Int32Array(n + 1).fill(-1);
    idom[n] = n;
    for (let v = 0; v <= n; v++) {
      for (let i = childStart[v], end = childStart[v + 1]; i < end; i++) {
        const c = kids[i];
        if (c > n) throw new IndexUnusableError('section children holds a node past the heap');
        idom[c] = v;
      }
    }
    return idom;
  });
  lazy(model, 'parents', () => load('parents') as Int32Array);
  lazy(model, 'classRetained', () => load('classRetained') as Float64Array);
  lazy(model, 'tree', () => ({ childStart: load('childStart') as Uint32Array, children: load('children') as Uint32Array, parent: model.idom }));
  lazy(model, 'offsets', () => sections.has('offCheckpoint')
    ? new RecordOffsets({
      checkpoint: load('offCheckpoint') as Float64Array, exceptionOrdinal: load('offExceptionOrdinal') as Uint32Array,
      exceptionOffset: load('offExceptionOffset') as Float64Array, instanceBytes: load('offInstanceBytes') as Int32Array,
    }, meta.idSize, meta.classes, index.objectClass, index.objectAux)
    : null);
  return {
    model, names: meta.names, report: meta.report, reportTop: meta.reportTop, path,
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/** Defines `obj[name]` as computed on first use, then kept. */
function lazy<T extends object>(obj: T, name: string, get: () => unknown): void {
  Object.defineProperty(obj, name, {
    configurable: true,
    enumerable: true,
    get() {
      const v = get();
      Object.defineProperty(obj, name, { value: v, writable: true, enumerable: true, configurable: true });
      return v;
    },
  });
}
