// Reference: Tomcat org.apache.juli.OneLineFormatter (catalina.out / catalina.YYYY-MM-DD.log),
// java.util.logging.SimpleFormatter, Logback / Log4j2 / Spring Boot default patterns, docker logs
// (--timestamps, json-file) and Kubernetes CRI files, java.lang.Throwable.printStackTrace,
// org.apache.catalina.loader.WebappClassLoaderBase's leak checks, and the OutOfMemoryError family
// (see error-catalogue.ts for each message's source).
//
// A JVM service log → its Tomcat leak warnings, exception groups and catalogue errors. Built to run
// over 1 GB files: the per-line fast path is a few charCodeAt tests, at most three regex scans without
// captures and an indexOf; heavy parsing runs only on the lines that matter, and memory is bounded by
// the number of distinct groups/warnings (each capped), not by the size of the file.

import { MAX_CLASS, type LineParser, type TextParserSpec } from '../parser.js';
import { looksBinary, type SliceableBuffer } from '../../input/lines.js';
import type { LifecycleEvent, LogPoint, LogReport, TomcatLeakWarning } from './types.js';
import { ContainerUnwrapper, type ContainerFormat, jsonRecordTime, type WrapperBytes, wrapperBytes } from './container-prefix.js';
import { ErrorCatalogue } from './error-catalogue.js';
import { ZoneEvidence } from './log-zone.js';
import { ExceptionCollector, findThrowableMention, readThrowableHeader, startsTraceOf, type ThrowableHeader } from './exceptions.js';
import type { JulLevel } from './level-names.js';
import { identifyLibrary } from '../../knowledge/libraries.js';
import { type LineFormat, type LineHeader, parseHeader, parseJulBody } from './line-format.js';
import { sniffLog } from './sniff.js';
import { normaliseFrame } from './stack-frames.js';
import { isLoaderLogger, type LeakDraft, readLeakMessage, readLeakStackLine } from './tomcat-leaks.js';
import { findLeakMessage, mayHoldLeakMessage } from './leak-templates.js';
import { looksStamped, type Stamp } from './timestamps.js';
import { StampReader } from './stamp-reader.js';
import {
  CLS_AT,
  CLS_CAUSE,
  CLS_DECLINE,
  CLS_INDENTED,
  CLS_KEYWORD,
  CLS_STAMP_UNKNOWN,
  CLS_STAMPED,
  CLS_WRAPPED,
  classifyLogLine,
  mayConcernDumpReaderText,
} from './line-bytes.js';
import { createThreadDumpReader } from '../thread-dump/dump-reader.js';

/** Lines whose header is parsed for the format statistics (the format shows in the first lines). */
const FORMAT_SAMPLE_LINES = 20_000;
const MAX_LEAKS = 10_000;
const MAX_LEAK_STACK_FRAMES = 64;
const MAX_TEXT_CHARS = 1000;
/** Bytes of a skipped line kept as its timestamp (the longest stamp, RFC 3339 with nanos and zone, is ~36). */
const STAMP_BYTES = 64;

/** The classify bits that decide whether a line can be skipped as part of a run (skipLines). */
const RUN_MASK = CLS_DECLINE | CLS_WRAPPED | CLS_INDENTED | CLS_CAUSE | CLS_AT | CLS_KEYWORD | CLS_STAMPED | CLS_STAMP_UNKNOWN;
/** A plain frame line: indented "at ", no stamp-like bytes. */
const FRAME = CLS_INDENTED | CLS_AT;

/** Words that may start or name a Java throwable: gate for the exception regexes. */
const THROWABLE_HINT = /Exception|Error|Throwable|Caused by/;

/**
 * Tomcat's (and Spring Boot's) lifecycle messages: org.apache.catalina.core.StandardService ("Stopping
 * service [Catalina]"), Catalina ("A valid shutdown command was received", CatalinaShutdownHook),
 * StandardContext ("One or more listeners failed to start", "Context [/x] startup failed due to previous
 * errors", Tomcat 6/7 "Error listenerStart"), HostConfig (deployWAR, "Undeploying context") and
 * StandardContext reload ("Reloading Context with name [/x] has started"); Spring Boot's
 * "APPLICATION FAILED TO START".
 */
