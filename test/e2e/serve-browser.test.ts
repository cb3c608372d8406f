// `jvmdoctor serve` in a real browser on the heap-leak scenario (a real JVM's dump): run the
// diagnosis from the start page, land on the report, drill three levels into the dominator tree to
// the culprit, follow its path to the GC roots, group by class, search a class and open its retained
// set. No request may leave 127.0.0.1; axe-core basics; screenshots in test-artifacts/. The server
// runs as the CLI (its own process, stopped by PID) as a user would start it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot, tempDir } from '../support.js';
import { hasJdk } from './heap-jvm.js';
import { artifactPath, assertNoOutsideRequests, axeViolations, browserSkipReason, launchBrowser, type TestBrowser } from '../browser.js';

const skip = browserSkipReason() ?? (hasJdk() ? false : 'no JDK (javac, jcmd) on this machine');

describe('serve in Chromium', { skip }, () => {
  let browser: TestBrowser;
  let server: ChildProcess | undefined;
  let url = '';
  const tmp = tempDir('jvmdoctor-serve-ui-');

  before(async () => {
    const run = spawnSync(process.execPath, [join(repoRoot(), 'scenarios', 'run.mjs'), 'heap-leak', '--out', tmp.path, '--evidence-only'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    server = spawn(process.execPath, [join(repoRoot(), 'bin', 'jvmdoctor.js'), 'serve', join(tmp.path, 'heap-leak', 'evidence')], { stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server!.stdout! }).once('line', resolve);
      server!.once('exit', (c) => reject(new Error(`serve exited (${c})`)));
    });
    browser = await launchBrowser();
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      if (server?.pid) {
        try {
          process.kill(server.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
        await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once('exit', r)));
      }
      tmp.cleanup();
    }
  });

  test('run, then three clicks down the dominator tree reach the culprit; its path starts at a GC root', async () => {
    const p = await browser.page();
    try {
      await p.page.goto(url);
      await assertAccessibleBasics(p.page);
      await p.page.click('#run');
      await p.page.waitForURL(/\/report\?token=/, { timeout: 60_000 });
      await p.page.screenshot({ path: artifactPath('serve-report.png') });
      // An evidence line expands to the lines around it, read from the input file by the server.
      await p.page.click('#expand-all');
      const ev = p.page.locator('.evidence details[data-line]').first();
      await ev.locator('summary').click();
      const mark = ev.locator('pre.context mark');
      await mark.waitFor();
      assert.match(await mark.innerText(), new RegExp(`^\\s*${await ev.getAttribute('data-line')}  `));
      await p.page.click('#expand-all');
      const tree = p.page.locator('#x-tree');
      await tree.locator('li[data-object]').first().waitFor();
      // Level 1: the biggest child of the GC roots; then down the biggest child, twice more.
      const timings: number[] = [];
      let level = tree.locator(':scope > li > ul > li[data-object]').first();
      for (let depth = 0; depth < 3; depth++) {
        const toggle = level.locator(':scope > button.toggle');
        await toggle.click();
        const child = level.locator(':scope > ul > li[data-object]').first();
        await child.waitFor();
        timings.push(Number(await level.locator(':scope > ul').getAttribute('data-ms')));
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        level = child;
      }
      // The heap-leak culprit: the cache class whose static map holds the quotes.
      const culprit = level;
      assert.match(await culprit.locator('.node strong').first().innerText(), /^class demo\.quotes\.QuoteCache$/);
      await culprit.locator(':scope > button.pathbtn').click();
      const path = p.page.locator('#x-path ol.path li');
      await path.first().waitFor();
      assert.match(await path.first().innerText(), /^GC root: /);
      assert.match(await path.last().innerText(), /class demo\.quotes\.QuoteCache/);
      // Steps are named by the field that holds the next object, as in the report.
      assert.match(await p.page.locator('#x-path ol.path').innerText(), /ArrayList\.elementData → java\.lang\.Object\[\]/);
      assert.ok(timings.every((ms) => ms < 200), `each expand answered in < 200 ms: ${timings.join(', ')} ms`);
      await p.page.locator('#explorer').screenshot({ path: artifactPath('serve-explorer.png') });
      await assertAccessibleBasics(p.page);
      assert.deepEqual(p.errors, [], 'no script or CSP error');
      assertNoOutsideRequests(p, url);
    } finally {
      await p.context.close();
    }
  });

  test('group by class, search a class, its retained set; 50 children per page', async () => {
    const p = await browser.page();
    try {
      const report = url.replace('/?token=', '/report?token=');
      await p.page.goto(report);
      await p.page.selectOption('#x-group', 'class');
      const group = p.page.locator('#x-tree li[data-group]').first();
      await group.waitFor();
      await group.locator(':scope > button.toggle').click();
      assert.ok(await group.locator(':scope > ul > li[data-object]').first().isVisible());
      // Paging: the GC roots have thousands of children; 50 come at a time.
      await p.page.selectOption('#x-group', 'none');
      const rootList = p.page.locator('#x-tree > li > ul');
      await rootList.locator(':scope > li.more button').waitFor();
      assert.equal(await rootList.locator(':scope > li[data-object]').count(), 50);
      await rootList.locator(':scope > li.more button').click();
      await p.page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#x-tree > li > ul > li[data-object]').length === 100);
      // Class search and the retained set of a class.
      await p.page.fill('#x-search', 'RenderedQuote');
      const row = p.page.locator('#x-classes tbody tr').first();
      await row.waitFor();
      assert.match(await row.innerText(), /demo\.quotes\.RenderedQuote/);
      await row.locator('button').click();
      const h = p.page.locator('#x-instances h3');
      await h.waitFor();
      assert.match(await h.innerText(), /Retained set of demo\.quotes\.RenderedQuote: [\d.]+ MB over \d+ instance/);
      await p.page.locator('#x-instances li[data-object]').first().waitFor();
      await assertAccessibleBasics(p.page);
      assert.deepEqual(p.errors, []);
      assertNoOutsideRequests(p, report);
    } finally {
      await p.context.close();
    }
  });
});

async function assertAccessibleBasics(page: Parameters<typeof axeViolations>[0]): Promise<void> {
  const bad = (await axeViolations(page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
  assert.deepEqual(bad, [], `axe-core: ${JSON.stringify(bad)}`);
}
