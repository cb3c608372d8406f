// Reading a tar stream member by member (POSIX ustar, GNU long names, pax path records), so a
// .tar.gz of evidence is analysed as it decompresses: no temporary extraction, one member in memory
// at most as the parser's working set. Reference: POSIX.1-2001 pax/ustar format (pax(1)), GNU tar's
// "Basic Tar Format" manual section for the 'L' long-name and base-256 size extensions.

import { ByteReader } from './byte-reader.js';

export interface TarMember {
  name: string;
  size: number;
  /** The member's bytes; must be consumed (or abandoned) before asking for the next member. */
  chunks: AsyncGenerator<Uint8Array>;
}

const BLOCK = 512;

export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < 263) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  return magic === 'ustar';
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

function parseSize(field: Uint8Array): number {
  if (field[0] & 0x80) {
    // GNU base-256 for members of 8 GB and more.
    let v = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i];
    return v;
  }
  const text = cString(field).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Thrown (as a plain Error with this message prefix) when the stream is not a readable tar. */
export class TarFormatError extends Error {}

export async function* readTar(reader: ByteReader): AsyncGenerator<TarMember> {
  let longName: string | undefined;
  let paxPath: string | undefined;
  for (;;) {
    const header = await reader.read(BLOCK);
    if (header.length === 0) return;
    if (header.length < BLOCK) throw new TarFormatError(`archive ends inside a header (${header.length} of 512 bytes)`);
    if (header.every((b) => b === 0)) return; // end-of-archive blocks
    const size = parseSize(header.subarray(124, 136));
    if (!Number.isFinite(size)) throw new TarFormatError('unreadable member size in a tar header');
    const type = String.fromCharCode(header[156] || 0x30);
    const padded = Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L' || type === 'x' || type === 'g') {
      const body = await reader.read(padded);
      const text = cString(body.subarray(0, size));
      if (type === 'L') longName = text;
      else if (type === 'x') {
        const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text);
        if (m) paxPath = m[1];
      }
      continue;
    }

    const prefix = cString(header.subarray(345, 500));
    const base = cString(header.subarray(0, 100));
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${base}` : base);
    longName = paxPath = undefined;

    if (type !== '0' && type !== '\0' && type !== '7') {
      await reader.skip(padded); // directories, links, devices: nothing to read
      continue;
    }

    let remaining = size;
    const body = (async function* () {
      for await (const c of reader.chunks(remaining)) {
        remaining -= c.length;
        yield c;
      }
    })();
    yield { name, size, chunks: body };
    // Whatever the consumer left unread, then the padding to the next block.
    if (remaining > 0) {
      const skipped = await reader.skip(remaining);
      if (skipped < remaining) throw new TarFormatError(`archive truncated inside member ${name}`);
    }
    await reader.skip(padded - size);
  }
}
