import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logParser } from './parse.js';
import { ErrorCatalogue } from './error-catalogue.js';
import { parseEveryWay } from '../testing.js';
import { GB, KB, MB } from '../../util/bytes.js';
import type { ErrorHit } from './types.js';

function scan(line: string): ErrorHit[] {
  const c = new ErrorCatalogue();
  c.scan(line, () => ({ line: 1 }));
  return c.result().hits;
}
function one(line: string): Pick<ErrorHit, 'id' | 'values'> {
  const hits = scan(line);
  assert.equal(hits.length, 1, `${line} → ${JSON.stringify(hits)}`);
  return { id: hits[0].id, values: hits[0].values };
}

test('every OutOfMemoryError message of the JVM', () => {
  const cases: [string, string, Record<string, number | string>?][] = [
    ['java.lang.OutOfMemoryError: Java heap space', 'oom-heap'],
    ['Exception in thread "main" java.lang.OutOfMemoryError: GC overhead limit exceeded', 'oom-gc-overhead'],
    ['java.lang.OutOfMemoryError: Metaspace', 'oom-metaspace'],
    ['java.lang.OutOfMemoryError: Compressed class space', 'oom-compressed-class'],
    ['java.lang.OutOfMemoryError: Direct buffer memory', 'oom-direct-buffer'],
    [
      'Exception in thread "main" java.lang.OutOfMemoryError: Cannot reserve 1048576 bytes of direct buffer memory (allocated: 1048577, limit: 2097152)',
      'oom-direct-buffer',
      { requestedBytes: 1048576, allocatedBytes: 1048577, limitBytes: 2097152 },
    ],
    ['java.lang.OutOfMemoryError: unable to create new native thread', 'oom-native-thread'],
    ['java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached', 'oom-native-thread'],
    ['java.lang.OutOfMemoryError: Requested array size exceeds VM limit', 'oom-array-size'],
    ['Caused by: java.lang.OutOfMemoryError: Map failed', 'oom-map-failed'],
    ['java.lang.OutOfMemoryError: Java heap space: failed reallocation of scalar replaced objects', 'oom-heap', { detail: 'failed reallocation of scalar replaced objects' }],
    ['java.lang.OutOfMemoryError: PermGen space', 'oom-other', { detail: 'PermGen space' }],
    ['Terminating due to java.lang.OutOfMemoryError: Java heap space', 'oom-heap', { onOutOfMemoryError: 'ExitOnOutOfMemoryError' }],
    ['Aborting due to java.lang.OutOfMemoryError: Metaspace', 'oom-metaspace', { onOutOfMemoryError: 'CrashOnOutOfMemoryError' }],
  ];
  for (const [line, id, values] of cases) assert.deepEqual(one(line), { id, values: values ?? {} }, line);
  // Naming the flag is not an error.
  assert.deepEqual(scan('JAVA_OPTS="-Xmx4g -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError"'), []);
});

