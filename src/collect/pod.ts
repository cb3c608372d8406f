// --pod NAME [-n NS] [-c CONTAINER] through kubectl only (the pod's node is usually not this machine):
// `get pod -o json` (limits, lastState OOMKilled, restarts; bundled as the YAML `-o yaml` prints),
// `logs` and `logs --previous` after a restart, then what `kubectl exec … cat` can read inside: the
// JVM's /proc files, its cgroup memory files and its hsperfdata file (jstat counters, sampled). An image
// without `cat` (distroless) is said so, with the ephemeral debug container that still works.
// The attach mechanism needs a process inside the pod's namespaces: not through kubectl alone.

import type { Collection } from './engine.js';
import { parsePerfData, formatJstat, formatCounters, type PerfData } from './hsperfdata.js';
import { shellQuote } from './gather-process.js';
import { toYaml } from './yaml.js';
import { TargetError } from './targets.js';

export interface PodOptions {
  pod: string;
  namespace?: string;
  container?: string;
  kubectl: string;
  logBytes: number;
  since?: string;
  samples: number;
  intervalMs: number;
}

interface PodJson {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: { containers?: { name: string }[] };
  status?: { containerStatuses?: { name: string; restartCount?: number; lastState?: { terminated?: { reason?: string; exitCode?: number } } }[] };
}

