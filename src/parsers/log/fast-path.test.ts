import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logParser } from './parse.js';
import { countingSkips, parseBytes } from '../testing.js';
import { hasKeyword, keywordSearchStart, KEYWORDS, stampedBytes } from './line-bytes.js';
import { looksStamped } from './timestamps.js';

// The byte-level fast path (parse.ts skip) must give the result line() gives on every line. Small test
// inputs never leave the 20 000-line format sample, so this builds a log long enough to, with every
// shape the fast path decides on: stamped INFO lines, wrapped lines (docker -t, CRI F and P), traces
// repeated (lean mode) and varied (a new cause after known top frames), leak warnings, catalogue hits.
function bigLog(records: number): string {
  const out: string[] = [];
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  for (let i = 0; i < records; i++) {
    const t = `23-Mar-2023 ${pad(Math.floor(i / 3600) % 24)}:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)}.${pad(i % 1000, 3)}`;
    const r = i % 50;
    let rec = `${t} INFO [http-nio-8080-exec-${i % 7}] org.example.Api.log request ${i} served in ${i % 977} ms`;
    if (r === 1) rec = `${t} 严重 [exec-1] o.a.c.c.StandardWrapperValve.invoke threw exception\n\tjava.lang.IllegalStateException: order ${i}\n\t\tat a.B.c(B.java:1)\n\t\tat a.B.d(B.java:2)\n\t\tat a.B.e(B.java:3)\n\t\tat a.B.f(B.java:4)\n\tCaused by: java.sql.SQLException: x\n\t\tat s.Q.q(Q.java:9)\n\t\t... 4 more`;
    if (r === 2 && i % 1000 === 2) rec = `${t} 严重 [exec-1] o.a.c.c.StandardWrapperValve.invoke threw exception\n\tjava.lang.IllegalStateException: order ${i}\n\t\tat a.B.c(B.java:1)\n\t\tat a.B.d(B.java:2)\n\t\tat a.B.e(B.java:3)\n\t\tat a.B.g(B.java:5)\n\tCaused by: java.io.IOException: other cause\n\t\tat s.R.r(R.java:7)`;
    if (r === 3) rec = `2023-03-23T05:12:${pad(i % 60)}.636123456Z ${t} WARNING [main] org.example.Cache.miss key ${i}`;
    if (r === 4) rec = `2023-03-23T05:12:${pad(i % 60)}.636123456Z stdout F ${t} INFO [main] org.example.X.y tick ${i}`;
    if (r === 5) rec = `2023-03-23T05:12:${pad(i % 60)}.636123456Z stdout P ${t} INFO [main] half\n2023-03-23T05:12:${pad(i % 60)}.7Z stdout F  of a line with Exception in it`;
    if (r === 6 && i % 500 === 6) rec = `${t} 警告 [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads Web应用程序[xxx]似乎启动了一个名为[pool-3-thread-${i % 9}]的线程，但未能停止它。这很可能会造成内存泄漏。线程的堆栈跟踪：[\n sun.misc.Unsafe.park(Native Method)\n java.lang.Thread.run(Thread.java:748)]`;
    if (r === 7 && i % 700 === 7) rec = `${t} SEVERE [main] x.Y.z java.lang.OutOfMemoryError: Cannot allocate new IntPointer(1): totalBytes = 0, physicalBytes = ${7000 + (i % 5)}M`;
    if (r === 8) rec = `  continuation of a message ${i}\nplain text line ${i} without stamp`;
    out.push(rec);
  }
  return out.join('\n') + '\n';
}

test('fast path (skip) and line-by-line parsing agree on a log past the format sample', () => {
  const bytes = new TextEncoder().encode(bigLog(40_000));
  const counting = countingSkips(logParser);
  const fast = parseBytes(counting, bytes, 64 * 1024, 'utf-8', undefined, true);
  assert.ok(counting.skipped > 10_000, `fast path used for ${counting.skipped} lines`);
  const slow = parseBytes(logParser, bytes, 64 * 1024, 'utf-8', undefined, false);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow));
  assert.deepEqual(JSON.stringify(parseBytes(logParser, bytes, 7)), JSON.stringify(slow));
  // The input really exercises the shapes it claims to.
  assert.ok(fast.lines > 45_000, String(fast.lines));
  assert.equal(fast.exceptions.find((g) => g.throwable.className === 'java.lang.IllegalStateException' && g.causes[0]?.className === 'java.sql.SQLException')?.count, 800);
  const variant = fast.exceptions.find((g) => g.causes[0]?.className === 'java.io.IOException');
  assert.ok(variant && variant.count === 40, JSON.stringify(variant));
  assert.ok(fast.tomcatLeaks.length > 0 && fast.errors.some((e) => e.id === 'javacpp-cannot-allocate'));
});

test('hasKeyword finds every keyword anywhere in a line, and only those', () => {
  const enc = new TextEncoder();
  for (const k of KEYWORDS) {
    for (const line of [k, `x${k}`, `${k}y`, `严重 ${k} 警告`]) {
      const b = enc.encode(line);
      assert.ok(hasKeyword(b, 0, b.length), line);
    }
    const cut = enc.encode(k.slice(0, -1));
    assert.equal(hasKeyword(cut, 0, cut.length), KEYWORDS.some((o) => k.slice(0, -1).includes(o)), k);
  }
  const plain = enc.encode('23-Mar-2023 00:00:00.007 INFO [http-nio-8080-exec-1] org.apache.catalina.core.ApplicationContext.log request 1 served');
  assert.equal(hasKeyword(plain, 0, plain.length), false);
});

test('the keyword search starts past a timestamp, and never past a keyword', () => {
  const enc = new TextEncoder();
  const found = (line: string) => {
    const b = enc.encode(line);
    return hasKeyword(b, keywordSearchStart(b, 0, b.length), b.length);
  };
  // Every keyword in every position of a line of any length (the 8-byte steps and the tail).
  for (const k of KEYWORDS) for (let pad = 0; pad < 17; pad++) assert.ok(found(`x${'.'.repeat(pad)}${k}${'-'.repeat(pad % 5)}`), `${pad} ${k}`);
  assert.equal(found('23-Mar-2023 00:01:37.137 INFO [main] request served'), false, 'a 137 inside the timestamp');
  assert.ok(found('23-Mar-2023 00:01:37.137 INFO [main] container exited with code 137'));
  assert.ok(found('12-oom-kill:constraint=CONSTRAINT_MEMCG'), 'not a dd-MMM-yyyy date');
  assert.ok(found('2023-03-23 13:12:50 Error'));
  assert.ok(found('2023-03-23T13:12:50Z Throwable'));
  assert.ok(found('exit status 137'));
});

test('stampedBytes agrees with looksStamped on ASCII and defers on other text', () => {
  const enc = new TextEncoder();
  for (const line of ['23-Mar-2023 x', '2023-03-23T05:12:50Z', '13:12:50 x', 'Mar 23, 2023 1:12:50 PM', 'Mar 23 13:12:50', '\tat a.B', 'plain', '1-2', '', 'A']) {
    const b = enc.encode(line);
    assert.equal(stampedBytes(b, 0, b.length) === 1, looksStamped(line), line);
  }
  for (const line of ['3月 23, 2023 1:12:50 下午', '十一月 23, 2023', '警告: x']) {
    const b = enc.encode(line);
    const r = stampedBytes(b, 0, b.length);
    assert.ok(r === -1 || (r === 1) === looksStamped(line), line);
  }
});
