// The product's first promise: `jvmdoctor diagnose examples/seed-incident` explains the seed incident,
// end to end through the built CLI, with the right numbers and evidence lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli } from '../support.js';
import { formatBytes } from '../../src/util/bytes.js';
import type { ReportDocument as DiagnosisReport } from '../../src/model/document.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

function diagnoseSeed(): { report: DiagnosisReport; status: number } {
  const r = runCli(['diagnose', 'examples/seed-incident', '--format', 'json']);
  assert.equal(r.stderr, '', 'no stderr in --json mode');
  return { report: JSON.parse(r.stdout) as DiagnosisReport, status: r.status };
}

test('seed incident: every file is recognised and used', () => {
  const { report } = diagnoseSeed();
  assert.equal(report.schemaVersion, 2);
  assert.equal(report.command, 'diagnose');
  assert.deepEqual(report.unused, []);
  const kinds = Object.fromEntries(report.inputs.map((i) => [i.file.split('/').pop(), i.kind]));
  assert.deepEqual(kinds, {
    'catalina.sh': 'jvm-options',
    'docker-logs.txt': 'log',
    'free-h.txt': 'free',
    'http-500-response.txt': 'log',
    'java-version.txt': 'java-version',
    'jps.txt': 'jps',
    'jstat-gccapacity.txt': 'jstat',
    'proc-30164-status.txt': 'proc-status',
    'repro-xmx100m-stacktrace.log': 'log',
    'top-Hp-30164.txt': 'top',
    'top.txt': 'top',
  });
  // The seed's docker logs were taken without --timestamps: Tomcat's zone-less stamps only.
  assert.deepEqual(report.inputs.find((i) => i.file.endsWith('docker-logs.txt'))?.zone, { kind: 'local' });
});

test('seed incident: critical first — JavaCPP\'s native cap, not the heap', () => {
  const { report, status } = diagnoseSeed();
  assert.equal(status, 1, 'exit code 1: a critical finding');
  const top = report.findings[0];
  assert.equal(top.ruleId, 'javacpp-native-cap');
  assert.equal(top.severity, 'critical');
  assert.equal(top.facts?.physicalBytesAtFailure, 7775 * MB);
  assert.equal(top.facts?.xmxBytes, 4096 * MB);
  assert.equal(top.facts?.capFormula, '2 × maxMemory');
  const cap = top.facts?.maxPhysicalBytes as number;
  assert.ok(cap > 7.8 * GB && cap < 8 * GB, `cap ≈ 2 × maxMemory ≈ 7.95 GB, got ${cap / GB}`);
  const refs = top.evidence.map((e) => `${e.file.split('/').pop()}:${e.line}`);
  assert.ok(refs.includes('http-500-response.txt:5'), refs.join(' '));
  assert.ok(refs.includes('repro-xmx100m-stacktrace.log:1'), refs.join(' '));
  assert.ok(refs.includes('catalina.sh:1'), refs.join(' '));
  assert.ok(refs.some((r) => r.startsWith('top.txt:')), 'RSS from top');
  const flags = top.recommendations.flatMap((r) => r.flags ?? []);
  assert.ok(flags.some((f) => /^-Dorg\.bytedeco\.javacpp\.maxPhysicalBytes=\d+g$/.test(f)), flags.join(' '));
  assert.match(top.explanation, /188/); // the reproduction's cap is explained
  assert.match(JSON.stringify(top.recommendations), /PointerScope|try-with-resources/);
});

test('seed incident: the memory budget adds up to the 7.6 GB RSS', () => {
  const { report } = diagnoseSeed();
  const f = report.findings.find((x) => x.ruleId === 'memory-budget');
  assert.ok(f, 'memory-budget finding');
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.rssBytes, Math.round(7.6 * GB));
  // Numbers in the rows (bytes, the column says); the renderers write "794 MB".
  const table = f.tables![0]!;
  assert.deepEqual(table.columns.map((c) => c.type), ['text', 'bytes', 'bytes', 'text']);
  const rows = Object.fromEntries(table.rows.map((r) => [r[0], formatBytes(r[1] as number)]));
  assert.equal(rows['Metaspace (committed)'], '794 MB');
  assert.equal(rows['Thread stacks'], '363 MB');
  assert.equal(rows['Java heap (committed)'], '3.6 GB');
  assert.equal(f.facts?.heapMaxBytes, 4 * GB);
  const unexplained = f.facts?.unexplainedBytes as number;
  assert.ok(unexplained > 2 * GB && unexplained < 3 * GB, `unexplained ${unexplained / GB} GB`);
  assert.ok(f.recommendations.some((r) => (r.flags ?? []).includes('-XX:NativeMemoryTracking=summary')));
  assert.match(JSON.stringify(f.recommendations), /jcmd 30164 VM\.native_memory summary/);
});

