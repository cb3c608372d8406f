import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logParser } from './parse.js';
import { parseEveryWay } from '../testing.js';

test('the offset between a runtime UTC stamp and the JVM stamp beside it, rounded to 15 minutes', () => {
  // Kubernetes CRI, a Logback line in India (UTC+05:30), the runtime 40 ms behind the JVM.
  const cri = ['2023-03-23T07:42:50.676+00:00 stdout F 2023-03-23 13:12:50.636 INFO [main] c.e.App - up', '2023-03-23T07:43:01.040Z stdout F 2023-03-23 13:13:01.000 INFO [main] c.e.App - ok'].join('\n') + '\n';
  const r = parseEveryWay(logParser, cri);
  assert.equal(r.container, 'cri');
  assert.equal(r.zone?.kind, 'utc');
  assert.equal(r.zone?.utcOffsetMinutes, 330);
  assert.deepEqual(r.zone?.offsetEvidence, { line: 1, text: '2023-03-23T07:42:50.676+00:00 2023-03-23 13:12:50.636', samples: 2, agreeing: 2 });
});

test('no offset when the inner stamps disagree or carry their own zone, or nothing is wrapped', () => {
  // Replayed lines: each inner stamp a different distance from the runtime's.
  const wandering = ['2023-03-23T05:00:00.000000000Z 2023-03-23 13:00:00.000 INFO a', '2023-03-23T05:00:01.000000000Z 2023-03-23 09:00:00.000 INFO b', '2023-03-23T05:00:02.000000000Z 2023-03-22 23:00:00.000 INFO c'].join('\n') + '\n';
  assert.deepEqual(parseEveryWay(logParser, wandering).zone, { kind: 'utc' });
  // Spring Boot 3 prints its own zone: nothing to infer, the points are instants either way.
  const zoned = '2023-03-23T05:00:00.000000000Z 2023-03-23T13:00:00.000+08:00  INFO 1 --- [main] c.e.App : up\n';
  assert.equal(parseEveryWay(logParser, zoned).zone?.utcOffsetMinutes, undefined);
  // A plain Tomcat log: zone-less, offset unknown. Untimed text: no zone at all.
  assert.deepEqual(parseEveryWay(logParser, '23-Mar-2023 13:12:50.636 INFO [main] a.B.c up\n').zone, { kind: 'local' });
  assert.equal(parseEveryWay(logParser, 'hello\n').zone, undefined);
});
