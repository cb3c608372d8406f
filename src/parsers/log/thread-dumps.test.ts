// Thread dumps inside a log: `kill -3` makes HotSpot print a full dump to the JVM's stdout, which for
// Tomcat is catalina.out. The log parser runs the thread-dump reader (thread-dump/dump-reader.ts) on every
// line, keeps the dumps in LogReport.threadDumps and reads everything else as log lines; the dump's
// frames and lock lines must neither invent exceptions nor be lost on the byte-level fast path.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logParser } from './parse.js';
import { countingSkips, parseBytes, parseEveryWay } from '../testing.js';
import { fixturePath, repoRoot } from './testkit.js';
import { threadDumpParser } from '../thread-dump/parse.js';
import { createThreadDumpReader } from '../thread-dump/dump-reader.js';
import { mayConcernDumpReader } from './line-bytes.js';
import { compileDemo, jdkAvailable } from '../thread-dump/demo-jvm.js';
import { tempDir } from '../../../test/support.js';
import { threadLeak } from '../../rules/thread-leak.js';
import { threadDeadlock } from '../../rules/thread-deadlock.js';
import { caseFrom, runRule } from '../../rules/testing.js';
import { deriveFacts } from '../../diagnosis/facts.js';

// Real kill -3 output of ThreadLeakDemo (fixtures/log/regenerate-kill3.mjs): one log line, a dump,
// 24 more leaked executors, a log line, a second dump, a log line.
const twice = readFileSync(fixturePath('kill3-twice.catalina.out'), 'utf8');
// Real kill -3 of the deadlocked demo (fixtures/thread-dump/regenerate.mjs).
const deadlocked = readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', 'jdk17-kill3-catalina.out'), 'utf8');

test('a catalina.out with two kill -3 dumps stays a log and keeps both dumps', () => {
  assert.ok(logParser.sniff('catalina.out', twice) > threadDumpParser.sniff('catalina.out', twice), 'the log parser wins the sniff');
  assert.ok(logParser.sniff('catalina.out', deadlocked) > threadDumpParser.sniff('catalina.out', deadlocked));
  const r = parseEveryWay(logParser, twice);
  assert.equal(r.format, 'tomcat-oneline');
  assert.equal(r.threadDumps?.length, 2);
  const [a, b] = r.threadDumps!;
  assert.equal(a.javaFeature, 17);
  assert.equal(a.line, 4);
  assert.match(a.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'the bare timestamp before "Full thread dump" dates it');
  assert.equal(b.counts.platform - a.counts.platform, 24, 'the 24 executors created between the dumps');
  assert.equal(a.pools.find((p) => p.pool === 'elasticsearch[_client_][generic]')?.count, 2);
  // The dump's frames, "- locked" and "java.lang.Thread.State" lines are not log content.
  assert.deepEqual(r.exceptions, []);
  assert.deepEqual(r.errors, []);
  assert.equal(r.first?.line, 1);
  assert.equal(r.last?.line, twice.split('\n').findIndex((l) => l.includes('is completed')) + 1);
});

test('a dump between a log trace and the next records: the trace and the errors after it are still read', () => {
  const trace = [
    '24-Nov-2026 21:43:58.100 SEVERE [http-nio-8080-exec-1] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() threw exception',
    '\tjava.lang.IllegalStateException: broken',
    '\t\tat a.B.c(B.java:1)',
    '\t\tat a.B.d(B.java:2)',
  ].join('\n');
  const after = '24-Nov-2026 21:44:00.000 SEVERE [main] x.Y.z java.lang.OutOfMemoryError: Java heap space\n';
  const r = parseEveryWay(logParser, `${trace}\n${deadlocked}${after}`);
  assert.equal(r.threadDumps?.length, 1);
  assert.equal(r.threadDumps![0].deadlocks.length, 2);
  assert.deepEqual(r.exceptions.map((g) => [g.throwable.className, g.throwable.frames.length, g.count]).sort(), [
    ['java.lang.IllegalStateException', 2, 1],
    ['java.lang.OutOfMemoryError', 0, 1],
  ]);
  assert.deepEqual(r.errors.map((e) => e.id), ['oom-heap']);
});

