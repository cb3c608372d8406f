// Reference: see dump-reader.ts (HotSpot threads.cpp, javaThread.cpp, vframe.cpp, threadService.cpp,
// threadSMR.cpp; jdk.internal.vm.ThreadDumper for JDK 21+ Thread.dump_to_file).
// jstack, `jcmd <pid> Thread.print`, `kill -3` output and Thread.dump_to_file text, JDK 5–25. A file
// may hold several dumps; a log that merely contains a dump is the log parser's (it can embed
// createThreadDumpReader from dump-reader.ts), so sniffing yields to it when log lines come first.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { ThreadDumpReport } from './types.js';
import { createThreadDumpReader } from './dump-reader.js';
import { parseThreadHeader } from './header.js';

/**
 * Other lines before the first dump make the file a log with a dump inside: we still read it (0.45 or
 * 0.35 beats nothing) but a log parser that recognises its lines should score higher and win.
 */
const MAX_PREAMBLE_LINES = 3;

export const threadDumpParser: TextParserSpec<ThreadDumpReport | undefined> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/);
    let preamble = 0;
    let sawTimeOrPid = false;
    for (let i = 0; i < lines.length && i < 2000; i++) {
      const l = lines[i];
      if (l.trim() === '') continue;
      // A deadlock report pasted on its own (dump-reader.ts: PASTED_DEADLOCK).
      if (/^\s*(?:#+\s*|<pre>\s*|>\s*)?Found one Java-level deadlock:/.test(l)) return preamble === 0 ? 0.95 : preamble <= MAX_PREAMBLE_LINES ? 0.9 : 0.4;
      if (/^Full thread dump /.test(l) || /^Thread dump from jcmd \d+/.test(l)) return preamble === 0 ? 0.95 : preamble <= MAX_PREAMBLE_LINES ? 0.45 : 0.35;
      if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$/.test(l) || /^\d+:?\s*$/.test(l)) {
        sawTimeOrPid = true;
        continue;
      }
      // Thread.dump_to_file: "<pid>", "<instant>", "<version>", "", "#1 \"main\"".
      if (/^\d{4}-\d\d-\d\dT[\d:.]+Z\s*$/.test(l) || (sawTimeOrPid && /^\d+[\w.+-]*\s*$/.test(l))) continue;
      if (/^(?:Thread )?#\d+ "/.test(l)) return sawTimeOrPid && preamble === 0 ? 0.9 : 0.2;
      // A dump without its header (an excerpt starting at a thread line).
      if (parseThreadHeader(l)) return preamble === 0 ? 0.8 : 0.3;
      preamble++;
    }
    return /thread.?dump|jstack|tdump/i.test(name) && /^"[^"]*".*\b(tid|nid)=/m.test(head) ? 0.5 : 0;
  },
  create(): LineParser<ThreadDumpReport | undefined> {
    const reader = createThreadDumpReader({ pastedDeadlocks: true });
    return {
      line(text, lineNo) {
        reader.line(text, lineNo);
      },
      finish() {
        const { dumps, notes } = reader.finish();
        return dumps.length === 0 ? undefined : { dumps, notes };
      },
    };
  },
};
