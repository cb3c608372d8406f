// The canonical JSON report of `jvmdoctor diagnose --format json`. This file is the documentation of
// that public contract: scripts depend on it. Extend it with optional fields; when a field must change
// meaning or go away, bump SCHEMA_VERSION and say so in CHANGELOG.md.

import type { Finding } from './finding.js';
import type { EvidenceKind } from './kinds.js';

export const SCHEMA_VERSION = 1;

export interface DiagnosisReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'jvmdoctor'; version: string };
  /** ISO-8601 time the report was made. */
  generatedAt: string;
  /** Files that were read and used, in input order. */
  inputs: InputSummary[];
  /** Files that could not be used, each with the reason. */
  unused: { file: string; reason: string; kind?: EvidenceKind }[];
  /** Ranked: critical first, then warning, then info; within a severity, strongest evidence first. */
  findings: Finding[];
  summary: { critical: number; warning: number; info: number };
}

export interface InputSummary {
  file: string;
  kind: EvidenceKind;
  bytes: number;
  lines?: number;
  encoding?: string;
  /** For a section of a pasted terminal transcript: the command whose output it is, and its lines. */
  section?: string;
  /** Problems met while reading that did not stop the analysis. */
  notes: string[];
  /**
   * Logs only: whether the file's times are UTC instants ('utc': runtime or ISO 8601 stamps with a zone)
   * or a zone-less wall clock ('local'), and the wall clock's UTC offset in minutes when lines carrying
   * both a runtime UTC stamp and the JVM's own stamp showed it (480 = UTC+08:00).
   */
  zone?: { kind: 'utc' | 'local' | 'mixed'; utcOffsetMinutes?: number };
}

export type { Finding };
