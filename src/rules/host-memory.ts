// Is the machine itself short of memory? In the seed, free/top say no (14 GB available, no swap in
// use): the limit that failed was inside the process. Saying so early saves an hour of host tuning.

import { defineRule, type FindingDraft } from './define.js';
import { formatBytes } from '../util/bytes.js';

export const hostMemory = defineRule({
  id: 'host-memory',
  maxSeverity: 'warning',
  reads: ['free', 'top'],
  tier: 'context',
  description: 'Reads free/top: is the host (not the JVM) out of memory, or swapping?',
  run({ facts }, report) {
    const h = facts.host;
    if (!h) return;
    const avail = h.availableBytes ?? h.freeBytes;
    const availPct = (100 * avail) / h.totalBytes;
    const swapping = (h.swapUsedBytes ?? 0) > 0.25 * (h.swapTotalBytes ?? Infinity);
    const low = availPct < 10 || swapping;
    const swapText =
      h.swapTotalBytes === undefined ? '' : h.swapTotalBytes === 0 ? ' No swap is configured.' : ` Swap: ${formatBytes(h.swapUsedBytes ?? 0)} of ${formatBytes(h.swapTotalBytes)} used.`;
    const rss = facts.javaRss ? ` The JVM holds ${formatBytes(facts.javaRss.value)} resident (${Math.round((100 * facts.javaRss.value) / h.totalBytes)} % of RAM).` : '';
    return void report({
        severity: low ? 'warning' : 'info',
        title: low ? 'The host is short of memory' : 'The host is not out of memory',
        summary: `${formatBytes(avail)} of ${formatBytes(h.totalBytes)} is ${h.availableBytes !== undefined ? 'available' : 'free'} (${availPct.toFixed(0)} %).${swapText}${rss}${low ? '' : ' Whatever failed, failed on a limit inside the process (heap, metaspace, a native cap, a container limit), so look there, not at the machine.'}`,
        evidence: h.refs,
        explanation: low
          ? 'With little memory available the kernel reclaims page cache, then swaps, then its OOM killer ends the largest process — usually the JVM, with exit code 137 and no Java stack trace.'
          : '"available" is what the kernel can hand out without swapping (free memory plus reclaimable page cache); "free" alone looks low on any busy Linux host and is not a problem.',
        recommendations: low
          ? [{ action: 'Give the JVM an explicit, smaller footprint or the host more RAM', detail: 'Cap heap, metaspace and native caps so their sum fits the host with headroom; check `dmesg` / `journalctl -k` for "Out of memory: Killed process".' }]
          : [],
        facts: { hostTotalBytes: h.totalBytes, hostAvailableBytes: avail, ...(h.swapUsedBytes !== undefined ? { swapUsedBytes: h.swapUsedBytes } : {}) },
      });
  },
});
