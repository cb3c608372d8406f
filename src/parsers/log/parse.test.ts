import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { logParser } from './parse.js';
import { parseBytes, parseEveryWay } from '../testing.js';
import { MB } from '../../util/bytes.js';
import { fixturePath } from './testkit.js';

const seedLog = () => readFileSync(fixturePath('seed-docker-logs.log'));
const T0 = Date.UTC(2023, 2, 23, 13, 12, 50, 636);

test('the seed docker logs excerpt: two leaked Elasticsearch client threads and three Netty ThreadLocals', () => {
  const r = parseEveryWay(logParser, seedLog());
  assert.equal(r.format, 'tomcat-oneline');
  assert.equal(r.lines, 23);
  assert.deepEqual(r.first, { line: 1, time: '23-Mar-2023 13:12:50.636', epochMs: T0 });
  assert.deepEqual(r.last, { line: 23, time: '23-Mar-2023 13:12:50.651', epochMs: T0 + 15 });
  assert.deepEqual(r.exceptions, []);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.notes, []);
  assert.equal(r.tomcatLeaks.length, 5);
  const [t3, t4, ...locals] = r.tomcatLeaks;
  for (const t of [t3, t4]) {
    assert.equal(t.kind, 'thread');
    assert.equal(t.method, 'clearReferencesThreads');
    assert.equal(t.messageKey, 'stackTrace');
    assert.equal(t.level, 'WARNING');
    assert.equal(t.levelText, '警告');
    assert.equal(t.loggerThread, 'Catalina-utility-1');
    assert.equal(t.webapp, 'xxx');
    assert.equal(t.library, 'Elasticsearch TransportClient');
    assert.equal(t.stack?.length, 9);
    assert.equal(t.stack?.[0], 'sun.misc.Unsafe.park(Native Method)');
    assert.equal(t.stack?.[4], 'java.util.concurrent.LinkedTransferQueue.take(LinkedTransferQueue.java:1269)');
    assert.equal(t.stack?.[8], 'java.lang.Thread.run(Thread.java:748)');
  }
  assert.equal(t3.line, 1);
  assert.equal(t3.threadName, '[client_][generic][T#3]'); // the write-up lost "elasticsearch[_"
  assert.equal(t3.threadPool, '[client_][generic]');
  assert.equal(t3.partial, true);
  assert.equal(t4.line, 11);
  assert.equal(t4.threadName, '[_client_][generic][T#4]');
  assert.equal(t4.threadPool, '[_client_][generic]');
  assert.equal(t4.partial, undefined);
  assert.deepEqual(
    locals.map((w) => [w.line, w.kind, w.level, w.levelText, w.webapp, w.keyType, w.valueType, w.library]),
    [21, 22, 23].map((line) => [line, 'threadlocal', 'SEVERE', '严重', 'xxx', 'java.lang.ThreadLocal', 'io.netty.util.internal.InternalThreadLocalMap', 'Netty (FastThreadLocal / event loops)']),
  );
  assert.ok(logParser.sniff('docker-logs.txt', seedLog().toString('utf8')) >= 0.9);
});

test('the same excerpt from `docker logs --timestamps`, in GB18030, with CRLF and a BOM', () => {
  const plain = parseEveryWay(logParser, seedLog());
  const strip = (r: typeof plain) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'time' || k === 'epochMs' || k === 'first' || k === 'last' || k === 'container' || k === 'zone' ? undefined : v)));

  const stamped = seedLog()
    .toString('utf8')
    .split('\n')
    .map((l, i) => (l === '' ? l : `2023-03-23T05:12:50.${String(636000000 + i).padStart(9, '0')}Z ${l}`))
    .join('\n');
  const d = parseEveryWay(logParser, stamped);
  assert.equal(d.container, 'docker-timestamps');
  assert.equal(d.format, 'tomcat-oneline');
  assert.deepEqual(d.first, { line: 1, time: '2023-03-23T05:12:50.636000000Z', epochMs: T0 - 8 * 3600_000 });
  assert.deepEqual(strip(d), strip(plain));
  // The runtime's UTC stamp beside Tomcat's wall clock on each line: the server ran at UTC+08:00.
  assert.deepEqual(plain.zone, { kind: 'local' });
  assert.deepEqual(d.zone, {
    kind: 'utc',
    utcOffsetMinutes: 480,
    offsetEvidence: { line: 1, text: '2023-03-23T05:12:50.636000000Z 23-Mar-2023 13:12:50.636', samples: 5, agreeing: 5 },
  });

  // GB18030 bytes, produced once with `iconv -f UTF-8 -t GB18030` and committed.
  const gb = readFileSync(fixturePath('seed-docker-logs.gb18030.log'));
  for (const chunk of [1, 3, 7, 64 * 1024]) assert.deepEqual(parseBytes(logParser, gb, chunk, 'gb18030'), plain, `gb18030 in ${chunk}-byte chunks`);

  const crlf = '\ufeff' + seedLog().toString('utf8').replace(/\n/g, '\r\n');
  assert.deepEqual(parseEveryWay(logParser, crlf), plain);
});