test('seed incident: Tomcat leak warnings in Chinese → class-loader leak with ES client and Netty', () => {
  const { report } = diagnoseSeed();
  const f = report.findings.find((x) => x.ruleId === 'tomcat-classloader-leak');
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.webapp, 'xxx');
  assert.equal(f.facts?.leakedThreads, 2);
  assert.equal(f.facts?.leakedThreadLocals, 3);
  assert.match(String(f.facts?.libraries), /elasticsearch-transport-client/);
  assert.match(String(f.facts?.libraries), /netty/);
  assert.ok(f.evidence.every((e) => e.file.endsWith('docker-logs.txt') || e.file.endsWith('jstat-gccapacity.txt')));
  assert.match(f.summary, /794 MB/);
  const text = JSON.stringify(f.recommendations);
  assert.match(text, /client\.close\(\)/);
  assert.match(text, /FastThreadLocal\.removeAll\(\)/);
  assert.match(text, /contextDestroyed/);
});

test('seed incident: configuration and GC readings', () => {
  const { report } = diagnoseSeed();
  const perm = report.findings.find((x) => x.ruleId === 'obsolete-jvm-options');
  assert.ok(perm);
  assert.match(perm.title, /MaxPermSize=256m/);
  assert.deepEqual(perm.recommendations[0].flags, ['-XX:MaxMetaspaceSize=1152m'], 'not 256m: 794 MB are already committed');
  const gc = report.findings.find((x) => x.ruleId === 'gc-generations');
  assert.ok(gc);
  assert.equal(gc.severity, 'warning');
  assert.equal(gc.facts?.youngAtMax, true);
  assert.equal(gc.facts?.inferredNewRatio, 2);
  assert.equal(gc.facts?.fullToYoungRatio, 0.505);
  assert.match(gc.explanation, /capacities, not occupancy/);
});

test('seed incident: the host is not out of memory', () => {
  const { report } = diagnoseSeed();
  const f = report.findings.find((x) => x.ruleId === 'host-memory');
  assert.ok(f);
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.hostTotalBytes, 31 * GB);
  assert.equal(f.facts?.hostAvailableBytes, 14 * GB);
  assert.equal(f.facts?.swapUsedBytes, 0);
  assert.ok(f.evidence.some((e) => e.file.endsWith('free-h.txt') && e.line === 2));
});

test('seed incident: ranking follows the issue (cap, budget, leak, GC/config, host)', () => {
  const { report } = diagnoseSeed();
  const order = report.findings.map((f) => f.ruleId);
  assert.deepEqual(order.slice(0, 3), ['javacpp-native-cap', 'memory-budget', 'tomcat-classloader-leak']);
  assert.equal(order[order.length - 1], 'host-memory');
});

test('seed incident: text and Markdown renderings carry the same findings', () => {
  const text = runCli(['diagnose', 'examples/seed-incident']);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /^1\. CRITICAL /m);
  assert.match(text.stdout, /http-500-response\.txt:5/);
  assert.doesNotMatch(text.stdout, /\x1b\[/, 'no colour when not a TTY');
  const md = runCli(['diagnose', 'examples/seed-incident', '--format', 'md']);
  assert.match(md.stdout, /^# jvmdoctor diagnosis/m);
  assert.match(md.stdout, /## 1\. 🔴 Critical/);
});

test('the seed write-up itself (a pasted terminal session) gives the same diagnosis as the folder', (t) => {
  const writeUp = join(repoRoot(), '..', 'shared', 'seed', '000_b08cac2f48c62f59.txt');
  if (!existsSync(writeUp)) return t.skip('../shared/seed is absent (a user clone has none)');
  const r = runCli(['diagnose', writeUp, '--format', 'json']);
  const fromWriteUp = JSON.parse(r.stdout) as DiagnosisReport;
  const { report: fromFolder } = diagnoseSeed();
  assert.deepEqual(fromWriteUp.findings.map((f) => f.ruleId), fromFolder.findings.map((f) => f.ruleId));
  const cap = fromWriteUp.findings[0];
  assert.equal(cap.facts?.physicalBytesAtFailure, 7775 * MB);
  // Evidence points at the write-up's own lines.
  assert.ok(cap.evidence.every((e) => e.file === writeUp && typeof e.line === 'number'));
  assert.ok(fromWriteUp.inputs.some((i) => i.kind === 'jstat' && /^jstat -gccapacity 1 \(lines \d+–\d+\)$/.test(i.section ?? '')));
});
