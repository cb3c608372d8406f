// A small streaming .tar.gz writer (POSIX ustar; a pax 'x' record for names over 100 bytes), the
// counterpart of src/input/tar.ts: members go out as they are gathered, the bundle is never held in memory.

import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { once } from 'node:events';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number, type: '0' | 'x' | '5', mode = 0o644): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name.slice(0, 100), 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii');
  h.write(octal(0, 8), 116, 8, 'ascii');
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(Math.floor(mtime / 1000), 12), 136, 12, 'ascii');
  h.fill(0x20, 148, 156); // checksum counted as spaces
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write('root', 265, 32, 'ascii');
  h.write('root', 297, 32, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return Buffer.from(`${len}${body}`, 'utf8');
}

export class TarGzWriter {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly closed: Promise<unknown>;
  readonly names = new Set<string>();

  constructor(readonly path: string) {
    this.file = createWriteStream(path, { mode: 0o600 }); // a bundle may hold what the team considers private
    this.gzip = createGzip({ level: 6 });
    this.gzip.pipe(this.file);
    this.closed = once(this.file, 'close');
    // Surface write errors at the next await rather than as an unhandled event.
    this.file.on('error', () => {});
    this.gzip.on('error', () => {});
  }

  private async write(b: Buffer): Promise<void> {
    if (this.file.errored) throw this.file.errored;
    if (!this.gzip.write(b)) await once(this.gzip, 'drain');
  }

  async add(name: string, content: Buffer | string, mtime = Date.now()): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (this.names.has(name)) throw new Error(`bundle member ${name} written twice`);
    this.names.add(name);
    if (Buffer.byteLength(name) > 100) {
      const pax = paxRecord('path', name);
      await this.write(header(`PaxHeaders/${name.slice(-80)}`, pax.length, mtime, 'x'));
      await this.write(pad(pax));
    }
    await this.write(header(name, data.length, mtime, '0'));
    await this.write(pad(data));
  }

  /** Streams a file from disk as a member (its size must not change while it is read). */
  async addFile(name: string, path: string): Promise<void> {
    const st = await stat(path);
    if (this.names.has(name)) throw new Error(`bundle member ${name} written twice`);
    this.names.add(name);
    await this.write(header(name, st.size, st.mtimeMs, '0'));
    let n = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      const b = chunk as Buffer;
      const take = b.subarray(0, Math.max(0, Math.min(b.length, st.size - n)));
      n += take.length;
      await this.write(take);
    }
    if (n < st.size) throw new Error(`${path} shrank while being bundled`);
    const rest = st.size % BLOCK;
    if (rest) await this.write(Buffer.alloc(BLOCK - rest));
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.closed;
    if (this.file.errored) throw this.file.errored;
  }
}

function pad(b: Buffer): Buffer {
  const rest = b.length % BLOCK;
  return rest === 0 ? b : Buffer.concat([b, Buffer.alloc(BLOCK - rest)]);
}
