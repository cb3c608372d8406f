// Reference: jdk.jcmd/share/classes/sun/tools/jps/Jps.java — one "<pid> <main class or jar> [args]"
// line per JVM; "-- process information unavailable" when the JVM cannot be attached.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { JpsReport } from './types.js';

const ROW = /^\s*(\d+)(?:\s+(\S+))?(?:\s+(.*))?$/;

export const jpsParser: TextParserSpec<JpsReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length === 0 || lines.length > 200) return 0;
    if (!lines.every((l) => ROW.test(l))) return 0;
    // Jps lists itself; otherwise only the file name can tell "1 Bootstrap" from other pid lists.
    if (lines.some((l) => /^\s*\d+\s+(Jps|sun\.tools\.jps\.Jps)\b/.test(l))) return 0.9;
    return /jps/i.test(name) ? 0.6 : 0.1;
  },
  create(): LineParser<JpsReport> {
    const processes: JpsReport['processes'] = [];
    return {
      line(text, line) {
        const m = ROW.exec(text);
        if (!m) return;
        processes.push({ pid: Number(m[1]), mainClass: m[2] ?? '', args: m[3] ?? '', line, text });
      },
      finish: () => ({ processes }),
    };
  },
};
