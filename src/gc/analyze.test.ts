// The analysis on real JDK 17 logs (src/gc/fixtures, made by test/java/gc/GcWorkload.java): a leaking
// run is called a leak, an undersized heap is not, steady runs fit; pause statistics add up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../util/repo-root.js';
import { parseText } from '../parsers/parser.js';
import { gcLogParser } from '../parsers/gc-log/parse.js';
import { analyzeRuns, fit, kendallTau } from './analyze.js';
import { gcSectionOf, thin } from './section.js';

export function fixture(name: string) {
  const text = readFileSync(join(repoRoot(), 'src', 'gc', 'fixtures', name), 'utf8');
  const report = parseText(gcLogParser, text)!;
  return { report, analysis: analyzeRuns(report.runs) };
}

test('a leaking JDK 17 G1 run is a leak; the undersized ones are not', () => {
  assert.equal(fixture('jdk17-g1-leak.log').analysis[0].verdict.kind, 'leak');
  const g1 = fixture('jdk17-g1-undersized.log').analysis[0];
  assert.equal(g1.verdict.kind, 'undersized');
  assert.ok(g1.verdict.lastPercentOfLimit >= 70);
  assert.equal(fixture('jdk17-parallel-undersized.log').analysis[0].verdict.kind, 'undersized');
});

test('steady runs fit, on every JDK 17 collector', () => {
  for (const [f, collector] of [['jdk17-serial-steady.log', 'Serial'], ['jdk17-parallel-steady.log', 'Parallel'], ['jdk17-z-steady.log', 'ZGC'], ['jdk17-shenandoah-steady.log', 'Shenandoah'], ['jdk17-g1-steady.log', 'G1']] as const) {
    const { report, analysis } = fixture(f);
    assert.equal(report.runs[0].collector, collector, f);
    assert.equal(report.unrecognisedCount, 0, f);
    assert.notEqual(analysis[0].verdict.kind, 'leak', f);
    assert.notEqual(analysis[0].verdict.kind, 'undersized', f);
    assert.ok(analysis[0].pauses.count > 0, f);
  }
});

test('pause statistics and the section contract', () => {
  const { report, analysis } = fixture('jdk17-parallel-sysgc.log');
  const a = analysis[0];
  const e = report.runs[0].events;
  let total = 0;
  for (let i = 0; i < e.count; i++) total += e.durationMs[i];
  assert.equal(a.pauses.count, e.count);
  assert.ok(Math.abs(a.pauses.totalMs - total) < 0.01);
  assert.ok(a.pauses.p50Ms <= a.pauses.p95Ms && a.pauses.p95Ms <= a.pauses.p99Ms && a.pauses.p99Ms <= a.pauses.maxMs);
  assert.equal(a.explicit.count, 7, 'seven System.gc() calls');
  assert.ok(a.throughputPercent > 90 && a.throughputPercent < 100);
  const section = gcSectionOf('gc.log', report);
  const run = section.runs[0];
  assert.equal(run.collector, 'Parallel');
  assert.match(run.jvmVersion!, /^17\./);
  assert.ok(run.startedAt && !Number.isNaN(Date.parse(run.startedAt)));
  for (const k of ['count', 'totalMs', 'maxMs', 'p50Ms', 'p95Ms', 'p99Ms'] as const) assert.equal(typeof run.pauses[k], 'number');
  assert.ok(Array.isArray(run.liveSet.points));
  assert.ok(run.series!.some((s) => s.name === 'heap after GC'));
  assert.ok(run.tables!.some((t) => t.title === 'GC causes' && t.rows.some((r) => r[0] === 'System.gc()')));
  assert.doesNotThrow(() => JSON.stringify(section));
});

test('fit, Kendall tau and thinning', () => {
  const f = fit([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.equal(f.slope, 2);
  assert.equal(f.intercept, 1);
  assert.equal(f.r2, 1);
  assert.equal(kendallTau([[0, 1], [1, 2], [2, 3]]), 1);
  assert.equal(kendallTau([[0, 5], [1, 5], [2, 5]]), 0);
  const pts: [number, number][] = Array.from({ length: 10_000 }, (_, i) => [i, i % 97]);
  const t = thin(pts, 1000);
  assert.ok(t.length <= 1000);
  assert.ok(t.some((p) => p[1] === 96) && t.some((p) => p[1] === 0), 'extremes kept');
});
