// Container runtimes wrap every line the JVM wrote; this strips the wrapper so the rest of the parser
// sees the JVM's own line (a stack frame stays a stack frame), and keeps the runtime's timestamp.
//
// Reference:
//  - `docker logs --timestamps`: "<RFC3339Nano> <line>" (moby daemon/logger; Go's RFC3339Nano trims
//    trailing zeros of the fraction, so the prefix length varies).
//  - Kubernetes CRI log files: "<RFC3339Nano> <stdout|stderr> <P|F> <line>", P = partial line continued by
//    the next record (kubernetes/cri-api, pkg/kubelet/kuberuntime/logs).
//  - Docker json-file driver: one {"log":"…\n","stream":"stdout","time":"…"} object per line; a line longer
//    than 16 KB is split into records whose "log" lacks the trailing \n (moby daemon/logger/jsonfilelog).

export type ContainerFormat = 'docker-timestamps' | 'cri' | 'docker-json';

/** Longest partial line kept while reassembling (a runaway partial must not grow without bound). */
const MAX_PARTIAL_CHARS = 64 * 1024;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Stateful, allocation-free for plain lines: `unwrap` returns the JVM's line (or undefined while a
 * partial line is being reassembled) and leaves the runtime's timestamp in `time`.
 */
export class ContainerUnwrapper {
  /** The runtime's timestamp of the last unwrapped line, undefined when the line had no wrapper. */
  time: string | undefined;
  /** The wrapper of the last line. */
  format: ContainerFormat | undefined;
  private partial = '';
  private partialActive = false;

  unwrap(text: string): string | undefined {
    this.time = undefined;
    this.format = undefined;
    const c0 = text.charCodeAt(0);
    if (isDigit(c0)) return this.unwrapStamped(text);
    if (c0 === 123 && text.startsWith('{"log":')) return this.unwrapJson(text);
    return text;
  }

  private unwrapStamped(text: string): string | undefined {
    // 2023-03-23T05:12:50.636123456Z  (T at 10, ':' at 13 and 16)
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return text;
    const space = text.indexOf(' ', 19);
    if (space < 0 || space > 40) return text;
    const last = text.charCodeAt(space - 1);
    const zoned = last === 90 || (isDigit(last) && text.charCodeAt(space - 3) === 58 && (text.charCodeAt(space - 6) === 43 || text.charCodeAt(space - 6) === 45));
    if (!zoned) return text;
    // CRI: "<ts> stdout F <line>"
    if ((text.startsWith('stdout ', space + 1) || text.startsWith('stderr ', space + 1)) && text.charCodeAt(space + 9) === 32) {
      const tag = text.charCodeAt(space + 8);
      if (tag === 70 || tag === 80) {
        this.time = text.slice(0, space);
        this.format = 'cri';
        return this.assemble(text.slice(space + 10), tag === 80);
      }
    }
    // docker logs -t prints UTC with a fixed 9-digit fraction (jsonmessage.RFC3339NanoFixed); an
    // application's own ISO stamp ("…50.636Z  WARN 1 --- [main]", Spring Boot 3) has 3 digits.
    if (last !== 90 || text.charCodeAt(19) !== 46 || space - 21 < 7) return text;
    this.time = text.slice(0, space);
    this.format = 'docker-timestamps';
    return text.slice(space + 1);
  }

  private unwrapJson(text: string): string | undefined {
    let rec: { log?: unknown; time?: unknown };
    try {
      rec = JSON.parse(text);
    } catch {
      return text; // a truncated record: show it as is rather than lose it
    }
    if (typeof rec.log !== 'string') return text;
    this.format = 'docker-json';
    if (typeof rec.time === 'string') this.time = rec.time;
    const log = rec.log;
    const complete = log.endsWith('\n');
    let body = complete ? log.slice(0, -1) : log;
    if (body.endsWith('\r')) body = body.slice(0, -1);
    return this.assemble(body, !complete);
  }