test('the seed -Xmx100m reproduction: JavaCPP physicalBytes over maxPhysicalBytes, with its trace', () => {
  const r = parseEveryWay(logParser, readFileSync(fixturePath('seed-reproduction.log')));
  assert.equal(r.format, 'plain');
  assert.deepEqual(r.errors, [
    {
      line: 1,
      id: 'javacpp-physical-bytes',
      text: 'java.lang.OutOfMemoryError: Physical memory usage is too high: physicalBytes (196M) > maxPhysicalBytes (188M)',
      values: { physicalBytes: 196 * MB, maxPhysicalBytes: 188 * MB },
    },
  ]);
  assert.equal(r.exceptions.length, 1);
  const g = r.exceptions[0];
  assert.equal(g.throwable.className, 'java.lang.OutOfMemoryError');
  assert.equal(g.throwable.message, 'Physical memory usage is too high: physicalBytes (196M) > maxPhysicalBytes (188M)');
  // 61 "at … (File.java:N)" frames with the space, minus the pasted remark line, capped at 64.
  assert.equal(g.throwable.frames.length, 60);
  assert.equal(g.throwable.frames[0], 'org.bytedeco.javacpp.Pointer.deallocator(Pointer.java:700)');
  assert.equal(g.throwable.frames[3], 'org.bytedeco.javacpp.IntPointer.<init>(IntPointer.java:90)');
  assert.equal(g.throwable.frames[59], 'java.lang.Thread.run(Thread.java:750)');
  assert.ok(logParser.sniff('repro.txt', readFileSync(fixturePath('seed-reproduction.log'), 'utf8')) >= 0.9);
});

test('the seed 500 body, as an API JSON body and as Tomcat ErrorReportValve HTML', () => {
  const values = { pointerClass: 'IntPointer', elements: 1, totalBytes: 0, physicalBytes: 7775 * MB };
  const json = parseEveryWay(logParser, readFileSync(fixturePath('seed-500-body.json')));
  assert.deepEqual(
    json.errors.map((e) => [e.id, e.line, e.values]),
    [['javacpp-cannot-allocate', 1, values]],
  );
  assert.deepEqual(json.exceptions, []);
  const html = parseEveryWay(logParser, readFileSync(fixturePath('seed-500-body.html')));
  assert.deepEqual(
    html.errors.map((e) => [e.id, e.line, e.values, e.count, e.last?.line]),
    [['javacpp-cannot-allocate', 1, values, 2, 8]],
  );
  assert.deepEqual(
    html.exceptions.map((g) => [g.throwable.className, g.throwable.message, g.count]),
    [['java.lang.OutOfMemoryError', 'Cannot allocate new IntPointer (1): totalBytes = 0, physicalBytes = 7775M', 2]],
  );
  for (const f of ['seed-500-body.json', 'seed-500-body.html']) {
    const s = logParser.sniff(f, readFileSync(fixturePath(f), 'utf8'));
    assert.ok(s >= 0.6 && s < 0.9, `${f} sniffed ${s}`);
  }
});

