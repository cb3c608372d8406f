// What the parsing thread (threaded-lines.ts) and the line worker (line-worker.ts) say to each other.
// A module of its own: importing line-worker.ts would start a worker's work on the importing thread.

import type { MessagePort } from 'node:worker_threads';
import type { IndexedChunk } from '../input/line-index.js';
import type { LineStats } from '../input/lines.js';
import type { TextKind } from '../model/kinds.js';

export interface LineWorkerData {
  path: string;
  kind: TextKind;
  maxChars: number;
  chunkBytes: number;
  window: number;
  /** Int32 [0]: chunks posted and not yet parsed; [1]: 1 when the parser waited for a chunk (HELP). */
  inFlight: SharedArrayBuffer;
  /** Chunk buffers the parsing thread is done with come back here, to be read into again. */
  recycle: MessagePort;
}

/** A replayed chunk's memory, sent back to the worker to be read and indexed into again. */
export interface Recycled {
  bytes: ArrayBuffer;
  starts: ArrayBuffer;
  ends: ArrayBuffer;
  cls: ArrayBuffer;
}

/** Index in the shared Int32Array of the parser's "I had to wait" flag. */
export const HELP = 1;

export type LineWorkerMessage =
  | { type: 'chunk'; chunk: IndexedChunk }
  | { type: 'end'; chunk: IndexedChunk; stats: LineStats; error?: string };

