// Does the JVM fit its container? The heap's share of the memory limit (too large leaves no room for
// metaspace, threads, code cache and native memory; the JDK default of 25 % wastes most of it), JVMs
// that ignore the container limit (before 8u191/10, or -XX:-UseContainerSupport), OOM kills the
// kernel or the orchestrator already reported, and memory quantities Kubernetes reads differently.
// Reference: HotSpot arguments.cpp set_heap_size (see jvm/heap-default.ts); cgroup-v2.rst memory.events.

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef, Recommendation, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { ref } from '../diagnosis/facts.js';
import { formatBytes, MB } from '../util/bytes.js';

/** Heap above this share of the limit leaves too little for everything else. */
export const HEAP_SHARE_MAX = 0.8;
/** A heap below this share of the limit (the JDK's 25 % default is the usual cause) wastes the container. */
export const HEAP_SHARE_MIN = 0.3;

export const containerFit = defineRule({
  id: 'container-fit',
  maxSeverity: 'critical',
  reads: ['cgroup', 'kubernetes', 'jvm-options', 'java-version', 'free'],
  tier: 'cause',
  description: 'Checks the heap against the container memory limit (too large or too small a share, JDKs that ignore the limit) and reports OOM kills from cgroup, Docker or Kubernetes.',
  run({ case: c, facts }, report) {
    const limit = facts.containerLimit;
    const cf = facts.container;
    const points: { severity: Severity; text: string; title: string }[] = [];
    const evidence: EvidenceRef[] = [];
    const recs: Recommendation[] = [];
    const out: Record<string, number | string | boolean> = {};

    if (cf.oomKills && cf.oomKills.value > 0) {
      points.push({ severity: 'critical', title: `The kernel OOM-killed a process in this container ${cf.oomKills.value} time(s)`, text: `The cgroup's OOM killer fired ${cf.oomKills.value} time(s) (oom_kill in memory.events / memory.oom_control): the process was ended with SIGKILL (exit code 137) when the cgroup reached its limit — no OutOfMemoryError, no heap dump.` });
      evidence.push(cf.oomKills.ref);
      out.oomKills = cf.oomKills.value;
    }
    if (cf.oomKilledReported) {
      points.push({ severity: 'critical', title: 'The container was OOM-killed', text: `${cf.oomKilledReported.value}${cf.restarts ? `; restarted ${cf.restarts.value} time(s)` : ''}.` });
      evidence.push(cf.oomKilledReported.ref);
      if (cf.restarts) evidence.push(cf.restarts.ref);
      out.oomKilledReported = true;
    }
    const kc = cf.kubernetes;
    if (!cf.oomKilledReported && kc && (kc.lastExitCode || kc.lastTerminationReason || (kc.restartCount && kc.restartCount.value > 0))) {
      // A kill or restarts that the kubelet did not attribute to the container's memory limit.
      const reason = kc.lastTerminationReason?.value;
      const exit = kc.lastExitCode?.value;
      const restarts = kc.restartCount?.value;
      const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
      const limitText = kc.memoryLimitBytes ? ` Its memory limit is ${formatBytes(kc.memoryLimitBytes.value)}.` : '';
      if (exit === 137) {
        points.push({
          severity: 'warning',
          title: `The container was killed with SIGKILL (exit code 137, reason ${reason ?? 'not given'}), not reported as OOMKilled`,
          text: `Exit code 137 = 128 + 9: the process received SIGKILL${restarts !== undefined ? `; it restarted ${times(restarts)}` : ''}. With reason ${reason ?? '(none)'} rather than OOMKilled, the container's own memory limit did not kill it: the usual senders are a failing liveness probe (the kubelet kills after the grace period), an eviction or a preStop timeout, or the node's kernel OOM killer during a node-wide (system) OOM — check the pod's events and the node's kernel log (journalctl -k, dmesg).${limitText}`,
        });
      } else if (restarts !== undefined && restarts > 0) {
        points.push({
          severity: 'warning',
          title: `The container restarted ${times(restarts)}${reason ? ` (last termination: ${reason}${exit !== undefined ? `, exit code ${exit}` : ''})` : ''}`,
          text: `Kubernetes restarted it ${times(restarts)}${reason ? `; the last run ended with ${reason}${exit !== undefined ? ` (exit code ${exit})` : ''}` : ' and this output does not say why the last run ended (older kubectl versions do not print Last State): `kubectl get pod -o yaml` shows lastState.terminated.reason, and OOMKilled there means the memory limit'}.${limitText}`,
        });
      }
      for (const s of [kc.lastTerminationReason, kc.lastExitCode, kc.restartCount, kc.memoryLimitBytes]) if (s && cf.kubernetesFile) evidence.push(ref(cf.kubernetesFile, s.line, s.text.trim()));
    }
    for (const item of c.of('kubernetes')) {
      for (const k of item.data.containers) {
        for (const p of k.problems) {
          points.push({ severity: 'warning', title: 'A Kubernetes memory quantity is not what was meant', text: `${k.workload}${k.name ? ` container ${k.name}` : ''}: ${p.value}.` });
          evidence.push(ref(item.file, p.line, p.text.trim()));
        }
      }
    }

    if (limit) {
      out.containerLimitBytes = limit.value;
      evidence.push(limit.ref);
      const explicit = facts.heapMaxBytes;
      const dflt = facts.defaultHeap;
      const heap = explicit?.value ?? dflt?.bytes;
      if (dflt && !dflt.containerAware && dflt.memorySource === 'host RAM') {
        const over = dflt.bytes > limit.value * HEAP_SHARE_MAX;
        points.push({
          severity: over ? 'critical' : 'warning',
          title: 'This JVM sizes its heap from the host, not the container',
          text: `Without -Xmx this JVM (${facts.java ? facts.java.value.version : 'its version'}${facts.flags.booleans.UseContainerSupport?.value === false ? ', -XX:-UseContainerSupport' : ''}) takes ${dflt.percent} % of the host's ${formatBytes(dflt.memoryBytes)} = ${formatBytes(dflt.bytes)} of heap, ignoring the ${formatBytes(limit.value)} container limit${over ? ': it will be OOM-killed before it ever collects the old generation in earnest' : ''}.`,
        });
        if (facts.java) evidence.push(facts.java.ref);
        recs.push({ action: 'Give the heap an explicit size, or use a container-aware JDK', detail: 'Container support arrived in JDK 10 and 8u191 (-XX:+UseContainerSupport, on by default); on an older JDK set -Xmx explicitly.', flags: [`-Xmx${Math.floor((limit.value * 0.7) / MB)}m`] });
      } else if (heap !== undefined) {
        const share = heap / limit.value;
        out.heapBytes = heap;
        out.heapShareOfLimit = Number(share.toFixed(3));
        out.heapIsDefault = !explicit;
        const what = explicit ? `-Xmx ${formatBytes(heap)}` : `the default heap (${dflt!.basis}) of ${formatBytes(heap)}`;
        if (explicit) evidence.push(explicit.ref);
        if (share > HEAP_SHARE_MAX) {
          points.push({ severity: 'warning', title: `The heap takes ${Math.round(share * 100)} % of the container limit`, text: `${what} is ${Math.round(share * 100)} % of the ${formatBytes(limit.value)} limit, leaving ${formatBytes(Math.max(0, limit.value - heap))} for metaspace, thread stacks, code cache, GC structures and native memory — usually 300 MB to 1 GB and more.` });
          recs.push({ action: 'Leave room for non-heap memory', detail: `Keep the heap at 60–75 % of the limit; measure the rest with Native Memory Tracking before going higher.`, flags: [explicit ? `-Xmx${Math.floor((limit.value * 0.7) / MB)}m` : '-XX:MaxRAMPercentage=70'] });
        } else if (share < HEAP_SHARE_MIN) {
          points.push({ severity: 'info', title: `The heap uses only ${Math.round(share * 100)} % of the container limit`, text: `${what} is ${Math.round(share * 100)} % of the ${formatBytes(limit.value)} limit${explicit ? '' : ': the JDK default of 25 % is meant for shared hosts, not for a container that runs one JVM'}.` });
          recs.push({ action: 'Let the heap use the container', detail: 'In a container that runs only this JVM, 60–75 % of the limit for the heap is typical; the rest covers non-heap memory.', flags: ['-XX:MaxRAMPercentage=70'] });
        } else if (!explicit && dflt) {
          points.push({ severity: 'info', title: 'The heap follows the container limit', text: `No -Xmx: ${what}, ${Math.round(share * 100)} % of the ${formatBytes(limit.value)} limit.` });
        }
      }
    }
    if (points.length === 0) return;
    points.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
    const severity = points[0].severity;
    const finding: FindingDraft = {
      severity,
      // An OOM kill or a heap sized past the limit is why the process died; a sizing hint is context.
      tier: severity === 'critical' ? 'cause' : 'context',
      title: points[0].title,
      summary: points.map((p) => p.text).join(' '),
      evidence,
      explanation: [
        'In a container the kernel enforces the memory limit on the whole process: heap, metaspace, thread stacks, code cache, GC structures and every native allocation. Going over it ends the JVM with SIGKILL (exit code 137, "OOMKilled") — the JVM gets no chance to throw OutOfMemoryError or write a heap dump.',
        'Since JDK 10 and 8u191 the JVM reads the limit and, without -Xmx, takes MaxRAMPercentage (25 %) of it for the heap.',
      ].join('\n'),
      recommendations: [
        ...recs,
        ...(out.oomKills || out.oomKilledReported ? [{ action: 'Find what grew before the kill', detail: 'Compare the memory budget with the limit; start the JVM with -XX:NativeMemoryTracking=summary and take `jcmd <pid> VM.native_memory summary` near the limit; `dmesg` / `journalctl -k` show the kernel\'s "Memory cgroup out of memory: Killed process" line with the sizes.' }] : []),
      ],
      facts: out,
    };
    return void report(finding);
  },
});
