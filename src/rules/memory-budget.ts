// Where the resident memory goes: heap + metaspace + thread stacks + code cache (+ direct cap), against
// the observed RSS and the container limit. A large remainder is native memory outside the JVM's
// accounting — the thing heap dumps and jstat can never show.

import { defineRule } from './define.js';
import type { EvidenceRef, Finding, Severity } from '../diagnosis/finding.js';
import { buildBudget, suggestMetaspaceCap } from '../diagnosis/budget.js';
import { formatBytes, GB } from '../util/bytes.js';

export const memoryBudget = defineRule({
  id: 'memory-budget',
  maxSeverity: 'critical',
  description: 'Adds up heap, metaspace, thread stacks and code cache against the process RSS and the container limit.',
  run({ facts }) {
    const budget = buildBudget(facts);
    if (!budget || budget.rssBytes === undefined && !facts.containerLimit) return [];
    const pct = (n: number) => (budget.rssBytes ? ` (${Math.round((100 * n) / budget.rssBytes)} % of RSS)` : '');
    const rows: (string | number)[][] = budget.rows.map((r) => [r.area, formatBytes(r.bytes), `${r.basis}${r.upperBound ? ' — upper bound' : ''}`]);
    rows.push(['Accounted', formatBytes(budget.accountedBytes), 'sum of the rows above']);
    if (budget.rssBytes !== undefined) {
      rows.push(['Resident (RSS)', formatBytes(budget.rssBytes), `observed: ${budget.rssRef?.file}:${budget.rssRef?.line ?? ''}`]);
      rows.push(['Unexplained native', formatBytes(Math.max(0, budget.unexplainedBytes!)), 'RSS − accounted: JNI/JavaCPP mallocs, direct buffers, GC structures, allocator arenas']);
    }
    if (facts.containerLimit) rows.push(['Container limit', formatBytes(facts.containerLimit.value), 'docker inspect HostConfig.Memory']);

    const evidence: EvidenceRef[] = budget.rows.filter((r) => r.ref).map((r) => r.ref!);
    if (budget.rssRef) evidence.push(budget.rssRef);
    if (facts.containerLimit) evidence.push(facts.containerLimit.ref);

    const unexplained = budget.unexplainedBytes ?? 0;
    const bigGap = budget.rssBytes !== undefined && unexplained > 1 * GB && unexplained > 0.2 * budget.rssBytes;
    const overLimit = facts.containerLimit && budget.accountedBytes > facts.containerLimit.value * 0.95;
    const severity: Severity = overLimit ? 'critical' : bigGap ? 'warning' : 'info';

    const parts: string[] = [];
    if (budget.rssBytes !== undefined) {
      parts.push(`The JVM holds ${formatBytes(budget.rssBytes)} resident; heap, metaspace, thread stacks and code cache explain at most ${formatBytes(budget.accountedBytes)}.`);
      if (unexplained > 0) parts.push(`About ${formatBytes(unexplained)}${pct(unexplained)} is native memory the JVM does not account for.`);
      else parts.push('Everything resident is explained by the JVM\'s own areas.');
    }
    if (overLimit) parts.push(`The budget (${formatBytes(budget.accountedBytes)}) exceeds 95 % of the container limit (${formatBytes(facts.containerLimit!.value)}): the kernel's OOM killer will end the process (exit code 137) before the JVM reports anything.`);

    const pid = facts.javaPid ?? '<pid>';
    const finding: Finding = {
      ruleId: 'memory-budget',
      severity,
      title: budget.rssBytes !== undefined ? `Where the ${formatBytes(budget.rssBytes)} of resident memory goes` : 'Memory budget against the container limit',
      summary: parts.join(' '),
      evidence,
      explanation: [
        'A JVM\'s footprint is much more than -Xmx: metaspace holds class metadata (it grows with every class loader that is never freed), each thread reserves a stack, the JIT keeps compiled code in the code cache, and native libraries allocate with malloc outside all of these.',
        'Rows marked "upper bound" are reserved sizes; the resident part is usually smaller, so the true unexplained native share is at least what the table shows.',
      ].join('\n'),
      recommendations: [
        {
          action: 'Turn on Native Memory Tracking and read it',
          detail: `Start the JVM with -XX:NativeMemoryTracking=summary (5–10 % overhead), then run \`jcmd ${pid} VM.native_memory summary\` (and \`jcmd ${pid} VM.native_memory baseline\` / \`summary.diff\` an hour later to see what grows). Memory that NMT does not list but RSS contains was allocated by native libraries (JNI, JavaCPP).`,
          flags: ['-XX:NativeMemoryTracking=summary'],
        },
      ],
      facts: {
        accountedBytes: budget.accountedBytes,
        ...(budget.rssBytes !== undefined ? { rssBytes: budget.rssBytes, unexplainedBytes: unexplained } : {}),
        ...(budget.heapMaxBytes !== undefined ? { heapMaxBytes: budget.heapMaxBytes } : {}),
        ...(facts.containerLimit ? { containerLimitBytes: facts.containerLimit.value } : {}),
      },
      table: { columns: ['Area', 'Size', 'Basis'], rows },
      score: 90,
    };
    if (!facts.maxMetaspaceBytes && budget.rows.some((r) => r.area.startsWith('Metaspace'))) {
      finding.recommendations.push({
        action: 'Cap metaspace',
        detail: 'Without -XX:MaxMetaspaceSize metaspace may grow until the machine runs out; a cap above today\'s committed size makes a class-loader leak fail fast with "OutOfMemoryError: Metaspace" instead of silently inflating RSS.',
        flags: [`-XX:MaxMetaspaceSize=${suggestMetaspaceCap(budget.rows.find((r) => r.area.startsWith('Metaspace'))!.bytes)}`],
      });
    }
    return [finding];
  },
});