const LIFECYCLE: [RegExp, LifecycleEvent['kind']][] = [
  [/Stopping service \[?Catalina|CatalinaShutdownHook|valid shutdown command was received/, 'shutdown'],
  [/startup failed due to previous errors|One or more (?:listeners|Filters) failed to start|SEVERE: Error (?:listenerStart|filterStart)|Error (?:listenerStart|filterStart)$|APPLICATION FAILED TO START/, 'failed-start'],
  [/Reloading Context with name|HostConfig[ .]deployWAR|Undeploying context/, 'redeploy'],
];
const LIFECYCLE_HINT = /Stopping service|ShutdownHook|shutdown command|startup failed|failed to start|listenerStart|filterStart|Reloading Context|deployWAR|Undeploying|FAILED TO START/;
const MAX_LIFECYCLE = 200;

/**
 * `docker compose logs` / `docker-compose up` put "service-1  | " (v2) or "service_1  | " (v1) before each
 * line: the service name, its replica number, padding and a bar.
 */
const COMPOSE_PREFIX = /^[A-Za-z0-9][\w.-]*?[-_]\d+ +\| ?/;

export function stripComposePrefix(raw: string): string {
  const bar = raw.indexOf(' | ');
  if (bar <= 0 || bar > 80) return raw;
  const m = COMPOSE_PREFIX.exec(raw);
  return m ? raw.slice(m[0].length) : raw;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

class LogLineParser implements LineParser<LogReport> {
  private lines = 0;
  private skippedLines = 0;
  private readonly unwrapper = new ContainerUnwrapper();
  private readonly containers = new Map<ContainerFormat, number>();
  private readonly formats = new Map<LineFormat, number>();
  private sampled = 0;

  // The current timestamp, kept as the string that holds it and parsed only when a LogPoint is needed.
  private stampText: string | undefined;
  private stampLine = 0;
  private parsedFor: string | undefined;
  private parsed: Stamp | undefined;
  private readonly stamps = new StampReader();
  private first: LogPoint | undefined;
  private firstTries = 0;
  /** This line carries its own timestamp (a new record starts). */
  private stamped = false;

  private readonly exceptions = new ExceptionCollector();
  private readonly errors = new ErrorCatalogue();
  private readonly zone = new ZoneEvidence();
  private pendingMention: { header: ThrowableHeader; point: LogPoint; text: string } | undefined;

  // The timestamp of a line skipped on the fast path: its first bytes, decoded only when a point needs it.
  private readonly stampBytes = Buffer.alloc(STAMP_BYTES);
  private stampByteCount = -1;
  // …or still in the caller's chunk (no copy per line: release() copies it once per chunk).
  private stampRef: Buffer | undefined;
  private stampRefStart = 0;
  private stampRefEnd = 0;
  private readonly wrapper: WrapperBytes = { format: undefined, timeStart: 0, timeEnd: 0, inner: 0, innerEnd: 0, firstEscape: -1 };

  private readonly leaks: TomcatLeakWarning[] = [];
  private readonly lifecycle: LifecycleEvent[] = [];
  private leakOverflow = 0;
  private openLeak: TomcatLeakWarning | undefined;
  /** A SimpleFormatter header from WebappClassLoaderBase: its "LEVEL: message" is the next line. */
  private julHeader: { header: LineHeader; point: LogPoint } | undefined;
  /** kill -3 dumps printed among the log lines: every line is offered to it first, the lines it claims are the dump's. */
  private readonly dumps = createThreadDumpReader();

  line(raw: string, lineNo: number): void {
    if (lineNo > this.lines + 1) this.skippedLines += lineNo - this.lines - 1;
    this.lines = lineNo;
    let text = stripComposePrefix(raw);
    const c0 = text.charCodeAt(0);
    this.stamped = false;
    if (isDigit(c0) || c0 === 123) {
      const unwrapped = this.unwrapper.unwrap(text);
      if (unwrapped === undefined) return; // a partial line, completed by a later record
      text = unwrapped;
      const format = this.unwrapper.format;
      if (format) {
        this.containers.set(format, (this.containers.get(format) ?? 0) + 1);
        // The runtime's clock is on every line, in UTC: it is the line's time.
        if (this.unwrapper.time) this.setStamp(this.unwrapper.time, lineNo);
      }
    }
    // A dump's lines ("\tat …", "- locked <…> (a java.lang.OutOfMemoryError…)") are not log records:
    // read as such they would end traces and invent exceptions. Outside a dump only the lines
    // mayConcernDumpReader lets through can open or date one (the fast path relies on the same test),
    // so the reader's regexes run on those alone.
    if ((this.dumps.wantsEveryLine || mayConcernDumpReaderText(text)) && this.dumps.line(text, lineNo)) return;
    this.handle(text, lineNo);
  }

  /**
   * The fast path (LineParser.skip): true when line() on this line's decoded text would change nothing
   * but the line count, the current timestamp and the container statistics — which are kept here from
   * the bytes. Anything else (a keyword, an open leak stack, a trace's "Caused by:", the format sample,
   * non-ASCII where a timestamp would be) goes to line().
   */
  skip(b: Buffer, start: number, end: number, lineNo: number, cls = -1): boolean {
    if (this.refusesSkip()) return false;
    if (cls < 0) cls = classifyLogLine(b, start, end);
    if (cls & CLS_DECLINE) return false;
    const w = this.wrapper;
    if ((cls & CLS_WRAPPED) === 0) w.format = undefined;
    else if (b[start] === 123) jsonRecordTime(b, start, end, w);
    else wrapperBytes(b, start, end, w);
    if (this.exceptions.active) {
      if ((cls & CLS_INDENTED) === 0) {
        // A line at column 0 that carries its own timestamp is the next record: the trace is over
        // (ExceptionCollector.feed says 'end' for it whatever it holds), and the line is then taken
        // like any other below. Unstamped lines may still be the message's next line: decoded.
        if ((cls & CLS_STAMPED) === 0) return false;
        this.exceptions.end();
      } else {
        // Inside a trace indented frames are skipped; "Caused by:", "Suppressed:" and lines that
        // looksStamped might take for a timestamp ("\t三月…") are not.
        if (cls & (CLS_CAUSE | CLS_STAMPED | CLS_STAMP_UNKNOWN)) return false;
        if (cls & CLS_AT && !this.exceptions.frameWithoutText()) {
          // A frame the trace keeps (its top frames name the group): decoded here and fed straight
          // to the trace — line() would do just that, through the dump, leak and mention checks that
          // this state rules out. Binary-looking text is left to the splitter, which drops it.
          if (cls & CLS_WRAPPED) return false;
          const text = (b as SliceableBuffer).utf8Slice(start, end);
          if (looksBinary(text)) return false;
          this.stamped = false;
          this.exceptions.feed(text, false);
        }
      }
    }
    if (!this.exceptions.active) {
      // Outside a trace a frame is dropped by line() whatever it says; anything else with a keyword,
      // a timestamp we cannot read from ASCII, or a stamp inside the format sample is decoded.
      if (cls & CLS_STAMP_UNKNOWN) return false;
      if ((cls & CLS_AT) === 0) {
        if (cls & CLS_KEYWORD) return false;
        if (cls & CLS_STAMPED && this.sampled < FORMAT_SAMPLE_LINES) return false;
      }
    }
    this.advanceTo(lineNo);
    if (w.format) {
      this.containers.set(w.format, (this.containers.get(w.format) ?? 0) + 1);
      this.setStampBytes(b, w.timeStart, w.timeEnd, lineNo);
    } else if (cls & CLS_STAMPED) {
      this.setStampBytes(b, start, end, lineNo);
    }
    return true;
  }

  /** A state in which every line must be decoded: a leak's stack, a mention, a JUL header, a CRI partial line or a thread dump is open. */
  private refusesSkip(): boolean {
    return this.openLeak !== undefined || this.pendingMention !== undefined || this.julHeader !== undefined || this.unwrapper.assembling || this.dumps.wantsEveryLine;
  }

  private advanceTo(lineNo: number): void {
    if (lineNo > this.lines + 1) this.skippedLines += lineNo - this.lines - 1;
    this.lines = lineNo;
  }

  /**
   * LineParser.skipLines: skip() over a stretch of lines classified ahead, with two whole-run steps —
   * consecutive plain stamped lines (no keyword: only the last one's timestamp matters) and
   * consecutive frames of a trace that keeps none of them (only their number matters).
   */
  skipLines(b: Buffer, starts: Int32Array, ends: Int32Array, cls: Uint8Array, from: number, to: number, firstLine: number): number {
    let i = from;
    while (i < to) {
      const k = cls[i];
      if (k > MAX_CLASS) break;
      // (Only once the format sample is read and the first time found: both look at single lines.)
      if ((k & RUN_MASK) === CLS_STAMPED && this.sampled >= FORMAT_SAMPLE_LINES && (this.first !== undefined || this.firstTries >= 1000) && !this.refusesSkip()) {
        if (this.exceptions.active) this.exceptions.end();
        let j = i + 1;
        while (j < to && (cls[j] & RUN_MASK) === CLS_STAMPED) j++;
        const last = j - 1;
        this.advanceTo(firstLine + i);
        this.lines = firstLine + last;
        this.setStampBytes(b, starts[last], ends[last], firstLine + last);
        i = j;
        continue;
      }
      if ((k & RUN_MASK) === FRAME && !this.refusesSkip()) {
        let j = i + 1;
        while (j < to && (cls[j] & RUN_MASK) === FRAME) j++;
        if (!this.exceptions.active || this.exceptions.framesWithoutText(j - i)) {
          this.advanceTo(firstLine + i);
          this.lines = firstLine + j - 1;
          i = j;
          continue;
        }
      }
      if (!this.skip(b, starts[i], ends[i], firstLine + i, k)) break;
      i++;
    }
    return i - from;
  }

  private setStamp(text: string, lineNo: number): void {
    this.stampText = text;
    this.stampByteCount = -1;
    this.stampRef = undefined;
    this.stampLine = lineNo;
    // Lines that only look stamped ("12-34 …") must not cost a full parse each, forever.
    if (!this.first && this.firstTries++ < 1000) {
      const p = this.point(lineNo);
      if (p.time) this.first = p;
    }
  }

  /**
   * Fast path: a skipped line's timestamp, kept where it is in the caller's chunk — most are replaced
   * by the next line's before anyone asks — and copied by release() before the chunk may be reused.
   */
  private setStampBytes(b: Buffer, start: number, end: number, lineNo: number): void {
    this.stampRef = b;
    this.stampRefStart = start;
    this.stampRefEnd = Math.min(end, start + STAMP_BYTES);
    this.stampByteCount = -1;
    this.stampText = undefined;
    this.stampLine = lineNo;
    if (!this.first && this.firstTries < 1000) this.setStamp(b.toString('utf8', start, this.stampRefEnd), lineNo);
  }

  /** LineParser.release: the bytes given to skip() may be reused from now on; keep a copy of the timestamp. */
  release(): void {
    const b = this.stampRef;
    if (b === undefined) return;
    const n = this.stampRefEnd - this.stampRefStart;
    b.copy(this.stampBytes, 0, this.stampRefStart, this.stampRefEnd);
    this.stampByteCount = n;
    this.stampRef = undefined;
  }

  private get hasStamp(): boolean {
    return this.stampText !== undefined || this.stampByteCount >= 0 || this.stampRef !== undefined;
  }

  /** A LogPoint for `lineNo`, with the time of the latest timestamp at or before it. */
  private point(lineNo: number): LogPoint {
    if (this.stampRef !== undefined) {
      this.stampText = (this.stampRef as SliceableBuffer).utf8Slice(this.stampRefStart, this.stampRefEnd);
      this.stampRef = undefined;
    } else if (this.stampByteCount >= 0) {
      this.stampText = (this.stampBytes as SliceableBuffer).utf8Slice(0, this.stampByteCount);
      this.stampByteCount = -1;
    }
    const s = this.stampText;
    if (s === undefined) return { line: lineNo };
    if (s !== this.parsedFor) {
      this.parsedFor = s;
      this.parsed = this.stamps.read(s);
    }
    const p = this.parsed;
    return p ? { line: lineNo, time: p.time, epochMs: p.epochMs } : { line: lineNo };
  }

  private handle(text: string, lineNo: number): void {
    const c = text.charCodeAt(0);
    const ownStamp = looksStamped(text);
    if (ownStamp) {
      this.stamped = true;
      if (!this.unwrapper.time) this.setStamp(text, lineNo);
      else this.zone.both(this.unwrapper.time, text, lineNo); // runtime UTC + the JVM's wall clock: the zone
      if (this.sampled < FORMAT_SAMPLE_LINES) {
        this.sampled++;
        const h = parseHeader(text);
        if (h) this.formats.set(h.format, (this.formats.get(h.format) ?? 0) + 1);
      }
    }

    // 1. The stack of a leaked thread, announced by the warning before.
    if (this.openLeak) {
      const s = readLeakStackLine(text);
      if (s) {
        const stack = this.openLeak.stack!;
        if (s.frame && stack.length < MAX_LEAK_STACK_FRAMES) stack.push(normaliseFrame(s.frame));
        if (s.last) this.openLeak = undefined;
        return;
      }
      this.openLeak = undefined;
    }

    // 2. A mention of a throwable in the previous line stands alone unless this line starts its trace.
    if (this.pendingMention) {
      const m = this.pendingMention;
      this.pendingMention = undefined;
      if (!startsTraceOf(m.header, text)) {
        if (this.exceptions.active) this.exceptions.end();
        this.exceptions.record(m.header, m.point, m.text);
      }
    }

    // 3. A trace being assembled.
    if (this.exceptions.active) {
      const r = this.exceptions.feed(text, this.stamped);
      if (r === 'frame') return;
      if (r !== 'end') {
        this.errors.scan(text, () => this.point(lineNo));
        return;
      }
      this.exceptions.end();
    }

    // 4. The second line of a SimpleFormatter record from WebappClassLoaderBase.
    if (this.julHeader) {
      const jul = this.julHeader;
      this.julHeader = undefined;
      const body = parseJulBody(text);
      if (body) {
        this.addLeak(jul.header.method, body.level, body.levelText, undefined, text.slice(body.messageStart), text, jul.point);
        return;
      }
    }

    // 5. Indented lines outside a trace: frames of a trace we did not see start, or the throwable
    //    of a OneLineFormatter record (it indents the whole trace by a tab).
    if (c === 9 || c === 32) {
      let i = 1;
      while (text.charCodeAt(i) === 9 || text.charCodeAt(i) === 32) i++;
      if (text.startsWith('at ', i)) return;
      if (mayHoldLeakMessage(text) && this.tryLeakAnywhere(text, lineNo)) return;
      if (THROWABLE_HINT.test(text)) {
        const body = text.slice(i);
        const header = readThrowableHeader(body.startsWith('Caused by: ') ? body.slice(11) : body);
        if (header) this.exceptions.start(header, this.point(lineNo), text, i);
      }
      this.errors.scan(text, () => this.point(lineNo));
      return;
    }

    // 6. Tomcat's class-loader leak checks, and the lifecycle lines that say why the webapp stopped.
    if (this.lifecycle.length < MAX_LIFECYCLE && LIFECYCLE_HINT.test(text)) {
      for (const [re, kind] of LIFECYCLE) {
        if (re.test(text)) {
          this.lifecycle.push({ ...this.point(lineNo), kind, text: text.slice(0, MAX_TEXT_CHARS) });
          break;
        }
      }
    }
    if (text.includes('WebappClassLoader') && this.tryLeak(text, lineNo)) return;
    if (mayHoldLeakMessage(text) && this.tryLeakAnywhere(text, lineNo)) return;

    // 7. Exceptions: a trace starting on this line, or one named inside a message.
    if (THROWABLE_HINT.test(text)) {
      const body = text.startsWith('Caused by: ') ? text.slice(11) : text;
      const header = ownStamp ? undefined : readThrowableHeader(body);
      if (header) {
        this.exceptions.start(header, this.point(lineNo), text, 0);
      } else {
        const mention = findThrowableMention(text);
        if (mention) this.pendingMention = { header: mention, point: this.point(lineNo), text };
      }
    }
    this.errors.scan(text, () => this.point(lineNo));
  }

  private tryLeak(text: string, lineNo: number): boolean {
    const h = parseHeader(text);
    if (!h || !isLoaderLogger(h.logger)) return false;
    if (h.format === 'jul-simple') {
      this.julHeader = { header: h, point: this.point(lineNo) };
      return true;
    }
    return this.addLeak(h.method, h.level, h.levelText, h.thread, text.slice(h.messageStart), text, this.point(lineNo));
  }

  /** A leak message inside a line no known header explains (leak-templates.ts). */
  private tryLeakAnywhere(text: string, lineNo: number): boolean {
    const found = findLeakMessage(text);
    if (!found) return false;
    return this.addLeak(found.method, found.level, found.levelText, undefined, text.slice(found.messageStart), text, this.point(lineNo));
  }

  private addLeak(
    method: string | undefined,
    level: JulLevel | undefined,
    levelText: string | undefined,
    loggerThread: string | undefined,
    message: string,
    text: string,
    point: LogPoint,
  ): boolean {
    const d = this.readLeak(method, level, message);
    if (!d) return false;
    if (this.leaks.length >= MAX_LEAKS) {
      this.leakOverflow++;
      return true;
    }
    // One literal with every field (absent ones undefined, which JSON leaves out), in the order the
    // report prints them: objects grown field by field fell into V8's slow dictionary mode, ~5 µs each.
    const w: TomcatLeakWarning = {
      line: point.line,
      time: point.time,
      epochMs: point.epochMs,
      kind: d.kind,
      method: d.method,
      level: level ?? levelText ?? '',
      levelText: levelText ?? '',
      text: text.slice(0, MAX_TEXT_CHARS),
      messageKey: d.messageKey || undefined,
      loggerThread,
      webapp: d.webapp,
      threadName: d.threadName,
      threadPool: d.threadPool,
      keyType: d.keyType,
      valueType: d.valueType,
      subject: d.subject,
      partial: d.partial ? true : undefined,
      stack: d.expectsStack ? [] : undefined,
      library: undefined,
    };
    if (d.expectsStack) this.openLeak = w;
    this.leaks.push(w);
    return true;
  }

  // The same warnings come back at every reload (same webapp, same threads): read each text once.
  private readonly leakReadings = new Map<string, LeakDraft | null>();

  private readLeak(method: string | undefined, level: JulLevel | undefined, message: string): LeakDraft | undefined {
    const key = `${method ?? ''}\u0000${level ?? ''}\u0000${message}`;
    let d = this.leakReadings.get(key);
    if (d === undefined) {
      d = readLeakMessage(method, level, message) ?? null;
      if (this.leakReadings.size >= 2000) this.leakReadings.clear();
      this.leakReadings.set(key, d);
    }
    return d ?? undefined;
  }

  finish(): LogReport {
    const rest = this.unwrapper.flush();
    if (rest !== undefined) this.handle(rest, this.lines);
    if (this.pendingMention) {
      const m = this.pendingMention;
      this.pendingMention = undefined;
      if (this.exceptions.active) this.exceptions.end();
      this.exceptions.record(m.header, m.point, m.text);
    }
    this.openLeak = undefined;
    const ex = this.exceptions.result();
    const er = this.errors.result();
    for (const w of this.leaks) {
      const library = identifyLibrary({ threadName: w.threadName, frames: w.stack, types: [w.keyType, w.valueType, w.subject] });
      if (library) w.library = library.name;
    }
    const dumps = this.dumps.finish();
    const notes = [...ex.notes, ...er.notes, ...dumps.notes];
    if (this.leakOverflow > 0) notes.push(`${this.leakOverflow} further Tomcat leak warning(s) were counted but not listed: the ${MAX_LEAKS}-warning cap was reached`);
    if (this.skippedLines > 0) notes.push(`${this.skippedLines} line(s) looked binary and were skipped`);
    let format: string = 'plain';
    let best = 0;
    for (const [f, n] of this.formats) {
      if (n > best) {
        best = n;
        format = f;
      }
    }
    const report: LogReport = {
      format,
      lines: this.lines,
      tomcatLeaks: this.leaks,
      exceptions: ex.groups,
      errors: er.hits,
      notes,
    };
    if (dumps.dumps.length > 0) report.threadDumps = dumps.dumps;
    if (this.lifecycle.length > 0) report.lifecycle = this.lifecycle;
    if (this.first) report.first = this.first;
    if (this.hasStamp) {
      const last = this.point(this.stampLine);
      if (last.time) report.last = last;
    }
    let container: ContainerFormat | undefined;
    let most = 0;
    for (const [f, n] of this.containers) {
      if (n > most) {
        most = n;
        container = f;
      }
    }
    if (container && most * 2 >= this.lines) report.container = container;
    const zone = this.zone.result(report.first, report.last);
    if (zone) report.zone = zone;
    return report;
  }
}

export const logParser: TextParserSpec<LogReport> = {
  sniff: sniffLog,
  create: () => new LogLineParser(),
  classify: classifyLogLine,
};
