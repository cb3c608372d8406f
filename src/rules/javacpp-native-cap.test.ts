import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javacppNativeCap } from './javacpp-native-cap.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const seed = (name: string) => readFileSync(join(repoRoot(), 'examples', 'seed-incident', name), 'utf8');
const MB = 1024 ** 2;
const GB = 1024 ** 3;

test('seed: the cap in force is 2 × maxMemory ≈ 7.95 GB (JavaCPP ≤ 1.5.5), which 7775M at failure fits', () => {
  const [f] = runRule(javacppNativeCap, {
    'http-500-response.txt': seed('http-500-response.txt'),
    'catalina.sh': seed('catalina.sh'),
    'jstat-gccapacity.txt': seed('jstat-gccapacity.txt'),
    'top.txt': seed('top.txt'),
    'free-h.txt': seed('free-h.txt'),
  });
  assert.equal(f.severity, 'critical');
  assert.equal(f.facts?.physicalBytesAtFailure, 7775 * MB);
  // Runtime.maxMemory() = young max + old max − one survivor (jstat NGCMX + OGCMX − S0C), × 2.
  assert.equal(f.facts?.maxPhysicalBytes, 2 * (1397760 + 2796544 - 25088) * 1024);
  assert.equal(f.facts?.capFormula, '2 × maxMemory');
  assert.match(f.summary, /JavaCPP 1\.2\.4–1\.5\.5/);
  // Suggested explicit cap: 1.5 × the 7.6 GB RSS, rounded up to whole GB, within 75 % of the 31 GB host.
  assert.deepEqual(f.recommendations[0].flags, ['-Dorg.bytedeco.javacpp.maxPhysicalBytes=12g']);
});

test('without jstat, maxMemory is estimated from -Xmx; a container limit sizes the advice', () => {
  const [f] = runRule(javacppNativeCap, {
    'app.log': '2024-01-01 10:00:00.000 ERROR [http-nio-8080-exec-1] c.x.Api - failed\njava.lang.OutOfMemoryError: Cannot allocate new FloatPointer(1000000): totalBytes = 1G, physicalBytes = 15G\n',
    'setenv.sh': 'CATALINA_OPTS="-Xmx4g"\n',
    'inspect.json': JSON.stringify([{ Id: 'abc', Name: '/svc', State: { Pid: 42, Status: 'running', OOMKilled: false, ExitCode: 0 }, HostConfig: { Memory: 20 * GB }, Config: { Env: [] }, Mounts: [] }], null, 2),
  });
  assert.equal(f.facts?.capFormula, 'maxBytes + 3 × maxMemory', '15 GB at failure fits 4 × maxMemory of a 4 GB heap');
  assert.deepEqual(f.recommendations[0].flags, ['-Dorg.bytedeco.javacpp.maxPhysicalBytes=18g']);
});

test('an explicit property is reported as the cap in force', () => {
  const [f] = runRule(javacppNativeCap, {
    'app.log': 'java.lang.OutOfMemoryError: Physical memory usage is too high: physicalBytes (6G) > maxPhysicalBytes (6G)\n\tat org.bytedeco.javacpp.Pointer.deallocator(Pointer.java:700)\n',
    'setenv.sh': 'JAVA_OPTS="-Xmx2g -Dorg.bytedeco.javacpp.maxPhysicalBytes=6g"\n',
  });
  assert.equal(f.facts?.maxPhysicalBytes, 6 * GB);
  assert.match(f.summary, /set explicitly \(-Dorg\.bytedeco\.javacpp\.maxPhysicalBytes=6g\)/);
});

test('the -Xmx100m reproduction alone: its 188M cap is turned back into the heap it implies', () => {
  const [f] = runRule(javacppNativeCap, { 'repro.log': seed('repro-xmx100m-stacktrace.log') });
  assert.match(f.explanation, /maxPhysicalBytes 188 MB: that cap implies Runtime\.maxMemory\(\) ≈ 94 MB under 2 × maxMemory/);
});

test('maxBytes refusals get their own wording; unrelated logs nothing', () => {
  const [f] = runRule(javacppNativeCap, { 'app.log': 'java.lang.OutOfMemoryError: Failed to allocate memory within limits: totalBytes (1G) > maxBytes (1G)\n' });
  assert.match(f.title, /maxBytes/);
  assert.deepEqual(runRule(javacppNativeCap, { 'app.log': 'java.lang.OutOfMemoryError: Java heap space\n' }), []);
});
