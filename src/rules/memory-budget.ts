// Where the resident memory goes: heap + metaspace + thread stacks + code cache (+ direct cap), against
// the observed RSS and the container limit. A large remainder is native memory outside the JVM's
// accounting — the thing heap dumps and jstat can never show.

import { defineRule, type FindingDraft } from './define.js';
import type { TableCell } from '../model/document.js';
import type { EvidenceRef, Severity } from '../model/finding.js';
import { budgetCeiling, buildBudget, suggestMetaspaceCap } from '../diagnosis/budget.js';
import { formatBytes, GB, MB } from '../util/bytes.js';

export const memoryBudget = defineRule({
  id: 'memory-budget',
  maxSeverity: 'critical',
  reads: ['proc-status', 'top', 'jstat', 'jvm-options', 'java-version', 'native-memory', 'cgroup', 'smaps-rollup'],
  tier: 'cause',
  description: 'Adds up heap, metaspace, thread stacks and code cache against the process RSS and the container limit.',
  run({ facts }, report) {
    const budget = buildBudget(facts);
    if (!budget || budget.rssBytes === undefined && !facts.containerLimit) return;
    const pct = (n: number) => (budget.rssBytes ? ` (${Math.round((100 * n) / budget.rssBytes)} % of RSS)` : '');
    const nmt = budget.source === 'nmt';
    const limit = facts.containerLimit;
    // [area, bytes, basis]; bytes are kept as numbers until the table is rendered, for the bars.
    const entries: [string, number, string][] = budget.rows.map((r) => [r.area, r.bytes, `${r.basis}${r.upperBound ? ' — upper bound' : ''}`]);
    entries.push([nmt ? 'NMT total (committed)' : 'Accounted', budget.accountedBytes, nmt ? 'Native Memory Tracking\'s Total line' : 'sum of the rows above']);
    if (budget.rssBytes !== undefined) {
      entries.push(['Resident (RSS)', budget.rssBytes, `observed: ${budget.rssRef?.file}:${budget.rssRef?.line ?? ''}`]);
      entries.push(
        nmt
          ? ['Outside NMT (JNI/JavaCPP/malloc arenas)', Math.max(0, budget.unexplainedBytes!), 'RSS − NMT committed: memory native libraries allocated, and glibc malloc arenas\' slack']
          : ['Unexplained native', Math.max(0, budget.unexplainedBytes!), 'RSS − accounted: JNI/JavaCPP mallocs, direct buffers, GC structures, allocator arenas'],
      );
    }
    const ceiling = limit ? budgetCeiling(facts, budget) : undefined;
    if (ceiling) entries.push(['Ceiling by configuration', ceiling.bytes, ceiling.parts.map((p) => `${p.area} ${formatBytes(p.bytes)}`).join(' + ')]);
    if (limit) entries.push(['Container limit', limit.value, facts.containerLimitSource ?? 'container limit']);
    // Size twice: once as a figure, once as a bar on one scale (drawn by the renderer), so the table reads as a chart.
    const rows: TableCell[][] = entries.map(([area, bytes, basis]) => [area, bytes, bytes, basis]);

    const evidence: EvidenceRef[] = budget.rows.filter((r) => r.ref).map((r) => r.ref!);
    if (budget.rssRef) evidence.push(budget.rssRef);
    if (limit) evidence.push(limit.ref);

    const unexplained = budget.unexplainedBytes ?? 0;
    // NMT accounts tightly, so a smaller remainder already means native allocations outside the JVM.
    const gapFloor = nmt ? 256 * MB : 1 * GB;
    const bigGap = budget.rssBytes !== undefined && unexplained > gapFloor && unexplained > 0.2 * budget.rssBytes;
    const overLimit = limit && budget.accountedBytes > limit.value * 0.95;
    const ceilingOver = limit && ceiling && ceiling.bytes > limit.value;
    const severity: Severity = overLimit || ceilingOver ? 'critical' : bigGap ? 'warning' : 'info';

    const parts: string[] = [];
    if (budget.rssBytes !== undefined) {
      parts.push(
        nmt
          ? `The JVM holds ${formatBytes(budget.rssBytes)} resident; Native Memory Tracking accounts for ${formatBytes(budget.accountedBytes)} committed.`
          : `The JVM holds ${formatBytes(budget.rssBytes)} resident; heap, metaspace, thread stacks and code cache explain at most ${formatBytes(budget.accountedBytes)}.`,
      );
      if (unexplained > 0) parts.push(`About ${formatBytes(unexplained)}${pct(unexplained)} is native memory ${nmt ? 'outside NMT (JNI, JavaCPP, malloc arenas)' : 'the JVM does not account for'}.`);
      else parts.push('Everything resident is explained by the JVM\'s own areas.');
    }
    if (overLimit) parts.push(`The budget (${formatBytes(budget.accountedBytes)}) exceeds 95 % of the container limit (${formatBytes(limit!.value)}): the kernel's OOM killer will end the process (exit code 137) before the JVM reports anything.`);
    else if (ceilingOver) parts.push(`By its own settings the JVM may grow to ${formatBytes(ceiling!.bytes)} (${ceiling!.parts.map((p) => `${p.area} ${formatBytes(p.bytes)}`).join(' + ')}), more than the ${formatBytes(limit!.value)} container limit: when it gets there the kernel's OOM killer ends it (exit code 137) with no Java error.`);

    const pid = facts.javaPid ?? '<pid>';
    const finding: FindingDraft = {
      severity,
      title: ceilingOver && !overLimit
        ? `The configured footprint (${formatBytes(ceiling!.bytes)}) exceeds the ${formatBytes(limit!.value)} container limit`
        : budget.rssBytes !== undefined ? `Where the ${formatBytes(budget.rssBytes)} of resident memory goes` : 'Memory budget against the container limit',
      summary: parts.join(' '),
      evidence,
      explanation: [
        'A JVM\'s footprint is much more than -Xmx: metaspace holds class metadata (it grows with every class loader that is never freed), each thread reserves a stack, the JIT keeps compiled code in the code cache, and native libraries allocate with malloc outside all of these.',
        'Rows marked "upper bound" are reserved sizes; the resident part is usually smaller, so the true unexplained native share is at least what the table shows.',
      ].join('\n'),
      recommendations: nmt ? [
        {
          action: 'Watch what grows with NMT baselines',
          detail: `Run \`jcmd ${pid} VM.native_memory baseline\`, then an hour later \`jcmd ${pid} VM.native_memory summary.diff\`: the categories with a large + are growing. Memory outside NMT (RSS − NMT total) comes from native libraries: list the biggest mappings with \`pmap -x ${pid} | sort -k3 -n | tail -20\`; many 64 MB anonymous blocks are glibc malloc arenas (try MALLOC_ARENA_MAX=2), steady growth is a JNI/JavaCPP leak.`,
        },
      ] : [
        {
          action: 'Turn on Native Memory Tracking and read it',
          detail: `Start the JVM with -XX:NativeMemoryTracking=summary (5–10 % overhead), then run \`jcmd ${pid} VM.native_memory summary\` (and \`jcmd ${pid} VM.native_memory baseline\` / \`summary.diff\` an hour later to see what grows). Memory that NMT does not list but RSS contains was allocated by native libraries (JNI, JavaCPP).`,
          flags: ['-XX:NativeMemoryTracking=summary'],
        },
      ],
      facts: {
        accountedBytes: budget.accountedBytes,
        // Never negative: when reserved upper bounds exceed RSS, nothing is unexplained.
        ...(budget.rssBytes !== undefined ? { rssBytes: budget.rssBytes, unexplainedBytes: Math.max(0, unexplained) } : {}),
        ...(budget.heapMaxBytes !== undefined ? { heapMaxBytes: budget.heapMaxBytes } : {}),
        ...(facts.containerLimit ? { containerLimitBytes: facts.containerLimit.value } : {}),
        ...(budget.nmtCommittedBytes !== undefined ? { nmtCommittedBytes: budget.nmtCommittedBytes } : {}),
        ...(ceiling ? { ceilingBytes: ceiling.bytes } : {}),
        budgetSource: budget.source,
      },
      tables: [{
        columns: [
          { label: 'Area', type: 'text', key: 'area' },
          { label: 'Size', type: 'bytes', key: 'bytes' },
          { label: 'Share', type: 'bytes', bar: true },
          { label: 'Basis', type: 'text', key: 'basis' },
        ],
        rows,
      }],
    };
    if (ceilingOver) {
      const heap = ceiling!.parts[0];
      const room = limit!.value - (ceiling!.bytes - heap.bytes);
      const target = Math.max(64 * MB, Math.floor((Math.min(room, limit!.value * 0.75) * 0.9) / (64 * MB)) * 64 * MB);
      finding.recommendations.unshift({
        action: 'Fit the JVM under the container limit',
        detail: `Size the heap so heap + non-heap stays below ${formatBytes(limit!.value)} with headroom: with the non-heap parts above (${formatBytes(ceiling!.bytes - heap.bytes)}), about ${formatBytes(target)} of heap fits; or raise the limit. Prefer -XX:MaxRAMPercentage in containers, so the heap follows the limit.`,
        flags: [`-Xmx${Math.round(target / MB)}m`],
      });
    }
    if (!facts.maxMetaspaceBytes && budget.rows.some((r) => r.area.startsWith('Metaspace'))) {
      finding.recommendations.push({
        action: 'Cap metaspace',
        detail: 'Without -XX:MaxMetaspaceSize metaspace may grow until the machine runs out; a cap above today\'s committed size makes a class-loader leak fail fast with "OutOfMemoryError: Metaspace" instead of silently inflating RSS.',
        flags: [`-XX:MaxMetaspaceSize=${suggestMetaspaceCap(budget.rows.find((r) => r.area.startsWith('Metaspace'))!.bytes)}`],
      });
    }
    return void report(finding);
  },
});
