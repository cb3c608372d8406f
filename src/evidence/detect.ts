// Sniffing a file's kind: container formats and binary magic first (they are certain), then every
// text parser scores the decoded head — name is a hint, content decides — and the best score wins.

import { PARSERS } from './parser-registry.js';
import type { TextKind } from '../model/kinds.js';
import { looksBinary } from '../input/lines.js';

export const HEAD_BYTES = 64 * 1024;
/** Below this, no parser is sure enough: the file is listed as unused rather than misread. */
export const MIN_SCORE = 0.3;

export type BinaryKind = 'gzip' | 'tar' | 'zip' | 'hprof';

const MAGIC: { name: string; test: (h: Uint8Array) => boolean }[] = [
  { name: 'PNG image', test: (h) => h[0] === 0x89 && h[1] === 0x50 && h[2] === 0x4e && h[3] === 0x47 },
  { name: 'JPEG image', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { name: 'GIF image', test: (h) => h[0] === 0x47 && h[1] === 0x49 && h[2] === 0x46 && h[3] === 0x38 },
  { name: 'PDF document', test: (h) => h[0] === 0x25 && h[1] === 0x50 && h[2] === 0x44 && h[3] === 0x46 },
  { name: 'ELF executable', test: (h) => h[0] === 0x7f && h[1] === 0x45 && h[2] === 0x4c && h[3] === 0x46 },
  { name: 'Java class file', test: (h) => h[0] === 0xca && h[1] === 0xfe && h[2] === 0xba && h[3] === 0xbe },
  { name: 'JFR recording (not supported yet)', test: (h) => h[0] === 0x46 && h[1] === 0x4c && h[2] === 0x52 && h[3] === 0 },
  { name: 'xz archive (not supported: use .tar.gz or .zip)', test: (h) => h[0] === 0xfd && h[1] === 0x37 && h[2] === 0x7a && h[3] === 0x58 },
  { name: 'bzip2 archive (not supported: use .tar.gz or .zip)', test: (h) => h[0] === 0x42 && h[1] === 0x5a && h[2] === 0x68 },
  { name: '7-Zip archive (not supported: use .tar.gz or .zip)', test: (h) => h[0] === 0x37 && h[1] === 0x7a && h[2] === 0xbc && h[3] === 0xaf },
];

export function isHprof(head: Uint8Array): boolean {
  // "JAVA PROFILE 1.0.1\0" / "JAVA PROFILE 1.0.2\0"
  return head.length >= 13 && String.fromCharCode(...head.subarray(0, 13)) === 'JAVA PROFILE ';
}

/** A known non-text format, named for the "why unused" message; undefined when it may be text. */
export function binaryFormatName(head: Uint8Array): string | undefined {
  return MAGIC.find((m) => m.test(head))?.name;
}

export interface TextDetection {
  kind?: TextKind;
  score: number;
  /** Runner-up, to explain close calls in --debug. */
  scores: { kind: TextKind; score: number }[];
}

export function detectTextKind(name: string, headText: string): TextDetection {
  const base = name.split(/[\\/]/).pop() ?? name;
  const scores = (Object.keys(PARSERS) as TextKind[])
    .map((kind) => ({ kind, score: PARSERS[kind]!.sniff(base, headText) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scores[0];
  return best && best.score >= MIN_SCORE ? { kind: best.kind, score: best.score, scores } : { score: best?.score ?? 0, scores };
}

/** Text whose head is mostly control characters is binary data whatever its name says. */
export function headLooksBinary(headText: string): boolean {
  const sample = headText.slice(0, 8192);
  return looksBinary(sample);
}
