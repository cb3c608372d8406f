import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../util/repo-root.js';
import { runDiagnosis } from '../pipeline/run-diagnosis.js';
import { renderText } from './text.js';
import { renderHtml, formatCell, contentSecurityPolicy } from './html.js';
import { redactDocument, redactText } from './redact.js';
import { CSS, SCRIPT } from './html-assets.js';
import type { ReportDocument } from '../model/document.js';

const seed = join(repoRoot(), 'examples', 'seed-incident');

function decode(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

test('html: the seed report shows every finding of the text report, each with its fixes and evidence', async () => {
  const report = await runDiagnosis([seed]);
  const html = renderHtml(report);
  const textReport = renderText(report);
  const page = decode(html);
  assert.ok(report.findings.length >= 8);
  for (const f of report.findings) {
    assert.ok(textReport.includes(f.title));
    assert.ok(page.includes(f.title), `finding "${f.title}" is in the page`);
    for (const r of f.recommendations) {
      assert.ok(page.includes(r.action), `fix "${r.action}"`);
      for (const fl of r.flags ?? []) assert.ok(html.includes(`data-copy="${fl.replace(/"/g, '&quot;')}"`), `copy button for ${fl}`);
    }
    for (const e of f.evidence) assert.ok(page.includes(e.line ? `${e.file}:${e.line}` : e.file), `evidence ${e.file}:${e.line}`);
  }
  // Severity as a word, not a colour only.
  assert.equal((html.match(/<span class="badge">CRITICAL<\/span>/g) ?? []).length, report.summary.critical);
  // The memory budget as a stacked bar against RSS.
  assert.match(html, /<svg viewBox="0 0 1000 [^"]+" width="100%" role="img" aria-label="Memory budget: Java heap \(committed\) 3\.6 GB, [^"]*RSS 7\.6 GB/);
});

test('html: self-contained — one CSP forbidding every request, no external URL in any attribute', async () => {
  const html = renderHtml(await runDiagnosis([seed]));
  const csp = decode(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "");
  assert.ok(csp);
  assert.match(csp!, /default-src 'none'/);
  assert.match(csp!, /connect-src 'none'/);
  assert.equal(csp, contentSecurityPolicy(SCRIPT, CSS));
  assert.doesNotMatch(html, /\s(src|href|action)="(?!#)/, 'no src/href/action other than in-page anchors');
  assert.doesNotMatch(html, /@import|url\(/);
  assert.equal((html.match(/<script>/g) ?? []).length, 1);
});

test('html: cells are formatted by their column type and sort by the raw number', () => {
  assert.equal(formatCell(3.6 * 1024 ** 3, 'bytes'), '3.6 GB');
  assert.equal(formatCell(12345, 'count'), '12,345');
  assert.equal(formatCell(42.4, 'percent'), '42 %');
  assert.equal(formatCell(1.25, 'duration'), '1.3 ms');
  assert.equal(formatCell(15300, 'duration'), '15.3 s');
  assert.equal(formatCell(null, 'bytes'), '');
  const doc: ReportDocument = {
    schemaVersion: 2, tool: { name: 'jvmdoctor', version: 't' }, command: 'gc', generatedAt: '2026-01-01T00:00:00Z',
    inputs: [], unused: [], summary: { critical: 0, warning: 0, info: 1 }, sections: {},
    findings: [{
      ruleId: 'x', severity: 'info', tier: 'context', title: 'T <b>', summary: 's', evidence: [], explanation: 'e', recommendations: [],
      tables: [{ title: 'Pauses', columns: [{ label: 'Cause', type: 'text' }, { label: 'Max', type: 'duration' }], rows: [['G1 Evacuation <Pause>', 12.5]] }],
    }],
  };
  const html = renderHtml(doc);
  assert.match(html, /<td class="n" data-v="12.5">12.5 ms<\/td>/);
  assert.ok(html.includes('G1 Evacuation &lt;Pause&gt;') && html.includes('T &lt;b&gt;'), 'text is escaped');
});

test('redact: host names, addresses, URLs and paths go, class names, numbers and fixes stay', () => {
  assert.equal(redactText('[root@web-prod-01 ~]# free -h'), '[root@<host> ~]# free -h');
  assert.equal(redactText('connect to es-1.search.example.com:9300 (10.2.3.4)'), 'connect to <host>:9300 (<ip>)');
  assert.equal(redactText('/opt/tomcat/logs/catalina.out:12'), '…/catalina.out:12');
  assert.equal(redactText('see https://intranet.corp/x?y=1 now'), 'see <url> now');
  assert.equal(redactText('io.netty.util.internal.InternalThreadLocalMap and org.apache.catalina.loader.WebappClassLoaderBase'), 'io.netty.util.internal.InternalThreadLocalMap and org.apache.catalina.loader.WebappClassLoaderBase');
  assert.equal(redactText('java/lang/String 3.6 GB -Xmx4096m'), 'java/lang/String 3.6 GB -Xmx4096m');
  assert.equal(redactText('JAVA_OPTS="-Ddb.password=hunter2 -Xmx4g"', { systemProperties: true }), 'JAVA_OPTS="-Ddb.password=<redacted> -Xmx4g"');
});

test('redact: the seed document keeps every finding and fix but no path of the machine', async () => {
  const doc = await runDiagnosis([seed]);
  const red = redactDocument(doc);
  assert.equal(red.findings.length, doc.findings.length);
  assert.deepEqual(red.findings.map((f) => f.recommendations.map((r) => r.flags)), doc.findings.map((f) => f.recommendations.map((r) => r.flags)));
  const html = renderHtml(doc, { redact: true });
  assert.ok(!html.includes(seed), 'absolute paths are gone');
  assert.ok(html.includes('…/top.txt:9'), 'the file name stays');
  assert.match(html, /host names, addresses, paths and system properties left out/);
});

test('redact: heap system properties are left out', () => {
  const doc = { sections: { heaps: [{ summary: { file: '/srv/dumps/a.hprof', systemProperties: { 'user.home': '/home/alice' } } }] } } as unknown as ReportDocument;
  const red = redactDocument(doc) as unknown as { sections: { heaps: { summary: Record<string, unknown> }[] } };
  assert.equal(red.sections.heaps[0].summary.systemProperties, undefined);
  assert.equal(red.sections.heaps[0].summary.file, '…/a.hprof');
});

test('redact: an output option of every format (text, md, json), not only html', async () => {
  const { render } = await import('./index.js');
  const doc = await runDiagnosis([seed]);
  for (const f of ['text', 'md', 'json', 'html'] as const) {
    const plain = render(doc, f);
    const red = render(doc, f, undefined, { redact: true });
    assert.ok(plain.includes(seed) || plain.includes('examples/seed-incident/'), `${f} names the files`);
    assert.ok(!red.includes(seed) && !red.includes('examples/seed-incident/'), `${f} --redact leaves the paths out`);
    assert.ok(red.includes('…/top.txt'), `${f} keeps the file name`);
  }
});

test('html: a GC section from a real JDK 17 log (src/gc fixtures): pauses, throughput, its tables and series', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseText } = await import('../parsers/parser.js');
  const { gcLogParser } = await import('../parsers/gc-log/parse.js');
  const { gcSectionOf } = await import('../gc/section.js');
  const text = readFileSync(join(repoRoot(), 'src', 'gc', 'fixtures', 'jdk17-g1-leak.log'), 'utf8');
  const section = gcSectionOf('gc.log', parseText(gcLogParser, text)!);
  const doc: ReportDocument = {
    schemaVersion: 2, tool: { name: 'jvmdoctor', version: 't' }, command: 'gc', generatedAt: '2026-01-01T00:00:00Z',
    inputs: [], unused: [], findings: [], summary: { critical: 0, warning: 0, info: 0 }, sections: { gc: [section] },
  };
  const html = renderHtml(doc);
  const run = section.runs[0];
  assert.match(html, /<h2 id="gc-1-h">GC log <span class="mono small">gc\.log<\/span><\/h2>/);
  assert.ok(html.includes(`<h3>${run.collector}`));
  assert.ok(html.includes(`data-v="${run.pauses.count}"`), 'pause count as a raw number');
  assert.ok(html.includes(`data-v="${run.throughputPercent}"`));
  for (const t of run.tables ?? []) if (t.title) assert.ok(html.includes(t.title), `table ${t.title}`);
  for (const s of run.series ?? []) assert.ok(html.includes(s.name), `series ${s.name}`);
});
