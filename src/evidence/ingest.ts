// Turning inputs into a Case. Every input is a Source — a file on disk, a member of an archive, later
// a collected item — and every Source goes through one function, readSource: sniffed, then fed line
// by line to its parser (archives yield more Sources, read the same way). Problems with one input are
// recorded against it (with a code) and never stop the others — ten files and one bad one still get
// nine analysed. Only the byte source sits inside the read-error `try`: a parser that throws is a bug
// (ParserBug, naming the file, parser and line), never "reading stopped".

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { Case } from './case.js';
import { CACHE_SUFFIXES } from '../heap/store.js';
import { PARSERS } from './parser-registry.js';
import { CLASSIFIERS } from './classifiers.js';
import { ByteReader } from '../input/byte-reader.js';
import { LineSplitter, MAX_LINE_CHARS, type LineSink, type LineSkip, type LineStats } from '../input/lines.js';
import { splitInWorker } from './threaded-lines.js';
import type { LineConsumer } from '../input/line-index.js';
import { detectEncoding, type TextEncodingName } from '../input/encoding.js';
import { looksLikeTranscript, TranscriptSplitter } from './transcript.js';
import { readTar, looksLikeTar } from '../input/tar.js';
import { listZip, openZipEntry, looksLikeZip } from '../input/zip.js';
import { HEAD_BYTES, binaryFormatName, detectTextKind, headLooksBinary, isHprof } from './detect.js';
import type { ProgressSink } from '../util/progress.js';
import { silentProgress } from '../util/progress.js';
import { formatBytes } from '../util/bytes.js';
import { ParserBug } from '../util/errors.js';
import type { TextKind } from '../model/kinds.js';
import type { InputNote } from '../model/document.js';

/**
 * One input to read: what the user calls it (`name`: a path, or "bundle.tgz!/member"), how to get its
 * bytes, and — for a plain file on disk — its path and size (heap dumps, zips and the threaded line
 * splitter need random access or a size).
 */
export interface Source {
  name: string;
  open(): AsyncIterable<Uint8Array>;
  localPath?: string;
  bytes?: number;
  /** Archive nesting depth (0 for what the user gave). */
  depth?: number;
}

/** A heap dump met during ingestion: handed to the heap analyzer by whoever drives diagnosis. */
export interface HeapDumpInput {
  file: string;
  /** Present when the dump is a plain file on disk (the analyzer needs random access and a cache). */
  localPath?: string;
  bytes?: number;
}

export interface IngestOptions {
  progress?: ProgressSink;
  /** Archive nesting depth allowed (a .tar.gz inside a .zip inside a folder …). */
  maxDepth?: number;
  /**
   * Plain UTF-8 files on disk at least this big, of a kind whose parser can classify lines ahead, are
   * split on a worker thread (threaded-lines.ts). Default THREADED_FROM; Infinity keeps every file on
   * one thread, 0 sends every eligible file to the worker (tests).
   */
  threadedFrom?: number;
}

/**
 * Below this size a second thread costs more than it saves: starting the worker and warming up its
 * compiled code costs 30–60 ms, and the two ways break even near 100 MB of log (bench-log.mjs heads of
 * the bench log, best of 3: 64 MB 306 vs 273 ms one-thread, 128 MB 426 vs 442 ms, 256 MB 620 vs 748 ms).
 */
export const THREADED_FROM = 96 * 1024 * 1024;

export interface IngestResult {
  case: Case;
  heapDumps: HeapDumpInput[];
}

interface Ctx {
  case: Case;
  heapDumps: HeapDumpInput[];
  progress: ProgressSink;
  maxDepth: number;
  threadedFrom: number;
}

export async function ingest(paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const ctx = newCtx(opts);
  for (const p of paths) for await (const source of pathSources(p, ctx)) await readSource(source, ctx);
  return { case: ctx.case, heapDumps: ctx.heapDumps };
}

/** Reads Sources that do not come from paths (collected items, tests): the same loop. */
export async function ingestSources(sources: Iterable<Source> | AsyncIterable<Source>, opts: IngestOptions = {}): Promise<IngestResult> {
  const ctx = newCtx(opts);
  for await (const source of sources) await readSource(source, ctx);
  return { case: ctx.case, heapDumps: ctx.heapDumps };
}

function newCtx(opts: IngestOptions): Ctx {
  return { case: new Case(), heapDumps: [], progress: opts.progress ?? silentProgress, maxDepth: opts.maxDepth ?? 4, threadedFrom: opts.threadedFrom ?? THREADED_FROM };
}

