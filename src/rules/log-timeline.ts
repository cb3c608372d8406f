// When each thing in the logs happened: Tomcat's leak warnings per stop/reload event, each exception
// group, each catalogue error — when it started, its busiest minute, when it stopped — across every log
// file, in order. In the seed incident the Chinese leak warnings (written once, at a redeploy) drowned
// the live JavaCPP failure; putting both on one time line shows they are two separate events.
// Times of several files are compared as UTC instants where their zones are known (diagnosis/log-clocks.ts);
// zone-less times of unknown zone are compared only with each other, never with UTC ones.

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef } from '../model/finding.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import type { LogPoint } from '../parsers/log/types.js';
import { OOM_ERRORS } from '../knowledge/oom-errors.js';
import { EVENT_GAP_MS, uniqueLeaks } from '../diagnosis/tomcat-leaks.js';
import { isZoned, logClocks, type FileClock } from '../diagnosis/log-clocks.js';

const MINUTE_MS = 60_000;
/** Rows listed; the rest are counted in the summary. */
const MAX_SPANS = 12;
/** A group seen within this long of the end of the log is "still occurring when the log ends". */
const STILL_LIVE_MS = 5 * MINUTE_MS;


/** 'utc': the time is a UTC instant (its zone known); 'wall': a zone-less time of unknown zone. */
type Domain = 'utc' | 'wall';

interface At {
  /** The time to compare: the UTC instant, or for the 'wall' domain the wall clock read as UTC. */
  ms: number;
  /** The wall clock the log wrote, read as UTC (LogPoint.epochMs): busiest minutes are shown in it. */
  wall: number;
  /** The stamp itself carries a zone (a runtime's or ISO 8601 stamp): its wall clock is UTC. */
  zoned: boolean;
  domain: Domain;
  time: string;
  file: string;
  line: number;
  text: string;
}

interface Span {
  kind: 'leak-event' | 'exception' | 'error';
  domain: Domain;
  label: string;
  /** For leak events: the webapp. */
  webapp?: string;
  count: number;
  start: At;
  end: At;
  /** Busiest minute (start of the minute, ms) and the occurrences in it. */
  peak?: { ms: number; count: number };
}

export const logTimeline = defineRule({
  id: 'log-timeline',
  maxSeverity: 'info',
  reads: ['log', 'docker-inspect', 'jvm-options'],
  tier: 'context',
  description: 'Puts the log groups (Tomcat leak warnings per stop event, exception groups, catalogue errors) on one time line: start, busiest minute, end, and which came first.',
  run({ case: c, facts }, report) {
    const clocks = logClocks(c, facts);
    const at = (p: LogPoint, file: string, text: string) => pointAt(clocks.get(file), p, file, text);
    // UTC instants first, then the zone-less times of unknown zone (a time line of their own).
    const spans = [...leakEvents(facts, at), ...errorSpans(facts, at), ...exceptionSpans(facts, at)].sort(
      (a, b) => (a.domain === b.domain ? 0 : a.domain === 'utc' ? -1 : 1) || a.start.ms - b.start.ms || a.end.ms - b.end.ms,
    );
    if (spans.length < 2) return;
    const logEnd: Partial<Record<Domain, number>> = {};
    for (const item of c.of('log')) {
      const last = item.data.last && at(item.data.last, item.file, '');
      if (last && (logEnd[last.domain] === undefined || last.ms > logEnd[last.domain]!)) logEnd[last.domain] = last.ms;
    }
    return void report(finding(spans, logEnd, c.of('log').map((i) => ({ file: i.file, clock: clocks.get(i.file) }))));
  },
});

type AtFn = (p: LogPoint, file: string, text: string) => At | undefined;

function pointAt(clock: FileClock | undefined, p: LogPoint, file: string, text: string): At | undefined {
  if (p.epochMs === undefined || p.time === undefined) return undefined;
  const utc = clock?.utcOf(p);
  const zoned = isZoned(p.time);
  return { ms: utc ?? p.epochMs, wall: p.epochMs, zoned, domain: utc === undefined ? 'wall' : 'utc', time: p.time, file, line: p.line, text };
}

