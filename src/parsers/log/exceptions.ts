// Java exceptions in a log: multi-line assembly (header, frames, "Caused by:", "Suppressed:",
// "... N more") and deduplication into groups by signature — the class, the message with numbers
// and ids blanked, the top frames and the cause chain — so 10 000 identical failures are one group
// with a count and first/last times. Memory is bounded by the number of groups (capped), not by the
// number of occurrences: a repeat occurrence keeps only string references until it is counted.
//
// Reference: java.lang.Throwable.printStackTrace (the "Caused by: " / "\tSuppressed: " / "\t... N more"
// layout, enclosing traces indented one more tab per suppression level); Tomcat's OneLineFormatter
// indents the whole trace by one tab.

import type { ExceptionGroup, JavaThrowable, LogPoint } from './types.js';
import { normaliseFrame } from './stack-frames.js';
import { BusiestMinute } from './busiest-minute.js';
import { isReportedThrowable } from './reported-throwable.js';

export interface ThrowableHeader {
  className: string;
  message: string;
}

// A fully qualified throwable class ("java.lang.OutOfMemoryError", "a.b.C$InnerException") and its
// message, as Throwable.toString prints them: ": " between the two ("a.B:count=3" is not a throwable).
const HEADER = /^(?:Exception in thread "[^"]*" )?((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:Exception|Error|Throwable|Failure|Fault)[\w$]*)(?::(?:\s(.*))?)?$/;
// After "Caused by: " any class is a throwable.
const ANY_CLASS = /^((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)(?::\s?(.*))?$/;
// A throwable mentioned inside a message ("… nested exception is java.lang.OutOfMemoryError: …");
// isReportedThrowable then tells a printed throwable from a mere mention of its class.
const MENTION = /(?:^|[^\w$.])((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))(?::\s([^"<]*))?/g;

/** "java.lang.IllegalStateException: boom" / "Exception in thread "main" java.lang.OutOfMemoryError: …" at the start of `text`. */
export function readThrowableHeader(text: string): ThrowableHeader | undefined {
  const m = HEADER.exec(text);
  return m ? { className: m[1], message: (m[2] ?? '').trim() } : undefined;
}

/** A throwable named in the middle of a message, when no trace follows it. */
export function findThrowableMention(text: string): ThrowableHeader | undefined {
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    if (isReportedThrowable(text, start, start + m[1].length)) {
      let message = m[2] ?? '';
      // "threw exception [java.lang.OutOfMemoryError: Metaspace] with root cause": the bracket ends the message.
      if (text.charCodeAt(start - 1) === 91 /* [ */) {
        const close = message.lastIndexOf(']');
        if (close >= 0) message = message.slice(0, close);
      }
      return { className: m[1], message: message.trim() };
    }
    // Look again from just after this name: a later one on the line may be the printed throwable.
    MENTION.lastIndex = start + m[1].length;
  }
  return undefined;
}

/**
 * Whether `line`, the line after a message that mentioned `mention`, starts that throwable's own
 * printed trace (a logger's message, then the trace of the same exception) — not another throwable
 * of the same class, such as a message-less one after a mention with a message.
 */
export function startsTraceOf(mention: ThrowableHeader, line: string): boolean {
  const start = line.trimStart();
  const h = readThrowableHeader(start);
  if (!h) return start.startsWith(mention.className);
  if (h.className !== mention.className) return false;
  // A mention's message may be cut (at a quote, a bracket, a '<'): a prefix of the trace's is the same.
  if (mention.message === '' || h.message === '') return mention.message === h.message;
  return h.message.startsWith(mention.message) || mention.message.startsWith(h.message);
}

const MAX_FRAMES_KEPT = 64;
const MAX_MESSAGE_CHARS = 2000;
const MAX_MESSAGE_LINES = 5;
const SIGNATURE_FRAMES = 3;

/** Blanks what differs between occurrences of the same failure: numbers, hex ids, UUIDs. */
export function normaliseMessage(message: string): string {
  return message
    .slice(0, 300)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/0x[0-9a-f]+/gi, '0x#')
    .replace(/@[0-9a-f]{4,}\b/gi, '@#')
    .replace(/\d+(?!x#)/g, '#');
}

interface Part {
  header: ThrowableHeader;
  /** Raw frame lines (references into the input), at most MAX_FRAMES_KEPT. */
  frames: string[];
}

/** What a continuation line was to the trace being assembled. */
export type FeedResult = 'frame' | 'cause' | 'message' | 'end';

export class ExceptionCollector {
  private readonly groups = new Map<string, ExceptionGroup>();
  /** The same groups by signature head (class, message, top frames), then by cause classes. */
  private readonly byHead = new Map<string, Map<string, ExceptionGroup>>();
  /** Each group's busiest minute, tracked as occurrences arrive (bounded by the group cap). */
  private readonly minutes = new Map<ExceptionGroup, BusiestMinute>();
  private overflow = 0;
  private cur: Part | undefined;
  private chain: Part[] = [];
  private point: LogPoint | undefined;
  private text = '';
  private baseIndent = 0;
  /** Frames since the header: 0 means a following plain line may still be the message's next line. */
  private frameCount = 0;
  private messageLines = 0;
  private pendingMessage: string[] = [];
  /** Inside a "Suppressed:" block: its lines are absorbed, not part of the cause chain. */
  private suppressedIndent = -1;

  // Lean mode. Once the outer throwable's top frames are read, its signature prefix (class, message,
  // top frames) is known; when a group already has that prefix this occurrence is almost surely a
  // repeat, and its remaining frames (the bulk of a 1 GB log full of traces) are only counted, never
  // stored — nor decoded, on the fast path (parse.ts skip). A variant with a new cause chain seen this
  // way becomes a group with its top frames only (framesIncomplete), completed by its next occurrence.
  private readonly knownPrefixes = new Set<string>();
  private readonly incompletePrefixes = new Map<string, number>();
  private prefix: string | undefined;
  private lean = false;

  constructor(private readonly maxGroups = 1000) {}

  get active(): boolean {
    return this.cur !== undefined;
  }

  /** Starts a trace at its header line (`indent` = leading whitespace before the class name). */
  start(header: ThrowableHeader, point: LogPoint, text: string, indent: number): void {
    if (this.cur) this.end();
    this.cur = { header: { className: header.className, message: header.message }, frames: [] };
    this.chain = [this.cur];
    this.point = point;
    this.text = text;
    this.baseIndent = indent;
    this.frameCount = 0;
    this.messageLines = 0;
    if (this.pendingMessage.length > 0) this.pendingMessage = [];
    this.suppressedIndent = -1;
    this.prefix = undefined;
    this.lean = false;
  }

  /** The frame line being fed would be stored: the caller must pass its text. */
  private keepsFrame(): boolean {
    return !this.lean && this.suppressedIndent < 0 && this.cur!.frames.length < MAX_FRAMES_KEPT;
  }

  /**
   * A frame line ("at …", indented) known from its bytes: counted without its text when the trace
   * does not keep it; false when it does (the caller then feeds the decoded line).
   */
  frameWithoutText(): boolean {
    if (this.keepsFrame()) return false;
    if (this.frameCount++ === 0) this.adoptMessageLines();
    return true;
  }

  /** frameWithoutText for `n` frame lines in a row (the trace keeps all of them or none). */
  framesWithoutText(n: number): boolean {
    if (this.keepsFrame()) return false;
    if (this.frameCount === 0) this.adoptMessageLines();
    this.frameCount += n;
    return true;
  }

  private noteFrameKept(): void {
    if (this.chain.length !== 1 || this.cur!.frames.length !== SIGNATURE_FRAMES) return;
    const outer = this.chain[0];
    this.prefix = this.signatureHead(outer);
    this.lean = this.knownPrefixes.has(this.prefix) && !this.incompletePrefixes.has(this.prefix);
  }

  // The previous trace's head and what it was made of: a repeat (same class, same message once
  // normalised, same raw top frames) gets the very same string back — no frame normalising, no join,
  // and the maps that key on it find their hash already computed.
  private lastHead: { className: string; message: string; frames: string[]; head: string } | undefined;

  private signatureHead(outer: Part): string {
    const message = normaliseMessage(outer.header.message);
    const n = Math.min(SIGNATURE_FRAMES, outer.frames.length);
    const last = this.lastHead;
    if (last !== undefined && last.className === outer.header.className && last.message === message && last.frames.length === n) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = last.frames[i] === outer.frames[i];
      if (same) return last.head;
    }
    const top: string[] = [];
    for (let i = 0; i < n; i++) top.push(this.frame(outer.frames[i]));
    const head = [outer.header.className + ': ' + message, ...top].join(' | ');
    this.lastHead = { className: outer.header.className, message, frames: outer.frames.slice(0, n), head };
    return head;
  }

  /** How many frames the current part keeps so far (the index the next kept frame will have). */
  get keptFrames(): number {
    return this.cur?.frames.length ?? 0;
  }

  private adoptMessageLines(): void {
    if (this.pendingMessage.length === 0) return;
    const h = this.chain[this.chain.length - 1].header;
    h.message = [h.message, ...this.pendingMessage].join('\n').slice(0, MAX_MESSAGE_CHARS);
    this.pendingMessage = [];
  }

  /** Records a throwable that has no trace (one mentioned in a message): an occurrence of its own. */
  record(header: ThrowableHeader, point: LogPoint, text: string): void {
    this.start(header, point, text, 0);
    this.end();
  }

  /** A line following the header. On 'end' the trace is over and the caller must end() it and treat the line afresh. */
  feed(text: string, stamped: boolean): FeedResult {
    let indent = 0;
    for (let c = text.charCodeAt(0); c === 9 || c === 32; c = text.charCodeAt(++indent));
    const c = text.charCodeAt(indent);
    if (c === 97 /* a */ && text.startsWith('at ', indent)) {
      if (this.frameCount++ === 0) this.adoptMessageLines();
      if (this.keepsFrame()) {
        this.cur!.frames.push(text);
        this.noteFrameKept();
      }
      return 'frame';
    }
    if (c === 46 /* . */ && text.startsWith('... ', indent)) return 'frame';
    if (c === 67 /* C */ && text.startsWith('Caused by: ', indent)) {
      // A suppressed exception's own causes are printed at its "Suppressed:" indent or deeper.
      if (this.suppressedIndent >= 0 && indent >= this.suppressedIndent) return 'cause';
      this.suppressedIndent = -1;
      const m = ANY_CLASS.exec(text.slice(indent + 11).trimEnd());
      const part: Part = { header: { className: m ? m[1] : text.slice(indent + 11).trim(), message: (m?.[2] ?? '').trim() }, frames: [] };
      this.chain.push(part);
      this.cur = part;
      return 'cause';
    }
    if (c === 83 /* S */ && text.startsWith('Suppressed: ', indent)) {
      this.suppressedIndent = indent;
      return 'cause';
    }
    if (indent > 0) return 'frame'; // indented text inside a trace ("[CIRCULAR REFERENCE: …]", a pasted remark)
    if (this.frameCount === 0 && !stamped && text.length > 0 && this.messageLines < MAX_MESSAGE_LINES && !HEADER.test(text)) {
      // Maybe a multi-line exception message (its next lines come before the first frame) — or
      // just the next log line after a frame-less one ("Dumping heap to …"): kept aside until a frame decides.
      this.messageLines++;
      this.pendingMessage.push(text);
      return 'message';
    }
    return 'end';
  }

  // The same top frames repeat in every occurrence of a group: normalise each distinct line once.
  private readonly frameCache = new Map<string, string>();

  private frame(raw: string): string {
    let f = this.frameCache.get(raw);
    if (f === undefined) {
      f = normaliseFrame(raw);
      if (this.frameCache.size >= 10_000) this.frameCache.clear();
      this.frameCache.set(raw, f);
    }
    return f;
  }

  /** The trace is complete: count it in its group. */
  end(): void {
    if (!this.cur || !this.point) return;
    const outer = this.chain[0];
    const causes = this.chain.slice(1);
    const head = this.prefix ?? this.signatureHead(outer);
    // Looked up by head, then by cause chain: `head` was hashed once already (knownPrefixes), and the
    // full signature string is built only for a new group — a 1 GB log has ~300 k occurrences.
    let byCauses = this.byHead.get(head);
    const causeKey = causes.length === 0 ? '' : causes.length === 1 ? causes[0].header.className : causes.map((p) => p.header.className).join(' | ');
    const signature = (): string => (causeKey === '' ? head : `${head} | ${causeKey}`);
    // A miss may still be a known signature reached another way (a message holding " | "): same group.
    const group = byCauses?.get(causeKey) ?? this.groups.get(signature());
    if (group) {
      group.count++;
      group.last = this.point;
      this.minutes.get(group)?.add(this.point);
      if (group.framesIncomplete && !this.lean) {
        // A full occurrence of a group first seen in lean mode: its frames, at last.
        group.throwable = toThrowable(outer);
        group.causes = causes.map(toThrowable);
        delete group.framesIncomplete;
        this.release(head);
      }
    } else if (this.groups.size < this.maxGroups) {
      const g: ExceptionGroup = {
        signature: signature(),
        throwable: toThrowable(outer),
        causes: causes.map(toThrowable),
        count: 1,
        first: this.point,
        last: this.point,
        text: this.text.trim().slice(0, MAX_MESSAGE_CHARS),
      };
      if (this.lean) {
        g.framesIncomplete = true;
        this.incompletePrefixes.set(head, (this.incompletePrefixes.get(head) ?? 0) + 1);
      }
      this.groups.set(g.signature, g);
      if (byCauses === undefined) this.byHead.set(head, (byCauses = new Map()));
      byCauses.set(causeKey, g);
      const minutes = new BusiestMinute();
      minutes.add(this.point);
      this.minutes.set(g, minutes);
      if (this.prefix !== undefined) this.knownPrefixes.add(this.prefix);
    } else {
      this.overflow++;
    }
    this.cur = undefined;
    this.chain = [];
    this.point = undefined;
    this.prefix = undefined;
    this.lean = false;
  }

  private release(head: string): void {
    const n = (this.incompletePrefixes.get(head) ?? 1) - 1;
    if (n > 0) this.incompletePrefixes.set(head, n);
    else this.incompletePrefixes.delete(head);
  }

  result(): { groups: ExceptionGroup[]; notes: string[] } {
    this.end();
    const notes: string[] = [];
    if (this.overflow > 0) {
      notes.push(`${this.overflow} exception occurrence(s) of further distinct kinds were not grouped: the ${this.maxGroups}-group cap was reached`);
    }
    const incomplete = [...this.groups.values()].filter((g) => g.framesIncomplete).length;
    if (incomplete > 0) {
      notes.push(`${incomplete} exception group(s) list only their top frames: seen once, as a variant (other cause) of a more frequent trace`);
    }
    for (const [g, minutes] of this.minutes) {
      const peak = g.count > 1 ? minutes.result() : undefined;
      if (peak) g.peak = peak;
    }
    return { groups: [...this.groups.values()], notes };
  }
}

function toThrowable(p: Part): JavaThrowable {
  return { className: p.header.className, message: p.header.message.slice(0, MAX_MESSAGE_CHARS), frames: p.frames.map(normaliseFrame) };
}
