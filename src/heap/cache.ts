// The analysis cache: the finished report, stored beside the dump as `<dump>.jvmdoctor-heap.json`
// (or under $XDG_CACHE_HOME/jvmdoctor, else ~/.cache/jvmdoctor, when the dump's folder is not
// writable). Valid only for the same file size, modification time, analyzer version and options, so
// a changed or re-written dump is analysed again.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { HeapReport } from '../model/heap-report.js';

/** Bump when the report's content or computation changes. */
export const ANALYZER_VERSION = 2; // 2: suspects below class loaders, classLoaders

export interface CacheKey {
  fileBytes: number;
  mtimeMs: number;
  version: number;
  top: number;
}

interface CacheFile {
  key: CacheKey;
  report: HeapReport;
}

export const CACHE_SUFFIX = '.jvmdoctor-heap.json';

export function besideDumpPath(dump: string): string {
  return `${dump}${CACHE_SUFFIX}`;
}

export function cacheDirPath(dump: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const h = createHash('sha256').update(resolve(dump)).digest('hex').slice(0, 16);
  return join(base, 'jvmdoctor', `${basename(dump)}-${h}.json`);
}

/** undefined when the dump cannot be stat'ed (the reader then reports why, as an InputError). */
export async function cacheKeyFor(dump: string, top: number): Promise<CacheKey | undefined> {
  try {
    const s = await stat(dump);
    if (!s.isFile()) return undefined;
    return { fileBytes: s.size, mtimeMs: s.mtimeMs, version: ANALYZER_VERSION, top };
  } catch {
    return undefined;
  }
}

function sameKey(a: CacheKey, b: CacheKey): boolean {
  return a.fileBytes === b.fileBytes && a.mtimeMs === b.mtimeMs && a.version === b.version && a.top >= b.top;
}

/** The cached report when one matches `key` (a cache made with a larger `top` also serves). */
export async function readCachedReport(dump: string, key: CacheKey): Promise<HeapReport | undefined> {
  for (const p of [besideDumpPath(dump), cacheDirPath(dump)]) {
    try {
      const data = JSON.parse(await readFile(p, 'utf8')) as CacheFile;
      if (data && data.key && sameKey(data.key, key) && data.report?.schemaVersion === 1) return data.report;
    } catch {
      // missing or unreadable cache: try the next place
    }
  }
  return undefined;
}

/** Writes the cache beside the dump, or in the cache dir if that fails. Returns where, or undefined. */
export async function writeCachedReport(dump: string, key: CacheKey, report: HeapReport): Promise<string | undefined> {
  const body = JSON.stringify({ key, report } satisfies CacheFile);
  for (const p of [besideDumpPath(dump), cacheDirPath(dump)]) {
    try {
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, p);
      return p;
    } catch {
      // read-only folder: fall back to the cache dir
    }
  }
  return undefined;
}
