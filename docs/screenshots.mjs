#!/usr/bin/env node
// Remakes the README's two screenshots (docs/html-report.png, docs/serve.png) in Debian's Chromium:
//   node scenarios/run.mjs heap-leak --out /tmp/ev --evidence-only
//   node docs/screenshots.mjs /tmp/ev/heap-leak/evidence
// Needs a build (npm run build). The browser and the server are stopped by PID.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const evidence = process.argv[2];
if (!evidence) {
  console.error('usage: node docs/screenshots.mjs <heap-leak evidence folder>');
  process.exit(2);
}
const { launchBrowser } = await import(join(root, 'dist', 'test', 'browser.js'));
const tmp = mkdtempSync(join(tmpdir(), 'jvmdoctor-shots-'));
const html = join(tmp, 'seed.html');
execFileSync(process.execPath, [join(root, 'bin', 'jvmdoctor.js'), 'diagnose', join(root, 'examples', 'seed-incident'), '--format', 'html', '--out', html, '--fail-on', 'none'], { stdio: 'ignore' });
const server = spawn(process.execPath, [join(root, 'bin', 'jvmdoctor.js'), 'serve', evidence], { stdio: ['ignore', 'pipe', 'ignore'] });
const browser = await launchBrowser();
try {
  const url = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
  const { page, context } = await browser.page();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(pathToFileURL(html).href);
  await page.screenshot({ path: join(root, 'docs', 'html-report.png') });
  await page.goto(url);
  await page.click('#run');
  await page.waitForURL(/\/report\?/);
  let level = page.locator('#x-tree > li > ul > li[data-object]').first();
  await level.waitFor();
  for (let d = 0; d < 3; d++) {
    await level.locator(':scope > button.toggle').click();
    level = level.locator(':scope > ul > li[data-object]').first();
    await level.waitFor();
  }
  await level.locator(':scope > button.pathbtn').click();
  await page.locator('#x-path ol.path li').first().waitFor();
  await page.locator('#explorer').scrollIntoViewIfNeeded();
  await page.evaluate(() => globalThis.document.getElementById('explorer').scrollIntoView());
  await page.screenshot({ path: join(root, 'docs', 'serve.png') });
  await context.close();
} finally {
  await browser.close();
  if (server.pid) process.kill(server.pid, 'SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