test('fast path: a dump after the 20 000-line format sample is read as it is line by line', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const info = Array.from({ length: 25_000 }, (_, i) => `24-Nov-2026 21:${pad(Math.floor(i / 600) % 60)}:${pad(Math.floor(i / 10) % 60)}.${String(i % 1000).padStart(3, '0')} INFO [main] org.example.Api.log request ${i}`);
  const text = `${info.join('\n')}\n${twice}${info.slice(0, 100).join('\n')}\n`;
  const bytes = new TextEncoder().encode(text);
  const counting = countingSkips(logParser);
  const fast = parseBytes(counting, bytes);
  assert.ok(counting.skipped > 4_000, `fast path used for ${counting.skipped} lines`);
  const slow = parseBytes(logParser, bytes, 64 * 1024, 'utf-8', undefined, false);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow));
  assert.equal(JSON.stringify(parseBytes(logParser, bytes, 7)), JSON.stringify(slow));
  assert.equal(fast.threadDumps?.length, 2);
  assert.ok(fast.threadDumps!.every((d) => d.time !== undefined), 'the bare timestamp lines were not skipped');
});

test('rules see the dumps of a log: thread growth from one catalina.out, deadlocks, and the thread count fact', () => {
  const growth = runRule(threadLeak, { 'catalina.out': twice }).find((f) => f.facts?.addedThreads !== undefined);
  assert.equal(growth?.facts?.addedThreads, 24);
  assert.ok(growth?.evidence.every((e) => e.file === 'catalina.out'));
  assert.deepEqual(runRule(threadDeadlock, { 'catalina.out': deadlocked }).map((f) => f.severity), ['critical', 'critical']);
  const c = caseFrom({ 'catalina.out': twice });
  assert.deepEqual(c.items.map((i) => i.kind), ['log']);
  const last = c.of('log')[0].data.threadDumps![1];
  assert.equal(deriveFacts(c).threads?.value, last.counts.platform, 'the newest dump feeds the thread count');
});

test('real JVM: kill -3 of a JVM whose stdout is a log file', { timeout: 60_000 }, async (t) => {
  if (!jdkAvailable()) {
    t.skip('javac/java/jcmd/jstack absent (install openjdk-17-jdk-headless)');
    return;
  }
  const tmp = tempDir('jvmdoctor-kill3-');
  const logFile = join(tmp.path, 'catalina.out');
  // As catalina.sh does: stdout and stderr appended to catalina.out.
  compileDemo(tmp.path);
  const fd = openSync(logFile, 'a');
  const child = spawn('java', ['-Xmx32m', '-cp', tmp.path, 'ThreadLeakDemo', '3', 'deadlock'], { stdio: ['pipe', fd, fd] });
  t.after(() => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    tmp.cleanup();
  });
  closeSync(fd);
  const read = () => readFileSync(logFile, 'utf8');
  const until = async (test: (s: string) => boolean, what: string) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      if (test(read())) return;
      if (child.exitCode !== null) throw new Error(`JVM exited: ${read()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}: ${read()}`);
  };
  await until((s) => /^READY \d+$/m.test(s), 'READY');
  process.kill(child.pid!, 'SIGQUIT');
  // HotSpot ends a SIGQUIT dump with the heap summary; its last line is the class space.
  await until((s) => / +class space +used/.test(s), 'the kill -3 dump');
  child.stdin!.write('log org.apache.catalina.core.StandardContext.reload Reloading Context with name [/app] is completed\n');
  await until((s) => s.includes('LOGGED'), 'the log line after the dump');

  const text = read();
  const r = parseEveryWay(logParser, text);
  assert.equal(r.threadDumps?.length, 1);
  const d = r.threadDumps![0];
  assert.equal(d.deadlocks.length, 2);
  assert.equal(d.counts.total - d.counts.internal, d.smrThreadCount, 'every Java thread the JVM listed');
  assert.deepEqual(r.exceptions, [], 'no exception made up from dump lines');
  assert.equal(r.last?.line, text.split('\n').findIndex((l) => l.includes('is completed')) + 1, 'the log line after the dump is read');
  const c = caseFrom({ 'catalina.out': text });
  assert.deepEqual(c.items.map((i) => i.kind), ['log']);
  assert.equal(runRule(threadDeadlock, { 'catalina.out': text }).length, 2);
});

test('docker logs --timestamps and Kubernetes CRI: the dumps inside the wrapped lines are read too', () => {
  const lines = twice.trimEnd().split('\n');
  const docker = lines.map((l, i) => `2026-11-24T21:43:${String(Math.floor(i / 20) % 60).padStart(2, '0')}.123456789Z ${l}`).join('\n') + '\n';
  const cri = lines.map((l) => `2026-11-24T21:43:59.123456789Z stdout F ${l}`).join('\n') + '\n';
  for (const text of [docker, cri]) {
    const r = parseEveryWay(logParser, text);
    assert.ok(r.container, 'the wrapper was recognised');
    assert.equal(r.threadDumps?.length, 2);
    assert.equal(r.threadDumps![1].counts.platform - r.threadDumps![0].counts.platform, 24);
    assert.deepEqual(r.exceptions, []);
  }
});