/** The Sources a command-line path stands for: the file, or every file below a folder (sorted). */
async function* pathSources(path: string, ctx: Ctx): AsyncGenerator<Source> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    ctx.case.skip(path, missing ? 'not-found' : 'unreadable', `cannot be read: ${missing ? 'no such file or folder' : (e as Error).message}`);
    return;
  }
  if (st.isDirectory()) {
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (e) {
      ctx.case.skip(path, 'unreadable', `folder cannot be listed: ${(e as Error).message}`);
      return;
    }
    for (const n of names) yield* pathSources(join(path, n), ctx);
    return;
  }
  if (!st.isFile()) {
    ctx.case.skip(path, 'other', 'not a regular file');
    return;
  }
  // jvmdoctor's own heap index beside a dump (src/heap/store.ts) is not evidence: read as a log, its
  // class names ("java.lang.OutOfMemoryError" in the kept report) would be taken for errors.
  if (CACHE_SUFFIXES.some((s) => path.endsWith(s))) {
    ctx.case.skip(path, 'cache-file', 'jvmdoctor\'s heap-analysis cache (the dump beside it is read instead)');
    return;
  }
  yield { name: path, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }), localPath: path, bytes: st.size, depth: 0 };
}

/** A member of an archive, or a decompressed stream: a Source with no file of its own on disk. */
function streamSource(name: string, stream: AsyncIterable<Uint8Array>, depth: number): Source {
  return { name, open: () => stream, depth };
}

/** Reads one Source of unknown kind; its `name` is what the user sees in reports. */
async function readSource(src: Source, ctx: Ctx): Promise<void> {
  const display = src.name;
  const depth = src.depth ?? 0;
  const onDisk = { localPath: src.localPath, bytes: src.bytes };
  const reader = new ByteReader(src.open());
  try {
    const head = await reader.peek(HEAD_BYTES);
    if (head.length === 0) {
      if (reader.error) ctx.case.skip(display, 'unreadable', `cannot be read: ${reader.error.message}`);
      else ctx.case.skip(display, 'empty', 'empty file');
      return;
    }
    if (head[0] === 0x1f && head[1] === 0x8b && onDisk.localPath && /\.hprof\.gz$/i.test(display)) {
      // The heap analyzer reads gzip itself and needs the file on disk (random access, its cache).
      ctx.heapDumps.push({ file: display, localPath: onDisk.localPath, bytes: onDisk.bytes });
      return;
    }
    if (head[0] === 0x1f && head[1] === 0x8b) {
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'too-deep', 'archive nested too deeply');
      // Same display name: the user knows the file as catalina.log.gz; sniffing drops the .gz.
      const compressed = Readable.from(reader.chunks());
      const gunzip = createGunzip();
      compressed.on('error', (e) => gunzip.destroy(e));
      return await readSource(streamSource(display, compressed.pipe(gunzip), depth + 1), ctx);
    }
    if (looksLikeTar(head)) {
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'too-deep', 'archive nested too deeply');
      let members = 0;
      const tar = readTar(reader)[Symbol.asyncIterator]();
      for (;;) {
        // Only the archive's own reading is guarded: a member's parser failing is not a broken archive.
        let next;
        try {
          next = await tar.next();
        } catch (e) {
          ctx.case.skip(display, 'truncated', `archive stopped being readable after ${members} member(s): ${(e as Error).message}`);
          break;
        }
        if (next.done) break;
        members++;
        await readSource(streamSource(`${display}!/${next.value.name}`, next.value.chunks, depth + 1), ctx);
      }
      return;
    }
    if (looksLikeZip(head)) {
      if (!onDisk.localPath) return ctx.case.skip(display, 'unsupported-archive', 'a .zip inside another archive is not read (unpack it, or use .tar.gz)');
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'too-deep', 'archive nested too deeply');
      await reader.close();
      let entries;
      try {
        entries = await listZip(onDisk.localPath);
      } catch (e) {
        return ctx.case.skip(display, 'unreadable', `zip cannot be read: ${(e as Error).message}`);
      }
      for (const entry of entries) {
        const name = `${display}!/${entry.name}`;
        let stream;
        try {
          stream = await openZipEntry(onDisk.localPath, entry);
        } catch (e) {
          ctx.case.skip(name, 'unreadable', (e as Error).message);
          continue;
        }
        await readSource(streamSource(name, stream, depth + 1), ctx);
      }
      return;
    }
    if (isHprof(head)) {
      ctx.heapDumps.push({ file: display, localPath: onDisk.localPath, bytes: onDisk.bytes });
      return;
    }
    const binary = binaryFormatName(head);
    if (binary) return ctx.case.skip(display, 'binary', `${binary}, not text evidence`);

    await ingestText(display, head, reader, ctx, onDisk);
  } finally {
    await reader.close();
  }
}

