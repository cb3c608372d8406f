import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logTimeline } from './log-timeline.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const fixture = (name: string) => readFileSync(join(repoRoot(), 'fixtures', 'log', name), 'utf8');
// The seed's Chinese leak warnings (5 records at 23-Mar-2023 13:12:50, webapp [xxx]) and its untimed reproduction.
const seedLeaks = fixture('seed-docker-logs.log');
const seedRepro = fixture('seed-reproduction.log');

/** A live JavaCPP failure as Tomcat logs it: a servlet exception whose trace carries both JavaCPP messages. */
function javacppFailure(time: string, physicalMb: number): string {
  return [
    `${time} SEVERE [http-nio-8080-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [dispatcherServlet] threw exception`,
    `\tjava.lang.OutOfMemoryError: Cannot allocate new IntPointer(1): totalBytes = 0, physicalBytes = ${physicalMb}M`,
    '\t\tat org.bytedeco.javacpp.IntPointer.<init>(IntPointer.java:88)',
    '\t\tat com.example.ocr.Recognizer.run(Recognizer.java:42)',
    `\tCaused by: java.lang.OutOfMemoryError: Physical memory usage is too high: physicalBytes (${physicalMb}M) > maxPhysicalBytes (7600M)`,
    '\t\tat org.bytedeco.javacpp.Pointer.deallocator(Pointer.java:700)',
  ].join('\n');
}

// 13:20 once, 13:40 three times, 14:05 once: the busiest minute is 13:40.
const liveLog = [
  '23-Mar-2023 13:19:00.000 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [10512] milliseconds',
  javacppFailure('23-Mar-2023 13:20:01.120', 7775),
  javacppFailure('23-Mar-2023 13:40:02.000', 7781),
  javacppFailure('23-Mar-2023 13:40:17.000', 7790),
  javacppFailure('23-Mar-2023 13:40:44.000', 7802),
  javacppFailure('23-Mar-2023 14:05:33.000', 7810),
  '23-Mar-2023 14:06:00.000 INFO [main] org.example.Health.check still serving',
].join('\n') + '\n';

test('seed-like: leak warnings at a redeploy, then a separate live JavaCPP failure in another log', () => {
  const findings = runRule(logTimeline, { 'docker-logs.txt': seedLeaks, 'catalina.2023-03-23.log': liveLog });
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.severity, 'info');
  assert.match(f.summary, /^The leak warnings were written at 23-Mar-2023 13:12:50\.636 when Tomcat stopped or reloaded \[xxx\]; they record that redeploy\./);
  assert.match(f.summary, /The 5 occurrences of JavaCPP "Cannot allocate new Pointer" are a separate, live event: started 7 min after the leak warnings\./);
  assert.match(f.summary, /5 Tomcat leak warnings were written at 23-Mar-2023 13:12:50\.636 when Tomcat stopped or reloaded \[xxx\]\./);
  assert.match(f.summary, /5 times from 23-Mar-2023 13:20:01\.120 to 23-Mar-2023 14:05:33\.000, busiest minute 2023-03-23 13:40 \(3\) — still occurring when the log ends/);
  // Leak event first, then the two catalogue errors; the OutOfMemoryError exception group is the errors' row, not its own.
  assert.deepEqual(f.tables![0]?.rows.map((r) => [r[0], r[1], r[3]]), [
    ['Tomcat leak warnings, webapp [xxx]', 5, '—'],
    ['JavaCPP "Cannot allocate new Pointer"', 5, '2023-03-23 13:40 (3)'],
    ['JavaCPP "Physical memory usage is too high"', 5, '2023-03-23 13:40 (3)'],
  ]);
  assert.deepEqual(f.evidence.map((e) => `${e.file}:${e.line}`), ['docker-logs.txt:1', 'catalina.2023-03-23.log:3', 'catalina.2023-03-23.log:6']);
  assert.equal(f.facts?.groups, 3);
  assert.equal(f.facts?.leakEvents, 1);
  assert.equal(f.tier, 'context');
});