test('JavaCPP: every form, sizes from Pointer.formatBytes to bytes', () => {
  assert.deepEqual(one('背景:前端访问某个接口报 500,Cannot allocate new IntPointer (1): totalBytes = 0, physicalBytes = 7775M,但是访问其他的一些接口正常。'), {
    id: 'javacpp-cannot-allocate',
    values: { pointerClass: 'IntPointer', elements: 1, totalBytes: 0, physicalBytes: 7775 * MB },
  });
  assert.deepEqual(one('java.lang.OutOfMemoryError: Cannot allocate new FloatPointer(1048576): totalBytes = 1G, physicalBytes = 2G'), {
    id: 'javacpp-cannot-allocate',
    values: { pointerClass: 'FloatPointer', elements: 1048576, totalBytes: GB, physicalBytes: 2 * GB },
  });
  assert.deepEqual(one('java.lang.OutOfMemoryError: Physical memory usage is too high: physicalBytes (196M) > maxPhysicalBytes (188M)'), {
    id: 'javacpp-physical-bytes',
    values: { physicalBytes: 196 * MB, maxPhysicalBytes: 188 * MB },
  });
  assert.deepEqual(one('Physical memory usage is too high: physicalBytes = 8G > maxPhysicalBytes = 8G'), {
    id: 'javacpp-physical-bytes',
    values: { physicalBytes: 8 * GB, maxPhysicalBytes: 8 * GB },
  });
  assert.deepEqual(one('Physical memory usage is too high: physicalBytes (196M) &gt; maxPhysicalBytes (188M)</p>'), {
    id: 'javacpp-physical-bytes',
    values: { physicalBytes: 196 * MB, maxPhysicalBytes: 188 * MB },
  });
  assert.deepEqual(one('java.lang.OutOfMemoryError: Failed to allocate memory within limits: totalBytes (3G + 512M) > maxBytes (3G)'), {
    id: 'javacpp-max-bytes',
    values: { totalBytes: 3 * GB, requestedBytes: 512 * MB, maxBytes: 3 * GB },
  });
  assert.deepEqual(one('Failed to allocate memory within limits: totalBytes = 1023K + 4 > maxBytes = 1M'), {
    id: 'javacpp-max-bytes',
    values: { totalBytes: 1023 * KB, requestedBytes: 4, maxBytes: MB },
  });
});

test('Netty, hs_err, heap dumps, the kernel OOM killer and exit code 137', () => {
  assert.deepEqual(one('io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory (used: 2130706432, max: 2147483648)'), {
    id: 'netty-direct',
    values: { requestedBytes: 16777216, usedBytes: 2130706432, maxBytes: 2147483648 },
  });
  assert.deepEqual(one("OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000000c0000000, 1073741824, 0) failed; error='Not enough space' (errno=12)"), {
    id: 'hs-err-native',
    values: { address: '0x00000000c0000000', requestedBytes: 1073741824, error: 'Not enough space', errno: 12 },
  });
  assert.deepEqual(one('Killed process 4242 (java) total-vm:16123456kB, anon-rss:7812345kB, file-rss:0kB, shmem-rss:0kB'), {
    id: 'kernel-oom-kill',
    values: { pid: 4242, process: 'java', totalVmBytes: 16123456 * KB, anonRssBytes: 7812345 * KB, fileRssBytes: 0, shmemRssBytes: 0 },
  });
  assert.deepEqual(one('[12345.678] Memory cgroup out of memory: Killed process 4242 (java) total-vm:16123456kB, anon-rss:7812345kB, file-rss:12kB, shmem-rss:0kB, UID:0 pgtables:15000kB oom_score_adj:0'), {
    id: 'kernel-oom-kill',
    values: { pid: 4242, process: 'java', cgroup: 'memcg', totalVmBytes: 16123456 * KB, anonRssBytes: 7812345 * KB, fileRssBytes: 12 * KB, shmemRssBytes: 0 },
  });
  assert.deepEqual(one('Out of memory: Kill process 4242 (java) score 904 or sacrifice child'), { id: 'kernel-oom-kill', values: { pid: 4242, process: 'java', score: 904 } });
  assert.deepEqual(one('java invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0'), {
    id: 'kernel-oom-kill',
    values: { process: 'java', event: 'invoked oom-killer' },
  });
  assert.deepEqual(one('oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=abc,mems_allowed=0,oom_memcg=/docker/1d75d7d2abcb,task_memcg=/docker/1d75d7d2abcb,task=java,pid=4242,uid=0'), {
    id: 'kernel-oom-kill',
    values: { constraint: 'CONSTRAINT_MEMCG', memcg: '/docker/1d75d7d2abcb', process: 'java', pid: 4242 },
  });
  for (const line of ['tomcat exited with code 137', 'command terminated with exit code 137', '    Exit Code:    137', 'Main process exited, code=killed, status=9/KILL', '      Reason:       OOMKilled']) {
    assert.equal(one(line).id, 'exit-137', line);
  }
  assert.deepEqual(scan('processed 137 requests'), []);
  assert.deepEqual(scan('"OOMKilled": false,'), []);
});

