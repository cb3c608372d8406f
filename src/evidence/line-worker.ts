// The worker-thread half of threaded line splitting (src/evidence/threaded-lines.ts): reads a plain
// UTF-8 file from its first byte, splits and classifies its lines (src/input/line-index.ts) with the
// kind's TextParserSpec.classify, and posts each chunk — moved, not copied — to the parsing thread.
// It runs ahead by at most WINDOW chunks: the parsing thread counts them down in a shared Int32.

import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { LineIndexer, type IndexedChunk } from '../input/line-index.js';
import { CLASSIFIERS } from './classifiers.js';
import { HELP, type LineWorkerData, type LineWorkerMessage, type Recycled } from './line-worker-protocol.js';

function post(msg: LineWorkerMessage, c: IndexedChunk): void {
  const transfer = [c.starts.buffer, c.ends.buffer, c.cls.buffer] as ArrayBuffer[];
  if (c.bytes.byteLength > 0) transfer.push(c.bytes.buffer as ArrayBuffer);
  parentPort!.postMessage(msg, transfer);
}

function run(d: LineWorkerData): void {
  const classify = CLASSIFIERS[d.kind];
  if (!classify) throw new Error(`no classify for ${d.kind}`);
  const counter = new Int32Array(d.inFlight);
  const indexer = new LineIndexer(classify, d.maxChars);
  let error: string | undefined;
  let fd: number | undefined;
  const spareBytes: ArrayBuffer[] = [];
  try {
    fd = openSync(d.path, 'r');
    for (;;) {
      // Never more than `window` chunks ahead of the parser: memory stays a few chunks, not the file.
      for (let n = Atomics.load(counter, 0); n >= d.window; n = Atomics.load(counter, 0)) Atomics.wait(counter, 0, n);
      // Memory the parser gave back, or fresh: new memory per chunk costs page faults and GC.
      for (let m = receiveMessageOnPort(d.recycle); m !== undefined; m = receiveMessageOnPort(d.recycle)) {
        const r = m.message as Recycled;
        if (r.bytes.byteLength === d.chunkBytes) spareBytes.push(r.bytes);
        indexer.reuse(new Int32Array(r.starts), new Int32Array(r.ends), new Uint8Array(r.cls));
      }
      const spare = spareBytes.pop();
      const buf = spare !== undefined ? Buffer.from(spare) : Buffer.allocUnsafeSlow(d.chunkBytes);
      const n = readSync(fd, buf, 0, d.chunkBytes, null);
      if (n === 0) break;
      // The parser ran dry: this chunk goes out split but not classified, and the parser classifies it
      // itself — work moves to whichever thread has time, so neither waits for the other for long.
      const help = Atomics.exchange(counter, HELP, 0) === 1;
      const chunk = indexer.push(n === buf.length ? buf : buf.subarray(0, n), !help);
      Atomics.add(counter, 0, 1);
      post({ type: 'chunk', chunk }, chunk);
    }
  } catch (e) {
    error = (e as Error).message;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const { chunk, stats } = indexer.end();
  post({ type: 'end', chunk, stats, ...(error !== undefined ? { error } : {}) }, chunk);
}

run(workerData as LineWorkerData);
