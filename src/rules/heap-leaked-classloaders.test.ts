// Stopped webapp class loaders read from a real heap dump: a JVM builds Tomcat's own
// ParallelWebappClassLoader (Debian tomcat10 jars) in states known by construction
// (test/java/heap/StoppedLoaders.java): one NEW, two DESTROYED but held by live threads, one garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { heapLeakedClassloaders } from './heap-leaked-classloaders.js';
import { Case } from '../evidence/case.js';
import { runRuleOn } from './testing.js';
import { analyzeHeapDump } from '../heap/analyze.js';
import { dumpJvm, hasJdk, javaSrc, tempDir } from '../../test/e2e/heap-jvm.js';

const TOMCAT = '/usr/share/tomcat10';
const JARS = ['lib/catalina.jar', 'bin/tomcat-juli.jar', 'lib/tomcat-util.jar', 'lib/servlet-api.jar', 'lib/tomcat-api.jar'].map((j) => join(TOMCAT, j));

test('stopped Tomcat webapp class loaders held by threads are found, with their state and path', { timeout: 120_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  if (!JARS.every((j) => existsSync(j))) return t.skip(`Tomcat 10 jars absent (Debian package tomcat10-common: ${JARS.join(', ')})`);
  const tmp = tempDir('jvmdoctor-loaders-');
  try {
    const cp = JARS.join(':');
    execFileSync('javac', ['-cp', cp, '-d', tmp.dir, join(javaSrc, 'StoppedLoaders.java')], { stdio: 'pipe' });
    const { dump } = await dumpJvm({ classDir: `${tmp.dir}:${cp}`, main: 'StoppedLoaders', jvmArgs: ['-Xmx64m'], dump: join(tmp.dir, 'l.hprof') });
    const r = await analyzeHeapDump(dump, { cache: false, top: 5 });

    const webapp = (r.classLoaders ?? []).filter((l) => l.className === 'org.apache.catalina.loader.ParallelWebappClassLoader');
    // The fourth loader was garbage: the dump (live objects only) has none of it, and unreachable ones are not listed.
    assert.equal(webapp.length, 3, JSON.stringify(r.classLoaders, null, 1));
    const running = webapp.filter((l) => !l.stopped);
    assert.equal(running.length, 1);
    assert.equal(running[0].state, 'NEW');
    assert.equal(running[0].stopped, false);
    assert.match(running[0].path, /static field RUNNING of StoppedLoaders$/);
    const stopped = webapp.filter((l) => l.stopped).sort((a, b) => (a.thread ?? '').localeCompare(b.thread ?? ''));
    assert.deepEqual(stopped.map((l) => [l.state, l.thread, l.path, l.definedClasses]), [
      ['DESTROYED', 'leaked-worker-1', 'GC root: thread "leaked-worker-1" → Thread.contextClassLoader', 0],
      ['DESTROYED', 'leaked-worker-2', 'GC root: thread "leaked-worker-2" → Thread.contextClassLoader', 0],
    ]);
    for (const l of stopped) assert.ok(l.retainedBytes > 0 && l.pathToRoot.at(-1)?.objectId === l.objectId);

    const c = new Case();
    c.heaps.push({ file: dump, report: r });
    const [f, ...more] = runRuleOn(heapLeakedClassloaders, c);
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.title, '2 stopped Tomcat webapp class loaders (ParallelWebappClassLoader) still in the heap');
    assert.deepEqual({ n: f.facts?.stoppedLoaders, threads: f.facts?.threads, bytes: f.facts?.retainedBytes }, { n: 2, threads: 'leaked-worker-1, leaked-worker-2', bytes: stopped[0].retainedBytes + stopped[1].retainedBytes });
    assert.match(f.summary, /state DESTROYED\b.*beside 1 running webapp loader.*Kept by: GC root: thread "leaked-worker-\d" → Thread\.contextClassLoader/);
    assert.equal(f.evidence.length, 2);
    assert.match(f.recommendations[0].action, /^Stop the threads the webapp starts \(leaked-worker-1, leaked-worker-2\)/);
  } finally {
    tmp.cleanup();
  }
});

test('no heap dump or no Tomcat loader: no finding', () => {
  const c = new Case();
  assert.deepEqual(runRuleOn(heapLeakedClassloaders, c), []);
});
