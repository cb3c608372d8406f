// The HTML report in a real browser (Debian's Chromium via playwright-core), opened from file:// as
// a colleague would open the attachment: the seed incident's diagnosis and the heap-leak scenario's
// dump. Each test checks the page made no request outside itself, runs axe-core, and saves a
// screenshot under test-artifacts/ (gitignored).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, runCli, tempDir } from '../support.js';
import { hasJdk } from './heap-jvm.js';
import { artifactPath, assertNoOutsideRequests, axeViolations, browserSkipReason, launchBrowser, type TestBrowser } from '../browser.js';

const skip = browserSkipReason();

/** axe-core's serious and critical violations (the basics: names, labels, contrast, structure). */
async function assertAccessible(page: Parameters<typeof axeViolations>[0]): Promise<void> {
  const v = await axeViolations(page);
  const bad = v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
  assert.deepEqual(bad, [], `axe-core: ${JSON.stringify(bad)}`);
}

describe('HTML report in Chromium', { skip }, () => {
  let browser: TestBrowser;
  const tmp = tempDir('jvmdoctor-html-');
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  test('seed incident: findings first, a finding expands to its evidence and fixes, flags copy', async () => {
    const out = join(tmp.path, 'seed.html');
    const r = runCli(['diagnose', 'examples/seed-incident', '--format', 'html', '--out', out, '--fail-on', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const url = pathToFileURL(out).href;
    const p = await browser.page();
    try {
      await p.page.goto(url);
      // The cause is first and open; the others are closed until clicked.
      const first = p.page.locator('details.finding').first();
      assert.equal(await first.getAttribute('data-rule'), 'javacpp-native-cap');
      assert.equal(await first.evaluate((d) => (d as unknown as { open: boolean }).open), true);
      const budget = p.page.locator('details.finding[data-rule="memory-budget"]');
      assert.equal(await budget.locator('.evidence').isVisible(), false);
      await budget.locator('summary').first().click();
      assert.equal(await budget.locator('.evidence').isVisible(), true);
      assert.equal(await budget.locator('figure.bar svg rect').count() >= 5, true, 'stacked bar segments');
      // An evidence line expands to its full text.
      const ev = budget.locator('.evidence details').first();
      await ev.locator('summary').click();
      assert.match(await ev.locator('pre').innerText(), /174592\.0 1397760\.0/);
      // A fix flag copies (the button answers; file:// has no clipboard permission to read back).
      const copy = budget.locator('button[data-copy="-XX:NativeMemoryTracking=summary"]');
      await copy.click();
      await budget.locator('button.copied').waitFor({ timeout: 5000 });
      assert.equal(await copy.innerText(), 'Copied');
      // A typed table sorts by the raw byte count, not the text.
      const t = budget.locator('table').first();
      await t.locator('th button', { hasText: 'Size' }).click();
      const sizes = await t.locator('tbody td.n').evaluateAll((tds) => tds.map((td) => Number((td as unknown as { dataset: { v: string } }).dataset.v)));
      assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
      assert.equal(await t.locator('th').nth(1).getAttribute('aria-sort'), 'descending');
      await p.page.click('#expand-all');
      assert.equal(await p.page.locator('details.finding:not([open])').count(), 0);
      await p.page.screenshot({ path: artifactPath('html-seed.png'), fullPage: true });
      await assertAccessible(p.page);
      assert.deepEqual(p.errors, [], 'no script or CSP error');
      assertNoOutsideRequests(p, url);
    } finally {
      await p.context.close();
    }
  });

  test('gc report of a real JDK 17 G1 log: findings, inline SVG charts, pause tables', async () => {
    const out = join(tmp.path, 'gc.html');
    const r = runCli(['gc', join('src', 'gc', 'fixtures', 'jdk17-g1-leak.log'), '--format', 'html', '--out', out]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const url = pathToFileURL(out).href;
    const p = await browser.page();
    try {
      await p.page.goto(url);
      assert.ok((await p.page.locator('details.finding').count()) > 0);
      const charts = p.page.locator('section figure.chart svg');
      assert.ok((await charts.count()) >= 3, 'heap, live set and pause charts');
      const box = await charts.first().boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, `chart drawn: ${JSON.stringify(box)}`);
      // Sort the pauses-by-cause table by its total.
      const t = p.page.locator('table', { has: p.page.locator('th', { hasText: 'Cause' }) }).first();
      await t.locator('th button', { hasText: 'Total' }).click();
      const totals = await t.locator('tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => Number((td as unknown as { dataset: { v: string } }).dataset.v)));
      assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
      await p.page.screenshot({ path: artifactPath('html-gc.png'), fullPage: true });
      await assertAccessible(p.page);
      assert.deepEqual(p.errors, []);
      assertNoOutsideRequests(p, url);
    } finally {
      await p.context.close();
    }
  });

  test('heap-leak scenario dump: suspect with its path, histogram sorts and filters', { skip: hasJdk() ? false : 'no JDK (javac, jcmd) on this machine' }, async () => {
    const out = join(tmp.path, 'scenario');
    const run = spawnSync(process.execPath, [join(repoRoot(), 'scenarios', 'run.mjs'), 'heap-leak', '--out', out, '--evidence-only'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const evidence = join(out, 'heap-leak', 'evidence');
    const dump = readdirSync(evidence).find((f) => f.endsWith('.hprof'));
    assert.ok(dump, 'the scenario wrote a heap dump');
    const html = join(tmp.path, 'heap.html');
    const r = runCli(['heap', join(evidence, dump!), '--format', 'html', '--out', html]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(html));
    const url = pathToFileURL(html).href;
    const p = await browser.page();
    try {
      await p.page.goto(url);
      const suspect = p.page.locator('details.suspect').first();
      assert.match(await suspect.locator('summary').innerText(), /QuoteCache/);
      assert.match(await suspect.innerText(), /static field ENTRIES/);
      assert.match(await suspect.locator('ol.path').innerText(), /^GC root: /);
      // Sort the histogram by instances, ascending then descending.
      const hist = p.page.locator('table', { has: p.page.locator('caption', { hasText: 'Classes by retained size' }) });
      const header = hist.locator('th button', { hasText: 'Instances' });
      await header.click();
      await header.click();
      const counts = await hist.locator('tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => Number((td as unknown as { dataset: { v: string } }).dataset.v)));
      assert.ok(counts.length > 10);
      assert.deepEqual(counts, [...counts].sort((a, b) => a - b), 'ascending after the second click');
      // Filter it down to the cache's classes.
      const filter = p.page.locator('section.heap input[type="search"]').first();
      await filter.fill('demo.quotes');
      const visible = await hist.locator('tbody tr:not([hidden])').allInnerTexts();
      assert.ok(visible.length >= 1 && visible.every((t) => t.includes('demo.quotes')), visible.join('\n'));
      await filter.fill('');
      await p.page.screenshot({ path: artifactPath('html-heap.png'), fullPage: false });
      await assertAccessible(p.page);
      assert.deepEqual(p.errors, []);
      assertNoOutsideRequests(p, url);
    } finally {
      await p.context.close();
    }
  });
});
