// The report document, schemaVersion 2: the one document every command produces (`diagnose`, `heap`,
// `gc`, later `collect`) and every renderer maps (text, md, json, html; the web UI reads the JSON).
// This file is the documentation of that public contract: scripts depend on it. Extend it with
// optional fields; when a field must change meaning or go away, bump SCHEMA_VERSION and say so in the
// README ("Report document").
//
// Rules of the document:
// - Numbers stay numbers. A table cell holds a number in the unit its column's `type` names (bytes,
//   milliseconds, percent 0–100, a count); units, thousands separators, bars and colours are drawn
//   only by renderers (src/report/).
// - Text written for the user (titles, summaries, explanations) is complete sentences with numbers
//   and units already in words: renderers never compose sentences.
// - Time series (`Series`) carry raw points; charts are drawn by renderers.

import type { HeapDiff } from './heap-diff.js';
import type { EvidenceKind } from './kinds.js';
import type { EvidenceRef, Recommendation, Severity } from './finding.js';
import type { HeapReport } from './heap-report.js';

export const SCHEMA_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// Typed tables and series

/**
 * What a column's numbers are. `bytes`: bytes; `count`: a plain count; `percent`: 0–100 (may exceed
 * 100 only where the text says why); `duration`: milliseconds; `number`: a unitless number (ratios);
 * `time`: an ISO-8601 string or epoch milliseconds; `text`: a string.
 */
export type ColumnType = 'text' | 'bytes' | 'count' | 'percent' | 'duration' | 'number' | 'time';

export interface TableColumn {
  /** Header as the user reads it ("Retained", "Pause p99"). */
  label: string;
  type: ColumnType;
  /** Optional stable key for scripts ("retainedBytes"); renderers use `label`. */
  key?: string;
  /** A hint for renderers: draw this numeric column's cells as bars on one scale (the memory budget). */
  bar?: boolean;
}

/** A cell: a number in its column's unit, a string, or null for "not known". */
export type TableCell = string | number | null;

export interface Table {
  /** Short caption ("Memory budget", "Pauses by cause"). */
  title?: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** When `rows` is a prefix of a longer list (top 20 of 3,812 classes): how many there are. */
  totalRows?: number;
}

/** Units of series values. */
export type SeriesUnit = 'bytes' | 'ms' | 'percent' | 'count' | 'bytes/s' | 'number';

export interface Series {
  /** What the line shows ("heap after GC", "live set after full GC", "pause"). */
  name: string;
  unit: SeriesUnit;
  /**
   * What x is: `uptime-ms` (milliseconds since JVM start), `epoch-ms` (wall clock, UTC), or `index`
   * (sample number, e.g. jstat rows without -t).
   */
  x: 'uptime-ms' | 'epoch-ms' | 'index';
  /** [x, y] pairs in x order. */
  points: [number, number][];
  /** How to draw it: a line (default), points (pauses), or steps (capacity). */
  style?: 'line' | 'points' | 'step';
  /** A fitted trend to draw over the points (the live-set slope): y = intercept + slope·x. */
  trend?: { slope: number; intercept: number };
}

// ---------------------------------------------------------------------------------------------
// Findings

/**
 * Where a finding ranks within a severity, named (memlab's ordered tiers instead of magic numbers):
 * `cause` — why the process failed or will fail: the limit that was hit and what filled it (JavaCPP's
 * cap, an OutOfMemoryError's limit, an OOM kill by the container limit, a leak suspect, leaked class
 * loaders or threads, a deadlock); then `consequence` — what follows from a cause without being one
 * (GC thrashing, long pauses); then `context` — readings that explain the system (jstat columns,
 * configuration, the host). Within a tier, findings follow rule order (src/rules/index.ts).
 */
export type Tier = 'cause' | 'consequence' | 'context';

/** The tiers in rank order (first ranks highest). */
export const TIERS: readonly Tier[] = ['cause', 'consequence', 'context'];

export interface DocumentFinding {
  /** Stamped by the rule framework from the rule's id; rules never write it. */
  ruleId: string;
  severity: Severity;
  tier: Tier;
  title: string;
  summary: string;
  evidence: EvidenceRef[];
  explanation: string;
  recommendations: Recommendation[];
  /** Machine-readable numbers behind the text (bytes, counts, ratios), for scripts and the UI. */
  facts?: Record<string, number | string | boolean>;
  /** Typed tables (the memory budget, a jstat reading, a pause table). */
  tables?: Table[];
  /** Time series behind the finding (live set after full GC, RSS samples). */
  series?: Series[];
}

/** What every rule reports and every renderer draws (schemaVersion 1 called it Finding too). */
export type Finding = DocumentFinding;

