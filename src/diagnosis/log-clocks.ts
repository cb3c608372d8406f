// How each log file's times relate to UTC, so groups from several files can be put on one time line
// honestly. A point whose stamp carries a zone (a container runtime's RFC 3339 stamp, ISO 8601 with Z or
// an offset) is a UTC instant. A zone-less stamp (Tomcat, Logback, JUL) is the JVM's wall clock; it
// becomes an instant only when its zone is known, from (in this order):
//  1. the file itself: lines with both a runtime UTC stamp and the JVM's own stamp (log-zone.ts);
//  2. the JVM's default zone: -Duser.timezone, else $TZ from `docker inspect` / a Kubernetes manifest
//     (jvm/time-zone.ts follows java.util.TimeZone's rules);
//  3. another log of the case that showed its offset as in 1 — the only one shown, assumed to be the
//     same server's.
// Otherwise its times stay wall-clock: comparable with other zone-less times (assumed one zone), not
// with UTC ones.

import type { Case } from '../evidence/case.js';
import type { Facts } from './facts.js';
import type { LogPoint } from '../parsers/log/types.js';
import { parseStamp } from '../parsers/log/timestamps.js';
import { formatOffset, resolveJvmZone, wallToUtc, type JvmZone } from '../knowledge/time-zone.js';

export interface FileClock {
  /** The UTC instant of a point of this file, or undefined when its stamp has no zone and none is known. */
  utcOf(p: LogPoint): number | undefined;
  /** Whether the file has zone-less stamps (first or last point). */
  zoneless: boolean;
  /** For zone-less stamps: the zone they were read in and why, e.g. "UTC+08:00 (its own line 3: …)". */
  zone?: string;
  /** The zone's offset at the file's first point, in minutes east of UTC. */
  utcOffsetMinutes?: number;
}

/** Every log file's clock, by file name. */
export function logClocks(c: Case, facts: Facts): Map<string, FileClock> {
  const jvm = jvmZone(c, facts);
  const logs = c.of('log');
  const inferred = new Map<number, string>();
  for (const item of logs) {
    const z = item.data.zone;
    if (z?.utcOffsetMinutes !== undefined && z.offsetEvidence && !inferred.has(z.utcOffsetMinutes)) {
      inferred.set(z.utcOffsetMinutes, `${item.file}:${z.offsetEvidence.line}`);
    }
  }
  const sibling = inferred.size === 1 ? [...inferred][0] : undefined;

  const clocks = new Map<string, FileClock>();
  for (const item of logs) {
    const d = item.data;
    const zoneless = [d.first, d.last].some((p) => p?.time !== undefined && !isZoned(p.time));
    let zone: JvmZone | undefined;
    let why: string | undefined;
    const own = d.zone;
    if (own?.utcOffsetMinutes !== undefined && own.offsetEvidence) {
      zone = { id: formatOffset(own.utcOffsetMinutes), from: 'TZ', offsetAt: () => own.utcOffsetMinutes! };
      why = `${formatOffset(own.utcOffsetMinutes)}, from its own lines: line ${own.offsetEvidence.line} carries the runtime's UTC stamp and the JVM's local one (${own.offsetEvidence.text})`;
    } else if (jvm) {
      zone = jvm.zone;
      why = `${jvm.zone.id}, the JVM's default zone (${jvm.zone.from}, ${jvm.where})`;
    } else if (sibling) {
      const [minutes, where] = sibling;
      zone = { id: formatOffset(minutes), from: 'TZ', offsetAt: () => minutes };
      why = `${formatOffset(minutes)}, assumed: the offset ${where} shows between the runtime's UTC stamps and the JVM's own`;
    }
    const z = zone;
    const clock: FileClock = {
      zoneless,
      utcOf(p) {
        if (p.epochMs === undefined || p.time === undefined) return undefined;
        if (isZoned(p.time)) return p.epochMs;
        return z ? wallToUtc(z, p.epochMs) : undefined;
      },
    };
    if (zoneless && z && why) {
      clock.zone = why;
      const ms = d.first?.epochMs;
      if (ms !== undefined) clock.utcOffsetMinutes = z.offsetAt(ms);
    }
    clocks.set(item.file, clock);
  }
  return clocks;
}

const zonedCache = new Map<string, boolean>();

/** Whether a point's time text carries its zone (only the ISO 8601 shapes can). */
export function isZoned(time: string): boolean {
  let z = zonedCache.get(time);
  if (z === undefined) {
    z = parseStamp(time)?.zoned === true;
    if (zonedCache.size > 10_000) zonedCache.clear();
    zonedCache.set(time, z);
  }
  return z;
}

/** The JVM's default zone from -Duser.timezone and the container's $TZ, with where they were read. */
function jvmZone(c: Case, facts: Facts): { zone: JvmZone; where: string } | undefined {
  const prop = facts.sysProp('user.timezone');
  let tz: { value: string; where: string } | undefined;
  const docker = facts.container.docker;
  if (docker) {
    const e = docker.env.find((x) => x.startsWith('TZ='));
    const item = c.of('docker-inspect').find((i) => i.data.containers.includes(docker));
    const line = docker.lines.env;
    if (e) tz = { value: e.slice(3), where: `${item?.file ?? 'docker inspect'}${line !== undefined ? `:${line}` : ''} ${e}` };
  }
  const k8s = facts.container.kubernetes;
  if (!tz && k8s) {
    const e = k8s.env.find((x) => x.name === 'TZ' && x.value !== undefined);
    const item = c.of('kubernetes').find((i) => i.data.containers.includes(k8s));
    if (e) tz = { value: e.value!, where: `${item?.file ?? 'manifest'}:${e.line} TZ=${e.value}` };
  }
  const zone = resolveJvmZone({ userTimezone: prop?.value, tz: tz?.value });
  if (!zone) return undefined;
  const where = zone.from === 'user.timezone' && prop ? `${prop.ref.file}${prop.ref.line !== undefined ? `:${prop.ref.line}` : ''} -Duser.timezone=${prop.value}` : tz!.where;
  return { zone, where };
}
