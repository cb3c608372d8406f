// Test-only browser harness: Debian's Chromium driven by playwright-core (never a downloaded browser).
// Every page opened through it records each request it makes; `assertNoOutsideRequests` fails on any
// request that leaves the page itself (its file:// URL, data:/blob:/about:) or 127.0.0.1. axe-core is
// injected for accessibility basics. The browser is killed by its PID in `close()`, which tests call
// from a finally block / after hook, so a failing test never leaves a Chromium behind.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../src/util/repo-root.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is absent (Debian package chromium, installed by .ci/run)`;
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci)';
  }
  return undefined;
}

/** Screenshots and other artifacts: test-artifacts/ at the repo root (gitignored). */
export function artifactPath(name: string): string {
  const dir = join(repoRoot(), 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export interface TestBrowser {
  browser: Browser;
  pid: number | undefined;
  /** Opens a new page in its own context; its requests are recorded in `requests`. */
  page(): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  requests: string[];
  /** Console errors and uncaught page errors (a broken inline script shows up here). */
  errors: string[];
}

export async function launchBrowser(): Promise<TestBrowser> {
  const { chromium } = await import('playwright-core');
  // launchServer, not launch: only the server exposes the browser's process, whose PID close() kills.
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true });
  const pid = server.process().pid;
  let browser: Browser;
  try {
    browser = await chromium.connect(server.wsEndpoint());
  } catch (e) {
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    throw e;
  }
  return {
    browser,
    pid,
    async page() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      return { page, context, requests, errors };
    },
    async close() {
      try {
        await Promise.race([browser.close().then(() => server.close()), new Promise((r) => setTimeout(r, 3000))]);
      } finally {
        // By PID, whatever close() did: a hung browser must not outlive the test.
        if (pid !== undefined) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
    },
  };
}

/** True for URLs a self-contained page or the local server may load. */
export function isLocalUrl(url: string, pageUrl: string): boolean {
  if (/^(data|blob|about):/.test(url)) return true;
  if (url.startsWith('file:')) return url.split('#')[0] === pageUrl.split('#')[0];
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'ws:') && u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export function assertNoOutsideRequests(p: TestPage, pageUrl: string): void {
  const outside = p.requests.filter((u) => !isLocalUrl(u, pageUrl));
  assert.deepEqual(outside, [], `the page made requests outside itself / 127.0.0.1: ${outside.join(', ')}`);
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page (injected through the DevTools protocol, so the page's own CSP, which
 * forbids inline scripts it did not hash, does not have to be loosened for the test) and returns the
 * violations of the WCAG A/AA rules with their impact.
 */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; nodes: number }[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return result;
}

declare const document: unknown;
