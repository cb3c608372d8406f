// --heap-dump, opt-in only, with the safety checks: free space checked through the target's own
// filesystem first (statfs of /proc/<pid>/root/tmp), tmpfs refused without --force (a dump in RAM can
// push an already memory-starved container over its limit), the pause announced, -gz to write less,
// the JVM's reply parsed (GC.heap_dump reports errors with result code 0), partial files deleted, and
// the dump moved out of the target so nothing is left behind in it. Never bundled unless asked.

import { statfs, rename, copyFile, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Collection } from './engine.js';
import type { JvmTarget } from './targets.js';
import { jcmd, type AttachSession } from './attach.js';
import { counter, parsePerfData } from './hsperfdata.js';
import { readFile } from 'node:fs/promises';
import { formatBytes } from '../util/bytes.js';

const TMPFS_MAGIC = 0x01021994;

export async function checkHeapDumpSpace(t: JvmTarget, force: boolean): Promise<{ ok: boolean; reason?: string; usedBytes?: number; freeBytes?: number }> {
  const dir = join(t.root, 'tmp');
  const fs = await statfs(dir);
  const free = Number(fs.bavail) * Number(fs.bsize);
  let used: number | undefined;
  if (t.hsperfdata) {
    const pd = parsePerfData(await readFile(t.hsperfdata));
    used = 0;
    for (const name of pd.entries.keys()) if (/^sun\.gc\.generation\.\d+\.space\.\d+\.used$/.test(name)) used += Number(counter(pd, name) ?? 0n);
  }
  if (Number(fs.type) === TMPFS_MAGIC && !force) return { ok: false, reason: `/tmp of the target is a tmpfs: the dump would take RAM from an already strained machine (use --force to write it anyway)`, usedBytes: used, freeBytes: free };
  // An uncompressed dump is about the used heap; gzip usually takes it to a third. Demand the full size to be safe.
  if (used !== undefined && free < used * 1.1) return { ok: false, reason: `only ${formatBytes(free)} free in the target's /tmp for a heap of ${formatBytes(used)} in use`, usedBytes: used, freeBytes: free };
  return { ok: true, usedBytes: used, freeBytes: free };
}

export async function heapDumpStep(c: Collection, t: JvmTarget, session: AttachSession, o: { force: boolean; outDir: string; bundleHeapDump: boolean }): Promise<void> {
  await c.step('heap dump', 15 * 60_000, async (s) => {
    const space = await checkHeapDumpSpace(t, o.force);
    if (!space.ok) return { status: 'skipped', reason: space.reason };
    const inside = `/tmp/jvmdoctor-heap-${t.nspid}-${Date.now()}.hprof.gz`;
    const seen = join(t.root, inside);
    c.notes.push('heap dump: the JVM is paused while it writes the dump (seconds to minutes for a large heap)');
    const r = await jcmd(session, `GC.heap_dump -gz=1 ${inside}`, { timeoutMs: 14 * 60_000 });
    if (!r.ok || !/Heap dump file created/.test(r.output)) {
      await unlink(seen).catch(() => {});
      return { status: 'failed', reason: `the JVM answered: ${(r.error ?? r.output).trim().split('\n')[0]}`, command: `jcmd ${t.pid} GC.heap_dump -gz=1 ${inside}` };
    }
    const local = join(o.outDir, `heap-${t.pid}.hprof.gz`);
    try {
      await rename(seen, local);
    } catch {
      await copyFile(seen, local);
      await unlink(seen).catch(() => {});
    }
    const size = (await stat(local)).size;
    if (o.bundleHeapDump) c.files.push({ name: `heap-${t.pid}.hprof.gz`, content: '', path: local });
    else c.notes.push(`heap dump written beside the bundle (not in it: a heap holds every secret the application holds): ${local}`);
    void s;
    return { command: `jcmd ${t.pid} GC.heap_dump -gz=1 ${inside}`, exitCode: r.code, note: `${formatBytes(size)} (gzip), moved out of the target to ${local}` };
  });
}
