// Reading jstat the way the seed's engineer had to by hand: generation sizes and their ratios, the
// young:full GC ratio, and what "NGC = NGCMX" does and does not mean.
// Reference: jdk.jcmd jstat_options (column definitions); HotSpot PSAdaptiveSizePolicy (survivor sizing).

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef, Severity } from '../model/finding.js';
import { ref } from '../diagnosis/facts.js';
import { formatBytes, KB } from '../util/bytes.js';

const kb = (v: number) => formatBytes(v * KB);

export const gcGenerations = defineRule({
  id: 'gc-generations',
  maxSeverity: 'warning',
  reads: ['jstat', 'jps'],
  tier: 'context',
  description: 'Interprets jstat generation capacities and GC counts: ratios, young gen at its maximum, full-GC frequency.',
  run({ facts }, report) {
    const reading = facts.jstat.get('gccapacity') ?? facts.jstat.get('gc') ?? facts.jstat.get('gcutil');
    if (!reading) return;
    const v = reading.sample.values;
    const points: string[] = [];
    const explain: string[] = [];
    const rows: (string | number)[][] = [];
    let severity: Severity = 'info';
    const f: Record<string, number | string | boolean> = {};

    if (v.NGC != null && v.NGCMX != null) {
      rows.push(['Young generation', `${kb(v.NGC)} of max ${kb(v.NGCMX)}`, 'NGC / NGCMX']);
      if (v.NGCMX > 0 && v.NGC >= v.NGCMX) {
        f.youngAtMax = true;
        points.push(`The young generation has grown to its maximum capacity (NGC = NGCMX = ${kb(v.NGC)}).`);
        explain.push('jstat -gccapacity prints capacities, not occupancy: NGC = NGCMX means the young generation was resized up to its limit, not that it is full. Objects are promoted to the old generation by age (or when survivors overflow), never because the young generation is "full"; use `jstat -gcutil <pid> 1000` to see how full each space is.');
      }
    }
    if (v.OGC != null && v.OGCMX != null) rows.push(['Old generation', `${kb(v.OGC)} of max ${kb(v.OGCMX)}`, 'OGC / OGCMX']);
    if (v.NGCMX != null && v.OGCMX != null && v.NGCMX > 0) {
      const newRatio = v.OGCMX / v.NGCMX;
      f.inferredNewRatio = Number(newRatio.toFixed(2));
      rows.push(['Old : young (max)', `${newRatio.toFixed(2)} : 1`, Math.abs(newRatio - 2) < 0.05 ? 'NewRatio=2, the default' : `NewRatio≈${newRatio.toFixed(1)}`]);
    }
    if (v.EC != null && v.S0C != null && v.S0C > 0) {
      const survivorRatio = v.EC / v.S0C;
      f.inferredSurvivorRatio = Number(survivorRatio.toFixed(1));
      rows.push(['Eden : one survivor', `${survivorRatio.toFixed(1)} : 1`, `EC ${kb(v.EC)} / S0C ${kb(v.S0C)}`]);
      if (survivorRatio > 12) {
        points.push(`Survivor spaces are small: eden is ${survivorRatio.toFixed(0)}× one survivor (${kb(v.S0C)}), not the 8× of SurvivorRatio=8.`);
        explain.push('The Parallel collector\'s adaptive size policy (UseAdaptiveSizePolicy, on by default) resizes eden and survivors at run time; SurvivorRatio is only the starting point. Small survivors overflow, and objects that live a little longer than one young GC are promoted to the old generation early, where only a full GC can free them.');
      }
    }
    if (v.MC != null) rows.push(['Metaspace', kb(v.MC) + ' committed', 'MC']);
    if (v.YGC != null && v.FGC != null) {
      rows.push(['GC counts', `${v.YGC} young, ${v.FGC} full`, 'YGC / FGC']);
      const ratio = v.YGC > 0 ? v.FGC / v.YGC : v.FGC > 0 ? Infinity : 0;
      f.fullToYoungRatio = Number(ratio.toFixed(3));
      if (v.FGC >= 10 && ratio > 0.1) {
        severity = 'warning';
        points.push(`${v.FGC} full GCs against ${v.YGC} young GCs (${ratio.toFixed(2)} per young GC) is very high; a healthy service has well under 0.01.`);
        explain.push('Frequent full GCs mean the old generation or metaspace keeps reaching its threshold: live data that keeps growing (a leak), premature promotion, or metaspace growth from leaked class loaders ("Metadata GC Threshold"). Every full GC of the Parallel collector stops the application.');
      }
    }
    if (v.O != null && v.O > 90) {
      severity = 'warning';
      points.push(`The old generation is ${v.O.toFixed(0)} % full.`);
    }
    if (points.length === 0 && rows.length === 0) return;

    const evidence: EvidenceRef[] = [ref(reading.file, reading.sample.line, reading.sample.text)];
    const finding: FindingDraft = {
      severity,
      title: severity === 'warning' ? 'Frequent full GCs; generation sizing explained' : 'Generation sizes and GC counts',
      summary: points.length ? points.join(' ') : 'Generation sizes and GC counts as jstat reports them.',
      evidence,
      explanation: explain.join('\n') || 'Read from jstat; see the table for each figure and the column it came from.',
      recommendations: [
        {
          action: 'See why full GCs run',
          detail: `\`jstat -gccause ${facts.javaPid ?? '<pid>'} 1000 10\` prints the cause of the last GC (LGCC): "Allocation Failure" / "Ergonomics" point at old-gen pressure, "Metadata GC Threshold" at metaspace growth.`,
        },
        {
          action: 'Keep a GC log',
          detail: facts.java && facts.java.value.feature < 9
            ? 'On Java 8: -XX:+PrintGCDetails -XX:+PrintGCDateStamps -Xloggc:<dir>/gc.log -XX:+UseGCLogFileRotation -XX:NumberOfGCLogFiles=5 -XX:GCLogFileSize=20M'
            : 'On Java 9+: -Xlog:gc*:file=<dir>/gc.log:time,uptime,level,tags:filecount=5,filesize=20m',
        },
      ],
      facts: f,
      // The values mix units (a ratio, a size, two counts): one text column, written per row.
      tables: [{ columns: [{ label: 'Reading', type: 'text' }, { label: 'Value', type: 'text' }, { label: 'From', type: 'text' }], rows }],
    };
    return void report(finding);
  },
});
