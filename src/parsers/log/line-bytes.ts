// The log parser's fast path: decisions made on a line's raw UTF-8 bytes, so the ~90 % of a big log
// that cannot matter (INFO lines, frames of a trace already known) is never decoded into a string.
// Every test here must be a superset of the string-side test it stands in for (parse.ts): a line
// these functions let through is decoded and parsed normally, so a false positive costs time, a false
// negative would lose a finding. parseEveryWay runs every log test both ways and compares.

import { bytesStartWith, wrapperBytes, type WrapperBytes } from './container-prefix.js';

/** Needles whose presence means the line must be decoded: the union of the parser's string gates —
 * THROWABLE_HINT (parse.ts), "WebappClassLoader" and LEAK_BODY (leak checks) and the error catalogue's HINT. */
export const KEYWORDS = [
  'Exception', 'Error', 'Throwable', 'Caused by', 'WebappClassLoader',
  'emory', 'Bytes', 'Dumping heap', 'Heap dump', 'Unable to create', 'Kill', 'KILL', 'oom-kill', '137', 'hs_err',
  // Tomcat's leak messages whose text carries none of the above (leak-templates.ts: LEAK_BODY).
  'ThreadLocal', 'TimerThread', 'JDBC', 'Failed to terminate', 'hilo llamado', 'No pude terminar', 'semble avoir d',
  'Impossible de terminer', 'スレッド', '쓰레드', '线程',
  // Unified-logging thread warnings, YARN's process tree (error-catalogue.ts).
  'pthread_create', 'native thread', '(java) ',
  // Lifecycle lines (parse.ts: LIFECYCLE).
  'Stopping service', 'ShutdownHook', 'shutdown command', 'startup failed', 'failed to start', 'listenerStart', 'filterStart',
  'Reloading Context', 'deployWAR', 'Undeploying', 'FAILED TO START',
];

/**
 * Each needle is looked for at its rarest byte (an anchor: capitals, "_", "k", "y"), then compared in
 * full: a table lookup per byte of the line and a compare now and then (~1.5 ns per byte; a regex on a
 * latin1 copy of the line costs more).
 */
const ANCHOR_AT: Record<string, number> = { emory: 4, 'oom-kill': 4, '137': 2, hs_err: 2, 'hilo llamado': 5, 'semble avoir d': 8, 'shutdown command': 9, 'startup failed': 6, 'failed to start': 10, listenerStart: 8, filterStart: 6, deployWAR: 6, 'native thread': 7, '(java) ': 1 };

const enc = new TextEncoder();
/** Per anchor byte: the needles anchored there, as [offset of the anchor, ...needle bytes] arrays. */
const BY_BYTE: Uint8Array[][] = Array.from({ length: 256 }, () => []);
const IS_ANCHOR = new Uint8Array(256);
for (const k of KEYWORDS) {
  const bytes = enc.encode(k);
  const anchor = ANCHOR_AT[k] ?? 0;
  const entry = new Uint8Array(bytes.length + 1);
  entry[0] = anchor;
  entry.set(bytes, 1);
  BY_BYTE[bytes[anchor]].push(entry);
  IS_ANCHOR[bytes[anchor]] = 1;
}

/** True when bytes[start..end) contain one of the parser's keywords. */
export function hasKeyword(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  // Eight bytes per test: most stretches of a line hold no anchor byte at all, and one OR of eight
  // table reads is ~30 % cheaper than eight tests (measured on the bench log, bench/LOGS.md).
  for (; i + 8 <= end; i += 8) {
    const t = IS_ANCHOR;
    if ((t[b[i]] | t[b[i + 1]] | t[b[i + 2]] | t[b[i + 3]] | t[b[i + 4]] | t[b[i + 5]] | t[b[i + 6]] | t[b[i + 7]]) === 0) continue;
    for (let k = i; k < i + 8; k++) if (IS_ANCHOR[b[k]] !== 0 && keywordAt(b, k, start, end)) return true;
  }
  for (; i < end; i++) if (IS_ANCHOR[b[i]] !== 0 && keywordAt(b, i, start, end)) return true;
  return false;
}

/** A keyword whose anchor byte is at `i`, wholly inside [start, end). */
function keywordAt(b: Uint8Array, i: number, start: number, end: number): boolean {
  const list = BY_BYTE[b[i]];
  for (let k = 0; k < list.length; k++) {
    const e = list[k];
    const from = i - e[0];
    const len = e.length - 1;
    if (from < start || from + len > end) continue;
    let j = 0;
    while (j < len && b[from + j] === e[j + 1]) j++;
    if (j === len) return true;
  }
  return false;
}

