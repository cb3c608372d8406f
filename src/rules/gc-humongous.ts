// G1 humongous allocations: objects of at least half a region go straight into contiguous old
// regions, trigger "G1 Humongous Allocation" pauses and fragment the heap. The fix is a region size
// that makes them ordinary (or smaller objects). Region size from the log (gc,init or -XX:G1HeapRegionSize).

import { defineRule } from './define.js';
import { cites, formatBytes, gcRuns } from '../gc/findings.js';

const MB = 1024 * 1024;

/** G1's default region size for a heap (heapRegion.cpp: heap / 2048, a power of two in 1–32 MB). */
export function defaultRegionBytes(heapBytes: number): number {
  let r = 1 * MB;
  while (r < 32 * MB && r * 2 <= heapBytes / 2048) r *= 2;
  return r;
}

export const gcHumongous = defineRule({
  id: 'gc-humongous',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'warning',
  description: 'Flags G1 humongous allocations (objects of half a region or more) and suggests the region size that makes them ordinary.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const h = a.humongous;
      if (a.run.collector !== 'G1' || (h.pauses === 0 && h.maxRegions === 0)) continue;
      const region = a.run.regionBytes ?? (a.heap.limitBytes ? defaultRegionBytes(a.heap.limitBytes) : 0);
      const share = a.pauses.count ? Math.round((h.pauses / a.pauses.count) * 100) : 0;
      const next = region ? Math.min(32 * MB, region * 4) : 0;
      if (h.pauses < 3 && h.maxRegions * (region || MB) < 0.1 * (a.heap.limitBytes || Infinity)) continue;
      report({
        severity: share >= 10 || (region && h.maxRegions * region >= 0.2 * a.heap.limitBytes) ? 'warning' : 'info',
        title: `G1 humongous allocations: ${h.pauses} pause(s) caused by them${h.maxRegions ? `, up to ${h.maxRegions} humongous regions` : ''}${runLabel}`,
        summary: `${h.pauses} of ${a.pauses.count} pauses (${share} %) were triggered by "G1 Humongous Allocation"${region ? `; with ${formatBytes(region)} regions every object of ${formatBytes(region / 2)} or more is humongous` : ''}${h.maxRegions && region ? `, and up to ${h.maxRegions} regions (${formatBytes(h.maxRegions * region)}) held such objects` : ''}.`,
        evidence: cites(item, [h.firstLine, a.run.headerLine ?? 0]),
        explanation: 'G1 allocates an object of half a region or more directly in contiguous old-generation regions. Each such allocation may start a concurrent cycle, the regions are reclaimed only by specific collections, and the wasted tail of the last region fragments the heap — to-space exhausted and full GCs follow in bad cases.',
        recommendations: [
          ...(next && next > region ? [{ action: `Use ${formatBytes(next)} regions`, detail: `Objects under ${formatBytes(next / 2)} then become ordinary young objects.`, flags: [`-XX:G1HeapRegionSize=${next / MB}m`] }] : []),
          { action: 'Find the big allocations', detail: 'Large byte[]/char[] buffers (serialisation, logging of payloads, big collections grown by copying): JFR\'s "Allocation outside TLAB" events or a heap dump name them.' },
        ],
        facts: { humongousPauses: h.pauses, maxHumongousRegions: h.maxRegions, regionBytes: region },
      });
    }
  },
});
