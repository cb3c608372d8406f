// Bad input gets a clear one-line reason per file, never a crash or a stack trace, and the good
// files beside it are still analysed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdirSync, statSync, truncateSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli, tempDir, repoRoot } from '../support.js';
import type { ReportDocument as DiagnosisReport } from '../../src/model/document.js';

const OOM = 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat Leak.main(Leak.java:9)\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

function report(args: string[]): { r: ReturnType<typeof runCli>; report: DiagnosisReport } {
  const r = runCli([...args, '--format', 'json']);
  assert.doesNotMatch(r.stderr, /\n\s+at .*\.js:\d+/, `no stack trace: ${r.stderr}`);
  return { r, report: JSON.parse(r.stdout) as DiagnosisReport };
}

test('a folder of bad files: each gets a reason, good ones are analysed', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const d = tmp.path;
  writeFileSync(join(d, 'empty.log'), '');
  writeFileSync(join(d, 'blank.log'), '\n\n   \n');
  writeFileSync(join(d, 'screenshot.log'), PNG);
  writeFileSync(join(d, 'garbage.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(d, 'notes.txt'), 'Remember to buy milk.\nCall Bob.\n');
  writeFileSync(join(d, 'crlf-bom.txt'), '\ufeff' + 'java version "1.8.0_202"\r\nJava(TM) SE Runtime Environment (build 1.8.0_202-b08)\r\nJava HotSpot(TM) 64-Bit Server VM (build 25.202-b08, mixed mode)\r\n');
  writeFileSync(join(d, 'huge-line.log'), '2023-03-23 13:12:50.636 ERROR ' + 'x'.repeat(10 * 1024 * 1024) + '\n' + OOM);
  const { r, report: rep } = report(['diagnose', d]);
  const unused = Object.fromEntries(rep.unused.map((u) => [u.file.split('/').pop(), u.reason]));
  assert.equal(unused['empty.log'], 'empty file');
  assert.equal(unused['blank.log'], 'only blank lines');
  assert.match(unused['screenshot.log'], /PNG image/);
  assert.match(unused['garbage.bin'], /binary/);
  assert.match(unused['notes.txt'], /no JVM evidence|not recognised/);
  const used = Object.fromEntries(rep.inputs.map((i) => [i.file.split('/').pop(), i]));
  assert.equal(used['crlf-bom.txt']?.kind, 'java-version');
  assert.match(used['crlf-bom.txt'].notes.join(' '), /BOM/);
  assert.equal(used['huge-line.log']?.kind, 'log');
  assert.match(used['huge-line.log'].notes.join(' '), /line 1 is 10 MB long/);
  assert.notEqual(r.status, 2, 'input problems in some files are not a usage error');
});

test('archives: a .tar.gz and a .zip of the seed incident give the same findings as the folder', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const tgz = join(tmp.path, 'seed.tar.gz');
  execFileSync('tar', ['-czf', tgz, '-C', join(repoRoot(), 'examples'), 'seed-incident']);
  const folder = report(['diagnose', 'examples/seed-incident']).report;
  const fromTgz = report(['diagnose', tgz]).report;
  assert.deepEqual(fromTgz.findings.map((f) => f.ruleId), folder.findings.map((f) => f.ruleId));
  assert.ok(fromTgz.inputs.every((i) => i.file.startsWith(`${tgz}!/seed-incident/`)), fromTgz.inputs.map((i) => i.file).join(' '));

  const zip = join(tmp.path, 'seed.zip');
  try {
    execFileSync('python3', ['-c', 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], "seed-incident")', zip.replace(/\.zip$/, ''), join(repoRoot(), 'examples')]);
  } catch {
    t.diagnostic('python3 missing: zip half skipped');
  }
  if (statSync(zip, { throwIfNoEntry: false })) {
    const fromZip = report(['diagnose', zip]).report;
    assert.deepEqual(fromZip.findings.map((f) => f.ruleId), folder.findings.map((f) => f.ruleId));
    assert.equal(fromZip.inputs.length, folder.inputs.length);
  }

  // Truncated bundle: what was read before the cut is still analysed, and the cut is reported.
  const cut = join(tmp.path, 'cut.tar.gz');
  writeFileSync(cut, readFileSync(tgz).subarray(0, Math.floor(statSync(tgz).size * 0.6)));
  const partial = report(['diagnose', cut]).report;
  assert.ok(partial.inputs.length + partial.unused.length > 0);
  const problems = [...partial.unused.map((u) => u.reason), ...partial.inputs.flatMap((i) => i.notes)].join(' | ');
  assert.match(problems, /truncated|unexpected end|stopped/i, problems);
});