/** Digits and the separators of dates and times (- : . , / and space). */
const STAMPISH = new Uint8Array(256);
for (const c of '0123456789-:.,/ ') STAMPISH[c.charCodeAt(0)] = 1;

/**
 * Where the keyword search of a line may start: after its leading run of digits and date/time
 * separators (with a "dd-MMM-yyyy" month), i.e. past a timestamp. No keyword lives in such a run but
 * "137", and a "137" there cannot be the exit code the catalogue looks for: that one follows "exit"
 * or "status" (error-catalogue.ts EXIT_137), which are not digits.
 */
export function keywordSearchStart(b: Uint8Array, s: number, end: number): number {
  let i = s;
  if (end - s > 8 && isDigit(b[s]) && isDigit(b[s + 1]) && b[s + 2] === 45 && b[s + 6] === 45 && isDigit(b[s + 7])) i = s + 7;
  while (i < end && STAMPISH[b[i]] !== 0) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * looksStamped (timestamps.ts) on bytes: 1 stamped, 0 not, -1 cannot tell from ASCII alone (a
 * localized month such as "3月" or "三月": the caller decodes the line).
 */
export function stampedBytes(b: Uint8Array, s: number, end: number): 1 | 0 | -1 {
  if (s >= end) return 0;
  // Character positions equal byte positions only while the bytes are ASCII.
  for (let k = s; k < s + 6 && k < end; k++) if (b[k] >= 0x80) return -1;
  const c0 = b[s];
  if (isDigit(c0)) {
    const c4 = byteAt(b, s + 4, end);
    if ((c4 === 45 || c4 === 47) && isDigit(byteAt(b, s + 3, end))) return 1;
    const c2 = byteAt(b, s + 2, end);
    if (c2 === 45 || byteAt(b, s + 1, end) === 45) return 1;
    return c2 === 58 && byteAt(b, s + 5, end) === 58 ? 1 : 0;
  }
  if (c0 >= 65 && c0 <= 90) return byteAt(b, s + 3, end) === 32 && (isDigit(byteAt(b, s + 4, end)) || isDigit(byteAt(b, s + 5, end))) ? 1 : 0;
  return 0;
}

/** b[i], or -1 past the end — a function, not a closure: this runs for every line of a 1 GB log, and
 * a closure per call was 350 MB of garbage per 300 MB of log. */
function byteAt(b: Uint8Array, i: number, end: number): number {
  return i < end ? b[i] : -1;
}

/** "at " after the indent at `i`. */
export function isAt(b: Uint8Array, i: number, end: number): boolean {
  return i + 2 < end && b[i] === 97 && b[i + 1] === 116 && b[i + 2] === 32;
}

const CAUSED = new TextEncoder().encode('Caused by: ');
const SUPPRESSED = new TextEncoder().encode('Suppressed: ');

/** "Caused by: " or "Suppressed: " at `i`: lines that change a trace's shape. */
export function isCauseOrSuppressed(b: Uint8Array, i: number, end: number): boolean {
  return bytesStartWith(b, i, end, CAUSED) || bytesStartWith(b, i, end, SUPPRESSED);
}

/** Index of the first byte after spaces and tabs from `i`. */
export function skipIndent(b: Uint8Array, i: number, end: number): number {
  while (i < end && (b[i] === 9 || b[i] === 32)) i++;
  return i;
}

const FULL_DUMP = new TextEncoder().encode('Full thread dump ');
const THREAD_ = new TextEncoder().encode('Thread ');
/** Longest line before a dump that the thread-dump reader remembers: "2026-11-24 21:43:59", "4242:", an ISO instant, a version. */
const MAX_DUMP_PREAMBLE_BYTES = 64;

/**
 * Whether the embedded thread-dump reader (dump-reader.ts, outside a dump) could claim or remember this
 * line: a superset of its tests — a quoted thread header, "Full thread dump", "Thread dump from jcmd",
 * "#12 \"name\"" / "Thread #12", and short lines starting with a digit (a bare timestamp, a pid, an
 * instant, a version). Such lines are never skipped on the fast path.
 * Invariant (tested in thread-dumps.test.ts): a line this rejects changes nothing in a reader that has
 * no dump open and weighs no lone header; while it does (reader.wantsEveryLine) nothing is skipped.
 */
export function mayConcernDumpReader(b: Uint8Array, s: number, end: number): boolean {
  if (s >= end) return false;
  const c = b[s];
  if (c === 34 /* " */ || c === 35 /* # */) return true;
  if (c === 70 /* F */) return bytesStartWith(b, s, end, FULL_DUMP);
  if (c === 84 /* T */) return bytesStartWith(b, s, end, THREAD_);
  return isDigit(c) && end - s <= MAX_DUMP_PREAMBLE_BYTES;
}

/**
 * mayConcernDumpReader on a decoded line: the same test, so a line the fast path would have let
 * through reaches the reader and every other one spares it its regexes. Characters ≤ bytes, so the
 * length limit here lets through at least what the byte version does.
 */
export function mayConcernDumpReaderText(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 34 /* " */ || c === 35 /* # */) return true;
  if (c === 70 /* F */) return text.startsWith('Full thread dump ');
  if (c === 84 /* T */) return text.startsWith('Thread ');
  return isDigit(c) && text.length <= MAX_DUMP_PREAMBLE_BYTES;
}

