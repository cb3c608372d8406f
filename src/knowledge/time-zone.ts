// The JVM's default time zone — the zone of every zone-less log stamp it writes (Tomcat's
// OneLineFormatter, JUL's SimpleFormatter, Logback's and Log4j2's default patterns) — from
// -Duser.timezone and the TZ environment variable.
//
// Reference: java.util.TimeZone.setDefaultZone (JDK 17): user.timezone when set and non-empty, else the
// platform's zone id (TimeZone_md.c getPlatformTimeZoneID: $TZ without a leading ':', else
// /etc/timezone or /etc/localtime); an id the JDK does not know falls back to the OS's current GMT
// offset (getSystemGMTOffsetID, i.e. libc's reading of $TZ). Ids: the tz database's (case-sensitive),
// and TimeZone.parseCustomTimeZone's "GMT+h", "GMT+hh", "GMT+hhmm", "GMT+hh:mm". Checked on JDK 17
// (time-zone.test.ts runs java): TZ=UTC+8 is POSIX for UTC-8, -Duser.timezone=UTC+8 is not an id at all.

export interface JvmZone {
  /** An IANA id ("Asia/Shanghai") or a fixed offset ("GMT+08:00"). */
  id: string;
  /** Where it came from: "user.timezone" or "TZ". */
  from: 'user.timezone' | 'TZ';
  /** Minutes east of UTC at a UTC instant (daylight saving included for IANA zones). */
  offsetAt(utcMs: number): number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The tz database zone `id` exactly as the JDK would accept it, or undefined. */
function ianaZone(id: string): string | undefined {
  let f = formatters.get(id);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset' });
    } catch {
      return undefined;
    }
    formatters.set(id, f);
  }
  const resolved = f.resolvedOptions().timeZone;
  // Intl ignores case, the JDK does not: "asia/shanghai" is no zone to a JVM.
  if (resolved !== id && resolved.toLowerCase() === id.toLowerCase()) return undefined;
  return id;
}

function ianaOffset(id: string, utcMs: number): number {
  const name = formatters.get(id)!.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function fixed(minutes: number, from: JvmZone['from']): JvmZone {
  return { id: formatOffset(minutes).replace('UTC', 'GMT'), from, offsetAt: () => minutes };
}

/** "+08:00" style, as "UTC+08:00" / "UTC-05:30" / "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A zone id as the JDK reads it (tz database or "GMT±…" custom id), or undefined when it does not know it. */
function javaZone(id: string, from: JvmZone['from']): JvmZone | undefined {
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d\d))?$/.exec(id);
  if (custom) {
    const h = Number(custom[2]);
    const m = Number(custom[3] ?? 0);
    if (h > 23 || m > 59) return undefined;
    return fixed((custom[1] === '-' ? -1 : 1) * (h * 60 + m), from);
  }
  const iana = ianaZone(id);
  return iana ? { id: iana, from, offsetAt: (ms) => ianaOffset(iana, ms) } : undefined;
}

/** libc's reading of a POSIX TZ without daylight-saving rules ("CST-8", "UTC+8", "<+0530>-5:30"): west of UTC is positive. */
function posixZone(tz: string): JvmZone | undefined {
  const m = /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\d{1,2})(?::(\d\d))?$/.exec(tz);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return fixed(m[1] === '-' ? minutes : -minutes, 'TZ');
}

/**
 * The JVM's default zone from -Duser.timezone and $TZ, or undefined when neither settles it (the zone
 * then comes from /etc/localtime, which the evidence does not show).
 */
export function resolveJvmZone(input: { userTimezone?: string; tz?: string }): JvmZone | undefined {
  const prop = input.userTimezone?.trim();
  if (prop) {
    const z = javaZone(prop, 'user.timezone');
    if (z) return z;
    // An unknown id: the JDK takes the OS's offset, which is $TZ's when set.
  }
  let tz = input.tz?.trim();
  if (!tz) return undefined;
  if (tz.startsWith(':')) tz = tz.slice(1);
  return javaZone(tz, 'TZ') ?? posixZone(tz);
}

/** A wall-clock time (local time read as UTC, as LogPoint.epochMs holds it) in `zone` → the UTC instant. */
export function wallToUtc(zone: JvmZone, wallMs: number): number {
  // The offset at the wall time read as UTC, then once more at the instant that gives (exact except in
  // the hour a daylight-saving change skips or repeats).
  const first = zone.offsetAt(wallMs);
  return wallMs - zone.offsetAt(wallMs - first * 60_000) * 60_000;
}
