import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksStamped, monthIndex, parseStamp } from './timestamps.js';

test('Tomcat OneLineFormatter timestamps', () => {
  const line = '23-Mar-2023 13:12:50.636 警告 [Catalina-utility-1] x.Y.z msg';
  assert.ok(looksStamped(line));
  const s = parseStamp(line)!;
  assert.equal(s.time, '23-Mar-2023 13:12:50.636');
  assert.equal(s.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50, 636));
  assert.equal(line.slice(s.end), ' 警告 [Catalina-utility-1] x.Y.z msg');
  // A Chinese default locale prints the month as 3月.
  assert.equal(parseStamp('23-3月-2023 13:12:50.636 严重 [main] a.B.c m')!.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50, 636));
  // An unknown locale's month: the time as written, no epoch.
  const fr = parseStamp('23-févr.-2023 13:12:50.636 Grave [main] a.B.c m')!;
  assert.equal(fr.time, '23-févr.-2023 13:12:50.636');
  assert.equal(fr.epochMs, undefined);
});

test('ISO-8601, Logback and docker RFC3339Nano timestamps', () => {
  assert.equal(parseStamp('2023-03-23 13:12:50.636 [main] WARN a - b')!.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50, 636));
  assert.equal(parseStamp('2023-03-23 13:12:50,636 ERROR x')!.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50, 636));
  const nano = parseStamp('2023-03-23T05:12:50.636123456Z 23-Mar-2023 …')!;
  assert.equal(nano.time, '2023-03-23T05:12:50.636123456Z');
  assert.equal(nano.epochMs, Date.UTC(2023, 2, 23, 5, 12, 50, 636));
  // Spring Boot 3 / journalctl short-iso zones are honoured.
  assert.equal(parseStamp('2023-03-23T13:12:50.636+08:00  WARN 1 --- [main] x : y')!.epochMs, Date.UTC(2023, 2, 23, 5, 12, 50, 636));
  assert.equal(parseStamp('2023-03-23T13:12:50+0800 host java[1]: x')!.epochMs, Date.UTC(2023, 2, 23, 5, 12, 50));
});

test('JUL SimpleFormatter, syslog and time-only stamps', () => {
  assert.equal(parseStamp('Mar 23, 2023 1:12:50 PM org.apache.catalina.loader.WebappClassLoaderBase clearReferencesThreads')!.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50));
  assert.equal(parseStamp('Mar 23, 2023 12:05:00 AM a.B c')!.epochMs, Date.UTC(2023, 2, 23, 0, 5, 0));
  assert.equal(parseStamp('3月 23, 2023 1:12:50 下午 a.B c')!.epochMs, Date.UTC(2023, 2, 23, 13, 12, 50));
  assert.equal(parseStamp('三月 23, 2023 1:12:50 上午 a.B c')!.epochMs, Date.UTC(2023, 2, 23, 1, 12, 50));
  assert.ok(looksStamped('三月 23, 2023 1:12:50 上午 a.B c'));
  const sys = parseStamp('Mar 23 13:12:50 host kernel: Out of memory')!;
  assert.equal(sys.time, 'Mar 23 13:12:50');
  assert.equal(sys.epochMs, undefined);
  assert.equal(parseStamp('13:12:50.636 [main] INFO a.B - c')!.time, '13:12:50.636');
});

test('non-timestamps', () => {
  for (const t of ['\tat a.B.c(B.java:1)', 'java.lang.OutOfMemoryError: Java heap space', 'Caused by: x', '', 'The web application', '1 Bootstrap']) {
    assert.equal(parseStamp(t), undefined, t);
  }
  assert.equal(looksStamped('\tat a.B.c(B.java:1)'), false);
  assert.equal(looksStamped('java.lang.Error'), false);
  assert.equal(monthIndex('Dec'), 11);
  assert.equal(monthIndex('十二月'), 11);
  assert.equal(monthIndex('12月'), 11);
  assert.equal(monthIndex('mars'), 2); // fr "mars" shares the English prefix
  assert.equal(monthIndex('févr.'), undefined);
});

test('a stamp with its zone says so; a wall clock does not', () => {
  assert.equal(parseStamp('2023-03-23T05:12:50.636123456Z x')!.zoned, true);
  assert.equal(parseStamp('2023-03-23T13:12:50+0800 host java[1]: x')!.zoned, true);
  assert.equal(parseStamp('2023-03-23 13:12:50.636 INFO x')!.zoned, undefined);
  assert.equal(parseStamp('23-Mar-2023 13:12:50.636 INFO x')!.zoned, undefined);
});
