// What grew between two heap dumps: a pure function of their two reports (no model needed, so it
// works from the reports kept beside the dumps and inside `diagnose`). Per class from the complete
// histograms; per biggest object and accumulation point by the path from the GC roots, since object
// ids change between dumps (a GC moves objects) while the chain of fields that holds them does not.

import type { HeapReport, PathStep } from '../model/heap-report.js';
import type { ClassDelta, DominatorDelta, HeapDiff, HeapDiffSide } from '../model/heap-diff.js';

export interface DiffOptions {
  /** How many class rows to keep (default: all that changed). */
  classes?: number;
  /** How many grown dominators to keep (default 20). */
  grown?: number;
}

/** A path's identity across dumps: fields and classes, no ids, no array indexes, no elided counts. */
export function pathSignature(steps: PathStep[]): string {
  return steps.map((s) => `${normalizeField(s.field)} → ${s.className}`).join(' / ');
}

function normalizeField(field: string): string {
  return field.replace(/\[\d+\]/g, '[]').replace(/\d[\d,]* (steps?|more)/g, 'N $1');
}

/** Readable form of a path (the same normalisation). */
function pathText(steps: PathStep[]): string {
  return steps.map((s) => `${normalizeField(s.field)} → ${s.className}`).join(" → ");
}

function side(file: string, r: HeapReport): HeapDiffSide {
  return { file, timestamp: r.summary.timestamp, objects: r.summary.objects, reachableBytes: r.summary.reachableBytes, ...(r.summary.semantics ? { semantics: r.summary.semantics } : {}) };
}

interface Group { path: string; className: string; kind: DominatorDelta['kind']; count: number; retained: number; objectId: string }

function groups(r: HeapReport): Map<string, Group> {
  const out = new Map<string, Group>();
  const add = (key: string, g: Omit<Group, 'count' | 'retained'>, retained: number) => {
    const hit = out.get(key);
    if (hit) {
      hit.count++;
      hit.retained += retained;
    } else out.set(key, { ...g, count: 1, retained });
  };
  const byId = new Map<string, PathStep[]>();
  for (const d of r.dominators) {
    byId.set(d.objectId, d.pathToRoot);
    const sig = pathSignature(d.pathToRoot);
    add(`d:${sig}`, { path: pathText(d.pathToRoot), className: d.className, kind: 'dominator', objectId: d.objectId }, d.retainedBytes);
  }
  for (const s of r.leakSuspects) {
    const ap = s.accumulationPoint;
    if (!ap) continue;
    // The accumulation point hangs below its suspect: the suspect's path plus the class found there.
    const steps = byId.get(s.objectId) ?? [];
    const base = steps.length ? pathText(steps) : s.path;
    const via = s.field ? ` → ${s.field}` : '';
    add(`a:${steps.length ? pathSignature(steps) : s.path}${via} ⇒ ${ap.className}`, { path: `${base}${via} ⇒ … → ${ap.className}`, className: ap.className, kind: 'accumulation point', objectId: ap.objectId }, ap.retainedBytes);
  }
  return out;
}

export function diffHeapReports(beforeFile: string, before: HeapReport, afterFile: string, after: HeapReport, opts: DiffOptions = {}): HeapDiff {
  const warnings: string[] = [];
  const sb = before.summary.semantics ?? 'strong';
  const sa = after.summary.semantics ?? 'strong';
  if (sb !== sa) warnings.push(`the dumps were analysed with different semantics (${sb}, ${sa}): retained sizes are not comparable`);
  if (Date.parse(after.summary.timestamp) < Date.parse(before.summary.timestamp)) {
    warnings.push(`the "after" dump (${after.summary.timestamp}) was written before the "before" dump (${before.summary.timestamp}): growth reads as shrinkage`);
  }

  const rows = new Map<string, ClassDelta>();
  const row = (className: string) => {
    let r = rows.get(className);
    if (!r) rows.set(className, (r = { className, instancesBefore: 0, instancesAfter: 0, instancesDelta: 0, shallowBefore: 0, shallowAfter: 0, shallowDelta: 0, retainedBefore: 0, retainedAfter: 0, retainedDelta: 0 }));
    return r;
  };
  for (const h of before.histogram) {
    const r = row(h.className);
    r.instancesBefore += h.instances;
    r.shallowBefore += h.shallowBytes;
    r.retainedBefore += h.retainedBytes;
  }
  for (const h of after.histogram) {
    const r = row(h.className);
    r.instancesAfter += h.instances;
    r.shallowAfter += h.shallowBytes;
    r.retainedAfter += h.retainedBytes;
  }
  const changed: ClassDelta[] = [];
  for (const r of rows.values()) {
    r.instancesDelta = r.instancesAfter - r.instancesBefore;
    r.shallowDelta = r.shallowAfter - r.shallowBefore;
    r.retainedDelta = r.retainedAfter - r.retainedBefore;
    if (r.instancesDelta !== 0 || r.shallowDelta !== 0 || r.retainedDelta !== 0) changed.push(r);
  }
  changed.sort((a, b) => b.retainedDelta - a.retainedDelta || b.shallowDelta - a.shallowDelta || b.instancesDelta - a.instancesDelta || a.className.localeCompare(b.className));

  const gb = groups(before);
  const ga = groups(after);
  const grown: DominatorDelta[] = [];
  for (const [key, a] of ga) {
    const b = gb.get(key);
    const delta = a.retained - (b?.retained ?? 0);
    if (delta <= 0) continue;
    grown.push({
      path: a.path, className: a.className, kind: a.kind,
      countBefore: b?.count ?? 0, countAfter: a.count,
      retainedBefore: b?.retained ?? 0, retainedAfter: a.retained, retainedDelta: delta,
      objectIdAfter: a.objectId,
    });
  }
  grown.sort((x, y) => y.retainedDelta - x.retainedDelta || x.path.localeCompare(y.path));

  return {
    before: side(beforeFile, before),
    after: side(afterFile, after),
    reachableDelta: after.summary.reachableBytes - before.summary.reachableBytes,
    classes: opts.classes === undefined ? changed : changed.slice(0, opts.classes),
    changedClasses: changed.length,
    grown: grown.slice(0, opts.grown ?? 20),
    warnings,
  };
}

/** Are two dumps of one application (same command line, JVM and working folder)? undefined: cannot tell. */
export function sameApplication(a: HeapReport, b: HeapReport): boolean | undefined {
  const pa = a.summary.systemProperties;
  const pb = b.summary.systemProperties;
  if (!pa || !pb) return undefined;
  const keys = ['sun.java.command', 'java.home', 'java.vm.version', 'user.dir'];
  if (!keys.some((k) => pa[k] !== undefined)) return undefined;
  return keys.every((k) => pa[k] === pb[k]);
}
