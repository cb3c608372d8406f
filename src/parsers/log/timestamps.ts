// Timestamps at the start of a log line → the text as written and, when the date is complete, ms
// since the epoch. Local times (no zone in the text) are read as UTC, as the LogPoint contract says.
//
// Shapes:
//  - ISO-8601 / RFC 3339, incl. docker --timestamps' RFC3339Nano ("2023-03-23T05:12:50.636123456Z"),
//    Logback/Log4j2/Spring Boot "yyyy-MM-dd HH:mm:ss.SSS" (comma decimals from log4j's ISO8601 too),
//    journalctl -o short-iso ("2023-03-23T13:12:50+0800"), and "yyyy/MM/dd HH:mm:ss".
//  - Tomcat OneLineFormatter "dd-MMM-yyyy HH:mm:ss.SSS" (org.apache.juli.OneLineFormatter
//    DEFAULT_TIME_FORMAT; the month is the JVM default locale's short name, so "Mar" or "3月").
//  - JUL SimpleFormatter's default "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp"
//    (java.util.logging.SimpleFormatter / logging.properties) → "Mar 23, 2023 1:12:50 PM", "3月 23, 2023 1:12:50 下午".
//  - syslog "Mar 23 13:12:50" and a bare "13:12:50.636" (Logback's documented default pattern): no
//    date, so no epochMs.

export interface Stamp {
  /** The timestamp as written. */
  time: string;
  epochMs?: number;
  /** The text carries its zone ("Z", "+08:00", "+0800"): epochMs is the UTC instant, not a wall clock read as UTC. */
  zoned?: boolean;
  /** Index just past the timestamp in the text. */
  end: number;
}

const D0 = 48;
const D9 = 57;
const MONTH_CHAR = 0x6708; // 月

function isDigit(c: number): boolean {
  return c >= D0 && c <= D9;
}

/**
 * A cheap structural test (a few charCodeAt calls, no regex) for "this line starts with a timestamp"
 * — run on every line of a big log, so it must stay this cheap. parseStamp decides for sure.
 */
export function looksStamped(text: string, start = 0): boolean {
  const c0 = text.charCodeAt(start);
  if (isDigit(c0)) {
    const c4 = text.charCodeAt(start + 4);
    if ((c4 === 45 || c4 === 47) && isDigit(text.charCodeAt(start + 3))) return true; // yyyy-  yyyy/
    const c2 = text.charCodeAt(start + 2);
    if (c2 === 45 || text.charCodeAt(start + 1) === 45) return true; // dd-MMM  d-MMM
    if (c2 === 58 && text.charCodeAt(start + 5) === 58) return true; // HH:mm:ss
    return text.charCodeAt(start + 1) === MONTH_CHAR || c2 === MONTH_CHAR; // 3月 23, / 12月 23,
  }
  if (c0 >= 65 && c0 <= 90) return text.charCodeAt(start + 3) === 32 && (isDigit(text.charCodeAt(start + 4)) || isDigit(text.charCodeAt(start + 5)));
  // 三月 23, 2023 … (JDK 8's Chinese month names)
  return text.charCodeAt(start + 1) === MONTH_CHAR || text.charCodeAt(start + 2) === MONTH_CHAR;
}

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CJK_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** "Mar" / "March" / "3月" / "三月" → 0-based month; undefined for other locales' names. */
export function monthIndex(name: string): number | undefined {
  const en = EN_MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  if (en >= 0) return en;
  const m = /^(\d{1,2}|[一二三四五六七八九十]{1,3})月$/.exec(name);
  if (!m) return undefined;
  const n = /^\d/.test(m[1]) ? Number(m[1]) - 1 : CJK_MONTHS.indexOf(m[1]);
  return n >= 0 && n < 12 ? n : undefined;
}

const ISO = /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2}(?![\d:]))?/;
const TOMCAT = /^(\d{1,2})-([^\s\d-][^\s-]{1,11}|\d{1,2}月)-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,3}))?/;
const JUL = /^(\S{1,12}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: (AM|PM|am|pm|上午|下午|午前|午後|오전|오후))?/;
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?=\s)/;

function epoch(y: number, mon: number | undefined, d: number, h: number, mi: number, s: number, frac?: string): number | undefined {
  if (mon === undefined || mon < 0 || mon > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = frac ? Math.floor(Number((frac + '00').slice(0, 3))) : 0;
  return Date.UTC(y, mon, d, h, mi, s, ms);
}

/** Parses the timestamp at `start`, or undefined when the text does not start with one. */
export function parseStamp(text: string, start = 0): Stamp | undefined {
  const s = start === 0 ? text : text.slice(start);
  let m = ISO.exec(s);
  if (m) {
    let ms = epoch(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7]);
    const zone = m[8];
    if (ms !== undefined && zone && zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
    }
    return zone ? { time: m[0], epochMs: ms, zoned: true, end: start + m[0].length } : { time: m[0], epochMs: ms, end: start + m[0].length };
  }
  m = TOMCAT.exec(s);
  if (m) return { time: m[0], epochMs: epoch(+m[3], monthIndex(m[2]), +m[1], +m[4], +m[5], +m[6], m[7]), end: start + m[0].length };
  m = JUL.exec(s);
  if (m) {
    let h = +m[4];
    const ampm = m[7];
    if (ampm) {
      const pm = /^(PM|pm|下午|午後|오후)$/.test(ampm);
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
    return { time: m[0], epochMs: epoch(+m[3], monthIndex(m[1]), +m[2], h, +m[5], +m[6]), end: start + m[0].length };
  }
  m = SYSLOG.exec(s);
  if (m) return { time: m[0], end: start + m[0].length };
  m = TIME_ONLY.exec(s);
  if (m) return { time: m[0], end: start + m[0].length };
  return undefined;
}
