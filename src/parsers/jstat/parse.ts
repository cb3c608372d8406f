// Reference: jdk.jcmd jstat — the column table src/jdk.jcmd/share/classes/sun/tools/jstat/resources/jstat_options
// (JDK 9+; jdk8u: jdk/src/share/classes/sun/tools/jstat/resources/jstat_options) and the printer
// sun/tools/jstat/RowClosure.java: numbers go through java.text.DecimalFormat in the JVM's default
// locale (so "1397760,0" on a German system), NaN prints as "-", text columns (LGCC, GCC,
// FailedMethod, Method) are left-aligned at the end of the row; `-t` adds a leading Timestamp
// column and `-h N` repeats the header every N samples.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { JstatReport, JstatSample } from './types.js';
import { identifyJstatHeader, JSTAT_COLUMN_NAMES, JSTAT_TEXT_COLUMNS, JSTAT_TIMESTAMP_COLUMN } from './columns.js';

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const COMMAND = /\bjstat\s+(-[A-Za-z]\S*.*)$/;

/** True when every token is a jstat column name (a header line). */
function isHeader(tokens: string[]): boolean {
  return tokens.length >= 3 && tokens.every((t) => JSTAT_COLUMN_NAMES.has(t));
}

function parseNumber(token: string): number | null {
  if (!NUMBER.test(token)) return null;
  return Number(token.replace(',', '.'));
}

/** Unique keys for the columns: a repeated name gets the previous column's name in front. */
function columnKeys(columns: string[]): string[] {
  const seen = new Set<string>();
  return columns.map((c, i) => {
    const key = seen.has(c) && i > 0 ? `${columns[i - 1]}${c}` : c;
    seen.add(key);
    return key;
  });
}

/** GC causes jstat prints in the GCC column when the two text cells cannot be told apart by spacing. */
const CURRENT_CAUSE_AT_END = /^(.*\S)\s+(No GC)$/;

function emptyReport(): JstatReport {
  return { option: 'unknown', columns: [], header: { value: [], line: 0, text: '' }, samples: [], problem: 'no jstat header line (S0C, NGCMN, S0, Loaded, …) found' };
}

class JstatTableBuilder {
  readonly report: JstatReport;
  readonly keys: string[];
  private readonly hasTimestamp: boolean;
  /** Index (in `columns`) of the first free-text column; columns before it are numbers. */
  private readonly firstText: number;
  private misfits = 0;
  private firstMisfit = 0;

  constructor(columns: string[], line: number, text: string) {
    const { option, columnSet } = identifyJstatHeader(columns);
    this.keys = columnKeys(columns);
    this.hasTimestamp = columns[0] === JSTAT_TIMESTAMP_COLUMN;
    const t = columns.findIndex((c) => JSTAT_TEXT_COLUMNS.has(c));
    this.firstText = t < 0 ? columns.length : t;
    this.report = { option, columns, keys: this.keys, header: { value: columns, line, text }, samples: [] };
    if (columnSet) this.report.columnSet = columnSet;
  }

  sameHeader(tokens: string[]): boolean {
    const c = this.report.columns;
    return tokens.length === c.length && tokens.every((t, i) => t === c[i]);
  }

  /** Adds a data row; returns false when the line is not one. */
  row(text: string, line: number): boolean {
    const tokens = text.trim().split(/\s+/);
    const numeric = this.firstText;
    const columns = this.report.columns;
    if (!(NUMBER.test(tokens[0]) || tokens[0] === '-')) return false;
    if (tokens.length < numeric) return this.misfit(line);
    if (numeric === columns.length && tokens.length !== numeric) return this.misfit(line);
    const values: Record<string, number | null> = {};
    for (let i = 0; i < numeric; i++) {
      const tok = tokens[i];
      if (tok !== '-' && !NUMBER.test(tok)) return this.misfit(line);
      if (i === 0 && this.hasTimestamp) continue;
      values[this.keys[i]] = tok === '-' ? null : parseNumber(tok);
    }
    const sample: JstatSample = { values, texts: {}, line, text };
    if (this.hasTimestamp) {
      const ts = parseNumber(tokens[0]);
      if (ts !== null) sample.timestamp = ts;
    }
    if (numeric < columns.length) sample.texts = this.texts(text, numeric);
    this.report.samples.push(sample);
    return true;
  }

  /** The free-text cells after the first `numeric` tokens; cells are padded, so 2+ spaces separate them. */
  private texts(text: string, numeric: number): Record<string, string> {
    const skip = new RegExp(`^\\s*(?:\\S+\\s+){${numeric}}`).exec(text + ' ');
    const rest = skip ? (text + ' ').slice(skip[0].length).trim() : '';
    const textKeys = this.keys.slice(numeric);
    const out: Record<string, string> = {};
    let parts = rest === '' ? [] : rest.split(/\s{2,}/);
    if (textKeys.length === 2 && parts.length < 2) {
      // A cause longer than the 20-character column leaves one space before the next cell.
      const m = CURRENT_CAUSE_AT_END.exec(rest);
      parts = m ? [m[1], m[2]] : parts;
    }
    textKeys.forEach((k, i) => {
      out[k] = i === textKeys.length - 1 ? parts.slice(i).join('  ') : (parts[i] ?? '');
    });
    return out;
  }

  private misfit(line: number): boolean {
    if (this.misfits++ === 0) this.firstMisfit = line;
    return true;
  }

  finish(): JstatReport {
    if (this.misfits > 0) {
      this.report.problem = `${this.misfits} row(s) do not fit the ${this.report.columns.length}-column header (first at line ${this.firstMisfit}); they were skipped`;
    }
    return this.report;
  }
}

export const jstatParser: TextParserSpec<JstatReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 200);
    const h = lines.findIndex((l) => isHeader(l.trim().split(/\s+/)));
    const byName = /jstat/i.test(name) ? 0.4 : 0;
    if (h < 0) return byName;
    const next = lines.slice(h + 1).find((l) => l.trim() !== '');
    const hasRow = next !== undefined && /^\s*(-?\d+(?:[.,]\d+)?|-)\s/.test(next);
    return hasRow ? 0.95 : Math.max(byName, 0.7);
  },
  create(): LineParser<JstatReport> {
    const tables: JstatTableBuilder[] = [];
    let current: JstatTableBuilder | undefined;
    let command: JstatReport['command'];
    return {
      line(text, line) {
        const tokens = text.trim().split(/\s+/);
        if (isHeader(tokens)) {
          // jstat -h N repeats the header: same columns, same table.
          if (current?.sameHeader(tokens)) return;
          current = new JstatTableBuilder(tokens, line, text);
          if (command) current.report.command = command;
          command = undefined;
          tables.push(current);
          return;
        }
        if (current?.row(text, line)) return;
        const m = COMMAND.exec(text);
        if (m) command = { value: `jstat ${m[1].trim()}`, line, text };
      },
      finish() {
        if (tables.length === 0) return emptyReport();
        const [first, ...rest] = tables.map((t) => t.finish());
        if (rest.length > 0) first.more = rest;
        return first;
      },
    };
  },
};
