// Reading a log line's header: timestamp, level, thread, logger/source and where the message starts.
//
// Reference:
//  - Tomcat org.apache.juli.OneLineFormatter.format(): "<time> <Level.getLocalizedName()> [<thread>]
//    <sourceClass>.<sourceMethod> <message>"; a throwable follows on the next lines, each line
//    prefixed with a tab (its IndentingPrintWriter).
//  - java.util.logging.SimpleFormatter default format "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp
//    %2$s%n%4$s: %5$s%6$s%n": a header line "<time> <sourceClass> <sourceMethod>", then "<LEVEL>: <message>".
//  - Spring Boot's default console pattern (spring-boot logging/logback/defaults.xml):
//    "<date> <LEVEL> <pid> --- [<thread>] <logger> : <message>" (3.x may add "[<app>]" before the thread).
//  - Logback/Log4j2 documented defaults "%d [%thread] %-5level %logger{36} - %msg%n" and the
//    common "%d %-5level [%t] %c - %m%n".
// Only called on the few lines that matter (leak warnings, errors) and on a sample for the format
// statistics: the per-line fast path of the parser never calls it.

import { type JulLevel, levelFromName, MAX_LEVEL_NAME_CHARS } from './level-names.js';
import { parseStamp, type Stamp } from './timestamps.js';

export type LineFormat = 'tomcat-oneline' | 'jul-simple' | 'spring-boot' | 'logback' | 'iso8601' | 'syslog' | 'plain';

export interface LineHeader {
  format: LineFormat;
  stamp: Stamp;
  level?: JulLevel;
  levelText?: string;
  thread?: string;
  /** Logger or source class ("org.apache.catalina.loader.WebappClassLoaderBase", "o.a.c.l.WebappClassLoaderBase"). */
  logger?: string;
  /** Source method, where the format prints it (OneLineFormatter, SimpleFormatter). */
  method?: string;
  /** Index where the message starts (for jul-simple headers: the line's end; the message is on the next line). */
  messageStart: number;
}

const SOURCE = /^([A-Za-z_$][\w$]*(?:\.[\w$]+)+)\.([\w$<>-]+)(?= |$)/;
const JUL_SOURCE = /^ ([A-Za-z_$][\w$]*(?:\.[\w$]+)+) ([\w$<>-]+)\s*$/;

/** Index of the "]" closing the "[" at `open`, counting nested brackets; -1 when unbalanced. */
function closeBracket(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return k;
  }
  return -1;
}

/** OneLineFormatter: "<stamp> <level> [<thread>] <class>.<method> <message>". */
function tomcatOneLine(text: string, stamp: Stamp): LineHeader | undefined {
  if (text.charCodeAt(stamp.end) !== 32) return undefined;
  const open = text.indexOf(' [', stamp.end + 1);
  // Localized level names can hold spaces ("Plus précis", "보다 미세") but are short.
  if (open < 0 || open - stamp.end > MAX_LEVEL_NAME_CHARS + 2) return undefined;
  const levelText = text.slice(stamp.end + 1, open);
  // The thread name may hold "] " itself; the right "] " is the one followed by class.method.
  let close = closeBracket(text, open + 1);
  let src: RegExpExecArray | null = null;
  if (close > 0 && text.charCodeAt(close + 1) === 32) src = SOURCE.exec(text.slice(close + 2, close + 2 + 512));
  if (!src) {
    close = text.indexOf('] ', open + 2);
    while (close > 0 && !(src = SOURCE.exec(text.slice(close + 2, close + 2 + 512)))) close = text.indexOf('] ', close + 1);
  }
  if (!src || close < 0) return undefined;
  const level = levelFromName(levelText);
  const messageStart = Math.min(text.length, close + 2 + src[0].length + 1);
  return {
    format: 'tomcat-oneline',
    stamp,
    level,
    levelText,
    thread: text.slice(open + 2, close),
    logger: src[1],
    method: src[2],
    messageStart,
  };
}

/** ISO-stamped frameworks: a few tokens ([thread], LEVEL, pid, ---, logger) then " - " / " : ". */
function frameworkLine(text: string, stamp: Stamp): LineHeader {
  let i = stamp.end;
  let level: JulLevel | undefined;
  let levelText: string | undefined;
  let thread: string | undefined;
  let logger: string | undefined;
  let springBoot = false;
  const n = text.length;
  for (let tokens = 0; tokens < 8 && i < n; tokens++) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 91) {
      const close = closeBracket(text, i);
      if (close < 0) break;
      thread = text.slice(i + 1, close).trim(); // Spring Boot 3.2's "[app] [thread]": the last one wins
      i = close + 1;
      continue;
    }
    let end = text.indexOf(' ', i);
    if (end < 0) end = n;
    const token = text.slice(i, end);
    if (token === '-' || token === ':') {
      i = end + 1;
      break;
    }
    if (token === '---') springBoot = true;
    else if (!level && levelFromName(token)) {
      levelText = token;
      level = levelFromName(token);
    } else if (/^\d+$/.test(token)) {
      // pid
    } else if (!logger && /^[A-Za-z_$][\w$.]*:?$/.test(token) && (level || thread)) {
      logger = token.endsWith(':') ? token.slice(0, -1) : token;
      if (token.endsWith(':')) {
        i = end + 1;
        break;
      }
    } else break;
    i = end;
  }
  const format: LineFormat = springBoot ? 'spring-boot' : level && thread !== undefined ? 'logback' : 'iso8601';
  return { format, stamp, level, levelText, thread, logger, messageStart: Math.min(i, n) };
}

/** Reads a stamped line's header, or undefined when the line does not start with a timestamp. */
export function parseHeader(text: string): LineHeader | undefined {
  const stamp = parseStamp(text);
  if (!stamp) return undefined;
  const c0 = text.charCodeAt(0);
  if (/^\d{1,2}-/.test(stamp.time)) {
    const t = tomcatOneLine(text, stamp);
    if (t) return t;
  }
  const jul = JUL_SOURCE.exec(text.slice(stamp.end));
  if (jul) return { format: 'jul-simple', stamp, logger: jul[1], method: jul[2], messageStart: text.length };
  if (c0 >= 65 && c0 <= 90 && !/,/.test(stamp.time)) return { format: 'syslog', stamp, messageStart: stamp.end + 1 };
  return frameworkLine(text, stamp);
}

const JUL_BODY = /^([^:：\s][^:：]{0,24})[:：] ?/;

/** SimpleFormatter's second line "<LEVEL>: <message>" (the level localized, e.g. "警告: …"). */
export function parseJulBody(text: string): { level: JulLevel; levelText: string; messageStart: number } | undefined {
  const m = JUL_BODY.exec(text);
  if (!m) return undefined;
  const level = levelFromName(m[1]);
  return level ? { level, levelText: m[1], messageStart: m[0].length } : undefined;
}
