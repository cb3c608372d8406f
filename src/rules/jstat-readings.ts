// Every jstat table, column by column in plain words (the seed's engineer needed a page of notes), and
// what repeated samples add: GC rate, GC time share, full:young ratio, old generation and metaspace
// trends. One finding per jstat table; it warns when the samples show GC eating the CPU, frequent full
// GCs, an old generation whose live set grows after every full GC, or metaspace that keeps growing.
// Reference: jdk.jcmd jstat_options (column meanings, see parsers/jstat/columns.ts).

import { defineRule, type FindingDraft } from './define.js';
import type { Severity } from '../model/finding.js';
import { ref } from '../diagnosis/facts.js';
import { deriveJstat, growing, type JstatDerived, type Trend } from '../diagnosis/jstat-trends.js';
import { jstatColumnInfo, JSTAT_TIMESTAMP_COLUMN } from '../parsers/jstat/columns.js';
import type { JstatReport } from '../parsers/jstat/types.js';
import { formatBytes, KB } from '../util/bytes.js';

/** GC time above this share of wall time is a problem (the Parallel collector's GCTimeRatio=99 aims at 1 %). */
export const GC_TIME_SHARE_WARN = 0.1;
export const FULL_GC_PER_MINUTE_WARN = 1;

function cell(value: number | null | undefined, unit: string): string {
  if (value === null) return '– (not applicable)';
  if (value === undefined) return '';
  switch (unit) {
    case 'KB': return formatBytes(value * KB);
    case 'percent': return `${value.toFixed(1)} %`;
    case 'seconds': return `${value.toFixed(3)} s`;
    default: return String(value);
  }
}

function trendText(t: Trend): string {
  const f = (v: number) => (t.unit === 'KB' ? formatBytes(v * KB) : t.unit === 'percent' ? `${v.toFixed(1)} %` : String(v));
  return `${f(t.first)} → ${f(t.last)}`;
}

