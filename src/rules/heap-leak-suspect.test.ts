import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heapLeakSuspect } from './heap-leak-suspect.js';
import { Case } from '../evidence/case.js';
import { runRuleOn } from './testing.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import { compileJava, haveJdk, runJava } from '../../test/java.js';
import { repoRoot, runCli } from '../../test/support.js';
import type { ReportDocument as DiagnosisReport } from '../model/document.js';

test('a real OOM heap dump: the list that filled the heap is a critical suspect, in diagnose too', { skip: !haveJdk && 'no JDK' }, async (t) => {
  const dir = compileJava([join(repoRoot(), 'fixtures', 'log', 'java', 'HeapOom.java')]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = await runJava(dir, ['-Xmx16m', '-XX:+HeapDumpOnOutOfMemoryError', `-XX:HeapDumpPath=${dir}`, 'HeapOom']);
  writeFileSync(join(dir, 'app.log'), run.out);
  const dump = join(dir, readdirSync(dir).find((f) => f.endsWith('.hprof'))!);

  const c = new Case();
  c.heaps.push({ file: dump, report: await analyzeHeapDump(dump, { cache: false, top: 5 }) });
  const [f] = runRuleOn(heapLeakSuspect, c);
  assert.equal(f.severity, 'critical');
  assert.ok((f.facts?.percentOfHeap as number) > 80, `percent ${f.facts?.percentOfHeap}`);
  assert.match(f.recommendations[0].detail, /ArrayList|Object\[\]/);
  assert.equal(f.evidence[0].file, dump);

  // Through the CLI: the log's OOM and the dump's suspect, side by side.
  const r = runCli(['diagnose', dir, '--format', 'json']);
  const report = JSON.parse(r.stdout) as DiagnosisReport;
  const ids = report.findings.map((x) => x.ruleId);
  assert.ok(ids.includes('out-of-memory-error') && ids.includes('heap-leak-suspect'), ids.join(' '));
  assert.ok(report.inputs.some((i) => i.kind === 'hprof' && i.file === dump));

  // Again: the analysis cache now beside the dump is not read as evidence (its histogram names
  // java.lang.OutOfMemoryError, which a log parser would take for a second error).
  const again = JSON.parse(runCli(['diagnose', dir, '--format', 'json']).stdout) as DiagnosisReport;
  assert.deepEqual(again.findings.map((x) => x.ruleId), ids);
  assert.ok(again.unused.some((u) => u.file.endsWith('.hprof.jvmdoctor-index') && /cache/.test(u.reason)), JSON.stringify(again.unused));
});

test('no heap dump, no suspect', () => {
  const c = new Case();
  assert.deepEqual(runRuleOn(heapLeakSuspect, c), []);
});
