import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { outOfMemoryError } from './out-of-memory-error.js';
import { runRule } from './testing.js';
import { compileJava, haveJdk, runJava } from '../../test/java.js';
import { repoRoot } from '../../test/support.js';

const src = (name: string) => join(repoRoot(), 'fixtures', 'log', 'java', `${name}.java`);

test('real JVM: Java heap space with a heap dump → critical, names the limit and the dump to analyse', { skip: !haveJdk && 'no JDK' }, async (t) => {
  const dir = compileJava([src('HeapOom'), src('DirectOom')]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const heap = await runJava(dir, ['-Xmx16m', '-XX:+HeapDumpOnOutOfMemoryError', `-XX:HeapDumpPath=${dir}`, 'HeapOom']);
  const [f] = runRule(outOfMemoryError, { 'app.log': heap.out, 'setenv.sh': 'JAVA_OPTS="-Xmx16m"\n' });
  assert.equal(f.severity, 'critical');
  assert.equal(f.facts?.errorId, 'oom-heap');
  assert.match(f.summary, /-Xmx is 16 MB/);
  assert.match(f.summary, /Thrown at HeapOom\.main/);
  assert.match(f.recommendations[0].detail, new RegExp(`jvmdoctor heap ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/java_pid\\d+\\.hprof`));

  const direct = await runJava(dir, ['-XX:MaxDirectMemorySize=4m', 'DirectOom']);
  const [d] = runRule(outOfMemoryError, { 'app.log': direct.out });
  assert.equal(d.facts?.errorId, 'oom-direct-buffer');
  assert.equal(d.facts?.limitBytes, 4 * 1024 * 1024);
  assert.match(d.summary, /limit 4 MB/i);
});

test('catalogue messages map to their own explanation', () => {
  const cases: [string, string, RegExp][] = [
    ['java.lang.OutOfMemoryError: Metaspace', 'oom-metaspace', /class loaders/],
    ['java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached', 'oom-native-thread', /ulimit -u/],
    ['java.lang.OutOfMemoryError: GC overhead limit exceeded', 'oom-gc-overhead', /98 %/],
    ['java.lang.OutOfMemoryError: Requested array size exceeds VM limit', 'oom-array-size', /Integer\.MAX_VALUE|2\^31/],
  ];
  for (const [line, id, why] of cases) {
    const [f] = runRule(outOfMemoryError, { 'app.log': `2024-05-01 10:00:00.000 ERROR [main] x - boom\n${line}\n\tat a.B.c(B.java:1)\n` });
    assert.equal(f?.facts?.errorId, id, line);
    assert.match(`${f.explanation} ${JSON.stringify(f.recommendations)}`, why, id);
  }
});

test('JavaCPP refusals and plain logs are not this rule\'s', () => {
  const text = 'java.lang.OutOfMemoryError: Physical memory usage is too high: physicalBytes (196M) > maxPhysicalBytes (188M)\n\tat org.bytedeco.javacpp.Pointer.deallocator (Pointer.java:700)\n';
  assert.deepEqual(runRule(outOfMemoryError, { 'repro.log': text }), []);
  assert.deepEqual(runRule(outOfMemoryError, { 'app.log': '2024-05-01 10:00:00.000 INFO [main] started in 3.2 s\n2024-05-01 10:00:01.000 WARN [main] slow\n' }), []);
});
