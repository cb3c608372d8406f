// Retained sizes, paths, suspects and threads on a heap whose retention is known by construction
// (test/java/heap/Retention.java). Sizes assume the default 64-bit JVM (compressed oops and class
// pointers): header 12 bytes, references 4, arrays 16 + elements, everything 8-byte aligned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeHeapDump } from '../../src/heap/analyze.js';
import type { HeapReport } from '../../src/model/heap-report.js';
import { dumpJvm, hasJdk, javac, tempDir } from './heap-jvm.js';

const retainedOf = (r: HeapReport, className: string) => {
  const row = r.histogram.find((h) => h.className === className);
  assert.ok(row, `${className} in the histogram`);
  return row;
};

test('retained sizes, paths, suspects and threads match the construction', { timeout: 120_000 }, async (t) => {
  if (!hasJdk()) return t.skip('JDK (javac, jcmd) absent');
  const tmp = tempDir('jvmdoctor-retention-');
  try {
    javac(tmp.dir, 'Retention.java');
    const leakyDir = join(tmp.dir, 'leaky');
    javac(leakyDir, 'leaky/Leaky.java');
    const { dump, outputs } = await dumpJvm({
      classDir: tmp.dir,
      main: 'Retention',
      jvmArgs: ['-Xmx256m', '-Djvmdoctor.flag=on'],
      args: [leakyDir],
      dump: join(tmp.dir, 'r.hprof'),
      jcmds: ['VM.system_properties'],
    });
    const r = await analyzeHeapDump(dump, { cache: false, top: 30 });
    assert.equal(r.summary.compressedOops, true);
    assert.equal(r.summary.idSize, 8);

    // 1. HashMap of 100 Integer → byte[1000]: holder 16 + HashMap 48 + Node[256] 1040
    //    + 100 × (Node 32 + Integer 16 + byte[1000] 1016).
    const map = retainedOf(r, 'Retention$MapHolder');
    assert.equal(map.instances, 1);
    assert.equal(map.retainedBytes, 16 + 48 + 1040 + 100 * (32 + 16 + 1016));

    // 2. A 100 000-node chain (no recursion may blow up): head 16 + 100 000 × (node 24 + byte[100] 120).
    assert.equal(retainedOf(r, 'Retention$ChainHead').retainedBytes, 16 + 100_000 * (24 + 120));
    const nodes = retainedOf(r, 'Retention$ChainNode');
    assert.equal(nodes.instances, 100_000);
    assert.equal(nodes.retainedBytes, 100_000 * (24 + 120)); // nested nodes are not counted twice

    // 3. Diamond: the bottom is dominated by the top, not by either side.
    assert.equal(retainedOf(r, 'Retention$DiamondTop').retainedBytes, 24 + 16 + 16 + 16 + 1016);
    assert.equal(retainedOf(r, 'Retention$DiamondSide').retainedBytes, 16 + 16);
    assert.equal(retainedOf(r, 'Retention$DiamondBottom').retainedBytes, 16 + 1016);

    // 4. A static held by a class from its own class loader: the loader (which holds its classes)
    //    retains the 2 MB byte[] plus its own small bookkeeping, reached through Retention.LOADER.
    const loader = r.dominators.find((d) => d.className === 'java.net.URLClassLoader');
    assert.ok(loader, 'the URLClassLoader among the biggest objects');
    assert.ok(loader.retainedBytes >= 2_000_016 && loader.retainedBytes < 2_000_016 + 65536, String(loader.retainedBytes));
    assert.match(loader.path, /static field LOADER of Retention$/);
    assert.match(loader.pathToRoot[0].field, /^GC root: /);
    // --path: the same object asked for by id gets the same path.
    const withPath = await analyzeHeapDump(dump, { cache: false, top: 0, pathTo: loader.objectId });
    assert.equal(withPath.requestedPath?.objectId, loader.objectId);
    assert.deepEqual(withPath.requestedPath?.pathToRoot, loader.pathToRoot);
    // A long chain's path keeps both ends.
    const suspect = r.leakSuspects[0];
    assert.ok(suspect.accumulationPoint, 'the biggest suspect has an accumulation point');

    // 5. A thread-local value is retained by its thread.
    const holder = r.threads.find((th) => th.name === 'tl-holder');
    assert.ok(holder, `thread tl-holder among ${r.threads.map((th) => th.name).join(', ')}`);
    assert.ok(holder.retainedBytes >= 3_000_016 && holder.retainedBytes < 3_010_000, String(holder.retainedBytes));
    assert.ok(holder.stack.some((f) => /Thread\.sleep/.test(f)), holder.stack.join('\n'));
    const th = r.dominators.find((d) => d.objectId === holder.objectId);
    assert.ok(th, 'the thread is among the biggest objects');
    assert.equal(th.pathToRoot[0].field, 'GC root: thread');

    // Suspect: the Retention class (its statics hold the chain) retains most of the heap. It is
    // named, not the AppClassLoader above it (which dominates every class it loaded and so every
    // static), and so is the static field that holds most of it (the chain: 14.4 of ~16.5 MB).
    assert.ok(r.leakSuspects.length >= 1);
    const s = r.leakSuspects[0];
    assert.equal(s.className, 'class Retention');
    assert.equal(s.loadedBy, 'jdk.internal.loader.ClassLoaders$AppClassLoader');
    assert.match(s.title, /^Problem suspect 1: class Retention loaded by jdk\.internal\.loader\.ClassLoaders\$AppClassLoader retains /);
    assert.equal(s.field, 'static field CHAIN_HEAD of Retention');
    assert.match(s.description, /held by its static field CHAIN_HEAD of Retention \(one Retention\$ChainHead, /);
    // The class retains its statics' structures: chain + map + diamond + the URLClassLoader (+ its own
    // statics' small objects: the ThreadLocal, the class object itself).
    const byConstruction = retainedOf(r, 'Retention$ChainHead').retainedBytes + map.retainedBytes + retainedOf(r, 'Retention$DiamondTop').retainedBytes + loader.retainedBytes;
    assert.ok(s.retainedBytes >= byConstruction && s.retainedBytes < byConstruction + 4096, `${s.retainedBytes} vs ${byConstruction}`);
    assert.equal(s.accumulationPoint?.className, 'Retention$ChainNode'); // the first node of the linked chain
    assert.ok(!r.leakSuspects.some((x) => /ClassLoaders\$AppClassLoader$/.test(x.className)), r.leakSuspects.map((x) => x.title).join('\n'));
    assert.ok(s.percentOfHeap > 10);
    assert.match(s.description, /retains .* \(\d+(\.\d)?% of the .* reachable heap\)/);
    // System properties: read from System.props in the dump, equal to what jcmd printed just before.
    // One exception: printing them (Properties.store writes a date comment) makes TimeZone set
    // user.timezone, so the dump, taken after, has it and jcmd's output does not.
    const { 'user.timezone': tz, ...props } = r.summary.systemProperties ?? {};
    assert.deepEqual(props, parseJcmdProperties(outputs['VM.system_properties']));
    assert.ok(tz === undefined || tz.length > 0);
    assert.equal(r.summary.systemProperties?.['jvmdoctor.probe'], 'π ≈ 3.14159 = ü:ok');
    assert.equal(r.summary.systemProperties?.['jvmdoctor.latin'], 'café');
    assert.equal(r.summary.systemProperties?.['java.specification.version'], '17');
    assert.equal(r.summary.systemProperties?.['jvmdoctor.flag'], 'on');
    assert.ok(r.summary.reachableBytes <= r.summary.shallowBytes);
    assert.equal(r.summary.objects, r.histogram.reduce((a, h) => a + h.instances, 0));
  } finally {
    tmp.cleanup();
  }
});

/** `jcmd VM.system_properties` prints java.util.Properties.store() format: `#` comments, `key=value`, backslash escapes. */
function parseJcmdProperties(text: string): Record<string, string> {
  const unescape = (x: string) =>
    x.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c));
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || /^\d+:$/.test(line)) continue;
    const m = /^((?:[^=\\]|\\.)*)=(.*)$/.exec(line);
    assert.ok(m, `a property line: ${line}`);
    out[unescape(m[1])] = unescape(m[2]);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
