// Threaded line splitting for big plain files: a worker (line-worker.ts) reads, splits and classifies
// the lines of chunk N+1 while this thread parses chunk N. Wall time, not CPU time, is what a user
// waits for, and a 2-core machine otherwise leaves one core idle (bench/LOGS.md has the figures).
// The parser sees exactly what pumpLines' in-thread LineSplitter would give it (src/input/line-index.ts);
// threaded-lines.test.ts checks the two ways agree, and parseEveryWay replays every parser test this way.

import { MessageChannel, Worker } from 'node:worker_threads';
import { classifyChunk, replayChunk, type LineConsumer } from '../input/line-index.js';
import { CLASSIFIERS } from './classifiers.js';
import type { LineStats } from '../input/lines.js';
import { HELP, type LineWorkerData, type LineWorkerMessage, type Recycled } from './line-worker-protocol.js';
import type { TextKind } from '../model/kinds.js';

const CHUNK_BYTES = 1024 * 1024;
/** Chunks the worker may run ahead: enough to ride out a slow stretch of parsing, few enough to stay small. */
const WINDOW = 4;

export interface ThreadedResult {
  bytes: number;
  stats: LineStats;
  readError?: Error;
}

export async function splitInWorker(
  path: string,
  kind: TextKind,
  maxChars: number,
  parser: LineConsumer,
  onBytes: (n: number) => void,
): Promise<ThreadedResult> {
  const inFlight = new SharedArrayBuffer(8);
  const classify = CLASSIFIERS[kind];
  if (classify === undefined) throw new Error(`no line classifier for ${kind}`);
  const counter = new Int32Array(inFlight);
  const recycle = new MessageChannel();
  const data: LineWorkerData = { path, kind, maxChars, chunkBytes: CHUNK_BYTES, window: WINDOW, inFlight, recycle: recycle.port2 };
  const worker = new Worker(new URL('./line-worker.js', import.meta.url), { workerData: data, transferList: [recycle.port2] });
  const queue: LineWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: LineWorkerMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    failure = e;
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });

  const mine: LineStats = { lines: 0, longLines: [], binaryLines: 0 };
  let bytes = 0;
  try {
    for (;;) {
      // Nothing posted and unparsed: the worker is behind, so its next chunk comes unclassified and
      // is classified here. (An empty queue alone says little: messages wait in the port until this
      // thread yields to the event loop.)
      if (queue.length === 0 && Atomics.load(counter, 0) === 0) Atomics.store(counter, HELP, 1);
      while (queue.length === 0 && failure === undefined && !exited) await new Promise<void>((r) => (wake = r));
      const m = queue.shift();
      if (m === undefined) {
        const why = failure?.message ?? 'the line worker stopped without a word';
        return { bytes, stats: mine, readError: new Error(why) };
      }
      classifyChunk(m.chunk, classify);
      replayChunk(m.chunk, parser, mine);
      bytes += m.chunk.inputBytes;
      onBytes(m.chunk.inputBytes);
      if (m.type === 'end') {
        const s = m.stats;
        const stats: LineStats = {
          lines: s.lines,
          longLines: s.longLines,
          binaryLines: s.binaryLines + mine.binaryLines,
        };
        const firsts = [s.firstBinaryLine, mine.firstBinaryLine].filter((x): x is number => x !== undefined);
        if (firsts.length > 0) stats.firstBinaryLine = Math.min(...firsts);
        return { bytes, stats, ...(m.error !== undefined ? { readError: new Error(m.error) } : {}) };
      }
      mine.lines = m.chunk.firstLine + m.chunk.count - 1;
      // The parser keeps nothing of a chunk past release(): its memory goes back to be read into.
      const c = m.chunk;
      const back: Recycled = { bytes: c.bytes.buffer as ArrayBuffer, starts: c.starts.buffer as ArrayBuffer, ends: c.ends.buffer as ArrayBuffer, cls: c.cls.buffer as ArrayBuffer };
      recycle.port1.postMessage(back, [back.bytes, back.starts, back.ends, back.cls]);
      Atomics.sub(counter, 0, 1);
      Atomics.notify(counter, 0);
    }
  } finally {
    // Whatever happened (a parser error included), the thread we started ends here — woken first if it
    // waits for room in the window.
    Atomics.store(counter, 0, 0);
    Atomics.notify(counter, 0);
    recycle.port1.close();
    await worker.terminate();
  }
}
