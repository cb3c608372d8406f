// `jvmdoctor gc` end to end on real JDK 17 logs (src/gc/fixtures): the public JSON contract of issue 12
// (sections.gc[] = { file, runs: [{ collector, jvmVersion, startedAt, events, pauses, throughputPercent,
// liveSet }] }), exit codes, Markdown with chart files beside it, HTML with inline charts, bad input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, runCli, tempDir } from '../support.js';

const fx = (n: string) => join(repoRoot(), 'src', 'gc', 'fixtures', n);

test('gc --json: the sections.gc contract, the verdict, findings citing the log', () => {
  const r = runCli(['gc', fx('jdk17-g1-leak.log'), fx('jdk17-g1-undersized.log'), '--json', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.command, 'gc');
  assert.equal(doc.sections.gc.length, 2);
  const [leak, under] = doc.sections.gc;
  assert.match(leak.file, /jdk17-g1-leak\.log$/);
  const run = leak.runs[0];
  assert.equal(run.collector, 'G1');
  assert.match(run.jvmVersion, /^17\.0\./);
  assert.ok(!Number.isNaN(Date.parse(run.startedAt)));
  assert.ok(run.events > 0);
  for (const k of ['count', 'totalMs', 'maxMs', 'p50Ms', 'p95Ms', 'p99Ms']) assert.equal(typeof run.pauses[k], 'number', k);
  assert.ok(run.throughputPercent > 0 && run.throughputPercent <= 100);
  assert.ok(run.liveSet.points.length >= 3);
  assert.equal(typeof run.liveSet.slopeBytesPerHour, 'number');
  assert.ok(run.liveSet.confidence > 0 && run.liveSet.confidence <= 1);
  assert.equal(run.verdict.kind, 'leak');
  assert.equal(under.runs[0].verdict.kind, 'undersized');
  const live = doc.findings.filter((f: { ruleId: string }) => f.ruleId === 'gc-live-set');
  assert.equal(live.length, 2);
  for (const f of doc.findings) for (const e of f.evidence) assert.ok(e.line > 0 && e.excerpt.length > 0, `${f.ruleId} cites a line`);
});

test('gc exit codes: 1 on a critical finding by default, 0 with --fail-on none, 2 without a GC log', () => {
  assert.equal(runCli(['gc', fx('jdk17-g1-undersized.log')]).status, 1);
  assert.equal(runCli(['gc', fx('jdk17-z-steady.log')]).status, 0);
  const t = tempDir();
  try {
    const notGc = join(t.path, 'notes.txt');
    writeFileSync(notGc, 'hello\nworld\n');
    const r = runCli(['gc', notGc]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no GC log/);
    assert.equal(runCli(['gc', join(t.path, 'missing.log')]).status, 2);
  } finally {
    t.cleanup();
  }
});

test('gc --format md --out writes SVG charts beside the report and links them; html inlines them', () => {
  const t = tempDir();
  try {
    const out = join(t.path, 'report.md');
    const r = runCli(['gc', fx('jdk17-parallel-sysgc.log'), '--format', 'md', '--out', out, '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const md = readFileSync(out, 'utf8');
    const charts = readdirSync(join(t.path, 'report-charts'));
    assert.ok(charts.includes('gc1-run1-heap.svg') && charts.includes('gc1-run1-pauses.svg'), charts.join(','));
    for (const c of charts) {
      assert.match(md, new RegExp(`\\]\\(report-charts/${c.replace('.', '\\.')}\\)`));
      const svg = readFileSync(join(t.path, 'report-charts', c), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(svg, /https?:\/\/(?!www\.w3\.org)/, 'no network reference');
    }
    assert.match(md, /\| System\.gc\(\) \|/);
    const html = join(t.path, 'r.html');
    assert.equal(runCli(['gc', fx('jdk17-parallel-sysgc.log'), '--format', 'html', '--out', html, '--fail-on', 'none']).status, 0);
    assert.ok((readFileSync(html, 'utf8').match(/<svg xmlns/g) ?? []).length >= 3);
  } finally {
    t.cleanup();
  }
});

test('gc reads a gzip-compressed rotated log and two JVM runs appended to one file', () => {
  const t = tempDir();
  try {
    const gz = join(t.path, 'gc.log.1.gz');
    writeFileSync(gz, gzipSync(readFileSync(fx('jdk17-serial-steady.log'))));
    const both = join(t.path, 'gc.log');
    writeFileSync(both, readFileSync(fx('jdk17-serial-steady.log'), 'utf8') + readFileSync(fx('jdk17-parallel-steady.log'), 'utf8'));
    const r = runCli(['gc', gz, both, '--json', '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.sections.gc[0].runs[0].collector, 'Serial');
    assert.deepEqual(doc.sections.gc[1].runs.map((x: { collector: string }) => x.collector), ['Serial', 'Parallel']);
    assert.ok(doc.inputs[1].notes.some((n: string) => /new JVM run/.test(n)));
    assert.ok(existsSync(gz));
  } finally {
    t.cleanup();
  }
});

test('diagnose uses a GC log with everything else: sections.gc and gc-* findings', () => {
  const r = runCli(['diagnose', fx('jdk17-g1-leak.log'), '--json', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.inputs[0].kind, 'gc-log');
  assert.equal(doc.sections.gc[0].runs[0].collector, 'G1');
  assert.ok(doc.findings.some((f: { ruleId: string }) => f.ruleId === 'gc-live-set'));
});
