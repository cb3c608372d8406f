// Reference: src/hotspot/share/memory/heapInspection.cpp (KlassInfoHisto::print_elements: " num
// #instances #bytes class name (module)", "%4d: %13zu %13zu  %s", then "Total %13zu %13zu"); the same
// table is printed by `jmap -histo[:live]`, `jcmd <pid> GC.class_histogram` and -XX:+PrintClassHistogram
// (JDK 7: metadata rows such as <methodKlass>). Pastes indent it (Markdown) and cut it short.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { ClassHistogram, ClassHistogramReport } from './types.js';
import { javaClassName } from '../../heap/class-names.js';

const HEADER = /^\s*num\s+#instances\s+#bytes\s+class name/;
const ROW = /^\s*(\d+):\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+\(([^)]*)\))?\s*$/;
const TOTAL = /^\s*Total\s+(\d+)\s+(\d+)\s*$/;
/** Rows kept per histogram: the top of the table is what matters; totals stay exact. */
const MAX_ROWS = 200;

/** "[B" → "byte[]", "[Ljava.lang.Object;" → "java.lang.Object[]"; "<methodKlass>" and plain names unchanged. */
function sourceName(raw: string): string {
  if (!raw.startsWith('[')) return raw;
  return javaClassName(raw.replace(/\./g, '/'));
}

export const classHistogramParser: TextParserSpec<ClassHistogramReport | undefined> = {
  sniff(_name, head) {
    const lines = head.split(/\r?\n/, 500).filter((l) => l.trim() !== '');
    const header = lines.findIndex((l) => HEADER.test(l));
    // A thread dump with a class histogram after it (kill -3 with -XX:+PrintClassHistogram, TDA's
    // testwithhistogram.log) is a thread dump first: let its parser have the file.
    if (header >= 0) return lines.slice(0, header).some((l) => /^Full thread dump /.test(l)) ? 0.3 : 0.95;
    const rows = lines.filter((l) => ROW.test(l)).length;
    return rows >= 5 && rows > lines.length / 2 ? 0.8 : 0;
  },
  create(): LineParser<ClassHistogramReport | undefined> {
    const report: ClassHistogramReport = { histograms: [] };
    let cur: ClassHistogram | undefined;
    const close = () => {
      if (cur && !cur.totalPrinted) cur.cut = true;
      cur = undefined;
    };
    return {
      line(text, line) {
        if (HEADER.test(text)) {
          close();
          cur = { line, rows: [], rowCount: 0, totalInstances: 0, totalBytes: 0, totalPrinted: false, cut: false };
          report.histograms.push(cur);
          return;
        }
        const m = ROW.exec(text);
        if (m) {
          if (!cur) {
            cur = { line, rows: [], rowCount: 0, totalInstances: 0, totalBytes: 0, totalPrinted: false, cut: false };
            report.histograms.push(cur);
          }
          const instances = Number(m[2]);
          const bytes = Number(m[3]);
          cur.rowCount++;
          cur.totalInstances += instances;
          cur.totalBytes += bytes;
          if (cur.rows.length < MAX_ROWS) cur.rows.push({ rank: Number(m[1]), className: sourceName(m[4]), instances, bytes, ...(m[5] ? { module: m[5] } : {}), line, text: text.trimEnd() });
          return;
        }
        const t = TOTAL.exec(text);
        if (t && cur) {
          cur.totalInstances = Number(t[1]);
          cur.totalBytes = Number(t[2]);
          cur.totalPrinted = true;
          cur = undefined;
        }
      },
      finish() {
        close();
        const hs = report.histograms.filter((h) => h.rowCount > 0);
        return hs.length ? { histograms: hs } : undefined;
      },
    };
  },
};