function readingFinding(report: JstatReport, file: string, pid: string): FindingDraft | undefined {
  const samples = report.samples;
  if (samples.length === 0) return undefined;
  const last = samples[samples.length - 1];
  const first = samples[0];
  const keys = report.keys ?? report.columns;
  const rows: (string | number)[][] = [];
  keys.forEach((key, i) => {
    const column = report.columns[i];
    if (column === JSTAT_TIMESTAMP_COLUMN) return;
    const info = jstatColumnInfo(report.option, key) ?? jstatColumnInfo(report.option, column);
    const unit = info?.unit ?? 'count';
    const value = unit === 'text' ? last.texts[key] ?? '' : cell(last.values[key], unit);
    const across = samples.length > 1 && unit !== 'text' && first.values[key] != null && last.values[key] != null && first.values[key] !== last.values[key] ? `${cell(first.values[key], unit)} → ${value}` : '';
    rows.push([column === key ? column : `${column} (${key})`, info?.meaning ?? 'not a column jvmdoctor knows', value, across]);
  });

  const d: JstatDerived = deriveJstat(report);
  const points: string[] = [];
  const explain: string[] = [];
  const labels: string[] = [];
  let severity: Severity = 'info';
  const facts: Record<string, number | string | boolean> = { option: report.option, samples: samples.length };
  const v = last.values;
  if (v.YGC != null && v.FGC != null && v.YGC > 0) facts.fullToYoungRatio = Number((v.FGC / v.YGC).toFixed(3));
  if (report.option === 'gcutil' || report.option === 'gccause') {
    const util = ['S0', 'S1', 'E', 'O', 'M', 'CCS'].filter((k) => v[k] != null).map((k) => `${k} ${v[k]!.toFixed(0)} %`);
    if (util.length) points.push(`Utilisation now: ${util.join(', ')} (each of its space's current capacity).`);
  }
  if (last.texts.LGCC) points.push(`The last collection was caused by "${last.texts.LGCC}".`);

  if (d.wallSeconds !== undefined) {
    facts.wallSeconds = Number(d.wallSeconds.toFixed(3));
    if (d.youngGcPerMinute !== undefined) facts.youngGcPerMinute = Number(d.youngGcPerMinute.toFixed(2));
    if (d.fullGcPerMinute !== undefined) facts.fullGcPerMinute = Number(d.fullGcPerMinute.toFixed(2));
    if (d.gcTimeShare !== undefined) facts.gcTimeShare = Number(d.gcTimeShare.toFixed(4));
    const rate = [
      d.youngGcs !== undefined ? `${d.youngGcs} young GC(s) (${d.youngGcPerMinute!.toFixed(1)}/min)` : '',
      d.fullGcs !== undefined ? `${d.fullGcs} full GC(s) (${d.fullGcPerMinute!.toFixed(1)}/min)` : '',
    ].filter(Boolean).join(' and ');
    const share = d.gcTimeShare !== undefined ? `; GC took ${(d.gcTimeShare * 100).toFixed(1)} % of the time` : '';
    if (rate || share) points.push(`Over ${d.wallSeconds.toFixed(1)} s of samples (${d.timeBasis}): ${rate || 'GC counters'}${share}.`);
    if (d.gcTimeShare !== undefined && d.gcTimeShare > GC_TIME_SHARE_WARN) {
      severity = 'warning';
      labels.push(`GC takes ${(d.gcTimeShare * 100).toFixed(0)} % of the time`);
      explain.push(`GC used ${(d.gcTimeShare * 100).toFixed(0)} % of the wall-clock time between the samples (a healthy service stays near 1–5 %). The heap is too small for the live data, or the live data keeps growing.`);
    }
    if (d.fullGcPerMinute !== undefined && d.fullGcs! >= 2 && d.fullGcPerMinute >= FULL_GC_PER_MINUTE_WARN) {
      severity = 'warning';
      labels.push(`${d.fullGcPerMinute.toFixed(1)} full GCs per minute`);
      explain.push(`${d.fullGcPerMinute.toFixed(1)} full GCs per minute: the old generation (or metaspace) reaches its threshold again and again. Each full GC of the Parallel/Serial collectors stops the application.`);
    }
  } else if (samples.length > 1) {
    points.push(`${samples.length} samples, but no -t Timestamp column or jstat command line to tell the time between them: rates cannot be computed (run \`jstat -gc -t ${pid} 1000 60\`).`);
  }
  if (d.old && samples.length > 1) {
    facts.oldFirst = d.old.first;
    facts.oldLast = d.old.last;
    if (growing(d.old)) points.push(`The old generation grew ${trendText(d.old)} (${d.old.column}).`);
  }
  if (d.oldAfterFullGcRising) {
    severity = 'warning';
    const vals = d.oldAfterFullGcRising.values.map((x) => (d.oldAfterFullGcRising!.unit === 'KB' ? formatBytes(x * KB) : `${x.toFixed(1)} %`));
    facts.oldAfterFullGcRising = true;
    labels.push('the live set grows after every full GC');
    points.push(`After each full GC the old generation held more: ${vals.join(' → ')}.`);
    explain.push('What survives a full GC is live data. When it rises after every full GC, something keeps references it should drop (a cache without bounds, a listener list, sessions, a leaked class loader): take a heap dump (`jmap -dump:live,format=b,file=heap.hprof <pid>`) and look at the dominators.');
  }
  if (d.metaspace && growing(d.metaspace)) {
    severity = 'warning';
    facts.metaspaceGrowing = true;
    labels.push('metaspace keeps growing');
    points.push(`Metaspace grew ${trendText(d.metaspace)} (${d.metaspace.column}) between the samples.`);
    explain.push('Metaspace holds class metadata; it grows while classes are loaded and shrinks only when their class loader is collected. Steady growth after start-up means classes keep being defined — generated proxies, scripting engines, or a redeployed webapp whose class loader is still referenced (a class-loader leak).');
  }
  if (d.classes && growing(d.classes, 0.05)) {
    facts.classesLoadedGrowth = d.classes.last - d.classes.first;
    points.push(`Classes loaded went ${trendText(d.classes)}${d.classes.unloaded === 0 ? ' and none were unloaded' : ''}.`);
    if (d.classes.unloaded === 0 && d.classes.last - d.classes.first >= 500) {
      severity = 'warning';
      labels.push('classes keep being loaded, none unloaded');
      explain.push('Thousands of classes loaded while the application runs, none unloaded: classes are being generated or loaded by new class loaders that are never released. `jcmd <pid> VM.classloader_stats` and `jcmd <pid> GC.class_histogram` show which loaders and classes grow.');
    }
  }

  const name = `jstat -${report.option === 'unknown' ? '?' : report.option}`;
  return {
    severity,
    title: labels.length ? `${name}: ${labels.join('; ')}` : `${name}, column by column`,
    summary: points.length ? points.join(' ') : `One ${name} sample; every column is explained in the table.`,
    evidence: [ref(file, report.header.line, report.header.text), ref(file, last.line, last.text), ...(samples.length > 1 ? [ref(file, first.line, first.text)] : [])],
    explanation: [
      ...explain,
      'jstat prints sizes in KB and counters since the JVM started; capacity columns (…C, …CMX) are what is reserved or committed, usage columns (…U) and percentages what is in use now.',
    ].join('\n'),
    recommendations: samples.length > 1 ? [] : [{ action: 'Take repeated samples', detail: `\`jstat -gcutil -t ${pid} 1000 60\` (a sample a second for a minute) shows GC rate, GC time share and whether the old generation and metaspace keep growing.` }],
    facts,
    // Values keep jstat's own units per column (KB, %, counts, seconds), so they stay text as jstat printed them.
    tables: [{
      columns: [{ label: 'Column', type: 'text' }, { label: 'Meaning', type: 'text' }, { label: samples.length > 1 ? 'Last value' : 'Value', type: 'text' }, { label: 'First → last', type: 'text' }],
      rows: samples.length > 1 ? rows : rows.map((r) => [r[0], r[1], r[2], '']),
    }],
  };
}

export const jstatReadings = defineRule({
  id: 'jstat-readings',
  maxSeverity: 'warning',
  reads: ['jstat', 'jps'],
  tier: 'context',
  description: 'Explains every jstat column in plain words and derives GC rate, GC time share, full:young ratio and old-generation/metaspace trends from repeated samples.',
  run({ case: c, facts }, report) {
    const pid = String(facts.javaPid ?? '<pid>');
    const out: FindingDraft[] = [];
    for (const item of c.of('jstat')) {
      for (const report of [item.data, ...(item.data.more ?? [])]) {
        const f = readingFinding(report, item.file, pid);
        if (f) out.push(f);
      }
    }
    for (const f of out) report(f);
  },
});
