// Reading the target's files with a byte cap: procfs files report size 0 (read until EOF), logs can be
// gigabytes (only the tail is kept: the end is where the incident is).

import { open, stat } from 'node:fs/promises';

export interface CappedRead {
  data: Buffer;
  /** Total size when known (regular files). */
  size?: number;
  truncated: boolean;
}

export async function readCapped(path: string, maxBytes: number, opts: { tail?: boolean } = {}): Promise<CappedRead> {
  const st = await stat(path);
  const fh = await open(path, 'r');
  try {
    if (st.isFile() && st.size > 0) {
      const start = opts.tail && st.size > maxBytes ? st.size - maxBytes : 0;
      const len = Math.min(st.size - start, maxBytes);
      const buf = Buffer.alloc(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await fh.read(buf, got, len - got, start + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      let data = buf.subarray(0, got);
      // A tail starts mid-line: drop the partial first line.
      if (start > 0) {
        const nl = data.indexOf(0x0a);
        if (nl >= 0) data = data.subarray(nl + 1);
      }
      return { data, size: st.size, truncated: start > 0 || st.size > maxBytes };
    }
    // procfs / pipes: sequential reads to EOF or the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      if (total + bytesRead > maxBytes) {
        chunks.push(buf.subarray(0, maxBytes - total));
        return { data: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    return { data: Buffer.concat(chunks), truncated: false };
  } finally {
    await fh.close();
  }
}

export async function readText(path: string, maxBytes = 4 * 1024 * 1024, tail = false): Promise<{ text: string; truncated: boolean }> {
  const r = await readCapped(path, maxBytes, { tail });
  return { text: r.data.toString('utf8'), truncated: r.truncated };
}