  private assemble(body: string, partial: boolean): string | undefined {
    if (partial) {
      if (this.partial.length < MAX_PARTIAL_CHARS) this.partial += body.slice(0, MAX_PARTIAL_CHARS - this.partial.length);
      this.partialActive = true;
      return undefined;
    }
    if (!this.partialActive) return body;
    const whole = this.partial + body;
    this.partial = '';
    this.partialActive = false;
    return whole;
  }

  /** A partial line is being reassembled: the next records complete it. */
  get assembling(): boolean {
    return this.partialActive;
  }

  /** A partial line left over at the end of the input (the last record was cut). */
  flush(): string | undefined {
    if (!this.partialActive) return undefined;
    const rest = this.partial;
    this.partial = '';
    this.partialActive = false;
    return rest;
  }
}

/**
 * What wrapperBytes found: the runtime's timestamp is bytes [timeStart, timeEnd), the JVM's line is
 * bytes [inner, innerEnd) — JSON-escaped for docker-json (see jsonRecordBytes).
 */
export interface WrapperBytes {
  format: ContainerFormat | undefined;
  timeStart: number;
  timeEnd: number;
  inner: number;
  innerEnd: number;
  /** docker-json: the first backslash (escape) of the line, or -1. */
  firstEscape: number;
}

/**
 * unwrapStamped on a line's UTF-8 bytes, for the parser's fast path: fills `out` and returns 1 for a
 * docker --timestamps or complete CRI line, 0 for a line without a wrapper, -1 when only the string
 * path can say (a CRI partial line, a JSON record, non-ASCII bytes where the wrapper would be).
 */
export function wrapperBytes(b: Uint8Array, s: number, end: number, out: WrapperBytes): 1 | 0 | -1 {
  out.format = undefined;
  out.inner = s;
  out.innerEnd = end;
  out.timeStart = s;
  out.firstEscape = -1;
  const c0 = b[s];
  if (c0 === 123) return jsonRecordBytes(b, s, end, out);
  if (!isDigit(c0)) return 0;
  if (end - s < 20 || b[s + 4] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58 || b[s + 16] !== 58) return 0;
  let space = -1;
  for (let k = s + 19; k < end && k <= s + 40; k++) {
    const c = b[k];
    if (c >= 0x80) return -1;
    if (c === 32) {
      space = k;
      break;
    }
  }
  if (space < 0) return 0;
  const last = b[space - 1];
  const zoned = last === 90 || (isDigit(last) && b[space - 3] === 58 && (b[space - 6] === 43 || b[space - 6] === 45));
  if (!zoned) return 0;
  const w = space + 1;
  if (w + 8 < end && b[w + 8] === 32 && (b[w + 7] === 70 || b[w + 7] === 80)) {
    const stream = String.fromCharCode(b[w], b[w + 1], b[w + 2], b[w + 3], b[w + 4], b[w + 5], b[w + 6]);
    if (stream === 'stdout ' || stream === 'stderr ') {
      if (b[w + 7] === 80) return -1; // P: a partial line, reassembled on the string path
      out.format = 'cri';
      out.timeEnd = space;
      out.inner = space + 10;
      return 1;
    }
  }
  if (last !== 90 || b[s + 19] !== 46 || space - s - 21 < 7) return 0;
  out.format = 'docker-timestamps';
  out.timeEnd = space;
  out.inner = space + 1;
  return 1;
}

const enc = new TextEncoder();
const LOG_KEY = enc.encode('{"log":"');
const STREAM_KEY = enc.encode('","stream":"');
const TIME_KEY = enc.encode('","time":"');
const STDOUT = enc.encode('stdout');
const STDERR = enc.encode('stderr');

/** bytes[i..] start with `w` (within `end`). Shared with line-bytes.ts. */
export function bytesStartWith(b: Uint8Array, i: number, end: number, w: Uint8Array): boolean {
  if (i + w.length > end) return false;
  for (let k = 0; k < w.length; k++) if (b[i + k] !== w[k]) return false;
  return true;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Characters the parser's keywords are made of: a \u escape of one would hide a keyword from a byte search. */
function keywordChar(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122) || cp === 32 || cp === 45 || cp === 95;
}

