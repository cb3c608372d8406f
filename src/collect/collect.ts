// `jvmdoctor collect`: the seed's runbook, run for you. Picks the target (a PID, the biggest local JVM,
// a container, a pod), runs every step of the runbook with its timeout and byte cap, redacts secrets
// and writes one .tar.gz bundle with manifest.json, in the layout `diagnose` reads.

import { dirname, resolve } from 'node:path';
import { Collection, defaultBundleName, silentSteps, type StepProgress } from './engine.js';
import { resolveTarget, TargetError } from './targets.js';
import { readFile } from 'node:fs/promises';
import { parsePerfData, formatJstat, formatCounters } from './hsperfdata.js';
import { gatherProcess, type ProcessGatherOptions } from './gather-process.js';
import { gatherContainer } from './container.js';
import { gatherPod } from './pod.js';
import { runCommand, type CommandRunner } from './runner.js';
import type { Manifest } from './manifest.js';

export interface CollectOptions {
  pid?: number;
  /** A raw hsperfdata file (e.g. /tmp/hsperfdata_app/1 copied out of a stopped container's volume). */
  hsperfdata?: string;
  container?: string;
  /** docker or podman. */
  runtime?: string;
  pod?: string;
  namespace?: string;
  podContainer?: string;
  out?: string;
  samples?: number;
  intervalMs?: number;
  histogram?: boolean;
  heapDump?: boolean;
  bundleHeapDump?: boolean;
  force?: boolean;
  logBytes?: number;
  since?: string;
  runner?: CommandRunner;
  progress?: StepProgress;
  procRoot?: string;
}

export interface CollectResult {
  path: string;
  manifest: Manifest;
}

export async function collect(opts: CollectOptions = {}): Promise<CollectResult> {
  const c = new Collection(opts.runner ?? runCommand, opts.progress ?? silentSteps);
  const gather = (out: string): ProcessGatherOptions => ({
    samples: opts.samples ?? 5,
    intervalMs: opts.intervalMs ?? 1000,
    histogram: opts.histogram ?? false,
    heapDump: opts.heapDump ?? false,
    bundleHeapDump: opts.bundleHeapDump ?? false,
    force: opts.force ?? false,
    logBytes: opts.logBytes ?? 32 * 1024 * 1024,
    hostViews: true,
    outDir: dirname(out),
  });
  c.options = {
    samples: opts.samples ?? 5, intervalMs: opts.intervalMs ?? 1000, histogram: Boolean(opts.histogram),
    heapDump: Boolean(opts.heapDump), bundleHeapDump: Boolean(opts.bundleHeapDump), force: Boolean(opts.force),
    logBytes: opts.logBytes ?? 32 * 1024 * 1024, since: opts.since,
  };
  let label: string | number;
  let out: string;
  if (opts.hsperfdata) {
    const file = resolve(opts.hsperfdata);
    label = 'hsperfdata';
    out = resolve(opts.out ?? defaultBundleName(label));
    c.target = { kind: 'hsperfdata-file', file };
    await c.step('hsperfdata (file)', 10_000, async (s) => {
      const pd = parsePerfData(await readFile(file));
      s.add('jstat-gccapacity.txt', formatJstat([pd], 'gccapacity'));
      s.add('jstat-gc.txt', formatJstat([pd], 'gc'));
      s.add('hsperfdata-counters.txt', formatCounters(pd));
      return { status: pd.problems.length ? 'partial' : 'ok', note: `one sample: the counters as the JVM last wrote them${pd.problems.length ? '; ' + pd.problems[0] : ''}` };
    });
    if (c.steps[0].status === 'failed') throw new TargetError(`${file}: ${c.steps[0].reason}`);
  } else if (opts.pod) {
    label = opts.pod;
    out = resolve(opts.out ?? defaultBundleName(label));
    c.target = { kind: 'pod', pod: { name: opts.pod, namespace: opts.namespace, container: opts.podContainer } };
    await gatherPod(c, { pod: opts.pod, namespace: opts.namespace, container: opts.podContainer, kubectl: 'kubectl', logBytes: opts.logBytes ?? 32 * 1024 * 1024, since: opts.since, samples: opts.samples ?? 5, intervalMs: opts.intervalMs ?? 1000 });
  } else if (opts.container) {
    label = opts.container;
    out = resolve(opts.out ?? defaultBundleName(label.slice(0, 24)));
    await gatherContainer(c, { container: opts.container, runtime: opts.runtime ?? 'docker', logBytes: opts.logBytes ?? 32 * 1024 * 1024, since: opts.since, process: gather(out), procRoot: opts.procRoot });
  } else {
    const { target, note } = await resolveTarget(opts.pid, opts.procRoot);
    if (note) c.notes.push(note);
    label = target.pid;
    out = resolve(opts.out ?? defaultBundleName(label));
    c.target = { kind: 'pid', pid: target.pid, nspid: target.nspid, uid: target.uid, gid: target.gid, namespaced: target.namespaced, jvm: target.cmdline.slice(0, 1).join('') };
    await gatherProcess(c, target, gather(out));
  }
  const manifest = await c.write(out);
  return { path: out, manifest };
}
