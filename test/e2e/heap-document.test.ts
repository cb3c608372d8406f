// `jvmdoctor heap` makes the same report document as diagnose (one sections.heaps entry plus the heap
// rules' findings) and takes the same output options: --format text|md|json (--json kept), --out,
// --fail-on. Run on a real JDK 8 dump kept as a fixture (fixtures/hprof-jdk8).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, tempDir } from '../support.js';
import type { ReportDocument } from '../../src/model/document.js';

const DUMP = join(repoRoot(), 'fixtures', 'hprof-jdk8', 'jdk8u162-sun-shining-concurrency-dump.hprof.gz');

test('heap: one document, every format, --out and --fail-on', (t) => {
  if (!existsSync(DUMP)) return t.skip(`${DUMP} is absent`);
  const json = runCli(['heap', DUMP, '--format', 'json', '--no-cache']);
  assert.equal(json.status, 0, json.stderr);
  const doc = JSON.parse(json.stdout) as ReportDocument;
  assert.equal(doc.schemaVersion, 2);
  assert.equal(doc.command, 'heap');
  assert.equal(doc.sections.heaps?.length, 1);
  assert.equal(doc.sections.heaps![0].file, DUMP);
  // A small learning program's heap: the heap rules report on it, and nothing there is critical —
  // under MAT's semantics (the default) the Finalizer chain keeps its referents, so the app class
  // loader retains 19.6 %; over strong references only it retains 30.2 % (critical).
  assert.ok(doc.findings.some((f) => f.ruleId === 'heap-leak-suspect'), JSON.stringify(doc.findings.map((f) => f.ruleId)));
  assert.ok(doc.findings.every((f) => f.severity !== 'critical'), JSON.stringify(doc.findings.map((f) => [f.ruleId, f.severity, f.title])));
  assert.equal(doc.sections.heaps![0].summary.semantics, 'mat');
  const strong = JSON.parse(runCli(['heap', DUMP, '--format', 'json', '--no-cache', '--semantics', 'strong']).stdout) as ReportDocument;
  assert.equal(strong.sections.heaps![0].summary.semantics, 'strong');
  assert.ok(strong.findings.some((f) => f.ruleId === 'heap-leak-suspect' && f.severity === 'critical'));
  assert.deepEqual(JSON.parse(runCli(['heap', DUMP, '--json', '--no-cache']).stdout).sections.heaps[0].histogram, doc.sections.heaps![0].histogram, '--json is --format json');

  const text = runCli(['heap', DUMP, '--no-cache']);
  assert.equal(text.status, 0, 'default --fail-on none: exit 0 as before');
  assert.match(text.stdout, /^Heap dump .*\n[\s\S]*Class histogram \(top 20 of \d+ by shallow size\)/);

  const md = runCli(['heap', DUMP, '--format', 'md', '--no-cache']);
  assert.match(md.stdout, /^# jvmdoctor heap analysis\n\n## Heap dump `/);
  assert.match(md.stdout, /\| Instances \| Shallow \| Retained \| Class \|/);

  const tmp = tempDir();
  try {
    const out = join(tmp.path, 'heap.md');
    assert.equal(runCli(['heap', DUMP, '--format', 'md', '--no-cache', '--fail-on', 'critical']).status, 0, 'no critical finding: exit 0 with --fail-on critical');
    const r = runCli(['heap', DUMP, '--format', 'md', '--out', out, '--fail-on', 'warning', '--no-cache']);
    assert.equal(r.status, 1, 'warning leak suspects with --fail-on warning');
    assert.equal(r.stdout, '');
    const timeless = (s: string) => s.replace(/Analysed in [\d.]+ s/, 'Analysed in … s');
    assert.equal(timeless(readFileSync(out, 'utf8')), timeless(md.stdout));
  } finally {
    tmp.cleanup();
  }
  assert.equal(runCli(['heap', DUMP, '--format', 'xml']).status, 2);
});