test('hs_err and heap-dump lines complete the hit they belong to', () => {
  const text = `#
# There is insufficient memory for the Java Runtime Environment to continue.
# Native memory allocation (mmap) failed to map 715849728 bytes for committing reserved memory.
# An error report file with more information is saved as:
# /tmp/hs_err_pid4242.log
java.lang.OutOfMemoryError: Java heap space
Dumping heap to /dumps/java_pid4242.hprof ...
Heap dump file created [17040118 bytes in 0.049 secs]
`;
  const r = parseEveryWay(logParser, text);
  assert.deepEqual(
    r.errors.map((e) => [e.id, e.line, e.values]),
    [
      ['hs-err-native', 2, { allocator: 'mmap', requestedBytes: 715849728, purpose: 'committing reserved memory', hsErrFile: '/tmp/hs_err_pid4242.log' }],
      ['oom-heap', 6, {}],
      ['heap-dump-written', 7, { path: '/dumps/java_pid4242.hprof', pid: 4242, heapDumpBytes: 17040118, seconds: 0.049 }],
    ],
  );
});

test('text that merely names OutOfMemoryError is not an error', () => {
  for (const line of [
    '{"className":"java.lang.OutOfMemoryError","count":3}',
    '2023-03-23 13:12:50,001 INFO [main] c.e.Metrics - metrics: java.lang.OutOfMemoryError count=0',
    'JAVA_OPTS="-XX:OnOutOfMemoryError=kill -9 %p"',
    '   7:            12            288  java.lang.OutOfMemoryError (java.base@17.0.15)',
    '    3        96  java.lang.OutOfMemoryError',
    'src/main/java/com/example/Cache.java:42:            throw new OutOfMemoryError("cache full");',
    'src/main/java/com/example/Cache.java:57:        } catch (java.lang.OutOfMemoryError oom) {',
    'import java.lang.OutOfMemoryError;',
    'retry.exclude=java.io.IOException,java.lang.OutOfMemoryError',
    'Compiled from "OutOfMemoryError.java"',
    'java.lang.OutOfMemoryError:count=3',
  ]) {
    assert.deepEqual(scan(line), [], line);
  }
});

test('every printed form of a real OutOfMemoryError is one', () => {
  const cases: [string, string][] = [
    ['2023-03-23 13:12:50,001 ERROR [http-nio-8080-exec-1] c.e.Api - java.lang.OutOfMemoryError: Direct buffer memory', 'oom-direct-buffer'],
    ['23-Mar-2023 13:12:50.636 SEVERE [http-nio-8080-exec-1] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [api] threw exception [java.lang.OutOfMemoryError: Metaspace] with root cause', 'oom-metaspace'],
    ['Handler dispatch failed; nested exception is java.lang.OutOfMemoryError: Java heap space', 'oom-heap'],
    ['\tCaused by: java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached', 'oom-native-thread'],
    // Message-less (new OutOfMemoryError()): where a throwable is printed, and nothing after it.
    ['Exception in thread "worker-1" java.lang.OutOfMemoryError', 'oom-other'],
    ['java.lang.OutOfMemoryError', 'oom-other'],
    ['2023-03-23 13:12:50,001 ERROR [main] c.e.Api - threw exception [java.lang.OutOfMemoryError] with root cause', 'oom-other'],
    // A JSON log line whose stack_trace field carries the printed trace.
    ['{"@timestamp":"2023-03-23T05:12:50Z","level":"ERROR","stack_trace":"java.lang.OutOfMemoryError: Java heap space\\n\\tat a.B.c(B.java:1)\\n"}', 'oom-heap'],
  ];
  for (const [line, id] of cases) assert.equal(one(line).id, id, line);
});
