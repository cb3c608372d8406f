// Which text encoding a file is in, from its first bytes. Chinese servers often write GB18030/GBK
// (the seed's 警告/严重 lines), Windows tools UTF-16 with a BOM, everything else UTF-8.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'latin1';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Why: "BOM", "NUL pattern", "valid UTF-8", "decodes as GB18030". */
  reason: string;
  bom: boolean;
}

export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', reason: 'UTF-8 BOM', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', reason: 'UTF-16 LE BOM', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', reason: 'UTF-16 BE BOM', bom: true };

  // UTF-16 without a BOM: ASCII text leaves every other byte NUL.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', reason: 'NUL pattern', bom: false };
    if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', reason: 'NUL pattern', bom: false };
  }

  if (isValidUtf8(head)) return { encoding: 'utf-8', reason: 'valid UTF-8', bom: false };
  if (decodesAsGb18030(head)) return { encoding: 'gb18030', reason: 'not UTF-8, decodes as GB18030', bom: false };
  return { encoding: 'latin1', reason: 'neither UTF-8 nor GB18030', bom: false };
}

/** Valid UTF-8, tolerating a multi-byte sequence cut at the end of the sample. */
function isValidUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Back off an incomplete trailing sequence (at most 3 continuation bytes + lead).
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k];
    if ((b & 0xc0) === 0x80) continue; // continuation
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > k) end -= k;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function decodesAsGb18030(bytes: Uint8Array): boolean {
  const text = new TextDecoder('gb18030', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024) - 1));
  let bad = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x4e00 && c <= 0x9fff) cjk++;
  }
  return cjk > 0 && bad <= 1;
}
