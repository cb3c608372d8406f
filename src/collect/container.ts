// --container ID|NAME through the docker (or podman) CLI: `inspect` for the host PID, limits, OOMKilled
// and mounts; `logs` (timestamps, --since, a byte cap); then the JVM inside is gathered from the host
// through /proc/<pid>/root like any other process. A stopped or OOM-killed container still has its
// inspect, its logs and — when /tmp was not a tmpfs — its JVM's last hsperfdata counters, read from the
// container's writable layer (overlay UpperDir) or copied out with `docker cp`.

import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Collection } from './engine.js';
import { describeProcess, isJvm, TargetError, type JvmTarget } from './targets.js';
import { gatherKernelOom, gatherProcess, type ProcessGatherOptions } from './gather-process.js';
import { parsePerfData, formatJstat, formatCounters, type PerfData } from './hsperfdata.js';
import { readTar } from '../input/tar.js';
import { ByteReader } from '../input/byte-reader.js';

export interface ContainerOptions {
  container: string;
  runtime: string;
  logBytes: number;
  since?: string;
  process: ProcessGatherOptions;
  procRoot?: string;
}

interface Inspect {
  Id?: string;
  Name?: string;
  State?: { Running?: boolean; Pid?: number; OOMKilled?: boolean; ExitCode?: number; Status?: string };
  HostConfig?: { Memory?: number };
  GraphDriver?: { Name?: string; Data?: { UpperDir?: string } };
}