/** Tomcat's warnings for one stop/reload of one webapp: written within a second (diagnosis/tomcat-leaks.ts EVENT_GAP_MS). */
function leakEvents(facts: Facts, at: AtFn): Span[] {
  const byWebapp = new Map<string, Span[]>();
  for (const { leak, file } of uniqueLeaks(facts.leaks)) {
    const a = at(leak, file, leak.text);
    if (!a) continue;
    const webapp = leak.webapp ?? '(unknown webapp)';
    let events = byWebapp.get(`${a.domain} ${webapp}`);
    if (!events) byWebapp.set(`${a.domain} ${webapp}`, (events = []));
    const last = events[events.length - 1];
    if (last && a.ms - last.end.ms <= EVENT_GAP_MS) {
      last.count++;
      last.end = a;
    } else {
      events.push({ kind: 'leak-event', domain: a.domain, label: `Tomcat leak warnings, webapp [${webapp}]`, webapp, count: 1, start: a, end: a });
    }
  }
  // Several stops of one webapp: number them, so the rows and sentences tell them apart.
  for (const events of byWebapp.values()) {
    if (events.length > 1) events.forEach((e, i) => (e.label += `, stop/reload ${i + 1} of ${events.length}`));
  }
  return [...byWebapp.values()].flat();
}

function errorSpans(facts: Facts, at: AtFn): Span[] {
  const byId = new Map<string, { span: Span; minutes: Map<number, number> }>();
  const seen = new Set<string>();
  for (const { hit, file } of facts.errors) {
    // A heap dump is written by the OutOfMemoryError it follows: not an event of its own.
    if (hit.id === 'heap-dump-written') continue;
    const start = at(hit, file, hit.text);
    if (!start) continue;
    // The same line in catalina.out and catalina.<date>.log (Tomcat's console and file handlers) is one.
    const dup = `${hit.id}|${JSON.stringify(hit.values)}|${hit.time}|${hit.last?.time}|${hit.count ?? 1}`;
    if (seen.has(dup)) continue;
    seen.add(dup);
    const end = (hit.last && at(hit.last, file, hit.text)) || start;
    const count = hit.count ?? 1;
    let g = byId.get(`${start.domain} ${hit.id}`);
    if (!g) {
      g = { span: { kind: 'error', domain: start.domain, label: OOM_ERRORS[hit.id].label, count: 0, start, end }, minutes: new Map() };
      byId.set(`${start.domain} ${hit.id}`, g);
    }
    const s = g.span;
    s.count += count;
    if (start.ms < s.start.ms) s.start = start;
    if (end.ms > s.end.ms) s.end = end;
    // Distinct messages (each JavaCPP failure prints other byte counts) are distinct hits: each adds its
    // own busiest minute; a folded hit's other occurrences are known only by count.
    const peakAt = hit.peak?.epochMs !== undefined ? at(hit.peak, file, hit.text) : undefined;
    const peak = peakAt ? { ms: peakAt.ms, count: hit.peak!.count } : { ms: start.ms, count: 1 };
    const m = Math.floor(peak.ms / MINUTE_MS);
    g.minutes.set(m, (g.minutes.get(m) ?? 0) + peak.count);
  }
  return [...byId.values()].map(({ span, minutes }) => {
    let best: [number, number] | undefined;
    for (const e of minutes) if (!best || e[1] > best[1] || (e[1] === best[1] && e[0] < best[0])) best = e;
    if (best && span.count > 1) span.peak = { ms: best[0] * MINUTE_MS, count: best[1] };
    return span;
  });
}

function exceptionSpans(facts: Facts, at: AtFn): Span[] {
  // An exception whose line is a catalogue error (an OutOfMemoryError, JavaCPP's failure) is that error's row.
  const errorLines = new Set(facts.errors.map(({ hit, file }) => `${file}:${hit.line}`));
  const anyOom = facts.errors.some(({ hit }) => hit.id !== 'heap-dump-written');
  const bySignature = new Map<string, Span>();
  const seen = new Set<string>();
  for (const { group, file } of facts.exceptions) {
    if (errorLines.has(`${file}:${group.first.line}`)) continue;
    const names = [group.throwable.className, ...group.causes.map((x) => x.className)];
    if (anyOom && names.some((n) => /OutOfMemoryError|OutOfDirectMemoryError/.test(n))) continue;
    const start = at(group.first, file, group.text);
    if (!start) continue;
    // catalina.out and catalina.<date>.log carry the same records: the same group at the same times is one.
    const dup = `${group.signature}|${group.first.time}|${group.last.time}|${group.count}`;
    if (seen.has(dup)) continue;
    seen.add(dup);
    const end = at(group.last, file, group.text) ?? start;
    const peakAt = group.peak?.epochMs !== undefined ? at(group.peak, file, group.text) : undefined;
    const peak = peakAt ? { ms: Math.floor(peakAt.ms / MINUTE_MS) * MINUTE_MS, count: group.peak!.count } : undefined;
    const key = `${start.domain} ${group.signature}`;
    const s = bySignature.get(key);
    if (!s) {
      const message = group.throwable.message ? `: ${group.throwable.message.slice(0, 60)}` : '';
      bySignature.set(key, { kind: 'exception', domain: start.domain, label: `${group.throwable.className}${message}`, count: group.count, start, end, ...(peak ? { peak } : {}) });
      continue;
    }
    s.count += group.count;
    if (start.ms < s.start.ms) s.start = start;
    if (end.ms > s.end.ms) s.end = end;
    if (peak && (!s.peak || peak.count > s.peak.count)) s.peak = peak;
  }
  return [...bySignature.values()];
}

