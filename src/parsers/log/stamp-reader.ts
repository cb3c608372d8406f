// parseStamp (timestamps.ts) with a memory for the day: in a big log every record carries a timestamp
// and the date part changes once a day, so for Tomcat's OneLineFormatter shape ("23-Mar-2023
// 13:12:50.636") the day is parsed once and the time of day is read from eight digits — a regex
// match, a month lookup and a Date.UTC call saved per record. Any other shape, or a day not seen
// before, goes to parseStamp, which stays the one definition (stamp-reader.test.ts compares the two).

import { parseStamp, type Stamp } from './timestamps.js';

const DAY_CHARS = 12; // "23-Mar-2023 "

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function asciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** "dd-MMM-yyyy HH:mm:ss" with an ASCII month: the shape the day cache covers. */
function tomcatShape(s: string): boolean {
  if (s.length < 20) return false;
  if (s.charCodeAt(2) !== 45 || s.charCodeAt(6) !== 45 || s.charCodeAt(11) !== 32 || s.charCodeAt(14) !== 58 || s.charCodeAt(17) !== 58) return false;
  if (!asciiLetter(s.charCodeAt(3)) || !asciiLetter(s.charCodeAt(4)) || !asciiLetter(s.charCodeAt(5))) return false;
  for (let k = 0; k < DIGIT_AT.length; k++) if (digit(s, DIGIT_AT[k]) < 0) return false;
  return true;
}

/** Where "dd-MMM-yyyy HH:mm:ss" has its digits. */
const DIGIT_AT = Uint8Array.of(0, 1, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19);

/** The time of day of a stamp of tomcatShape, in ms, and where the stamp ends (after up to three fraction digits). */
function timeOfDay(s: string): { ms: number; end: number; valid: boolean } {
  const h = digit(s, 12) * 10 + digit(s, 13);
  const mi = digit(s, 15) * 10 + digit(s, 16);
  const sec = digit(s, 18) * 10 + digit(s, 19);
  let end = 20;
  let frac = 0;
  const sep = s.charCodeAt(20);
  if ((sep === 46 || sep === 44) && digit(s, 21) >= 0) {
    // Up to three fraction digits, as milliseconds the way timestamps.ts epoch() reads them ("5" → 500).
    let n = 0;
    while (n < 3 && digit(s, 21 + n) >= 0) frac = frac * 10 + digit(s, 21 + n++);
    frac = n === 1 ? frac * 100 : n === 2 ? frac * 10 : frac;
    end = 21 + n;
  }
  return { ms: ((h * 60 + mi) * 60 + sec) * 1000 + frac, end, valid: h <= 23 && mi <= 59 && sec <= 60 };
}

export class StampReader {
  private day = '';
  /** Epoch ms of the cached day's midnight, or undefined when that day's date is not a real one. */
  private dayMs: number | undefined;

  read(s: string): Stamp | undefined {
    if (!tomcatShape(s)) return parseStamp(s);
    if (this.day === '' || !s.startsWith(this.day)) {
      const full = parseStamp(s);
      if (full !== undefined) this.learnDay(s, full);
      return full;
    }
    const t = timeOfDay(s);
    const time = s.slice(0, t.end);
    if (this.dayMs === undefined || !t.valid) return { time, epochMs: undefined, end: t.end };
    return { time, epochMs: this.dayMs + t.ms, end: t.end };
  }

  /** Remembers the day of a stamp parseStamp read in full, when its time of day tells the day's midnight. */
  private learnDay(s: string, full: Stamp): void {
    const t = timeOfDay(s);
    // Only a stamp whose time is possible tells whether the date is (epochMs set) or is not.
    if (!t.valid || full.end !== t.end) return;
    this.day = s.slice(0, DAY_CHARS);
    this.dayMs = full.epochMs === undefined ? undefined : full.epochMs - t.ms;
  }
}