export async function gatherContainer(c: Collection, o: ContainerOptions): Promise<void> {
  const rt = o.runtime;
  let info: Inspect | undefined;
  await c.step(`${rt} inspect`, 20_000, async (s) => {
    const args = ['inspect', o.container];
    const out = s.ran(rt, args, await c.run(rt, args, { timeoutMs: 15_000, maxBytes: 8 * 1024 * 1024 }));
    if (out === undefined) return;
    s.add('docker-inspect.json', out);
    info = (JSON.parse(out) as Inspect[])[0];
  });
  if (!info) {
    const why = c.steps[c.steps.length - 1].reason ?? 'no answer';
    throw new TargetError(`container ${o.container}: ${rt} inspect failed (${why})`);
  }
  const running = Boolean(info.State?.Running) && (info.State?.Pid ?? 0) > 0;
  c.target = {
    kind: 'container',
    container: { id: info.Id, name: info.Name?.replace(/^\//, ''), runtime: rt, running, oomKilled: info.State?.OOMKilled },
  };
  if (info.State?.OOMKilled) c.notes.push(`the container was OOM-killed (exit code ${info.State.ExitCode})`);

  // The JVM first (attach makes a thread dump appear in the log only when attach fails, so logs come after).
  if (running) {
    const jvm = await jvmInContainer(info.State!.Pid!, o.procRoot);
    if (jvm) {
      Object.assign(c.target, { pid: jvm.pid, nspid: jvm.nspid, uid: jvm.uid, gid: jvm.gid, namespaced: jvm.namespaced, jvm: jvm.cmdline[0] });
      await gatherProcess(c, jvm, o.process);
    } else {
      c.notGathered.push({ what: 'JVM', why: `no JVM process in container ${o.container} (host PID ${info.State!.Pid}): nothing maps libjvm.so or has an hsperfdata file` });
    }
  } else {
    await staleHsperfdata(c, o, info);
    await gatherKernelOom(c, info.Id ? [info.Id] : []);
  }

  await c.step(`${rt} logs`, 60_000, async (s) => {
    const args = ['logs', '--timestamps', ...(o.since ? ['--since', o.since] : []), '--tail', '500000', o.container];
    // Container stdout and stderr both make the log; keep them in one file, in arrival order.
    const r = await c.run('sh', ['-c', `exec "$0" "$@" 2>&1`, rt, ...args], { timeoutMs: 55_000, maxBytes: o.logBytes });
    const out = s.ran(rt, args, r);
    if (out !== undefined) s.add('docker-logs.log', out);
    return { truncated: r.truncated, note: r.truncated ? `cut at ${o.logBytes} bytes (--log-bytes)` : undefined };
  });
}

/** The biggest JVM in the same PID namespace as the container's init process. */
async function jvmInContainer(initPid: number, procRoot = '/proc'): Promise<JvmTarget | undefined> {
  const ns = await readlink(join(procRoot, String(initPid), 'ns', 'pid')).catch(() => undefined);
  const candidates: JvmTarget[] = [];
  const init = await describeProcess(initPid, procRoot);
  if (init && isJvm(init)) candidates.push(init);
  if (ns) {
    for (const p of (await readdir(procRoot)).filter((n) => /^\d+$/.test(n)).map(Number)) {
      if (p === initPid) continue;
      if ((await readlink(join(procRoot, String(p), 'ns', 'pid')).catch(() => '')) !== ns) continue;
      const t = await describeProcess(p, procRoot);
      if (t && isJvm(t)) candidates.push(t);
    }
  }
  return candidates.sort((a, b) => (b.vmRssKb ?? 0) - (a.vmRssKb ?? 0))[0];
}

/** A stopped container's hsperfdata: as the JVM left it (the last counters before the kill). */
async function staleHsperfdata(c: Collection, o: ContainerOptions, info: Inspect): Promise<void> {
  await c.step('hsperfdata (stopped container)', 30_000, async (s) => {
    const found: { name: string; data: Buffer; mtime?: number }[] = [];
    let how = '';
    const upper = info.GraphDriver?.Data?.UpperDir;
    if (upper) {
      const tmp = join(upper, 'tmp');
      for (const d of await readdir(tmp).catch(() => [] as string[])) {
        if (!d.startsWith('hsperfdata_')) continue;
        for (const f of await readdir(join(tmp, d)).catch(() => [] as string[])) {
          if (!/^\d+$/.test(f)) continue;
          const p = join(tmp, d, f);
          found.push({ name: `${d}/${f}`, data: await readFile(p), mtime: (await stat(p)).mtimeMs });
        }
      }
      if (found.length) how = `read from the container's writable layer (${info.GraphDriver?.Name} UpperDir)`;
    }
    if (found.length === 0) {
      const args = ['cp', `${o.container}:/tmp/.`, '-'];
      const r = await c.run(o.runtime, args, { timeoutMs: 25_000, maxBytes: 64 * 1024 * 1024 });
      if (r.code === 0 || r.stdout.length > 0) {
        try {
          for await (const m of readTar(new ByteReader(Readable.from([r.stdout])))) {
            const mm = /(?:^|\/)(hsperfdata_[^/]+)\/(\d+)$/.exec(m.name);
            const chunks: Buffer[] = [];
            for await (const ch of m.chunks) if (mm) chunks.push(Buffer.from(ch));
            if (mm) found.push({ name: `${mm[1]}/${mm[2]}`, data: Buffer.concat(chunks) });
          }
        } catch { /* a cut tar: keep what was read */ }
        if (found.length) how = `copied out with ${o.runtime} cp`;
      }
      if (found.length === 0) return { status: 'failed', reason: `no hsperfdata file left in the stopped container (/tmp was a tmpfs, -XX:-UsePerfData, or the JVM removed it on a clean exit)${r.code !== 0 ? `; ${o.runtime} cp: ${r.stderr.toString().trim().split('\n')[0]}` : ''}` };
    }
    found.sort((a, b) => (b.mtime ?? 0) - (a.mtime ?? 0));
    let pd: PerfData;
    try {
      pd = parsePerfData(found[0].data);
    } catch (e) {
      return { status: 'failed', reason: `${found[0].name}: ${(e as Error).message}` };
    }
    s.add('jstat-gccapacity.txt', formatJstat([pd], 'gccapacity'));
    s.add('jstat-gc.txt', formatJstat([pd], 'gc'));
    s.add('hsperfdata-counters.txt', formatCounters(pd));
    return { note: `stale counters of the stopped JVM (/tmp/${found[0].name}), ${how}; one sample: the values at the moment it died` };
  });
}
