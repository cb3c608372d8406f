import type { OomId } from '../../knowledge/oom-errors.js';
import type { Sourced } from '../parser.js';
import type { ThreadDump } from '../thread-dump/types.js';

/** A point in a log: its line and, when the line carried a timestamp, the time. */
export interface LogPoint {
  line: number;
  /** The timestamp as written ("23-Mar-2023 13:12:50.636"). */
  time?: string;
  /** The same instant in ms since the epoch, when it could be parsed (local times read as UTC). */
  epochMs?: number;
}

/** What a Tomcat class-loader leak check reported (WebappClassLoaderBase.clearReferences*, checkThreadLocal*). */
export type TomcatLeakKind =
  | 'thread' // a webapp started a thread and failed to stop it
  | 'thread-stopped' // Tomcat stopped it (clearReferencesStopThreads)
  | 'timer' // a java.util.Timer thread
  | 'threadlocal' // a ThreadLocal value not removed
  | 'jdbc-driver' // a JDBC driver registered and not deregistered
  | 'rmi-target' // an RMI target left registered
  | 'other';

export interface TomcatLeakWarning extends LogPoint {
  kind: TomcatLeakKind;
  /** The Tomcat method that logged it: "clearReferencesThreads", "checkThreadLocalMapForLeaks". */
  method: string;
  /** Tomcat message key when recognised (webappClassLoader.warnThread, …). */
  messageKey?: string;
  /** Level in English (SEVERE, WARNING, INFO, …) and as printed (严重, 警告, WARNUNG, …). */
  level: string;
  levelText: string;
  /** The logging thread ("Catalina-utility-1", "localhost-startStop-2"). */
  loggerThread?: string;
  webapp?: string;
  /** Leaked thread's name, as far as the (possibly mangled) line lets us read it. */
  threadName?: string;
  /** The thread name with its per-thread counter removed: the pool it belongs to (jvm/thread-names.ts poolOf, as in thread dumps). */
  threadPool?: string;
  /** The leaked thread's stack, when the message carried one (frames as "pkg.Class.method(File.java:N)"). */
  stack?: string[];
  keyType?: string;
  valueType?: string;
  /** JDBC driver class, RMI target, … */
  subject?: string;
  text: string;
  /** The library that owns the leaked thread or ThreadLocal ("Elasticsearch TransportClient", "Netty"), when recognisable. */
  library?: string;
  /** The line was cut or mangled (unbalanced brackets): the fields above are a best-effort reading. */
  partial?: boolean;
}

export interface JavaThrowable {
  className: string;
  message: string;
  /** Frames normalised to "pkg.Class.method(File.java:N)" (the seed's "method (File.java:N)" form too). */
  frames: string[];
}

/** One distinct exception (same class, message shape and top frames), with how often and when it occurred. */
export interface ExceptionGroup {
  signature: string;
  throwable: JavaThrowable;
  /** Caused by: chain, outermost first. */
  causes: JavaThrowable[];
  count: number;
  first: LogPoint;
  last: LogPoint;
  /** First line of the first occurrence, verbatim. */
  text: string;
  /** Only the top frames are listed (first seen as a variant of a known trace; see exceptions.ts lean mode). */
  framesIncomplete?: boolean;
  /** The minute with the most occurrences: its first occurrence and the count in that minute (timestamped logs only). */
  peak?: LogPeak;
}

/** The busiest minute of a group: where its first occurrence in that minute is, and how many fell in it (busiest-minute.ts). */
export interface LogPeak extends LogPoint {
  count: number;
}

/** Entries of the out-of-memory catalogue (knowledge/oom-errors.ts): one id per message kind. */
export type ErrorId = OomId;

export interface ErrorHit extends LogPoint {
  id: ErrorId;
  text: string;
  /** Numbers and names read from the message: sizes in bytes (physicalBytes, maxPhysicalBytes, totalBytes,
   * maxBytes, requestedBytes, allocatedBytes, limitBytes), pointerClass ("IntPointer"), elements, pid … */
  values: Record<string, number | string>;
  /** How many lines carried this same message with the same values (identical hits are folded); 1 when absent. */
  count?: number;
  /** The last of those lines, when count > 1. */
  last?: LogPoint;
  /** When count > 1 and the lines were timestamped: the minute with the most of them. */
  peak?: LogPeak;
}

/** What a log's timestamps say about its time zone (log-zone.ts). */
export interface LogZone {
  /**
   * 'utc': its timestamps carry a zone (a container runtime's stamps, ISO 8601 with Z or an offset): the
   * points' epochMs are UTC instants. 'local': they carry none (Tomcat, Logback, JUL defaults): epochMs
   * is the server's wall clock read as UTC. 'mixed': the first and last stamps differ in this.
   */
  kind: 'utc' | 'local' | 'mixed';
  /**
   * The UTC offset (minutes; 480 = UTC+08:00) of the log's own zone-less stamps, inferred from lines that
   * carry both a runtime's UTC stamp and the JVM's local one, rounded to 15 minutes.
   */
  utcOffsetMinutes?: number;
  /** Where that offset showed: the first such line (both stamps), lines sampled and how many agreed. */
  offsetEvidence?: { line: number; text: string; samples: number; agreeing: number };
}

/** A line that says what Tomcat (or the app server) was doing: stopping, failing to start, redeploying. */
export interface LifecycleEvent extends LogPoint {
  kind: 'shutdown' | 'failed-start' | 'redeploy';
  text: string;
}

export interface LogReport {
  /** The line format recognised most often ("tomcat-oneline", "jul-simple", "logback", "plain", …). */
  format: string;
  lines: number;
  first?: LogPoint;
  last?: LogPoint;
  tomcatLeaks: TomcatLeakWarning[];
  /** Server lifecycle lines (capped), which tell a shutdown or a failed start from a redeploy. */
  lifecycle?: LifecycleEvent[];
  exceptions: ExceptionGroup[];
  errors: ErrorHit[];
  /** Things the reader should know about this file (skipped binary lines, truncated lines, caps hit). */
  notes: string[];
  /** The container runtime's wrapper around each line, when there was one ("docker-timestamps", "docker-json", "cri"). */
  container?: string;
  /** Thread dumps printed into the log (`kill -3` / SIGQUIT writes them to the JVM's stdout, i.e. catalina.out), in file order. */
  threadDumps?: ThreadDump[];
  /** Whether its times are UTC or a zone-less wall clock, and the wall clock's UTC offset when it shows. */
  zone?: LogZone;
}

export type { Sourced };