test('two reloads are two leak events; the same records in catalina.out and catalina.<date>.log count once', () => {
  const reload2 = seedLeaks.replaceAll('23-Mar-2023 13:12:50', '23-Mar-2023 15:02:10');
  const text = `${seedLeaks.trimEnd()}\n${liveLog}${reload2}`;
  const f = runRule(logTimeline, { 'catalina.out': text, 'catalina.2023-03-23.log': text })[0];
  assert.deepEqual(f.tables![0]?.rows.map((r) => [r[0], r[1], r[2]]), [
    ['Tomcat leak warnings, webapp [xxx], stop/reload 1 of 2', 5, '23-Mar-2023 13:12:50.636'],
    ['JavaCPP "Cannot allocate new Pointer"', 5, '23-Mar-2023 13:20:01.120'],
    ['JavaCPP "Physical memory usage is too high"', 5, '23-Mar-2023 13:20:01.120'],
    ['Tomcat leak warnings, webapp [xxx], stop/reload 2 of 2', 5, '23-Mar-2023 15:02:10.636'],
  ]);
  assert.equal(f.facts?.leakEvents, 2);
  assert.doesNotMatch(f.summary, /still occurring/, 'the JavaCPP failures stopped an hour before the log ends');
});

test('leak warnings only, from two reloads: the stops are numbered and nothing is called live', () => {
  const reload2 = seedLeaks.replaceAll('23-Mar-2023 13:12:50', '23-Mar-2023 13:14:02');
  const f = runRule(logTimeline, { 'catalina.out': `${seedLeaks.trimEnd()}\n${reload2}` })[0];
  assert.equal(f.title, 'Timeline: 2 stops/reloads with leak warnings, from 23-Mar-2023 13:12:50.636 to 23-Mar-2023 13:14:02.636');
  assert.match(f.summary, /^Tomcat stopped or reloaded \[xxx\] 2 times \(23-Mar-2023 13:12:50\.636, 23-Mar-2023 13:14:02\.636\), and each stop wrote its leak warnings/);
  assert.deepEqual(f.tables![0]?.rows.map((r) => r[0]), ['Tomcat leak warnings, webapp [xxx], stop/reload 1 of 2', 'Tomcat leak warnings, webapp [xxx], stop/reload 2 of 2']);
  assert.equal(f.facts?.live, undefined);
});

test('exception groups without leak warnings: which came first, and the overlap', () => {
  const log = [
    '2023-03-23 10:00:00.000 ERROR 1 --- [exec-1] c.e.Api : request failed',
    'java.lang.IllegalStateException: pool exhausted',
    '\tat com.example.Pool.get(Pool.java:10)',
    '2023-03-23 10:03:00.000 ERROR 1 --- [exec-2] c.e.Api : request failed',
    'java.net.SocketTimeoutException: Read timed out',
    '\tat java.net.SocketInputStream.read(SocketInputStream.java:10)',
    '2023-03-23 10:05:00.000 ERROR 1 --- [exec-1] c.e.Api : request failed',
    'java.lang.IllegalStateException: pool exhausted',
    '\tat com.example.Pool.get(Pool.java:10)',
  ].join('\n') + '\n';
  const f = runRule(logTimeline, { 'app.log': log })[0];
  assert.ok(f, 'two timed groups');
  assert.match(f.title, /^Timeline: java\.lang\.IllegalStateException: pool exhausted came first, at 2023-03-23 10:00:00\.000/);
  assert.match(f.summary, /^java\.lang\.IllegalStateException: pool exhausted came first \(2023-03-23 10:00:00\.000\); java\.net\.SocketTimeoutException: Read timed out was already under way \(overlapping from 2023-03-23 10:03:00\.000\)\./);
});

test('does not fire: a single group, logs without timestamps, or nothing at all', () => {
  assert.deepEqual(runRule(logTimeline, { 'docker-logs.txt': seedLeaks }), [], 'one leak event only');
  assert.deepEqual(runRule(logTimeline, { 'repro.log': seedRepro }), [], 'the reproduction has no timestamps');
  const untimed = liveLog.replace(/^23-Mar-2023 [\d:.]+ /gm, '');
  assert.deepEqual(runRule(logTimeline, { 'app.log': untimed, 'repro.log': seedRepro }), [], 'several groups, none timed');
  assert.deepEqual(runRule(logTimeline, { 'app.log': '2023-03-23 10:00:00.000 INFO 1 --- [main] c.e.App : started\n' }), []);
  // Timed leak warnings plus an untimed JavaCPP failure (the seed incident itself): still a single timed group.
  assert.deepEqual(runRule(logTimeline, { 'docker-logs.txt': seedLeaks, 'repro.log': seedRepro }), []);
});

// docker logs --timestamps of the live failure, its lines without Tomcat's own stamp (System.err output):
// the runtime's UTC stamps only. 05:20:01Z is 13:20:01 in Shanghai, 7 min after the seed's leak warnings.
let clock = '';
const utcLive = liveLog
  .split('\n')
  .filter((l) => l !== '')
  .map((l, i) => {
    // Continuation lines (the trace) reach the runtime in the same millisecond as their record.
    const m = /^23-Mar-2023 (\d\d):(\d\d:\d\d\.\d{3}) (.*)$/.exec(l);
    if (m) clock = `2023-03-23T${String(Number(m[1]) - 8).padStart(2, '0')}:${m[2]}`;
    return `${clock}${String(i).padStart(6, '0')}Z ${m ? m[3] : l}`;
  })
  .join('\n') + '\n';

