// The threaded path (a worker splits and classifies, this thread parses) must give the very report the
// one-thread path gives — on a log that has everything the splitter treats specially.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from './ingest.js';
import { splitInWorker } from './threaded-lines.js';
import { tempDir } from '../../test/support.js';

/** A ~3 MB Tomcat log: a format sample's worth of plain lines, traces, leak warnings, and the awkward bits. */
function awkwardLog(): Buffer {
  const parts: string[] = ['\ufeff'];
  let ms = Date.UTC(2023, 2, 23);
  const stamp = () => {
    const d = new Date((ms += 13));
    return `23-Mar-2023 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  };
  for (let i = 0; i < 26_000; i++) {
    const r = i % 50;
    if (r === 7) {
      parts.push(`${stamp()} 严重 [http-nio-8080-exec-${i % 9}] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() threw exception\n`);
      parts.push(`\tjava.lang.IllegalStateException: order ${i} not found\n`);
      for (let k = 0; k < 6 + (i % 3); k++) parts.push(`\t\tat com.example.Shop.step${k}(Shop.java:${10 + k})\n`);
      parts.push(`\tCaused by: java.sql.SQLException: timeout ${i}\n\t\t... 6 more\n`);
    } else if (r === 19) {
      parts.push(
        `${stamp()} 警告 [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads Web应用程序[shop]似乎启动了一个名为[pool-${i % 4}-thread-1]的线程，但未能停止它。这很可能会造成内存泄漏。线程的堆栈跟踪：[\n sun.misc.Unsafe.park(Native Method)\n java.lang.Thread.run(Thread.java:748)]\n`,
      );
    } else if (r === 31) {
      parts.push(`${stamp()} SEVERE [main] x.Y.z java.lang.OutOfMemoryError: Cannot allocate new IntPointer(1): totalBytes = 0, physicalBytes = 7775M\r\n`);
    } else {
      parts.push(`${stamp()} INFO [exec-${i % 7}] org.example.Web.log request ${i} served in ${i % 977} ms — ok ✓\n`);
    }
    if (i === 12_345) parts.push('\u0001\u0002\u0003\u0004\u0000\u0005garbage\u0006\u0007\n'); // binary
    if (i === 20_000) parts.push(`${stamp()} INFO [main] long ${'é'.repeat(700_000)}\n`); // 1.4 MB: spans chunks, over the line cap
  }
  parts.push(`${stamp()} INFO [main] last line without a newline`);
  return Buffer.from(parts.join(''), 'utf8');
}

test('a big log gives the same report whether its lines are split on a worker or on this thread', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'catalina.out');
    writeFileSync(file, awkwardLog());
    const one = await ingest([file], { threadedFrom: Infinity });
    const two = await ingest([file], { threadedFrom: 0 });
    const items = (r: typeof one) => JSON.stringify(r.case.items);
    assert.equal(one.case.items.length, 1);
    const log = one.case.items[0];
    assert.equal(log.kind, 'log');
    // The report has what the awkward bits should produce, so equality below compares something.
    assert.ok(log.notes.some((n) => /binary/.test(n)), log.notes.join('; '));
    assert.ok(log.notes.some((n) => /long/.test(n)), log.notes.join('; '));
    const data = log.data as { exceptions: unknown[]; tomcatLeaks: unknown[]; errors: unknown[] };
    assert.ok(data.exceptions.length > 0 && data.tomcatLeaks.length > 0 && data.errors.length > 0);
    assert.equal(items(two), items(one));
  } finally {
    dir.cleanup();
  }
});

test('a parser that throws stops the worker and the error reaches the caller', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'x.log');
    writeFileSync(file, awkwardLog());
    const parser = {
      line() {
        throw new Error('parser broke');
      },
      skip: () => false,
    };
    await assert.rejects(splitInWorker(file, 'log', 64 * 1024, parser, () => {}), /parser broke/);
  } finally {
    dir.cleanup();
  }
});

test('a file that cannot be read is a read error, not a crash', async () => {
  const seen: string[] = [];
  const r = await splitInWorker('/nonexistent/jvmdoctor.log', 'log', 64 * 1024, { line: (t) => seen.push(t), skip: () => false }, () => {});
  assert.match(r.readError?.message ?? '', /ENOENT/);
  assert.equal(r.stats.lines, 0);
  assert.deepEqual(seen, []);
});