/** The base name a parser should judge: "bundle.tgz!/ev/free.txt" → "free.txt", "catalina.log.gz" → "catalina.log". */
export function sniffName(display: string): string {
  const inner = display.includes('!/') ? display.slice(display.lastIndexOf('!/') + 2) : display;
  return basename(inner).replace(/\.gz$/i, '').replace(/\.tgz$/i, '.tar');
}

async function ingestText(display: string, head: Uint8Array, reader: ByteReader, ctx: Ctx, onDisk: { localPath?: string; bytes?: number }): Promise<void> {
  const totalBytes = onDisk.bytes;
  const guess = detectEncoding(head);
  const headText = new TextDecoder(guess.encoding, { fatal: false }).decode(head);
  if (headText.trim() === '') return ctx.case.skip(display, 'empty', 'only blank lines');
  if (headLooksBinary(headText)) return ctx.case.skip(display, 'binary', 'binary data, not text evidence');

  if (looksLikeTranscript(headText)) return ingestTranscript(display, guess.encoding, reader, ctx, totalBytes);

  const detection = detectTextKind(sniffName(display), headText);
  if (!detection.kind) {
    const near = detection.scores[0];
    return ctx.case.skip(
      display,
      'not-recognised',
      near ? `not recognised (closest: ${near.kind}, too unsure to use)` : 'text, but no JVM evidence recognised in its first 64 KB',
    );
  }
  const kind: TextKind = detection.kind;
  const parser = PARSERS[kind]!.create({ name: sniffName(display) });
  // The last line given to the parser, so that a parser that throws can be named with its line.
  const at = { line: undefined as number | undefined };
  // The byte-level fast path is not wrapped (it runs for most lines of a big log): when it throws,
  // the splitter's own line count names the line (pumpLines).
  const skip: LineSkip | undefined = parser.skip?.bind(parser);
  const release = parser.release?.bind(parser);
  const sink = (text: string, lineNo: number) => {
    at.line = lineNo;
    parser.line(text, lineNo);
  };
  const threaded =
    skip !== undefined && CLASSIFIERS[kind] !== undefined && onDisk.localPath !== undefined && guess.encoding === 'utf-8' && (totalBytes ?? 0) >= ctx.threadedFrom;
  let data: unknown;
  let read: { bytes: number; stats: LineStats; readError?: Error };
  try {
    read = threaded
      ? await pumpLinesThreaded(display, onDisk.localPath!, kind, ctx, trackedConsumer(parser as LineConsumer, at), totalBytes)
      : await pumpLines(display, guess.encoding, reader, ctx, sink, totalBytes, skip, release, at);
    at.line = undefined;
    data = parser.finish();
  } catch (e) {
    throw new ParserBug(display, kind, at.line, e);
  }
  const { bytes, stats, readError } = read;
  if (data === undefined) return ctx.case.skip(display, 'not-recognised', `looked like ${kind} but held none of its content`, kind);

  const problems = [...readProblems(guess, bytes, stats, readError), ...parserProblems(data)];
  ctx.case.add({ file: display, kind, data: data as never, bytes, lines: stats.lines, encoding: guess.encoding, notes: problems.map((p) => p.text), problems });
}

/** The same consumer, remembering the line it was last given (the threaded path calls it from replayed chunks). */
function trackedConsumer(parser: LineConsumer, at: { line: number | undefined }): LineConsumer {
  // The parser's own object (its state lives on it); only its line() is wrapped.
  const line = parser.line.bind(parser);
  parser.line = (text: string, lineNo: number) => {
    at.line = lineNo;
    line(text, lineNo);
  };
  return parser;
}

/**
 * What the parser itself said about its input: its `problem` (why nothing or not everything could be
 * read: "a free header but no Mem: row") and its `notes`, for the report's inputs[].problems.
 */
function parserProblems(data: unknown): InputNote[] {
  const out: InputNote[] = [];
  const visit = (d: unknown) => {
    if (d === null || typeof d !== 'object') return;
    const r = d as { problem?: unknown; notes?: unknown; more?: unknown };
    if (typeof r.problem === 'string' && r.problem) out.push({ level: 'problem', text: r.problem });
    if (Array.isArray(r.notes)) for (const n of r.notes) if (typeof n === 'string') out.push({ level: 'note', text: n });
    // Parsers that place their remarks on lines (the GC log: cut events, restarts) give InputNotes.
    const problems = (d as { problems?: unknown }).problems;
    if (Array.isArray(problems)) for (const p of problems as InputNote[]) if (p && typeof p.text === 'string') out.push({ level: p.level === 'note' ? 'note' : 'problem', text: p.text, ...(p.line ? { line: p.line } : {}) });
    if (Array.isArray(r.more)) r.more.forEach(visit);
  };
  visit(data);
  return out;
}