// ---------------------------------------------------------------------------------------------
// Inputs

/** Why a file could not be used, as a stable code (the `reason` says it in words). */
export type UnusedCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'not-recognised'
  | 'truncated'
  | 'unsupported-archive'
  | 'too-deep'
  | 'cache-file'
  | 'other';

export interface UnusedInput {
  file: string;
  code: UnusedCode;
  reason: string;
  kind?: EvidenceKind;
}

/** A problem or remark met while reading an input that did not stop its analysis. */
export interface InputNote {
  /** `problem`: something was wrong with the input (cut lines, a missing row); `note`: a remark. */
  level: 'problem' | 'note';
  text: string;
  line?: number;
}

export interface DocumentInput {
  file: string;
  kind: EvidenceKind;
  bytes: number;
  lines?: number;
  encoding?: string;
  /** For a section of a pasted terminal transcript: the command whose output it is. */
  section?: string;
  /** Kept from schemaVersion 1: every note and problem as text. */
  notes: string[];
  /** The same, with their level and line (parser problems and notes reach the report here). */
  problems?: InputNote[];
  /** Logs only: UTC instants or a zone-less wall clock, and the inferred offset in minutes. */
  zone?: { kind: 'utc' | 'local' | 'mixed'; utcOffsetMinutes?: number };
}

// ---------------------------------------------------------------------------------------------
// Sections: what a command adds beyond findings

/** One analysed heap dump: the heap analysis report (src/model/heap-report.ts) and its file. */
export type HeapSection = Omit<HeapReport, 'schemaVersion'> & { file: string };

export type GcCollector = 'Serial' | 'Parallel' | 'CMS' | 'G1' | 'ZGC' | 'Generational ZGC' | 'Shenandoah';

/** Public contract of issue 12 (`sections.gc[]`): extend, never rename. */
export interface GcSection {
  file: string;
  runs: GcRun[];
}

export interface GcRun {
  collector: GcCollector | 'Unknown';
  jvmVersion?: string;
  /** ISO-8601, when the log says (date stamps or a header). */
  startedAt?: string;
  /** GC events read (pauses and concurrent cycles). */
  events: number;
  pauses: { count: number; totalMs: number; maxMs: number; p50Ms: number; p95Ms: number; p99Ms: number };
  /** Share of wall time not paused, 0–100. */
  throughputPercent: number;
  liveSet: {
    /** [uptime ms, bytes after a full/mixed/old collection]. */
    points: [number, number][];
    /** Least-squares slope; null when there are too few points to say. */
    slopeBytesPerHour: number | null;
    /** 0–1: how much of the variation the trend explains and how many points support it. */
    confidence: number;
  };
  tables?: Table[];
  series?: Series[];
  /** Leak or undersized, from the live set (src/gc/analyze.ts verdictOf), with its confidence 0–1. */
  verdict?: { kind: 'leak' | 'undersized' | 'fits' | 'unknown'; confidence: number; reason: string; hoursToOom: number | null };
  /** Lines of the log this run spans, 1-based. */
  lines?: { first: number; last: number };
  /** More numbers of the run (ms, bytes, bytes/s, counts), for scripts: wallMs, concurrentMs, allocationBytesPerSec, … */
  summary?: Record<string, number | string | boolean | null>;
  /** Command-line flags from the log's header (JDK 8 `CommandLine flags:`, `-Xlog:arguments`). */
  flags?: string[];
}

/** What `collect` gathered (the bundle's manifest, summarised). */
export interface CollectSection {
  bundle: string;
  target: string;
  steps: { name: string; status: 'ok' | 'failed' | 'skipped'; ms: number; bytes?: number; reason?: string }[];
  /** Names of the values redacted (never the values). */
  redactions: string[];
}

export interface Sections {
  heaps?: HeapSection[];
  /** `heap diff`: what grew between two dumps (src/model/heap-diff.ts). */
  heapDiff?: HeapDiff;
  gc?: GcSection[];
  collect?: CollectSection;
}

// ---------------------------------------------------------------------------------------------
// The document

export type DocumentCommand = 'diagnose' | 'heap' | 'gc' | 'collect';

export interface ReportDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'jvmdoctor'; version: string };
  /** The command that made it. */
  command: DocumentCommand;
  /** ISO-8601 time the report was made. */
  generatedAt: string;
  /** Inputs read and used, in input order. */
  inputs: DocumentInput[];
  /** Inputs that could not be used, each with a code and the reason. */
  unused: UnusedInput[];
  /** Ranked: severity, then tier (cause, consequence, context), then rule order. */
  findings: DocumentFinding[];
  summary: { critical: number; warning: number; info: number };
  sections: Sections;
}
