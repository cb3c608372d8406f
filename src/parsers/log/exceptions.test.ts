import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logParser } from './parse.js';
import { ExceptionCollector, findThrowableMention, normaliseMessage, readThrowableHeader } from './exceptions.js';
import { normaliseFrame } from './stack-frames.js';
import { parseEveryWay } from '../testing.js';

test('frames in every printed form normalise to one', () => {
  const want = 'java.lang.Thread.run(Thread.java:750)';
  for (const f of [
    '\tat java.lang.Thread.run(Thread.java:750)',
    '\tat java.lang.Thread.run (Thread.java:750)',
    'at java.lang.Thread.run(Thread.java:750)',
    '\t\tat java.base/java.lang.Thread.run(Thread.java:750)',
    '\tat java.base@17.0.2/java.lang.Thread.run(Thread.java:750)',
    '\tat java.lang.Thread.run(Thread.java:750) ~[na:1.8.0_202]',
    '\tat java.lang.Thread.run(Thread.java:750) [na:1.8.0_202]',
  ]) {
    assert.equal(normaliseFrame(f), want, f);
  }
  assert.equal(normaliseFrame('\tat app//com.example.Api.get(Api.java:12)'), 'com.example.Api.get(Api.java:12)');
  assert.equal(normaliseFrame('\tat org.bytedeco.javacpp.IntPointer.allocateArray (Native Method)'), 'org.bytedeco.javacpp.IntPointer.allocateArray(Native Method)');
});

test('headers and mentions', () => {
  assert.deepEqual(readThrowableHeader('java.lang.OutOfMemoryError: Java heap space'), { className: 'java.lang.OutOfMemoryError', message: 'Java heap space' });
  assert.deepEqual(readThrowableHeader('Exception in thread "main" java.lang.IllegalStateException'), { className: 'java.lang.IllegalStateException', message: '' });
  assert.equal(readThrowableHeader('The web application [ROOT] failed'), undefined);
  assert.equal(readThrowableHeader('-XX:+HeapDumpOnOutOfMemoryError'), undefined);
  assert.deepEqual(findThrowableMention('ERROR c.e.Api - Request processing failed; nested exception is java.lang.OutOfMemoryError: Cannot allocate new IntPointer (1)'), {
    className: 'java.lang.OutOfMemoryError',
    message: 'Cannot allocate new IntPointer (1)',
  });
  assert.equal(normaliseMessage('Failed to connect to 10.0.0.12:9300 after 3000ms, id 0x7f3a, obj a.B@5a1b2c3d'), 'Failed to connect to #.#.#.#:# after #ms, id 0x#, obj a.B@#');
});

const TRACE = (n: number, msg: string) => `2023-03-23 13:12:5${n}.000 [http-nio-8080-exec-${n}] ERROR com.example.Api - Request failed
java.lang.IllegalStateException: ${msg}
\tat com.example.Api.get(Api.java:12)
\tat com.example.Api.handle(Api.java:7)
\tat java.base/java.lang.Thread.run(Thread.java:833)
\tSuppressed: java.io.IOException: close failed
\t\tat com.example.Res.close(Res.java:3)
\t\t... 3 more
\tCaused by: java.io.EOFException: cut
\t\t... 4 more
Caused by: java.net.SocketTimeoutException: Read timed out after ${n}000 ms
\tat java.net.SocketInputStream.read(SocketInputStream.java:1)
\t... 3 common frames omitted
`;

test('multi-line traces are assembled and grouped by signature', () => {
  const text = TRACE(1, 'user 17 not found') + TRACE(2, 'user 42 not found') + '2023-03-23 13:12:59.000 [main] INFO com.example.Api - done\n' + TRACE(3, 'other failure');
  const r = parseEveryWay(logParser, text);
  assert.equal(r.format, 'logback');
  assert.equal(r.exceptions.length, 2);
  const [g, h] = r.exceptions;
  assert.equal(g.count, 2);
  assert.equal(g.throwable.className, 'java.lang.IllegalStateException');
  assert.equal(g.throwable.message, 'user 17 not found');
  assert.deepEqual(g.throwable.frames, ['com.example.Api.get(Api.java:12)', 'com.example.Api.handle(Api.java:7)', 'java.lang.Thread.run(Thread.java:833)']);
  // The suppressed exception and its cause are not part of the cause chain.
  assert.deepEqual(g.causes.map((c) => c.className), ['java.net.SocketTimeoutException']);
  assert.deepEqual(g.causes[0].frames, ['java.net.SocketInputStream.read(SocketInputStream.java:1)']);
  assert.deepEqual(g.first, { line: 2, time: '2023-03-23 13:12:51.000', epochMs: Date.UTC(2023, 2, 23, 13, 12, 51) });
  assert.equal(g.last.line, 15);
  assert.equal(g.last.time, '2023-03-23 13:12:52.000');
  assert.equal(g.text, 'java.lang.IllegalStateException: user 17 not found');
  assert.equal(h.count, 1);
  assert.equal(h.throwable.message, 'other failure');
});