test('log lines quoting a thread name are log lines, not a dump; a cut-off dump past the format sample is still read', () => {
  const log = [
    '2023-03-23 10:00:00,001 INFO [main] c.e.Jobs - started',
    '"pool-1-thread-3" #12 picked job 7',
    '"main" #1 prio=5 os_prio=0 cpu=55.81ms elapsed=0.40s tid=0x00007fce0c017970 nid=0x5780 runnable  [0x00007fce14659000]',
    '2023-03-23 10:00:01,001 ERROR [main] c.e.Jobs - failed',
    'java.lang.IllegalStateException: broken',
    '\tat a.B.c(B.java:1)',
  ].join('\n') + '\n';
  const r = parseEveryWay(logParser, log);
  assert.equal(r.threadDumps, undefined);
  assert.deepEqual(r.exceptions.map((g) => [g.throwable.className, g.first.line, g.throwable.frames.length]), [['java.lang.IllegalStateException', 5, 1]]);

  // The same excerpt after 25 000 INFO lines: while the reader weighs the lone header, no line is skipped.
  const idle = readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', 'jdk17-idle.jstack.txt'), 'utf8').split('\n');
  const excerpt = idle.slice(idle.findIndex((l) => l.startsWith('"main" #1 '))).join('\n');
  const pad = (n: number) => String(n).padStart(2, '0');
  const info = Array.from({ length: 25_000 }, (_, i) => `24-Nov-2026 21:${pad(Math.floor(i / 600) % 60)}:${pad(Math.floor(i / 10) % 60)}.000 INFO [main] org.example.Api.log request ${i}`);
  const bytes = new TextEncoder().encode(`${info.join('\n')}\n${excerpt}${info.slice(0, 50).join('\n')}\n`);
  const fast = parseBytes(logParser, bytes);
  const slow = parseBytes(logParser, bytes, 64 * 1024, 'utf-8', undefined, false);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow));
  assert.equal(fast.threadDumps?.length, 1);
  assert.equal(fast.threadDumps![0].threads[0].state, 'RUNNABLE');
});

test('mayConcernDumpReader is a superset of the lines the dump reader reacts to outside a dump', () => {
  // The fast path (parse.ts skip) relies on it: a line it rejects is skipped when no dump is open and no
  // lone header is being weighed, so offering it must change nothing — neither now nor for later lines.
  const enc = new TextEncoder();
  const sources = [
    twice,
    deadlocked,
    ...['jdk17-idle.jstack.txt', 'jdk17-small-deadlocks.jstack-l.txt'].map((f) => readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', f), 'utf8')),
    ...['seed-docker-logs.log', 'seed-reproduction.log', 'seed-500-body.json'].map((f) => readFileSync(fixturePath(f), 'utf8')),
  ];
  const lines = new Set<string>();
  for (const s of sources) for (const l of s.split('\n')) lines.add(l);
  for (const l of ['"x" #3 prio=5', '#12 "main"', 'Thread #12 "main"', '   4242', '2026-11-24T21:39:20Z   ', '21.0.2+13-LTS-58 is the version', 'Full thread', 'Thread dump', '"quoted" log line']) lines.add(l);
  const idle = readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', 'jdk17-idle.jstack.txt'), 'utf8').split('\n');
  const probes = [
    idle.slice(idle.findIndex((l) => l.startsWith('"main" #1 ')), idle.findIndex((l) => l.startsWith('"main" #1 ')) + 30),
    ['4242', '2026-11-24T21:39:20Z', '21.0.2+13-LTS-58', '', '#1 "main"', '      java.base/java.lang.Thread.run(Thread.java:1583)'],
    idle.slice(0, 30),
  ];
  const run = (first: string | undefined, probe: string[]) => {
    const r = createThreadDumpReader();
    const claimed: boolean[] = [];
    if (first !== undefined) claimed.push(r.line(first, 1), r.wantsEveryLine);
    probe.forEach((l, i) => claimed.push(r.line(l, i + 2)));
    return JSON.stringify([claimed.slice(first === undefined ? 0 : 2), r.finish()]);
  };
  const expected = probes.map((p) => run(undefined, p));
  let checked = 0;
  for (const l of lines) {
    const b = enc.encode(l);
    if (mayConcernDumpReader(b, 0, b.length)) continue;
    checked++;
    const r = createThreadDumpReader();
    assert.equal(r.line(l, 1), false, l);
    assert.equal(r.wantsEveryLine, false, l);
    probes.forEach((p, i) => assert.equal(run(l, p), expected[i], l));
  }
  assert.ok(checked > 200, `${checked} lines checked`);
});
