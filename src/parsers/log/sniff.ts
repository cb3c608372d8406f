// Is this text a JVM service log? Scores log-like content (timestamped lines with a level, Java stack
// frames, exceptions, Tomcat leak checks, catalogue errors) and stays low on the other evidence kinds
// (free, top, jstat, jps, java -version, catalina.sh, /proc status, docker inspect): those have their
// own parsers. A text with just one exception in it is still a log — the fallback kind for JVM text —
// but only weakly.

import { ContainerUnwrapper } from './container-prefix.js';
import { ErrorCatalogue } from './error-catalogue.js';
import { readThrowableHeader } from './exceptions.js';
import { levelFromName } from './level-names.js';
import { parseHeader } from './line-format.js';
import { isFrameLine } from './stack-frames.js';
import { looksStamped } from './timestamps.js';
import { mayHoldLeakMessage } from './leak-templates.js';

const LOG_NAME = /(?:\.(?:log|out|err)(?:\.\d+)?(?:\.gz)?$|^catalina|^localhost[._]|stdout|stderr|docker-?logs?|container|kubectl|journal|console|\.log\.\d{4}-\d{2}-\d{2})/i;
const MAX_LINES = 500;

export function sniffLog(name: string, head: string): number {
  const base = name.replace(/^.*[\\/]/, '');
  const lines = head.split(/\r?\n/, MAX_LINES);
  const unwrap = new ContainerUnwrapper();
  const catalogue = new ErrorCatalogue();
  let levelled = 0;
  let frames = 0;
  let throwables = 0;
  let leaks = 0;
  let nonEmpty = 0;
  // Thread-dump lines ("name" #12 … tid=…, java.lang.Thread.State: …): a file made mostly of them is a
  // thread dump, which has its own parser; their frames are not log evidence.
  let dumpLines = 0;
  /** Log records seen before the first dump line: a catalina.out that kill -3 printed into. */
  let levelledBeforeDump = 0;
  let histogramRows = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    nonEmpty++;
    const text = unwrap.unwrap(raw) ?? '';
    if (/^\s*\d+:\s+\d+\s+\d+\s+\S/.test(text)) histogramRows++;
    if (/^"[^"]*"\s.*(?:\bprio=|\btid=|\bnid=|#\d+)|^\s+java\.lang\.Thread\.State:|^Full thread dump /.test(text)) {
      dumpLines++;
      return;
    }
    if (looksStamped(text)) {
      const h = parseHeader(text);
      if (h && (h.level || (h.format === 'jul-simple' && levelFromName((lines[i + 1] ?? '').split(':')[0])))) {
        levelled++;
        if (dumpLines === 0) levelledBeforeDump++;
      }
    }
    if (isFrameLine(text) || /^ [\w$.]+\([\w$.]*(?:\.java:\d+|Native Method|Unknown Source)\)\]?$/.test(text)) frames++;
    else if (readThrowableHeader(text.trimStart().replace(/^Caused by: /, ''))) throwables++;
    if (text.includes('WebappClassLoader') || mayHoldLeakMessage(text)) leaks++;
    catalogue.scan(text, () => ({ line: i + 1 }));
  });
  if (nonEmpty === 0) return 0;
  // A class histogram (jcmd GC.class_histogram / jmap -histo) is not a log, whatever class names it lists.
  if (histogramRows > nonEmpty / 2) return 0;
  // Exit codes and the OOMKilled flag also appear in docker inspect / kubectl describe output: not log evidence by themselves.
  const errors = catalogue.result().hits.filter((h) => h.id !== 'exit-137').length;
  const named = LOG_NAME.test(base);
  let score: number;
  // Log records before a dump: a log that kill -3 printed into. The log parser keeps its dumps
  // (threadDumps), so it must win over the thread-dump parser's 0.35–0.45 for "a dump after a preamble".
  if (dumpLines >= 3 && levelledBeforeDump > 0) score = 0.5;
  else if (dumpLines >= 3 && levelled < dumpLines && leaks === 0 && errors === 0) score = levelled >= 3 ? 0.3 : 0.1;
  else if (leaks > 0 || levelled >= 3 || frames >= 3 || (frames >= 1 && throwables >= 1)) score = 0.9;
  else if (errors > 0) score = 0.7;
  else if (levelled >= 1 || throwables >= 1 || frames >= 1) score = 0.4;
  else score = named ? 0.15 : 0;
  if (named && score > 0.15) score = Math.min(0.95, score + 0.05);
  return score;
}