/**
 * A docker json-file record on bytes, for the fast path: exactly {"log":"…\n","stream":"stdout"|"stderr",
 * "time":"…"} as moby's jsonfilelog writes it, a complete line (the log ends with the \n escape), valid
 * JSON escapes and no escaped character a keyword could contain. Anything else is -1: the string path
 * (JSON.parse, partial-line reassembly) decides. `inner`..`innerEnd` is the still-escaped line without
 * its "\n" (and "\r"); unwrapJson on the string gives the same line unescaped.
 */
function jsonRecordBytes(b: Uint8Array, s: number, end: number, out: WrapperBytes): 1 | -1 {
  if (!bytesStartWith(b, s, end, LOG_KEY)) return -1;
  const innerStart = s + LOG_KEY.length;
  let lastEscape = -1;
  let prevEscape = -1;
  let firstEscape = -1;
  let i = innerStart;
  for (; i < end; i++) {
    const c = b[i];
    if (c === 34) break;
    if (c < 0x20) return -1; // a raw control character: not JSON, JSON.parse fails, the string path shows the raw line
    if (c !== 92) continue;
    prevEscape = lastEscape;
    lastEscape = i;
    if (firstEscape < 0) firstEscape = i;
    const e = b[i + 1];
    if (e === 117) {
      if (i + 5 >= end) return -1;
      const d0 = hexDigit(b[i + 2]);
      const d1 = hexDigit(b[i + 3]);
      const d2 = hexDigit(b[i + 4]);
      const d3 = hexDigit(b[i + 5]);
      if ((d0 | d1 | d2 | d3) < 0) return -1;
      if (keywordChar((d0 << 12) | (d1 << 8) | (d2 << 4) | d3)) return -1;
      i += 5;
    } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
      i += 1;
    } else {
      return -1;
    }
  }
  if (i >= end) return -1;
  const quote = i;
  // A complete line ends with the \n escape; a 16 KB piece of a longer one does not (reassembled on the string path).
  if (lastEscape !== quote - 2 || b[quote - 1] !== 110) return -1;
  let innerEnd = quote - 2;
  if (prevEscape === innerEnd - 2 && b[innerEnd - 1] === 114) innerEnd -= 2; // "\r\n": unwrapJson drops the \r too
  if (!bytesStartWith(b, quote, end, STREAM_KEY)) return -1;
  i = quote + STREAM_KEY.length;
  if (!bytesStartWith(b, i, end, STDOUT) && !bytesStartWith(b, i, end, STDERR)) return -1;
  i += 6;
  if (!bytesStartWith(b, i, end, TIME_KEY)) return -1;
  i += TIME_KEY.length;
  const timeStart = i;
  for (; i < end && b[i] !== 34; i++) if (b[i] < 0x20 || b[i] === 92 || b[i] >= 0x80) return -1;
  // An empty time is no time for unwrapJson either, but it would be one here: the string path decides.
  if (i === timeStart || i + 2 !== end || b[i + 1] !== 125) return -1;
  out.format = 'docker-json';
  out.inner = innerStart;
  out.innerEnd = innerEnd;
  out.timeStart = timeStart;
  out.timeEnd = i;
  out.firstEscape = firstEscape;
  return 1;
}

/**
 * The runtime's time of a line classify already found to be a docker json-file record (it ends with
 * `"time":"…"}`), read from its tail instead of walking the whole record again.
 */
export function jsonRecordTime(b: Uint8Array, s: number, end: number, out: WrapperBytes): void {
  const timeEnd = end - 2;
  let i = timeEnd - 1;
  while (i > s && b[i] !== 34) i--;
  out.format = 'docker-json';
  out.timeStart = i + 1;
  out.timeEnd = timeEnd;
}