test('a .gz log is read through gunzip', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  mkdirSync(join(tmp.path, 'logs'));
  writeFileSync(join(tmp.path, 'logs', 'catalina.2023-03-23.log'), OOM);
  execFileSync('gzip', [join(tmp.path, 'logs', 'catalina.2023-03-23.log')]);
  const rep = report(['diagnose', join(tmp.path, 'logs')]).report;
  assert.equal(rep.inputs[0]?.kind, 'log');
  assert.match(rep.inputs[0].file, /catalina\.2023-03-23\.log\.gz$/, 'shown under the name the user knows');
});

test('usage and missing-path errors: one line, exit 2', () => {
  const missing = runCli(['diagnose', '/no/such/evidence']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^jvmdoctor: \/no\/such\/evidence: cannot be read: no such file or folder/);
  assert.doesNotMatch(missing.stderr, /\.js:\d+/);
  const badFlag = runCli(['diagnose', '--frobnicate', 'x']);
  assert.equal(badFlag.status, 2);
  assert.match(badFlag.stderr, /Unknown option '--frobnicate'/);
  const noArgs = runCli(['diagnose']);
  assert.equal(noArgs.status, 2);
  const badFormat = runCli(['diagnose', 'examples/seed-incident', '--format', 'xml']);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /--format must be one of text, json, md/);
  const unknown = runCli(['frob']);
  assert.equal(unknown.status, 2);
});

test('--out writes the report, --fail-on none exits 0', (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const out = join(tmp.path, 'r.md');
  const r = runCli(['diagnose', 'examples/seed-incident', '--format', 'md', '--out', out, '--fail-on', 'none']);
  assert.equal(r.status, 0);
  assert.match(readFileSync(out, 'utf8'), /^# jvmdoctor diagnosis/);
  truncateSync(out, 0);
});

test('a GB18030-encoded Chinese Tomcat log is detected, decoded and its leak warnings read', () => {
  const file = join(repoRoot(), 'fixtures', 'log', 'seed-docker-logs.gb18030.log');
  const { report: rep } = report(['diagnose', file]);
  assert.equal(rep.inputs[0]?.kind, 'log');
  assert.match(rep.inputs[0].notes.join(' '), /GB18030/);
  const leak = rep.findings.find((f) => f.ruleId === 'tomcat-classloader-leak');
  assert.ok(leak, 'leak warnings found');
  assert.equal(leak.facts?.leakedThreadLocals, 3);
  assert.match(leak.explanation, /严重 = SEVERE/);
});

test("jvmdoctor's own heap cache beside a dump is not read as evidence", (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  writeFileSync(join(tmp.path, 'java_pid1.hprof.jvmdoctor-heap.json'), JSON.stringify({ histogram: [{ className: 'java.lang.OutOfMemoryError', instances: 4 }] }));
  writeFileSync(join(tmp.path, 'app.log'), '2024-05-01 10:00:00.000 INFO [main] started\n');
  const { report: rep } = report(['diagnose', tmp.path]);
  assert.deepEqual(rep.inputs.map((i) => i.file.split('/').pop()), ['app.log']);
  assert.match(rep.unused[0]?.reason ?? '', /heap-analysis cache/);
  assert.equal(rep.findings.filter((f) => f.ruleId === 'out-of-memory-error').length, 0);
});
