// Real logs from the JDK on this machine: tiny Java programs (fixtures/log/java/) run out of heap,
// direct memory and metaspace, and write Tomcat-style leak warnings through java.util.logging with the
// JDK's own Chinese level names. Every JVM is tracked by PID and killed in a finally block.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { haveJdk, runJava } from '../../../test/java.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { fixturePath } from './testkit.js';

function compile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jvmdoctor-log-'));
  const java = ['HeapOom', 'DirectOom', 'MetaspaceOom', 'LeakLog', 'OomReports'].map((c) => fixturePath('java', c + '.java'));
  const r = spawnSync('javac', ['-d', dir, ...java], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

test('real JVM out-of-memory runs', { skip: haveJdk ? false : 'javac absent' }, async () => {
  const dir = compile();
  try {
    // Java heap space, with -XX:+HeapDumpOnOutOfMemoryError into the temp dir.
    const heap = await runJava(dir, ['-Xmx16m', '-XX:+HeapDumpOnOutOfMemoryError', `-XX:HeapDumpPath=${dir}`, 'HeapOom']);
    assert.notEqual(heap.code, 0);
    const h = parseEveryWay(logParser, heap.out);
    const dump = h.errors.find((e) => e.id === 'heap-dump-written');
    assert.ok(dump, heap.out);
    const hprof = readdirSync(dir).find((f) => f.endsWith('.hprof'));
    assert.equal(dump.values.path, join(dir, hprof!));
    assert.equal(typeof dump.values.pid, 'number');
    assert.ok((dump.values.heapDumpBytes as number) > 1_000_000);
    assert.ok(h.errors.some((e) => e.id === 'oom-heap'));
    const g = h.exceptions.find((x) => x.throwable.frames.length > 0)!;
    assert.equal(g.throwable.className, 'java.lang.OutOfMemoryError');
    assert.equal(g.throwable.message, 'Java heap space');
    assert.equal(g.throwable.frames[0], 'HeapOom.main(HeapOom.java:9)');
    assert.ok(logParser.sniff('stdout.log', heap.out) >= 0.9);

    // Direct buffers past -XX:MaxDirectMemorySize (JDK 17 names the sizes).
    const direct = await runJava(dir, ['-XX:MaxDirectMemorySize=1m', 'DirectOom']);
    const d = parseEveryWay(logParser, direct.out);
    assert.deepEqual(
      d.errors.map((e) => [e.id, e.values]),
      [['oom-direct-buffer', { requestedBytes: 262144, allocatedBytes: 1048576, limitBytes: 1048576 }]],
      direct.out,
    );
    assert.match(d.exceptions[0].throwable.frames[0], /^java\.nio\.Bits\.reserveMemory\(Bits\.java:\d+\)$/);

    // Metaspace, exhausted by one class loader per proxy class (a redeploy leak in miniature);
    // -XX:+ExitOnOutOfMemoryError makes the JVM print "Terminating due to …" and exit 3.
    const meta = await runJava(dir, ['-XX:MaxMetaspaceSize=16m', '-XX:+ExitOnOutOfMemoryError', 'MetaspaceOom']);
    assert.equal(meta.code, 3, meta.out);
    const m = parseEveryWay(logParser, meta.out);
    assert.deepEqual(
      m.errors.map((e) => [e.id, e.values]),
      [['oom-metaspace', { onOutOfMemoryError: 'ExitOnOutOfMemoryError' }]],
      meta.out,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('real java.util.logging output with the JDK zh_CN level names', { skip: haveJdk ? false : 'javac absent' }, async () => {
  const dir = compile();
  try {
    for (const layout of ['oneline', 'simple']) {
      const run = await runJava(dir, ['-Duser.language=zh', '-Duser.country=CN', '-Dfile.encoding=UTF-8', 'LeakLog', layout]);
      assert.equal(run.code, 0, run.out);
      const r = parseEveryWay(logParser, run.out);
      assert.equal(r.format, layout === 'oneline' ? 'tomcat-oneline' : 'jul-simple', run.out);
      assert.equal(r.tomcatLeaks.length, 2, run.out);
      const [thread, local] = r.tomcatLeaks;
      assert.equal(thread.levelText, '警告');
      assert.equal(thread.level, 'WARNING');
      assert.equal(thread.webapp, 'xxx');
      assert.equal(thread.threadName, 'elasticsearch[_client_][generic][T#3]');
      assert.equal(thread.threadPool, 'elasticsearch[_client_][generic]');
      assert.equal(thread.library, 'Elasticsearch TransportClient');
      assert.equal(thread.partial, undefined);
      assert.ok(thread.stack!.length >= 5, JSON.stringify(thread.stack));
      assert.equal(thread.stack![0], 'jdk.internal.misc.Unsafe.park(Native Method)');
      assert.equal(thread.stack![thread.stack!.length - 1].replace(/:\d+\)$/, ')'), 'java.lang.Thread.run(Thread.java)');
      assert.equal(local.levelText, '严重');
      assert.equal(local.kind, 'threadlocal');
      assert.equal(local.keyType, 'java.lang.ThreadLocal');
      assert.equal(local.valueType, 'java.util.HashMap');
      // The SEVERE record's thrown exception: wrapper + cause, and the JavaCPP message in the cause.
      assert.equal(r.exceptions.length, 1);
      assert.equal(r.exceptions[0].throwable.className, 'java.lang.IllegalStateException');
      assert.deepEqual(r.exceptions[0].causes.map((c) => c.className), ['java.lang.OutOfMemoryError']);
      assert.deepEqual(
        r.errors.map((e) => [e.id, e.values.physicalBytes]),
        [['javacpp-cannot-allocate', 7775 * 1024 * 1024]],
      );
      assert.ok(r.first?.epochMs && r.first.epochMs > Date.UTC(2020, 0, 1), JSON.stringify(r.first));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('real JVM: an OutOfMemoryError reported, and the JDK naming the class without one', { skip: haveJdk ? false : 'javac absent' }, async () => {
  const dir = compile();
  try {
    // Lines 1-3 only name the class; 5 is the logged trace, 8 and 9 carry it inside messages (Tomcat's
    // "threw exception [e]", Spring's "nested exception is e"); 10 is an uncaught message-less one.
    const run = await runJava(dir, ['-Xmx32m', 'OomReports']);
    assert.equal(run.code, 0, run.out);
    const r = parseEveryWay(logParser, run.out);
    assert.deepEqual(r.errors.map((e) => [e.id, e.line, e.count ?? 1]), [['oom-heap', 5, 3], ['oom-other', 10, 1]], run.out);
    assert.deepEqual(
      r.exceptions.map((g) => [g.throwable.className, g.throwable.message, g.first.line, g.count]),
      [
        ['java.lang.OutOfMemoryError', 'Java heap space', 5, 1],
        ['java.lang.OutOfMemoryError', 'Java heap space', 8, 2],
        ['java.lang.OutOfMemoryError', '', 10, 1],
      ],
      run.out,
    );

    // The JDK's own tools name the class all the time: none of it is an error.
    const tools = [
      spawnSync('java', ['-XX:+PrintFlagsFinal', '-version'], { encoding: 'utf8' }),
      spawnSync('java', ['-Xlog:class+load', '-version'], { encoding: 'utf8' }),
      spawnSync('javap', ['java.lang.OutOfMemoryError'], { encoding: 'utf8' }),
    ];
    const text = tools.map((t) => t.stdout + t.stderr).join('');
    assert.match(text, /HeapDumpOnOutOfMemoryError/);
    assert.match(text, /java\.lang\.OutOfMemoryError source: /);
    assert.match(text, /public class java\.lang\.OutOfMemoryError extends/);
    const n = parseEveryWay(logParser, text);
    assert.deepEqual(n.errors, []);
    assert.deepEqual(n.exceptions.map((g) => g.throwable.className), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
