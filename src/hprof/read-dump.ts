// Streams one heap dump file (plain or gzip, detected by magic bytes, not by name) through the
// record parser. Reads with two alternating large buffers so the next read is in flight while the
// current chunk is parsed; never holds the file in memory.

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { constants as zlibConstants, createGunzip } from 'node:zlib';
import { InputError } from '../util/errors.js';
import type { ProgressSink } from '../util/progress.js';
import { CorruptHprofError, HprofRecordParser, NotHprofError, type HprofVisitor } from './record-parser.js';

export interface ReadOptions {
  /** Bytes handed to the parser at a time (tests force 7). Default 8 MB. */
  chunkSize?: number;
  progress?: ProgressSink;
  /** Phase name announced to the progress sink. */
  phase?: string;
}

export interface ReadResult {
  idSize: number;
  fileBytes: number;
  gzip: boolean;
  heapRecords: number;
  /** Set when the dump was cut short or corrupt part-way: what was read is still valid. */
  warning?: string;
}

const DEFAULT_CHUNK = 8 << 20;

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await openOrThrow(path);
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function openOrThrow(path: string) {
  try {
    return await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(path, 'no such file');
    if (code === 'EACCES') throw new InputError(path, 'permission denied');
    if (code === 'EISDIR') throw new InputError(path, 'is a folder, not a heap dump');
    throw e;
  }
}

/** Reads the whole dump once, calling `visitor`. Throws InputError for non-HPROF input. */
export async function readHprof(path: string, visitor: HprofVisitor, opts: ReadOptions = {}): Promise<ReadResult> {
  const chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const parser = new HprofRecordParser(visitor);
  const gzip = await isGzipFile(path);
  const fh = await openOrThrow(path);
  const fileBytes = (await fh.stat()).size;
  if (fileBytes === 0) {
    await fh.close();
    throw new InputError(path, 'is empty, not a heap dump');
  }
  opts.progress?.phase(opts.phase ?? 'Reading heap dump', fileBytes);
  let warning: string | undefined;
  const feed = (chunk: Buffer) => {
    // Re-slice into chunkSize pieces so tests can force tiny reads at any boundary.
    if (chunk.length <= chunkSize) parser.push(chunk);
    else for (let i = 0; i < chunk.length; i += chunkSize) parser.push(chunk.subarray(i, Math.min(chunk.length, i + chunkSize)));
  };
  try {
    if (gzip) {
      await fh.close();
      const input = createReadStream(path, { highWaterMark: 1 << 20 });
      input.on('data', (b) => opts.progress?.advance((b as Buffer).length));
      // Z_SYNC_FLUSH at the end: a cut-short .gz yields everything up to the cut instead of an error.
      const gunzip = createGunzip({ chunkSize: Math.min(1 << 20, Math.max(64, chunkSize)), finishFlush: zlibConstants.Z_SYNC_FLUSH });
      input.pipe(gunzip);
      try {
        for await (const chunk of gunzip) feed(chunk as Buffer);
      } catch (e) {
        if (e instanceof NotHprofError || e instanceof CorruptHprofError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
          if (parser.idSize === 0) throw new InputError(path, `is not a readable gzip file (${(e as Error).message})`);
          warning = `the gzip stream is damaged or cut short (${(e as Error).message}); analysed the part before byte ${parser.offset} of the uncompressed dump`;
        } else throw e;
      } finally {
        input.destroy();
      }
    } else {
      const size = Math.min(DEFAULT_CHUNK, Math.max(1 << 16, chunkSize));
      const bufs = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
      let position = 0;
      let which = 0;
      let pending = fh.read(bufs[0], 0, size, 0);
      try {
        for (;;) {
          const { bytesRead } = await pending;
          if (bytesRead === 0) break;
          const current = bufs[which];
          position += bytesRead;
          which ^= 1;
          pending = fh.read(bufs[which], 0, size, position);
          feed(current.subarray(0, bytesRead));
          opts.progress?.advance(bytesRead);
        }
      } finally {
        await pending.catch(() => undefined);
        await fh.close();
      }
    }
    if (!warning) warning = parser.finish();
  } catch (e) {
    if (e instanceof NotHprofError) throw new InputError(path, e.message);
    if (e instanceof CorruptHprofError) {
      if (parser.heapRecords === 0) throw new InputError(path, `is not a usable heap dump: ${e.message}`);
      warning = `the dump is corrupt: ${e.message}; analysed the ${parser.heapRecords} heap records before it`;
    } else throw e;
  }
  if (parser.idSize === 0) throw new InputError(path, 'not an HPROF heap dump (no header)');
  return { idSize: parser.idSize, fileBytes, gzip, heapRecords: parser.heapRecords, warning };
}
