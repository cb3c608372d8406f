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

test('json-file records on the fast path give the report the string path gives', async () => {
  const { parseEveryWay } = await import('../testing.js');
  const { logParser } = await import('./parse.js');
  const { wrapperBytes } = await import('./container-prefix.js');
  let ms = Date.UTC(2023, 2, 23);
  const rec = (log: string, stream = 'stdout', extra = '') => {
    const t = new Date((ms += 9)).toISOString().replace('Z', '123456Z');
    return `{"log":${JSON.stringify(log)},"stream":"${stream}"${extra},"time":"${t}"}`;
  };
  const stamp = () => `23-Mar-2023 ${new Date(ms).toISOString().slice(11, 23)}`;
  const out: string[] = [];
  // Past the 20 000-line format sample, so skip() and skipLines() do the work after it.
  for (let i = 0; i < 26_000; i++) {
    const r = i % 40;
    if (r === 3) {
      out.push(rec(`${stamp()} SEVERE [exec-${i % 7}] a.B.c failed\n`, 'stderr'));
      out.push(rec(`\tjava.lang.IllegalStateException: order "${i}" <not> found & gone\n`, 'stderr'));
      for (let k = 0; k < 5; k++) out.push(rec(`\t\tat com.example.Shop.step${k}(Shop.java:${10 + k})\n`, 'stderr'));
      out.push(rec(`\tCaused by: java.io.IOException: disk \\ ${i}\r\n`, 'stderr'));
      out.push(rec('\t\t... 5 more\n', 'stderr'));
    } else if (r === 9) {
      out.push(
        rec(`${stamp()} 警告 [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads Web应用程序[shop]似乎启动了一个名为[pool-${i % 4}-thread-1]的线程，但未能停止它。线程的堆栈跟踪：[\n`),
      );
      out.push(rec(' sun.misc.Unsafe.park(Native Method)\n'));
      out.push(rec(' java.lang.Thread.run(Thread.java:748)]\n'));
    } else if (r === 13) {
      // A 16 KB split: the first piece has no trailing newline.
      out.push(rec(`${stamp()} INFO [main] part one `), rec('of a long line with Exception inside\n'));
    } else if (r === 17) {
      out.push(rec(`${stamp()} SEVERE [main] x java.lang.OutOfMemoryError: Java heap space\n`));
    } else if (r === 19) {
      // Escapes where the byte tests look: a quoted thread name, an escaped letter, an escaped month.
      out.push('{"log":"\\"main\\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable\\n","stream":"stdout","time":"2023-03-23T00:00:01.5Z"}');
      out.push('{"log":"\\u0045xception in a message\\n","stream":"stdout","time":"2023-03-23T00:00:01.6Z"}');
      out.push('{"log":"\\t\\u6708 not a stamp\\n","stream":"stdout","time":"2023-03-23T00:00:01.7Z"}');
      out.push('{"log":"12:00:00 short\\n","stream":"stdout","time":"2023-03-23T00:00:01.8Z"}');
    } else if (r === 23) {
      out.push(rec(`${stamp()} INFO [main] with attrs\n`, 'stdout', ',"attrs":{"tag":"x"}'));
      out.push('{"log":"no time\\n","stream":"stdout","time":""}');
      out.push('{"log":"cut record');
      out.push(rec(`${stamp()} INFO [main] exited with code 137 \u00e9\n`));
    } else {
      out.push(rec(`${stamp()} INFO [exec-${i % 7}] org.example.Web.log request ${i} served in ${i % 977} ms\n`));
    }
  }
  const text = out.join('\n') + '\n';
  // The fast path really reads these records: most lines of the common shape are recognised on bytes.
  const line = `${stamp()} INFO [x] y`;
  const b = Buffer.from(rec(`${line}\n`));
  const w = { format: undefined, timeStart: 0, timeEnd: 0, inner: 0, innerEnd: 0, firstEscape: -1 };
  assert.equal(wrapperBytes(b, 0, b.length, w), 1);
  assert.equal(w.format, 'docker-json');
  assert.equal(b.toString('utf8', w.inner, w.innerEnd), line);
  const report = parseEveryWay(logParser, text);
  assert.equal(report.container, 'docker-json');
  assert.ok(report.exceptions.some((g) => g.throwable.className === 'java.lang.IllegalStateException' && g.count > 500));
  assert.ok(report.tomcatLeaks.length > 500 && report.errors.some((e) => e.id === 'exit-137'));
});

test('docker --timestamps and CRI lines past the format sample: the fast path agrees with the string path', async () => {
  const { parseEveryWay } = await import('../testing.js');
  const { logParser } = await import('./parse.js');
  let ms = Date.UTC(2023, 2, 23);
  const lines: string[] = [];
  // Blocks of docker --timestamps and CRI lines (mixed on purpose: each wrapper's count, first seen
  // first), traces, leak warnings, CRI partial lines, unstamped application lines.
  for (let i = 0; i < 32_000; i++) {
    const t = new Date((ms += 11)).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
    const cri = Math.floor(i / 700) % 3 === 1;
    const wrap = (line: string, partial = false) => (cri ? `${t} stdout ${partial ? 'P' : 'F'} ${line}` : `${t} ${line}`);
    const own = `23-Mar-2023 ${t.slice(11, 23)}`;
    const r = i % 30;
    if (r === 4) {
      lines.push(wrap(`${own} SEVERE [main] a.B.c failed`));
      lines.push(wrap(`\tjava.lang.IllegalStateException: order ${i} not found`));
      for (let k = 0; k < 4; k++) lines.push(wrap(`\t\tat com.example.Shop.step${k}(Shop.java:${10 + k})`));
      lines.push(wrap(`\tCaused by: java.io.IOException: disk ${i}`));
    } else if (r === 11) {
      lines.push(wrap(`${own} 警告 [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads Web应用程序[shop]似乎启动了一个名为[pool-${i % 4}-thread-1]的线程，但未能停止它。线程的堆栈跟踪：[`));
      lines.push(wrap(' java.lang.Thread.run(Thread.java:748)]'));
    } else if (r === 17 && cri) {
      lines.push(wrap(`${own} INFO [main] a partial `, true), wrap('line with an Exception in it'));
    } else if (r === 23) {
      lines.push(wrap(`plain application output ${i}`));
    } else {
      lines.push(wrap(`${own} INFO [exec-${i % 7}] org.example.Web.log request ${i} served`));
    }
  }
  const report = parseEveryWay(logParser, lines.join('\n') + '\n');
  assert.ok(report.container === 'docker-timestamps' || report.container === 'cri');
  assert.ok(report.exceptions.some((g) => g.count > 300) && report.tomcatLeaks.length > 300);
});
