import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerUnwrapper } from './container-prefix.js';

test('docker logs --timestamps prefix is stripped, stack lines stay stack lines', () => {
  const u = new ContainerUnwrapper();
  assert.equal(u.unwrap('2023-03-23T05:12:50.636123456Z 23-Mar-2023 13:12:50.636 警告 [x] a.B.c m'), '23-Mar-2023 13:12:50.636 警告 [x] a.B.c m');
  assert.equal(u.time, '2023-03-23T05:12:50.636123456Z');
  assert.equal(u.format, 'docker-timestamps');
  assert.equal(u.unwrap('2023-03-23T05:12:50.640000000Z  sun.misc.Unsafe.park(Native Method)'), ' sun.misc.Unsafe.park(Native Method)');
  assert.equal(u.unwrap('2023-03-23T05:12:50.640000000+08:00 \tat a.B.c(B.java:1)'), '2023-03-23T05:12:50.640000000+08:00 \tat a.B.c(B.java:1)');
  // An application's own ISO timestamp is not a docker prefix.
  assert.equal(u.unwrap('2023-03-23 13:12:50.636 [main] WARN a - b'), '2023-03-23 13:12:50.636 [main] WARN a - b');
  assert.equal(u.time, undefined);
  assert.equal(u.unwrap('2023-03-23T13:12:50.636+08:00  WARN 1 --- [main] x : y'), '2023-03-23T13:12:50.636+08:00  WARN 1 --- [main] x : y');
  assert.equal(u.format, undefined);
});

test('CRI lines with partial-line reassembly', () => {
  const u = new ContainerUnwrapper();
  assert.equal(u.unwrap('2023-03-23T05:12:50.636123456Z stdout P java.lang.OutOfMemoryError: '), undefined);
  assert.equal(u.unwrap('2023-03-23T05:12:50.636123457Z stdout F Java heap space'), 'java.lang.OutOfMemoryError: Java heap space');
  assert.equal(u.format, 'cri');
  assert.equal(u.unwrap('2023-03-23T05:12:50.7Z stderr F \tat a.B.c(B.java:1)'), '\tat a.B.c(B.java:1)');
  assert.equal(u.unwrap('2023-03-23T05:12:50.7Z stdout P cut'), undefined);
  assert.equal(u.flush(), 'cut');
});

test('Docker json-file records', () => {
  const u = new ContainerUnwrapper();
  assert.equal(u.unwrap('{"log":"\\tat a.B.c(B.java:1)\\n","stream":"stderr","time":"2023-03-23T05:12:50.636Z"}'), '\tat a.B.c(B.java:1)');
  assert.equal(u.time, '2023-03-23T05:12:50.636Z');
  assert.equal(u.format, 'docker-json');
  assert.equal(u.unwrap('{"log":"long ","stream":"stdout","time":"2023-03-23T05:12:50.636Z"}'), undefined);
  assert.equal(u.unwrap('{"log":"line\\r\\n","stream":"stdout","time":"2023-03-23T05:12:50.637Z"}'), 'long line');
  // A cut record is kept verbatim, not dropped.
  assert.equal(u.unwrap('{"log":"abc'), '{"log":"abc');
});
