// Reference: JDK java launcher's version output (src/java.base/share/classes/java/lang/VersionProps.java.template),
// e.g. `java version "1.8.0_202"` / `openjdk version "17.0.15" 2025-04-15`, then the runtime and VM lines.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { JavaVersionReport } from './types.js';

const VERSION_LINE = /^\s*(java|openjdk)\s+version\s+"([^"]+)"/i;

/** "1.8.0_202" → {feature 8, update 202}; "17.0.15" → {17, 15}; "21" → {21}; "11.0.2+9" → {11, 2}. */
export function splitJavaVersion(version: string): { feature: number; update?: number } {
  const legacy = /^1\.(\d+)\.\d+(?:_(\d+))?/.exec(version);
  if (legacy) return { feature: Number(legacy[1]), update: legacy[2] ? Number(legacy[2]) : undefined };
  const modern = /^(\d+)(?:\.\d+\.(\d+))?/.exec(version);
  if (modern) return { feature: Number(modern[1]), update: modern[2] ? Number(modern[2]) : undefined };
  return { feature: NaN };
}

export const javaVersionParser: TextParserSpec<JavaVersionReport | undefined> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    // `java -version` prints three lines; a log that merely mentions a version is not this kind.
    const hit = lines.slice(0, 5).some((l) => VERSION_LINE.test(l));
    if (!hit) return 0;
    return lines.length <= 6 ? 0.95 : /java-?version/i.test(name) ? 0.7 : 0.2;
  },
  create(): LineParser<JavaVersionReport | undefined> {
    let report: JavaVersionReport | undefined;
    let after = 0;
    return {
      line(text, line) {
        const m = VERSION_LINE.exec(text);
        if (m && !report) {
          const { feature, update } = splitJavaVersion(m[2]);
          report = { version: { value: m[2], line, text }, feature, update, flavor: m[1].toLowerCase() };
          after = 0;
          return;
        }
        if (!report) return;
        after++;
        if (after === 1 && /Runtime Environment/i.test(text)) report.runtime = { value: text.trim(), line, text };
        if (after <= 2 && /\bVM\b/.test(text)) {
          report.vm = { value: text.trim(), line, text };
          report.is64Bit = /64-Bit/i.test(text);
        }
      },
      finish: () => report,
    };
  },
};