export async function gatherPod(c: Collection, o: PodOptions): Promise<void> {
  const ns = o.namespace ? ['-n', o.namespace] : [];
  const k = o.kubectl;
  let pod: PodJson | undefined;
  await c.step('kubectl get pod', 20_000, async (s) => {
    const args = ['get', 'pod', o.pod, ...ns, '-o', 'json'];
    const out = s.ran(k, args, await c.run(k, args, { timeoutMs: 15_000, maxBytes: 8 * 1024 * 1024 }));
    if (out === undefined) return;
    pod = JSON.parse(out) as PodJson;
    s.add('kubectl-get-pod.json', out);
    s.add('pod.yaml', toYaml(pod));
  });
  if (!pod) throw new TargetError(`pod ${o.pod}: kubectl get pod failed (${c.steps[c.steps.length - 1].reason ?? 'no answer'})`);
  const names = (pod.spec?.containers ?? []).map((x) => x.name);
  const container = o.container ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0];
  if (!container) throw new TargetError(`pod ${o.pod} has no containers`);
  if (o.container && !names.includes(o.container)) throw new TargetError(`pod ${o.pod} has no container ${o.container} (containers: ${names.join(', ')})`);
  const status = pod.status?.containerStatuses?.find((x) => x.name === container);
  c.target = { kind: 'pod', pod: { name: o.pod, namespace: o.namespace ?? pod.metadata?.namespace, container } };
  if (status?.lastState?.terminated?.reason === 'OOMKilled') c.notes.push(`container ${container} was OOM-killed before (exit ${status.lastState.terminated.exitCode}); ${status.restartCount ?? 0} restart(s)`);
  const cc = ['-c', container];

  await c.step('kubectl logs', 60_000, async (s) => {
    const args = ['logs', o.pod, ...ns, ...cc, '--timestamps', `--limit-bytes=${o.logBytes}`, ...(o.since ? [`--since=${o.since}`] : [])];
    const out = s.ran(k, args, await c.run(k, args, { timeoutMs: 55_000, maxBytes: o.logBytes + 4096 }));
    if (out !== undefined) s.add('pod-logs.log', out);
  });
  if ((status?.restartCount ?? 0) > 0) {
    await c.step('kubectl logs --previous', 60_000, async (s) => {
      const args = ['logs', o.pod, ...ns, ...cc, '--previous', '--timestamps', `--limit-bytes=${o.logBytes}`];
      const out = s.ran(k, args, await c.run(k, args, { timeoutMs: 55_000, maxBytes: o.logBytes + 4096 }));
      if (out !== undefined) s.add('pod-logs-previous.log', out);
      return { note: 'the container before its last restart (where an OOM kill or crash shows)' };
    });
  }

  const cat = async (path: string, maxBytes = 4 * 1024 * 1024) => c.run(k, ['exec', o.pod, ...ns, ...cc, '--', 'cat', path], { timeoutMs: 15_000, maxBytes });
  let canExec = false;
  await c.step('kubectl exec (probe)', 20_000, async (s) => {
    const r = await cat('/proc/1/status');
    const err = r.stderr.toString('utf8') || r.stdout.toString('utf8');
    if (r.code !== 0) {
      // 126/127: the command cannot be run / is not there (runc's and kubectl's exit codes, as a shell's).
      const noCat = r.code === 126 || r.code === 127 || /executable file not found|no such file or directory|exec: "cat"|OCI runtime exec failed/i.test(err);
      return {
        status: 'failed', command: `${k} exec ${o.pod} -c ${container} -- cat /proc/1/status`, exitCode: r.code,
        reason: noCat
          ? `the image has no \`cat\` (no shell, distroless?): /proc, cgroup and hsperfdata cannot be read through exec. What still works: an ephemeral debug container sharing the JVM's process namespace — kubectl debug -it ${o.pod} ${o.namespace ? '-n ' + o.namespace + ' ' : ''}--image=busybox --target=${container} — then read /proc/1/root/tmp/hsperfdata_*/1 from there`
          : `kubectl exec failed: ${(err.trim().split('\n')[0]) || 'exit ' + r.code}`,
      };
    }
    canExec = true;
    s.add('proc-status.txt', r.stdout.toString('utf8'));
    return { command: `${k} exec ${o.pod} -c ${container} -- cat /proc/1/status`, exitCode: 0, note: 'PID 1 of the container, as the container sees it' };
  });
  if (!canExec) {
    c.notGathered.push({ what: 'jcmd (attach)', why: 'needs a process inside the pod: not possible through kubectl exec without a tool in the image' });
    return;
  }
  await c.step('pod /proc files', 30_000, async (s) => {
    const got: string[] = [];
    for (const [file, name] of [['/proc/1/cmdline', 'cmdline.txt'], ['/proc/1/environ', 'environ.txt'], ['/proc/1/smaps_rollup', 'smaps_rollup.txt'], ['/proc/1/limits', 'proc-limits.txt']] as const) {
      const r = await cat(file);
      if (r.code !== 0) continue;
      let text = r.stdout.toString('utf8');
      if (file.endsWith('cmdline')) text = text.split('\0').filter(Boolean).map(shellQuote).join(' ') + '\n';
      if (file.endsWith('environ')) text = text.split('\0').filter(Boolean).join('\n') + '\n';
      s.add(name, text);
      got.push(file);
    }
    return { note: got.join(', ') };
  });
  await c.step('pod cgroup memory', 30_000, async (s) => {
    const got: string[] = [];
    for (const f of ['memory.max', 'memory.current', 'memory.peak', 'memory.events', 'memory.stat']) {
      const r = await cat(`/sys/fs/cgroup/${f}`);
      if (r.code === 0) { s.add(`cgroup/${f}`, r.stdout.toString('utf8')); got.push(f); }
    }
    if (got.length === 0) {
      for (const f of ['memory.limit_in_bytes', 'memory.usage_in_bytes', 'memory.max_usage_in_bytes', 'memory.failcnt', 'memory.stat', 'memory.oom_control']) {
        const r = await cat(`/sys/fs/cgroup/memory/${f}`);
        if (r.code === 0) { s.add(`cgroup/${f}`, r.stdout.toString('utf8')); got.push(f); }
      }
    }
    return got.length ? { note: got.join(', ') } : { status: 'failed', reason: 'no cgroup memory file readable inside the container' };
  });
  await c.step('hsperfdata (kubectl exec)', o.samples * (o.intervalMs + 2_000) + 15_000, async (s) => {
    // The JVM's user names the folder: /tmp/hsperfdata_<user>/<pid>, PID 1 in the container.
    const status = c.files.find((f) => f.name === 'proc-status.txt')?.content.toString() ?? '';
    const uid = /^Uid:\s*\d+\s+(\d+)/m.exec(status)?.[1] ?? '0';
    const passwd = await cat('/etc/passwd', 1024 * 1024);
    const user = passwd.code === 0 ? passwd.stdout.toString('utf8').split('\n').map((l) => l.split(':')).find((f) => f[2] === uid)?.[0] : undefined;
    const candidates = [...new Set([user, uid === '0' ? 'root' : undefined].filter(Boolean) as string[])];
    let path: string | undefined;
    const samples: PerfData[] = [];
    for (const u of candidates) {
      const p = `/tmp/hsperfdata_${u}/1`;
      const r = await cat(p, 1024 * 1024);
      if (r.code === 0 && r.stdout.length >= 32) { path = p; samples.push(parsePerfData(r.stdout)); break; }
    }
    if (!path) return { status: 'failed', reason: `no hsperfdata file for PID 1 (tried ${candidates.map((u) => `/tmp/hsperfdata_${u}/1`).join(', ') || 'no user name'})` };
    for (let i = 1; i < o.samples; i++) {
      await new Promise((r) => setTimeout(r, o.intervalMs));
      const r = await cat(path, 1024 * 1024);
      if (r.code === 0) samples.push(parsePerfData(r.stdout));
    }
    s.add('jstat-gccapacity.txt', formatJstat(samples, 'gccapacity'));
    s.add('jstat-gc.txt', formatJstat(samples, 'gc'));
    s.add('hsperfdata-counters.txt', formatCounters(samples[samples.length - 1]));
    return { note: `${samples.length} samples of ${path} through kubectl exec cat` };
  });
  c.notGathered.push({ what: 'jcmd (attach)', why: 'the attach socket lives inside the pod: through kubectl it needs a tool in the image (copy the jvmdoctor single executable in with kubectl cp and run collect there)' });
}
