// Turning inputs into a Case: each path (file, folder, .tar.gz/.tgz/.zip/.gz) is read as a stream,
// sniffed, and fed line by line to its parser. Problems with one file are recorded against that file
// and never stop the others — a user with ten files and one bad one still gets nine analysed.

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
import type { TextKind } from '../model/kinds.js';

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
  const ctx: Ctx = { case: new Case(), heapDumps: [], progress: opts.progress ?? silentProgress, maxDepth: opts.maxDepth ?? 4, threadedFrom: opts.threadedFrom ?? THREADED_FROM };
  for (const p of paths) await ingestPath(p, ctx);
  return { case: ctx.case, heapDumps: ctx.heapDumps };
}

async function ingestPath(path: string, ctx: Ctx): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    ctx.case.skip(path, `cannot be read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
    return;
  }
  if (st.isDirectory()) {
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (e) {
      ctx.case.skip(path, `folder cannot be listed: ${(e as Error).message}`);
      return;
    }
    for (const n of names) await ingestPath(join(path, n), ctx);
    return;
  }
  if (!st.isFile()) {
    ctx.case.skip(path, 'not a regular file');
    return;
  }
  // jvmdoctor's own heap index beside a dump (src/heap/store.ts) is not evidence: read as a log, its
  // class names ("java.lang.OutOfMemoryError" in the kept report) would be taken for errors.
  if (CACHE_SUFFIXES.some((s) => path.endsWith(s))) {
    ctx.case.skip(path, 'jvmdoctor\'s heap-analysis cache (the dump beside it is read instead)');
    return;
  }
  await ingestStream(path, createReadStream(path, { highWaterMark: 256 * 1024 }), ctx, 0, { localPath: path, bytes: st.size });
}

/** Reads one input of unknown kind from a byte stream; `display` is what the user sees in reports. */
async function ingestStream(
  display: string,
  source: AsyncIterable<Uint8Array>,
  ctx: Ctx,
  depth: number,
  onDisk: { localPath?: string; bytes?: number } = {},
): Promise<void> {
  const reader = new ByteReader(source);
  try {
    const head = await reader.peek(HEAD_BYTES);
    if (head.length === 0) {
      ctx.case.skip(display, reader.error ? `cannot be read: ${reader.error.message}` : 'empty file');
      return;
    }
    if (head[0] === 0x1f && head[1] === 0x8b && onDisk.localPath && /\.hprof\.gz$/i.test(display)) {
      // The heap analyzer reads gzip itself and needs the file on disk (random access, its cache).
      ctx.heapDumps.push({ file: display, localPath: onDisk.localPath, bytes: onDisk.bytes });
      return;
    }
    if (head[0] === 0x1f && head[1] === 0x8b) {
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'archive nested too deeply');
      // Same display name: the user knows the file as catalina.log.gz; sniffing drops the .gz.
      const compressed = Readable.from(reader.chunks());
      const gunzip = createGunzip();
      compressed.on('error', (e) => gunzip.destroy(e));
      return await ingestStream(display, compressed.pipe(gunzip), ctx, depth + 1);
    }
    if (looksLikeTar(head)) {
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'archive nested too deeply');
      let members = 0;
      try {
        for await (const m of readTar(reader)) {
          members++;
          await ingestStream(`${display}!/${m.name}`, m.chunks, ctx, depth + 1);
        }
      } catch (e) {
        ctx.case.skip(display, `archive stopped being readable after ${members} member(s): ${(e as Error).message}`);
      }
      return;
    }
    if (looksLikeZip(head)) {
      if (!onDisk.localPath) return ctx.case.skip(display, 'a .zip inside another archive is not read (unpack it, or use .tar.gz)');
      if (depth >= ctx.maxDepth) return ctx.case.skip(display, 'archive nested too deeply');
      await reader.close();
      try {
        for (const entry of await listZip(onDisk.localPath)) {
          const name = `${display}!/${entry.name}`;
          try {
            await ingestStream(name, await openZipEntry(onDisk.localPath, entry), ctx, depth + 1);
          } catch (e) {
            ctx.case.skip(name, (e as Error).message);
          }
        }
      } catch (e) {
        ctx.case.skip(display, `zip cannot be read: ${(e as Error).message}`);
      }
      return;
    }
    if (isHprof(head)) {
      ctx.heapDumps.push({ file: display, localPath: onDisk.localPath, bytes: onDisk.bytes });
      return;
    }
    const binary = binaryFormatName(head);
    if (binary) return ctx.case.skip(display, `${binary}, not text evidence`);

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
  if (headText.trim() === '') return ctx.case.skip(display, 'only blank lines');
  if (headLooksBinary(headText)) return ctx.case.skip(display, 'binary data, not text evidence');

  if (looksLikeTranscript(headText)) return ingestTranscript(display, guess.encoding, reader, ctx, totalBytes);

  const detection = detectTextKind(sniffName(display), headText);
  if (!detection.kind) {
    const near = detection.scores[0];
    return ctx.case.skip(
      display,
      near ? `not recognised (closest: ${near.kind}, too unsure to use)` : 'text, but no JVM evidence recognised in its first 64 KB',
    );
  }
  const kind: TextKind = detection.kind;
  const parser = PARSERS[kind]!.create({ name: sniffName(display) });
  const skip = parser.skip?.bind(parser);
  const release = parser.release?.bind(parser);
  const sink = (text: string, lineNo: number) => parser.line(text, lineNo);
  const threaded =
    skip !== undefined && CLASSIFIERS[kind] !== undefined && onDisk.localPath !== undefined && guess.encoding === 'utf-8' && (totalBytes ?? 0) >= ctx.threadedFrom;
  const { bytes, stats, readError } = threaded
    ? await pumpLinesThreaded(display, onDisk.localPath!, kind, ctx, parser as LineConsumer, totalBytes)
    : await pumpLines(display, guess.encoding, reader, ctx, sink, totalBytes, skip, release);
  const data = parser.finish();
  if (data === undefined) return ctx.case.skip(display, `looked like ${kind} but held none of its content`, kind);

  ctx.case.add({ file: display, kind, data: data as never, bytes, lines: stats.lines, encoding: guess.encoding, notes: readNotes(guess, bytes, stats, readError) });
}

/** A pasted terminal session: each command's output becomes its own evidence item (same file, real line numbers). */
async function ingestTranscript(display: string, encoding: TextEncodingName, reader: ByteReader, ctx: Ctx, totalBytes?: number): Promise<void> {
  const splitter = new TranscriptSplitter();
  const { bytes, stats, readError } = await pumpLines(display, encoding, reader, ctx, (text, lineNo) => splitter.line(text, lineNo), totalBytes);
  splitter.finish();
  const notes = readNotes({ encoding, reason: '', bom: false }, bytes, stats, readError);
  for (const s of splitter.sections) {
    ctx.case.add({
      file: display,
      kind: s.kind,
      data: s.data as never,
      bytes: s.chars,
      lines: s.lastLine - s.firstLine + 1,
      encoding,
      section: `${s.section} (lines ${s.firstLine}–${s.lastLine})`,
      notes,
    });
  }
  for (const s of splitter.skipped) ctx.case.skip(`${display}:${s.firstLine}`, `\`${s.section}\`: ${s.reason}`);
  if (splitter.sections.length === 0) ctx.case.skip(display, 'a terminal transcript, but no command output in it was recognised as JVM evidence');
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
): Promise<{ bytes: number; stats: LineStats; readError?: Error }> {
  const splitter = new LineSplitter(encoding, sink, MAX_LINE_CHARS, skip, release);
  ctx.progress.phase(`Reading ${display}`, totalBytes);
  let bytes = 0;
  let readError: Error | undefined;
  try {
    for await (const chunk of reader.chunks()) {
      bytes += chunk.length;
      splitter.push(chunk);
      ctx.progress.advance(chunk.length);
    }
  } catch (e) {
    // A stream that breaks part-way (truncated gzip, I/O error): keep what was read.
    readError = e as Error;
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

function readNotes(guess: { encoding: string; reason: string; bom: boolean }, bytes: number, stats: LineStats, readError?: Error): string[] {
  const notes: string[] = [];
  if (readError) notes.push(`reading stopped after ${formatBytes(bytes)}: ${readError.message}; the part before was analysed`);
  if (guess.reason && (guess.encoding !== 'utf-8' || guess.bom)) notes.push(`decoded as ${guess.encoding.toUpperCase()} (${guess.reason})`);
  for (const l of stats.longLines.slice(0, 3)) {
    notes.push(`line ${l.line} is ${formatBytes(l.chars)} long; only its first ${formatBytes(MAX_LINE_CHARS)} were read`);
  }
  if (stats.longLines.length > 3) notes.push(`${stats.longLines.length - 3} more over-long lines were cut the same way`);
  if (stats.binaryLines > 0) {
    notes.push(`${stats.binaryLines} line(s) of binary data skipped (first at line ${stats.firstBinaryLine})`);
  }
  return notes;
}