test('binary garbage and a very long line in the middle of a log', () => {
  const head = readFileSync(fixturePath('seed-docker-logs.log'), 'utf8');
  const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
  const long = 'x'.repeat(200_000) + ' java.lang.OutOfMemoryError: Java heap space\n';
  const tail = 'java.lang.OutOfMemoryError: Metaspace\n\tat a.B.c(B.java:1)\n';
  const bytes = Buffer.concat([Buffer.from(head), garbage, Buffer.from('\n' + long + tail)]);
  const whole = parseBytes(logParser, bytes);
  assert.deepEqual(parseBytes(logParser, bytes, 7), whole);
  assert.equal(whole.tomcatLeaks.length, 5);
  assert.ok(whole.notes.some((n) => /line\(s\) looked binary and were skipped/.test(n)), JSON.stringify(whole.notes));
  // The long line is cut by the splitter (64 K characters): its end, with the error, is not seen.
  assert.deepEqual(whole.errors.map((e) => e.id), ['oom-metaspace']);
  assert.deepEqual(whole.exceptions.map((g) => g.throwable.message), ['Metaspace']);
});

test('sniff: logs score high, other evidence kinds low, a lone exception weakly', () => {
  const s = (name: string, text: string) => logParser.sniff(name, text);
  const spring = Array.from({ length: 5 }, (_, i) => `2023-03-23 13:12:5${i}.636  INFO 1 --- [           main] c.e.App : started ${i}`).join('\n');
  assert.ok(s('app.log', spring) >= 0.9);
  const jul = 'Mar 23, 2023 1:12:50 PM org.apache.catalina.startup.Catalina start\nINFO: Server startup in 1234 ms\n';
  assert.ok(s('catalina.out', jul) >= 0.4);
  assert.ok(s('trace.txt', 'java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n') >= 0.9);
  const lone = s('notes.txt', 'We saw this today:\njava.lang.IllegalStateException: boom\nand then it went away.\n');
  assert.ok(lone >= 0.3 && lone <= 0.5, `lone exception ${lone}`);
  const others: [string, string][] = [
    ['free.txt', '              total        used        free      shared  buff/cache   available\nMem:            31G         15G        7.4G         35M        8.0G         14G\nSwap:          2.0G          0B        2.0G\n'],
    ['top.txt', 'top - 09:15:10 up 21 days, 22:59,  1 user,  load average: 0.16, 0.23, 0.21\nTasks: 303 total,   1 running, 302 sleeping,   0 stopped,   0 zombie\nKiB Mem : 32778416 total,  7825416 free, 16587464 used,  8365536 buff/cache\n  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND\n30164 root      20   0   15.4g   7.6g  18000 S   3.2 24.3 540:05.34 java\n'],
    ['jstat.txt', ' NGCMN    NGCMX     NGC     S0C   S1C       EC      OGCMN      OGCMX       OGC         OC       MCMN     MCMX      MC     CCSMN    CCSMX     CCSC    YGC    FGC \n174592.0 1397760.0 1397760.0 25088.0 23552.0 1349120.0   349696.0  2796544.0  2375680.0  2375680.0      0.0 1751040.0 812632.0      0.0 1048576.0 110208.0   1624   820\n'],
    ['jps.txt', '1 Bootstrap\n7959 Jps\n'],
    ['java-version.txt', 'java version "1.8.0_202"\nJava(TM) SE Runtime Environment (build 1.8.0_202-b08)\nJava HotSpot(TM) 64-Bit Server VM (build 25.202-b08, mixed mode)\n'],
    ['catalina.sh', '#!/bin/sh\n# -XX:+HeapDumpOnOutOfMemoryError\nJAVA_OPTS="-Xms512m -Xmx4096m -XX:MaxPermSize=256m -XX:+ExitOnOutOfMemoryError"\necho "Using CATALINA_BASE:   $CATALINA_BASE"\n'],
    ['status', 'Name:\tjava\nState:\tS (sleeping)\nPid:\t30164\nVmRSS:\t 7969876 kB\nThreads:\t363\n'],
    ['inspect.json', '[\n    {\n        "Id": "1d75d7d2abcb",\n        "Created": "2023-03-20T01:02:03.123456789Z",\n        "State": {\n            "OOMKilled": false,\n            "ExitCode": 137\n        }\n    }\n]\n'],
  ];
  for (const [name, text] of others) assert.ok(s(name, text) < 0.3, `${name} sniffed ${s(name, text)}`);
  assert.equal(s('empty.log', ''), 0);
});
