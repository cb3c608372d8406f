// Turns a HeapReport into Findings for `diagnose` (rules heap-leak-suspect and heap-top-consumers):
// one finding per leak suspect, plus an informational one naming the biggest consumers.

import type { Finding } from '../model/finding.js';
import { formatBytes } from '../util/bytes.js';
import type { HeapReport } from '../model/heap-report.js';

/** Suspects retaining at least this share of the heap are critical; smaller ones are warnings. */
const CRITICAL_PERCENT = 30;

export function heapReportFindings(report: HeapReport): Finding[] {
  return [...leakSuspectFindings(report), ...topConsumerFindings(report)];
}

export function leakSuspectFindings(report: HeapReport, file = report.summary.file): Finding[] {
  return report.leakSuspects.map((s, i) => ({
    ruleId: 'heap-leak-suspect',
    severity: s.percentOfHeap >= CRITICAL_PERCENT ? 'critical' : 'warning',
    title: `${s.className} retains ${formatBytes(s.retainedBytes)} (${s.percentOfHeap}% of the heap)`,
    summary: s.description,
    evidence: [{ file, excerpt: `${s.title}: ${s.path}` }],
    explanation:
      'In the heap dump, everything this object (or group of objects) dominates would be freed if it were gone: ' +
      'it is the single biggest reason that memory is in use. The path shows who holds it, starting at a GC root.',
    recommendations: [{
      action: s.field
        ? `Find out why ${s.field} keeps growing`
        : s.accumulationPoint
          ? `Find out why ${s.accumulationPoint.className} keeps growing`
          : s.spread
            ? `Find out why ${s.spread.instances.toLocaleString('en-US')} ${s.spread.className} objects pile up below ${s.className}`
            : `Find out why ${s.className} is kept`,
      detail: s.accumulationPoint
        ? `The memory piles up in ${s.accumulationPoint.className} ${s.accumulationPoint.objectId} (${formatBytes(s.accumulationPoint.retainedBytes)}); bound or clear that collection, or release its owner when done. Path: ${s.path}`
        : `Release it when done, or size the heap for it. Path: ${s.path}`,
    }],
    facts: { retainedBytes: s.retainedBytes, percentOfHeap: s.percentOfHeap, objectId: s.objectId, instances: s.instances },
    // Below the OutOfMemoryError that made the dump (85+): the error first, then what filled the heap.
    score: Math.min(80, s.percentOfHeap) - i,
  }));
}

export function topConsumerFindings(report: HeapReport, file = report.summary.file): Finding[] {
  const out: Finding[] = [];
  const top = report.histogram.slice(0, 5);
  if (top.length > 0) {
    out.push({
      ruleId: 'heap-top-consumers',
      severity: 'info',
      title: `Heap dump: ${formatBytes(report.summary.reachableBytes)} reachable in ${report.summary.objects.toLocaleString('en-US')} objects`,
      summary: `Biggest classes by shallow size: ${top.map((h) => `${h.className} ${formatBytes(h.shallowBytes)}`).join(', ')}.`,
      evidence: [{ file, excerpt: `${report.summary.objects} objects, ${report.summary.classes} classes` }],
      explanation: 'Shallow sizes are the JVM\'s own (they match `jcmd GC.class_histogram`).',
      recommendations: [],
      table: { columns: ['class', 'instances', 'shallow bytes', 'retained bytes'], rows: top.map((h) => [h.className, h.instances, h.shallowBytes, h.retainedBytes]) },
    });
  }
  return out;
}
