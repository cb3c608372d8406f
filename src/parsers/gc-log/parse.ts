// Reference: HotSpot's GC logging — JDK 9+ unified logging (JEP 158, JEP 271: -Xlog:gc*) and the JDK 5–8
// -XX:+PrintGCDetails family (jdk8u hotspot/src/share/vm/gc_implementation/, gc_interface/). The two
// readers are in unified.ts and legacy.ts; this file routes each line and assembles the report.
// Lines are sorted into GC events, GC details (phases, heap-at-GC, header, safepoints …), other
// output (application stdout interleaved in the file) and — the corpus test wants none — GC-looking
// lines neither reader could place.

import type { LineParser, TextParserSpec } from '../parser.js';
import { ParseContext } from './context.js';
import { LegacyReader } from './legacy.js';
import { UnifiedReader } from './unified.js';
import type { GcLogFormat, GcLogReport } from './types.js';

class GcLogParser implements LineParser<GcLogReport | undefined> {
  private readonly ctx = new ParseContext();
  private readonly unified = new UnifiedReader(this.ctx);
  private readonly legacy = new LegacyReader(this.ctx);
  private unifiedLines = 0;
  private legacyEvents = 0;

  line(text: string, lineNo: number): void {
    const ctx = this.ctx;
    ctx.counts.lines++;
    if (text.length === 0 || text.trim() === '') return;
    if (UnifiedReader.decorated(text) || (this.unifiedLines > 0 && /^GC\(\d+\) /.test(text)) || (lineNo < 50 && /^Using (?:G1|Parallel|Serial|Shenandoah|The Z|Concurrent Mark Sweep)$/.test(text))) {
      this.unifiedLines++;
      this.unified.line(text, lineNo);
      return;
    }
    const before = ctx.counts.events;
    this.legacy.line(text, lineNo);
    if (ctx.counts.events > before) this.legacyEvents++;
  }

  /** Unified logs only, once the log is known to be one: see UnifiedReader.skip. */
  skip(bytes: Buffer, start: number, end: number, lineNo: number): boolean {
    return this.unifiedLines > 0 && this.unified.skip(bytes, start, end, lineNo);
  }

  finish(): GcLogReport | undefined {
    this.legacy.end();
    const ctx = this.ctx;
    if (ctx.counts.events === 0 && ctx.counts.details === 0) return undefined;
    const format: GcLogFormat = this.unifiedLines >= this.legacyEvents ? 'unified' : 'legacy';
    const runs = ctx.runs.filter((r, i) => i === 0 || r.eventCount > 0 || r.sawHeader).map((r) => r.build());
    if (runs[0]?.beginsMidRun) {
      ctx.problems.push({ level: 'note', line: runs[0].firstLine, text: `the log begins mid-run (first stamp at ${(runs[0].firstUptimeMs / 1000).toFixed(1)} s uptime, no start-up header): a rotated file, or the start was cut` });
    }
    if (ctx.unrecognisedCount > 0) {
      const u = ctx.unrecognised[0];
      ctx.problems.push({ level: 'problem', line: u.line, text: `${ctx.unrecognisedCount} GC-looking line(s) could not be read, first at line ${u.line}: ${u.text.slice(0, 120)}` });
    }
    return {
      format,
      runs,
      counts: ctx.counts,
      unrecognised: ctx.unrecognised,
      unrecognisedCount: ctx.unrecognisedCount,
      otherLines: ctx.otherLines,
      excerpts: Object.fromEntries(ctx.excerpts),
      problems: ctx.problems,
    };
  }
}

const NAME = /(?:^|[._-])gc(?:[._-]|\d|$)|\.current$|^gc|garbage/i;
const UNIFIED_LINE = /^\[[^\]]+\](?:\[[^\]]*\])*\s*(?:GC\(\d+\) |Using (?:G1|Parallel|Serial|Shenandoah|The Z|Concurrent Mark Sweep)|Safepoint "|Version: \d|Metaspace (?:\((?:class|data)\) )?allocation failed)|^\[[^\]]*\]\[(?:info|debug|trace|warning|error) *\]\[(?:gc|safepoint)[\w,]* *\]/m;
const UNIFIED_LINES = /^\[[^\]]+\](?:\[[^\]]*\])*\s*(?:GC\(\d+\) |Using (?:G1|Parallel|Serial|Shenandoah|The Z|Concurrent Mark Sweep)|Safepoint ")/gm;
const LEGACY_LINES = /(?:^|: )\[(?:GC|Full GC)[ (\[\d-]|: Total time for which application threads were stopped: |\[(?:CMS-concurrent-|GC concurrent-)|secs\] \[Times: user=|^(?:\d{4}-\d\d-\d\dT[\d:.]+[+-]\d{4}: )?\d+[.,]\d+: \[(?:Pause|Concurrent) /gm;

export const gcLogParser: TextParserSpec<GcLogReport | undefined> = {
  sniff(name, head) {
    const nameHint = NAME.test(name) ? 0.2 : 0;
    const sample = head.slice(0, 32 * 1024);
    const unified = sample.match(UNIFIED_LINES)?.length ?? 0;
    const legacy = sample.match(LEGACY_LINES)?.length ?? 0;
    const n = unified + legacy;
    if (n === 0) return UNIFIED_LINE.test(sample) ? 0.5 + nameHint : /CommandLine flags: .*-XX:\+Print(?:GC|GCDetails)\b/.test(sample) ? 0.4 + nameHint : 0;
    if (n >= 3) return Math.min(1, 0.85 + nameHint);
    return 0.6 + nameHint;
  },
  create() {
    return new GcLogParser();
  },
};