test('OneLineFormatter traces are tab-indented; multi-line messages join before the first frame', () => {
  const text = `23-Mar-2023 13:12:50.636 严重 [http-nio-8080-exec-1] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() 抛出异常
\tjava.lang.OutOfMemoryError: Java heap space
\t\tat java.util.Arrays.copyOf(Arrays.java:3332)
\t\tat com.example.Big.grow(Big.java:5)
java.lang.IllegalArgumentException: first line
second line of the message
\tat com.example.X.y(X.java:1)
java.lang.OutOfMemoryError: Java heap space
Dumping heap to /tmp/java_pid77.hprof ...
Heap dump file created [1234 bytes in 0.010 secs]
`;
  const r = parseEveryWay(logParser, text);
  assert.deepEqual(
    r.exceptions.map((g) => [g.throwable.className, g.throwable.message, g.throwable.frames.length, g.first.line]),
    [
      ['java.lang.OutOfMemoryError', 'Java heap space', 2, 2],
      ['java.lang.IllegalArgumentException', 'first line\nsecond line of the message', 1, 5],
      // No frame followed: the next lines were log lines, not the message.
      ['java.lang.OutOfMemoryError', 'Java heap space', 0, 8],
    ],
  );
  assert.equal(r.exceptions[0].first.time, '23-Mar-2023 13:12:50.636');
  assert.deepEqual(r.errors.map((e) => [e.id, e.line, e.count ?? 1]), [
    ['oom-heap', 2, 2],
    ['heap-dump-written', 9, 1],
  ]);
});

test('a mention is its own occurrence unless its trace follows', () => {
  const text = `2023-03-23 13:12:50,001 ERROR [main] c.e.Api - failed: java.io.IOException: Broken pipe
java.io.IOException: Broken pipe
\tat c.e.Api.w(Api.java:1)
2023-03-23 13:12:51,001 WARN [main] c.e.Api - retrying after java.net.ConnectException: Connection refused
2023-03-23 13:12:52,001 INFO [main] c.e.Api - ok
`;
  const r = parseEveryWay(logParser, text);
  assert.deepEqual(
    r.exceptions.map((g) => [g.throwable.className, g.count, g.first.line, g.throwable.frames.length]),
    [
      ['java.io.IOException', 1, 2, 1],
      ['java.net.ConnectException', 1, 4, 0],
    ],
  );
});

test('memory is bounded by the group cap, and the cap is reported', () => {
  const c = new ExceptionCollector(10);
  for (let i = 0; i < 50; i++) {
    c.start({ className: 'a.B' + String.fromCharCode(65 + (i % 26)) + (i < 26 ? '' : 'x') + 'Exception', message: 'm' }, { line: i + 1 }, 'x', 0);
    c.end();
  }
  const { groups, notes } = c.result();
  assert.equal(groups.length, 10);
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^40 exception occurrence\(s\).*10-group cap/);
});

test('frames without a tab (stripped by a log shipper) still belong to their trace', () => {
  const text = 'java.lang.OutOfMemoryError: Java heap space\nat com.example.Big.grow(Big.java:5)\nat com.example.Big.main (Big.java:9)\n... 2 more\nnext log line\n';
  const r = parseEveryWay(logParser, text);
  assert.deepEqual(r.exceptions.map((g) => [g.throwable.className, g.throwable.frames]), [
    ['java.lang.OutOfMemoryError', ['com.example.Big.grow(Big.java:5)', 'com.example.Big.main(Big.java:9)']],
  ]);
});

test('a class name that is not a printed throwable is not an exception', () => {
  for (const line of [
    '{"className":"java.lang.OutOfMemoryError","count":3}',
    'metrics: java.lang.OutOfMemoryError count=0',
    'src/Cache.java:57:        } catch (java.lang.OutOfMemoryError oom) {',
    'import java.lang.OutOfMemoryError;',
    '[0.011s][info][class,load] java.lang.OutOfMemoryError source: shared objects file',
    'public class java.lang.OutOfMemoryError extends java.lang.VirtualMachineError {',
  ]) {
    assert.equal(findThrowableMention(line), undefined, line);
    assert.equal(readThrowableHeader(line), undefined, line);
  }
  assert.equal(readThrowableHeader('java.lang.OutOfMemoryError:count=3'), undefined, 'Throwable.toString puts ": " before the message');
  // The printed throwable after a mere mention on the same line is found.
  assert.deepEqual(findThrowableMention('retry on java.io.IOException failed: java.net.ConnectException: Connection refused'), {
    className: 'java.net.ConnectException',
    message: 'Connection refused',
  });
  assert.deepEqual(findThrowableMention('threw exception [java.lang.OutOfMemoryError] with root cause'), { className: 'java.lang.OutOfMemoryError', message: '' });
});

test('a log of mentions yields no exception groups; the real reports among them do', () => {
  const text = [
    '2023-03-23 13:12:50,001 INFO [main] c.e.Metrics - metrics: java.lang.OutOfMemoryError count=0',
    '{"className":"java.lang.OutOfMemoryError","count":3}',
    '2023-03-23 13:12:51,001 INFO [main] c.e.Boot - args: -XX:+HeapDumpOnOutOfMemoryError -XX:OnOutOfMemoryError=/bin/restart',
    '2023-03-23 13:12:52,001 ERROR [exec-1] c.e.Api - Handler dispatch failed; nested exception is java.lang.OutOfMemoryError: Java heap space',
    '2023-03-23 13:12:53,001 INFO [main] c.e.Api - ok',
  ].join('\n') + '\n';
  const r = parseEveryWay(logParser, text);
  assert.deepEqual(r.exceptions.map((g) => [g.throwable.className, g.throwable.message, g.first.line]), [['java.lang.OutOfMemoryError', 'Java heap space', 4]]);
  assert.deepEqual(r.errors.map((e) => [e.id, e.line]), [['oom-heap', 4]]);
});