// ---- classifyLogLine: every byte-level test skip() makes, in one number (TextParserSpec.classify) ----

/** skip() declines the line whatever the parser's state: docker json-file / CRI partial lines, lines the dump reader may claim. */
export const CLS_DECLINE = 1;
/** A docker --timestamps / CRI prefix: skip() re-reads it (format, time) from the bytes; the bits below are of the inner line. */
export const CLS_WRAPPED = 2;
/** Starts with spaces or tabs. */
export const CLS_INDENTED = 4;
/** Indented "Caused by: " / "Suppressed: ". */
export const CLS_CAUSE = 8;
/** Indented "at ": a stack frame. Its keywords are not looked for (a frame outside a trace is dropped whatever it names). */
export const CLS_AT = 16;
/** One of KEYWORDS. */
export const CLS_KEYWORD = 32;
/** stampedBytes: 1 → CLS_STAMPED, -1 → CLS_STAMP_UNKNOWN, 0 → neither. */
export const CLS_STAMPED = 64;
export const CLS_STAMP_UNKNOWN = 128;

const scratch: WrapperBytes = { format: undefined, timeStart: 0, timeEnd: 0, inner: 0, innerEnd: 0, firstEscape: -1 };

/** What the log parser's fast path needs to know of a line, from its bytes alone (≤ 255; see the CLS_ bits). */
export function classifyLogLine(b: Uint8Array, start: number, end: number): number {
  const wrapped = wrapperBytes(b, start, end, scratch);
  if (wrapped < 0) return CLS_DECLINE;
  const s = scratch.inner;
  const json = scratch.format === 'docker-json';
  // The JVM's line: [s, end), or JSON-escaped [inner, innerEnd) in a docker json-file record.
  if (json) {
    end = scratch.innerEnd;
    if (jsonNeedsText(b, s, end, scratch.firstEscape)) return CLS_DECLINE;
  }
  if (mayConcernDumpReader(b, s, end)) return CLS_DECLINE;
  let cls = scratch.format ? CLS_WRAPPED : 0;
  const i = json ? skipJsonIndent(b, s, end) : skipIndent(b, s, end);
  if (i > s) {
    cls |= CLS_INDENTED;
    if (isCauseOrSuppressed(b, i, end)) cls |= CLS_CAUSE;
    else if (isAt(b, i, end)) cls |= CLS_AT;
  }
  if ((cls & CLS_AT) === 0 && hasKeyword(b, keywordSearchStart(b, s, end), end)) cls |= CLS_KEYWORD;
  const stamp = stampedBytes(b, s, end);
  if (stamp === 1) cls |= CLS_STAMPED;
  else if (stamp < 0) cls |= CLS_STAMP_UNKNOWN;
  return cls;
}

/** Leading spaces and JSON "\t" escapes (a tab inside a json-file record). */
function skipJsonIndent(b: Uint8Array, i: number, end: number): number {
  for (;;) {
    if (i < end && b[i] === 32) i++;
    else if (i + 1 < end && b[i] === 92 && b[i + 1] === 116) i += 2;
    else return i;
  }
}

/**
 * A json-file line whose escapes could make the byte tests above disagree with the decoded text: an
 * escape among its first characters (past any indentation) — where a timestamp, a quoted thread name
 * or a "\t三月" would be read — or a digit-led line short enough, once unescaped, for the dump reader.
 */
function jsonNeedsText(b: Uint8Array, s: number, end: number, firstEscape: number): boolean {
  const k = skipJsonIndent(b, s, end);
  for (let m = k; m < end && m < s + 16; m++) if (b[m] === 92) return true;
  return isDigit(b[s]) && firstEscape >= 0 && firstEscape < end && end - s <= 6 * MAX_DUMP_PREAMBLE_BYTES;
}