/** "2023-03-23 13:40": the minute as the log wrote it (local times are read as UTC, so UTC fields are the wall clock). */
function minute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** A span's busiest minute in the clock of its first occurrence: the wall clock it wrote, or UTC for zoned stamps. */
function peakMinute(s: Span): string {
  const p = s.peak!;
  if (s.start.zoned) return `${minute(p.ms)} UTC`;
  return minute(p.ms + (s.start.wall - s.start.ms));
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

function describe(s: Span, logEnds: Partial<Record<Domain, number>>): string {
  const logEnd = logEnds[s.domain];
  if (s.kind === 'leak-event') {
    const within = s.end.ms - s.start.ms >= 1000 ? ` (within ${duration(s.end.ms - s.start.ms)})` : '';
    return `${s.count} Tomcat leak warning${s.count > 1 ? 's were' : ' was'} written at ${s.start.time}${within} when Tomcat stopped or reloaded [${s.webapp}]`;
  }
  if (s.count === 1) return `${s.label}: once, at ${s.start.time}`;
  const peak = s.peak && s.peak.count > 1 ? `, busiest minute ${peakMinute(s)} (${s.peak.count})` : '';
  const still = logEnd !== undefined && logEnd - s.end.ms <= STILL_LIVE_MS ? ' — still occurring when the log ends' : '';
  return `${s.label}: ${s.count} times from ${s.start.time} to ${s.end.time}${peak}${still}`;
}

/** How `b` relates in time to `a`, which started no later. */
function relation(a: Span, b: Span): string {
  if (b.start.ms > a.end.ms) return `started ${duration(b.start.ms - a.end.ms)} after it ended`;
  return `was already under way (overlapping from ${b.start.time})`;
}

/** Why two spans are not compared: one's times are UTC instants, the other's a wall clock of unknown zone. */
function zoneClash(a: Span, b: Span): string {
  const [utc, wall] = a.domain === 'utc' ? [a, b] : [b, a];
  return `${wall.start.file}'s times carry no time zone and none is known; ${utc.start.file}'s are UTC`;
}

function finding(all: Span[], logEnd: Partial<Record<Domain, number>>, logs: { file: string; clock?: FileClock }[]): FindingDraft {
  const files = new Set(logs.map((l) => l.file)).size;
  const spans = all.slice(0, MAX_SPANS);
  const first = all[0];
  const mixed = all.some((s) => s.domain !== first.domain);
  const leaks = all.filter((s) => s.kind === 'leak-event');
  const live = all.filter((s) => s.kind !== 'leak-event');
  const lines = spans.map((s) => `${describe(s, logEnd)}.`);
  if (all.length > spans.length) lines.push(`${all.length - spans.length} later group(s) not listed.`);

  // The sentence the user needs: the leak warnings are a record of a redeploy; the live failure is its own event.
  let verdict: string;
  const mainLive = live.find((s) => s.kind === 'error') ?? live[0];
  if (leaks.length > 0 && mainLive) {
    // Only times of one domain are compared: a leak event the live group can be ordered against, if any.
    const leak = leaks.find((l) => l.domain === mainLive.domain && l.start.ms <= mainLive.start.ms) ?? leaks.find((l) => l.domain === mainLive.domain) ?? leaks[0];
    const when = leak.domain !== mainLive.domain
      ? `it cannot be ordered against the leak warnings in time (${zoneClash(leak, mainLive)})`
      : mainLive.start.ms > leak.end.ms ? `started ${duration(mainLive.start.ms - leak.end.ms)} after the leak warnings` : mainLive.end.ms < leak.start.ms ? `ended ${duration(leak.start.ms - mainLive.end.ms)} before the leak warnings` : 'overlaps the leak warnings in time';
    const occurrences = mainLive.count === 1 ? `The one occurrence of ${mainLive.label} is` : `The ${mainLive.count} occurrences of ${mainLive.label} are`;
    verdict = `The leak warnings were written at ${leak.start.time} when Tomcat stopped or reloaded [${leak.webapp}]; they record that redeploy. ${occurrences} a separate, live event: ${when}.`;
  } else if (live.length === 0) {
    const webapps = [...new Set(leaks.map((l) => `[${l.webapp}]`))].join(', ');
    verdict = `Tomcat stopped or reloaded ${webapps} ${leaks.length} times (${leaks.map((l) => l.start.time).join(', ')}), and each stop wrote its leak warnings: they record those redeploys. No other timestamped error is in the logs.`;
  } else {
    const second = all.slice(1).find((s) => s.domain === first.domain);
    verdict = second
      ? `${first.label} came first (${first.start.time}); ${second.label} ${relation(first, second)}.`
      : `${first.label} is at ${first.start.time}; the other groups cannot be ordered against it in time (${zoneClash(first, all.find((s) => s.domain !== first.domain)!)}).`;
  }

  // How the files' times were put on one line: the zone each zone-less file was read in, or why not.
  const zoneNotes: string[] = [];
  for (const { file, clock } of logs) if (clock?.zone) zoneNotes.push(`${file}: times without a zone read as ${clock.zone}.`);
  const fileList = (d: Domain) => [...new Set(all.filter((x) => x.domain === d).map((x) => x.start.file))].join(', ');
  const mixedNote = mixed
    ? `Times of ${fileList('wall')} carry no time zone and none is known (no runtime UTC stamp beside them, no -Duser.timezone or TZ): they are assumed to share one zone and are not compared to the UTC times of ${fileList('utc')}.`
    : undefined;

  const evidence: EvidenceRef[] = spans.slice(0, 6).map((s) => ref(s.start.file, s.start.line, s.start.text));
  const title =
    leaks.length > 0 && mainLive
      ? `Timeline: Tomcat leak warnings at ${leaks[0].start.time}, ${mainLive.label} from ${mainLive.start.time}`
      : !mainLive
        ? `Timeline: ${leaks.length} stops/reloads with leak warnings, from ${first.start.time} to ${all[all.length - 1].start.time}`
        : mixed && !all.slice(1).some((x) => x.domain === first.domain)
          ? `Timeline: ${first.label} at ${first.start.time}; the other files' times have no known zone`
          : `Timeline: ${first.label} came first, at ${first.start.time}`;

  return {
    severity: 'info',
    title,
    summary: [verdict, ...(mixedNote ? [mixedNote] : []), ...lines].join('\n'),
    evidence,
    explanation: [
      `Each group of the log${files > 1 ? `s (${files} files, read as one time line)` : ''} with when it started, its busiest minute and when it stopped, in order of first appearance.`,
      'Tomcat writes its class-loader leak warnings all at once, when a webapp stops or reloads: they tell when a redeploy happened, not when memory ran out. A group that keeps occurring until the end of the log is the live problem.',
      'Times are shown as the logs wrote them; busiest minutes count the occurrences that fell in the same minute, in the clock of the group\'s first line (UTC when that line\'s stamp is a zoned one).',
      ...zoneNotes,
      mixedNote ??
        (first.domain === 'wall' && files > 1
          ? 'The logs\' times carry no time zone: they are assumed to be in one zone, the server\'s.'
          : first.domain === 'utc' && (files > 1 || zoneNotes.length > 0)
            ? 'Times were compared as UTC instants.'
            : ''),
    ].filter((l) => l !== '').join('\n'),
    recommendations: [
      {
        action: 'Start from the live group, not the loudest one',
        detail: leaks.length > 0 && mainLive
          ? `Investigate the ${mainLive.label} first (see its own finding); the leak warnings explain slow metaspace growth across redeploys, which is a separate fix.`
          : 'Line the start times up with deployments, restarts and traffic peaks: the group that starts first and keeps going is usually the cause, the others its consequences.',
      },
    ],
    facts: {
      groups: all.length,
      leakEvents: leaks.length,
      first: first.label,
      firstAt: first.start.time,
      // 'utc': every time compared as a UTC instant; 'wall': zone-less times of one assumed zone; 'mixed': not reconciled.
      timeZones: mixed ? 'mixed' : first.domain,
      ...(mainLive ? { live: mainLive.label, liveFrom: mainLive.start.time, liveTo: mainLive.end.time } : {}),
    },
    tables: [{
      columns: [
        { label: 'Group', type: 'text' },
        { label: 'Count', type: 'count', key: 'count' },
        { label: 'Started', type: 'text' },
        { label: 'Busiest minute', type: 'text' },
        { label: 'Stopped', type: 'text' },
        { label: 'Where', type: 'text' },
      ],
      rows: spans.map((s) => [s.label, s.count, s.start.time, s.peak ? `${peakMinute(s)} (${s.peak.count})` : '—', s.end.time, `${s.start.file}:${s.start.line}`]),
    }],
  };
}
