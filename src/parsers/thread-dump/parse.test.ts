import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadDumpParser } from './parse.js';
import { createThreadDumpReader } from './dump-reader.js';
import { parseThreadHeader, javaFeatureOf } from './header.js';
import { poolOf, poolFamily } from '../../knowledge/thread-names.js';
import { parseEveryWay } from '../testing.js';
import { repoRoot } from '../../../test/support.js';
import type { ThreadDumpReport } from './types.js';

const fixture = (name: string) => readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', name), 'utf8');
const parse = (text: string) => parseEveryWay(threadDumpParser, text) as ThreadDumpReport;

test('JDK 17 jstack -l of ThreadLeakDemo: threads, states, locks, pools, stacks, SMR, JNI, both deadlocks', () => {
  const text = fixture('jdk17-small-deadlocks.jstack-l.txt');
  assert.ok(threadDumpParser.sniff('jstack.txt', text) >= 0.9);
  const r = parse(text);
  assert.equal(r.dumps.length, 1);
  const d = r.dumps[0];
  assert.equal(d.format, 'hotspot');
  assert.equal(d.javaFeature, 17);
  assert.match(d.vmVersion ?? '', /^17\.0\.\d+/);
  assert.match(d.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  // The JVM's own count (SMR list) is the Java threads; the dump adds the VM-internal ones.
  assert.equal(d.counts.total - d.counts.internal, d.smrThreadCount);
  assert.ok(d.counts.internal >= 2, 'VM Thread, VM Periodic Task Thread, GC threads');
  assert.equal(d.jniWeakRefs !== undefined && d.jniGlobalRefs !== undefined, true);

  const es = d.pools.find((p) => p.pool === 'elasticsearch[_client_][generic]');
  assert.deepEqual([es?.count, es?.idle, es?.daemon, es?.family], [3, 3, 3, 'elasticsearch[_client_][generic]']);
  const netty = d.pools.find((p) => p.pool === 'nioEventLoopGroup-2-');
  assert.equal(netty?.count, 3);
  assert.equal(netty?.family, 'nioEventLoopGroup-#-');
  const perRequest = d.pools.filter((p) => p.family === 'pool-#-thread-');
  assert.deepEqual(perRequest.map((p) => p.pool).sort(), ['pool-1-thread-', 'pool-2-thread-', 'pool-3-thread-']);

  const a = d.threads.find((t) => t.name === 'deadlock-A')!;
  assert.equal(a.state, 'BLOCKED');
  assert.equal(a.stateDetail, 'on object monitor');
  assert.equal(a.daemon, true);
  assert.equal(a.osState, 'waiting for monitor entry');
  assert.equal(a.locksWaited[0].relation, 'waiting-to-lock');
  assert.equal(a.locksWaited[0].className, 'java.lang.Object');
  assert.equal(a.locksHeld[0].relation, 'locked');
  assert.match(a.frames[0], /^ThreadLeakDemo\.lockBoth\(ThreadLeakDemo\.java:\d+\)$/);
  const b = d.threads.find((t) => t.name === 'deadlock-B')!;
  assert.equal(a.locksWaited[0].address, b.locksHeld[0].address, 'A waits for what B holds');

  const l1 = d.threads.find((t) => t.name === 'lock-order-1')!;
  assert.equal(l1.locksWaited[0].relation, 'parking');
  assert.equal(l1.locksHeld[0].relation, 'ownable', 'jstack -l lists the ReentrantLock it holds');
  assert.equal(l1.locksHeld[0].className, 'java.util.concurrent.locks.ReentrantLock$NonfairSync');

  const main = d.threads.find((t) => t.name === 'main')!;
  assert.equal(main.id, 1);
  assert.equal(main.internal, false);
  assert.ok(main.cpuMs! > 0 && main.elapsedSeconds! > 0);
  const vmThread = d.threads.find((t) => t.name === 'VM Thread')!;
  assert.equal(vmThread.internal, true);
  assert.equal(vmThread.state, undefined);

  // The 9 pool workers all park in LinkedBlockingQueue.take(): one identical stack.
  assert.equal(d.stacks[0].count, 9);
  assert.equal(d.stacks[0].state, 'WAITING');
  assert.ok(d.stacks[0].frames.some((f) => f.startsWith('java.util.concurrent.LinkedBlockingQueue.take(')));

  assert.equal(d.deadlocks.length, 2);
  const [monitor, ownable] = d.deadlocks;
  assert.deepEqual(monitor.participants.map((p) => [p.thread, p.heldBy, p.waitingFor]), [
    ['deadlock-A', 'deadlock-B', 'monitor'],
    ['deadlock-B', 'deadlock-A', 'monitor'],
  ]);
  assert.equal(monitor.participants[0].address, a.locksWaited[0].address, 'the object address, not the monitor address');
  assert.deepEqual(ownable.participants.map((p) => [p.thread, p.heldBy, p.waitingFor]), [
    ['lock-order-1', 'lock-order-2', 'ownable-synchronizer'],
    ['lock-order-2', 'lock-order-1', 'ownable-synchronizer'],
  ]);
  assert.deepEqual(d.counts.byState, { RUNNABLE: d.counts.byState.RUNNABLE, WAITING: 12, TIMED_WAITING: 1, BLOCKED: 2, unknown: d.counts.internal });
  assert.ok(d.endLine >= text.trimEnd().split('\n').length, 'the dump runs to its "Found 2 deadlocks." line');
});

test('kill -3 inside a catalina.out: the reader claims the dump, not the log lines; sniffing leaves room for the log parser', () => {
  const text = fixture('jdk17-kill3-catalina.out');
  const score = threadDumpParser.sniff('catalina.out', text);
  assert.ok(score >= 0.3 && score < 0.5, `score ${score}`);
  const lines = text.split('\n');
  const reader = createThreadDumpReader();
  const claimed = lines.map((l, i) => reader.line(l, i + 1));
  const { dumps } = reader.finish();
  assert.equal(dumps.length, 1);
  const logLines = lines.map((l, i) => [l, i] as const).filter(([l]) => / INFO \[main\] /.test(l));
  assert.equal(logLines.length, 2);
  for (const [, i] of logLines) assert.equal(claimed[i], false, `log line ${i + 1} must stay the log's`);
  const full = lines.findIndex((l) => l.startsWith('Full thread dump'));
  assert.equal(claimed[full], true);
  assert.equal(dumps[0].time, lines[full - 1], 'the timestamp line before the header dates the dump');
  assert.equal(claimed[full - 1], false);
  // The heap summary HotSpot prints after a SIGQUIT dump belongs to it.
  const heap = lines.indexOf('Heap');
  assert.ok(heap > full && claimed[heap] && claimed[heap + 1]);
  assert.equal(dumps[0].deadlocks.length, 2);
  assert.equal(parse(text).dumps[0].counts.total, dumps[0].counts.total, 'the file parser reads the same dump');
});

test('a log exception after a dump is not swallowed, and interleaved log lines do not split a dump', () => {
  const dump = fixture('jdk17-small-deadlocks.jstack-l.txt').trimEnd().split('\n');
  // A log line printed by another thread in the middle of the dump, and an exception after it.
  const cut = dump.findIndex((l) => l.startsWith('"nioEventLoopGroup-2-1"'));
  const lines = [
    ...dump.slice(0, cut),
    '24-Nov-2026 21:39:21.000 WARNING [http-nio-8080-exec-1] org.example.Api.call slow request',
    ...dump.slice(cut),
    '24-Nov-2026 21:39:22.000 SEVERE [http-nio-8080-exec-2] org.example.Api.call failed',
    'java.lang.IllegalStateException: boom',
    '\tat org.example.Api.call(Api.java:10)',
  ];
  const reader = createThreadDumpReader();
  const claimed = lines.map((l, i) => reader.line(l, i + 1));
  const { dumps } = reader.finish();
  assert.equal(dumps.length, 1, 'one dump despite the interleaved line');
  assert.equal(claimed[cut], false);
  assert.deepEqual(claimed.slice(-3), [false, false, false]);
  assert.equal(dumps[0].threads.filter((t) => t.pool === 'nioEventLoopGroup-2-').length, 3);
  assert.ok(!dumps[0].threads.some((t) => t.frames.some((f) => f.includes('org.example.Api'))));
});

test('several dumps in one file (CRLF) are read in order with their timestamps', () => {
  const one = fixture('jdk17-idle.jstack.txt');
  const two = one.replace(/^(\d{4}-\d\d-\d\d \d\d:)(\d\d)/, (_, h: string, m: string) => `${h}${String((Number(m) + 1) % 60).padStart(2, '0')}`);
  const text = (one + two).replace(/\n/g, '\r\n');
  const r = parse(text);
  assert.equal(r.dumps.length, 2);
  assert.equal(r.dumps[1].epochMs! - r.dumps[0].epochMs!, r.dumps[0].time!.slice(14, 16) === '59' ? -59 * 60_000 : 60_000);
  assert.deepEqual(r.dumps[0].counts, r.dumps[1].counts);
  assert.ok(r.dumps[0].threads.every((t) => !t.text.endsWith('\r')));
});

test('thread header variants from JDK 5 to 25', () => {
  // JDK 5/6: no #id, no os_prio, stack range.
  const jdk5 = parseThreadHeader('"Worker" daemon prio=1 tid=0x0000002ac6c9b0a0 nid=0x57f8 in Object.wait() [0x0000000051d6d000..0x0000000051d6dd30]');
  assert.deepEqual(jdk5, { name: 'Worker', daemon: true, virtual: false, priority: 1, tid: '0x0000002ac6c9b0a0', nid: '0x57f8', osState: 'in Object.wait()' });
  // JDK 8: #id and os_prio.
  const jdk8 = parseThreadHeader('"http-nio-8080-exec-12" #41 daemon prio=5 os_prio=0 tid=0x00007f01 nid=0x2a waiting on condition [0x00007e00]');
  assert.equal(jdk8?.id, 41);
  assert.equal(jdk8?.osPriority, 0);
  assert.equal(jdk8?.osState, 'waiting on condition');
  // JDK 21+: [os thread id], decimal nid; JDK 25 jstack -e: allocated=, defined_classes=.
  const jdk25 = parseThreadHeader('"main" #3 [5379] prio=5 os_prio=31 cpu=274.58ms elapsed=0.61s allocated=44228K defined_classes=1953 tid=0x000000014a83fa00 nid=5379 runnable  [0x000000016b3d1000]');
  assert.deepEqual([jdk25?.id, jdk25?.osThreadId, jdk25?.cpuMs, jdk25?.elapsedSeconds, jdk25?.nid, jdk25?.osState], [3, 5379, 274.58, 0.61, '5379', 'runnable']);
  const virtual = parseThreadHeader('"" #21 virtual [21] prio=5 os_prio=0 tid=0x1 nid=0x2 runnable');
  assert.equal(virtual?.virtual, true);
  assert.equal(virtual?.name, '');
  // VM-internal thread: no #id, nothing after the nid.
  assert.deepEqual(parseThreadHeader('"VM Thread" os_prio=0 cpu=1.98ms elapsed=2.83s tid=0x00007fc9440f4470 nid=0x396a runnable  '), {
    name: 'VM Thread', daemon: false, virtual: false, osPriority: 0, cpuMs: 1.98, elapsedSeconds: 2.83, tid: '0x00007fc9440f4470', nid: '0x396a', osState: 'runnable',
  });
  // A name with quotes in it; the deadlock report's `"name":` line is not a header.
  assert.equal(parseThreadHeader('"say "hi" worker" #9 prio=5 tid=0x1 nid=0x2 runnable')?.name, 'say "hi" worker');
  assert.equal(parseThreadHeader('"deadlock-A":'), undefined);
  assert.equal(parseThreadHeader('"a quoted log message" said the server'), undefined);
});

test('Java feature release from the VM version printed in the header', () => {
  assert.equal(javaFeatureOf('1.5.0_13-b05'), 5);
  assert.equal(javaFeatureOf('1.6.0_03-b05'), 6);
  assert.equal(javaFeatureOf('24.80-b11'), 7);
  assert.equal(javaFeatureOf('25.91-b14'), 8);
  assert.equal(javaFeatureOf('11.0-b15'), undefined, 'HotSpot 11 shipped with several JDK 6 updates');
  assert.equal(javaFeatureOf('11.0.6+10'), 11);
  assert.equal(javaFeatureOf('18-internal+0-adhoc.someone.jdk'), 18);
  assert.equal(javaFeatureOf('25+36-LTS'), 25);
});

test('pool names: counters stripped, pool numbers folded into a family', () => {
  const cases: [string, string, string][] = [
    ['http-nio-8080-exec-12', 'http-nio-8080-exec-', 'http-nio-#-exec-'],
    ['elasticsearch[_client_][generic][T#3]', 'elasticsearch[_client_][generic]', 'elasticsearch[_client_][generic]'],
    ['pool-3-thread-7', 'pool-3-thread-', 'pool-#-thread-'],
    ['nioEventLoopGroup-2-13', 'nioEventLoopGroup-2-', 'nioEventLoopGroup-#-'],
    ['ForkJoinPool-1-worker-3', 'ForkJoinPool-1-worker-', 'ForkJoinPool-#-worker-'],
    ['GC Thread#4', 'GC Thread#', 'GC Thread#'],
    ['GC task thread#3 (ParallelGC)', 'GC task thread# (ParallelGC)', 'GC task thread# (ParallelGC)'],
    ['Timer-0', 'Timer-', 'Timer-'],
    ['HikariPool-1 housekeeper', 'HikariPool-1 housekeeper', 'HikariPool-# housekeeper'],
    ['main', 'main', 'main'],
    ['42', '42', '#'],
    ['', '(unnamed)', '(unnamed)'],
  ];
  for (const [name, pool, family] of cases) {
    assert.equal(poolOf(name), pool, name);
    assert.equal(poolFamily(poolOf(name)), family, name);
  }
});

test('JDK 21+ Thread.dump_to_file plain text (ThreadDumper format), with virtual threads', () => {
  const text = [
    '4242',
    '2026-11-24T21:39:20.123456Z',
    '21.0.2+13-LTS',
    '',
    '#1 "main"',
    '      java.base/java.lang.Thread.sleep0(Native Method)',
    '      java.base/java.lang.Thread.sleep(Thread.java:509)',
    '      App.main(App.java:7)',
    '',
    '#31 "" virtual',
    '      java.base/java.lang.VirtualThread.park(VirtualThread.java:582)',
    '      App.lambda$main$0(App.java:5)',
    '',
    '#32 "" virtual',
    '      java.base/java.lang.VirtualThread.park(VirtualThread.java:582)',
    '      App.lambda$main$0(App.java:5)',
    '',
  ].join('\n');
  assert.ok(threadDumpParser.sniff('threads.txt', text) >= 0.9);
  const d = parse(text).dumps[0];
  assert.equal(d.format, 'thread-dump-to-file');
  assert.equal(d.pid, 4242);
  assert.equal(d.javaFeature, 21);
  assert.equal(d.epochMs, Date.UTC(2026, 10, 24, 21, 39, 20));
  assert.deepEqual([d.counts.total, d.counts.virtual, d.counts.platform], [3, 2, 1]);
  assert.equal(d.threads[0].frames.length, 3);
  assert.equal(d.stacks[0].count, 2);
  assert.equal(d.pools[0].pool, '(unnamed virtual)');
});

test('a dump whose header was cut off still reads from its first thread; an empty header is noted, not a dump', () => {
  const dump = fixture('jdk17-idle.jstack.txt').split('\n');
  const fromFirstThread = dump.slice(dump.findIndex((l) => l.startsWith('"'))).join('\n');
  assert.ok(threadDumpParser.sniff('x.txt', fromFirstThread) >= 0.8);
  assert.ok(parse(fromFirstThread).dumps[0].counts.total > 10);
  const r = parse('2026-11-24 21:39:20\nFull thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode):\n\n');
  assert.equal(r, undefined, 'nothing usable: the pipeline lists the file as unused');
});

test('does not claim other evidence', () => {
  assert.equal(threadDumpParser.sniff('a.txt', 'hello world\n'), 0);
  assert.equal(threadDumpParser.sniff('jps.txt', '1 Bootstrap\n7959 Jps\n'), 0);
  const trace = 'java.lang.IllegalStateException: boom\n\tat org.example.Api.call(Api.java:10)\n';
  assert.equal(threadDumpParser.sniff('catalina.out', trace), 0);
  assert.equal(parse(trace), undefined);
});

test('a line that only looks like a thread header does not open a dump; a real excerpt still does', () => {
  const idle = fixture('jdk17-idle.jstack.txt').split('\n');
  const main = idle.find((l) => l.startsWith('"main" #1 '))!;
  for (const text of [
    // A log line quoting a thread name with an id, a CSV row, a JSON string line: no tid/nid.
    '"pool-1-thread-3" #12 finished batch 7\n"pool-1-thread-3" #13 finished batch 8\n',
    '"job","worker-1" #3 prio=5,"ok"\n\tat a.B.c(B.java:1)\n',
    // A copied HotSpot header on its own, followed by anything but its dump.
    `${main}\nnext log line\n\tat a.B.c(B.java:1)\n`,
    `${main}\n\n\n\n   java.lang.Thread.State: RUNNABLE\n`,
    `${main}\n`,
  ]) {
    assert.equal(parseEveryWay(threadDumpParser, text), undefined, text);
  }
  // The cut-off excerpt, starting at VM-internal threads (no state line, no frames; a blank line between).
  const small = fixture('jdk17-small-deadlocks.jstack-l.txt').split('\n');
  const internal = small.slice(small.findIndex((l) => l.startsWith('"VM Periodic Task Thread"')));
  assert.ok(internal.length > 2 && internal[1] === '' && internal[2].startsWith('"VM Thread"'));
  const r = parse(internal.join('\n'));
  assert.equal(r.dumps.length, 1);
  assert.equal(r.dumps[0].deadlocks.length, 2);
  assert.equal(r.dumps[0].line, 1, 'the first header, held until the next one confirmed it, is the dump\'s first line');
  assert.equal(r.dumps[0].threads[0].text, internal[0]);
  // The first thread's state line confirms it; the first thread is kept with its state and frames.
  const excerpt = idle.slice(idle.indexOf(main)).join('\n');
  const e = parse(excerpt).dumps[0];
  assert.equal(e.threads[0].name, 'main');
  assert.equal(e.threads[0].state, 'RUNNABLE');
  assert.ok(e.threads[0].frames.length > 10);
});