test('zones: a UTC docker log and a zone-less Tomcat log are not compared unless the zone is known', () => {
  const f = runRule(logTimeline, { 'docker-logs.txt': seedLeaks, 'live.docker.log': utcLive })[0];
  assert.ok(f);
  assert.match(f.summary, /are a separate, live event: it cannot be ordered against the leak warnings in time \(docker-logs\.txt's times carry no time zone and none is known; live\.docker\.log's are UTC\)\./);
  assert.match(f.summary, /Times of docker-logs\.txt carry no time zone and none is known .*: they are assumed to share one zone and are not compared to the UTC times of live\.docker\.log\./);
  assert.equal(f.facts?.timeZones, 'mixed');
  // UTC rows first (their busiest minute in UTC), then the zone-less ones.
  assert.deepEqual(f.tables![0]?.rows.map((r) => [r[0], r[3]]), [
    ['JavaCPP "Cannot allocate new Pointer"', '2023-03-23 05:40 UTC (3)'],
    ['JavaCPP "Physical memory usage is too high"', '2023-03-23 05:40 UTC (3)'],
    ['Tomcat leak warnings, webapp [xxx]', '—'],
  ]);

  // The container's TZ (docker inspect Env "TZ=Asia/Shanghai") makes the Tomcat stamps instants.
  const inspect = readFileSync(join(repoRoot(), 'fixtures', 'docker-inspect', 'seed-docker-inspect.json'), 'utf8');
  const z = runRule(logTimeline, { 'docker-logs.txt': seedLeaks, 'live.docker.log': utcLive, 'inspect.json': inspect })[0];
  assert.match(z.summary, /The 5 occurrences of JavaCPP "Cannot allocate new Pointer" are a separate, live event: started 7 min after the leak warnings\./);
  assert.match(z.explanation, /docker-logs\.txt: times without a zone read as Asia\/Shanghai, the JVM's default zone \(TZ, inspect\.json:\d+ TZ=Asia\/Shanghai\)\./);
  assert.equal(z.facts?.timeZones, 'utc');

  // -Duser.timezone wins over TZ, as in the JDK: here it says UTC, so the leak warnings (13:12:50Z) come after the last failure (06:05:33Z).
  const u = runRule(logTimeline, { 'docker-logs.txt': seedLeaks, 'live.docker.log': utcLive, 'inspect.json': inspect, 'setenv.sh': 'CATALINA_OPTS="-Duser.timezone=UTC"\n' })[0];
  assert.match(u.summary, /ended 7 h 7 min before the leak warnings/);
  assert.match(u.explanation, /read as UTC, the JVM's default zone \(user\.timezone, setenv\.sh:1 -Duser\.timezone=UTC\)/);
});

test('zones: a docker log whose lines carry both stamps gives its offset, and the other Tomcat log is read in it', () => {
  // The seed's leak warnings through `docker logs --timestamps`: 05:12:50Z beside Tomcat's 13:12:50 → UTC+08:00.
  const wrapped = seedLeaks
    .split('\n')
    .map((l, i) => (l === '' ? l : `2023-03-23T05:12:50.${String(636000100 + i).padStart(9, '0')}Z ${l}`))
    .join('\n');
  const f = runRule(logTimeline, { 'docker-logs.txt': wrapped, 'catalina.2023-03-23.log': liveLog })[0];
  assert.match(f.summary, /^The leak warnings were written at 2023-03-23T05:12:50\.636000100Z when Tomcat stopped or reloaded \[xxx\]/);
  assert.match(f.summary, /started 7 min after the leak warnings\./, 'not 8 h 7 min: the zone-less stamps are read at UTC+08:00');
  assert.match(f.explanation, /catalina\.2023-03-23\.log: times without a zone read as UTC\+08:00, assumed: the offset docker-logs\.txt:1 shows between the runtime's UTC stamps and the JVM's own\./);
  assert.equal(f.facts?.timeZones, 'utc');
  // Its busiest minute stays in the wall clock it wrote.
  assert.deepEqual(f.tables![0]?.rows.map((r) => r[3]), ['—', '2023-03-23 13:40 (3)', '2023-03-23 13:40 (3)']);
});