/** A pasted terminal session: each command's output becomes its own evidence item (same file, real line numbers). */
async function ingestTranscript(display: string, encoding: TextEncodingName, reader: ByteReader, ctx: Ctx, totalBytes?: number): Promise<void> {
  const splitter = new TranscriptSplitter();
  let line: number | undefined;
  let read: { bytes: number; stats: LineStats; readError?: Error };
  try {
    read = await pumpLines(display, encoding, reader, ctx, (text, lineNo) => ((line = lineNo), splitter.line(text, lineNo)), totalBytes);
    line = undefined;
    splitter.finish();
  } catch (e) {
    throw new ParserBug(display, 'terminal-transcript', line, e);
  }
  const { bytes, stats, readError } = read;
  const problems = readProblems({ encoding, reason: '', bom: false }, bytes, stats, readError);
  const notes = problems.map((p) => p.text);
  for (const s of splitter.sections) {
    ctx.case.add({
      file: display,
      kind: s.kind,
      data: s.data as never,
      bytes: s.chars,
      lines: s.lastLine - s.firstLine + 1,
      encoding,
      section: `${s.section} (lines ${s.firstLine}–${s.lastLine})`,
      notes: [...notes, ...parserProblems(s.data).map((p) => p.text)],
      problems: [...problems, ...parserProblems(s.data)],
    });
  }
  for (const s of splitter.skipped) ctx.case.skip(`${display}:${s.firstLine}`, 'not-recognised', `\`${s.section}\`: ${s.reason}`);
  if (splitter.sections.length === 0) ctx.case.skip(display, 'not-recognised', 'a terminal transcript, but no command output in it was recognised as JVM evidence');
}

/** Streams the rest of a file through the line splitter into `sink`, reporting progress. */
async function pumpLines(
  display: string,
  encoding: string,
  reader: ByteReader,
  ctx: Ctx,
  sink: (text: string, lineNo: number) => void,
  /** The file's size when known (plain files on disk), for a percentage in the progress line. */
  totalBytes?: number,
  skip?: LineSkip,
  release?: () => void,
  /** Where a parser that throws was: the last line handed to it. */
  at?: { line: number | undefined },
): Promise<{ bytes: number; stats: LineStats; readError?: Error }> {
  const splitter = new LineSplitter(encoding, sink, MAX_LINE_CHARS, skip, release);
  ctx.progress.phase(`Reading ${display}`, totalBytes);
  let bytes = 0;
  let readError: Error | undefined;
  const chunks = reader.chunks();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (e) {
      // The byte source broke part-way (truncated gzip, I/O error): keep what was read. Only the
      // source is guarded here — the parser's work below is not, so its bugs surface as bugs.
      readError = e as Error;
      break;
    }
    if (next.done) break;
    bytes += next.value.length;
    try {
      splitter.push(next.value);
    } catch (e) {
      // On the byte path the splitter has counted the line it offered; on the text path the sink has.
      if (at) at.line = Math.max(at.line ?? 0, splitter.stats.lines) || undefined;
      throw e;
    }
    ctx.progress.advance(next.value.length);
  }
  return { bytes, stats: splitter.end(), readError };
}

/** pumpLines for a big plain file: the file is re-read from its start by a worker that splits its lines (threaded-lines.ts). */
async function pumpLinesThreaded(
  display: string,
  localPath: string,
  kind: TextKind,
  ctx: Ctx,
  parser: LineConsumer,
  totalBytes?: number,
) {
  ctx.progress.phase(`Reading ${display}`, totalBytes);
  return splitInWorker(localPath, kind, MAX_LINE_CHARS, parser, (n) => ctx.progress.advance(n));
}

function readProblems(guess: { encoding: string; reason: string; bom: boolean }, bytes: number, stats: LineStats, readError?: Error): InputNote[] {
  const out: InputNote[] = [];
  const notes = { push: (text: string, level: InputNote['level'] = 'problem') => out.push({ level, text }) };
  if (readError) notes.push(`reading stopped after ${formatBytes(bytes)}: ${readError.message}; the part before was analysed`);
  if (guess.reason && (guess.encoding !== 'utf-8' || guess.bom)) notes.push(`decoded as ${guess.encoding.toUpperCase()} (${guess.reason})`, 'note');
  for (const l of stats.longLines.slice(0, 3)) {
    notes.push(`line ${l.line} is ${formatBytes(l.chars)} long; only its first ${formatBytes(MAX_LINE_CHARS)} were read`);
  }
  if (stats.longLines.length > 3) notes.push(`${stats.longLines.length - 3} more over-long lines were cut the same way`);
  if (stats.binaryLines > 0) {
    notes.push(`${stats.binaryLines} line(s) of binary data skipped (first at line ${stats.firstBinaryLine})`);
  }
  return out;
}
